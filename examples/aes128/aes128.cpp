// The AES-128 core in rtlnet's language: the round function and key schedule as combinational
// logic over byte wires, and a handful of registers that run one round per clock cycle.
#include "aes128.hpp"

namespace aes128 {
namespace {

// The 16 bytes of a 128-bit value in FIPS-197 order: byte 4c + r is row r of column c, and byte 0 is
// the most significant. Selecting bits and concatenating them is only wiring: it costs no logic.
// (A vector filled as the bytes are made: a default-constructed WireVector would be a new, undriven wire.)
using Bytes = std::vector<rtl::WireVector>;

Bytes split(const rtl::WireVector& value)
{
    Bytes bytes;
    for (int i = 0; i < 16; ++i) bytes.push_back(value(127 - 8 * i, 120 - 8 * i));
    return bytes;
}

rtl::WireVector join(const Bytes& bytes)
{
    return rtl::concat(bytes);  // byte 0 first: the most significant
}

// Multiplication by x (that is, by 2) in GF(2^8): shift left, and if a 1 fell out of bit 7 reduce by
// the AES polynomial (xor 0x1b). `<<` keeps the width, so the top bit drops out by itself.
rtl::WireVector xtime(const rtl::WireVector& byte)
{
    return (byte << 1) ^ rtl::select(byte[7], 0x1b, 0);
}

// SubBytes: every byte through the S-box, one ROM read port per byte.
Bytes sub_bytes(const Bytes& state, const rtl::RomBlock& sbox_rom)
{
    Bytes out;
    for (const rtl::WireVector& byte : state) out.push_back(sbox_rom[byte]);
    return out;
}

// ShiftRows: row r turns left by r columns, so byte (r, c) comes from (r, c + r mod 4). Pure wiring again.
Bytes shift_rows(const Bytes& state)
{
    Bytes out;
    for (std::size_t c = 0; c < 4; ++c)
        for (std::size_t r = 0; r < 4; ++r) out.push_back(state[r + 4 * ((c + r) % 4)]);
    return out;
}

// MixColumns: each column times the fixed polynomial {03}x^3 + {01}x^2 + {01}x + {02}. With
// 2a = xtime(a) and 3a = xtime(a) ^ a, every output byte is an xor of four terms.
Bytes mix_columns(const Bytes& state)
{
    Bytes out;
    for (std::size_t c = 0; c < 4; ++c) {
        const rtl::WireVector &a0 = state[4 * c], &a1 = state[4 * c + 1], &a2 = state[4 * c + 2],
                              &a3 = state[4 * c + 3];
        const rtl::WireVector d0 = xtime(a0), d1 = xtime(a1), d2 = xtime(a2), d3 = xtime(a3);  // doubled
        out.push_back(d0 ^ (d1 ^ a1) ^ a2 ^ a3);  // 2a0 + 3a1 + a2 + a3
        out.push_back(a0 ^ d1 ^ (d2 ^ a2) ^ a3);  // a0 + 2a1 + 3a2 + a3
        out.push_back(a0 ^ a1 ^ d2 ^ (d3 ^ a3));  // a0 + a1 + 2a2 + 3a3
        out.push_back((d0 ^ a0) ^ a1 ^ a2 ^ d3);  // 3a0 + a1 + a2 + 2a3
    }
    return out;
}

// One step of the AES-128 key schedule: the next round key from the current one and the round
// constant. Words w0..w3 are the key's four columns; temp = SubWord(RotWord(w3)) xor (rcon, 0, 0, 0).
rtl::WireVector next_round_key(const rtl::WireVector& key, const rtl::WireVector& rcon, const rtl::RomBlock& sbox_rom)
{
    const rtl::WireVector w0 = key(127, 96), w1 = key(95, 64), w2 = key(63, 32), w3 = key(31, 0);
    const rtl::WireVector temp =
        rtl::concat(sbox_rom[w3(23, 16)] ^ rcon, sbox_rom[w3(15, 8)], sbox_rom[w3(7, 0)], sbox_rom[w3(31, 24)]);
    const rtl::WireVector n0 = w0 ^ temp, n1 = w1 ^ n0, n2 = w2 ^ n1, n3 = w3 ^ n2;
    return rtl::concat(n0, n1, n2, n3);
}

void check_width(const rtl::WireVector& wire, int bits, const char* what)
{
    if (wire.bitwidth() != bits)
        throw rtl::WidthError(std::string("aes128::build_core: ") + what + " must be " + std::to_string(bits) +
                              " bits wide, not " + std::to_string(wire.bitwidth()));
}

}  // namespace

CoreWires build_core(const rtl::WireVector& key, const rtl::WireVector& plaintext, const rtl::WireVector& start)
{
    check_width(key, 128, "the key");
    check_width(plaintext, 128, "the plaintext");
    check_width(start, 1, "start");

    // The S-box as a ROM whose contents are computed in C++ (sbox.cpp). One ROM with 20 read ports:
    // 16 for SubBytes and 4 for the key schedule's SubWord, all read in the same cycle.
    const auto& table = sbox();
    const rtl::RomBlock sbox_rom(8, 8, std::vector<rtl::BigInt>(table.begin(), table.end()), "aes_sbox", -1);

    // The state between cycles. `round` is 0 while idle and 1..10 during the rounds; `rcon` is the
    // round constant of the round in progress (1, 2, 4, ... doubling in GF(2^8)).
    rtl::Register state(128, "aes_state"), round_key(128, "aes_round_key");
    rtl::Register rcon(8, "aes_rcon"), round(4, "aes_round"), finished(1, "aes_done");

    // One round, all combinational: the key schedule produces this round's key while the state goes
    // through SubBytes, ShiftRows, MixColumns (skipped in the last round) and AddRoundKey.
    // (Named wires can be inspected and traced in every simulation mode and keep their name in Verilog.)
    const rtl::WireVector key_now = next_round_key(round_key, rcon, sbox_rom);
    key_now.rename("aes_key_schedule");
    const rtl::WireVector last_round = round == 10;
    const Bytes shifted = shift_rows(sub_bytes(split(state), sbox_rom));
    const rtl::WireVector mixed = rtl::select(last_round, join(shifted), join(mix_columns(shifted)));
    const rtl::WireVector ready = round == 0;

    // The control: a start while idle loads the block (the initial AddRoundKey happens on the way
    // in); each busy cycle stores one round. Registers not assigned in a branch keep their value.
    rtl::when(ready & start, [&] {
        state.next |= plaintext ^ key;
        round_key.next |= key;
        rcon.next |= 0x01;
        round.next |= 1;
        finished.next |= 0;
    }).elsewhen(~ready, [&] {
        state.next |= mixed ^ key_now;
        round_key.next |= key_now;
        rcon.next |= xtime(rcon);
        round.next |= rtl::select(last_round, 0, round + 1);
        finished.next |= last_round;
    });
    return {state, finished, ready};
}

CorePorts build_core_with_ports()
{
    CorePorts ports{rtl::Input(128, "key"),         rtl::Input(128, "plaintext"), rtl::Input(1, "start"),
                    rtl::Output(128, "ciphertext"), rtl::Output(1, "done"),       rtl::Output(1, "ready")};
    const CoreWires core = build_core(ports.key, ports.plaintext, ports.start);
    ports.ciphertext <<= core.ciphertext;
    ports.done <<= core.done;
    ports.ready <<= core.ready;
    return ports;
}

}  // namespace aes128

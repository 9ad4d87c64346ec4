#pragma once
/// \file aes128.hpp
/// An AES-128 encryption core (FIPS-197) written in rtlnet's language: one round per clock cycle,
/// driven block by block. It is a showcase of the DSL (RomBlock for the S-box, concat and bit
/// selects for the byte wiring, registers and conditional assignment for the control) and a
/// benchmark design (bench/sim_compare).
///
/// Protocol: while `ready` is 1, a cycle with `start` = 1 takes `key` and `plaintext`. Ten cycles
/// of rounds follow; from the eleventh cycle after the start cycle (kLatencyCycles) `done` is 1 and
/// `ciphertext` holds the result, until the next accepted start. `start` is ignored while a block is
/// in flight, so holding it at 1 encrypts block after block.
///
/// Byte order: FIPS-197's byte 0 (in0, k0, out0) is bits 127..120 of the 128-bit value, so the hex
/// text of FIPS-197 reads as the value: `0x00112233445566778899aabbccddeeff`.
/// \code
///   rtl::BlockScope scope;
///   aes128::build_core_with_ports();
///   rtl::Simulation sim;
///   auto ciphertexts = aes128::encrypt(sim, {{aes128::parse_block("000102030405060708090a0b0c0d0e0f"),
///                                             aes128::parse_block("00112233445566778899aabbccddeeff")}});
///   std::cout << aes128::format_block(ciphertexts[0]) << "\n";   // 69c4e0d86a7b0430d8cdb78070b4c55a
/// \endcode

#include "rtl/rtl.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aes128 {

/// Cycles from the start cycle to the first cycle in which `done` is 1: one to load the block, ten rounds.
inline constexpr int kLatencyCycles = 11;

/// The AES S-box (FIPS-197 5.1.1), computed rather than typed in: the multiplicative inverse in
/// GF(2^8) followed by the affine transformation.
/// \return the 256 entries, entry x at index x.
const std::array<std::uint8_t, 256>& sbox();

/// The outputs of a core built by build_core.
struct CoreWires {
    rtl::WireVector ciphertext;  ///< 128 bits: the state register; the ciphertext while `done` is 1
    rtl::WireVector done;  ///< 1 bit: the last block's ciphertext is ready (until the next accepted start)
    rtl::WireVector ready;  ///< 1 bit: no block in flight; a `start` now is accepted
};

/// Builds the core in the working block, driven by existing wires (e.g. Inputs, or the halves of a
/// wider bus put together with concat). Its registers are named `aes_state`, `aes_round_key`,
/// `aes_rcon`, `aes_round` (0 idle, 1..10 the round in progress) and `aes_done`, its S-box ROM
/// `aes_sbox`, and the round key of the round in progress `aes_key_schedule`, so one block holds one core.
/// \param key the 128-bit cipher key (sampled in the start cycle).
/// \param plaintext the 128-bit block to encrypt (sampled in the start cycle).
/// \param start 1 bit: begin a block (ignored while one is in flight).
/// \return the core's outputs.
/// \throws rtl::WidthError if a wire has the wrong width.
/// \throws rtl::ConnectionError if the wires belong to another block or the names above are taken.
CoreWires build_core(const rtl::WireVector& key, const rtl::WireVector& plaintext, const rtl::WireVector& start);

/// The ports of a core built by build_core_with_ports (also its Verilog port names).
struct CorePorts {
    rtl::Input key;  ///< `key`, 128 bits
    rtl::Input plaintext;  ///< `plaintext`, 128 bits
    rtl::Input start;  ///< `start`, 1 bit
    rtl::Output ciphertext;  ///< `ciphertext`, 128 bits
    rtl::Output done;  ///< `done`, 1 bit
    rtl::Output ready;  ///< `ready`, 1 bit
};

/// Builds the core in the working block with Inputs `key`, `plaintext`, `start` and Outputs
/// `ciphertext`, `done`, `ready`.
/// \return the ports.
/// \throws rtl::ConnectionError if those names (or the core's own, see build_core) are taken.
CorePorts build_core_with_ports();

/// One block to encrypt.
struct BlockInput {
    rtl::BigInt key{};  ///< 128-bit key
    rtl::BigInt plaintext{};  ///< 128-bit plaintext
};

/// Encrypts blocks one after the other on a simulation of build_core_with_ports's design: for each,
/// one start cycle, then cycles until `done` (kLatencyCycles of them).
/// \param sim a simulation of a block built by build_core_with_ports, in any state between blocks.
/// \param blocks the keys and plaintexts.
/// \return the ciphertexts, in order.
/// \throws rtl::SimulationError if a value does not fit 128 bits, the design lacks the ports, or `done`
///         does not rise within kLatencyCycles cycles.
std::vector<rtl::BigInt> encrypt(rtl::Simulation& sim, const std::vector<BlockInput>& blocks);

/// Reads a 128-bit block written as FIPS-197 prints it: 32 hex digits, byte 0 first
/// (`"00112233445566778899aabbccddeeff"`); an optional `0x` prefix and spaces between digits are allowed.
/// \param hex the text.
/// \return the value (byte 0 in bits 127..120).
/// \throws rtl::ValueError naming the text if it is not 32 hex digits.
rtl::BigInt parse_block(std::string_view hex);

/// Writes a 128-bit value as 32 lower-case hex digits, byte 0 first (the inverse of parse_block).
/// \param value a value below 2^128.
/// \return the text.
/// \throws rtl::ValueError if the value is negative or wider than 128 bits.
std::string format_block(const rtl::BigInt& value);

}  // namespace aes128

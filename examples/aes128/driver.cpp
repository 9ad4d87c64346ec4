// Driving a simulated AES-128 core block by block, and the hex text of 128-bit blocks.
#include "aes128.hpp"

#include <fmt/format.h>

#include <cctype>

namespace aes128 {

std::vector<rtl::BigInt> encrypt(rtl::Simulation& sim, const std::vector<BlockInput>& blocks)
{
    std::vector<rtl::BigInt> ciphertexts;
    for (const BlockInput& block : blocks) {
        // One cycle with start raised (the core is ready between blocks), then the rounds.
        sim.step({{"key", block.key}, {"plaintext", block.plaintext}, {"start", 1}});
        sim.step({{"start", 0}});
        for (int cycle = 2; cycle <= kLatencyCycles && sim.inspect_u64("done") == 0; ++cycle) sim.step();
        if (sim.inspect_u64("done") == 0)
            throw rtl::SimulationError(
                fmt::format("aes128::encrypt: done did not rise within {} cycles of start", kLatencyCycles));
        ciphertexts.push_back(sim.inspect("ciphertext"));
    }
    return ciphertexts;
}

rtl::BigInt parse_block(std::string_view hex)
{
    std::string_view digits = hex;
    if (digits.starts_with("0x") || digits.starts_with("0X")) digits.remove_prefix(2);
    rtl::BigInt value = 0;
    int count = 0;  // digits read; -1 once the text is known to be wrong
    for (const char ch : digits) {
        if (ch == ' ') continue;
        const int c = std::tolower(static_cast<unsigned char>(ch));
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (digit < 0 || count == 32) {
            count = -1;
            break;
        }
        value = (value << 4) | digit;
        ++count;
    }
    if (count != 32)
        throw rtl::ValueError(fmt::format("'{}' is not a 128-bit block: write it as 32 hex digits, byte 0 first "
                                          "(e.g. 00112233445566778899aabbccddeeff)",
                                          hex));
    return value;
}

std::string format_block(const rtl::BigInt& value)
{
    if (value < 0 || value >= (rtl::BigInt(1) << 128))
        throw rtl::ValueError("aes128::format_block: " + value.str() + " is not a 128-bit value");
    std::string text(32, '0');
    rtl::BigInt rest = value;
    for (int i = 31; i >= 0; --i) {
        const auto digit = static_cast<int>(rest & 15);
        text[static_cast<std::size_t>(i)] = "0123456789abcdef"[digit];
        rest >>= 4;
    }
    return text;
}

}  // namespace aes128

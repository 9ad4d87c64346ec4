// The AES S-box, computed from its definition (FIPS-197 5.1.1) instead of typed in as 256 numbers.
#include "aes128.hpp"

namespace aes128 {
namespace {

// Multiplication in GF(2^8) modulo the AES polynomial x^8 + x^4 + x^3 + x + 1 (0x11b).
std::uint8_t gf_multiply(std::uint8_t a, std::uint8_t b)
{
    std::uint8_t product = 0;
    for (int bit = 0; bit < 8; ++bit) {
        if (b & 1) product ^= a;
        const bool carry = a & 0x80;
        a = static_cast<std::uint8_t>(a << 1);
        if (carry) a ^= 0x1b;
        b >>= 1;
    }
    return product;
}

std::uint8_t rotate_left(std::uint8_t x, int amount)
{
    return static_cast<std::uint8_t>((x << amount) | (x >> (8 - amount)));
}

std::array<std::uint8_t, 256> make_sbox()
{
    std::array<std::uint8_t, 256> table{};
    for (int x = 0; x < 256; ++x) {
        // The inverse of x (0 maps to 0): the y with x * y = 1, found by trying all 255 candidates.
        std::uint8_t inverse = 0;
        for (int y = 1; y < 256 && x != 0; ++y)
            if (gf_multiply(static_cast<std::uint8_t>(x), static_cast<std::uint8_t>(y)) == 1) {
                inverse = static_cast<std::uint8_t>(y);
                break;
            }
        // The affine transformation: b ^ rotl(b, 1) ^ rotl(b, 2) ^ rotl(b, 3) ^ rotl(b, 4) ^ 0x63.
        table[static_cast<std::size_t>(x)] =
            static_cast<std::uint8_t>(inverse ^ rotate_left(inverse, 1) ^ rotate_left(inverse, 2) ^
                                      rotate_left(inverse, 3) ^ rotate_left(inverse, 4) ^ 0x63);
    }
    return table;
}

}  // namespace

const std::array<std::uint8_t, 256>& sbox()
{
    static const std::array<std::uint8_t, 256> table = make_sbox();
    return table;
}

}  // namespace aes128

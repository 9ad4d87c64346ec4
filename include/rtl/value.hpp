#pragma once
/// \file value.hpp
/// Arbitrary-width integer values at the API edge, and PyRTL's value/bitwidth conversions.

#include <boost/multiprecision/cpp_int.hpp>
#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rtl {

/// An integer of any size. Wire values are always non-negative (two's complement encoded in the
/// wire's bitwidth); signed interpretations come from `val_to_signed_integer`.
using BigInt = boost::multiprecision::cpp_int;

/// A value together with the bitwidth that holds it; `value` is always the non-negative encoding.
struct ValueAndBitwidth {
    BigInt value;
    int bitwidth;
};

/// Number of bits in the binary representation of a non-negative value (0 has 0 bits).
int bit_length(const BigInt& v);

/// The smallest bitwidth that holds `v` (unsigned: at least 1) or, when `is_signed`, the smallest
/// two's complement width (PyRTL's `infer_val_and_bitwidth`). When `bitwidth` is given the value must
/// fit in it and is encoded in it; negative values need a bitwidth or `is_signed`.
/// Throws `ValueError` / `WidthError` with a message naming the value and width.
ValueAndBitwidth infer_val_and_bitwidth(const BigInt& v, std::optional<int> bitwidth = std::nullopt,
                                        bool is_signed = false);

/// Parses a Verilog-style literal such as "8'hFF", "5'b0_11", "-5'b11" or "16'd300".
/// `bitwidth`, if given, must equal the literal's width.
ValueAndBitwidth parse_verilog_literal(std::string_view text, std::optional<int> bitwidth = std::nullopt);

/// Reinterprets the low `bitwidth` bits of `v` as a two's complement number.
BigInt val_to_signed_integer(const BigInt& v, int bitwidth);

/// Truncates `v` (possibly negative) to `bitwidth` bits, giving the non-negative encoding.
BigInt truncate_value(const BigInt& v, int bitwidth);

/// 2^bitwidth - 1.
BigInt bitmask(int bitwidth);

/// Writes the non-negative `value` into `n` little-endian 64-bit limbs (bits above 64·n are dropped).
/// The one conversion from BigInt to the simulator's storage.
void to_limbs(const BigInt& value, std::uint64_t* limbs, std::uint32_t n);
/// The value held in `n` little-endian 64-bit limbs. The one conversion back.
BigInt from_limbs(const std::uint64_t* limbs, std::uint32_t n);

/// Formats a value as PyRTL's hex display would (`0x1f`).
std::string to_hex_string(const BigInt& v);

}  // namespace rtl

/// Lets fmt format BigInt values in decimal: `fmt::format("{}", value)`.
template <>
struct fmt::formatter<rtl::BigInt> : fmt::formatter<std::string> {
    template <class Context>
    auto format(const rtl::BigInt& v, Context& ctx) const
    {
        return fmt::formatter<std::string>::format(v.str(), ctx);
    }
};

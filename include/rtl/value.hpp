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
    BigInt value{};  ///< the non-negative encoding (two's complement for negative inputs)
    int bitwidth{};  ///< the width that holds it
};

/// Number of bits in the binary representation of a non-negative value (0 has 0 bits).
/// \param v a non-negative value.
/// \return the index of its highest set bit plus one.
int bit_length(const BigInt& v);

/// The smallest bitwidth that holds `v` (unsigned: at least 1) or, when `is_signed`, the smallest
/// two's complement width (PyRTL's `infer_val_and_bitwidth`). When `bitwidth` is given the value must
/// fit in it and is encoded in it; negative values need a bitwidth or `is_signed`.
/// \code
///   rtl::infer_val_and_bitwidth(5);            // {5, 3}
///   rtl::infer_val_and_bitwidth(-1, 8);        // {255, 8}
///   rtl::infer_val_and_bitwidth(-3, {}, true); // {5, 3}: 3'b101
/// \endcode
/// \param v the value.
/// \param bitwidth the width to encode it in, if given (at least 1).
/// \param is_signed infer a two's complement width.
/// \return the encoding and its width.
/// \throws WidthError if `bitwidth` is less than 1 or too small for `v`.
/// \throws ValueError if `v` is negative with neither `bitwidth` nor `is_signed`.
ValueAndBitwidth infer_val_and_bitwidth(const BigInt& v, std::optional<int> bitwidth = std::nullopt,
                                        bool is_signed = false);

/// Parses a Verilog-style literal such as "8'hFF", "5'b0_11", "-5'b11" or "16'd300".
/// `bitwidth`, if given, must equal the literal's width.
/// \param text the literal: width, `'`, base letter (b, o, d, h), digits (`_` allowed); a leading
///        `-` negates it in two's complement.
/// \param bitwidth the width the caller expects, if any.
/// \return the encoded value and the literal's width.
/// \throws ValueError if the literal is malformed or its value does not fit its width.
/// \throws WidthError if `bitwidth` is given and differs from the literal's width.
ValueAndBitwidth parse_verilog_literal(std::string_view text, std::optional<int> bitwidth = std::nullopt);

/// Reinterprets the low `bitwidth` bits of `v` as a two's complement number.
/// \param v a non-negative encoding.
/// \param bitwidth its width (at least 1).
/// \return the signed value, e.g. -1 for 255 in 8 bits.
/// \throws WidthError if `bitwidth` is less than 1.
BigInt val_to_signed_integer(const BigInt& v, int bitwidth);

/// Truncates `v` (possibly negative) to `bitwidth` bits, giving the non-negative encoding.
/// \param v any value.
/// \param bitwidth the width.
/// \return `v` modulo 2^bitwidth, in 0 .. 2^bitwidth - 1.
BigInt truncate_value(const BigInt& v, int bitwidth);

/// All ones in `bitwidth` bits.
/// \param bitwidth the width.
/// \return 2^bitwidth - 1.
BigInt bitmask(int bitwidth);

/// Writes the non-negative `value` into `n` little-endian 64-bit limbs (bits above 64·n are dropped).
/// The one conversion from BigInt to the simulator's storage.
/// \param value a non-negative value.
/// \param limbs where to write `n` limbs.
/// \param n the number of limbs.
void to_limbs(const BigInt& value, std::uint64_t* limbs, std::uint32_t n);
/// The value held in `n` little-endian 64-bit limbs. The one conversion back.
/// \param limbs `n` limbs, least significant first.
/// \param n the number of limbs.
/// \return the value.
BigInt from_limbs(const std::uint64_t* limbs, std::uint32_t n);

/// Formats a value in hex, zero-padded to its width: `to_hex_string(31, 12)` is `0x01f`.
/// \param v a non-negative value.
/// \param bitwidth the width it has: at least ceil(bitwidth / 4) digits are written (0: no padding,
///        PyRTL's `0x1f`).
/// \return `0x` and lower-case hex digits.
std::string to_hex_string(const BigInt& v, int bitwidth = 0);

/// A value from hex digits, for constants wider than 64 bits without writing Boost:
/// `rtl::Const(rtl::from_hex("0x000102030405060708090a0b0c0d0e0f"), 128)`. (A Verilog literal,
/// `rtl::Const("128'h0001...")`, does the same with the width in the text.)
/// \param text hex digits, optionally after `0x`, with `_` allowed between them.
/// \return the value.
/// \throws ValueError naming the text if it has no digits, a character that is not a hex digit, or
///         more than 2^20 bits.
BigInt from_hex(std::string_view text);

}  // namespace rtl

/// \cond INTERNAL
/// Lets fmt format BigInt values in decimal: `fmt::format("{}", value)`.
template <>
struct fmt::formatter<rtl::BigInt> : fmt::formatter<std::string> {
    template <class Context>
    auto format(const rtl::BigInt& v, Context& ctx) const
    {
        return fmt::formatter<std::string>::format(v.str(), ctx);
    }
};
/// \endcond

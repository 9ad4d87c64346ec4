#pragma once
/// \file quantize.hpp
/// The integer arithmetic shared by every inference implementation (software, hardware):
/// input quantization, the fixed-point requantization multiplier and requantization itself.
/// These follow pyrtlnet's NumPy/PyRTL path bit-exactly (see docs/qnn.md, "Inference math").
///
/// \code
///   qnn::Multiplier m = qnn::derive_multiplier(s_w, s_in, s_out);   // e.g. {m0 = 0x9999_9a00, n = 1}
///   std::int8_t y = qnn::requantize(acc, m, z_out);                  // clamp(z_out + round(acc * m))
/// \endcode

#include <cstdint>
#include <optional>
#include <span>

namespace qnn {

/// A positive real multiplier m in [2^-32, 1) as m = m0 * 2^-(32 + n): `m0` is an unsigned Q0.32
/// fraction in [0.5, 1) (so m0 >= 2^31) and `n` in [0, 31] a right shift.
struct Multiplier {
    std::uint32_t m0 = 0;
    int n = 0;

    /// The represented value m0 * 2^-(32 + n) (exact in double).
    [[nodiscard]] double value() const;
    friend bool operator==(const Multiplier&, const Multiplier&) = default;
};

/// The real requantization multiplier of one output row, in float32 arithmetic exactly as
/// pyrtlnet: `(weight_scale * input_scale) / output_scale`.
float real_multiplier(float weight_scale, float input_scale, float output_scale);

/// Splits a float32 multiplier: the smallest n in [0, 31] with m * 2^n in [0.5, 1), and
/// m0 = floor(m * 2^n * 2^32), which is exact because a float has 24 significant bits
/// (so the low 8 bits of m0 are always 0). std::nullopt if m is not finite or not in [2^-32, 1).
std::optional<Multiplier> multiplier_from_real(float m);

/// multiplier_from_real(real_multiplier(...)). \throws ModelError if m is out of range.
Multiplier derive_multiplier(float weight_scale, float input_scale, float output_scale);

/// Requantizes an int32 accumulator to int8, rounding once, half up (towards +infinity):
/// with P = acc * m0 (exact, 64-bit) and s = 32 + n (arithmetic shifts, i.e. floor),
/// `q = (P >> s) + ((P >> (s - 1)) & 1)` = floor(acc * m + 1/2), result `clamp(zero + q, -128, 127)`.
/// Ties: 10.5 -> 11, -10.5 -> -10.
/// \pre 0 <= n <= 31 (throws std::invalid_argument otherwise).
std::int8_t requantize(std::int32_t acc, std::uint32_t m0, int n, std::int32_t zero);

/// requantize(acc, m.m0, m.n, zero).
inline std::int8_t requantize(std::int32_t acc, Multiplier m, std::int32_t zero)
{
    return requantize(acc, m.m0, m.n, zero);
}

/// Quantizes one input value as pyrtlnet (`(x / scale + zero).astype(int8)`): computed in double
/// with the float32 scale promoted to double, truncated towards zero. Values outside the int8
/// range saturate (pyrtlnet leaves that undefined) and NaN maps to 0.
std::int8_t quantize_input_value(float x, float scale, std::int32_t zero);

/// Quantizes a row-major image into `out` (same size) with quantize_input_value.
/// \throws std::invalid_argument if the sizes differ.
void quantize_input(std::span<const float> image, float scale, std::int32_t zero, std::span<std::int8_t> out);

}  // namespace qnn

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
    std::uint32_t m0 = 0;  ///< the Q0.32 fraction, >= 2^31
    int n = 0;  ///< the extra right shift, in [0, 31]

    /// The represented value m0 * 2^-(32 + n) (exact in double).
    /// \return the multiplier as a double.
    [[nodiscard]] double value() const;
    /// Equal fields.
    /// \return true if both fields are equal.
    friend bool operator==(const Multiplier&, const Multiplier&) = default;
};

/// The real requantization multiplier of one output row, in float32 arithmetic exactly as
/// pyrtlnet: `(weight_scale * input_scale) / output_scale`.
/// \param weight_scale the row's weight scale.
/// \param input_scale the layer input's scale.
/// \param output_scale the layer output's scale.
/// \return the multiplier, in float32.
float real_multiplier(float weight_scale, float input_scale, float output_scale);

/// Splits a float32 multiplier: the smallest n in [0, 31] with m * 2^n in [0.5, 1), and
/// m0 = floor(m * 2^n * 2^32), which is exact because a float has 24 significant bits
/// (so the low 8 bits of m0 are always 0).
/// \param m the real multiplier.
/// \return the split multiplier, or std::nullopt if m is not finite or not in [2^-32, 1).
std::optional<Multiplier> multiplier_from_real(float m);

/// multiplier_from_real(real_multiplier(...)).
/// \param weight_scale the row's weight scale.
/// \param input_scale the layer input's scale.
/// \param output_scale the layer output's scale.
/// \return the split multiplier.
/// \throws ModelError if m is out of range.
Multiplier derive_multiplier(float weight_scale, float input_scale, float output_scale);

/// Requantizes an int32 accumulator to int8, rounding once, half up (towards +infinity):
/// with P = acc * m0 (exact, 64-bit) and s = 32 + n (arithmetic shifts, i.e. floor),
/// `q = (P >> s) + ((P >> (s - 1)) & 1)` = floor(acc * m + 1/2), result `clamp(zero + q, -128, 127)`.
/// Ties: 10.5 -> 11, -10.5 -> -10.
/// \pre 0 <= n <= 31 (throws UsageError otherwise).
/// \param acc the int32 accumulator.
/// \param m0 the Q0.32 multiplier.
/// \param n the extra right shift.
/// \param zero the output zero point.
/// \return the int8 output.
/// \throws UsageError if n is outside [0, 31].
std::int8_t requantize(std::int32_t acc, std::uint32_t m0, int n, std::int32_t zero);

/// requantize(acc, m.m0, m.n, zero).
/// \param acc the int32 accumulator.
/// \param m the multiplier.
/// \param zero the output zero point.
/// \return the int8 output.
/// \throws UsageError if m.n is outside [0, 31].
inline std::int8_t requantize(std::int32_t acc, Multiplier m, std::int32_t zero)
{
    return requantize(acc, m.m0, m.n, zero);
}

/// Quantizes one input value as pyrtlnet (`(x / scale + zero).astype(int8)`): computed in double
/// with the float32 scale promoted to double, truncated towards zero. Values outside the int8
/// range saturate (pyrtlnet leaves that undefined) and NaN maps to 0.
/// \param x the pixel, normally in [0, 1].
/// \param scale the input scale.
/// \param zero the input zero point.
/// \return the int8 input.
std::int8_t quantize_input_value(float x, float scale, std::int32_t zero);

/// Quantizes a row-major image into `out` (same size) with quantize_input_value.
/// \param image the pixels.
/// \param scale the input scale.
/// \param zero the input zero point.
/// \param out receives the int8 inputs.
/// \throws UsageError if the sizes differ.
void quantize_input(std::span<const float> image, float scale, std::int32_t zero, std::span<std::int8_t> out);

}  // namespace qnn

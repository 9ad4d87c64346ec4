#pragma once
/// \file reference.hpp
/// A second, independent implementation of the quantized network following TensorFlow Lite's
/// default int8 FULLY_CONNECTED kernel: the multiplier is computed in double and split by
/// QuantizeMultiplier into a Q31 int32 and a shift, requantization is gemmlowp's
/// SaturatingRoundingDoublingHighMul followed by RoundingDivideByPOT (two roundings, half away
/// from zero), and ReLU is a clamp to [z_out, 127] after requantization.
///
/// Its layer outputs may differ from SoftwareInference by +-1 (pyrtlnet-spec §3.7); predictions
/// normally agree. It stands in for pyrtlnet's LiteRT path.

#include "qnn/inference.hpp"
#include "qnn/model.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace qnn {

/// TFLite's quantized multiplier: real = q31 * 2^(shift - 31), q31 in [2^30, 2^31).
struct TfliteMultiplier {
    std::int32_t q31 = 0;  ///< the Q31 mantissa
    int shift = 0;  ///< Positive = left shift, negative = right shift.
};

/// TFLite's QuantizeMultiplier (frexp, round, renormalise at 2^31; 0 for multipliers below 2^-31).
/// \param real_multiplier the multiplier, computed in double.
/// \return the Q31 mantissa and shift.
TfliteMultiplier quantize_multiplier_tflite(double real_multiplier);

/// TFLite's MultiplyByQuantizedMultiplier: RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(
/// x * 2^left_shift, q31), right_shift), via gemmlowp.
/// \param x the accumulator.
/// \param m the multiplier.
/// \return x · m, rounded as TFLite does.
std::int32_t multiply_by_quantized_multiplier(std::int32_t x, TfliteMultiplier m);

/// The int8 output: clamp(multiply_by_quantized_multiplier(acc, m) + zero, lo, hi).
/// \param acc the accumulator.
/// \param m the multiplier.
/// \param zero the output zero point.
/// \param lo the lower clamp (z_out for ReLU layers).
/// \param hi the upper clamp.
/// \return the int8 output.
std::int8_t reference_requantize(std::int32_t acc, TfliteMultiplier m, std::int32_t zero, std::int32_t lo = -128,
                                 std::int32_t hi = 127);

/// The reference implementation (TFLite/gemmlowp arithmetic).
class ReferenceInference {
public:
    /// Validates the model and precomputes the per-row TFLite multipliers
    /// ((double)s_in * (double)s_w / (double)s_out).
    /// \param model the model.
    /// \throws ModelError if the model is invalid.
    explicit ReferenceInference(QuantizedModel model);

    /// Runs B images; same result layout as SoftwareInference::run_batch.
    /// \param images the images.
    /// \return every layer's outputs and the predictions.
    /// \throws UsageError if an image has the wrong size.
    [[nodiscard]] BatchResult run_batch(std::span<const ImageView> images) const;

    /// The model.
    /// \return the validated model.
    [[nodiscard]] const QuantizedModel& model() const { return model_; }

private:
    QuantizedModel model_;
    std::vector<std::vector<TfliteMultiplier>> multipliers_;
};

}  // namespace qnn

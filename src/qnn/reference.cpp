// Reference inference with TFLite's arithmetic (gemmlowp fixed point).

#include "qnn/reference.hpp"

#include <gemmlowp/fixedpoint/fixedpoint.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace qnn {

TfliteMultiplier quantize_multiplier_tflite(double real_multiplier)
{
    if (real_multiplier == 0.0) return {};
    int shift = 0;
    const double q = std::frexp(real_multiplier, &shift);
    auto q_fixed = static_cast<std::int64_t>(std::round(q * static_cast<double>(std::int64_t{1} << 31)));
    if (q_fixed == (std::int64_t{1} << 31)) {
        q_fixed /= 2;
        ++shift;
    }
    if (shift < -31) {
        shift = 0;
        q_fixed = 0;
    }
    return {static_cast<std::int32_t>(q_fixed), shift};
}

std::int32_t multiply_by_quantized_multiplier(std::int32_t x, TfliteMultiplier m)
{
    const int left_shift = m.shift > 0 ? m.shift : 0;
    const int right_shift = m.shift > 0 ? 0 : -m.shift;
    // TFLite multiplies by 2^left_shift in int32 (only used for multipliers >= 1).
    const auto shifted = static_cast<std::int32_t>(static_cast<std::int64_t>(x) * (std::int64_t{1} << left_shift));
    return gemmlowp::RoundingDivideByPOT(gemmlowp::SaturatingRoundingDoublingHighMul(shifted, m.q31), right_shift);
}

std::int8_t reference_requantize(std::int32_t acc, TfliteMultiplier m, std::int32_t zero, std::int32_t lo,
                                 std::int32_t hi)
{
    const std::int64_t value = std::int64_t{multiply_by_quantized_multiplier(acc, m)} + zero;
    return static_cast<std::int8_t>(std::clamp<std::int64_t>(value, lo, hi));
}

ReferenceInference::ReferenceInference(QuantizedModel model) : model_(std::move(model))
{
    validate_model(model_, "model");
    for (std::size_t i = 0; i < model_.layers.size(); ++i) {
        const DenseLayer& layer = model_.layers[i];
        std::vector<TfliteMultiplier> rows;
        for (int row = 0; row < layer.rows; ++row) {
            const double real = static_cast<double>(model_.layer_input_scale(i)) *
                static_cast<double>(layer.row_weight_scale(row)) / static_cast<double>(layer.output_scale);
            rows.push_back(quantize_multiplier_tflite(real));
        }
        multipliers_.push_back(std::move(rows));
    }
}

BatchResult ReferenceInference::run_batch(std::span<const ImageView> images) const
{
    const Int8Matrix inputs = quantize_batch(model_, images);
    const int batch = inputs.cols;
    BatchResult result;
    for (const DenseLayer& layer : model_.layers) {
        result.layer_names.push_back(layer.name);
        result.layer_outputs.emplace_back(batch, layer.rows);
    }
    std::vector<std::int8_t> x;
    for (int k = 0; k < batch; ++k) {
        x.resize(static_cast<std::size_t>(inputs.rows));
        for (int j = 0; j < inputs.rows; ++j) x[static_cast<std::size_t>(j)] = inputs.at(j, k);
        for (std::size_t i = 0; i < model_.layers.size(); ++i) {
            const DenseLayer& layer = model_.layers[i];
            // TFLite: input_offset = -z_in, filter_offset = 0, fused ReLU = clamp to [z_out, 127].
            const std::int32_t input_offset = -model_.layer_input_zero(i);
            const std::int32_t lo = layer.relu ? std::max<std::int32_t>(layer.output_zero, -128) : -128;
            std::vector<std::int8_t> y(static_cast<std::size_t>(layer.rows));
            for (int row = 0; row < layer.rows; ++row) {
                std::int32_t acc = 0;
                const auto w = layer.weight_row(row);
                for (std::size_t j = 0; j < w.size(); ++j)
                    acc += std::int32_t{w[j]} * (std::int32_t{x[j]} + input_offset);
                acc += layer.bias[static_cast<std::size_t>(row)];
                y[static_cast<std::size_t>(row)] =
                    reference_requantize(acc, multipliers_[i][static_cast<std::size_t>(row)], layer.output_zero, lo);
                result.layer_outputs[i].at(k, row) = y[static_cast<std::size_t>(row)];
            }
            x = std::move(y);
        }
        result.predictions.push_back(argmax(x));
    }
    return result;
}

}  // namespace qnn

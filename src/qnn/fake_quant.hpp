#pragma once
// Internal: the fake-quantization operators of quantization-aware training. Each maps a float to
// the float value its int8 representation stands for, using exactly the rounding of the
// conversion (convert_to_int8), so training sees what the int8 model computes.

#include "qnn/quantize.hpp"
#include "qnn/training.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

namespace qnn::detail {

/// Per-row symmetric int8 fake quantization of a layer's weights into `out`.
inline void fake_quantize_weights(const FloatDense& layer, std::vector<float>& out)
{
    const std::vector<float> scales = weight_scales(layer);
    out.resize(layer.weight.size());
    for (int i = 0; i < layer.rows; ++i) {
        const float s = scales[static_cast<std::size_t>(i)];
        for (int j = 0; j < layer.cols; ++j) {
            const std::size_t k =
                static_cast<std::size_t>(i) * static_cast<std::size_t>(layer.cols) + static_cast<std::size_t>(j);
            out[k] = std::clamp(std::round(layer.weight[k] / s), -127.0f, 127.0f) * s;
        }
    }
}

/// The value an input pixel has after int8 quantization (quantize_input_value).
inline float fake_quantize_input(float x, const InputQuantization& q)
{
    return static_cast<float>(quantize_input_value(x, q.scale, q.zero) - q.zero) * q.scale;
}

/// Asymmetric int8 fake quantization with a fixed range.
class ActivationFakeQuant {
public:
    explicit ActivationFakeQuant(Range range) : q_(activation_quantization(range))
    {
        lo_ = static_cast<float>(-128 - q_.zero) * q_.scale;
        hi_ = static_cast<float>(127 - q_.zero) * q_.scale;
    }
    /// The fake-quantized value.
    [[nodiscard]] float operator()(float x) const
    {
        const float q = std::clamp(std::round(x / q_.scale) + static_cast<float>(q_.zero), -128.0f, 127.0f);
        return (q - static_cast<float>(q_.zero)) * q_.scale;
    }
    /// Straight-through estimator: the gradient passes where x is inside the representable range.
    [[nodiscard]] bool passes(float x) const { return x >= lo_ && x <= hi_; }

private:
    ActivationQuantization q_;
    float lo_ = 0.0f;
    float hi_ = 0.0f;
};

}  // namespace qnn::detail

// Calibration of activation ranges and conversion of a float network to int8 (TFLite's scheme).

#include "fake_quant.hpp"
#include "qnn/error.hpp"
#include "qnn/training.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace qnn {

ActivationQuantization activation_quantization(Range range)
{
    const float lo = std::min(range.min, 0.0f);
    float hi = std::max(range.max, 0.0f);
    if (!(hi - lo > 1e-6f)) hi = lo + 1e-6f;  // degenerate (e.g. dead) activation: any small range
    ActivationQuantization q;
    q.scale = (hi - lo) / 255.0f;
    const float zero = std::round(-128.0f - lo / q.scale);
    q.zero = static_cast<std::int32_t>(std::clamp(zero, -128.0f, 127.0f));
    return q;
}

std::vector<float> weight_scales(const FloatDense& layer)
{
    std::vector<float> scales;
    for (int i = 0; i < layer.rows; ++i) {
        float largest = 0.0f;
        for (int j = 0; j < layer.cols; ++j) {
            largest =
                std::max(largest,
                         std::abs(layer.weight[static_cast<std::size_t>(i) * static_cast<std::size_t>(layer.cols) +
                                               static_cast<std::size_t>(j)]));
        }
        scales.push_back(largest > 0.0f ? largest / 127.0f : 1.0f);
    }
    return scales;
}

std::vector<Range> calibrate_ranges(const FloatNetwork& network, const ImageSet& images, std::size_t count,
                                    std::optional<InputQuantization> quantized)
{
    FloatNetwork effective = network;
    if (quantized) {
        for (FloatDense& layer : effective.layers) {
            std::vector<float> fq;
            detail::fake_quantize_weights(layer, fq);
            layer.weight = std::move(fq);
        }
    }
    std::vector<Range> ranges(network.layers.size(),
                              Range{std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest()});
    count = std::min(count, images.size());
    std::vector<float> input(images.image_size());
    for (std::size_t k = 0; k < count; ++k) {
        const auto image = images.image(k);
        for (std::size_t j = 0; j < input.size(); ++j) {
            input[j] = quantized ? detail::fake_quantize_input(image[j], *quantized) : image[j];
        }
        std::vector<float> a = input;
        for (std::size_t l = 0; l < effective.layers.size(); ++l) {
            const FloatDense& layer = effective.layers[l];
            std::vector<float> z(static_cast<std::size_t>(layer.rows));
            for (int i = 0; i < layer.rows; ++i) {
                float sum = layer.bias[static_cast<std::size_t>(i)];
                for (int j = 0; j < layer.cols; ++j) {
                    sum += layer.weight[static_cast<std::size_t>(i) * static_cast<std::size_t>(layer.cols) +
                                        static_cast<std::size_t>(j)] *
                        a[static_cast<std::size_t>(j)];
                }
                if (l + 1 < effective.layers.size()) sum = std::max(sum, 0.0f);
                z[static_cast<std::size_t>(i)] = sum;
                ranges[l].min = std::min(ranges[l].min, sum);
                ranges[l].max = std::max(ranges[l].max, sum);
            }
            a = std::move(z);
        }
    }
    for (std::size_t l = 0; l < ranges.size(); ++l) {
        if (count == 0) ranges[l] = Range{};
        if (l + 1 < ranges.size()) ranges[l].min = 0.0f;  // ReLU output: the range starts at 0
    }
    return ranges;
}

QuantizedModel convert_to_int8(const FloatNetwork& network, const std::vector<Range>& ranges, InputQuantization input)
{
    if (ranges.size() != network.layers.size()) {
        throw ModelError(fmt::format("convert_to_int8: {} ranges for {} layers", ranges.size(), network.layers.size()));
    }
    QuantizedModel model;
    model.input_scale = input.scale;
    model.input_zero = input.zero;
    float input_scale = input.scale;
    for (std::size_t l = 0; l < network.layers.size(); ++l) {
        const FloatDense& f = network.layers[l];
        DenseLayer layer;
        layer.name = fmt::format("layer{}", l);
        layer.rows = f.rows;
        layer.cols = f.cols;
        layer.relu = l + 1 < network.layers.size();
        layer.weight_scale = weight_scales(f);
        layer.weight_zero.assign(layer.weight_scale.size(), 0);
        for (int i = 0; i < f.rows; ++i) {
            const float s = layer.weight_scale[static_cast<std::size_t>(i)];
            for (int j = 0; j < f.cols; ++j) {
                const float w = f.weight[static_cast<std::size_t>(i) * static_cast<std::size_t>(f.cols) +
                                         static_cast<std::size_t>(j)];
                layer.weight.push_back(static_cast<std::int8_t>(std::clamp(std::round(w / s), -127.0f, 127.0f)));
            }
            const double bias_scale = static_cast<double>(input_scale) * static_cast<double>(s);
            const double bias = std::round(static_cast<double>(f.bias[static_cast<std::size_t>(i)]) / bias_scale);
            layer.bias.push_back(static_cast<std::int32_t>(
                std::clamp(bias, static_cast<double>(std::numeric_limits<std::int32_t>::min()),
                           static_cast<double>(std::numeric_limits<std::int32_t>::max()))));
        }
        const ActivationQuantization q = activation_quantization(ranges[l]);
        layer.output_scale = q.scale;
        layer.output_zero = q.zero;
        input_scale = q.scale;
        model.layers.push_back(std::move(layer));
    }
    validate_model(model, "converted model");
    return model;
}

}  // namespace qnn

#include "random_model.hpp"

#include <cmath>

namespace test_models {

qnn::QuantizedModel random_model(std::mt19937_64& rng, const std::vector<int>& widths)
{
    std::uniform_real_distribution<float> unit(0.0f, 1.0f);
    qnn::QuantizedModel model;
    model.input_scale = 1.0f / 255.0f;
    model.input_zero = -128;
    float in_scale = model.input_scale;
    for (std::size_t i = 0; i + 1 < widths.size(); ++i) {
        qnn::DenseLayer layer;
        layer.name = "layer" + std::to_string(i);
        layer.cols = widths[i];
        layer.rows = widths[i + 1];
        layer.relu = i + 2 < widths.size();
        for (int k = 0; k < layer.rows * layer.cols; ++k)
            layer.weight.push_back(static_cast<std::int8_t>(static_cast<int>(rng() % 255) - 127));
        float max_scale = 0;
        for (int r = 0; r < layer.rows; ++r) {
            float s = 0.002f + 0.02f * unit(rng);
            layer.weight_scale.push_back(s);
            layer.weight_zero.push_back(0);
            max_scale = std::max(max_scale, s);
            layer.bias.push_back(static_cast<std::int32_t>(rng() % 20001) - 10000);
        }
        // An output scale that keeps outputs spread over the int8 range: the sum of |products|
        // grows with the input width.
        layer.output_scale = max_scale * in_scale * static_cast<float>(layer.cols) * (8.0f + 24.0f * unit(rng));
        layer.output_zero = static_cast<std::int32_t>(rng() % 60) - 30 - (layer.relu ? 90 : 0);
        in_scale = layer.output_scale;
        model.layers.push_back(std::move(layer));
    }
    return model;
}

std::vector<std::vector<float>> random_images(std::mt19937_64& rng, int count, int pixels)
{
    std::uniform_real_distribution<float> unit(0.0f, 1.0f);
    std::vector<std::vector<float>> images;
    for (int i = 0; i < count; ++i) {
        std::vector<float> img(static_cast<std::size_t>(pixels));
        int kind = static_cast<int>(rng() % 5);
        for (auto& p : img) p = kind == 0 ? 0.0f : kind == 1 ? 1.0f : (unit(rng) < 0.6f ? 0.0f : unit(rng));
        images.push_back(std::move(img));
    }
    return images;
}

}  // namespace test_models

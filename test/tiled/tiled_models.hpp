#pragma once
// Random quantized models for the tiled-accelerator tests: any depth, odd sizes and zero points,
// weights that reach ±127/−128, and multipliers that make outputs saturate.

#include "qnn/inference.hpp"
#include "qnn/model.hpp"

#include <random>
#include <vector>

namespace tiled_test {

inline qnn::QuantizedModel random_model(const std::vector<int>& sizes, unsigned seed)
{
    std::mt19937 rng(seed);
    auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    auto real = [&](float lo, float hi) { return std::uniform_real_distribution<float>(lo, hi)(rng); };
    qnn::QuantizedModel model;
    model.input_scale = 0.01f;
    model.input_zero = uniform(-128, 127);
    for (std::size_t i = 0; i + 1 < sizes.size(); ++i) {
        qnn::DenseLayer layer;
        layer.name = "layer" + std::to_string(i);
        layer.cols = sizes[i];
        layer.rows = sizes[i + 1];
        for (int k = 0; k < layer.rows * layer.cols; ++k)
            layer.weight.push_back(
                static_cast<std::int8_t>(uniform(0, 9) == 0 ? (uniform(0, 1) ? 127 : -128) : uniform(-128, 127)));
        for (int r = 0; r < layer.rows; ++r) {
            layer.bias.push_back(uniform(-20000, 20000));
            layer.weight_scale.push_back(real(0.001f, 0.02f));
            layer.weight_zero.push_back(0);
        }
        layer.output_scale = real(0.05f, 0.5f);
        layer.output_zero = uniform(-128, 127);
        layer.relu = i + 2 < sizes.size() ? uniform(0, 1) == 1 : false;
        model.layers.push_back(layer);
    }
    qnn::validate_model(model, "random test model");
    return model;
}

// n random images; the first two are all −128 and all 127 (the accumulator bounds' extremes).
inline qnn::Int8Matrix random_inputs(int inputs, int n, unsigned seed)
{
    std::mt19937 rng(seed);
    qnn::Int8Matrix m(inputs, n);
    for (int k = 0; k < n; ++k)
        for (int j = 0; j < inputs; ++j)
            m.at(j, k) = static_cast<std::int8_t>(k == 0 ? -128 : k == 1 ? 127 : static_cast<int>(rng() % 256) - 128);
    return m;
}

}  // namespace tiled_test

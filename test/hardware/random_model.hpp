#pragma once
// Random but valid quantized models, for checking implementations against each other bit for bit
// without training (bit-exactness does not need a good model).

#include "qnn/model.hpp"

#include <random>
#include <vector>

namespace test_models {

/// A model with layers of the given widths (widths[0] inputs), ReLU on all but the last layer.
qnn::QuantizedModel random_model(std::mt19937_64& rng, const std::vector<int>& widths);

/// Random images of `pixels` values in [0, 1] (some blank, some saturated).
std::vector<std::vector<float>> random_images(std::mt19937_64& rng, int count, int pixels);

}  // namespace test_models

// The float network: initialisation and plain forward inference.

#include "qnn/random.hpp"
#include "qnn/training.hpp"

#include <algorithm>
#include <cmath>

namespace qnn {

FloatNetwork FloatNetwork::glorot(int inputs, const std::vector<int>& hidden, int outputs, std::uint32_t seed)
{
    Rng rng(seed);
    FloatNetwork network;
    std::vector<int> widths{inputs};
    widths.insert(widths.end(), hidden.begin(), hidden.end());
    widths.push_back(outputs);
    for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
        FloatDense layer;
        layer.cols = widths[l];
        layer.rows = widths[l + 1];
        const float limit = std::sqrt(6.0f / static_cast<float>(layer.rows + layer.cols));
        layer.weight.resize(static_cast<std::size_t>(layer.rows) * static_cast<std::size_t>(layer.cols));
        for (float& w : layer.weight) w = rng.uniform(-limit, limit);
        layer.bias.assign(static_cast<std::size_t>(layer.rows), 0.0f);
        network.layers.push_back(std::move(layer));
    }
    return network;
}

std::vector<float> FloatNetwork::forward(std::span<const float> input) const
{
    std::vector<float> a(input.begin(), input.end());
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const FloatDense& layer = layers[l];
        std::vector<float> z(static_cast<std::size_t>(layer.rows));
        for (int i = 0; i < layer.rows; ++i) {
            const float* w = layer.weight.data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(layer.cols);
            float sum = layer.bias[static_cast<std::size_t>(i)];
            for (int j = 0; j < layer.cols; ++j) sum += w[j] * a[static_cast<std::size_t>(j)];
            z[static_cast<std::size_t>(i)] = l + 1 < layers.size() ? std::max(sum, 0.0f) : sum;
        }
        a = std::move(z);
    }
    return a;
}

int FloatNetwork::predict(std::span<const float> input) const
{
    const std::vector<float> logits = forward(input);
    return static_cast<int>(std::max_element(logits.begin(), logits.end()) - logits.begin());
}

double float_accuracy(const FloatNetwork& network, const ImageSet& images)
{
    if (images.size() == 0) return 0.0;
    std::size_t correct = 0;
    for (std::size_t k = 0; k < images.size(); ++k) correct += network.predict(images.image(k)) == images.labels[k];
    return static_cast<double>(correct) / static_cast<double>(images.size());
}

}  // namespace qnn

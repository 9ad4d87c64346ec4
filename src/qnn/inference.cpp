// Software inference: exact integer dense layers with pyrtlnet's requantization.

#include "qnn/inference.hpp"

#include "qnn/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace qnn {

int argmax(std::span<const std::int8_t> values)
{
    if (values.empty()) return -1;
    return static_cast<int>(std::max_element(values.begin(), values.end()) - values.begin());  // first maximum
}

Int8Matrix quantize_batch(const QuantizedModel& model, std::span<const ImageView> images)
{
    const int inputs = model.input_size();
    Int8Matrix matrix(inputs, static_cast<int>(images.size()));
    for (std::size_t k = 0; k < images.size(); ++k) {
        const ImageView image = images[k];
        if (image.size() != static_cast<std::size_t>(inputs)) {
            throw UsageError(
                fmt::format("image {} of the batch has {} pixels but the model expects {}", k, image.size(), inputs));
        }
        for (int j = 0; j < inputs; ++j) {
            matrix.at(j, static_cast<int>(k)) =
                quantize_input_value(image[static_cast<std::size_t>(j)], model.input_scale, model.input_zero);
        }
    }
    return matrix;
}

std::int32_t dense_accumulator(const DenseLayer& layer, int row, std::span<const std::int8_t> x,
                               std::int32_t input_zero)
{
    const std::span<const std::int8_t> w = layer.weight_row(row);
    std::int32_t acc = 0;
    for (std::size_t j = 0; j < w.size(); ++j) acc += std::int32_t{w[j]} * (std::int32_t{x[j]} - input_zero);
    return acc + layer.bias[static_cast<std::size_t>(row)];
}

SoftwareInference::SoftwareInference(QuantizedModel model) : model_(std::move(model))
{
    validate_model(model_, "model");
    for (std::size_t i = 0; i < model_.layers.size(); ++i) multipliers_.push_back(layer_multipliers(model_, i));
}

void SoftwareInference::run_layer(std::size_t index, std::span<const std::int8_t> input,
                                  std::span<std::int8_t> out) const
{
    const DenseLayer& layer = model_.layers.at(index);
    if (input.size() != static_cast<std::size_t>(layer.cols) || out.size() != static_cast<std::size_t>(layer.rows)) {
        throw UsageError(fmt::format("run_layer({}): expected {} inputs and {} outputs, got {} and {}", layer.name,
                                     layer.cols, layer.rows, input.size(), out.size()));
    }
    const std::int32_t input_zero = model_.layer_input_zero(index);
    const std::vector<Multiplier>& multipliers = multipliers_[index];
    for (int row = 0; row < layer.rows; ++row) {
        std::int32_t acc = dense_accumulator(layer, row, input, input_zero);
        if (layer.relu) acc = std::max(acc, 0);
        out[static_cast<std::size_t>(row)] =
            requantize(acc, multipliers[static_cast<std::size_t>(row)], layer.output_zero);
    }
}

BatchResult SoftwareInference::run_quantized(const Int8Matrix& inputs) const
{
    if (inputs.rows != model_.input_size()) {
        throw UsageError(fmt::format("run_quantized: the input matrix has {} rows but the model expects {} inputs",
                                     inputs.rows, model_.input_size()));
    }
    const int batch = inputs.cols;
    BatchResult result;
    for (const DenseLayer& layer : model_.layers) {
        result.layer_names.push_back(layer.name);
        result.layer_outputs.emplace_back(batch, layer.rows);
    }
    std::vector<std::int8_t> x(static_cast<std::size_t>(inputs.rows));
    for (int k = 0; k < batch; ++k) {
        for (int j = 0; j < inputs.rows; ++j) x[static_cast<std::size_t>(j)] = inputs.at(j, k);
        std::span<const std::int8_t> layer_input = x;
        for (std::size_t i = 0; i < model_.layers.size(); ++i) {
            Int8Matrix& out = result.layer_outputs[i];
            const std::span<std::int8_t> row = std::span<std::int8_t>(out.data).subspan(
                static_cast<std::size_t>(k) * static_cast<std::size_t>(out.cols), static_cast<std::size_t>(out.cols));
            run_layer(i, layer_input, row);
            layer_input = row;
        }
        result.predictions.push_back(argmax(layer_input));
    }
    return result;
}

BatchResult SoftwareInference::run_batch(std::span<const ImageView> images) const
{
    return run_quantized(quantize_batch(model_, images));
}

}  // namespace qnn

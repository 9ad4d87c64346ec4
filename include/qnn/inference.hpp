#pragma once
/// \file inference.hpp
/// Quantized inference in software: the bit-exact model every other implementation (hardware
/// simulation, Verilator, FPGA) is checked against.
///
/// Per layer and output row i, for each image:
///   acc = sum_j W[i][j] * (x[j] - z_in) + bias[i]       (exact int32; validate_model proves no overflow)
///   acc = max(acc, 0)                                    (if the layer has ReLU)
///   out = requantize(acc, multiplier[i], z_out)          (see quantize.hpp)
/// and the prediction is the argmax of the last layer (the first maximum wins on ties).
///
/// \code
///   qnn::SoftwareInference net(qnn::load_model("models/mnist_q8.json"));
///   std::vector<qnn::ImageView> batch{test.image(0), test.image(1)};
///   qnn::BatchResult r = net.run_batch(batch);
///   int digit = r.predictions[1];
///   std::span<const std::int8_t> hidden = r.output(0, 1);   // layer 0 of image 1
/// \endcode

#include "qnn/error.hpp"
#include "qnn/model.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace qnn {

/// One image: row-major float32 pixels (rows * cols = the model's input width), normally in [0, 1].
using ImageView = std::span<const float>;

/// A dense row-major int8 matrix.
struct Int8Matrix {
    int rows = 0;  ///< number of rows
    int cols = 0;  ///< number of columns
    std::vector<std::int8_t> data{};  ///< rows * cols values.

    /// An empty 0×0 matrix.
    Int8Matrix() = default;
    /// A zero-filled matrix.
    /// \param r the number of rows.
    /// \param c the number of columns.
    Int8Matrix(int r, int c) : rows(r), cols(c), data(static_cast<std::size_t>(r) * static_cast<std::size_t>(c)) {}
    /// Element [r][c], writable (unchecked indices).
    /// \param r the row.
    /// \param c the column.
    /// \return a reference to the element.
    [[nodiscard]] std::int8_t& at(int r, int c)
    {
        return data[static_cast<std::size_t>(r) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(c)];
    }
    /// Element [r][c] (unchecked indices).
    /// \param r the row.
    /// \param c the column.
    /// \return the element.
    [[nodiscard]] std::int8_t at(int r, int c) const
    {
        return data[static_cast<std::size_t>(r) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(c)];
    }
    /// Row r as a span.
    /// \param r the row.
    /// \return its cols values.
    [[nodiscard]] std::span<const std::int8_t> row(int r) const
    {
        return std::span<const std::int8_t>(data).subspan(static_cast<std::size_t>(r) * static_cast<std::size_t>(cols),
                                                          static_cast<std::size_t>(cols));
    }
    /// Equal shapes and elements.
    /// \return true if the matrices are equal.
    friend bool operator==(const Int8Matrix&, const Int8Matrix&) = default;
};

/// What an implementation returns for a batch of B images.
struct BatchResult {
    /// Names of the layers ("layer0", "layer1", ...), one per entry of `layer_outputs`.
    std::vector<std::string> layer_names{};
    /// One matrix per layer, B x (layer width): row k holds image k's int8 outputs of that layer.
    std::vector<Int8Matrix> layer_outputs{};
    /// The predicted class (argmax of the last layer) of each image.
    std::vector<int> predictions{};

    /// Number of images (B).
    /// \return the batch size.
    [[nodiscard]] std::size_t size() const { return predictions.size(); }
    /// Layer `layer`'s outputs for image `image`.
    /// \param layer the layer.
    /// \param image the image in the batch.
    /// \return that layer's int8 outputs.
    /// \throws UsageError if there is no such layer or image.
    [[nodiscard]] std::span<const std::int8_t> output(std::size_t layer, std::size_t image) const
    {
        if (layer >= layer_outputs.size() || image >= static_cast<std::size_t>(layer_outputs[layer].rows))
            throw UsageError("BatchResult::output: no layer " + std::to_string(layer) + " image " +
                             std::to_string(image) + " in this batch");
        return layer_outputs[layer].row(static_cast<int>(image));
    }
};

/// Index of the largest value; the FIRST maximum wins on ties (as NumPy's argmax).
/// \param values the values.
/// \return the index, or -1 if `values` is empty.
int argmax(std::span<const std::int8_t> values);

/// Quantizes a batch of images into the network's input matrix, inputs x B (column k = image k,
/// flattened row-major), exactly as pyrtlnet's preprocess_image.
/// \param model the model (its input scale and zero point).
/// \param images the images.
/// \return the input_size() × B matrix.
/// \throws UsageError if an image does not have model.input_size() pixels.
Int8Matrix quantize_batch(const QuantizedModel& model, std::span<const ImageView> images);

/// The int32 accumulator of one output row: sum_j W[row][j] * (x[j] - input_zero) + bias[row].
/// \param layer the layer.
/// \param row the output row.
/// \param x the layer's int8 input (cols values).
/// \param input_zero the input's zero point.
/// \return the accumulator, before ReLU.
std::int32_t dense_accumulator(const DenseLayer& layer, int row, std::span<const std::int8_t> x,
                               std::int32_t input_zero);

/// Software (reference-model) inference: pyrtlnet's NumPy semantics, bit-exact.
class SoftwareInference {
public:
    /// Validates the model and precomputes the requantization multipliers.
    /// \param model the model.
    /// \throws ModelError if the model is invalid.
    explicit SoftwareInference(QuantizedModel model);

    /// Runs B images. B may be 0 (an empty result).
    /// \param images the images (input_size() pixels each).
    /// \return every layer's outputs and the predictions.
    /// \throws UsageError if an image has the wrong size.
    [[nodiscard]] BatchResult run_batch(std::span<const ImageView> images) const;
    /// Runs an already quantized input matrix (inputs x B, as quantize_batch returns).
    /// \param inputs the quantized batch.
    /// \return every layer's outputs and the predictions.
    /// \throws UsageError if `inputs` does not have input_size() rows.
    [[nodiscard]] BatchResult run_quantized(const Int8Matrix& inputs) const;
    /// Runs one layer on one quantized input vector (layer.cols values) into `out` (layer.rows values).
    /// \param layer the layer's index.
    /// \param input its int8 input.
    /// \param out receives its int8 output.
    /// \throws UsageError if a span has the wrong size.
    void run_layer(std::size_t layer, std::span<const std::int8_t> input, std::span<std::int8_t> out) const;

    /// The model.
    /// \return the validated model.
    [[nodiscard]] const QuantizedModel& model() const { return model_; }
    /// The per-row requantization multipliers of a layer.
    /// \param layer the layer's index.
    /// \return one multiplier per row.
    /// \throws UsageError if there is no such layer.
    [[nodiscard]] const std::vector<Multiplier>& multipliers(std::size_t layer) const
    {
        if (layer >= multipliers_.size())
            throw UsageError("multipliers: the model has no layer " + std::to_string(layer));
        return multipliers_[layer];
    }

private:
    QuantizedModel model_;
    std::vector<std::vector<Multiplier>> multipliers_;
};

/// Fraction of images whose prediction equals the label, running `engine` in batches of
/// `batch_size` over the whole set (0.0 for an empty set).
/// \tparam Engine anything with `run_batch(std::span<const ImageView>)` (SoftwareInference, ...).
/// \tparam ImageSetT anything with `size()`, `image(k)` and `labels` (ImageSet).
/// \param engine the implementation to measure.
/// \param images the labelled images.
/// \param batch_size images per `run_batch` call.
/// \return the accuracy, in [0, 1].
template <typename Engine, typename ImageSetT>
double accuracy(const Engine& engine, const ImageSetT& images, std::size_t batch_size = 256)
{
    std::size_t correct = 0;
    std::vector<ImageView> batch;
    for (std::size_t start = 0; start < images.size(); start += batch_size) {
        batch.clear();
        for (std::size_t k = start; k < std::min(images.size(), start + batch_size); ++k)
            batch.push_back(images.image(k));
        const BatchResult r = engine.run_batch(batch);
        for (std::size_t k = 0; k < batch.size(); ++k) correct += r.predictions[k] == images.labels[start + k] ? 1 : 0;
    }
    return images.size() == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(images.size());
}

}  // namespace qnn

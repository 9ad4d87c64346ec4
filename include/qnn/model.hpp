#pragma once
/// \file model.hpp
/// The quantized model: a stack of int8 dense layers with per-row (or per-tensor) weight scales,
/// int32 biases and asymmetric int8 activations, plus its file formats:
///  - rtlnet's JSON format (`{"format": "rtlnet-qnn", "version": 1, ...}`, see docs/qnn.md), read
///    and written by load_model_json / save_model_json;
///  - pyrtlnet's `quantized.npz`, read by load_model_npz.
/// Every loader validates the model (validate_model) and reports problems as ModelError naming the
/// file and the field.

#include "qnn/quantize.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace qnn {

/// Largest layer width (rows or columns) a model may have.
inline constexpr int kMaxLayerWidth = 65536;

/// Longest layer name, in characters.
inline constexpr std::size_t kMaxLayerNameLength = 64;

/// Largest JSON model file, in bytes (64 MiB); a larger file is refused before it is read.
inline constexpr std::uint64_t kMaxModelJsonBytes = std::uint64_t{64} << 20;

/// One fully connected layer: out = requantize(W · (x − z_in) + bias) (+ ReLU).
struct DenseLayer {
    std::string name{};  ///< e.g. "layer0": an identifier (see validate_model), unique in the model.
    int rows = 0;  ///< Output width (neurons).
    int cols = 0;  ///< Input width; must equal the previous layer's rows.
    std::vector<std::int8_t> weight{};  ///< rows * cols, row-major (row = output neuron).
    std::vector<std::int32_t> bias{};  ///< rows values, scale input_scale * weight_scale[row], zero 0.
    std::vector<float> weight_scale{};  ///< rows values (per channel) or 1 (per tensor).
    std::vector<std::int32_t> weight_zero{};  ///< Same length as weight_scale; must be all 0.
    float output_scale = 1.0f;  ///< Scale of the int8 output.
    std::int32_t output_zero = 0;  ///< Zero point of the int8 output, in [-128, 127].
    bool relu = false;  ///< Apply ReLU (on the int32 accumulator).

    /// Weight W[row][col].
    /// \param row the output neuron (0 .. rows-1).
    /// \param col the input (0 .. cols-1).
    /// \return the int8 weight (unchecked indices).
    [[nodiscard]] std::int8_t w(int row, int col) const
    {
        return weight[static_cast<std::size_t>(row) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(col)];
    }
    /// Row `row` of the weights.
    /// \param row the output neuron.
    /// \return its cols weights.
    [[nodiscard]] std::span<const std::int8_t> weight_row(int row) const
    {
        return std::span<const std::int8_t>(weight).subspan(
            static_cast<std::size_t>(row) * static_cast<std::size_t>(cols), static_cast<std::size_t>(cols));
    }
    /// The weight scale of a row (broadcasting a per-tensor scale).
    /// \param row the output neuron.
    /// \return its scale.
    [[nodiscard]] float row_weight_scale(int row) const
    {
        return weight_scale.size() == 1 ? weight_scale[0] : weight_scale[static_cast<std::size_t>(row)];
    }
};

/// A quantized feed-forward network.
struct QuantizedModel {
    float input_scale = 1.0f / 255.0f;  ///< Scale of the int8 network input.
    std::int32_t input_zero = -128;  ///< Zero point of the int8 network input.
    std::vector<DenseLayer> layers{};  ///< the layers, input side first

    /// Width of the network input (layers.front().cols).
    /// \return the number of inputs (0 without layers).
    [[nodiscard]] int input_size() const { return layers.empty() ? 0 : layers.front().cols; }
    /// Width of the network output (layers.back().rows).
    /// \return the number of classes (0 without layers).
    [[nodiscard]] int output_size() const { return layers.empty() ? 0 : layers.back().rows; }
    /// Scale of layer i's input (the network input or the previous layer's output).
    /// \param i the layer.
    /// \return the scale.
    [[nodiscard]] float layer_input_scale(std::size_t i) const
    {
        return i == 0 ? input_scale : layers[i - 1].output_scale;
    }
    /// Zero point of layer i's input.
    /// \param i the layer.
    /// \return the zero point.
    [[nodiscard]] std::int32_t layer_input_zero(std::size_t i) const
    {
        return i == 0 ? input_zero : layers[i - 1].output_zero;
    }
};

/// The name of layer `i` as outputs, ports and results show it: its `name`, or "layer<i>" when empty.
/// \param model the model.
/// \param i the layer (must exist).
/// \return the name.
std::string layer_name(const QuantizedModel& model, std::size_t i);

/// The per-row requantization multipliers of layer `i` (derive_multiplier of each row).
/// \param model the model.
/// \param i the layer.
/// \return one multiplier per row of the layer.
/// \throws ModelError naming the layer and row if a multiplier is outside [2^-32, 1).
std::vector<Multiplier> layer_multipliers(const QuantizedModel& model, std::size_t i);

/// Checks every invariant inference relies on: at least one layer; layer names that are
/// identifiers (ASCII letters, digits and '_', not starting with a digit, 1 to kMaxLayerNameLength
/// characters) and unique; shapes (rows and cols 1 to kMaxLayerWidth, weight rows*cols, bias rows,
/// scale/zero length rows or 1, cols = previous rows); zero points in int8 range and weight zeros
/// equal to 0; scales finite and > 0; every multiplier in [2^-32, 1); int8 weights; and that no
/// accumulator can overflow int32. `source` (e.g. the file name) prefixes messages.
/// \param model the model to check.
/// \param source prefixes every message (e.g. the file name).
/// \throws ModelError naming the source, layer and field.
void validate_model(const QuantizedModel& model, const std::string& source);

/// Serializes to rtlnet's JSON format (version 1). Scales are written so that reading them back
/// gives bit-identical float32 values.
/// \param model the model.
/// \return the JSON text.
std::string model_to_json(const QuantizedModel& model);

/// Parses and validates rtlnet's JSON format.
/// \param text the JSON text.
/// \param source names the text in error messages.
/// \return the validated model.
/// \throws ModelError naming the source and the offending field (missing, wrong type, wrong shape,
///         out of range, unknown format/version).
QuantizedModel model_from_json(const std::string& text, const std::string& source);

/// Writes model_to_json(model) to `path` (creating parent directories).
/// \param model the model.
/// \param path the file to write.
/// \throws ModelError if the file cannot be written.
void save_model_json(const QuantizedModel& model, const std::filesystem::path& path);

/// Reads and validates a JSON model file (at most kMaxModelJsonBytes).
/// \param path the file.
/// \return the validated model.
/// \throws ModelError naming the file (missing, too large, malformed or invalid).
QuantizedModel load_model_json(const std::filesystem::path& path);

/// Reads pyrtlnet's `quantized.npz` (keys input.scale, input.zero, layer{i}.weight, .bias,
/// .weight.scale, .weight.zero, .output.scale, .output.zero for i = 0, 1, ...). Every layer but
/// the last has ReLU, as in pyrtlnet.
/// \param path the `.npz` file.
/// \return the validated model.
/// \throws ModelError naming the file and key.
QuantizedModel load_model_npz(const std::filesystem::path& path);

/// load_model_npz on the bytes of an `.npz` archive.
/// \param bytes the archive.
/// \param source names it in messages.
/// \return the validated model.
/// \throws ModelError as load_model_npz.
QuantizedModel parse_model_npz(std::span<const std::uint8_t> bytes, const std::string& source);

/// Loads a model by extension: `.npz` -> load_model_npz, anything else -> load_model_json.
/// \code
///   qnn::QuantizedModel model = qnn::load_model("models/mnist_q8.json");
///   std::cout << model.input_size() << " -> " << model.output_size() << "\n";   // 144 -> 10
/// \endcode
/// \param path the model file.
/// \return the validated model.
/// \throws ModelError if the file does not exist or is invalid.
QuantizedModel load_model(const std::filesystem::path& path);

}  // namespace qnn

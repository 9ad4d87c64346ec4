// Model invariants: shapes, ranges, scales, multipliers, accumulator width.

#include "printable.hpp"
#include "qnn/error.hpp"
#include "qnn/model.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>

namespace qnn {
namespace {

[[noreturn]] void fail(const std::string& source, const std::string& where, const std::string& why)
{
    throw ModelError(fmt::format("{}: {}: {}", source, where, why));
}

void check_scale(float scale, const std::string& source, const std::string& where)
{
    if (!std::isfinite(scale) || scale <= 0.0f)
        fail(source, where, fmt::format("scale {} must be finite and > 0", scale));
}

void check_zero(std::int64_t zero, const std::string& source, const std::string& where)
{
    if (zero < -128 || zero > 127) fail(source, where, fmt::format("zero point {} is outside int8 [-128, 127]", zero));
}

bool is_identifier(const std::string& name)
{
    if (name.empty() || name.size() > kMaxLayerNameLength) return false;
    const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    if (!letter(name[0])) return false;
    for (const char c : name) {
        if (!letter(c) && !(c >= '0' && c <= '9')) return false;
    }
    return true;
}

// Layer names become hardware and Verilog names: identifiers, unique in the model.
void check_names(const QuantizedModel& model, const std::string& source)
{
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const std::string& name = model.layers[i].name;
        const std::string where = fmt::format("layers[{}] ('{}')", i, detail::printable(name));
        if (!is_identifier(name)) {
            fail(source, where,
                 fmt::format("the layer name must be an identifier: ASCII letters, digits and '_', not starting with "
                             "a digit, 1 to {} characters",
                             kMaxLayerNameLength));
        }
        const auto [it, inserted] = seen.emplace(name, i);
        if (!inserted) fail(source, where, fmt::format("duplicate layer name (layers[{}] has it too)", it->second));
    }
}

}  // namespace

std::string layer_name(const QuantizedModel& model, std::size_t i)
{
    const std::string& name = model.layers.at(i).name;
    return name.empty() ? fmt::format("layer{}", i) : name;
}

std::vector<Multiplier> layer_multipliers(const QuantizedModel& model, std::size_t i)
{
    const DenseLayer& layer = model.layers.at(i);
    const float input_scale = model.layer_input_scale(i);
    std::vector<Multiplier> result;
    result.reserve(static_cast<std::size_t>(layer.rows));
    for (int row = 0; row < layer.rows; ++row) {
        const float w_scale = layer.row_weight_scale(row);
        const float m = real_multiplier(w_scale, input_scale, layer.output_scale);
        const auto multiplier = multiplier_from_real(m);
        if (!multiplier) {
            throw ModelError(fmt::format("{} row {}: requantization multiplier m = s_w * s_in / s_out = {} * {} / {} = "
                                         "{} is outside [2^-32, 1)",
                                         layer.name, row, w_scale, input_scale, layer.output_scale, m));
        }
        result.push_back(*multiplier);
    }
    return result;
}

void validate_model(const QuantizedModel& model, const std::string& source)
{
    check_scale(model.input_scale, source, "input.scale");
    check_zero(model.input_zero, source, "input.zero");
    if (model.layers.empty()) fail(source, "layers", "the model has no layers");
    check_names(model, source);
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const DenseLayer& layer = model.layers[i];
        const std::string where = fmt::format("layers[{}] ({})", i, layer.name);
        if (layer.rows <= 0 || layer.cols <= 0 || layer.rows > kMaxLayerWidth || layer.cols > kMaxLayerWidth) {
            fail(source, where,
                 fmt::format("shape {}x{}: rows and columns must be 1 to {}", layer.rows, layer.cols, kMaxLayerWidth));
        }
        if (i > 0 && layer.cols != model.layers[i - 1].rows) {
            fail(source, where + ".weight",
                 fmt::format("has {} columns but the previous layer has {} outputs", layer.cols,
                             model.layers[i - 1].rows));
        }
        const auto rows = static_cast<std::size_t>(layer.rows);
        if (layer.weight.size() != rows * static_cast<std::size_t>(layer.cols)) {
            fail(source, where + ".weight",
                 fmt::format("has {} values, expected {}x{}", layer.weight.size(), layer.rows, layer.cols));
        }
        if (layer.bias.size() != rows) {
            fail(source, where + ".bias", fmt::format("has {} values, expected {}", layer.bias.size(), rows));
        }
        if (layer.weight_scale.size() != rows && layer.weight_scale.size() != 1) {
            fail(
                source, where + ".weight_scale",
                fmt::format("has {} values, expected {} (per row) or 1 (per tensor)", layer.weight_scale.size(), rows));
        }
        if (layer.weight_zero.size() != layer.weight_scale.size()) {
            fail(source, where + ".weight_zero",
                 fmt::format("has {} values, expected {} (as weight_scale)", layer.weight_zero.size(),
                             layer.weight_scale.size()));
        }
        for (std::size_t k = 0; k < layer.weight_scale.size(); ++k) {
            check_scale(layer.weight_scale[k], source, fmt::format("{}.weight_scale[{}]", where, k));
            if (layer.weight_zero[k] != 0) {
                fail(source, fmt::format("{}.weight_zero[{}]", where, k),
                     fmt::format("is {}; weights must be symmetric (zero point 0)", layer.weight_zero[k]));
            }
        }
        check_scale(layer.output_scale, source, where + ".output_scale");
        check_zero(layer.output_zero, source, where + ".output_zero");
        try {
            (void)layer_multipliers(model, i);
        } catch (const ModelError& e) {
            throw ModelError(fmt::format("{}: {}", source, e.what()));
        }
        // The accumulator sum_j W[r][j] * (x[j] - z_in) + bias[r] must fit in int32.
        const std::int64_t z_in = model.layer_input_zero(i);
        const std::int64_t max_input = std::max(127 - z_in, z_in + 128);
        for (int row = 0; row < layer.rows; ++row) {
            std::int64_t bound = std::llabs(layer.bias[static_cast<std::size_t>(row)]);
            for (std::int8_t w : layer.weight_row(row)) bound += std::llabs(w) * max_input;
            if (bound > std::numeric_limits<std::int32_t>::max()) {
                fail(source, fmt::format("{} row {}", where, row),
                     fmt::format("the int32 accumulator can overflow (|bias| + sum |W| * {} = {})", max_input, bound));
            }
        }
    }
}

}  // namespace qnn

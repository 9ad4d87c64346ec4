// rtlnet's JSON model format (version 1): writer with compact rows and bit-exact floats, and a
// reader that reports every problem with the JSON path of the field.

#include "file_io.hpp"
#include "json_path.hpp"
#include "memory_guard.hpp"
#include "printable.hpp"
#include "qnn/error.hpp"
#include "qnn/model.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fmt/std.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <limits>

namespace qnn {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "rtlnet-qnn";
constexpr int kVersion = 1;

// A float32 written as the shortest decimal of the same double: reading it as a double gives
// exactly (double)value back, so the float32 round-trips bit-exactly.
std::string float_text(float value)
{
    return fmt::format("{}", static_cast<double>(value));
}

template <typename T, typename F>
std::string list(const std::vector<T>& values, F&& format)
{
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i != 0) out += ", ";
        out += format(values[i]);
    }
    return out + "]";
}

std::string int_list(const auto& values)
{
    return list(values, [](auto v) { return fmt::format("{}", static_cast<int>(v)); });
}

// Typed access to one JSON object with errors naming the source and path.
class Fields {
public:
    Fields(const json& object, std::string path, const std::string& source)
        : object_(object), path_(std::move(path)), source_(source)
    {
        if (!object_.is_object()) fail(path_, "must be an object");
    }

    [[noreturn]] void fail(const std::string& path, const std::string& why) const
    {
        throw ModelError(fmt::format("{}: {}: {}", source_, path, why));
    }
    std::string path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

    const json& get(const std::string& key) const
    {
        const auto it = object_.find(key);
        if (it == object_.end()) fail(path(key), "missing field");
        return *it;
    }
    std::string string(const std::string& key) const
    {
        const json& v = get(key);
        if (!v.is_string()) fail(path(key), fmt::format("must be a string, got {}", v.type_name()));
        return v.get<std::string>();
    }
    bool boolean(const std::string& key) const
    {
        const json& v = get(key);
        if (!v.is_boolean()) fail(path(key), fmt::format("must be true or false, got {}", v.type_name()));
        return v.get<bool>();
    }
    std::int64_t integer(const json& v, const std::string& where, std::int64_t lo, std::int64_t hi,
                         const char* range) const
    {
        if (!v.is_number_integer()) fail(where, fmt::format("must be an integer, got {}", v.type_name()));
        if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi)) {
            fail(where, fmt::format("value {} is outside {} [{}, {}]", v.get<std::uint64_t>(), range, lo, hi));
        }
        const auto value = v.get<std::int64_t>();
        if (value < lo || value > hi) fail(where, fmt::format("value {} is outside {} [{}, {}]", value, range, lo, hi));
        return value;
    }
    std::int32_t int8_value(const std::string& key) const
    {
        return static_cast<std::int32_t>(integer(get(key), path(key), -128, 127, "int8"));
    }
    float scale(const json& v, const std::string& where) const
    {
        if (!v.is_number()) fail(where, fmt::format("must be a number, got {}", v.type_name()));
        const double d = v.get<double>();
        const auto f = static_cast<float>(d);
        if (!std::isfinite(d) || !std::isfinite(f) || f <= 0.0f) {
            fail(where, fmt::format("scale {} must be finite and > 0 (as float32)", d));
        }
        return f;
    }
    float scale(const std::string& key) const { return scale(get(key), path(key)); }
    const json& array(const std::string& key) const
    {
        const json& v = get(key);
        if (!v.is_array()) fail(path(key), fmt::format("must be an array, got {}", v.type_name()));
        return v;
    }
    template <typename T>
    std::vector<T> int_array(const json& v, const std::string& where, std::int64_t lo, std::int64_t hi,
                             const char* range) const
    {
        if (!v.is_array()) fail(where, fmt::format("must be an array, got {}", v.type_name()));
        std::vector<T> out;
        out.reserve(v.size());
        for (std::size_t i = 0; i < v.size(); ++i) {
            out.push_back(static_cast<T>(integer(v[i], fmt::format("{}[{}]", where, i), lo, hi, range)));
        }
        return out;
    }

private:
    const json& object_;
    std::string path_;
    const std::string& source_;
};

DenseLayer parse_layer(const json& value, std::size_t index, const std::string& source)
{
    const Fields f(value, fmt::format("layers[{}]", index), source);
    DenseLayer layer;
    layer.name = f.string("name");
    layer.relu = f.boolean("relu");

    const json& weight = f.array("weight");
    if (weight.empty()) f.fail(f.path("weight"), "must have at least one row");
    for (std::size_t r = 0; r < weight.size(); ++r) {
        const std::string where = fmt::format("{}[{}]", f.path("weight"), r);
        auto row = f.int_array<std::int8_t>(weight[r], where, -128, 127, "int8");
        if (r == 0) layer.cols = static_cast<int>(row.size());
        if (row.empty() || row.size() != static_cast<std::size_t>(layer.cols)) {
            f.fail(where,
                   fmt::format("has {} values; every row must have the same, non-zero length ({})", row.size(),
                               layer.cols));
        }
        layer.weight.insert(layer.weight.end(), row.begin(), row.end());
    }
    layer.rows = static_cast<int>(weight.size());
    layer.bias = f.int_array<std::int32_t>(f.array("bias"), f.path("bias"), std::numeric_limits<std::int32_t>::min(),
                                           std::numeric_limits<std::int32_t>::max(), "int32");
    const json& scales = f.array("weight_scale");
    for (std::size_t k = 0; k < scales.size(); ++k) {
        layer.weight_scale.push_back(f.scale(scales[k], fmt::format("{}[{}]", f.path("weight_scale"), k)));
    }
    layer.weight_zero = f.int_array<std::int32_t>(f.array("weight_zero"), f.path("weight_zero"),
                                                  std::numeric_limits<std::int32_t>::min(),
                                                  std::numeric_limits<std::int32_t>::max(), "int32");
    layer.output_scale = f.scale("output_scale");
    layer.output_zero = f.int8_value("output_zero");
    return layer;
}

}  // namespace

std::string model_to_json(const QuantizedModel& model)
{
    std::string out = fmt::format("{{\n  \"format\": \"{}\",\n  \"version\": {},\n", kFormat, kVersion);
    out +=
        fmt::format("  \"input\": {{\"scale\": {}, \"zero\": {}}},\n", float_text(model.input_scale), model.input_zero);
    out += "  \"layers\": [\n";
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const DenseLayer& layer = model.layers[i];
        out += "    {\n";
        out +=
            fmt::format("      \"name\": {},\n", json(layer.name).dump(-1, ' ', false, json::error_handler_t::replace));
        out += fmt::format("      \"relu\": {},\n", layer.relu);
        out += fmt::format("      \"output_scale\": {},\n", float_text(layer.output_scale));
        out += fmt::format("      \"output_zero\": {},\n", layer.output_zero);
        out += fmt::format("      \"weight_scale\": {},\n", list(layer.weight_scale, float_text));
        out += fmt::format("      \"weight_zero\": {},\n", int_list(layer.weight_zero));
        out += fmt::format("      \"bias\": {},\n", int_list(layer.bias));
        out += "      \"weight\": [\n";
        for (int r = 0; r < layer.rows; ++r) {
            const auto row = layer.weight_row(r);
            out += fmt::format("        {}{}\n", int_list(std::vector<std::int8_t>(row.begin(), row.end())),
                               r + 1 < layer.rows ? "," : "");
        }
        out += "      ]\n";
        out += fmt::format("    }}{}\n", i + 1 < model.layers.size() ? "," : "");
    }
    out += "  ]\n}\n";
    return out;
}

namespace {

QuantizedModel model_from_document(const json& root, const std::string& source)
{
    const Fields f(root, "", source);
    const std::string format = f.string("format");
    if (format != kFormat) {
        f.fail(
            "format",
            fmt::format("is \"{}\", expected \"{}\" (not an rtlnet model file)", detail::printable(format), kFormat));
    }
    const json& version = f.get("version");
    if (!version.is_number_integer()) f.fail("version", fmt::format("must be an integer, got {}", version.type_name()));
    const bool supported = !version.is_number_unsigned() ? version.get<std::int64_t>() == kVersion
                                                         : version.get<std::uint64_t>() == kVersion;
    if (!supported) {
        const std::string shown = version.is_number_unsigned() ? fmt::format("{}", version.get<std::uint64_t>())
                                                               : fmt::format("{}", version.get<std::int64_t>());
        f.fail("version", fmt::format("unsupported version {} (this build reads version {})", shown, kVersion));
    }
    QuantizedModel model;
    const Fields input(f.get("input"), "input", source);
    model.input_scale = input.scale("scale");
    model.input_zero = input.int8_value("zero");
    const json& layers = f.array("layers");
    for (std::size_t i = 0; i < layers.size(); ++i) model.layers.push_back(parse_layer(layers[i], i, source));
    validate_model(model, source);
    return model;
}

QuantizedModel model_from_text(const std::string& text, const std::string& source)
{
    json root;
    detail::JsonPath path;
    try {
        root = json::parse(text, path.callback());
    } catch (const ModelError& e) {  // from the path tracker: nested too deep
        throw ModelError(fmt::format("{}: {}", source, e.what()));
    } catch (const json::exception& e) {
        // e.g. a syntax error, or a number that overflows a double (1e400); the message may quote the
        // offending bytes, so it is made printable.
        throw ModelError(
            fmt::format("{}: {}: not valid JSON ({})", source, path.where(), detail::printable(e.what(), 200)));
    }
    try {
        return model_from_document(root, source);
    } catch (const json::exception& e) {
        // Every access is checked above; this is a last line so that no nlohmann exception escapes.
        throw ModelError(fmt::format("{}: unexpected JSON error ({})", source, detail::printable(e.what(), 200)));
    }
}

}  // namespace

QuantizedModel model_from_json(const std::string& text, const std::string& source)
{
    return detail::with_memory_errors<ModelError>(source, [&] { return model_from_text(text, source); });
}

void save_model_json(const QuantizedModel& model, const std::filesystem::path& path)
{
    validate_model(model, fmt::format("{}", path));
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    const std::string text = model_to_json(model);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) throw ModelError(fmt::format("cannot write the model to {}", path));
}

QuantizedModel load_model_json(const std::filesystem::path& path)
{
    // The file's size is checked before anything is allocated (detail::read_binary).
    std::vector<std::uint8_t> bytes;
    try {
        bytes = detail::read_binary(path, kMaxModelJsonBytes);
    } catch (const DataError& e) {
        throw ModelError(fmt::format("model file: {}", e.what()));
    }
    const std::string text(bytes.begin(), bytes.end());
    return model_from_json(text, fmt::format("{}", path));
}

QuantizedModel load_model(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw ModelError(fmt::format("no model file at {}", path));
    if (path.extension() == ".npz") return load_model_npz(path);
    return load_model_json(path);
}

}  // namespace qnn

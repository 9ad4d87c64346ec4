// pyrtlnet's quantized.npz -> QuantizedModel.

#include "printable.hpp"
#include "qnn/error.hpp"
#include "qnn/model.hpp"
#include "qnn/npz.hpp"

#include <fmt/format.h>
#include <fmt/std.h>

#include <limits>

namespace qnn {
namespace {

class NpzModelReader {
public:
    NpzModelReader(std::map<std::string, NpyArray> arrays, std::string source)
        : arrays_(std::move(arrays)), source_(std::move(source))
    {}

    [[noreturn]] void fail(const std::string& key, const std::string& why) const
    {
        throw ModelError(fmt::format("{}: key '{}': {}", source_, key, why));
    }
    bool has(const std::string& key) const { return arrays_.contains(key); }
    const NpyArray& get(const std::string& key) const
    {
        const auto it = arrays_.find(key);
        if (it == arrays_.end()) fail(key, "missing");
        return it->second;
    }
    // A float32 vector of `length` elements (or any length when length == 0).
    std::vector<float> floats(const std::string& key, std::size_t length = 0) const
    {
        const NpyArray& a = get(key);
        if (a.dtype != DType::float32) fail(key, fmt::format("dtype is {}, expected float32 (<f4)", a.dtype_name()));
        if (a.shape.size() > 1 || (length != 0 && a.size() != length) || a.size() == 0) {
            fail(key,
                 fmt::format("shape is {}, expected ({},)", a.shape_string(),
                             length == 0 ? "n" : fmt::format("{}", length)));
        }
        return a.to_float32();
    }
    std::vector<std::int64_t> ints(const std::string& key) const
    {
        const NpyArray& a = get(key);
        if (a.dtype == DType::float32 || a.dtype == DType::float64) {
            fail(key, fmt::format("dtype is {}, expected an integer type", a.dtype_name()));
        }
        return a.to_int64();
    }
    std::int32_t int8_scalar(const std::string& key) const
    {
        const auto values = ints(key);
        if (values.size() != 1) fail(key, fmt::format("shape is {}, expected (1,)", get(key).shape_string()));
        if (values[0] < -128 || values[0] > 127)
            fail(key, fmt::format("value {} is outside int8 [-128, 127]", values[0]));
        return static_cast<std::int32_t>(values[0]);
    }

    DenseLayer layer(std::size_t i, bool last) const
    {
        const std::string p = fmt::format("layer{}", i);
        DenseLayer layer;
        layer.name = p;
        layer.relu = !last;
        const NpyArray& w = get(p + ".weight");
        if (w.dtype != DType::int8)
            fail(p + ".weight", fmt::format("dtype is {}, expected int8 (|i1)", w.dtype_name()));
        constexpr auto kMax = static_cast<std::size_t>(kMaxLayerWidth);
        if (w.shape.size() != 2 || w.size() == 0 || w.shape[0] > kMax || w.shape[1] > kMax) {
            fail(p + ".weight",
                 fmt::format("shape is {}, expected (rows, cols) of 1 to {} each", w.shape_string(), kMaxLayerWidth));
        }
        layer.rows = static_cast<int>(w.shape[0]);
        layer.cols = static_cast<int>(w.shape[1]);
        for (std::int64_t v : w.to_int64()) layer.weight.push_back(static_cast<std::int8_t>(v));

        const NpyArray& b = get(p + ".bias");
        const bool bias_shape_ok = (b.shape.size() == 2 && b.shape[1] == 1) || b.shape.size() == 1;
        if (!bias_shape_ok || b.size() != w.shape[0]) {
            fail(p + ".bias", fmt::format("shape is {}, expected ({}, 1)", b.shape_string(), w.shape[0]));
        }
        for (std::int64_t v : ints(p + ".bias")) {
            if (v < std::numeric_limits<std::int32_t>::min() || v > std::numeric_limits<std::int32_t>::max()) {
                fail(p + ".bias", fmt::format("value {} is outside int32", v));
            }
            layer.bias.push_back(static_cast<std::int32_t>(v));
        }
        layer.weight_scale = floats(p + ".weight.scale");
        for (std::int64_t v : ints(p + ".weight.zero")) {
            if (v < std::numeric_limits<std::int32_t>::min() || v > std::numeric_limits<std::int32_t>::max()) {
                fail(p + ".weight.zero", fmt::format("value {} is outside int32", v));
            }
            layer.weight_zero.push_back(static_cast<std::int32_t>(v));
        }
        layer.output_scale = floats(p + ".output.scale", 1)[0];
        layer.output_zero = int8_scalar(p + ".output.zero");
        return layer;
    }

    const std::map<std::string, NpyArray>& arrays() const { return arrays_; }

private:
    std::map<std::string, NpyArray> arrays_;
    std::string source_;
};

// The number of layers: layer0, layer1, ... up to the first missing weight. Any key of a layer past
// that (a gap in the numbering) is an error rather than a silently shorter model.
std::size_t count_layers(const NpzModelReader& reader)
{
    std::size_t count = 0;
    while (reader.has(fmt::format("layer{}.weight", count))) ++count;
    if (count == 0) reader.fail("layer0.weight", "missing (no layers in the file)");
    for (const auto& entry : reader.arrays()) {
        const std::string& key = entry.first;
        if (!key.starts_with("layer")) continue;
        std::size_t digits = 5;
        while (digits < key.size() && key[digits] >= '0' && key[digits] <= '9') ++digits;
        if (digits == 5 || digits > 12 || digits >= key.size() || key[digits] != '.') continue;
        if (std::stoull(key.substr(5, digits - 5)) >= count) {
            reader.fail(detail::printable(key),
                        fmt::format("belongs to a layer after layer{}, but layer{}.weight is "
                                    "missing (the layers must be numbered 0, 1, 2, ...)",
                                    count - 1, count));
        }
    }
    return count;
}

QuantizedModel model_from_arrays(std::map<std::string, NpyArray> arrays, const std::string& source)
{
    const NpzModelReader reader(std::move(arrays), source);
    QuantizedModel model;
    model.input_scale = reader.floats("input.scale", 1)[0];
    model.input_zero = reader.int8_scalar("input.zero");
    const std::size_t count = count_layers(reader);
    for (std::size_t i = 0; i < count; ++i) model.layers.push_back(reader.layer(i, i + 1 == count));
    validate_model(model, source);
    return model;
}

// read_npz / parse_npz with their DataErrors as ModelErrors (the file is a model).
template <typename Read>
std::map<std::string, NpyArray> model_arrays(Read&& read)
{
    try {
        return read();
    } catch (const DataError& e) {
        throw ModelError(e.what());
    }
}

}  // namespace

QuantizedModel load_model_npz(const std::filesystem::path& path)
{
    return model_from_arrays(model_arrays([&] { return read_npz(path); }), fmt::format("{}", path));
}

QuantizedModel parse_model_npz(std::span<const std::uint8_t> bytes, const std::string& source)
{
    return model_from_arrays(model_arrays([&] { return parse_npz(bytes, source); }), source);
}

}  // namespace qnn

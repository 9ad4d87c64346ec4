// Model loaders: no third-party exception escapes, layer gaps, layer name rules, versions.

#include "npz_writer.hpp"
#include "qnn/error.hpp"
#include "qnn/model.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <functional>

using Catch::Matchers::Contains;
using nlohmann::json;
using qnn_test::npy;
using qnn_test::npy_bytes;

namespace {

// The tiny model as JSON text after `edit`.
std::string edited_text(const std::function<void(json&)>& edit)
{
    json doc = json::parse(qnn::model_to_json(qnn_test::tiny_model()));
    edit(doc);
    return doc.dump();
}

// The message of the qnn::ModelError that model_from_json throws ("no error" if none).
std::string json_error(const std::string& text)
{
    try {
        (void)qnn::model_from_json(text, "m.json");
    } catch (const qnn::ModelError& e) {
        return e.what();
    }
    return "no error";
}

bool printable_ascii(const std::string& text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x7F || (u < 0x20 && c != '\n')) return false;
    }
    return true;
}

void add_layer(qnn_test::ZipWriter& zip, const qnn::DenseLayer& l, std::size_t i)
{
    const std::string p = "layer" + std::to_string(i);
    const auto add = [&](const std::string& key, const qnn_test::NpyData& d) {
        zip.add(key + ".npy", npy_bytes(d), false);
    };
    add(p + ".weight", npy("|i1", {static_cast<std::size_t>(l.rows), static_cast<std::size_t>(l.cols)}, l.weight));
    add(p + ".bias", npy("<i4", {static_cast<std::size_t>(l.rows), 1}, l.bias));
    add(p + ".weight.scale", npy("<f4", {l.weight_scale.size()}, l.weight_scale));
    add(p + ".weight.zero", npy("<i4", {l.weight_zero.size()}, l.weight_zero));
    add(p + ".output.scale", npy("<f4", {1}, std::vector<float>{l.output_scale}));
    add(p + ".output.zero", npy("<i4", {1}, std::vector<std::int32_t>{l.output_zero}));
}

}  // namespace

TEST_CASE("qnn model JSON numbers out of range are ModelErrors naming the file and field")
{
    std::string text = edited_text([](json& d) { d["layers"][1]["output_scale"] = 0.125; });
    text.replace(text.find("0.125"), 5, "1e400");
    CHECK_THROWS_AS(qnn::model_from_json(text, "m.json"), qnn::ModelError);
    CHECK_THAT(json_error(text), Contains("m.json") && Contains("layers[1].output_scale") && Contains("1e400"));

    std::string weight = edited_text([](json& d) { d["layers"][0]["weight"][1][2] = 5; });
    weight.replace(weight.find("[-128,127,5]"), 12, "[-128,127,-1e999]");
    CHECK_THAT(json_error(weight), Contains("m.json") && Contains("layers[0].weight[1][2]"));

    // A syntax error names where it is, too.
    std::string syntax = edited_text([](json&) {});
    syntax.replace(syntax.find("\"relu\":true"), 11, "\"relu\":tru");
    CHECK_THAT(json_error(syntax), Contains("m.json") && Contains("layers[0].relu") && Contains("not valid JSON"));
}

TEST_CASE("qnn model a binary file read as JSON gives a printable message")
{
    std::string bytes = "\x93NUMPY\x01\x00v\x00{'descr': '<f4'\x1b[31m\xff\xfe\x07\r";
    bytes.push_back('\0');
    bytes += "tail";
    const std::string message = json_error(bytes);
    CHECK_THAT(message, Contains("m.json") && Contains("not valid JSON"));
    CHECK(printable_ascii(message));
    qnn_test::TempDir dir;
    qnn_test::write_text(dir / "binary.json", bytes);
    try {
        (void)qnn::load_model(dir / "binary.json");
        FAIL("no error");
    } catch (const qnn::ModelError& e) {
        CHECK(printable_ascii(e.what()));
        CHECK_THAT(e.what(), Contains("binary.json"));
    }
}

TEST_CASE("qnn model versions are reported as written")
{
    const std::string text = edited_text([](json& d) { d["version"] = 18446744073709551615ULL; });
    CHECK_THAT(json_error(text), Contains("unsupported version 18446744073709551615") && !Contains("-1"));
    CHECK_THAT(json_error(edited_text([](json& d) { d["version"] = -3; })), Contains("unsupported version -3"));
}

TEST_CASE("qnn model layer names are unique identifiers")
{
    CHECK_THAT(json_error(edited_text([](json& d) { d["layers"][1]["name"] = "layer0"; })),
               Contains("m.json") && Contains("layers[1]") && Contains("'layer0'") && Contains("duplicate"));
    CHECK_THAT(json_error(edited_text([](json& d) { d["layers"][0]["name"] = "bad\nname"; })),
               Contains("m.json") && Contains("layers[0]") && Contains("bad\\nname") && Contains("identifier"));
    for (const char* bad : {"", "0layer", "a-b", "a b", "la\xc3\xa9", "x;y"}) {
        INFO(bad);
        CHECK_THAT(json_error(edited_text([bad](json& d) { d["layers"][0]["name"] = bad; })),
                   Contains("layers[0]") && Contains("identifier"));
    }
    CHECK_THAT(json_error(edited_text([](json& d) { d["layers"][0]["name"] = std::string(65, 'a'); })),
               Contains("layers[0]") && Contains("64"));
    CHECK_NOTHROW(qnn::model_from_json(edited_text([](json& d) {
                                           d["layers"][0]["name"] = "_Hidden_1";
                                           d["layers"][1]["name"] = std::string(64, 'z');
                                       }),
                                       "m.json"));
    // validate_model itself (as used by every loader and the hardware) applies the same rules.
    qnn::QuantizedModel model = qnn_test::tiny_model();
    model.layers[1].name = "layer0";
    CHECK_THROWS_WITH(qnn::validate_model(model, "src"), Contains("src") && Contains("duplicate"));
}

TEST_CASE("qnn npz model with a gap in its layer numbers is an error")
{
    const qnn::QuantizedModel model = qnn_test::tiny_model();
    qnn_test::ZipWriter zip;
    zip.add("input.scale.npy", npy_bytes(npy("<f4", {1}, std::vector<float>{model.input_scale})), false);
    zip.add("input.zero.npy", npy_bytes(npy("<i4", {1}, std::vector<std::int32_t>{model.input_zero})), false);
    add_layer(zip, model.layers[0], 0);
    add_layer(zip, model.layers[1], 2);  // layer1.* missing
    qnn_test::TempDir dir;
    qnn_test::write_bytes(dir / "gap.npz", zip.finish());
    CHECK_THROWS_AS(qnn::load_model_npz(dir / "gap.npz"), qnn::ModelError);
    CHECK_THROWS_WITH(qnn::load_model_npz(dir / "gap.npz"),
                      Contains("gap.npz") && Contains("layer2") && Contains("layer1.weight") && Contains("missing"));
}

TEST_CASE("qnn model JSON files beyond the size and nesting limits are refused before parsing")
{
    qnn_test::TempDir dir;
    // A sparse file one byte past the limit: refused from its size alone.
    qnn_test::write_text(dir / "big.json", "{");
    std::filesystem::resize_file(dir / "big.json", qnn::kMaxModelJsonBytes + 1);
    CHECK_THROWS_AS(qnn::load_model_json(dir / "big.json"), qnn::ModelError);
    CHECK_THROWS_WITH(qnn::load_model_json(dir / "big.json"), Contains("big.json") && Contains("limit"));

    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK_THAT(json_error(deep), Contains("m.json") && Contains("nested more than 32 levels"));
    const std::string deep_field = R"({"format": "rtlnet-qnn", "input": )" + std::string(40, '[');
    CHECK_THAT(json_error(deep_field), Contains("m.json") && Contains("input") && Contains("nested"));
}

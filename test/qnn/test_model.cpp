// rtlnet JSON model format: exact round trip and every validation error.

#include "qnn/error.hpp"
#include "qnn/model.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <bit>
#include <cmath>
#include <functional>

using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

bool same_bits(float a, float b)
{
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
}

void check_equal(const qnn::QuantizedModel& a, const qnn::QuantizedModel& b)
{
    CHECK(same_bits(a.input_scale, b.input_scale));
    CHECK(a.input_zero == b.input_zero);
    REQUIRE(a.layers.size() == b.layers.size());
    for (std::size_t i = 0; i < a.layers.size(); ++i) {
        const qnn::DenseLayer& x = a.layers[i];
        const qnn::DenseLayer& y = b.layers[i];
        CHECK(x.name == y.name);
        CHECK(x.rows == y.rows);
        CHECK(x.cols == y.cols);
        CHECK(x.weight == y.weight);
        CHECK(x.bias == y.bias);
        REQUIRE(x.weight_scale.size() == y.weight_scale.size());
        for (std::size_t k = 0; k < x.weight_scale.size(); ++k) CHECK(same_bits(x.weight_scale[k], y.weight_scale[k]));
        CHECK(x.weight_zero == y.weight_zero);
        CHECK(same_bits(x.output_scale, y.output_scale));
        CHECK(x.output_zero == y.output_zero);
        CHECK(x.relu == y.relu);
    }
}

// Serializes the tiny model, lets `edit` change the JSON, and parses the result.
qnn::QuantizedModel parse_edited(const std::function<void(json&)>& edit)
{
    json doc = json::parse(qnn::model_to_json(qnn_test::tiny_model()));
    edit(doc);
    return qnn::model_from_json(doc.dump(), "edited.json");
}

}  // namespace

TEST_CASE("qnn model JSON round-trips bit-exactly")
{
    qnn::QuantizedModel model = qnn_test::tiny_model();
    // Scales whose shortest float decimal would not survive a trip through double.
    model.input_scale = std::nextafter(1.0f / 255.0f, 1.0f);
    model.layers[0].weight_scale = {std::nextafter(0.01f, 0.0f), 1.0f / 3.0f / 100.0f};
    model.layers[1].output_scale = std::nextafter(0.1f, 1.0f);
    const std::string text = qnn::model_to_json(model);
    const qnn::QuantizedModel back = qnn::model_from_json(text, "memory");
    check_equal(model, back);
    CHECK(qnn::model_to_json(back) == text);

    const json doc = json::parse(text);
    CHECK(doc["format"] == "rtlnet-qnn");
    CHECK(doc["version"] == 1);
    CHECK(doc["layers"][0]["weight"][1][0] == -128);
    CHECK(doc["layers"][0]["relu"] == true);
    CHECK(doc["layers"][1]["relu"] == false);

    qnn_test::TempDir dir;
    const auto path = dir / "models" / "m.json";
    qnn::save_model_json(model, path);
    check_equal(model, qnn::load_model_json(path));
    check_equal(model, qnn::load_model(path));
}

TEST_CASE("qnn model JSON reports every validation error with file and field")
{
    const auto error = [](const std::function<void(json&)>& edit) -> std::string {
        try {
            (void)parse_edited(edit);
        } catch (const qnn::ModelError& e) {
            return e.what();
        }
        return "no error";
    };
    CHECK_NOTHROW(parse_edited([](json&) {}));

    CHECK_THAT(error([](json& d) { d["layers"][0].erase("bias"); }),
               Contains("edited.json") && Contains("layers[0].bias") && Contains("missing field"));
    CHECK_THAT(error([](json& d) { d.erase("input"); }), Contains("input: missing field"));
    CHECK_THAT(error([](json& d) { d["layers"][0]["weight"][0][1] = "x"; }),
               Contains("layers[0].weight[0][1]") && Contains("must be an integer, got string"));
    CHECK_THAT(error([](json& d) { d["layers"][0]["relu"] = 1; }),
               Contains("layers[0].relu") && Contains("true or false"));
    CHECK_THAT(error([](json& d) { d["layers"] = json::object(); }), Contains("layers: must be an array"));
    CHECK_THAT(error([](json& d) { d["layers"][0]["weight"][1].push_back(1); }),
               Contains("layers[0].weight[1]") && Contains("same, non-zero length"));
    CHECK_THAT(error([](json& d) { d["layers"][0]["bias"].push_back(1); }),
               Contains("layers[0] (layer0).bias") && Contains("has 3 values, expected 2"));
    CHECK_THAT(error([](json& d) { d["layers"][1]["weight"] = json::parse("[[1,2,3],[4,5,6]]"); }),
               Contains("layers[1] (layer1).weight") && Contains("previous layer has 2 outputs"));
    CHECK_THAT(error([](json& d) { d["layers"][0]["weight"][0][0] = 200; }),
               Contains("layers[0].weight[0][0]") && Contains("200 is outside int8"));
    CHECK_THAT(error([](json& d) { d["layers"][0]["bias"][0] = 3000000000LL; }),
               Contains("layers[0].bias[0]") && Contains("outside int32"));
    CHECK_THAT(error([](json& d) { d["layers"][1]["output_zero"] = -129; }),
               Contains("layers[1].output_zero") && Contains("outside int8"));
    CHECK_THAT(error([](json& d) { d["layers"][0]["weight_zero"][1] = 3; }),
               Contains("weight_zero[1]") && Contains("zero point 0"));
    CHECK_THAT(error([](json& d) { d["layers"][0]["weight_scale"] = json::parse("[0.1, 0.1, 0.1]"); }),
               Contains("weight_scale") && Contains("expected 2 (per row) or 1"));
    CHECK_THAT(error([](json& d) { d["layers"][0]["weight_scale"][0] = 0.0; }),
               Contains("layers[0].weight_scale[0]") && Contains("finite and > 0"));
    CHECK_THAT(error([](json& d) { d["layers"][1]["output_scale"] = -0.5; }),
               Contains("layers[1].output_scale") && Contains("finite and > 0"));
    CHECK_THAT(error([](json& d) { d["input"]["scale"] = 1e300; }),  // not finite as float32
               Contains("input.scale") && Contains("finite"));
    CHECK_THAT(error([](json& d) { d["layers"][1]["output_scale"] = 1e-6; }),
               Contains("layer1 row 0") && Contains("multiplier") && Contains("outside [2^-32, 1)"));
    CHECK_THAT(error([](json& d) { d["layers"][0]["bias"][1] = 2147483647; }),
               Contains("layers[0] (layer0) row 1") && Contains("int32 accumulator can overflow"));
    CHECK_THAT(error([](json& d) { d["version"] = 2; }), Contains("unsupported version 2"));
    CHECK_THAT(error([](json& d) { d["format"] = "keras"; }), Contains("not an rtlnet model file"));
    CHECK_THAT(error([](json& d) { d["layers"] = json::array(); }), Contains("the model has no layers"));

    CHECK_THROWS_WITH(qnn::model_from_json("{\"format\": ", "broken.json"),
                      Contains("broken.json") && Contains("not valid JSON"));
    CHECK_THROWS_WITH(qnn::load_model("/nonexistent/model.json"), Contains("no model file at"));
}

TEST_CASE("qnn model multipliers are derived per row")
{
    const qnn::QuantizedModel model = qnn_test::tiny_model();
    const auto m0 = qnn::layer_multipliers(model, 0);
    REQUIRE(m0.size() == 2);
    CHECK(m0[0] == qnn::derive_multiplier(0.0123456789f, 1.0f / 255.0f, 0.05f));
    CHECK(m0[1] == qnn::derive_multiplier(0.01f, 1.0f / 255.0f, 0.05f));
    const auto m1 = qnn::layer_multipliers(model, 1);  // per-tensor scale broadcast to both rows
    REQUIRE(m1.size() == 2);
    CHECK(m1[0] == m1[1]);
    CHECK(m1[0] == qnn::derive_multiplier(0.02f, 0.05f, 0.1f));
}

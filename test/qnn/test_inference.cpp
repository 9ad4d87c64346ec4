// Software inference (hand-checked), the batch API, and agreement with the TFLite-style reference.

#include "mnist_cli/registry.hpp"
#include "qnn/inference.hpp"
#include "qnn/reference.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

namespace {

std::vector<qnn::ImageView> views(const qnn::ImageSet& set, std::size_t start, std::size_t count)
{
    std::vector<qnn::ImageView> out;
    for (std::size_t k = start; k < start + count; ++k) out.push_back(set.image(k));
    return out;
}

}  // namespace

TEST_CASE("qnn argmax takes the first maximum")
{
    CHECK(qnn::argmax(std::vector<std::int8_t>{1, 5, 5, 2}) == 1);
    CHECK(qnn::argmax(std::vector<std::int8_t>{-128, -128}) == 0);
    CHECK(qnn::argmax(std::vector<std::int8_t>{3, 2, 127}) == 2);
    CHECK(qnn::argmax(std::vector<std::int8_t>{}) == -1);
}

TEST_CASE("qnn software inference matches a hand computation")
{
    const qnn::QuantizedModel model = qnn_test::tiny_model();
    const qnn::SoftwareInference net(model);
    // Inputs 0, 0.5, 1 quantize to -128, 0, 126, so x - z_in = 0, 128, 254.
    const std::vector<float> image{0.0f, 0.5f, 1.0f};
    const std::vector<qnn::ImageView> batch{image};
    const qnn::Int8Matrix x = qnn::quantize_batch(model, batch);
    CHECK(x.rows == 3);
    CHECK(x.cols == 1);
    CHECK(x.data == std::vector<std::int8_t>{-128, 0, 126});
    // Row 0: 1*0 - 2*128 + 3*254 + 100 = 606; row 1: -128*0 + 127*128 + 0 - 200 = 16056.
    CHECK(qnn::dense_accumulator(model.layers[0], 0, x.data, -128) == 606);
    CHECK(qnn::dense_accumulator(model.layers[0], 1, x.data, -128) == 16056);
    const auto& m = net.multipliers(0);
    const std::int8_t h0 = qnn::requantize(606, m[0], -128);
    const std::int8_t h1 = qnn::requantize(16056, m[1], -128);
    // 606 * 0.0123456789 / 255 / 0.05 = 0.587 -> 1; 16056 * 0.01 / 255 / 0.05 = 12.59 -> 13.
    CHECK(h0 == -127);
    CHECK(h1 == -115);
    // Layer 1 (z_in = -128): row 0: 5*1 - 7*13 - 3 = -89 -> -89 * 0.01 = -0.89 -> -1 + 3 = 2;
    // row 1: 9*1 + 11*13 + 4 = 156 -> 1.56 -> 2 + 3 = 5.
    const qnn::BatchResult r = net.run_batch(batch);
    REQUIRE(r.size() == 1);
    CHECK(r.layer_names == std::vector<std::string>{"layer0", "layer1"});
    CHECK(r.output(0, 0)[0] == h0);
    CHECK(r.output(0, 0)[1] == h1);
    CHECK(r.output(1, 0)[0] == 2);
    CHECK(r.output(1, 0)[1] == 5);
    CHECK(r.predictions[0] == 1);

    // ReLU acts on the int32 accumulator: a negative accumulator gives exactly z_out.
    const std::vector<float> dark{0.0f, 1.0f, 0.0f};  // row 0: -2 * 254 + 100 < 0
    const std::vector<qnn::ImageView> dark_batch{dark};
    CHECK(net.run_batch(dark_batch).output(0, 0)[0] == -128);

    const std::vector<float> wrong(5, 0.0f);
    const std::vector<qnn::ImageView> wrong_batch{wrong};
    CHECK_THROWS_AS(net.run_batch(wrong_batch), qnn::UsageError);
    CHECK(net.run_batch({}).size() == 0);
}

TEST_CASE("qnn software batches equal single-image runs")
{
    const qnn::SoftwareInference net(qnn_test::small_model());
    const qnn::ImageSet& test = qnn_test::test_set();
    const auto batch = views(test, 100, 7);
    const qnn::BatchResult all = net.run_batch(batch);
    REQUIRE(all.size() == 7);
    CHECK(all.layer_outputs[0].rows == 7);
    CHECK(all.layer_outputs[0].cols == 18);
    CHECK(all.layer_outputs[1].cols == 10);
    for (std::size_t k = 0; k < 7; ++k) {
        const std::vector<qnn::ImageView> one{batch[k]};
        const qnn::BatchResult single = net.run_batch(one);
        CHECK(std::ranges::equal(single.output(0, 0), all.output(0, k)));
        CHECK(std::ranges::equal(single.output(1, 0), all.output(1, k)));
        CHECK(single.predictions[0] == all.predictions[k]);
        CHECK(all.predictions[k] == qnn::argmax(all.output(1, k)));
    }
    // The quantized (inputs x B) matrix path gives the same result.
    const qnn::Int8Matrix x = qnn::quantize_batch(net.model(), batch);
    CHECK(x.rows == 144);
    CHECK(x.cols == 7);
    CHECK(net.run_quantized(x).layer_outputs == all.layer_outputs);
}

TEST_CASE("qnn software inference of a trained model is accurate")
{
    const double accuracy = qnn::accuracy(qnn::SoftwareInference(qnn_test::small_model()), qnn_test::test_set());
    INFO("small model (2 float + 1 QAT epochs) software accuracy " << accuracy);
    CHECK(accuracy > 0.90);
}

TEST_CASE("qnn software and reference agree within one on the test set")
{
    const qnn::QuantizedModel& model = qnn_test::small_model();
    const qnn::SoftwareInference software(model);
    const qnn::ReferenceInference reference(model);
    const qnn::ImageSet& test = qnn_test::test_set();
    constexpr std::size_t kImages = 2000;
    std::size_t differing = 0;
    std::size_t outputs = 0;
    std::size_t prediction_mismatches = 0;
    for (std::size_t start = 0; start < kImages; start += 250) {
        const auto batch = views(test, start, 250);
        const qnn::BatchResult s = software.run_batch(batch);
        const qnn::BatchResult r = reference.run_batch(batch);
        for (std::size_t layer = 0; layer < s.layer_outputs.size(); ++layer) {
            const auto& a = s.layer_outputs[layer].data;
            const auto& b = r.layer_outputs[layer].data;
            REQUIRE(a.size() == b.size());
            for (std::size_t i = 0; i < a.size(); ++i) {
                REQUIRE(std::abs(a[i] - b[i]) <= 1);
                differing += a[i] != b[i] ? 1 : 0;
            }
            outputs += a.size();
        }
        for (std::size_t k = 0; k < batch.size(); ++k) prediction_mismatches += s.predictions[k] != r.predictions[k];
    }
    WARN("software vs reference on " << kImages << " test images: " << differing << " of " << outputs
                                     << " layer outputs differ by 1, " << prediction_mismatches
                                     << " predictions differ");
    CHECK(prediction_mismatches == 0);
}

TEST_CASE("qnn registry builds the built-in implementations by name")
{
    mnist_cli::ImplementationRegistry registry = mnist_cli::builtin_implementations();
    CHECK(registry.names() == std::vector<std::string>{"software", "reference"});
    CHECK(registry.choices() == "software, reference");
    CHECK(registry.get("software").display_name == "Software Inference");
    CHECK(registry.get("reference").display_name == "Reference Inference");
    CHECK(registry.find("verilator") == nullptr);
    CHECK_THROWS_WITH(registry.get("verilator"),
                      Catch::Contains("unknown implementation 'verilator'") && Catch::Contains("software, reference"));
    CHECK_THROWS_AS(registry.add({"software", "x", "", {}}), qnn::UsageError);

    const qnn::QuantizedModel model = qnn_test::tiny_model();
    const std::vector<float> image{0.0f, 0.5f, 1.0f};
    const std::vector<qnn::ImageView> batch{image};
    const mnist_cli::BatchRunner software = registry.get("software").make_runner(model);
    const mnist_cli::BatchRunner reference = registry.get("reference").make_runner(model);
    CHECK(software(batch).predictions == qnn::SoftwareInference(model).run_batch(batch).predictions);
    CHECK(reference(batch).size() == 1);

    registry.add({"custom", "Custom Inference", "test", [](const qnn::QuantizedModel& m) -> mnist_cli::BatchRunner {
                      return [net = qnn::SoftwareInference(m)](std::span<const qnn::ImageView> images) {
                          return net.run_batch(images);
                      };
                  }});
    CHECK(registry.choices() == "software, reference, custom");
    CHECK(registry.get("custom").make_runner(model)(batch).size() == 1);
}

// Training: determinism, the quick accuracy bar, conversion to int8 and the full default run.

#include "qnn/error.hpp"
#include "qnn/inference.hpp"
#include "qnn/random.hpp"
#include "qnn/training.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

TEST_CASE("qnn random numbers are deterministic and well formed")
{
    qnn::Rng a(42);
    qnn::Rng b(42);
    for (int i = 0; i < 100; ++i) CHECK(a.next_u32() == b.next_u32());
    CHECK(qnn::Rng(5489).next_u32() == 3499211612u);  // std::mt19937's specified first output
    qnn::Rng r(7);
    for (int i = 0; i < 10000; ++i) {
        const float u = r.uniform01();
        REQUIRE(u >= 0.0f);
        REQUIRE(u < 1.0f);
        REQUIRE(r.below(10) < 10u);
    }
    std::vector<std::uint32_t> identity(100);
    for (std::uint32_t i = 0; i < 100; ++i) identity[i] = i;
    std::vector<std::uint32_t> values = identity;
    r.shuffle(values);
    CHECK(std::set<std::uint32_t>(values.begin(), values.end()).size() == 100);
    CHECK(values != identity);
}

TEST_CASE("qnn training options are validated")
{
    qnn::TrainingOptions o;
    CHECK_NOTHROW(o.validate());
    o.batch_size = 0;
    CHECK_THROWS_AS(o.validate(), qnn::UsageError);
    CHECK_THROWS_WITH(o.validate(), Catch::Contains("--batch_size"));
    o = {};
    o.learning_rate = -1.0f;
    CHECK_THROWS_WITH(o.validate(), Catch::Contains("--learning_rate"));
    o = {};
    o.epochs = -1;
    CHECK_THROWS_WITH(o.validate(), Catch::Contains("--epochs"));
}

TEST_CASE("qnn conversion to int8 follows the TFLite scheme")
{
    const auto q = qnn::activation_quantization({0.0f, 2.55f});
    CHECK(q.scale == Approx(0.01f));
    CHECK(q.zero == -128);
    const auto sym = qnn::activation_quantization({-1.0f, 1.0f});
    CHECK(sym.scale == Approx(2.0f / 255.0f));
    CHECK(sym.zero == -1);  // round(-128 + 127.5) = round(-0.5) = -1 (half away from zero)
    CHECK(qnn::activation_quantization({0.5f, 2.0f}).zero == -128);  // the range is widened to contain 0

    qnn::FloatNetwork net;
    net.layers.push_back({2, 2, {0.6f, -1.0f, 0.25f, 0.1f}, {0.1f, -0.05f}});
    net.layers.push_back({1, 2, {2.0f, -3.0f}, {0.0f}});
    CHECK(qnn::weight_scales(net.layers[0]) == std::vector<float>{1.0f / 127.0f, 0.25f / 127.0f});
    const qnn::QuantizedModel m = qnn::convert_to_int8(net, {{0.0f, 4.0f}, {-8.0f, 8.0f}});
    REQUIRE(m.layers.size() == 2);
    CHECK(m.layers[0].weight == std::vector<std::int8_t>{76, -127, 127, 51});  // 76.2 -> 76, 50.8 -> 51
    CHECK(m.layers[0].relu);
    CHECK_FALSE(m.layers[1].relu);
    CHECK(m.layers[1].weight == std::vector<std::int8_t>{85, -127});  // 84.67 -> 85
    // bias = round(b / (s_in * s_w)): 0.1 / (1/255 * 1/127) = 3238.5 -> 3239 (from the float32 scales)
    const double s_in = static_cast<double>(1.0f / 255.0f);
    CHECK(
        m.layers[0].bias[0] ==
        static_cast<std::int32_t>(std::round(static_cast<double>(0.1f) / (s_in * static_cast<double>(1.0f / 127.0f)))));
    CHECK(m.layers[0].output_zero == -128);
    CHECK(m.layers[0].output_scale == Approx(4.0f / 255.0f));
    CHECK(m.layers[1].output_scale == Approx(16.0f / 255.0f));
    CHECK(m.input_zero == -128);
    CHECK(m.input_scale == 1.0f / 255.0f);

    qnn::ImageSet two_pixels;
    two_pixels.rows = 1;
    two_pixels.cols = 2;
    two_pixels.pixels = {1.0f, 0.5f, 0.0f, 1.0f};
    two_pixels.labels = {0, 1};
    // Image 0: layer 0 = relu(0.6 - 0.5 + 0.1, 0.25 + 0.05 - 0.05) = (0.2, 0.25); layer 1 = 0.4 - 0.75 = -0.35.
    // Image 1: layer 0 = relu(-1 + 0.1, 0.1 - 0.05) = (0, 0.05); layer 1 = -0.15.
    const auto ranges = qnn::calibrate_ranges(net, two_pixels, 10);
    REQUIRE(ranges.size() == 2);
    CHECK(ranges[0].min == 0.0f);  // ReLU output
    CHECK(ranges[0].max == Approx(0.25f));
    CHECK(ranges[1].min == Approx(-0.35f));
    CHECK(ranges[1].max == Approx(-0.15f));
}

TEST_CASE("qnn short training run reaches 85 percent")
{
    qnn::TrainingOptions options;
    options.epochs = 1;
    options.qat_epochs = 1;
    options.max_train_images = 30000;
    const qnn::TrainingResult r = qnn::train_model(qnn_test::train_set(), &qnn_test::test_set(), options);
    REQUIRE(r.quantized_test_accuracy);
    REQUIRE(r.float_test_accuracy);
    INFO("float " << *r.float_test_accuracy << " quantized " << *r.quantized_test_accuracy);
    CHECK(*r.float_test_accuracy > 0.85);
    CHECK(*r.quantized_test_accuracy > 0.85);
    CHECK(r.history.size() == 2);
    CHECK(r.history[0].phase == "float");
    CHECK(r.history[1].phase == "qat");
    CHECK(r.history[0].steps == 938);  // ceil(30000 / 32)
    CHECK(std::abs(*r.quantized_test_accuracy - qnn::accuracy(qnn::SoftwareInference(r.model), qnn_test::test_set())) <
          1e-12);
}

TEST_CASE("qnn training is deterministic for a seed")
{
    qnn::TrainingOptions options;
    options.epochs = 1;
    options.qat_epochs = 1;
    options.max_train_images = 3000;
    std::size_t callbacks = 0;
    const auto a =
        qnn::train_model(qnn_test::train_set(), nullptr, options, [&](const qnn::TrainingProgress&) { ++callbacks; });
    CHECK(callbacks == 2 * 94);
    const auto b = qnn::train_model(qnn_test::train_set(), nullptr, options);
    CHECK(qnn::model_to_json(a.model) == qnn::model_to_json(b.model));
    options.seed = 1234;
    const auto c = qnn::train_model(qnn_test::train_set(), nullptr, options);
    CHECK(qnn::model_to_json(a.model) != qnn::model_to_json(c.model));
}

TEST_CASE("qnn default training reaches the pyrtlnet accuracy")
{
    // The full default recipe (10 float + 4 QAT epochs on 60000 images, a few seconds).
    const qnn::TrainingResult r = qnn::train_model(qnn_test::train_set(), &qnn_test::test_set(), {});
    WARN("default training: float " << 100.0 * *r.float_test_accuracy << "%, int8 "
                                    << 100.0 * *r.quantized_test_accuracy << "% in " << r.seconds << " s");
    CHECK(*r.quantized_test_accuracy >= 0.941);
}

// The tiled accelerator, simulated, against the software inference: every layer's outputs and the
// classes, bit for bit, for many shapes and models, streamed back to back.

#include "accel/tiled_inference.hpp"
#include "support.hpp"
#include "tiled_models.hpp"

#include <catch2/catch.hpp>

namespace {

// Every layer output and prediction of `hw` equals `sw`'s.
void require_same(const qnn::BatchResult& sw, const qnn::BatchResult& hw)
{
    REQUIRE(hw.predictions.size() == sw.predictions.size());
    REQUIRE(hw.layer_outputs.size() == sw.layer_outputs.size());
    for (std::size_t l = 0; l < sw.layer_outputs.size(); ++l) {
        INFO("layer " << l);
        CHECK(hw.layer_outputs[l].data == sw.layer_outputs[l].data);
    }
    CHECK(hw.predictions == sw.predictions);
}

}  // namespace

TEST_CASE("the tiled accelerator is bit-exact with software for any shape")
{
    // Three layers (two activation buffers), an input size that is not a multiple of the word.
    const qnn::QuantizedModel model = tiled_test::random_model({21, 9, 7, 5}, 11);
    const qnn::SoftwareInference software(model);
    const qnn::Int8Matrix inputs = tiled_test::random_inputs(21, 11, 4);
    const qnn::BatchResult expected = software.run_quantized(inputs);
    for (accel::TiledShape shape :
         {accel::TiledShape{3, 2, 1, 4}, accel::TiledShape{4, 3, 3, 2}, accel::TiledShape{1, 1, 1, 1},
          accel::TiledShape{9, 4, 2, 8}, accel::TiledShape{2, 5, 1, 4}}) {
        INFO("array " << shape.rows << "x" << shape.cols << ", Q " << shape.requantizers << ", P "
                      << shape.pixels_per_word);
        accel::TiledInference hw(model, {.shape = shape});
        require_same(expected, hw.run_quantized(inputs));
    }
}

TEST_CASE("the tiled accelerator streams run after run without a reset")
{
    const qnn::QuantizedModel model = tiled_test::random_model({16, 12, 4}, 5);
    const qnn::SoftwareInference software(model);
    accel::TiledInference hw(model, {.shape = {4, 3, 1, 4}});
    for (int run = 0; run < 4; ++run) {
        INFO("run " << run);
        const qnn::Int8Matrix inputs = tiled_test::random_inputs(16, 1 + 3 * run, 20u + static_cast<unsigned>(run));
        require_same(software.run_quantized(inputs), hw.run_quantized(inputs));
    }
    // A replica simulates the same design from cycle 0.
    auto replica = hw.replica();
    const qnn::Int8Matrix inputs = tiled_test::random_inputs(16, 5, 99);
    require_same(software.run_quantized(inputs), replica->run_quantized(inputs));
}

TEST_CASE("in steady state a group of C images takes the plan's cycles plus one")
{
    const qnn::QuantizedModel model = tiled_test::random_model({40, 12, 6}, 9);
    accel::TiledInference hw(model, {.shape = {4, 4, 2, 4}});
    const int n = 40;
    hw.run_quantized(tiled_test::random_inputs(40, n, 1));
    const accel::TiledPlan& plan = hw.accelerator().plan();
    // Loading 4 images takes 4 * 10 cycles, less than a group's compute: compute-bound.
    REQUIRE(plan.words_per_image() * 4 < plan.cycles_per_group());
    CHECK(hw.last_cycles_per_image() == Approx((plan.cycles_per_group() + 1) / 4.0));
    CHECK(hw.last_latency() > static_cast<std::uint64_t>(plan.cycles_per_group()));
}

TEST_CASE("the tiled accelerator classifies MNIST exactly as software")
{
    const qnn::QuantizedModel& model = qnn_test::small_model();
    const qnn::ImageSet& test = qnn_test::test_set();
    std::vector<qnn::ImageView> images;
    for (std::size_t i = 0; i < 200; ++i) images.push_back(test.image(i));
    const qnn::SoftwareInference software(model);
    accel::TiledInference hw(model);  // the default 6x4 array, two requantizers
    require_same(software.run_batch(images), hw.run_batch(images));
    // The default shape meets the accelerator's throughput target.
    CHECK(hw.last_cycles_per_image() <= 150);
}

TEST_CASE("results wait while the receiver is not ready, and none is lost")
{
    const qnn::QuantizedModel model = tiled_test::random_model({12, 8, 3}, 17);
    const qnn::Int8Matrix inputs = tiled_test::random_inputs(12, 23, 6);
    const std::vector<int> expected = qnn::SoftwareInference(model).run_quantized(inputs).predictions;
    for (bool axi : {false, true}) {
        INFO("axi " << axi);
        accel::TiledInference hw(model, {.shape = {3, 3, 1, 4}, .axi = axi});
        rtl::Simulation& sim = hw.simulation();
        const accel::TiledPorts& port = hw.accelerator().ports();
        if (axi) {
            // A reset in the middle of a first stream, which is then abandoned.
            sim.set_input_u64(sim.wire_id(port.reset), 1);
            hw.run_quantized(tiled_test::random_inputs(12, 3, 8));
            sim.set_input_u64(sim.wire_id(port.pixels_valid), 1);
            sim.step_many(40);
            sim.set_input_u64(sim.wire_id(port.reset), 0);
            sim.step();
            sim.set_input_u64(sim.wire_id(port.reset), 1);
        }
        std::vector<std::uint64_t> words;
        for (int k = 0; k < inputs.cols; ++k)
            for (const rtl::BigInt& w : hw.accelerator().image_words(inputs, k))
                words.push_back(static_cast<std::uint64_t>(w));
        std::mt19937 rng(4);
        std::vector<int> got;
        std::size_t next = 0;
        int lasts = 0;
        for (int cycle = 0; cycle < 200000 && got.size() < expected.size(); ++cycle) {
            // The receiver is ready one cycle in eight, and not at all for long stretches.
            const bool ready = (cycle / 3000) % 2 == 0 ? false : rng() % 8 == 0;
            const bool offer = next < words.size() && rng() % 3 != 0;
            sim.set_input_u64(sim.wire_id(port.pixels), offer ? words[next] : 0);
            sim.set_input_u64(sim.wire_id(port.pixels_valid), offer);
            sim.set_input_u64(sim.wire_id(port.pixels_last), offer && next + 1 == words.size());
            sim.set_input_u64(sim.wire_id(port.result_ready), ready);
            sim.step();
            if (offer && sim.value_u64(sim.wire_id(port.pixels_ready))) ++next;
            if (ready && sim.value_u64(sim.wire_id(port.result_valid))) {
                got.push_back(static_cast<int>(sim.value_u64(sim.wire_id(port.result))));
                lasts += static_cast<int>(sim.value_u64(sim.wire_id(port.result_last)));
            }
        }
        CHECK(got == expected);
        CHECK(lasts == 1);
    }
}

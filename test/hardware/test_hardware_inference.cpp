// The accelerator in rtlnet's simulator against the software implementation, bit for bit.
#include "accel/hardware_inference.hpp"
#include "qnn/mnist.hpp"
#include "random_model.hpp"

#include <catch2/catch.hpp>

#include <thread>

namespace {

std::vector<qnn::ImageView> views(const std::vector<std::vector<float>>& images, std::size_t start, std::size_t count)
{
    std::vector<qnn::ImageView> out;
    for (std::size_t i = start; i < start + count && i < images.size(); ++i) out.emplace_back(images[i]);
    return out;
}

void check_equal(const qnn::BatchResult& hw, const qnn::BatchResult& sw)
{
    REQUIRE(hw.size() == sw.size());
    REQUIRE(hw.layer_outputs.size() == sw.layer_outputs.size());
    for (std::size_t l = 0; l < hw.layer_outputs.size(); ++l) CHECK(hw.layer_outputs[l] == sw.layer_outputs[l]);
    CHECK(hw.predictions == sw.predictions);
}

}  // namespace

TEST_CASE("MNIST-shaped accelerator == software at B = 1 2 3 with uneven last batches in one simulation")
{
    std::mt19937_64 rng(1);
    auto model = test_models::random_model(rng, {144, 18, 10});
    auto images = test_models::random_images(rng, 40, 144);
    qnn::SoftwareInference software(model);
    for (int B : {1, 2, 3}) {
        accel::HardwareInference hardware(model, {.batch_size = B});
        INFO("batch size " << B);
        for (std::size_t start = 0; start < images.size(); start += static_cast<std::size_t>(B)) {
            auto batch = views(images, start, static_cast<std::size_t>(B));
            check_equal(hardware.run_batch(batch), software.run_batch(batch));
            // pyrtlnet's cycle count: N0 + N1 + 1 steps with N = rows + inputs + B.
            CHECK(hardware.last_cycles() == static_cast<std::uint64_t>((18 + 144 + B) + (10 + 18 + B) + 1));
        }
    }
}

TEST_CASE("B = 1 takes exactly pyrtlnet's 193 cycles")
{
    std::mt19937_64 rng(2);
    auto model = test_models::random_model(rng, {144, 18, 10});
    accel::HardwareInference hardware(model);
    auto images = test_models::random_images(rng, 1, 144);
    hardware.run_batch(views(images, 0, 1));
    CHECK(hardware.last_cycles() == 193);
    CHECK(hardware.accelerator().latency_cycles() == 192);
}

TEST_CASE("any number of layers read from the model")
{
    std::mt19937_64 rng(3);
    auto model = test_models::random_model(rng, {20, 9, 7, 5, 3});
    auto images = test_models::random_images(rng, 12, 20);
    qnn::SoftwareInference software(model);
    accel::HardwareInference hardware(model, {.batch_size = 2});
    for (std::size_t start = 0; start < images.size(); start += 2) {
        auto batch = views(images, start, 2);
        check_equal(hardware.run_batch(batch), software.run_batch(batch));
    }
}

TEST_CASE("real MNIST images through the accelerator agree with software")
{
    std::mt19937_64 rng(4);
    auto model = test_models::random_model(rng, {144, 18, 10});
    auto dir = qnn::find_mnist_dir(std::filesystem::path(RTLNET_TEST_MNIST_DIR), qnn::Split::test);
    auto test = qnn::load_mnist(dir, qnn::Split::test).slice(0, 60);
    qnn::SoftwareInference software(model);
    accel::HardwareInference hardware(model, {.batch_size = 4});
    for (std::size_t start = 0; start < test.size(); start += 4) {
        std::vector<qnn::ImageView> batch;
        for (std::size_t k = start; k < start + 4; ++k) batch.push_back(test.image(k));
        check_equal(hardware.run_batch(batch), software.run_batch(batch));
    }
}

TEST_CASE("replicas of one accelerator run batches on two threads at once and each equals software")
{
    std::mt19937_64 rng(31);
    auto model = test_models::random_model(rng, {144, 18, 10});
    auto images = test_models::random_images(rng, 24, 144);
    qnn::SoftwareInference software(model);
    accel::HardwareInference design(model, {.batch_size = 2});
    std::unique_ptr<accel::HardwareInference> replica = design.replica();
    CHECK(&replica->block() == &design.block());  // one design, two simulations
    CHECK(&replica->simulation() != &design.simulation());
    CHECK(replica->simulation().is_compiled() == design.simulation().is_compiled());
    CHECK(replica->simulation().cycle() == 0);
    // Each thread runs half the batches through its own simulation; the results are checked afterwards.
    std::vector<qnn::BatchResult> results(images.size() / 2);
    auto run = [&](accel::HardwareInference& hardware, std::size_t parity) {
        for (std::size_t b = parity; b < results.size(); b += 2)
            results[b] = hardware.run_batch(views(images, 2 * b, 2));
    };
    std::thread other([&] { run(*replica, 1); });
    run(design, 0);
    other.join();
    for (std::size_t b = 0; b < results.size(); ++b) {
        INFO("batch " << b);
        check_equal(results[b], software.run_batch(views(images, 2 * b, 2)));
    }
    CHECK(replica->last_cycles() == design.last_cycles());
    CHECK_THROWS_AS(design.replica({"no_such_wire"}), rtl::Error);
}

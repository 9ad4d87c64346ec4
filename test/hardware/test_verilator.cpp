// The emitted accelerator under Verilator (and its generated testbench) against the built-in
// simulation and the software path.
#include "accel/verilator_inference.hpp"
#include "accel/verilog_export.hpp"
#include "random_model.hpp"
#include "rtl/tools.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

TEST_CASE("Verilator on the emitted accelerator == built-in simulation == software batch after batch", "[verilator]")
{
    std::mt19937_64 rng(21);
    auto model = test_models::random_model(rng, {144, 18, 10});
    auto images = test_models::random_images(rng, 9, 144);
    for (int B : {1, 2}) {
        accel::VerilatorInference verilator(
            model,
            {.hardware = {.batch_size = B}, .cache_dir = std::filesystem::path(RTLNET_BINARY_DIR) / "verilator-cache"});
        accel::HardwareInference hardware(model, {.batch_size = B});
        qnn::SoftwareInference software(model);
        std::vector<std::vector<qnn::ImageView>> batches;
        for (std::size_t s = 0; s < images.size(); s += static_cast<std::size_t>(B)) {
            batches.emplace_back();
            for (std::size_t k = s; k < std::min(images.size(), s + static_cast<std::size_t>(B)); ++k)
                batches.back().emplace_back(images[k]);
        }
        auto results = verilator.run_batches(batches);
        REQUIRE(results.size() == batches.size());
        for (std::size_t i = 0; i < batches.size(); ++i) {
            INFO("B = " << B << ", batch " << i);
            auto sim = hardware.run_batch(batches[i]);
            auto sw = software.run_batch(batches[i]);
            CHECK(results[i].layer_outputs == sim.layer_outputs);
            CHECK(results[i].predictions == sim.predictions);
            CHECK(sim.layer_outputs == sw.layer_outputs);
            CHECK(verilator.last_cycles()[i] == hardware.last_cycles());
        }
    }
}

TEST_CASE("verilog output: the module lints clean and its testbench prints the simulated result (Icarus and Verilator)",
          "[verilator]")
{
    std::mt19937_64 rng(22);
    auto model = test_models::random_model(rng, {144, 18, 10});
    auto images = test_models::random_images(rng, 3, 144);
    auto dir = std::filesystem::path(RTLNET_BINARY_DIR) / "test-scratch" / "mnist_verilog";
    std::filesystem::remove_all(dir);
    qnn::BatchResult expected = accel::write_verilog_and_testbench(model, std::vector<qnn::ImageView>{images[2]}, dir,
                                                                   {.architecture = accel::Architecture::PerLayer});
    int code = 0;
    {
        std::ifstream emitted(dir / "mnist_inference.v");
        std::stringstream text;
        text << emitted.rdbuf();
        CHECK(text.str().find("lint_off") == std::string::npos);  // clean without suppression pragmas
    }
    auto lint_result = rtl::verilator_lint(dir / "mnist_inference.v");
    code = lint_result.exit_code;
    std::string lint = lint_result.output;
    INFO(lint.substr(0, 2000));
    CHECK(code == 0);
    auto tb_lint = rtl::verilator_lint(dir / "mnist_inference_test.v", {}, {"--timing"});
    INFO(tb_lint.output.substr(0, 2000));
    CHECK(tb_lint.exit_code == 0);
    // The testbench under Icarus and under Verilator.
    auto out_result = rtl::icarus_run(dir, {"mnist_inference_test.v"}, "mnist_inference_test");
    code = out_result.exit_code;
    std::string out = out_result.output;
    INFO(out.substr(0, 3000));
    REQUIRE(code == 0);
    std::string want = "[";
    for (std::size_t r = 0; r < 10; ++r)
        want += (r ? " " : "") + fmt::format("{:4d}", expected.layer_outputs[1].at(0, static_cast<int>(r)));
    want += "]\nargmax: [" + std::to_string(expected.predictions[0]) + "]";
    CHECK(out.find(want) != std::string::npos);
    const rtl::VerilatorBuild build{.dir = dir,
                                    .sources = {"mnist_inference_test.v"},
                                    .top = "mnist_inference_test",
                                    .executable = "tb",
                                    .binary = true,
                                    .flags = {"-Wno-fatal", "-Wno-lint", "-Wno-style"}};
    auto built = rtl::verilator_build(build);
    INFO(built.output.substr(0, 3000));
    REQUIRE(built.exit_code == 0);
    auto verilator = rtl::run_command(rtl::shell_quote(rtl::verilator_executable(build).string()));
    INFO(verilator.output.substr(0, 3000));
    REQUIRE(verilator.exit_code == 0);
    CHECK(verilator.output.find(want) != std::string::npos);
}

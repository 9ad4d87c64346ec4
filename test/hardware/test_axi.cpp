// The AXI top of the accelerator in rtlnet's simulator, driven like the Zynq would: images over the
// stream with random gaps, results over AXI-Lite with random handshake timing, several images in a row
// without a reset; every value is checked against the software path.
#include "accel/hardware_inference.hpp"
#include "axi_driver.hpp"
#include "random_model.hpp"
#include "rtl/tools.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

TEST_CASE("AXI-Lite subordinate: reads writes in any order read-only registers DECERR")
{
    rtl::BlockScope scope;
    auto axi = rtl::make_axi_lite_subordinate(3, 2);
    axi.registers[2].next <<= 9999;
    rtl::Simulation sim;
    test_axi::AxiDriver zynq(sim, 1);
    for (int trial = 0; trial < 6; ++trial) {
        CHECK(zynq.write(0, 42 + trial) == 0);
        CHECK(zynq.write(4, 7 * static_cast<std::uint64_t>(trial)) == 0);
        CHECK(zynq.read(0) == std::make_pair<std::uint64_t, std::uint64_t>(42 + trial, 0));
        CHECK(zynq.read(4) == std::make_pair<std::uint64_t, std::uint64_t>(7 * static_cast<std::uint64_t>(trial), 0));
    }
    CHECK(zynq.write(8, 1) == 0);  // read-only: acknowledged, ignored
    CHECK(zynq.read(8) == std::make_pair<std::uint64_t, std::uint64_t>(9999, 0));
    CHECK(zynq.read(12).second == 3);  // DECERR past the last register
    CHECK(zynq.write(12, 5) == 3);
}

TEST_CASE("AXI top: several images back to back through stream and AXI-Lite equal software")
{
    std::mt19937_64 rng(31);
    auto model = test_models::random_model(rng, {144, 18, 10});
    auto images = test_models::random_images(rng, 6, 144);
    qnn::SoftwareInference software(model);
    for (int B : {1, 2}) {
        rtl::Block block;
        accel::HardwareAccelerator acc(model, {.batch_size = B, .axi = true}, block);
        rtl::Simulation sim(block, {.trace = false});
        test_axi::AxiDriver zynq(sim, 100 + static_cast<std::uint64_t>(B));
        for (std::size_t start = 0, done = 0; start < images.size(); start += static_cast<std::size_t>(B)) {
            std::vector<qnn::ImageView> batch;
            for (std::size_t k = start; k < start + static_cast<std::size_t>(B); ++k) batch.emplace_back(images[k]);
            zynq.send_frame(acc.input_memory_words(qnn::quantize_batch(model, batch)));
            // Poll the status register until a new result is there.
            ++done;
            std::uint64_t status = 0;
            for (int polls = 0; polls < 1000; ++polls) {
                status = zynq.read(4 * static_cast<std::uint64_t>(acc.status_register())).first;
                if ((status & 1) && (status >> 16) == done) break;
            }
            INFO("B = " << B << ", batch starting at " << start << ", status " << status);
            REQUIRE((status & 1) == 1);
            REQUIRE((status >> 16) == done);
            auto want = software.run_batch(batch);
            for (int c = 0; c < B; ++c) {
                CHECK(zynq.read(4 * static_cast<std::uint64_t>(c)).first ==
                      static_cast<std::uint64_t>(want.predictions[static_cast<std::size_t>(c)]));
                for (std::size_t l = 0; l < model.layers.size(); ++l)
                    for (int r = 0; r < model.layers[l].rows; ++r) {
                        auto [data, resp] = zynq.read(4 * static_cast<std::uint64_t>(acc.layer_register(l, r, c)));
                        CHECK(resp == 0);
                        CHECK(static_cast<std::int8_t>(data) ==
                              want.output(l, static_cast<std::size_t>(c))[static_cast<std::size_t>(r)]);
                    }
            }
        }
    }
}

TEST_CASE("AXI top under Verilator: a C++ Zynq model streams images and reads results with random timing",
          "[verilator]")
{
    std::mt19937_64 rng(41);
    auto model = test_models::random_model(rng, {144, 18, 10});
    auto images = test_models::random_images(rng, 4, 144);
    qnn::SoftwareInference software(model);
    rtl::Block block;
    accel::HardwareAccelerator acc(model, {.batch_size = 1, .axi = true}, block);
    auto dir = std::filesystem::path(RTLNET_BINARY_DIR) / "test-scratch" / "axi_verilator";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    {
        std::ofstream v(dir / "mnist_inference_axi.v");
        rtl::output_to_verilog(v, block, {.module_name = "mnist_inference_axi"});
    }
    std::ostringstream script;
    std::vector<qnn::BatchResult> expected;
    for (std::size_t i = 0; i < images.size(); ++i) {
        std::vector<qnn::ImageView> batch{images[i]};
        auto words = acc.input_memory_words(qnn::quantize_batch(model, batch));
        script << "frame " << words.size();
        for (const auto& w : words) script << " " << std::hex << w << std::dec;
        script << "\npoll " << 4 * acc.status_register() << " " << i + 1 << "\nread 0\n";
        for (std::size_t l = 0; l < model.layers.size(); ++l)
            for (int r = 0; r < model.layers[l].rows; ++r) script << "read " << 4 * acc.layer_register(l, r, 0) << "\n";
        expected.push_back(software.run_batch(batch));
    }
    {
        std::ofstream s(dir / "script.txt");
        s << script.str();
    }
    int code = 0;
    {
        std::ifstream emitted(dir / "mnist_inference_axi.v");
        std::stringstream text;
        text << emitted.rdbuf();
        CHECK(text.str().find("lint_off") == std::string::npos);  // clean without suppression pragmas
    }
    // -Wall wants one module per file (DECLFILENAME): lint the per-module files (the AXI subordinates
    // are modules of their own).
    const auto files = rtl::output_verilog_files(dir / "modules", block, {.module_name = "mnist_inference_axi"});
    std::vector<std::string> others;
    for (std::size_t i = 1; i < files.size(); ++i) others.push_back(files[i].filename().string());
    CHECK(others == std::vector<std::string>{"axi_stream_subordinate.v", "axi_lite_subordinate.v"});
    auto lint_result = rtl::verilator_lint(files[0], "mnist_inference_axi", others);
    code = lint_result.exit_code;
    std::string lint = lint_result.output;
    INFO(lint.substr(0, 2000));
    CHECK(code == 0);
    const rtl::VerilatorBuild harness{
        .dir = dir,
        .sources = {"mnist_inference_axi.v",
                    std::filesystem::path(RTLNET_SOURCE_DIR) / "test/hardware/axi_zynq_harness.cpp"},
        .top = "mnist_inference_axi",
        .executable = "zynq",
        .flags = {"-Wno-fatal"}};
    auto build_result = rtl::verilator_build(harness);
    code = build_result.exit_code;
    std::string build = build_result.output;
    INFO(build.substr(0, 3000));
    REQUIRE(code == 0);
    auto out_result = rtl::run_command(rtl::shell_quote(rtl::verilator_executable(harness).string()) + " < " +
                                       rtl::shell_quote((dir / "script.txt").string()));
    code = out_result.exit_code;
    std::string out = out_result.output;
    INFO(out.substr(0, 3000));
    REQUIRE(code == 0);
    std::istringstream lines(out);
    for (std::size_t i = 0; i < images.size(); ++i) {
        std::string word;
        std::uint64_t address, data;
        int resp;
        lines >> word >> address >> data >> resp;
        CHECK(word == "read");
        CHECK(data == static_cast<std::uint64_t>(expected[i].predictions[0]));
        for (std::size_t l = 0; l < model.layers.size(); ++l)
            for (int r = 0; r < model.layers[l].rows; ++r) {
                lines >> word >> address >> data >> resp;
                CHECK(resp == 0);
                CHECK(static_cast<std::int8_t>(data) == expected[i].output(l, 0)[static_cast<std::size_t>(r)]);
            }
    }
}

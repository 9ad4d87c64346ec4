// The tiled accelerator's Verilog: lint-clean, one module per kind, and cycle-exact with rtlnet's
// simulation under Verilator and Icarus.

#include "accel/tiled_inference.hpp"
#include "accel/tiled_verilator.hpp"
#include "support.hpp"
#include "tiled_models.hpp"
#include "verilog_tools.hpp"

#include <catch2/catch.hpp>

#include <sstream>

namespace {

// Every batch's layer outputs and classes equal the software path's.
void check_against_software(const qnn::QuantizedModel& model, const std::vector<std::vector<qnn::ImageView>>& batches,
                            const std::vector<qnn::BatchResult>& got)
{
    const qnn::SoftwareInference software(model);
    REQUIRE(got.size() == batches.size());
    for (std::size_t b = 0; b < batches.size(); ++b) {
        INFO("batch " << b);
        const qnn::BatchResult expected = software.run_batch(batches[b]);
        for (std::size_t l = 0; l < expected.layer_outputs.size(); ++l)
            CHECK(got[b].layer_outputs[l].data == expected.layer_outputs[l].data);
        CHECK(got[b].predictions == expected.predictions);
    }
}

}  // namespace

TEST_CASE("the tiled accelerator's Verilog is hierarchical, lint-clean and matches the simulation", "[verilator]")
{
    const qnn::QuantizedModel model = tiled_test::random_model({13, 7, 5}, 21);
    const std::vector<std::string> traced = {"pixels",       "pixels_valid", "pixels_last",
                                             "result_valid", "result",       "result_last"};
    accel::TiledInference hw(model, {.shape = {3, 2, 1, 4}}, rtl::SimulationMode::Interpreter, traced);
    const qnn::Int8Matrix inputs = tiled_test::random_inputs(13, 5, 3);
    const qnn::BatchResult result = hw.run_quantized(inputs);
    REQUIRE(result.predictions == qnn::SoftwareInference(model).run_quantized(inputs).predictions);

    const rtl::SimulationTrace& trace = hw.simulation().trace();
    std::ostringstream expected;
    for (std::size_t t = 0; t < trace.cycles(); ++t)
        if (trace.value("result_valid", t) != 0)
            expected << "r " << trace.value("result", t) << " " << trace.value("result_last", t) << "\n";
    CHECK(expected.str().size() > 10);

    const auto dir = test_tools::scratch_dir("tiled_verilog");
    const rtl::VerilogOptions options{.module_name = "tiled"};
    const auto files = rtl::output_verilog_files(dir / "modules", hw.block(), options);
    std::vector<std::string> names;
    for (const auto& f : files) names.push_back(f.filename().string());
    // The top, then one module per kind: identical PEs, requantizers and argmax lanes share one.
    CHECK(names == std::vector<std::string>{"tiled.v", "pe.v", "requantizer.v", "argmax.v"});
    auto lint = rtl::verilator_lint(files[0], "tiled", {names.begin() + 1, names.end()});
    INFO(lint.output.substr(0, 3000));
    CHECK(lint.exit_code == 0);

    std::ostringstream module, bench;
    rtl::output_to_verilog(module, hw.block(), options);
    rtl::output_verilog_testbench(
        bench, trace, hw.block(),
        {.module_name = "tiled", .cmd = "if (result_valid) $display(\"r %0d %0d\", result, result_last);"});
    test_tools::write_file(dir / "tiled.v", module.str());
    test_tools::write_file(dir / "tb.v", bench.str());
    auto yosys = rtl::yosys_run(dir, "read_verilog tiled.v; hierarchy -check -top tiled; proc; opt -fast; stat");
    INFO(yosys.output.substr(0, 3000));
    CHECK(yosys.exit_code == 0);
    auto verilator = test_tools::verilator_run(dir, dir / "tb.v", dir / "tiled.v");
    INFO(verilator.output.substr(0, 3000));
    REQUIRE(verilator.exit_code == 0);
    CHECK(test_tools::lines_starting_with(verilator.output, {"r "}) == expected.str());
    auto icarus = test_tools::iverilog_run(dir, dir / "tb.v", dir / "tiled.v");
    INFO(icarus.output.substr(0, 3000));
    REQUIRE(icarus.exit_code == 0);
    CHECK(test_tools::lines_starting_with(icarus.output, {"r "}) == expected.str());
}

TEST_CASE("the tiled accelerator under Verilator is bit-exact with software, run after run", "[verilator]")
{
    const qnn::QuantizedModel& model = qnn_test::small_model();
    const qnn::ImageSet& test = qnn_test::test_set();
    std::vector<std::vector<qnn::ImageView>> batches(3);
    for (std::size_t i = 0; i < 150; ++i) batches[i < 97 ? 0 : i < 98 ? 1 : 2].push_back(test.image(i));
    // The MNIST-sized design's module files are lint-clean too.
    {
        rtl::Block block;
        const accel::TiledAccelerator accelerator(model, {}, block);
        const auto files = rtl::output_verilog_files(test_tools::scratch_dir("tiled_mnist_lint"), block,
                                                     {.module_name = "mnist_inference"});
        std::vector<std::string> names;
        for (std::size_t i = 1; i < files.size(); ++i) names.push_back(files[i].filename().string());
        const auto lint = rtl::verilator_lint(files[0], "mnist_inference", names);
        INFO(lint.output.substr(0, 3000));
        CHECK(lint.exit_code == 0);
    }
    accel::TiledVerilatorInference verilated(model, {.cache_dir = RTLNET_BINARY_DIR "/verilator-cache"});
    check_against_software(model, batches, verilated.run_batches(batches));
    // A single image's latency, the same in Verilator as in rtlnet's simulation.
    accel::TiledInference simulated(model);
    simulated.run_batch(batches[1]);
    CHECK(verilated.last_latencies()[1] == simulated.last_latency());
}

TEST_CASE("the AXI top under Verilator, with a stalling sender and receiver, is bit-exact with software", "[verilator]")
{
    const qnn::QuantizedModel& model = qnn_test::small_model();
    const qnn::ImageSet& test = qnn_test::test_set();
    std::vector<std::vector<qnn::ImageView>> batches(2);
    for (std::size_t i = 0; i < 60; ++i) batches[i < 37 ? 0 : 1].push_back(test.image(200 + i));
    accel::TiledVerilatorInference verilated(
        model, {.tiled = {.axi = true}, .stalls = true, .cache_dir = RTLNET_BINARY_DIR "/verilator-cache"});
    check_against_software(model, batches, verilated.run_batches(batches));
}

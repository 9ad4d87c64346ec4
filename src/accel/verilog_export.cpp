// The accelerator's Verilog for users (module + replaying testbench) and for fpga/ (the AXI top).

#include "accel/verilog_export.hpp"

#include "accel/hardware_inference.hpp"
#include "accel/tiled_inference.hpp"
#include "files.hpp"
#include "qnn/error.hpp"

#include <fmt/format.h>

#include <fstream>

namespace accel {

namespace {

constexpr const char* kModule = "mnist_inference";
constexpr const char* kTestbench = "mnist_inference_test";

void write_files(const std::filesystem::path& dir, rtl::Block& block, const rtl::SimulationTrace& trace,
                 const std::string& cmd)
{
    std::ofstream module(dir / "mnist_inference.v"), bench(dir / "mnist_inference_test.v");
    rtl::output_to_verilog(module, block, {.module_name = kModule});
    rtl::output_verilog_testbench(bench, trace, block,
                                  {.module_name = kModule,
                                   .testbench_name = kTestbench,
                                   .toplevel_include = "mnist_inference.v",
                                   .vcd = "mnist_inference.vcd",
                                   .cmd = cmd});
    if (!module.flush() || !bench.flush()) throw rtl::Error("cannot write the Verilog files in " + dir.string());
}

// Per-layer: the batch through the write port, `start`, then the cycles up to `valid`.
qnn::BatchResult write_per_layer(const qnn::QuantizedModel& model, std::span<const qnn::ImageView> batch,
                                 const std::filesystem::path& dir)
{
    rtl::Block block;
    const int B = static_cast<int>(batch.size());
    HardwareAccelerator acc(model, {.batch_size = B}, block);
    const auto words = acc.input_memory_words(qnn::quantize_batch(model, batch));
    // Simulate the whole exchange through the ports, so the testbench replays exactly this.
    rtl::Simulation sim(block);
    rtl::InputValues inputs = {
        {"flat_batch_write_addr", 0}, {"flat_batch_write_data", 0}, {"flat_batch_write_enable", 1}, {"start", 0}};
    for (std::size_t a = 0; a < words.size(); ++a) {
        inputs["flat_batch_write_addr"] = a;
        inputs["flat_batch_write_data"] = words[a];
        sim.step(inputs);
    }
    inputs["flat_batch_write_enable"] = 0;
    inputs["flat_batch_write_addr"] = 0;
    inputs["flat_batch_write_data"] = 0;
    inputs["start"] = 1;
    sim.step(inputs);
    inputs["start"] = 0;
    do sim.step(inputs);
    while (sim.inspect_u64("valid") == 0);

    qnn::BatchResult expected;
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        qnn::Int8Matrix out(B, model.layers[i].rows);
        for (int r = 0; r < model.layers[i].rows; ++r)
            for (int c = 0; c < B; ++c)
                out.at(c, r) =
                    static_cast<std::int8_t>(sim.inspect_u64(fmt::format("{}_{}_{}", qnn::layer_name(model, i), r, c)));
        expected.layer_names.push_back(qnn::layer_name(model, i));
        expected.layer_outputs.push_back(std::move(out));
    }
    for (int c = 0; c < B; ++c)
        expected.predictions.push_back(static_cast<int>(sim.inspect_u64(fmt::format("argmax_{}", c))));

    // The first image's last layer, then every image's class.
    const std::string last = qnn::layer_name(model, model.layers.size() - 1);
    std::string format = fmt::format("time %0t\\n{} output:\\n[", last), args;
    for (int r = 0; r < model.layers.back().rows; ++r) {
        format += r ? " %4d" : "%4d";
        args += fmt::format(", $signed({})", rtl::verilog_identifier(block, fmt::format("{}_{}_0", last, r)));
    }
    format += "]\\nargmax: [";
    for (int c = 0; c < B; ++c) {
        format += c ? " %0d" : "%0d";
        args += fmt::format(", {}", rtl::verilog_identifier(block, fmt::format("argmax_{}", c)));
    }
    format += "]\\n";
    write_files(dir, block, sim.trace(), fmt::format("if (valid) $display(\"{}\", $time{});", format, args));
    return expected;
}

// Tiled: the images streamed back to back; each class as it leaves. The module has the stream ports
// only (no `requant*` observation ports), as an FPGA build wants; the result holds the classes.
qnn::BatchResult write_tiled(const qnn::QuantizedModel& model, std::span<const qnn::ImageView> batch,
                             const std::filesystem::path& dir, const TiledShape& shape)
{
    // The testbench replays the Inputs; the trace must hold them (and nothing else is needed).
    const std::vector<std::string> traced = {"pixels", "pixels_valid", "pixels_last", "result_ready"};
    TiledInference hw(model, {.shape = shape, .observe = false}, rtl::SimulationMode::Interpreter, traced);
    qnn::BatchResult expected = hw.run_batch(batch);
    write_files(
        dir, hw.block(), hw.simulation().trace(),
        "if (result_valid) $display(\"time %0t result %0d%s\", $time, result, result_last ? \" (last)\" : \"\");");
    return expected;
}

}  // namespace

qnn::BatchResult write_verilog_and_testbench(const qnn::QuantizedModel& model, std::span<const qnn::ImageView> images,
                                             const std::filesystem::path& dir, const ExportOptions& options)
{
    if (images.empty()) throw qnn::UsageError("write_verilog_and_testbench: the testbench needs at least one image");
    detail::make_directory(dir, "the Verilog directory");
    return options.architecture == Architecture::Tiled ? write_tiled(model, images, dir, options.shape)
                                                       : write_per_layer(model, images, dir);
}

std::filesystem::path write_axi_verilog(const qnn::QuantizedModel& model, int batch_size,
                                        const std::filesystem::path& dir, const ExportOptions& options)
{
    detail::make_directory(dir, "the Verilog directory");
    rtl::Block block;
    if (options.architecture == Architecture::Tiled) {
        const TiledAccelerator tiled(model, {.shape = options.shape, .observe = false, .axi = true}, block);
    } else {
        const HardwareAccelerator per_layer(model, {.batch_size = batch_size, .axi = true}, block);
    }
    auto path = dir / "mnist_inference_axi.v";
    std::ofstream out(path);
    rtl::output_to_verilog(out, block, {.module_name = "mnist_inference_axi"});
    if (!out.flush()) throw rtl::Error("cannot write " + path.string());
    return path;
}

}  // namespace accel

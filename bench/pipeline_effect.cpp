// The middle end's effect (passes.hpp): net counts of the MNIST accelerator before and after the
// pipeline, and simulation speed with pipeline "none" against "default" on the same design and inputs
// (every Output must agree after the same cycles). Prints Markdown for docs/benchmarks.md.
#include "qnn/hardware_inference.hpp"
#include "qnn/training_run.hpp"
#include "rtl/rtl.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <iostream>

namespace {

using Clock = std::chrono::steady_clock;

struct Speed {
    double cycles_per_second = 0;
    std::vector<std::uint64_t> outputs;
};

// Runs `cycles` cycles with `start` held high (the accelerator runs batch after batch).
Speed measure(const rtl::Block& block, const std::string& pipeline, rtl::SimulationMode mode, std::uint64_t cycles,
              const std::filesystem::path& cache)
{
    rtl::Simulation sim(block, {.mode = mode, .cache_dir = cache, .trace = false, .pipeline = pipeline});
    rtl::InputValues inputs;
    for (const auto& w : block.wires())
        if (w.kind == rtl::WireKind::Input) inputs[w.name] = 0;
    inputs["start"] = 1;
    for (std::uint64_t a = 0; a < 64; ++a) sim.write_memory("flat_batch", a, (a * 37) % 200);
    sim.step(inputs);
    auto t0 = Clock::now();
    sim.step_many(cycles, inputs);
    double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    Speed s{static_cast<double>(cycles) / seconds, {}};
    for (const auto& w : block.wires())
        if (w.kind == rtl::WireKind::Output) s.outputs.push_back(sim.inspect_u64(w.name));
    return s;
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app("The optimization pipeline's effect on the MNIST accelerator");
    std::string model_path = "models/mnist_q8.json", cache = ".rtlnet-cache/bench-pipeline";
    app.add_option("--model", model_path, "model file (trained first if missing)");
    app.add_option("--cache_dir", cache, "compiled-simulation cache");
    CLI11_PARSE(app, argc, argv);
    try {
        if (!std::filesystem::exists(model_path)) {
            std::cerr << "No model at " << model_path << ": training one first.\n";
            qnn::run_training({.output = model_path, .quiet = true}, std::cerr);
        }
        auto model = qnn::load_model(model_path);
        fmt::print("| design | pipeline | nets | combinational | wide (>64-bit) nets | interpreter (cycles/s) | "
                   "compiled (cycles/s) | outputs agree |\n|---|---|---|---|---|---|---|---|\n");
        for (int B : {1, 8}) {
            rtl::BlockScope scope;
            qnn::HardwareAccelerator accelerator(model, {.batch_size = B});
            std::vector<std::uint64_t> interp_reference, compiled_reference;  // pipeline "none"
            for (const std::string pipeline : {"none", "default"}) {
                auto design = rtl::optimize(scope.block(), {.pipeline = pipeline});
                auto stats = rtl::design_statistics(*design);
                auto interp = measure(scope.block(), pipeline, rtl::SimulationMode::Interpreter, 20000, cache);
                auto compiled = measure(scope.block(), pipeline, rtl::SimulationMode::Compiled, 400000, cache);
                if (interp_reference.empty()) {
                    interp_reference = interp.outputs;
                    compiled_reference = compiled.outputs;
                }
                bool agree = interp.outputs == interp_reference && compiled.outputs == compiled_reference;
                fmt::print("| MNIST accelerator B={} | {} | {} | {} | {} | {:.3g} | {:.3g} | {} |\n", B, pipeline,
                           stats.nets, stats.combinational_nets, stats.wide_nets, interp.cycles_per_second,
                           compiled.cycles_per_second, agree ? "yes" : "NO");
                if (!agree) return 1;
            }
            auto exported = rtl::design_statistics(*rtl::optimize(scope.block(), {.keep_named_wires = false}));
            fmt::print("| MNIST accelerator B={} | default, for Verilog export | {} | {} | {} | - | - | - |\n", B,
                       exported.nets, exported.combinational_nets, exported.wide_nets);
        }
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}

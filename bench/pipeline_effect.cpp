// The middle end's effect (passes.hpp): net counts of the MNIST accelerator before and after the
// pipeline, and simulation speed with pipeline "none" against "default" on the same design and inputs
// (every Output must agree after the same cycles). Prints Markdown for docs/benchmarks.md.
// With --trace_cost it measures instead what tracing costs (SimulationOptions::trace, traced_wires):
// the B=1 accelerator with the trace off, on for a few named wires, and on for every wire.
#include "accel/hardware_inference.hpp"
#include "mnist_cli/training_run.hpp"
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

// What tracing costs: the B=1 accelerator with `start` held, run in bulk (step_many) and cycle by
// cycle (step, its inputs set every cycle), with the trace off, on for a few named wires (plus the
// Inputs, which are always traced) and on for every named wire. Best of three runs of each.
struct TraceSetting {
    const char* label;
    bool trace;
    std::vector<std::string> wires;
};

int trace_cost(const qnn::QuantizedModel& model, std::uint64_t cycles, const std::filesystem::path& cache)
{
    rtl::BlockScope scope;
    accel::HardwareAccelerator accelerator(model, {.batch_size = 1});
    const auto layer = [&](std::size_t i) {
        return model.layers[i].name.empty() ? fmt::format("layer{}", i) : model.layers[i].name;
    };
    const std::vector<TraceSetting> settings = {
        {"off", false, {}},
        {"a few named wires", true, {"start", "valid", "argmax_0", layer(0) + "_matmul.state"}},
        {"every wire", true, {}}};
    fmt::print(
        "| drive | trace | traced signals | compiled (cycles/s) | relative to trace off | interpreter (cycles/s) | "
        "outputs agree |\n|---|---|---|---|---|---|---|\n");
    for (const bool bulk : {true, false}) {
        double compiled_off = 0, interp_off = 0;
        std::vector<std::uint64_t> reference;
        for (const TraceSetting& setting : settings) {
            std::size_t signals = 0;
            bool agree = true;
            auto run = [&](rtl::SimulationMode mode, std::uint64_t n) {
                double best = 0;
                for (int repeat = 0; repeat < 3; ++repeat) {
                    rtl::Simulation sim(
                        scope.block(),
                        {.mode = mode, .cache_dir = cache, .trace = setting.trace, .traced_wires = setting.wires});
                    rtl::InputValues inputs;
                    for (const auto& w : scope.block().wires())
                        if (w.kind == rtl::WireKind::Input) inputs[w.name] = 0;
                    inputs["start"] = 1;
                    for (std::uint64_t a = 0; a < 64; ++a) sim.write_memory("flat_batch", a, (a * 37) % 200);
                    sim.step(inputs);
                    const rtl::WireId start = sim.wire_id("start");
                    auto t0 = Clock::now();
                    if (bulk) sim.step_many(n - 1);
                    else
                        for (std::uint64_t c = 1; c < n; ++c) {
                            sim.set_input_u64(start, 1);
                            sim.step();
                        }
                    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
                    best = std::max(best, static_cast<double>(n - 1) / seconds);
                    signals = sim.trace().signals().size();
                    std::vector<std::uint64_t> outputs;
                    for (const auto& w : scope.block().wires())
                        if (w.kind == rtl::WireKind::Output) outputs.push_back(sim.inspect_u64(w.name));
                    if (mode == rtl::SimulationMode::Compiled) {
                        if (reference.empty()) reference = outputs;
                        agree = agree && outputs == reference;
                    }
                }
                return best;
            };
            const double compiled = run(rtl::SimulationMode::Compiled, cycles);
            const double interp = run(rtl::SimulationMode::Interpreter, std::max<std::uint64_t>(cycles / 10, 1000));
            if (!setting.trace) {
                compiled_off = compiled;
                interp_off = interp;
            }
            fmt::print("| {} | {} | {} | {:.3g} | {:.2f} | {:.3g} ({:.2f}) | {} |\n", bulk ? "step_many" : "step",
                       setting.label, signals, compiled, compiled / compiled_off, interp, interp / interp_off,
                       agree ? "yes" : "NO");
            if (!agree) return 1;
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app("The optimization pipeline's effect on the MNIST accelerator");
    std::string model_path = "models/mnist_q8.json", cache = ".rtlnet-cache/bench-pipeline";
    app.add_option("--model", model_path, "model file (trained first if missing)");
    app.add_option("--cache_dir", cache, "compiled-simulation cache");
    bool tracing = false;
    std::uint64_t trace_cycles = 50000;
    app.add_flag("--trace_cost", tracing, "measure what tracing costs instead (B=1; see the header comment)");
    app.add_option("--trace_cycles", trace_cycles,
                   "cycles per --trace_cost run (a full trace keeps 2.4 KB per cycle; the interpreter runs a tenth)")
        ->capture_default_str()
        ->check(CLI::Range(std::uint64_t{10000}, std::uint64_t{10000000}));
    CLI11_PARSE(app, argc, argv);
    try {
        if (!std::filesystem::exists(model_path)) {
            std::cerr << "No model at " << model_path << ": training one first.\n";
            mnist_cli::run_training({.output = model_path, .quiet = true}, std::cerr);
        }
        auto model = qnn::load_model(model_path);
        if (tracing) return trace_cost(model, trace_cycles, cache);
        fmt::print("| design | pipeline | nets | combinational | wide (>64-bit) nets | interpreter (cycles/s) | "
                   "compiled (cycles/s) | outputs agree |\n|---|---|---|---|---|---|---|---|\n");
        for (int B : {1, 8}) {
            rtl::BlockScope scope;
            accel::HardwareAccelerator accelerator(model, {.batch_size = B});
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

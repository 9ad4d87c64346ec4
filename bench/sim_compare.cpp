// sim_compare: rtlnet's interpreter, rtlnet's compiled mode and Verilator (built at its fastest, see
// rtl::verilator_fast_flags) on the same designs and the same stimulus, in one run. Each design runs
// twice: driven cycle by cycle from C++ (`step`, inputs changing every cycle) and in bulk with inputs
// held (`step_many`). The three simulators must end with the same outputs. One line per design and
// drive:
//   design=NAME drive=step nets=N rtlnet_interp_cps=X rtlnet_compiled_cps=Y verilator_cps=Z
//   ratio=Y/Z compile_s=C verilator_build_s=V verilator_mt2_cps=W agree=yes
// then the exact Verilator command and C++ compile line. Timed runs are repeated (--repeat, default 3),
// rtlnet's and Verilator's taking turns, and the fastest counts, for rtlnet and Verilator alike. bench/run puts the
// output in docs/benchmarks.md.
#include "accel/hardware_inference.hpp"
#include "accel/tiled_accelerator.hpp"
#include "aes128.hpp"
#include "linalg/systolic_array.hpp"
#include "mnist_cli/cli.hpp"
#include "rtl/rtl.hpp"
#include "verilator_runner.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <functional>
#include <iostream>
#include <random>

namespace {

using Stimulus = std::vector<std::map<std::string, std::uint64_t>>;

struct Design {
    std::string name;
    std::function<void()> build;  // into the working block
    Stimulus stimulus{};  // per-cycle inputs, repeated
    std::vector<std::string> outputs{};  // compared at the end (≤ 64 bits each)
};

// A table of `count` cycles of random inputs for every Input of the block (≤ 64 bits).
Stimulus random_stimulus(const rtl::Block& block, int count, std::uint64_t seed,
                         const std::function<std::uint64_t(const std::string&, std::uint64_t)>& shape = {})
{
    std::mt19937_64 rng(seed);
    Stimulus out(static_cast<std::size_t>(count));
    for (auto& cycle : out)
        for (const auto& w : block.wires())
            if (w.kind == rtl::WireKind::Input) {
                std::uint64_t v = rng() & (w.bitwidth >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << w.bitwidth) - 1);
                cycle[w.name] = shape ? shape(w.name, v) : v;
            }
    return out;
}

std::vector<std::string> outputs_of(const rtl::Block& block, std::size_t every = 1)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    for (const auto& w : block.wires())
        if (w.kind == rtl::WireKind::Output && w.bitwidth <= 64 && i++ % every == 0) out.push_back(w.name);
    return out;
}

Design systolic(int n)
{
    return {fmt::format("systolic_{}x{}_int8", n, n), [n] {
                auto a = linalg::WireMatrix2D::inputs("a", n, n, 8), b = linalg::WireMatrix2D::inputs("b", n, n, 8);
                a.valid <<= 1;
                b.valid <<= 1;
                auto product = linalg::make_systolic_array("mm", a, b, 0, 8, 32);
                product.ready <<= 1;
                product.make_outputs("out");
            }};
}

Design mac_chain(int taps)
{
    return {fmt::format("mac_chain_{}tap_32bit", taps), [taps] {
                rtl::Input x(32, "x");
                rtl::WireVector sample = x, acc = rtl::Const(0, 32);
                for (int i = 0; i < taps; ++i) {
                    rtl::Register tap(32, fmt::format("tap{}", i)), sum(32, fmt::format("sum{}", i));
                    tap.next <<= sample;
                    const std::uint64_t coefficient = (static_cast<std::uint64_t>(i) * 2654435761u) & 0xffff;
                    sum.next <<= (acc + tap * rtl::Const(coefficient, 16))(31, 0);
                    sample = tap;
                    acc = sum;
                }
                rtl::Output y(32, "y");
                y <<= acc;
            }};
}

Design register_file()
{
    return {"register_file_32x32", [] {
                rtl::Input we(1, "we"), waddr(5, "waddr"), wdata(32, "wdata"), ra(5, "ra"), rb(5, "rb");
                rtl::MemBlock regs(32, 5, "regs", 2, 1);
                regs[waddr] <<= rtl::EnabledWrite{wdata, we};
                rtl::Output qa(32, "qa"), qb(32, "qb");
                qa <<= regs[ra];
                qb <<= regs[rb];
            }};
}

// The AES-128 core of examples/aes128 behind 64-bit halves (the harnesses drive and read at most 64
// bits per port), driven block by block: a start with a random key and plaintext every 12 cycles, the
// inputs changing every cycle in between (the core ignores them while busy). `digest` folds the
// ciphertext port into a rotating xor every cycle, so the final outputs depend on every cycle's state.
// Held inputs (step_many) keep start at 1: a new block every 11 cycles.
Design aes()
{
    Design design{"aes128", [] {
                      rtl::Input key_hi(64, "key_hi"), key_lo(64, "key_lo"), pt_hi(64, "pt_hi"), pt_lo(64, "pt_lo");
                      rtl::Input start(1, "start");
                      const aes128::CoreWires core =
                          aes128::build_core(rtl::concat(key_hi, key_lo), rtl::concat(pt_hi, pt_lo), start);
                      rtl::Register digest(64, "digest");
                      digest.next <<=
                          rtl::concat(digest(62, 0), digest[63]) ^ core.ciphertext(127, 64) ^ core.ciphertext(63, 0);
                      rtl::Output ct_hi(64, "ct_hi"), ct_lo(64, "ct_lo"), done(1, "done"), digest_out(64, "digest_out");
                      ct_hi <<= core.ciphertext(127, 64);
                      ct_lo <<= core.ciphertext(63, 0);
                      done <<= core.done;
                      digest_out <<= digest;
                  }};
    std::mt19937_64 rng(12);
    for (int block = 0; block < 16; ++block)
        for (int cycle = 0; cycle < aes128::kLatencyCycles + 1; ++cycle)
            design.stimulus.push_back({{"key_hi", rng()},
                                       {"key_lo", rng()},
                                       {"pt_hi", rng()},
                                       {"pt_lo", rng()},
                                       {"start", cycle == 0 ? 1u : 0u}});
    return design;
}

Design mnist(const qnn::QuantizedModel& model, int batch)
{
    return {fmt::format("mnist_accelerator_B{}", batch),
            [&model, batch] { accel::HardwareAccelerator accelerator(model, {.batch_size = batch}); }};
}

// The default (tiled) accelerator, fed random pixel words with random valid and ready handshakes.
Design mnist_tiled(const qnn::QuantizedModel& model)
{
    return {"mnist_tiled_6x4",
            [&model] { accel::TiledAccelerator accelerator(model, {.shape = {}, .observe = false, .axi = false}); }};
}

struct Timing {
    double seconds = 0;
    std::map<std::string, std::uint64_t> outputs;
};

Timing run_rtlnet(const rtl::Block& block, rtl::SimulationMode mode, const Stimulus& stimulus, std::uint64_t cycles,
                  bool bulk, const std::vector<std::string>& outputs, double* compile_seconds,
                  const std::filesystem::path& cache = {})
{
    auto begin_build = std::chrono::steady_clock::now();
    rtl::Simulation sim(block, {.mode = mode, .cache_dir = cache, .trace = false});
    if (compile_seconds)
        *compile_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin_build).count();
    // Every row sets the same Inputs (the stimulus maps share their keys): one group, rows of values.
    std::vector<std::string> names;
    for (const auto& [name, value] : stimulus.front()) names.push_back(name);
    const auto group = sim.input_group(names);
    std::vector<std::vector<std::uint64_t>> table;
    for (const auto& step : stimulus) {
        table.emplace_back();
        for (const auto& name : names) table.back().push_back(step.at(name));
    }
    Timing t;
    auto begin = std::chrono::steady_clock::now();
    if (bulk) {
        sim.set_inputs_u64(group, table.front());
        sim.step_many(cycles);
    } else {
        // The stimulus row wraps with a compare, not `c % size` (a division per cycle, which the
        // Verilator harness does not pay: its table size is a compile-time constant).
        std::size_t row = 0;
        for (std::uint64_t c = 0; c < cycles; ++c) {
            sim.set_inputs_u64(group, table[row]);
            if (++row == table.size()) row = 0;
            sim.step();
        }
    }
    t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    for (const auto& o : outputs) t.outputs[o] = sim.inspect_u64(o);
    return t;
}

struct Settings {
    std::uint64_t cycles = 200000;
    std::string work = "bench-work/sim_compare", model_path = "models/mnist_q8.json", data_dir, only;
    bool threads2 = true;
    int repeat = 3;
};

// Runs every design (or those named by --only) and prints its lines; 0 when all simulators agreed.
int compare(const Settings& settings)
{
    const auto& [cycles, work, model_path, data_dir, only, threads2, repeat] = settings;
    mnist_cli::InferenceCliOptions model_options;
    model_options.model = model_path;
    if (!data_dir.empty()) model_options.data_dir = data_dir;
    const qnn::QuantizedModel model = mnist_cli::load_or_train_model(model_options, std::cerr);

    std::vector<Design> designs = {systolic(4), systolic(8),     systolic(16),    mac_chain(64),     register_file(),
                                   aes(),       mnist(model, 1), mnist(model, 8), mnist_tiled(model)};
    fmt::print("# {}\n", bench::machine_description());
    bool all_agree = true;
    std::string commands;
    for (Design& design : designs) {
        if (!only.empty() && design.name.find(only) == std::string::npos) continue;
        rtl::BlockScope scope;
        design.build();
        const rtl::Block& block = scope.block();
        if (design.stimulus.empty())
            design.stimulus = random_stimulus(block, 16, 1, [&](const std::string& name, std::uint64_t v) {
                // The accelerator: a start pulse now and then, memory writes otherwise.
                if (name == "start") return std::uint64_t{v % 4 == 0};
                return v;
            });
        if (design.outputs.empty()) design.outputs = outputs_of(block, block.wires().size() > 2000 ? 7 : 1);
        const auto stats = rtl::design_statistics(*rtl::optimize(block));
        for (bool bulk : {false, true}) {
            const Stimulus stimulus = bulk ? Stimulus{design.stimulus.front()} : design.stimulus;
            const std::uint64_t interp_cycles = std::max<std::uint64_t>(cycles / 10, 1000);
            double compile_s = 0;
            auto interp = run_rtlnet(block, rtl::SimulationMode::Interpreter, stimulus, interp_cycles, bulk,
                                     design.outputs, nullptr);
            // A cache of its own, empty before the first drive: compile_s is a cold compile for `step`
            // and a cached one for `step_many`.
            const auto cache = std::filesystem::path(work) / (design.name + "_rtlnet_cache");
            if (!bulk) std::filesystem::remove_all(cache);
            const auto harness = bench::build_verilator(block, "top", stimulus, cycles, design.outputs,
                                                        std::filesystem::path(work) / design.name);
            // The timed runs of rtlnet and of Verilator take turns, so that a slow period of this shared
            // machine falls on both alike; the fastest of `repeat` runs of each counts.
            Timing compiled;
            bench::HarnessRun verilator;
            for (int run = 0; run < repeat; ++run) {
                const Timing t = run_rtlnet(block, rtl::SimulationMode::Compiled, stimulus, cycles, bulk,
                                            design.outputs, run == 0 ? &compile_s : nullptr, cache);
                const bench::HarnessRun v = bench::run_harness(harness);
                if (run == 0 || t.seconds < compiled.seconds) compiled = t;
                if (run == 0 || v.seconds < verilator.seconds) verilator = v;
            }
            double mt2_cps = 0;
            if (threads2) {
                const auto mt = bench::build_verilator(block, "top", stimulus, cycles, design.outputs,
                                                       std::filesystem::path(work) / (design.name + "_mt2"), 2);
                double fastest = 0;
                for (int run = 0; run < repeat; ++run) {
                    const double seconds = bench::run_harness(mt).seconds;
                    fastest = run == 0 ? seconds : std::min(fastest, seconds);
                }
                mt2_cps = static_cast<double>(cycles) / fastest;
            }
            // The interpreter ran fewer cycles: compare it against a compiled run of the same length.
            auto compiled_short = run_rtlnet(block, rtl::SimulationMode::Compiled, stimulus, interp_cycles, bulk,
                                             design.outputs, nullptr);
            const bool agree = compiled.outputs == verilator.outputs && interp.outputs == compiled_short.outputs;
            all_agree = all_agree && agree;
            for (const auto& o : design.outputs) {
                if (compiled.outputs[o] != verilator.outputs[o])
                    fmt::print(stderr, "{}: {} after {} cycles: rtlnet compiled {} Verilator {}\n", design.name, o,
                               cycles, compiled.outputs[o], verilator.outputs[o]);
                if (interp.outputs[o] != compiled_short.outputs[o])
                    fmt::print(stderr, "{}: {} after {} cycles: rtlnet interpreter {} compiled {}\n", design.name, o,
                               interp_cycles, interp.outputs[o], compiled_short.outputs[o]);
            }
            const double compiled_cps = static_cast<double>(cycles) / compiled.seconds;
            const double verilator_cps = static_cast<double>(cycles) / verilator.seconds;
            fmt::print("design={} drive={} nets={} rtlnet_interp_cps={:.3g} rtlnet_compiled_cps={:.3g} "
                       "verilator_cps={:.3g} ratio={:.2f} compile_s={:.2f} verilator_build_s={:.1f} "
                       "verilator_mt2_cps={:.3g} agree={}\n",
                       design.name, bulk ? "step_many" : "step", stats.nets,
                       static_cast<double>(interp_cycles) / interp.seconds, compiled_cps, verilator_cps,
                       compiled_cps / verilator_cps, compile_s, harness.build_seconds, mt2_cps, agree ? "yes" : "NO");
            std::fflush(stdout);
            if (commands.empty())
                commands = "verilator command: " + harness.command + "\nC++ compile line: " + harness.compile_line;
        }
    }
    fmt::print("{}\n", commands);
    return all_agree ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app("rtlnet interpreter, rtlnet compiled and Verilator on the same designs and stimulus");
    Settings settings;
    auto& [cycles, work, model_path, data_dir, only, threads2, repeat] = settings;
    app.add_option("--cycles", cycles, "cycles per design and drive (the interpreter runs a tenth)");
    app.add_option("--work_dir", work, "directory for Verilator builds");
    app.add_option("--model", model_path, "model file for the MNIST accelerator (trained first if missing)");
    app.add_option("--data_dir", data_dir, "MNIST directory (for training a missing model)");
    app.add_option("--only", only, "run only designs whose name contains this");
    app.add_flag("!--no_threads2", threads2, "skip the Verilator --threads 2 build");
    app.add_option("--repeat", repeat, "timed runs of rtlnet compiled and of Verilator; the fastest counts")
        ->check(CLI::Range(1, 100));
    CLI11_PARSE(app, argc, argv);
    try {
        return compare(settings);
    } catch (const std::exception& e) {  // a missing model or data set, a failed Verilator build, ...
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}

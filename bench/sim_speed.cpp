// Simulation speed: rtlnet's interpreter against Verilator on the same emitted Verilog, on a counter
// array and a multiply-accumulate array. Prints a Markdown table (bench/run puts it in
// docs/benchmarks.md). Both simulators run the same cycles and must end with the same outputs.
#include "rtl/rtl.hpp"
#include "verilator_runner.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <functional>

namespace {

struct Circuit {
    std::string name, description;
    std::function<void()> build;
    std::vector<std::map<std::string, std::uint64_t>> stimulus;
    std::vector<std::string> outputs;
};

Circuit counter_array(int count)
{
    Circuit c{"counters", fmt::format("{} 32-bit counters with enables", count), {}, {}, {}};
    c.build = [count] {
        rtl::Input enable(count, "enable");
        for (int i = 0; i < count; ++i) {
            rtl::Register r(32, fmt::format("count{}", i));
            rtl::when(enable[i], [&] { r.next |= r + (i + 1); });
            rtl::Output o(32, fmt::format("out{}", i));
            o <<= r;
        }
    };
    c.stimulus = {{{"enable", 0xFFFFFFFFull}}, {{"enable", 0x5555AAAAull}}, {{"enable", 0x0F0F0F0Full}}};
    for (int i = 0; i < count; i += 7) c.outputs.push_back(fmt::format("out{}", i));
    return c;
}

Circuit mac_array(int count)
{
    Circuit c{"mac", fmt::format("{} 16x16-bit multiply-accumulators (32-bit)", count), {}, {}, {}};
    c.build = [count] {
        rtl::Input a(16, "a"), b(16, "b");
        for (int i = 0; i < count; ++i) {
            rtl::Register acc(32, fmt::format("acc{}", i));
            acc.next <<= acc + (a + i) * (b ^ i);
            rtl::Output o(32, fmt::format("out{}", i));
            o <<= acc;
        }
    };
    c.stimulus = {{{"a", 3}, {"b", 5}}, {{"a", 40000}, {"b", 123}}, {{"a", 65535}, {"b", 65535}}, {{"a", 7}, {"b", 0}}};
    for (int i = 0; i < count; i += 5) c.outputs.push_back(fmt::format("out{}", i));
    return c;
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app("rtlnet simulation speed against Verilator");
    std::uint64_t cycles = 200000;
    std::string work = "bench-work";
    app.add_option("--cycles", cycles, "cycles per circuit");
    app.add_option("--work_dir", work, "directory for Verilator builds");
    CLI11_PARSE(app, argc, argv);

    fmt::print(
        "| circuit | nets | rtlnet interpreter (cycles/s) | rtlnet compiled (cycles/s) | compile (s) | Verilator "
        "(cycles/s) | Verilator build (s) | outputs agree |\n");
    fmt::print("|---|---|---|---|---|---|---|---|\n");
    bool all_agree = true;
    for (const Circuit& circuit : {counter_array(32), mac_array(16)}) {
        rtl::BlockScope scope;
        circuit.build();
        // Inputs change every cycle, so both modes step from C++ once per cycle.
        auto run = [&](rtl::Simulation& sim) {
            std::vector<std::vector<std::pair<rtl::WireId, std::uint64_t>>> stimulus;
            for (const auto& step : circuit.stimulus) {
                stimulus.emplace_back();
                for (const auto& [name, value] : step) stimulus.back().emplace_back(sim.wire_id(name), value);
            }
            auto begin = std::chrono::steady_clock::now();
            for (std::uint64_t c = 0; c < cycles; ++c) {
                for (const auto& [id, value] : stimulus[c % stimulus.size()]) sim.set_input(id, value);
                sim.step();
            }
            return std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
        };
        rtl::Simulation sim(scope.block(),
                            rtl::SimulationOptions{.mode = rtl::SimulationMode::Interpreter, .trace = false});
        double seconds = run(sim);
        auto compile_begin = std::chrono::steady_clock::now();
        rtl::Simulation compiled(scope.block(),
                                 rtl::SimulationOptions{.mode = rtl::SimulationMode::Compiled,
                                                        .cache_dir = std::filesystem::path(work) / "cache",
                                                        .trace = false});
        double compile_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - compile_begin).count();
        double compiled_seconds = run(compiled);
        auto verilator = bench::run_verilator(scope.block(), circuit.name, circuit.stimulus, cycles, circuit.outputs,
                                              std::filesystem::path(work) / circuit.name);
        // Verilator's outputs after `cycles` edges are the register values rtlnet shows in cycle `cycles`.
        sim.step();
        bool agree = true;
        compiled.step();
        for (const auto& o : circuit.outputs)
            agree = agree && sim.inspect_u64(o) == verilator.outputs.at(o) &&
                compiled.inspect_u64(o) == verilator.outputs.at(o);
        all_agree = all_agree && agree;
        fmt::print("| {} | {} | {:.3g} | {:.3g} | {:.1f} | {:.3g} | {:.1f} | {} |\n", circuit.description,
                   scope.block().nets().size(), static_cast<double>(cycles) / seconds,
                   static_cast<double>(cycles) / compiled_seconds, compile_seconds,
                   static_cast<double>(cycles) / verilator.run_seconds, verilator.build_seconds, agree ? "yes" : "NO");
    }
    return all_agree ? 0 : 1;
}

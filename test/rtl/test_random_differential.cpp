// Random circuits simulated by rtlnet, then by Verilator and Icarus Verilog on the emitted Verilog;
// every output must agree in every cycle. Many circuits share one build, since a build costs seconds.
#include <catch2/catch.hpp>

#include "random_circuit.hpp"
#include "rtl/rtl.hpp"
#include "verilog_tools.hpp"

#include <sstream>

using rtl::BigInt;

namespace {

// Builds `count` random circuits into one block, simulates them, and returns the expected output
// lines together with the Verilog module and testbench.
struct Batch {
    std::string expected, module, testbench;
};

Batch make_batch(std::uint64_t seed, int count, int cycles)
{
    rtl::BlockScope scope;
    std::mt19937_64 rng(seed);
    std::vector<test_tools::RandomCircuit> circuits;
    std::map<std::string, std::map<std::uint64_t, BigInt>> memory_init;
    for (int i = 0; i < count; ++i) {
        circuits.push_back(test_tools::add_random_circuit(rng, "c" + std::to_string(i) + "_"));
        memory_init.insert(circuits.back().memory_init.begin(), circuits.back().memory_init.end());
    }
    rtl::Simulation sim(rtl::SimulationOptions{.memory_values = memory_init});
    std::vector<std::string> outputs;
    for (const auto& c : circuits) outputs.insert(outputs.end(), c.outputs.begin(), c.outputs.end());
    Batch batch;
    std::ostringstream expected;
    for (int cycle = 0; cycle < cycles; ++cycle) {
        rtl::InputValues inputs;
        for (const auto& c : circuits)
            for (const auto& [name, width] : c.inputs) inputs[name] = test_tools::random_bits(rng, width);
        sim.step(inputs);
        for (const auto& o : outputs) expected << o << " " << std::hex << sim.inspect(o) << std::dec << "\n";
    }
    batch.expected = expected.str();
    std::string cmd;
    for (const auto& o : outputs) cmd += "$display(\"" + o + " %0h\", " + o + ");";
    std::ostringstream module, bench;
    rtl::output_to_verilog(module, scope.block(), {.memory_init = memory_init});
    rtl::output_verilog_testbench(bench, sim.trace(), scope.block(), {.cmd = cmd});
    batch.module = module.str();
    batch.testbench = bench.str();
    return batch;
}

std::string output_lines(const std::string& text)
{
    std::istringstream in(text);
    std::string line, out;
    while (std::getline(in, line))
        if (!line.empty() && line[0] == 'c' && line.find("_out") != std::string::npos) out += line + "\n";
    return out;
}

// Reports the first differing line, which names the circuit and output.
std::string first_difference(const std::string& want, const std::string& got)
{
    std::istringstream a(want), b(got);
    std::string x, y;
    for (int line = 1;; ++line) {
        bool more_a = static_cast<bool>(std::getline(a, x)), more_b = static_cast<bool>(std::getline(b, y));
        if (!more_a && !more_b) return "identical";
        if (x != y) return "line " + std::to_string(line) + ": expected \"" + x + "\", got \"" + y + "\"";
    }
}

}  // namespace

TEST_CASE("random circuits: rtlnet simulation == Verilator == Icarus Verilog")
{
    // Each batch is one Verilator build; 3 batches of 60 circuits = 180 circuits in CI.
    // bench/random_differential runs thousands.
    for (std::uint64_t seed : {11, 12, 13}) {
        Batch batch = make_batch(seed, 60, 12);
        auto dir = test_tools::scratch_dir("random" + std::to_string(seed));
        test_tools::write_file(dir / "top.v", batch.module);
        test_tools::write_file(dir / "tb.v", batch.testbench);
        auto lint = test_tools::verilator_lint(dir / "top.v", "toplevel");
        INFO("seed " << seed << "\n" << lint.output.substr(0, 2000));
        CHECK(lint.exit_code == 0);
        auto verilator = test_tools::verilator_run(dir, dir / "tb.v", dir / "top.v");
        INFO(verilator.output.substr(0, 2000));
        REQUIRE(verilator.exit_code == 0);
        std::string v_lines = output_lines(verilator.output);
        CHECK(first_difference(batch.expected, v_lines) == "identical");
        auto icarus = test_tools::iverilog_run(dir, dir / "tb.v", dir / "top.v");
        REQUIRE(icarus.exit_code == 0);
        CHECK(first_difference(batch.expected, output_lines(icarus.output)) == "identical");
    }
}

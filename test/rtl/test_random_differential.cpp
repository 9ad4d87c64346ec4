// Random circuits simulated by rtlnet, then by Verilator and Icarus Verilog on the emitted Verilog;
// every output must agree in every cycle. Many circuits share one build, since a build costs seconds.
#include "random_circuit.hpp"
#include "verilog_tools.hpp"

#include <catch2/catch.hpp>

TEST_CASE("random circuits: rtlnet interpreter == compiled simulation == Verilator == Icarus Verilog", "[both-modes]")
{
    // Each batch is one Verilator build; 3 batches of 60 circuits = 180 circuits in CI.
    // bench/random_differential runs thousands.
    for (std::uint64_t seed : {11, 12, 13}) {
        auto batch = test_tools::make_differential_batch(seed, 60, 12, rtl::SimulationMode::Interpreter);
        auto compiled = test_tools::make_differential_batch(seed, 60, 12, rtl::SimulationMode::Compiled);
        CHECK(test_tools::first_difference(batch.expected, compiled.expected) == "identical");
        auto dir = test_tools::scratch_dir("random" + std::to_string(seed));
        test_tools::write_file(dir / "toplevel.v", batch.module);
        test_tools::write_file(dir / "tb.v", batch.testbench);
        auto lint = test_tools::verilator_lint(dir / "toplevel.v", "toplevel");
        INFO("seed " << seed << "\n" << lint.output.substr(0, 2000));
        CHECK(lint.exit_code == 0);
        auto verilator = test_tools::verilator_run(dir, dir / "tb.v", dir / "toplevel.v");
        INFO(verilator.output.substr(0, 2000));
        REQUIRE(verilator.exit_code == 0);
        CHECK(test_tools::first_difference(batch.expected, test_tools::output_lines(verilator.output)) == "identical");
        auto icarus = test_tools::iverilog_run(dir, dir / "tb.v", dir / "toplevel.v");
        REQUIRE(icarus.exit_code == 0);
        CHECK(test_tools::first_difference(batch.expected, test_tools::output_lines(icarus.output)) == "identical");
    }
}

// Thousands of random circuits: rtlnet's simulation against Verilator and Icarus Verilog on the
// emitted Verilog, every output in every cycle (the CI test runs a few hundred of the same kind).
#include "random_circuit.hpp"
#include "verilog_tools.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <fstream>

int main(int argc, char** argv)
{
    CLI::App app("Random-circuit differential test at scale");
    int batches = 20, circuits = 100, cycles = 16;
    std::uint64_t seed = 1000;
    std::string work = "bench-work/random";
    app.add_option("--batches", batches, "Verilator builds");
    app.add_option("--circuits", circuits, "random circuits per build");
    app.add_option("--cycles", cycles, "cycles per circuit");
    app.add_option("--seed", seed, "first seed");
    app.add_option("--work_dir", work, "scratch directory");
    CLI11_PARSE(app, argc, argv);

    auto begin = std::chrono::steady_clock::now();
    int failures = 0;
    for (int b = 0; b < batches; ++b) {
        auto batch = test_tools::make_differential_batch(seed + static_cast<std::uint64_t>(b), circuits, cycles);
        std::filesystem::path dir = std::filesystem::path(work) / std::to_string(b);
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        test_tools::write_file(dir / "toplevel.v", batch.module);
        test_tools::write_file(dir / "tb.v", batch.testbench);
        auto verilator = test_tools::verilator_run(dir, dir / "tb.v", dir / "toplevel.v");
        auto icarus = test_tools::iverilog_run(dir, dir / "tb.v", dir / "toplevel.v");
        std::string v = test_tools::first_difference(batch.expected, test_tools::output_lines(verilator.output));
        std::string i = test_tools::first_difference(batch.expected, test_tools::output_lines(icarus.output));
        if (v != "identical" || i != "identical") {
            ++failures;
            fmt::print(stderr, "seed {}: Verilator {}; Icarus {}\n", seed + static_cast<std::uint64_t>(b), v, i);
        } else {
            std::filesystem::remove_all(dir);
        }
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    fmt::print("{} random circuits ({} builds of {}, {} cycles each, seeds {}..{}): {} builds disagreed; {:.0f} s.\n",
               batches * circuits, batches, circuits, cycles, seed, seed + static_cast<std::uint64_t>(batches) - 1,
               failures, seconds);
    return failures == 0 ? 0 : 1;
}

// Thousands of random circuits: rtlnet's simulation against Verilator and Icarus Verilog on the
// emitted Verilog, every output in every cycle (the CI test runs a few hundred of the same kind).
//   random_differential [--seed_start 1000] [--count 20] [--circuits 100] [--cycles 16] [--jobs N]
// Each seed is one Verilator build of `--circuits` random circuits; seeds run independently on
// `--jobs` threads (default: the hardware threads). Standard output is one line per seed, in seed
// order, and a summary: the same for any --jobs, so shards of a campaign (docs/scaling.md) can be
// run anywhere and concatenated. The wall time goes to standard error. Exit status 1 if any seed
// disagreed. (--seed and --batches are the old names of --seed_start and --count.)
#include "ordered_parallel.hpp"
#include "random_circuit.hpp"
#include "verilog_tools.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <thread>

namespace {

// What a simulator said about one seed: "identical", its first differing line, or why it did not run.
std::string verdict(const rtl::CommandResult& run, const std::string& expected)
{
    if (run.exit_code != 0) {
        const std::string first_line = run.output.substr(0, run.output.find('\n'));
        return fmt::format("failed (exit status {}): {}", run.exit_code, first_line);
    }
    return test_tools::first_difference(expected, test_tools::output_lines(run.output));
}

// One seed: build its circuits, simulate them, run both simulators; the line for the report.
std::string run_seed(std::uint64_t seed, int circuits, int cycles, const std::filesystem::path& work)
{
    auto batch = test_tools::make_differential_batch(seed, circuits, cycles);
    const std::filesystem::path dir = work / std::to_string(seed);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    test_tools::write_file(dir / "toplevel.v", batch.module);
    test_tools::write_file(dir / "tb.v", batch.testbench);
    const std::string v = verdict(test_tools::verilator_run(dir, dir / "tb.v", dir / "toplevel.v"), batch.expected);
    const std::string i = verdict(test_tools::iverilog_run(dir, dir / "tb.v", dir / "toplevel.v"), batch.expected);
    const std::string head = fmt::format("seed {}: {} circuits, {} cycles: ", seed, circuits, cycles);
    if (v == "identical" && i == "identical") {
        std::filesystem::remove_all(dir);
        return head + "agree";
    }
    return head + fmt::format("DISAGREE (Verilator: {}; Icarus: {}; files in {})", v, i, dir.string());
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app("Random-circuit differential test at scale: rtlnet against Verilator and Icarus Verilog");
    int count = 20, circuits = 100, cycles = 16;
    std::uint64_t seed_start = 1000;
    int jobs = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 256u));
    std::string work = "bench-work/random";
    app.add_option("--seed_start,--seed", seed_start, "first seed (one Verilator build per seed)")
        ->capture_default_str();
    app.add_option("--count,--batches", count, "number of seeds: seed_start .. seed_start + count - 1")
        ->capture_default_str()
        ->check(CLI::Range(1, 1000000));
    app.add_option("--circuits", circuits, "random circuits per seed (per build)")
        ->capture_default_str()
        ->check(CLI::Range(1, 100000));
    app.add_option("--cycles", cycles, "cycles per circuit")->capture_default_str()->check(CLI::Range(1, 100000));
    app.add_option("--jobs", jobs, "seeds run at once, on threads (default: the hardware threads)")
        ->capture_default_str()
        ->check(CLI::Range(1, 256));
    app.add_option("--work_dir", work, "scratch directory (a seed that disagrees keeps its files there)")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    const std::filesystem::path work_dir = std::filesystem::absolute(work);  // the tools run inside it

    const auto begin = std::chrono::steady_clock::now();
    int failures = 0;
    bench::for_each_in_order(
        static_cast<std::size_t>(count), static_cast<std::size_t>(jobs),
        [&](std::size_t k) {
            const std::uint64_t seed = seed_start + k;
            try {
                return run_seed(seed, circuits, cycles, work_dir);
            } catch (const std::exception& e) {
                return fmt::format("seed {}: {} circuits, {} cycles: ERROR {}", seed, circuits, cycles, e.what());
            }
        },
        [&](std::size_t, const std::string& line) {
            if (!line.ends_with(": agree")) ++failures;
            fmt::print("{}\n", line);
            std::fflush(stdout);
        });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    fmt::print("{} random circuits ({} builds of {}, {} cycles each, seeds {}..{}): {} builds disagreed.\n",
               static_cast<long long>(count) * circuits, count, circuits, cycles, seed_start,
               seed_start + static_cast<std::uint64_t>(count) - 1, failures);
    fmt::print(stderr, "{:.0f} s wall time with {} jobs.\n", seconds, std::min(jobs, count));
    return failures == 0 ? 0 : 1;
}

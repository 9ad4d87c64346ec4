#pragma once
// Benchmark helper: builds a block's emitted Verilog with Verilator at its fastest
// (rtl::verilator_fast_flags) and a generated harness that runs a number of cycles with inputs cycling
// through a small table; runs it and reports the final outputs, the timings and the exact command lines.

#include "rtl/rtl.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace bench {

/// A built Verilator harness: the design's Verilog under Verilator at its fastest and a generated
/// main that runs a number of cycles with the inputs cycling through a small table.
struct VerilatorHarness {
    std::filesystem::path executable{};
    double build_seconds = 0;
    std::string command{};  // the verilator command line
    std::string compile_line{};  // the C++ compiler's line for the design's code, as make ran it
};

/// One run of a harness.
struct HarnessRun {
    double seconds = 0;  // measured inside the harness, excluding process start
    std::map<std::string, std::uint64_t> outputs{};  // final values (outputs of at most 64 bits)
};

/// Builds the harness in `dir`: inputs cycle through `stimulus` (one map per cycle, repeated) for
/// `cycles` cycles, then the `outputs` (at most 64 bits each) are printed; `threads` > 1 builds with
/// `--threads`.
VerilatorHarness build_verilator(const rtl::Block& block, const std::string& name,
                                 const std::vector<std::map<std::string, std::uint64_t>>& stimulus,
                                 std::uint64_t cycles, const std::vector<std::string>& outputs,
                                 const std::filesystem::path& dir, int threads = 1);

/// Runs a built harness once.
HarnessRun run_harness(const VerilatorHarness& harness);

/// "Intel(R) Xeon(R) ... (2 cores)" from /proc/cpuinfo and the core count.
std::string machine_description();

}  // namespace bench

#pragma once
// Benchmark helper: builds a block's emitted Verilog with Verilator at its fastest
// (rtl::verilator_fast_flags) and a generated harness that runs a number of cycles with inputs cycling
// through a small table, and reports the final outputs, the timings and the exact command lines.

#include "rtl/rtl.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace bench {

struct VerilatorRun {
    double build_seconds = 0;
    double run_seconds = 0;  // measured inside the harness, excluding process start
    std::map<std::string, std::uint64_t> outputs{};  // final values (outputs of at most 64 bits)
    std::string command{};  // the verilator command line
    std::string compile_line{};  // the C++ compiler's line for the design's code, as make ran it
};

/// Inputs cycle through `stimulus` (one map per cycle, repeated); `threads` > 1 builds with
/// `--threads`; the run is made `repeat` times and the fastest counts. Outputs must be at most 64
/// bits wide.
VerilatorRun run_verilator(const rtl::Block& block, const std::string& name,
                           const std::vector<std::map<std::string, std::uint64_t>>& stimulus, std::uint64_t cycles,
                           const std::vector<std::string>& outputs, const std::filesystem::path& dir, int threads = 1,
                           int repeat = 1);

/// "Intel(R) Xeon(R) ... (2 cores)" from /proc/cpuinfo and the core count.
std::string machine_description();

}  // namespace bench

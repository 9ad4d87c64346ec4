#pragma once
// Benchmark helper: builds a block's emitted Verilog with Verilator and a generated harness that runs
// a number of cycles with inputs cycling through a small table, and reports the outputs and timings.

#include "rtl/rtl.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace bench {

struct VerilatorRun {
    double build_seconds = 0;
    double run_seconds = 0;  // measured inside the harness, excluding process start
    std::map<std::string, std::uint64_t> outputs;  // final values (outputs of at most 64 bits)
};

/// Inputs cycle through `stimulus` (one map per cycle, repeated). Outputs must be at most 64 bits wide.
VerilatorRun run_verilator(rtl::Block& block, const std::string& name,
                           const std::vector<std::map<std::string, std::uint64_t>>& stimulus, std::uint64_t cycles,
                           const std::vector<std::string>& outputs, const std::filesystem::path& dir);

/// "Intel(R) Xeon(R) ... (2 cores)" from /proc/cpuinfo and the core count.
std::string machine_description();

}  // namespace bench

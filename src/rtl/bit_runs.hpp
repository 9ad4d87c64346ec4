#pragma once
// A select's bit list as runs: the one decomposition used by the lowered program (program.cpp) and the
// Verilog writer (verilog_module_writer.cpp), so both read a select the same way.

#include <cstdint>
#include <vector>

namespace rtl {

/// Result bits [dst_pos, dst_pos + len) of a select: source bits src_pos, src_pos + 1, ... (an
/// ascending run), or source bit src_pos repeated `len` times (`replicate`, e.g. a sign extension).
struct BitRun {
    std::uint32_t src_pos{};
    std::uint32_t dst_pos{};
    std::uint32_t len{};
    bool replicate{};
};

/// Splits `bits` (bit i of the result is source bit bits[i]) into maximal runs, from the LSB up.
inline std::vector<BitRun> bit_runs(const std::vector<int>& bits)
{
    std::vector<BitRun> runs;
    for (std::size_t i = 0; i < bits.size();) {
        std::size_t j = i + 1;
        while (j < bits.size() && bits[j] == bits[j - 1] + 1) ++j;
        bool replicate = false;
        if (j == i + 1) {
            while (j < bits.size() && bits[j] == bits[i]) ++j;
            replicate = j > i + 1;
        }
        runs.push_back({static_cast<std::uint32_t>(bits[i]), static_cast<std::uint32_t>(i),
                        static_cast<std::uint32_t>(j - i), replicate});
        i = j;
    }
    return runs;
}

}  // namespace rtl

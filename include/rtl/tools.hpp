#pragma once
/// \file tools.hpp
/// Small helpers for running external tools (the C++ compiler, Verilator, Icarus) and for keying build
/// caches, shared by the compiled simulator, the Verilator runners, the tests and the benchmarks.

#include <cstdint>
#include <string>
#include <string_view>

namespace rtl {

struct CommandResult {
    int exit_code;  ///< the command's exit status (-1 if it did not exit normally)
    std::string output;  ///< standard output and standard error together
};

/// Runs `command` with /bin/sh and captures its output.
CommandResult run_command(const std::string& command);

/// 64-bit FNV-1a hash of `text`, continuing from `seed` (for cache keys; not cryptographic).
std::uint64_t fnv1a(std::string_view text, std::uint64_t seed = 1469598103934665603ull);

}  // namespace rtl

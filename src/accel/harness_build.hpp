#pragma once
// The accelerators' Verilator harness builds: a module and a generated C++ harness, built at
// Verilator's fastest settings into `cache_dir/<hash>` (the hash covers both texts and the Verilator
// version), so an unchanged design is never built twice.

#include "files.hpp"
#include "rtl/tools.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <string>

namespace accel::detail {

struct HarnessBuild {
    std::filesystem::path dir;  // the build's directory in the cache
    std::filesystem::path executable;  // the harness program
    bool cached = false;  // found in the cache, nothing built
};

// Builds `verilog` (module `top`, written as <top>.v) with `harness` (harness.cpp) unless the cache
// has the build. Throws rtl::Error with Verilator's output if the build fails, qnn::Error if the cache
// directory cannot be made.
inline HarnessBuild build_harness(const std::filesystem::path& cache_dir, const std::string& top,
                                  const std::string& verilog, const std::string& harness, const std::string& executable,
                                  int jobs)
{
    const std::uint64_t hash = rtl::fnv1a(harness, rtl::fnv1a(verilog, rtl::fnv1a(rtl::tool_version("verilator"))));
    HarnessBuild result;
    result.dir = cache_dir / fmt::format("{:016x}", hash);
    std::vector<std::string> flags = rtl::verilator_fast_flags();
    flags.emplace_back("-Wno-fatal");
    const rtl::VerilatorBuild build{.dir = result.dir,
                                    .sources = {top + ".v", "harness.cpp"},
                                    .top = top,
                                    .executable = executable,
                                    .jobs = jobs,
                                    .flags = flags};
    result.executable = rtl::verilator_executable(build);
    std::error_code exists_error;
    if (std::filesystem::exists(result.executable, exists_error)) {
        result.cached = true;
        return result;
    }
    make_directory(result.dir, "the Verilator cache directory");
    write_text(result.dir / (top + ".v"), verilog);
    write_text(result.dir / "harness.cpp", harness);
    const auto built = rtl::verilator_build(build);
    if (built.exit_code != 0 || !std::filesystem::exists(result.executable, exists_error))
        throw rtl::Error(fmt::format("Verilator build failed in {}:\n{}", result.dir.string(), built.output));
    return result;
}

}  // namespace accel::detail

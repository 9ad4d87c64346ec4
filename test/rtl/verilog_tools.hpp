#pragma once

#include "rtl/rtl.hpp"
// Test helpers that run the external Verilog tools (Verilator, Icarus Verilog, yosys) on emitted files.

#include "rtl/tools.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace test_tools {

using RunResult = rtl::CommandResult;

/// A fresh directory under the build tree for one test's files.
std::filesystem::path scratch_dir(const std::string& name);

void write_file(const std::filesystem::path& path, const std::string& text);

/// `verilator --lint-only -Wall` on one module file.
RunResult verilator_lint(const std::filesystem::path& module_file, const std::string& top);

/// Builds and runs `testbench_file` (module `tb`) with the module file under Verilator; returns the output.
RunResult verilator_run(const std::filesystem::path& dir, const std::filesystem::path& testbench_file,
                        const std::filesystem::path& module_file);

/// Compiles and runs the same files with Icarus Verilog.
RunResult iverilog_run(const std::filesystem::path& dir, const std::filesystem::path& testbench_file,
                       const std::filesystem::path& module_file);

/// The lines of a simulator's output that start with one of `prefixes` (the testbench's `$display`
/// lines, without the simulator's own messages), each ending in a newline.
std::string lines_starting_with(const std::string& output, const std::vector<std::string>& prefixes);

/// Formal equivalence with yosys of `block` unoptimized (pipeline "none") and after `rtl::optimize`
/// (which keeps every register, so state matches by name; memories are read as lists of registers
/// with `-mem2reg`, so their words match too): `equiv_make` on the Outputs, registers and named wires, then `opt
/// -fast`, `equiv_simple -short` and `equiv_induct`; exit code 0 when every point is proven. The compiler's temporaries
/// are kept out of the matching (their names mean different things in the two designs).
RunResult yosys_equivalence(const rtl::Block& block, const std::filesystem::path& dir,
                            const std::map<std::string, std::map<std::uint64_t, rtl::BigInt>>& memory_init = {});

}  // namespace test_tools

#pragma once
/// \file verilog.hpp
/// The Verilog backend: one module per block, and a testbench that replays a simulation trace.
///
/// Names are kept where they are legal Verilog identifiers; others are made legal (`pe[0][1]` becomes
/// `pe_0_1`) and the original name is given in a comment. Every expression is written at its exact
/// width, so the output passes `verilator --lint-only -Wall`.

#include "rtl/ir.hpp"
#include "rtl/trace.hpp"

#include <iosfwd>
#include <map>
#include <string>

namespace rtl {

enum class ResetStyle {
    None,  ///< no reset port; registers start at their reset value through `initial`
    Synchronous,  ///< `rst` input, registers take their reset value at a clock edge while it is 1
    Asynchronous,  ///< `rst` input, registers take their reset value as soon as it rises
};

struct VerilogOptions {
    std::string module_name = "toplevel";
    ResetStyle reset = ResetStyle::None;
    /// Give registers their reset value (0 by default) in an `initial` block, as FPGAs do at
    /// configuration. Turn off for ASIC flows that reject initial blocks.
    bool initialize_registers = true;
    /// Initial contents of RAMs (by memory name), written as `initial` blocks. ROMs always get theirs.
    std::map<std::string, std::map<std::uint64_t, BigInt>> memory_init;
    /// The optimization pipeline run before writing (passes.hpp): "default", "none" or pass names.
    /// Export keeps only what reaches an Output, so nothing unused is written.
    std::string pipeline = "default";
};

/// Writes `block` as one Verilog module.
/// Throws `ExportError` for IO without a name (names starting with "tmp") or a user wire named `rst`
/// when a reset port is added.
void output_to_verilog(std::ostream& out, const Block& block = working_block(), const VerilogOptions& options = {});

struct TestbenchOptions {
    /// The module under test (as given to output_to_verilog).
    std::string module_name = "toplevel";
    std::string testbench_name = "tb";
    /// If set, `include "<file>"` at the top (for tools given only the testbench).
    std::string toplevel_include;
    /// If set, the testbench dumps a VCD with this file name.
    std::string vcd;
    /// A statement run once per cycle after the inputs settle and before the clock edge, so it sees the
    /// same values the simulation trace holds for that cycle, e.g. `$display("%d", out);`.
    std::string cmd;
    /// Must match the module's reset style (the testbench holds `rst` low).
    ResetStyle reset = ResetStyle::None;
    /// Must match the module's pipeline (VerilogOptions::pipeline).
    std::string pipeline = "default";
};

/// Writes a testbench module that drives the Inputs with the values of `trace`, one cycle per 10 time
/// units (inputs change at 10k, `cmd` runs at 10k+1, the clock rises at 10k+5), then `$finish`es.
/// The stimulus is kept in arrays `tb_stim_<input>` replayed by a loop over `tb_cycle`.
void output_verilog_testbench(std::ostream& out, const SimulationTrace& trace, const Block& block = working_block(),
                              const TestbenchOptions& options = {});

/// The Verilog identifier that `output_to_verilog` (with this `pipeline`) uses for the wire named
/// `name`. Throws `ExportError` if the exported design has no such wire (it was optimized away).
std::string verilog_identifier(const Block& block, std::string_view name, const std::string& pipeline = "default");

/// The Verilog identifier of every wire of the exported design (with this `pipeline`), by wire name.
std::map<std::string, std::string> verilog_identifiers(const Block& block, const std::string& pipeline = "default");

}  // namespace rtl

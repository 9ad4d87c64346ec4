#pragma once
/// \file verilog.hpp
/// The Verilog backend: one module per block, and a testbench that replays a simulation trace.
///
/// Names are kept where they are legal Verilog identifiers; others are made legal (`pe[0][1]` becomes
/// `pe_0_1`) and the original name is given in a comment. Every expression is written at its exact
/// width, so the output passes `verilator --lint-only -Wall`.
///
/// \code
///   std::ofstream module("accumulator.v"), bench("accumulator_test.v");
///   rtl::output_to_verilog(module, rtl::working_block(), {.module_name = "accumulator"});
///   rtl::output_verilog_testbench(bench, sim.trace(), rtl::working_block(),
///                                 {.module_name = "accumulator", .toplevel_include = "accumulator.v"});
/// \endcode

#include "rtl/ir.hpp"
#include "rtl/trace.hpp"

#include <filesystem>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace rtl {

/// Whether and how the module has a reset input.
enum class ResetStyle {
    None,  ///< no reset port; registers start at their reset value through `initial`
    Synchronous,  ///< `rst` input, registers take their reset value at a clock edge while it is 1
    Asynchronous,  ///< `rst` input, registers take their reset value as soon as it rises
};

/// Options of `output_to_verilog`.
struct VerilogOptions {
    std::string module_name = "toplevel";  ///< the module's name (a legal Verilog identifier)
    ResetStyle reset = ResetStyle::None;  ///< whether an `rst` input is added
    /// Give registers their reset value (0 by default) in an `initial` block, as FPGAs do at
    /// configuration. Turn off for ASIC flows that reject initial blocks.
    bool initialize_registers = true;
    /// Initial contents of RAMs (by memory name), written as `initial` blocks. ROMs always get theirs.
    std::map<std::string, std::map<std::uint64_t, BigInt>> memory_init{};
    /// The optimization pipeline run before writing (passes.hpp): "default", "none" or pass names.
    /// Export keeps only what reaches an Output, so nothing unused is written.
    std::string pipeline = "default";
    /// Ports in the order the design declared its Inputs and Outputs (after the clock and `rst`);
    /// true sorts them as rtlnet 0.1 did: Inputs by name, then Outputs by name.
    bool sort_ports = false;
    /// Write one flat module even when the design has module instances (module.hpp); their wires
    /// then carry their paths in their names (`pe_2_3_acc`). By default each distinct module is
    /// written once and instantiated.
    bool flatten = false;
};

/// Writes `block` as one Verilog module (PyRTL's `output_to_verilog`): ports for its Inputs and
/// Outputs in declaration order, a clock input (`clk`, or the name given by `set_clock_name`) when it
/// has registers or memory writes, and every kept net as an `assign`. Registers are written in one
/// `always` block per reset (clocking.hpp). A design with module instances (module.hpp) is written
/// as one module per distinct module, the top module (`options.module_name`) first, unless
/// `options.flatten`.
/// The block is copied and optimized first (`options.pipeline`); it is never changed.
/// \code
///   std::ofstream verilog("counter.v");
///   rtl::output_to_verilog(verilog);                       // the working block, module "toplevel"
/// \endcode
/// \param out where to write the module.
/// \param block the design (default: the working block).
/// \param options module name, reset, initial values and pipeline.
/// \throws ExportError for IO without a name (names starting with "tmp"), a user wire named `rst`
///         when a reset port is added, an illegal module name, or `memory_init` naming something that
///         is not a memory or holding an address or word that does not fit.
/// \throws ConnectionError, CombinationalLoopError, WidthError if the design fails `sanity_check`.
/// \throws Error if `options.pipeline` names an unknown pass.
void output_to_verilog(std::ostream& out, const Block& block = working_block(), const VerilogOptions& options = {});

/// Writes the design's Verilog as one file per module, `<dir>/<module>.v` (the layout Verilator's
/// `-Wall` asks for: its DECLFILENAME check wants each module in a file of its name). A design
/// without module instances, or with `options.flatten`, is one file.
/// \code
///   auto files = rtl::output_verilog_files("build/rtl", rtl::working_block(), {.module_name = "top"});
///   // verilator --lint-only -Wall build/rtl/top.v build/rtl/pe.v ...   (files[0] is the top module)
/// \endcode
/// \param dir the directory (made if missing).
/// \param block the design.
/// \param options as for `output_to_verilog`.
/// \return the files written, the top module's first.
/// \throws ExportError if a file cannot be written, or as `output_to_verilog`.
std::vector<std::filesystem::path> output_verilog_files(const std::filesystem::path& dir,
                                                        const Block& block = working_block(),
                                                        const VerilogOptions& options = {});

/// Options of `output_verilog_testbench`.
struct TestbenchOptions {
    /// The module under test (as given to output_to_verilog).
    std::string module_name = "toplevel";
    std::string testbench_name = "tb";  ///< the testbench module's name
    /// If set, `include "<file>"` at the top (for tools given only the testbench).
    std::string toplevel_include{};
    /// If set, the testbench dumps a VCD with this file name.
    std::string vcd{};
    /// A statement run once per cycle after the inputs settle and before the clock edge, so it sees the
    /// same values the simulation trace holds for that cycle, e.g. `$display("%d", out);`.
    std::string cmd{};
    /// Must match the module's reset style (the testbench holds `rst` low).
    ResetStyle reset = ResetStyle::None;
    /// Must match the module's pipeline (VerilogOptions::pipeline).
    std::string pipeline = "default";
    /// Must match the module's layout (VerilogOptions::flatten).
    bool flatten = false;
};

/// Writes a testbench module that drives the Inputs with the values of `trace`, one cycle per 10 time
/// units (inputs change at 10k, `cmd` runs at 10k+1, the clock rises at 10k+5), then `$finish`es.
/// The stimulus is kept in arrays `tb_stim_<input>` replayed by a loop over `tb_cycle`. Register and
/// memory initial values of the simulation are set as the trace recorded them.
/// \param out where to write the testbench.
/// \param trace the simulation to replay (its Inputs' values in every cycle).
/// \param block the design (the same as exported).
/// \param options names, include, VCD, per-cycle statement, reset and pipeline.
/// \throws ExportError if the trace has no values for an Input of the design, if it starts a register
///         inside a module instance away from its reset value (give such a register its value
///         through a reset, or write with `flatten`), or as `output_to_verilog`.
void output_verilog_testbench(std::ostream& out, const SimulationTrace& trace, const Block& block = working_block(),
                              const TestbenchOptions& options = {});

/// The Verilog identifier that `output_to_verilog` (with this `pipeline`) uses for the wire named
/// `name`.
/// \param block the design.
/// \param name the wire's name in the block.
/// \param pipeline the export pipeline (as `VerilogOptions::pipeline`).
/// \return the identifier in the module.
/// \throws ExportError if the exported design has no such wire (it was optimized away).
std::string verilog_identifier(const Block& block, std::string_view name, const std::string& pipeline = "default");

/// The Verilog identifier of every wire of the exported design (with this `pipeline`), by wire name.
/// \param block the design.
/// \param pipeline the export pipeline (as `VerilogOptions::pipeline`).
/// \return wire name → Verilog identifier.
/// \throws Error as `output_to_verilog` when the design cannot be optimized.
std::map<std::string, std::string> verilog_identifiers(const Block& block, const std::string& pipeline = "default");

}  // namespace rtl

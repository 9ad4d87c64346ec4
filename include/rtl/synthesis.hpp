#pragma once
/// \file synthesis.hpp
/// PyRTL's synthesis row: lowering to 1-bit gates, area and timing estimates, and BLIF (the netlist
/// format of yosys and ABC) in both directions.
/// \code
///   auto gates = rtl::synthesize(rtl::working_block());   // and, or, xor, not, 1-bit mux, registers
///   rtl::Simulation sim(*gates);                           // simulates exactly like the original
///   auto area = rtl::estimate_area(*gates);                // in NAND2 equivalents
///   auto timing = rtl::estimate_timing(*gates);            // critical path, by wire names
///   std::ofstream blif("design.blif");
///   rtl::output_to_blif(blif, *gates);                     // yosys: read_blif design.blif
/// \endcode

#include "rtl/ir.hpp"

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

namespace rtl {

/// Lowers `block` (optimized first, keeping named wires) to a gate-level design: every operation
/// becomes 1-bit `&`, `|`, `^`, `~` and `x` (mux) nets (ripple-carry adders, array multipliers,
/// comparators built from subtractors), every register becomes one 1-bit register per bit
/// (`name[i]`), and memories stay memories. Inputs, Outputs and named wires keep their names and
/// widths (as concatenations of their bits), so `inspect` and traces show the same values; the
/// result simulates cycle for cycle exactly like `block`.
/// \param block the design (not changed).
/// \return the gate-level design.
/// \throws ConnectionError, CombinationalLoopError, WidthError as `sanity_check`.
std::unique_ptr<Block> synthesize(const Block& block);

/// Area in NAND2-gate equivalents, by PyRTL's habit of a simple per-cell model (documented in
/// docs/pipeline.md): not 0.67, and/or 1.33, xor 2.33, mux 2.33, flip-flop 4.67 per bit, memory 1.0
/// per bit. `block` is synthesized first unless it is already gate-level.
struct AreaEstimate {
    double logic = 0;  ///< the combinational gates
    double registers = 0;  ///< flip-flops
    double memory = 0;  ///< memory bits
    /// The whole area.
    /// \return logic + registers + memory, in NAND2 equivalents.
    double total() const { return logic + registers + memory; }
    std::size_t gates = 0;  ///< combinational gates counted
    std::size_t flip_flops = 0;  ///< register bits counted
};
/// Estimates the area of a design (see `AreaEstimate` for the model).
/// \param block the design; synthesized first unless it is already gate-level.
/// \return the estimate.
/// \throws Error as `synthesize`.
AreaEstimate estimate_area(const Block& block);

/// The longest combinational path, in gate delays: not 1, and/or 1.4, xor and mux 2 (wiring costs
/// nothing); a memory read 4. Paths start at Inputs, registers and memory reads and end at Outputs,
/// register inputs and memory write ports. `block` is synthesized first unless it is gate-level.
struct TimingEstimate {
    double critical_path = 0;  ///< the longest path's delay, in gate delays
    /// The path from its start to its end, as the names of the nearest named wires (PyRTL's
    /// `print_critical_paths`), consecutive repeats removed.
    std::vector<std::string> path{};
};
/// Estimates the critical path of a design (see `TimingEstimate` for the model).
/// \param block the design; synthesized first unless it is already gate-level.
/// \return the delay and the path.
/// \throws Error as `synthesize`.
TimingEstimate estimate_timing(const Block& block);

/// Writes a gate-level design (`synthesize`'s output; other blocks are synthesized first) as a BLIF
/// model that yosys (`read_blif`) and ABC read: `.names` for the gates, `.latch` (rising edge, with
/// the reset value as initial value) for the registers; multi-bit ports are bit-blasted as
/// `name[i]`.
/// \param out where to write the model.
/// \param block the design.
/// \param model_name the `.model` name (an identifier).
/// \throws ExportError for designs with memories (BLIF has none) or a model name that is not an
///         identifier; otherwise as `synthesize`.
void output_to_blif(std::ostream& out, const Block& block, const std::string& model_name = "toplevel");

/// Reads a BLIF model (`.model`, `.inputs`, `.outputs`, `.names` with any cover, `.latch`, `.end`;
/// the subset yosys `write_blif` and ABC write) into `block` (by default the working block), like
/// PyRTL's `input_from_blif`. Ports named `x[0]`, `x[1]`, ... are grouped into one multi-bit port
/// `x`.
/// \param in the BLIF text.
/// \param block where to build the model's logic (default: the working block).
/// \param source names the text in error messages (`source:line: ...`).
/// \throws Error naming the line for anything else: a second model, an unknown cover character, a
///         signal defined twice or used but never defined, a port with bits missing.
void input_from_blif(std::istream& in, Block& block = working_block(), const std::string& source = "<blif>");

}  // namespace rtl

#pragma once
/// \file passes.hpp
/// The middle end: the passes between the language (which builds a `Block`) and every backend
/// (simulators, Verilog). A pass reads a design and writes a new one; the user's block is never
/// changed. The default pipeline, in the order it runs (repeated until nothing changes):
///
/// | pass                  | what it does                                                            |
/// |-----------------------|-------------------------------------------------------------------------|
/// | lower_conditionals    | builds the pending `\|=` assignments as select chains (always first)    |
/// | constant_fold         | folds nets whose arguments are constants; algebraic identities          |
/// | copy_collapse         | removes plain copies; composes selects of selects and of concatenations |
/// | mux_simplify          | constant selects, equal cases, nested selects on the same condition     |
/// | common_subexpressions | one net for each distinct computation                                   |
/// | width_reduction       | computes only the bits somebody reads (a truncated adder gets narrower) |
/// | zero_extension        | drops upper bits known to be zero (`{4'h0, a} + {4'h0, b}` is 5 bits)   |
/// | dead_logic            | removes logic that nothing kept depends on                              |
///
/// What is kept: every Input and Output; with `keep_named_wires` (the default, and what simulation
/// uses) also every register, memory and every wire whose name does not start with `tmp`, each with
/// its exact value in every cycle, so `inspect` and traces are unchanged. docs/pipeline.md has more.
/// \code
///   auto optimized = rtl::optimize(rtl::working_block());      // a new, smaller block
///   rtl::Simulation sim(*optimized, {.pipeline = "none"});     // simulate it as it is
/// \endcode

#include "rtl/ir.hpp"

#include <memory>
#include <string>
#include <vector>

namespace rtl {

/// Options of `optimize` (and of the `pipeline` options of `Simulation` and `output_to_verilog`).
struct OptimizeOptions {
    /// The passes to run: "default" (the standard pipeline), "none" (only `lower_conditionals` and the
    /// design checks: the raw IR), or a comma-separated list of pass names from `pass_names()`, run in
    /// that order and repeated until none of them changes the design. Unknown names are an `Error`.
    std::string pipeline = "default";
    /// Keep every register, memory and named wire (name not starting with "tmp") with its exact value.
    /// When false, only what reaches an Output or an `rtl_assert` is kept, and named wires may be
    /// narrowed to the bits that are read (what Verilog export uses).
    bool keep_named_wires = true;
    /// Turn register resets into logic before the pipeline (`lower_resets`, what the simulators use):
    /// a synchronous reset becomes a select in front of the register; an asynchronous one too, and
    /// keeps its signal so that the simulator also applies it within the cycle. Verilog export keeps
    /// resets as they are, to write them as `always` blocks.
    bool lower_resets = false;
};

/// Builds the pending conditional assignments (`|=` inside `when`) of `block` as nets, in a copy.
/// \param block the design.
/// \return a copy with the assignments built as select chains and none pending.
std::unique_ptr<Block> lower_conditionals(const Block& block);

/// PyRTL's `optimize`: lowers conditionals, checks the design (`sanity_check`), runs the pipeline and
/// returns the optimized design as a new block (the argument is not changed).
/// \param block the design.
/// \param options the pipeline and what is kept.
/// \return the optimized design.
/// \throws ConnectionError, CombinationalLoopError, WidthError as `sanity_check`.
/// \throws Error for an unknown pass name.
std::unique_ptr<Block> optimize(const Block& block, const OptimizeOptions& options = {});

/// The passes `OptimizeOptions::pipeline` may name, in the default pipeline's order.
/// \return the pass names.
const std::vector<std::string>& pass_names();

/// Size of a design, for reports such as docs/benchmarks.md.
struct DesignStatistics {
    std::size_t wires = 0;  ///< wires that are driven, read or ports
    std::size_t nets = 0;  ///< all nets
    std::size_t combinational_nets = 0;  ///< nets of every op but `r` and `@`
    std::size_t registers = 0;  ///< register wires
    std::size_t memories = 0;  ///< memories (RAMs and ROMs)
    std::size_t wide_nets = 0;  ///< nets whose destination or an argument is wider than 64 bits
};

/// Counts the wires and nets of a (lowered) block.
/// \param block the design (e.g. the output of `optimize`).
/// \return the counts.
DesignStatistics design_statistics(const Block& block);

}  // namespace rtl

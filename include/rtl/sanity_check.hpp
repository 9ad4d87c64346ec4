#pragma once
/// \file sanity_check.hpp
/// The design-rule pass: run before simulation and export (both call it), or directly to check a design.

#include "rtl/ir.hpp"

namespace rtl {

/// Checks the whole block (with its pending conditional assignments built, in a copy) and throws on the first
/// problem found, naming the wires involved:
/// - `WidthError`: a wire whose bitwidth was never set;
/// - `ConnectionError`: a wire or Output used but never driven, a Register without `.next`;
/// - `CombinationalLoopError`: a loop through combinational logic (lists the wires on the loop).
/// A plain wire that is neither driven nor read is not an error: simulation, traces and Verilog ignore it.
/// \param block the design.
/// \throws WidthError, ConnectionError, CombinationalLoopError as listed above.
void sanity_check(const Block& block);

/// `sanity_check` of a block whose conditional assignments are already lowered, without the loop
/// check (`levelize` finds loops).
/// \param block a design with no pending conditional assignments.
/// \throws WidthError, ConnectionError as `sanity_check`.
void check_connections(const Block& block);

}  // namespace rtl

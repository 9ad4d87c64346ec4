#pragma once
/// \file systolic_array.hpp
/// An output-stationary systolic array: one processing element (PE) per output, operands streamed in
/// from the left (rows of a) and the top (columns of b), each stream delayed by its index.
///
/// Timing (as pyrtlnet): if the array sees valid inputs in cycle 0, its output is valid from cycle
/// R + K + C (`num_systolic_array_cycles`). The output stays valid until its consumer raises
/// `output.ready`; then the array returns to accepting input, so it can run again without a reset.
/// The accumulators keep the last result (output.valid low) until the next run starts.

#include "linalg/wire_matrix_2d.hpp"

#include <variant>

namespace linalg {

/// A systolic-array operand: constants (stored in a ROM) or a WireMatrix2D (wire- or memory-backed).
using MatrixOperand = std::variant<IntMatrix, WireMatrix2D>;

/// Cycles from valid input to valid output for a (R×K) · (K×C) product: R + K + C.
/// \param a the shape of the left operand.
/// \param b the shape of the right operand.
/// \return R + K + C.
int num_systolic_array_cycles(Shape a, Shape b);

/// Builds hardware computing a · (b − b_zero) for a (R×K) and b (K×C) with signed `input_bitwidth`
/// elements and `accumulator_bitwidth` accumulators. A memory-backed `a` must hold
/// `make_input_memblock_data(a)`; a memory-backed `b` must hold `make_input_memblock_data(transpose(b))`,
/// both with an address width of `systolic_counter_bitwidth(a, b)`.
///
/// Wires are named `{name}.left[r]`, `{name}.top[c]`, `{name}.pe[r][c]` (accumulators), `{name}.state`
/// (INIT, BUSY, DONE) and `{name}.counter`; the result is the matrix `{name}.output`. The consumer of
/// the result must drive `output.ready`.
/// \code
///   linalg::IntMatrix x = {{1, 2}, {3, 4}}, y = {{5, 6}, {7, 8}};
///   auto out = linalg::make_systolic_array("mm", x, y, 0, 8, 32);   // constant operands
///   out.ready <<= 1;
///   out.make_outputs("out");
///   rtl::Simulation sim;
///   sim.run_until("mm.output.valid", 100);
///   linalg::IntMatrix result = out.inspect(sim, "out");               // == matmul(x, y)
/// \endcode
/// \param name the prefix of every wire the array makes.
/// \param a the left operand (R×K): constants, wires or a memory.
/// \param b the right operand (K×C).
/// \param b_zero subtracted from every element of b (a zero point).
/// \param input_bitwidth the width of the (signed) operand elements.
/// \param accumulator_bitwidth the width of the accumulators and of the result's elements.
/// \return the R×C result, valid `num_systolic_array_cycles` after the operands are.
/// \throws rtl::WidthError if the shapes do not fit, a width is not positive, a wire operand's
///         elements are wider than `input_bitwidth`, or a memory operand has the wrong word or
///         address width.
WireMatrix2D make_systolic_array(const std::string& name, const MatrixOperand& a, const MatrixOperand& b,
                                 std::int64_t b_zero, int input_bitwidth, int accumulator_bitwidth);

/// The width of the array's cycle counter, which is also the address width of streamed memories.
/// \param a the shape of the left operand.
/// \param b the shape of the right operand.
/// \return the counter's width in bits.
int systolic_counter_bitwidth(Shape a, Shape b);

}  // namespace linalg

#pragma once
/// \file elementwise.hpp
/// Combinational element-wise hardware on WireMatrix2D: bias add, ReLU, requantization and argmax.
/// Each passes the handshake through: the output is valid when its inputs are, and the inputs are
/// ready when the output's consumer is.

#include "linalg/wire_matrix_2d.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace linalg {

/// A matrix of the same shape whose element (r, c) is `f(r, c)` (hardware built from `a.at(r, c)`),
/// with `a`'s valid/ready handshake passed through: the building block of the element-wise stages,
/// for one of your own.
/// \param name the prefix of the result's wire names.
/// \param a the input matrix (its shape and handshake).
/// \param bitwidth the width of every result element.
/// \param f builds element (r, c).
/// \return the result.
WireMatrix2D map_elements(const std::string& name, const WireMatrix2D& a, int bitwidth,
                          const std::function<rtl::WireVector(int, int)>& f);

/// a + b element-wise (signed), truncated to `output_bitwidth`. `b` has a's shape, or is a column
/// vector (rows×1) added to every column of `a` (the bias case).
/// \param name the prefix of the result's wire names.
/// \param a the left operand.
/// \param b the right operand: a's shape, or rows×1.
/// \param output_bitwidth the width of the result's elements.
/// \return the sum, valid when both operands are.
/// \throws rtl::WidthError if the shapes do not fit.
WireMatrix2D make_elementwise_add(const std::string& name, const WireMatrix2D& a, const WireMatrix2D& b,
                                  int output_bitwidth);

/// max(0, x) element-wise on signed values.
/// \param name the prefix of the result's wire names.
/// \param a the matrix.
/// \return a matrix of a's shape and width.
WireMatrix2D make_elementwise_relu(const std::string& name, const WireMatrix2D& a);

/// `value` (signed) clamped to the range of a signed `bitwidth`-bit number and truncated to it.
/// \param value a signed wire.
/// \param bitwidth the result's width, less than value's.
/// \return a `bitwidth`-bit wire.
/// \throws rtl::WidthError if `bitwidth` is not less than value's width.
rtl::WireVector saturating_truncate(const rtl::WireVector& value, int bitwidth);

/// Requantization per row r: with P = acc · m0[r] (m0 an unsigned Q0.32 multiplier),
/// q = (P >> (32 + n[r])) + bit (31 + n[r]) of P (round half up, a single rounding), and
/// out = clamp(z3[r] + q, −2^(w−1), 2^(w−1) − 1) for w = `output_bitwidth`.
/// `m0`, `n` and `z3` have one entry per row, or one entry for all rows.
/// \param name the prefix of the result's wire names.
/// \param a the accumulators (signed).
/// \param m0 the Q0.32 multipliers.
/// \param n the extra right shifts, each in [0, 31].
/// \param z3 the output zero points.
/// \param output_bitwidth w, the width of the result's elements.
/// \return the requantized matrix.
/// \throws rtl::WidthError if a list has neither one nor `rows` entries, an `n` is out of range, or
///         `output_bitwidth` is too wide for the inputs.
WireMatrix2D make_elementwise_normalize(const std::string& name, const WireMatrix2D& a,
                                        const std::vector<std::uint32_t>& m0, const std::vector<int>& n,
                                        const std::vector<std::int32_t>& z3, int output_bitwidth);

/// The index of the largest (signed) element of each column; ties go to the first maximum. The
/// result is a 1×cols matrix of indices, each as wide as needed for rows − 1 (at least 1 bit). Each
/// column is a balanced tree of comparisons, ceil(log2(rows)) deep (combinational).
/// \param name the prefix of the result's wire names.
/// \param a the matrix (signed elements).
/// \return the indices.
WireMatrix2D make_argmax(const std::string& name, const WireMatrix2D& a);

}  // namespace linalg

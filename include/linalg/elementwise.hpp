#pragma once
/// \file elementwise.hpp
/// Combinational element-wise hardware on WireMatrix2D: bias add, ReLU, requantization and argmax.
/// Each passes the handshake through: the output is valid when its inputs are, and the inputs are
/// ready when the output's consumer is.

#include "linalg/wire_matrix_2d.hpp"

#include <cstdint>
#include <vector>

namespace linalg {

/// a + b element-wise (signed), truncated to `output_bitwidth`. `b` has a's shape, or is a column
/// vector (rows×1) added to every column of `a` (the bias case).
WireMatrix2D make_elementwise_add(const std::string& name, const WireMatrix2D& a, const WireMatrix2D& b,
                                  int output_bitwidth);

/// max(0, x) element-wise on signed values.
WireMatrix2D make_elementwise_relu(const std::string& name, const WireMatrix2D& a);

/// `value` (signed) clamped to the range of a signed `bitwidth`-bit number and truncated to it.
rtl::WireVector saturating_truncate(const rtl::WireVector& value, int bitwidth);

/// Requantization per row r: with P = acc · m0[r] (m0 an unsigned Q0.32 multiplier),
/// q = (P >> (32 + n[r])) + bit (31 + n[r]) of P (round half up, a single rounding), and
/// out = clamp(z3[r] + q, −2^(w−1), 2^(w−1) − 1) for w = `output_bitwidth`.
/// `m0`, `n` and `z3` have one entry per row, or one entry for all rows.
WireMatrix2D make_elementwise_normalize(const std::string& name, const WireMatrix2D& a,
                                        const std::vector<std::uint32_t>& m0, const std::vector<int>& n,
                                        const std::vector<std::int32_t>& z3, int output_bitwidth);

/// The index of the largest (signed) element of each column; ties go to the first maximum. The
/// result is a 1×cols matrix of indices, each as wide as needed for rows − 1 (at least 1 bit).
WireMatrix2D make_argmax(const std::string& name, const WireMatrix2D& a);

}  // namespace linalg

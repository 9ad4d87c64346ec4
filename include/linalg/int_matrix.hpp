#pragma once
/// \file int_matrix.hpp
/// Plain integer matrices for the software side of linalg: operands given as constants, expected
/// results, and the helpers that lay matrices out in memory for the systolic array.

#include "rtl/value.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace linalg {

/// A row-major matrix of integers (rows of equal length).
using IntMatrix = std::vector<std::vector<std::int64_t>>;

/// The shape of a matrix.
struct Shape {
    int rows = 0;  ///< number of rows
    int cols = 0;  ///< number of columns
    /// Compares both dimensions.
    /// \return true if the shapes are equal.
    bool operator==(const Shape&) const = default;
};

/// The shape of a matrix.
/// \param m the matrix.
/// \return its rows and columns.
/// \throws rtl::WidthError if rows differ in length or `m` is empty.
Shape shape_of(const IntMatrix& m);

/// The transpose.
/// \param m the matrix.
/// \return mᵀ.
/// \throws rtl::WidthError as `shape_of`.
IntMatrix transpose(const IntMatrix& m);
/// a · (b − b_zero), exactly (64-bit accumulation): the software reference of the systolic array.
/// \param a an R×K matrix.
/// \param b a K×C matrix.
/// \param b_zero subtracted from every element of b.
/// \return the R×C product.
/// \throws rtl::WidthError if the shapes do not fit.
IntMatrix matmul(const IntMatrix& a, const IntMatrix& b, std::int64_t b_zero = 0);
/// A rows×cols matrix holding start, start+1, ... in row-major order.
/// \param rows the number of rows.
/// \param cols the number of columns.
/// \param start the first element.
/// \return the matrix.
IntMatrix iota_matrix(int rows, int cols, std::int64_t start);
/// numpy-style text: "[[ 1  2]\n [ 3  4]]".
/// \param m the matrix.
/// \return the text, columns right-aligned.
std::string to_string(const IntMatrix& m);

/// The smallest signed bitwidth that holds every element (pyrtlnet's minimum_bitwidth).
/// \param m the matrix.
/// \return the width (at least 1).
int minimum_bitwidth(const IntMatrix& m);

/// All elements concatenated row-major with element [0][0] in the most significant bits, each in
/// `bitwidth` bits of two's complement.
/// \param m the matrix.
/// \param bitwidth the width of each element.
/// \return the concatenated value (rows·cols·bitwidth bits).
rtl::BigInt make_concatenated_value(const IntMatrix& m, int bitwidth);

/// Memory contents that stream the rows of `streams` (S×K) into a systolic array: word `cycle` holds,
/// for every stream s (stream 0 in the MSBs), element [s][cycle − s] when s <= cycle < s + K, else 0.
/// \param streams the S×K matrix of streams.
/// \param bitwidth the width of each element.
/// \param addrwidth the memory's address width (`systolic_counter_bitwidth`).
/// \return 2^addrwidth words of S·bitwidth bits.
/// \throws rtl::WidthError if the streams need more words than the address width gives.
std::vector<rtl::BigInt> make_input_memblock_data(const IntMatrix& streams, int bitwidth, int addrwidth);

}  // namespace linalg

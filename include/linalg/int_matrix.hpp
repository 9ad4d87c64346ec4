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

struct Shape {
    int rows = 0;
    int cols = 0;
    bool operator==(const Shape&) const = default;
};

/// The shape of `m`; throws `rtl::WidthError` if rows differ in length or `m` is empty.
Shape shape_of(const IntMatrix& m);

IntMatrix transpose(const IntMatrix& m);
/// a · (b − b_zero), exactly (64-bit accumulation).
IntMatrix matmul(const IntMatrix& a, const IntMatrix& b, std::int64_t b_zero = 0);
/// A rows×cols matrix holding start, start+1, ... in row-major order.
IntMatrix iota_matrix(int rows, int cols, std::int64_t start);
/// numpy-style text: "[[ 1  2]\n [ 3  4]]".
std::string to_string(const IntMatrix& m);

/// The smallest signed bitwidth that holds every element (pyrtlnet's minimum_bitwidth).
int minimum_bitwidth(const IntMatrix& m);

/// All elements concatenated row-major with element [0][0] in the most significant bits, each in
/// `bitwidth` bits of two's complement.
rtl::BigInt make_concatenated_value(const IntMatrix& m, int bitwidth);

/// Memory contents that stream the rows of `streams` (S×K) into a systolic array: word `cycle` holds,
/// for every stream s (stream 0 in the MSBs), element [s][cycle − s] when s <= cycle < s + K, else 0.
/// Returns 2^addrwidth words of S·bitwidth bits.
std::vector<rtl::BigInt> make_input_memblock_data(const IntMatrix& streams, int bitwidth, int addrwidth);

}  // namespace linalg

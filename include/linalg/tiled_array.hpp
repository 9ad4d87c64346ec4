#pragma once
/// \file tiled_array.hpp
/// An output-stationary R×C systolic array for block matrix multiplication: one array computes an
/// R×C block of a product C = A·B at a time (a *tile*), tile after tile without a gap, so one array
/// serves products of any size (accel::TiledAccelerator walks the tiles of every layer of a network
/// over it).
///
/// Weights (rows of A) enter at the left of each row and move one PE right per cycle; activations
/// (columns of B) enter at the top of each column and move one PE down per cycle, so PE(r, c) sees
/// element k of its row's and column's streams in cycle t + r + c when row 0 / column 0 received them
/// in cycle t. Each PE accumulates w·x. With a tile's last weight (its row's `last` flag, which travels
/// with the weights) the PE moves the finished sum into its result register and starts the next tile
/// from 0, so tiles follow back to back. A column's results leave through its bottom PE: while the
/// column's `drain` is 1, every result register of the column takes the one above it (row 0 takes 0),
/// and the bottom one is `bottom_result`. A column must be drained (R cycles) before its next tile's
/// results arrive.
/// \code
///   linalg::TiledArrayFeeds feeds{row_weights, row_last, column_activations, column_drain};
///   linalg::TiledArray array = linalg::make_tiled_array(feeds, 22);   // module `pe`, instances pe_r_c
/// \endcode

#include "rtl/wire.hpp"

#include <vector>

namespace linalg {

/// What enters the array each cycle (R rows, C columns).
struct TiledArrayFeeds {
    std::vector<rtl::WireVector> weights{};  ///< per row: the weight entering PE(r, 0) (signed)
    std::vector<rtl::WireVector> last{};  ///< per row: 1 with the row's last weight of a tile
    std::vector<rtl::WireVector> activations{};  ///< per column: the activation entering PE(0, c) (signed)
    std::vector<rtl::WireVector> drain{};  ///< per column: move the column's results down one row
};

/// What leaves it.
struct TiledArray {
    std::vector<rtl::WireVector> bottom_result{};  ///< per column: PE(R−1, c)'s result register
    /// per column: the `last` flag entering PE(R−1, c), i.e. 1 in the cycle its tile's sum is taken
    /// (the column's results are all in their result registers one cycle later)
    std::vector<rtl::WireVector> bottom_last{};
};

/// Builds the R×C array (R = feeds.weights.size(), C = feeds.activations.size()), each PE an
/// instance `pe_r_c` of module `pe` (rtl::ModuleScope) with one multiplier and `accumulator_bits`-bit
/// accumulator and result registers.
/// \param feeds the row and column inputs (every vector of its dimension's size, flags 1 bit).
/// \param accumulator_bits the accumulator width: every partial sum of a tile must fit (signed), and
///        so must each product, whose low bits are kept.
/// \return the bottom row's outputs.
/// \throws rtl::WidthError if the feeds' sizes disagree, a dimension is 0 or a flag is not 1 bit.
TiledArray make_tiled_array(const TiledArrayFeeds& feeds, int accumulator_bits);

}  // namespace linalg

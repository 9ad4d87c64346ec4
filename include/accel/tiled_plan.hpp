#pragma once
/// \file tiled_plan.hpp
/// The build-time plan of the tiled accelerator (accel::TiledAccelerator): how every dense layer of a
/// model is cut into tiles of R output rows for one shared R×C output-stationary systolic array, in
/// which order and with which idle gaps the tiles are issued, what the weight and row-parameter ROMs
/// hold, and the narrowest datapath widths that are still bit-exact, proved from the model's weights.
///
/// The plan is plain C++ (no hardware), so it can be read and tested on its own; the hardware builder
/// follows it exactly. docs/accelerator.md explains the data flow and the schedule.
///
/// Timing model (all in cycles; t is the cycle in which the controller issues slot k of a tile):
/// - PE(r, c) multiplies slot k's weight and activation in cycle t + kFeedLatency + r + c;
/// - the last slot's sum is kept in PE(r, c)'s result register; column c's results leave the array
///   through its bottom row in a drain window of R cycles (row R−1 first), and the G = C/Q columns that
///   share a requantizer drain one after the other (a column's window starts `drain_delay(c)` cycles
///   after its bottom PE took the last slot);
/// - a drained value is requantized in kRequantLatency cycles and written into the activation buffer
///   at the end of that cycle; column c reads the activation buffer for slot k in cycle t + 1 + c.

#include "qnn/model.hpp"
#include "rtl/value.hpp"

#include <cstdint>
#include <vector>

namespace accel {

/// The shape of the tiled accelerator.
struct TiledShape {
    int rows = 6;  ///< R: output rows computed at once (PE rows)
    int cols = 4;  ///< C: images computed at once (PE columns, one image lane each)
    int requantizers = 2;  ///< Q: requantizers, each shared by C/Q columns (must divide C)
    int pixels_per_word = 4;  ///< input pixels per input-stream word (8 bits each)
};

/// One tile: R consecutive output rows of one layer, computed over all of the layer's inputs.
struct Tile {
    int layer = 0;  ///< the layer
    int first_row = 0;  ///< the layer's first output row in the tile (rows past the layer's end are padding)
    int slots = 0;  ///< issue slots: the layer's inputs, padded with zero weights to at least drain_period()
    int gap = 0;  ///< idle cycles before the tile's first slot (waiting for the previous layer's results)
    int weight_address = 0;  ///< weight-ROM word of the tile's slot 0 (slot k at weight_address + k)
};

/// What the requantizer needs for one output row, looked up by `tile * row_stride + row_in_tile`.
struct RowParameters {
    bool valid = false;  ///< a real output row (false for the padding rows of a layer's last tile)
    int layer = 0;  ///< the layer
    int row = 0;  ///< the output row in the layer
    bool relu = false;  ///< the layer applies ReLU
    bool hidden = false;  ///< not the last layer: the result goes to the activation buffer
    bool first_out = false;  ///< last layer: the first of the layer's rows to leave the array
    bool last_out = false;  ///< last layer: the last of the layer's rows to leave the array
    std::int64_t bias = 0;  ///< the row's bias
    std::uint64_t m0 = 0;  ///< the multiplier m0 >> multiplier_shift (exact)
    int shift = 0;  ///< the right shift of the product, 32 + n − multiplier_shift
    std::int64_t offset = 0;  ///< 2^(shift−1) − m0 · 2^(sum_bits−1), added to the product (see requantizer.hpp)
    int zero = 0;  ///< the layer's output zero point
};

/// Datapath widths proved sufficient for the model: each is the narrowest holding every value that some
/// int8 input can produce (every term of a dot product taken at its own extreme).
struct DatapathWidths {
    int accumulator = 0;  ///< signed bits of a PE accumulator (Σ w·(x − zero) over the extreme inputs)
    int sum = 0;  ///< signed bits of accumulator + bias
    int multiplier = 0;  ///< unsigned bits of m0 >> multiplier_shift
    int multiplier_shift = 0;  ///< trailing zero bits common to every row's m0 (dropped exactly)
    int product = 0;  ///< signed bits of (sum with its sign bit flipped) · m0 + offset
    int min_shift = 0;  ///< the smallest product shift of any row
    int max_shift = 0;  ///< the largest product shift of any row
};

/// The schedule and ROM contents of a tiled accelerator for one model.
class TiledPlan {
public:
    /// Cycles from a slot's issue to the first PE's multiply of it.
    static constexpr int kFeedLatency = 3;
    /// Cycles from a value's drain cycle to the cycle its requantized result is written.
    static constexpr int kRequantLatency = 8;

    /// Plans `model` for `shape`.
    /// \param model the quantized model (validated).
    /// \param shape the array shape.
    /// \throws rtl::Error if the shape is impossible (a size below 1, Q not dividing C, an array over
    ///         256×256) or the model's values need wider datapaths than 48-bit products.
    TiledPlan(const qnn::QuantizedModel& model, TiledShape shape);

    /// The shape.
    /// \return R, C, Q and the input word size.
    const TiledShape& shape() const { return shape_; }
    /// Columns per requantizer, C / Q.
    /// \return G.
    int group() const { return shape_.cols / shape_.requantizers; }
    /// Minimum slots of a tile, R·(G + 1): a column's results must have left before the next tile's.
    /// \return the minimum.
    int drain_period() const { return shape_.rows * (group() + 1); }
    /// Cycles from the cycle column c's bottom PE takes a tile's last slot to its drain window.
    /// \param column the column.
    /// \return the delay.
    int drain_delay(int column) const;
    /// Power-of-two stride of the row-parameter table per tile (≥ R).
    /// \return the stride.
    int row_stride() const { return row_stride_; }

    /// The tiles of one group of C images, in issue order.
    /// \return the tiles.
    const std::vector<Tile>& tiles() const { return tiles_; }
    /// Cycles to issue one group (slots and gaps of every tile).
    /// \return the cycles.
    int cycles_per_group() const { return cycles_per_group_; }
    /// The weight ROM: one word of R int8 weights (row r in bits 8r+7..8r) per slot of every tile.
    /// \return the words.
    const std::vector<rtl::BigInt>& weight_words() const { return weight_words_; }
    /// The row-parameter table (tiles().size() · row_stride() entries).
    /// \return the entries.
    const std::vector<RowParameters>& row_parameters() const { return row_parameters_; }
    /// The datapath widths.
    /// \return the widths.
    const DatapathWidths& widths() const { return widths_; }
    /// Input-stream words per image: ceil(inputs / pixels_per_word).
    /// \return the words.
    int words_per_image() const { return words_per_image_; }
    /// The largest hidden layer's width (the activation buffer's depth per image).
    /// \return the rows.
    int hidden_rows() const { return hidden_rows_; }
    /// Number of layers.
    /// \return the layers.
    int layers() const { return static_cast<int>(zeros_.size()); }
    /// The input zero point of each layer (subtracted from its activations).
    /// \param layer the layer.
    /// \return the zero point.
    int input_zero(int layer) const { return zeros_.at(static_cast<std::size_t>(layer)); }

private:
    void plan_tiles(const qnn::QuantizedModel& model);
    void plan_gaps();

    TiledShape shape_;
    int row_stride_ = 1;
    std::vector<Tile> tiles_;
    int cycles_per_group_ = 0;
    std::vector<rtl::BigInt> weight_words_;
    std::vector<RowParameters> row_parameters_;
    DatapathWidths widths_;
    int words_per_image_ = 0;
    int hidden_rows_ = 1;
    std::vector<int> zeros_;
};

/// The narrowest bit-exact requantization widths for `model` (see DatapathWidths), for either
/// architecture.
/// \param model the model (validated).
/// \return the widths.
/// \throws rtl::Error if the products would need more than 62 bits.
DatapathWidths prove_widths(const qnn::QuantizedModel& model);

/// The requantizer's constants for one output row (`first_out` and `last_out` are left false: they
/// depend on the tiling).
/// \param model the model.
/// \param widths its widths (prove_widths).
/// \param layer the layer.
/// \param row the row.
/// \return the row's parameters.
/// \throws qnn::ModelError if the row's multiplier is out of range.
RowParameters row_parameters(const qnn::QuantizedModel& model, const DatapathWidths& widths, int layer, int row);

/// Bits of a two's-complement number holding every value in [−bound, bound].
/// \param bound a non-negative bound.
/// \return the width (at least 1).
int signed_bits_for(std::uint64_t bound);

}  // namespace accel

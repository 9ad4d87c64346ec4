// The tiled accelerator's build-time plan: widths proved from the model, tiles, ROM contents, gaps.

#include "accel/tiled_plan.hpp"

#include "qnn/quantize.hpp"
#include "rtl/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstdlib>

namespace accel {

namespace {

// The range of Σ w·(x − zero) over int8 activations x: each term at its own extreme.
std::pair<std::int64_t, std::int64_t> accumulator_range(const qnn::DenseLayer& layer, int row, int zero)
{
    const std::int64_t lo = std::int64_t{-128} - zero, hi = std::int64_t{127} - zero;
    std::int64_t low = 0, high = 0;
    for (std::int8_t w : layer.weight_row(row)) {
        low += std::min(w * lo, w * hi);
        high += std::max(w * lo, w * hi);
    }
    return {low, high};
}

std::uint64_t magnitude(std::int64_t low, std::int64_t high)
{
    return static_cast<std::uint64_t>(std::max(std::abs(low), std::abs(high)));
}

}  // namespace

int signed_bits_for(std::uint64_t bound)
{
    // −2^(b−1) .. 2^(b−1) − 1 must hold ±bound.
    return static_cast<int>(std::bit_width(bound)) + 1;
}

TiledPlan::TiledPlan(const qnn::QuantizedModel& model, TiledShape shape) : shape_(shape)
{
    qnn::validate_model(model, "tiled accelerator model");
    const auto [R, C, Q, P] = shape_;
    if (R < 1 || C < 1 || Q < 1 || P < 1 || R > 256 || C > 256 || P > 64)
        throw rtl::Error(fmt::format("tiled array {}x{} with {} requantizers and {} pixels per word is not "
                                     "possible (each must be at least 1; at most 256x256, 64 pixels per word)",
                                     R, C, Q, P));
    if (!std::has_single_bit(static_cast<unsigned>(P)))
        throw rtl::Error(fmt::format("{} pixels per input word: must be a power of two", P));
    if (C % Q != 0)
        throw rtl::Error(fmt::format("{} requantizers cannot share {} columns evenly (Q must divide C)", Q, C));
    row_stride_ = static_cast<int>(std::bit_ceil(static_cast<unsigned>(R)));
    words_per_image_ = (model.input_size() + P - 1) / P;
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        zeros_.push_back(model.layer_input_zero(i));
        if (i + 1 < model.layers.size()) hidden_rows_ = std::max(hidden_rows_, model.layers[i].rows);
    }
    widths_ = prove_widths(model);
    plan_tiles(model);
    plan_gaps();
}

int TiledPlan::drain_delay(int column) const
{
    const int G = group();
    return G + (column % G) * (shape_.rows - 1);
}

DatapathWidths prove_widths(const qnn::QuantizedModel& model)
{
    DatapathWidths widths;
    std::uint64_t acc_bound = 0, sum_bound = 0;
    int trailing = 32;
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const qnn::DenseLayer& layer = model.layers[i];
        for (int r = 0; r < layer.rows; ++r) {
            const auto [low, high] = accumulator_range(layer, r, model.layer_input_zero(i));
            const std::int64_t bias = layer.bias[static_cast<std::size_t>(r)];
            acc_bound = std::max(acc_bound, magnitude(low, high));
            sum_bound = std::max(sum_bound, magnitude(low + bias, high + bias));
        }
        for (const qnn::Multiplier& m : qnn::layer_multipliers(model, i))
            trailing = std::min(trailing, std::countr_zero(m.m0));
    }
    widths.accumulator = signed_bits_for(acc_bound);
    widths.sum = signed_bits_for(sum_bound);
    widths.multiplier_shift = trailing;
    widths.multiplier = 32 - trailing;
    widths.product = widths.sum + widths.multiplier + 1;
    // The offsets and products are computed in int64 here and must fit.
    if (widths.product > 62)
        throw rtl::Error(fmt::format("the model needs {}-bit requantization products (accumulators of {} bits times "
                                     "{}-bit multipliers); the accelerator supports up to 62",
                                     widths.product, widths.sum, widths.multiplier));
    widths.min_shift = 64;
    widths.max_shift = 0;
    for (std::size_t i = 0; i < model.layers.size(); ++i)
        for (const qnn::Multiplier& m : qnn::layer_multipliers(model, i)) {
            widths.min_shift = std::min(widths.min_shift, 32 + m.n - widths.multiplier_shift);
            widths.max_shift = std::max(widths.max_shift, 32 + m.n - widths.multiplier_shift);
        }
    return widths;
}

RowParameters row_parameters(const qnn::QuantizedModel& model, const DatapathWidths& widths, int layer, int row)
{
    const qnn::DenseLayer& l = model.layers.at(static_cast<std::size_t>(layer));
    const qnn::Multiplier m =
        qnn::layer_multipliers(model, static_cast<std::size_t>(layer)).at(static_cast<std::size_t>(row));
    RowParameters p;
    p.valid = true;
    p.layer = layer;
    p.row = row;
    p.relu = l.relu;
    p.hidden = layer + 1 < static_cast<int>(model.layers.size());
    p.bias = l.bias.at(static_cast<std::size_t>(row));
    p.m0 = std::uint64_t{m.m0} >> widths.multiplier_shift;
    p.shift = 32 + m.n - widths.multiplier_shift;
    p.offset = (std::int64_t{1} << (p.shift - 1)) - static_cast<std::int64_t>(p.m0 << (widths.sum - 1));
    p.zero = l.output_zero;
    return p;
}

void TiledPlan::plan_tiles(const qnn::QuantizedModel& model)
{
    const int R = shape_.rows;
    const int last_layer = static_cast<int>(model.layers.size()) - 1;
    for (int l = 0; l <= last_layer; ++l) {
        const qnn::DenseLayer& layer = model.layers[static_cast<std::size_t>(l)];
        const int count = (layer.rows + R - 1) / R;
        const int slots = std::max(layer.cols, drain_period());
        for (int t = 0; t < count; ++t) {
            Tile tile{.layer = l,
                      .first_row = t * R,
                      .slots = slots,
                      .gap = 0,
                      .weight_address = static_cast<int>(weight_words_.size())};
            for (int k = 0; k < slots; ++k) {
                rtl::BigInt word = 0;
                for (int r = 0; r < R; ++r) {
                    const int row = tile.first_row + r;
                    const int w = (row < layer.rows && k < layer.cols) ? int{layer.w(row, k)} : 0;
                    word |= rtl::BigInt(w & 0xff) << (8 * r);
                }
                weight_words_.push_back(word);
            }
            for (int r = 0; r < row_stride_; ++r) {
                RowParameters p;
                const int row = tile.first_row + r;
                if (r < R && row < layer.rows) {
                    p = accel::row_parameters(model, widths_, l, row);
                    // Rows leave the array tile by tile, the tile's last row first.
                    p.first_out = l == last_layer && t == 0 && r == std::min(R, layer.rows) - 1;
                    p.last_out = l == last_layer && t == count - 1 && r == 0;
                }
                row_parameters_.push_back(p);
            }
            tiles_.push_back(tile);
        }
    }
}

void TiledPlan::plan_gaps()
{
    const int R = shape_.rows, C = shape_.cols;
    // Issue cycle of each tile's slot 0, relative to the group's first slot.
    std::vector<int> start(tiles_.size(), 0);
    int next_free = 0;
    for (std::size_t i = 0; i < tiles_.size(); ++i) {
        Tile& tile = tiles_[i];
        int earliest = next_free;
        if (i > 0 && tiles_[i - 1].layer != tile.layer) {
            // Every result of the previous layer must be written before a column reads it: row k of
            // column c is read in cycle start + k + 1 + c and is visible from its write cycle + 1.
            for (std::size_t j = 0; j < i; ++j) {
                if (tiles_[j].layer != tile.layer - 1) continue;
                const int last_slot = start[j] + tiles_[j].slots - 1;
                for (int c = 0; c < C; ++c) {
                    const int drain = last_slot + kFeedLatency + R - 1 + c + drain_delay(c);
                    for (int rr = 0; rr < R; ++rr) {
                        if (!row_parameters_[j * static_cast<std::size_t>(row_stride_) + static_cast<std::size_t>(rr)]
                                 .valid)
                            continue;
                        const int k = tiles_[j].first_row + rr;
                        const int written = drain + (R - 1 - rr) + kRequantLatency;
                        earliest = std::max(earliest, written - k - c);
                    }
                }
            }
        }
        tile.gap = earliest - next_free;
        start[i] = earliest;
        next_free = earliest + tile.slots;
    }
    cycles_per_group_ = next_free;
}

}  // namespace accel

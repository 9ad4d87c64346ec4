#pragma once
/// \file requantizer.hpp
/// The pipelined requantizer of the tiled accelerator: one accumulator per cycle in, one int8 out
/// kRequantLatency cycles later, bit-exact with qnn::requantize for the rows of a TiledPlan.
///
/// For a row with bias b, multiplier m0 = m · 2^t (t = DatapathWidths::multiplier_shift) and shift
/// s = 32 + n − t, qnn::requantize computes clamp(zero + floor(acc' · m / 2^s + 1/2)) with
/// acc' = relu(acc + b). The datapath keeps every value unsigned until the last add:
/// - u = acc' with its sign bit flipped, i.e. acc' + 2^(A−1) (A = DatapathWidths::sum), in [0, 2^A);
/// - u · m is an A × M unsigned product (a DSP48's natural shape);
/// - adding offset = 2^(s−1) − m · 2^(A−1) (a per-row constant) gives acc' · m + 2^(s−1) exactly;
/// - an arithmetic shift by s (a small mux: s takes few values) floors it, then zero is added and the
///   result saturated to int8.

#include "accel/tiled_plan.hpp"
#include "rtl/wire.hpp"

namespace accel {

/// The requantizer's result, kRequantLatency cycles after its input.
struct RequantizedValue {
    rtl::WireVector valid;  ///< a real output row was requantized
    rtl::WireVector lane;  ///< the image lane (column) it belongs to
    rtl::WireVector index;  ///< its row-parameter index (tile · row_stride + row in tile)
    rtl::WireVector value;  ///< the int8 result
    rtl::WireVector hidden;  ///< it goes to the activation buffer (not the last layer)
    rtl::WireVector row;  ///< the output row in its layer
    rtl::WireVector layer_odd;  ///< its layer is odd (selects the activation buffer)
    rtl::WireVector first_out;  ///< the first last-layer row of an image
    rtl::WireVector last_out;  ///< the last last-layer row of an image
    rtl::WireVector tag;  ///< the group tag that came with the input, delayed alike
};

/// One row's requantization with constant parameters, combinational (the per-layer accelerator's
/// 28 requantizers): the arithmetic of make_requantizer without its registers.
/// \param sum the row's accumulator plus bias after ReLU (signed; its value fits `widths.sum` bits,
///        as prove_widths guarantees, so wider inputs are truncated exactly).
/// \param p the row's parameters (row_parameters).
/// \param widths the model's widths (prove_widths).
/// \return the int8 result, bit-exact with qnn::requantize.
rtl::WireVector requantize_row(const rtl::WireVector& sum, const RowParameters& p, const DatapathWidths& widths);

/// Builds one requantizer instance (module `requantizer`) for `plan`.
/// \param plan the plan (row parameters and widths).
/// \param instance the instance name.
/// \param valid 1 when the inputs hold a drained accumulator.
/// \param lane the lane it came from.
/// \param index its row-parameter index.
/// \param accumulator the accumulator (DatapathWidths::accumulator bits, signed).
/// \param tag passed through with the same latency (the group's image count and flags).
/// \return the registered results.
RequantizedValue make_requantizer(const TiledPlan& plan, const std::string& instance, const rtl::WireVector& valid,
                                  const rtl::WireVector& lane, const rtl::WireVector& index,
                                  const rtl::WireVector& accumulator, const rtl::WireVector& tag);

}  // namespace accel

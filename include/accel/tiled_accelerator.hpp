#pragma once
/// \file tiled_accelerator.hpp
/// The tiled accelerator (`--arch tiled`): one R×C output-stationary systolic array shared by every
/// layer, Q pipelined requantizers, and images streamed in back to back.
///
/// Data flow (docs/accelerator.md has the schedule): images arrive one after another on the pixel
/// stream and are loaded into C image lanes; when C images (a group) are in, or the stream's last
/// image, the controller walks the plan's tiles: each tile streams R rows of weights from a block-RAM
/// ROM across the array and the group's activations down it, then the R×C sums drain through the
/// requantizers into the activation buffer, which feeds the next layer. The next group loads into the
/// other input bank meanwhile. The last layer's rows go to a per-lane running argmax; each image's
/// class then leaves on the result stream, in input order.
///
/// Ports (stable names; they are the Verilog ports):
/// - `pixels` (8·P bits: pixel P·w + i of the image in bits 8i+7..8i of word w), `pixels_valid`,
///   `pixels_last` (on an image's last word: the stream ends, the partial group starts),
///   `pixels_ready` (the word is taken in a cycle with valid and ready both 1);
/// - `result_valid`, `result` (the class), `result_last` (the result of a `pixels_last` image),
///   `result_ready`: one image per cycle with valid and ready both 1, in input order; while the
///   receiver is not ready, results wait in two group slots and then new groups wait to start;
/// - with `observe` (the default): per requantizer q, `requant{q}_valid`, `requant{q}_lane`,
///   `requant{q}_index` (a TiledPlan::row_parameters index) and `requant{q}_value`: every layer's
///   int8 outputs as they are computed, for checking against software.

#include "accel/tiled_plan.hpp"
#include "qnn/inference.hpp"
#include "qnn/model.hpp"
#include "rtl/rtl.hpp"

namespace accel {

/// How the tiled accelerator is built.
struct TiledOptions {
    TiledShape shape{};  ///< the array, requantizers and input word
    bool observe = true;  ///< add the `requant{q}_*` ports
    /// Name the streams as AXI4-Stream ports: `s0_axis_t{data,valid,ready,last}` for the pixels and
    /// `m0_axis_t{data,valid,ready,last}` (8-bit tdata) for the results; add `aresetn`, an active-low
    /// synchronous reset of every register.
    bool axi = false;
};

/// The names of the stream ports (plain or AXI4-Stream, see TiledOptions::axi).
struct TiledPorts {
    const char* pixels;  ///< pixel words in
    const char* pixels_valid;  ///< a word is offered
    const char* pixels_ready;  ///< the word is taken
    const char* pixels_last;  ///< the word ends the stream
    const char* result;  ///< a class out
    const char* result_valid;  ///< a class is offered
    const char* result_ready;  ///< the receiver takes it
    const char* result_last;  ///< the class of the stream's last image
    const char* reset;  ///< AXI: `aresetn`, a synchronous reset while 0 (plain: none, null)
};

/// The tiled accelerator's hardware, built into a block.
class TiledAccelerator {
public:
    /// Plans and builds the accelerator for `model` into `block` (by default the working block).
    /// \param model the quantized model.
    /// \param options the shape and ports.
    /// \param block where to build.
    /// \throws qnn::ModelError if the model is invalid.
    /// \throws rtl::Error if the shape is impossible (see TiledPlan).
    TiledAccelerator(const qnn::QuantizedModel& model, TiledOptions options, rtl::Block& block = rtl::working_block());

    /// The plan the hardware follows.
    /// \return the plan.
    const TiledPlan& plan() const { return plan_; }
    /// The build options.
    /// \return the options.
    const TiledOptions& options() const { return options_; }
    /// The model.
    /// \return the model.
    const qnn::QuantizedModel& model() const { return model_; }
    /// The block the accelerator is built in.
    /// \return the block.
    rtl::Block& block() const { return *block_; }
    /// The stream ports' names.
    /// \return the names.
    const TiledPorts& ports() const;
    /// The input words of one quantized image (column `image` of `inputs`), as the pixel stream takes them.
    /// \param inputs the quantized images (inputs × n).
    /// \param image the column.
    /// \return words_per_image() words of 8·P bits.
    /// \throws rtl::Error if `inputs` has the wrong number of rows or `image` is out of range.
    std::vector<rtl::BigInt> image_words(const qnn::Int8Matrix& inputs, int image) const;

private:
    qnn::QuantizedModel model_;
    TiledOptions options_;
    TiledPlan plan_;
    rtl::Block* block_;
};

}  // namespace accel

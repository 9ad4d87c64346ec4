#pragma once
/// \file tiled_verilator.hpp
/// The tiled accelerator's emitted Verilog under Verilator, with a generated C++ harness that streams
/// every batch through one long-lived model (no rebuild, no reset between batches): the third
/// implementation of the tiled design, checked against the built-in simulation and the software path.
/// Builds are cached by a hash of the Verilog, the harness and the Verilator version.

#include "accel/tiled_accelerator.hpp"
#include "qnn/inference.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

namespace accel {

/// How the Verilator implementation of the tiled accelerator is built.
struct TiledVerilatorOptions {
    TiledOptions tiled{};  ///< the accelerator, plain or AXI (observe is forced on)
    /// The harness offers input words and takes results at pseudo-random cycles (the sender pauses
    /// about one cycle in three, the receiver one in four), as a DMA engine might.
    bool stalls = false;
    std::filesystem::path cache_dir = ".rtlnet-cache/verilator";  ///< one subdirectory per design
    int jobs = 2;  ///< parallel jobs of the C++ compile
};

/// The tiled accelerator's Verilog run under Verilator.
/// \code
///   accel::TiledVerilatorInference v(qnn::load_model("models/mnist_q8.json"));
///   std::vector<qnn::BatchResult> results = v.run_batches(batches);   // one Verilator process
/// \endcode
class TiledVerilatorInference {
public:
    /// Builds the accelerator and its Verilog, and builds that with Verilator unless the cache has it.
    /// \param model the quantized model.
    /// \param options the accelerator, cache directory and jobs.
    /// \throws rtl::Error if Verilator is missing or the build fails (with its output), or the input
    ///         words are wider than 64 bits.
    /// \throws qnn::ModelError if the model is invalid.
    /// \throws qnn::Error if the cache directory cannot be created.
    explicit TiledVerilatorInference(qnn::QuantizedModel model, TiledVerilatorOptions options = {});
    /// Releases the design.
    ~TiledVerilatorInference();

    /// Streams each batch (any number of images; the last marked `pixels_last`) through the Verilated
    /// model, all in one process.
    /// \param batches the batches.
    /// \return one result per batch, every layer's outputs and the classes.
    /// \throws rtl::Error if the run fails or its output is malformed.
    /// \throws qnn::UsageError if an image has the wrong size.
    std::vector<qnn::BatchResult> run_batches(const std::vector<std::vector<qnn::ImageView>>& batches);
    /// Runs one batch (see run_batches).
    /// \param images the images.
    /// \return the result.
    /// \throws rtl::Error, qnn::UsageError as run_batches.
    qnn::BatchResult run_batch(std::span<const qnn::ImageView> images);

    /// True if the constructor found the build in the cache.
    /// \return whether the build was cached.
    bool was_cached() const { return cached_; }
    /// Time spent building (0 when cached).
    /// \return the time.
    std::chrono::duration<double> build_time() const { return build_time_; }
    /// Time spent running the Verilated model.
    /// \return the time.
    std::chrono::duration<double> run_time() const { return run_time_; }
    /// Per batch of the last run: cycles from its last input word to its last result.
    /// \return the latencies.
    const std::vector<std::uint64_t>& last_latencies() const { return last_latencies_; }

private:
    qnn::QuantizedModel model_;
    TiledVerilatorOptions options_;
    std::unique_ptr<rtl::Block> block_;
    std::unique_ptr<TiledAccelerator> accelerator_;
    std::filesystem::path build_dir_;
    bool cached_ = false;
    std::chrono::duration<double> build_time_{0}, run_time_{0};
    std::vector<std::uint64_t> last_latencies_;
};

}  // namespace accel

#pragma once
/// \file verilator_inference.hpp
/// The accelerator's emitted Verilog, built with Verilator and a generated C++ harness that streams
/// many batches through one model (no rebuild, no reset between batches), as a third implementation
/// to check against the built-in simulation and the software path.
///
/// Builds are cached in `cache_dir/<hash>`, where the hash covers the Verilog, the harness and the
/// Verilator version, so an unchanged design is never rebuilt.

#include "accel/hardware_inference.hpp"

#include <filesystem>

namespace accel {

/// How the Verilator implementation is built.
struct VerilatorOptions {
    HardwareOptions hardware{};  ///< the accelerator (plain ports only, not AXI)
    /// Where builds are cached (one subdirectory per design).
    std::filesystem::path cache_dir = ".rtlnet-cache/verilator";
    /// Parallel jobs for the C++ compile.
    int jobs = 2;
};

/// The accelerator's Verilog run under Verilator.
/// \code
///   accel::VerilatorInference v(qnn::load_model("models/mnist_q8.json"), {.hardware = {.batch_size = 4}});
///   std::vector<qnn::BatchResult> results = v.run_batches(batches);   // one Verilator process
/// \endcode
class VerilatorInference {
public:
    /// Builds the accelerator, writes its Verilog and builds it with Verilator unless the cache has it.
    /// \param model the quantized model.
    /// \param options the accelerator, cache directory and jobs.
    /// \throws rtl::Error if Verilator is missing or the build fails (with its output), or the
    ///         options ask for the AXI top.
    /// \throws qnn::ModelError if the model is invalid.
    /// \throws qnn::Error if the cache directory cannot be created.
    VerilatorInference(qnn::QuantizedModel model, VerilatorOptions options = {});

    /// Runs batches of up to B images each through the Verilated model in one process.
    /// \param batches the batches.
    /// \return one result per batch, bit-identical to qnn::SoftwareInference.
    /// \throws rtl::Error if a batch is too large, the run fails or its output is malformed.
    /// \throws qnn::UsageError if an image has the wrong size.
    std::vector<qnn::BatchResult> run_batches(const std::vector<std::vector<qnn::ImageView>>& batches);
    /// Runs one batch (see run_batches).
    /// \param images up to B images.
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
    /// Cycles from start to valid of each batch of the last run (as the built-in simulation counts).
    /// \return one count per batch.
    const std::vector<std::uint64_t>& last_cycles() const { return last_cycles_; }
    /// The build's directory in the cache.
    /// \return the directory.
    const std::filesystem::path& build_dir() const { return build_dir_; }

private:
    qnn::QuantizedModel model_;
    VerilatorOptions options_;
    rtl::Block block_;
    std::unique_ptr<HardwareAccelerator> accelerator_;
    std::filesystem::path build_dir_;
    bool cached_ = false;
    std::chrono::duration<double> build_time_{0}, run_time_{0};
    std::vector<std::uint64_t> last_cycles_;
};

}  // namespace accel

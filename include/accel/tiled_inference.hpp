#pragma once
/// \file tiled_inference.hpp
/// Runs images through the tiled accelerator (accel::TiledAccelerator) in rtlnet's simulator: the
/// design is built and compiled once; each run streams its images back to back on the pixel stream
/// (the last one marked `pixels_last`) and collects every layer's outputs and the classes.

#include "accel/tiled_accelerator.hpp"
#include "qnn/inference.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace accel {

/// The tiled accelerator under simulation.
class TiledInference {
public:
    /// Builds the accelerator and its simulation.
    /// \code
    ///   accel::TiledInference hw(qnn::load_model("models/mnist_q8.json"));
    ///   qnn::BatchResult r = hw.run_batch(images);     // any number of images
    ///   std::cout << hw.last_latency() << " cycles latency\n";
    /// \endcode
    /// \param model the quantized model.
    /// \param options the shape; without TiledOptions::observe the results hold the classes only (the
    ///        layer outputs stay 0).
    /// \param mode interpreter or compiled simulation.
    /// \param traced wires to trace (none by default, for speed).
    /// \throws qnn::ModelError if the model is invalid.
    /// \throws rtl::Error for an impossible shape or a traced name that is not in the design.
    explicit TiledInference(qnn::QuantizedModel model, TiledOptions options = {},
                            rtl::SimulationMode mode = rtl::default_simulation_mode(),
                            std::vector<std::string> traced = {});
    /// Releases the design and its simulation.
    ~TiledInference();

    /// Another simulation of the same design (for another thread); see qnn's HardwareInference::replica.
    /// \return the replica, at cycle 0.
    std::unique_ptr<TiledInference> replica() const;

    /// Quantizes and streams `images`.
    /// \param images the images (input_size() pixels each).
    /// \return every layer's outputs and the predictions.
    /// \throws qnn::UsageError if an image has the wrong size.
    /// \throws rtl::Error if the accelerator does not deliver every result.
    qnn::BatchResult run_batch(std::span<const qnn::ImageView> images);
    /// Streams already quantized images (inputs × n, one image per column).
    /// \param inputs the images.
    /// \return every layer's outputs and the predictions.
    /// \throws rtl::Error if `inputs` has the wrong number of rows or a result is missing.
    qnn::BatchResult run_quantized(const qnn::Int8Matrix& inputs);

    /// The last run: cycles from the cycle its last input word was taken to the cycle its last result left.
    /// \return the latency in cycles.
    std::uint64_t last_latency() const { return last_latency_; }
    /// The last run: cycles from its first input word to its last result.
    /// \return the cycles.
    std::uint64_t last_cycles() const { return last_cycles_; }
    /// The last run's steady state: cycles between the results of its first and last full groups,
    /// per image (with fewer than two groups of C images: last_cycles() per image).
    /// \return cycles per image.
    double last_cycles_per_image() const { return last_cycles_per_image_; }

    /// The accelerator.
    /// \return the accelerator.
    const TiledAccelerator& accelerator() const { return *accelerator_; }
    /// The block holding the design.
    /// \return the block.
    rtl::Block& block() { return *block_; }
    /// The simulation.
    /// \return the simulation.
    rtl::Simulation& simulation() { return *simulation_; }
    /// Time spent building and compiling the design.
    /// \return the time.
    std::chrono::duration<double> elaboration_time() const { return elaboration_time_; }
    /// Total time spent stepping the simulation.
    /// \return the time.
    std::chrono::duration<double> simulation_time() const { return simulation_time_; }

private:
    struct ReplicaTag {};
    TiledInference(ReplicaTag, const TiledInference& design);
    void simulate(std::vector<std::string> traced);

    struct RequantPorts {
        rtl::WireId valid, lane, index, value;
    };

    std::shared_ptr<rtl::Block> block_;
    std::shared_ptr<const TiledAccelerator> accelerator_;
    rtl::SimulationMode mode_;
    std::unique_ptr<rtl::Simulation> simulation_;
    rtl::WireId pixels_ = 0, pixels_valid_ = 0, pixels_last_ = 0, pixels_ready_ = 0;
    rtl::WireId result_valid_ = 0, result_ = 0;
    std::vector<RequantPorts> requant_;
    std::uint64_t last_latency_ = 0, last_cycles_ = 0;
    double last_cycles_per_image_ = 0;
    std::chrono::duration<double> elaboration_time_{0}, simulation_time_{0};
};

}  // namespace accel

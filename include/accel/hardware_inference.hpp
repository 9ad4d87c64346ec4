#pragma once
/// \file hardware_inference.hpp
/// The quantized network as hardware: built from a model, simulated bit-exactly by rtlnet's simulator,
/// and exportable as Verilog.
///
/// Per dense layer: a systolic array (weights in a ROM) → bias add → ReLU (if the layer has it) →
/// requantization to int8 → the next layer; then an argmax per image. The first layer reads the
/// images from the input memory `flat_batch`, which holds B images in the skewed layout the array
/// streams (`input_memory_words`).
///
/// Ports (all names are stable; they are the Verilog port names too):
/// - `flat_batch_write_addr`, `flat_batch_write_data`, `flat_batch_write_enable`: load the input memory
///   (one word per cycle, while `input_ready` is 1);
/// - `start`: the input memory holds a batch; processing begins in the cycle `start` is seen with
///   `input_ready` high;
/// - `valid`: the outputs hold the result of the last batch; they stay valid until the next `start`;
/// - `input_ready`: the first layer is waiting for `start` (the input memory may be rewritten);
/// - `layer{i}_{r}_{c}` (int8, row r of layer i for image c), `argmax_{c}`.
///
/// With `start` raised in cycle 0, `valid` is first high in cycle Σ_layers (rows + cols + B), e.g.
/// 192 for the 144→18→10 MNIST network at B = 1 (193 simulation steps, as pyrtlnet).

#include "qnn/inference.hpp"
#include "qnn/model.hpp"
#include "rtl/rtl.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

namespace accel {

/// How the accelerator is built.
struct HardwareOptions {
    int batch_size = 1;  ///< images per run (B)
    /// Build the AXI top instead of plain ports: images arrive over an AXI4-Stream (one input-memory
    /// word per beat) and start the accelerator when complete; results are read over AXI4-Lite
    /// (see axi_register_map in docs/accelerator.md). Ports then: s0_axis_*, s0_axi_*, `valid`, `argmax_{c}`.
    bool axi = false;
    int input_bitwidth = 8;  ///< activations and weights
    int accumulator_bitwidth = 32;  ///< systolic-array accumulators (normalization assumes 32)
};

/// The accelerator's hardware, built into a block.
class HardwareAccelerator {
public:
    /// Builds the accelerator for `model` into `block` (by default the working block).
    /// \param model the quantized model.
    /// \param options batch size, AXI top and widths.
    /// \param block where to build.
    /// \throws qnn::ModelError if the model is invalid.
    /// \throws rtl::Error for impossible options (batch size below 1, accumulators not 32 bits).
    HardwareAccelerator(const qnn::QuantizedModel& model, HardwareOptions options,
                        rtl::Block& block = rtl::working_block());

    /// The build options.
    /// \return the options.
    const HardwareOptions& options() const { return options_; }
    /// The block the accelerator is built in.
    /// \return the block.
    rtl::Block& block() const { return *block_; }
    /// The model.
    /// \return the model.
    const qnn::QuantizedModel& model() const { return model_; }
    /// Address width of the input memory.
    /// \return its address bits.
    int input_addrwidth() const { return input_addrwidth_; }
    /// The input memory's contents for a quantized batch (inputs × B, image k in column k):
    /// 2^input_addrwidth words, word t holding image j's pixel t − j (image 0 in the MSBs).
    /// \param inputs the quantized batch (at most B columns).
    /// \return the words.
    /// \throws rtl::Error if `inputs` has the wrong number of rows or more than B columns.
    std::vector<rtl::BigInt> input_memory_words(const qnn::Int8Matrix& inputs) const;
    /// Cycle in which `valid` first rises when `start` is raised in cycle 0.
    /// \return the latency in cycles.
    int latency_cycles() const { return latency_; }

    /// AXI mode: the register index of the status register (bit 0 valid, bit 1 busy, bits 31..16 the
    /// number of results produced so far, mod 2^16). Registers before it: argmax of image c at c, then
    /// layer i's output r of image c at layer_register(i, r, c) (raw 8-bit two's complement).
    /// \return the status register's index.
    int status_register() const { return status_register_; }
    /// AXI mode: the register holding one layer output.
    /// \param layer the layer.
    /// \param row the output row.
    /// \param image the image in the batch.
    /// \return the register index.
    /// \throws rtl::Error if the accelerator has no AXI register map.
    int layer_register(std::size_t layer, int row, int image) const;

private:
    qnn::QuantizedModel model_;
    HardwareOptions options_;
    rtl::Block* block_;
    int input_addrwidth_ = 0;
    int latency_ = 0;
    int status_register_ = 0;
    std::vector<int> layer_base_;
};

/// Runs batches through one built accelerator in rtlnet's simulator: the design is built and compiled
/// once, then every batch reuses it (no rebuild, no reset between batches).
class HardwareInference {
public:
    /// Builds the accelerator and its simulation (interpreted or compiled, see rtl::SimulationMode).
    /// `traced` names wires to record in the simulation's trace (none by default, for speed).
    /// \code
    ///   accel::HardwareInference hw(qnn::load_model("models/mnist_q8.json"), {.batch_size = 2});
    ///   qnn::BatchResult r = hw.run_batch(std::vector<qnn::ImageView>{test.image(0), test.image(1)});
    ///   std::cout << r.predictions[0] << " in " << hw.last_cycles() << " cycles\n";
    /// \endcode
    /// \param model the quantized model.
    /// \param options batch size, AXI top and widths.
    /// \param mode interpreter or compiled simulation.
    /// \param traced wires to trace.
    /// \throws qnn::ModelError if the model is invalid.
    /// \throws rtl::Error for impossible options or a traced name that is not in the design.
    explicit HardwareInference(qnn::QuantizedModel model, HardwareOptions options = {},
                               rtl::SimulationMode mode = rtl::default_simulation_mode(),
                               std::vector<std::string> traced = {});
    /// Releases the design and its simulation.
    ~HardwareInference();

    /// Another simulation of the same design, e.g. for running batches on another thread: it shares
    /// this object's block and accelerator (neither is changed by running batches) and has its own
    /// rtl::Simulation, in the same mode, starting at cycle 0. In compiled mode the simulation finds
    /// the compiled code in its cache, so nothing is compiled again. Making a replica only reads the
    /// shared design, so it may be made while this object runs a batch on another thread (but not
    /// while someone changes block()).
    /// \param traced wires to trace in the replica (none by default).
    /// \return the replica.
    /// \throws rtl::Error for a traced name that is not in the design.
    std::unique_ptr<HardwareInference> replica(std::vector<std::string> traced = {}) const;

    /// Runs up to B images (fewer are padded with blank images, which are not reported).
    /// \param images the images (input_size() pixels each).
    /// \return every layer's outputs and the predictions, bit-identical to qnn::SoftwareInference.
    /// \throws qnn::UsageError if an image has the wrong size.
    /// \throws rtl::Error if there are more than B images or the accelerator does not finish.
    qnn::BatchResult run_batch(std::span<const qnn::ImageView> images);
    /// Runs an already quantized batch (inputs × n, n <= B).
    /// \param inputs the quantized batch.
    /// \return every layer's outputs and the predictions.
    /// \throws rtl::Error if `inputs` has the wrong shape or the accelerator does not finish.
    qnn::BatchResult run_quantized(const qnn::Int8Matrix& inputs);

    /// The accelerator.
    /// \return the accelerator.
    const HardwareAccelerator& accelerator() const { return *accelerator_; }
    /// The block holding the design (for Verilog export).
    /// \return the block.
    rtl::Block& block() { return *block_; }
    /// The simulation.
    /// \return the simulation.
    rtl::Simulation& simulation() { return *simulation_; }

    /// Renders the traced wires (see `traced` in the constructor) over cycles [first, end) of the last
    /// batch, counted from its start cycle (end 0: to the end of the batch).
    /// \param out where to draw.
    /// \param first the first cycle shown.
    /// \param end one past the last cycle shown.
    /// \throws rtl::SimulationError if nothing is traced or the range is empty.
    void render_last_batch(std::ostream& out, std::size_t first = 0, std::size_t end = 0) const;
    /// The options render_last_batch uses (the traced wires, unsigned values, signed PEs, the cycle range),
    /// for the other waveform views (rtl::write_svg, rtl::write_wavedrom in rtl/waveform.hpp).
    /// \param first the first cycle shown.
    /// \param end one past the last cycle shown.
    /// \return the options.
    rtl::RenderOptions last_batch_options(std::size_t first = 0, std::size_t end = 0) const;

    /// Cycles the last batch took from `start` to `valid` (inclusive of the start cycle).
    /// \return the cycle count.
    std::uint64_t last_cycles() const { return last_cycles_; }
    /// Time spent building and compiling the design.
    /// \return the time.
    std::chrono::duration<double> elaboration_time() const { return elaboration_time_; }
    /// Total time spent stepping the simulation.
    /// \return the time.
    std::chrono::duration<double> simulation_time() const { return simulation_time_; }

private:
    struct ReplicaTag {};
    HardwareInference(ReplicaTag, const HardwareInference& design, std::vector<std::string> traced);
    // Builds the simulation of block_ and resolves the ports.
    void simulate(std::vector<std::string> traced);

    std::shared_ptr<rtl::Block> block_;  // shared with replicas
    std::shared_ptr<const HardwareAccelerator> accelerator_;  // shared with replicas
    rtl::SimulationMode mode_;
    std::unique_ptr<rtl::Simulation> simulation_;
    std::vector<std::vector<rtl::WireId>> layer_outputs_;  // per layer: row-major rows × B
    std::vector<rtl::WireId> argmax_;
    rtl::WireId start_ = 0;
    std::uint64_t last_cycles_ = 0;
    std::uint64_t last_start_cycle_ = 0;
    std::vector<std::string> traced_;
    std::chrono::duration<double> elaboration_time_{0}, simulation_time_{0};
};

}  // namespace accel

#pragma once
/// \file verilog_export.hpp
/// The accelerator's Verilog for users and the FPGA flow, in either architecture: the module with a
/// testbench that replays a batch, and the AXI top for fpga/.

#include "accel/tiled_plan.hpp"
#include "qnn/inference.hpp"
#include "qnn/model.hpp"

#include <filesystem>
#include <span>

namespace accel {

/// The two accelerator architectures.
enum class Architecture {
    Tiled,  ///< one shared systolic array, streamed images (accel::TiledAccelerator), the default
    PerLayer,  ///< one systolic array per layer and batch, pyrtlnet's (accel::HardwareAccelerator)
};

/// Which accelerator an export writes.
struct ExportOptions {
    Architecture architecture = Architecture::Tiled;  ///< the architecture
    TiledShape shape{};  ///< the tiled array (Architecture::Tiled)
};

/// Writes the accelerator as `mnist_inference.v` (module `mnist_inference`; the tiled one with its
/// PE, requantizer and argmax modules) and a testbench `mnist_inference_test.v` into `dir`. The
/// testbench replays the built-in simulation's inputs for `images`: per-layer, a batch of
/// images.size() images (the batch size) loaded through the write port and started, printing the last
/// layer and the argmax when `valid` rises; tiled, the images streamed back to back, printing each
/// `result` line. Returns the built-in simulation's result.
/// \param model the quantized model.
/// \param images the batch (at least one image).
/// \param dir the output directory.
/// \param options the architecture.
/// \return the expected result.
/// \throws qnn::Error if the directory cannot be made; rtl::Error if a file cannot be written.
/// \throws qnn::UsageError if `images` is empty or an image has the wrong size.
qnn::BatchResult write_verilog_and_testbench(const qnn::QuantizedModel& model, std::span<const qnn::ImageView> images,
                                             const std::filesystem::path& dir, const ExportOptions& options = {});

/// Writes the AXI top (module `mnist_inference_axi`) as `dir/mnist_inference_axi.v`, for fpga/.
/// Tiled: images in over AXI4-Stream `s0_axis` (32-bit words of 4 pixels, `tlast` on the last image),
/// classes out over AXI4-Stream `m0_axis` (8-bit). Per-layer: see HardwareOptions::axi.
/// \param model the quantized model.
/// \param batch_size images per run (per-layer only; the tiled design streams any number).
/// \param dir the output directory.
/// \param options the architecture.
/// \return the file's path.
/// \throws qnn::Error if the directory cannot be made; rtl::Error if the file cannot be written.
std::filesystem::path write_axi_verilog(const qnn::QuantizedModel& model, int batch_size,
                                        const std::filesystem::path& dir, const ExportOptions& options = {});

}  // namespace accel

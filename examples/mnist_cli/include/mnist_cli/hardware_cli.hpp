#pragma once
/// \file hardware_cli.hpp
/// The hardware implementations of `mnist_inference`: `hardware` (rtlnet's simulation of the
/// accelerator), `verilator` (the emitted Verilog under Verilator) and `all` (every implementation on
/// every batch, with a one-line agreement summary per image; any disagreement is an error), plus the
/// `--verilog` export.

#include "accel/tiled_plan.hpp"
#include "accel/verilog_export.hpp"
#include "mnist_cli/registry.hpp"
#include "rtl/simulation.hpp"

#include <filesystem>
#include <optional>
#include <ostream>

namespace mnist_cli {

/// The flags of the hardware implementations.
struct HardwareCliOptions {
    accel::Architecture architecture = accel::Architecture::Tiled;  ///< --arch: tiled or per-layer
    accel::TiledShape shape{};  ///< --array RxC and --requantizers (tiled)
    bool verbose = false;  ///< print elaboration/simulation times and cycles
    rtl::SimulationMode simulation = rtl::default_simulation_mode();  ///< --simulation: interpreter or compiled
    std::filesystem::path verilator_cache = ".rtlnet-cache/verilator";  ///< where Verilator builds are kept
    std::size_t start_image = 0;  ///< index of the first image (for the `all` summary lines)
    std::ostream* out = nullptr;  ///< where messages go (required)
    bool waveform = false;  ///< hardware: draw the control signals of the first batch
    /// hardware: write the control signals of the first batch as an SVG timing diagram (rtl::write_svg)
    std::filesystem::path waveform_svg{};
};

/// Adds "hardware", "verilator" and "all" to `registry` (which must already hold "software" and
/// "reference"). Each builds its hardware once (per-layer: sized by the first batch) and reuses it;
/// before each batch's results, "hardware" prints `latency cycles: N` and `cycles per image: N` (tiled:
/// the batch's images streamed back to back, the steady state when the batch holds two groups or
/// more; per-layer: start to valid, and that plus loading the batch, per image). "hardware"
/// can also run on several threads (Implementation::make_workers): one design, compiled once, and one
/// simulation of it per thread (accel::HardwareInference::replica); not with `waveform` or `waveform_svg`,
/// which show the first batch of one simulation. "verilator" and "all" run on one thread.
/// \param registry the registry to extend.
/// \param options the hardware flags; `options.out` must not be null.
/// \throws qnn::UsageError if `options.out` is null or a name is already taken.
void add_hardware_implementations(ImplementationRegistry& registry, const HardwareCliOptions& options);

/// Wraps `runner` so that before the first batch it writes `mnist_inference.v` and
/// `mnist_inference_test.v` for that batch into `dir` (see accel::write_verilog_and_testbench: the
/// per-layer design is built for the batch's size).
/// \param runner the implementation to wrap.
/// \param model the model the accelerator is built from.
/// \param dir the output directory.
/// \param out where the "wrote ..." message goes.
/// \param options the architecture.
/// \return the wrapped runner (which throws rtl::Error or qnn::ModelError if the export fails).
BatchRunner with_verilog_export(BatchRunner runner, const qnn::QuantizedModel& model, std::filesystem::path dir,
                                std::ostream& out, const accel::ExportOptions& options);

}  // namespace mnist_cli

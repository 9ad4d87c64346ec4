// The hardware implementations behind mnist_inference's --impl hardware / verilator / all.

#include "mnist_cli/hardware_cli.hpp"

#include "accel/hardware_inference.hpp"
#include "accel/tiled_inference.hpp"
#include "accel/tiled_verilator.hpp"
#include "accel/verilator_inference.hpp"
#include "accel/verilog_export.hpp"
#include "mnist_cli/display.hpp"
#include "qnn/error.hpp"
#include "rtl/waveform.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include <chrono>
#include <fstream>
#include <memory>

namespace mnist_cli {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// The two lines scripts read, per batch (each batch starts with the accelerator idle, so its figures
// depend on its images only, whichever thread runs it).
void print_cycles(std::ostream& out, std::uint64_t latency, double per_image)
{
    fmt::print(out, "latency cycles: {}\ncycles per image: {:g}\n", latency, per_image);
}

// The figures of the last batch: latency, and cycles per image. Per-layer: start to valid, and that
// plus loading the batch word by word (2^addrwidth cycles), per image.
std::pair<std::uint64_t, double> cycle_figures(const accel::HardwareInference& hardware, std::size_t images)
{
    const auto load = std::uint64_t{1} << hardware.accelerator().input_addrwidth();
    return {hardware.last_cycles(), static_cast<double>(hardware.last_cycles() + load) / static_cast<double>(images)};
}

// Tiled: the batch's images streamed back to back.
std::pair<std::uint64_t, double> cycle_figures(const accel::TiledInference& hardware, std::size_t)
{
    return {hardware.last_latency(), hardware.last_cycles_per_image()};
}

// One batch through a built accelerator (either architecture), saying how long it took when verbose.
template <class Hardware>
qnn::BatchResult step_hardware(Hardware& hardware, std::span<const qnn::ImageView> images, bool verbose,
                               std::ostream& out)
{
    if (verbose) fmt::print(out, "Running the hardware... ");
    out.flush();
    auto begin = Clock::now();
    qnn::BatchResult result = hardware.run_batch(images);
    if (verbose)
        fmt::print(out, "done ({}, {} cycles)\n", format_duration(seconds_since(begin)), hardware.last_cycles());
    const auto [latency, per_image] = cycle_figures(hardware, images.size());
    print_cycles(out, latency, per_image);
    return result;
}

std::unique_ptr<accel::TiledInference> make_tiled(const qnn::QuantizedModel& model, const HardwareCliOptions& options,
                                                  std::vector<std::string> traced = {})
{
    std::ostream& out = *options.out;
    if (options.verbose)
        fmt::print(out, "Constructing hardware ({}x{} array, {} requantizers)... ", options.shape.rows,
                   options.shape.cols, options.shape.requantizers);
    out.flush();
    auto begin = Clock::now();
    auto hardware = std::make_unique<accel::TiledInference>(model, accel::TiledOptions{.shape = options.shape},
                                                            options.simulation, std::move(traced));
    if (options.verbose)
        fmt::print(out, "done ({}{})\n", format_duration(seconds_since(begin)),
                   hardware->simulation().is_compiled() ? ", compiled simulation" : "");
    return hardware;
}

// The tiled accelerator on several threads, as hardware_workers below.
WorkerFactory tiled_workers(const qnn::QuantizedModel& model, const HardwareCliOptions& options)
{
    std::shared_ptr<accel::TiledInference> design = make_tiled(model, options);
    auto first_taken = std::make_shared<bool>(false);
    const bool verbose = options.verbose;
    return [design, first_taken, verbose](std::ostream& log) -> BatchRunner {
        std::shared_ptr<accel::TiledInference> hardware = design;
        if (*first_taken) hardware = design->replica();
        *first_taken = true;
        return [hardware, verbose, &log](std::span<const qnn::ImageView> images) {
            return step_hardware(*hardware, images, verbose, log);
        };
    };
}

// The tiled accelerator on one thread, with the waveform of its first batch if asked.
BatchRunner tiled_runner(const qnn::QuantizedModel& model, const HardwareCliOptions& options)
{
    auto hardware = std::make_shared<std::unique_ptr<accel::TiledInference>>();
    const std::vector<std::string> traced = {"pixels_valid",   "pixels_ready",   "running",      "tile",  "slot",
                                             "requant0_valid", "requant0_value", "result_valid", "result"};
    const bool drawing = options.waveform || !options.waveform_svg.empty();
    return [model, options, hardware, traced, drawing](std::span<const qnn::ImageView> images) {
        std::ostream& out = *options.out;
        if (!*hardware) *hardware = make_tiled(model, options, drawing ? traced : std::vector<std::string>{});
        accel::TiledInference& hw = **hardware;
        const bool first = hw.simulation().cycle() == 0;
        const std::uint64_t start = hw.simulation().cycle();
        qnn::BatchResult result = step_hardware(hw, images, options.verbose, out);
        if (!first || !drawing) return result;
        const auto end = static_cast<std::size_t>(hw.simulation().cycle());
        rtl::RenderOptions view{.names = traced,
                                .format = rtl::ValueFormat::Unsigned,
                                .style = rtl::TraceStyle::Utf8,
                                .first_cycle = static_cast<std::size_t>(start),
                                .end_cycle = end};
        view.format_per_name["requant0_value"] = rtl::ValueFormat::Signed;  // int8
        if (!options.waveform_svg.empty()) {
            std::ofstream svg(options.waveform_svg);
            rtl::write_svg(hw.simulation().trace(), svg, view, {.cycle_width = 8});
            if (!svg.flush())
                throw qnn::UsageError(fmt::format("--waveform_svg: cannot write {}", options.waveform_svg.string()));
            fmt::print(out, "Wrote the waveform of the first batch ({} cycles) to {}\n", end - start,
                       options.waveform_svg.string());
        }
        if (options.waveform) {
            fmt::print(out, "Waveform of the first batch: its first cycles, then its last ({} cycles in all):\n",
                       end - start);
            rtl::RenderOptions head = view, tail = view;
            head.end_cycle = std::min(end, static_cast<std::size_t>(start) + 6);
            tail.first_cycle = end > static_cast<std::size_t>(start) + 10 ? end - 10 : static_cast<std::size_t>(start);
            rtl::render_trace(hw.simulation().trace(), out, head);
            rtl::render_trace(hw.simulation().trace(), out, tail);
        }
        return result;
    };
}

// The hardware on several threads: the design is built (and compiled) once, here; the first worker
// simulates it in the simulation built with it, every further worker in a replica of its own (made
// when the worker's runner is made, before the threads start).
WorkerFactory hardware_workers(const qnn::QuantizedModel& model, const HardwareCliOptions& options,
                               std::size_t batch_size)
{
    std::ostream& out = *options.out;
    if (options.verbose) fmt::print(out, "Constructing hardware... ");
    out.flush();
    auto begin = Clock::now();
    std::shared_ptr<accel::HardwareInference> design = std::make_shared<accel::HardwareInference>(
        model, accel::HardwareOptions{.batch_size = static_cast<int>(batch_size)}, options.simulation);
    if (options.verbose)
        fmt::print(out, "done ({}{})\n", format_duration(seconds_since(begin)),
                   design->simulation().is_compiled() ? ", compiled simulation" : "");
    auto first_taken = std::make_shared<bool>(false);
    const bool verbose = options.verbose;
    return [design, first_taken, verbose](std::ostream& log) -> BatchRunner {
        std::shared_ptr<accel::HardwareInference> hardware = design;
        if (*first_taken) {
            auto replica_begin = Clock::now();
            hardware = design->replica();
            if (verbose)
                fmt::print(log, "Simulating the hardware on another thread: a replica ({})\n",
                           format_duration(seconds_since(replica_begin)));
        }
        *first_taken = true;
        return [hardware, verbose, &log](std::span<const qnn::ImageView> images) {
            return step_hardware(*hardware, images, verbose, log);
        };
    };
}

// The per-layer hardware simulation, built on the first batch (whose size is the batch size).
BatchRunner per_layer_runner(const qnn::QuantizedModel& model, const HardwareCliOptions& options)
{
    auto hardware = std::make_shared<std::unique_ptr<accel::HardwareInference>>();
    auto waveform_shown = std::make_shared<bool>(false);
    return [model, options, hardware, waveform_shown](std::span<const qnn::ImageView> images) {
        std::ostream& out = *options.out;
        if (!*hardware) {
            if (options.verbose) fmt::print(out, "Constructing hardware... ");
            out.flush();
            auto begin = Clock::now();
            std::vector<std::string> traced;
            if (options.waveform || !options.waveform_svg.empty()) {
                for (std::size_t i = 0; i < model.layers.size(); ++i) {
                    std::string name = qnn::layer_name(model, i);
                    traced.push_back(name + "_matmul.state");
                    if (i == 0) {
                        traced.push_back(name + "_matmul.counter");
                        traced.push_back(name + "_matmul.pe[0][0]");
                    }
                }
                traced.insert(traced.end(), {"start", "valid", "argmax_0"});
            }
            *hardware = std::make_unique<accel::HardwareInference>(
                model, accel::HardwareOptions{.batch_size = static_cast<int>(images.size())}, options.simulation,
                traced);
            if (options.verbose)
                fmt::print(out, "done ({}{})\n", format_duration(seconds_since(begin)),
                           (*hardware)->simulation().is_compiled() ? ", compiled simulation" : "");
        }
        qnn::BatchResult result = step_hardware(**hardware, images, options.verbose, out);
        if (!options.waveform_svg.empty() && !*waveform_shown) {
            std::ofstream svg(options.waveform_svg);
            rtl::write_svg((*hardware)->simulation().trace(), svg, (*hardware)->last_batch_options(),
                           {.cycle_width = 8});
            if (!svg.flush())
                throw qnn::UsageError(fmt::format("--waveform_svg: cannot write {}", options.waveform_svg.string()));
            fmt::print(out, "Wrote the waveform of the first batch ({} cycles) to {}\n", (*hardware)->last_cycles(),
                       options.waveform_svg.string());
        }
        if (options.waveform && !*waveform_shown) {
            const std::size_t cycles = (*hardware)->last_cycles();
            fmt::print(out, "Waveform of the first batch: its first cycles, then its last ({} cycles in all):\n",
                       cycles);
            (*hardware)->render_last_batch(out, 0, 6);
            (*hardware)->render_last_batch(out, cycles > 10 ? cycles - 10 : 0, cycles);
        }
        *waveform_shown = true;
        return result;
    };
}

BatchRunner hardware_runner(const qnn::QuantizedModel& model, const HardwareCliOptions& options)
{
    return options.architecture == accel::Architecture::Tiled ? tiled_runner(model, options)
                                                              : per_layer_runner(model, options);
}

// The tiled accelerator's Verilog under Verilator, built on the first batch.
BatchRunner tiled_verilator_runner(const qnn::QuantizedModel& model, const HardwareCliOptions& options)
{
    auto verilator = std::make_shared<std::unique_ptr<accel::TiledVerilatorInference>>();
    return [model, options, verilator](std::span<const qnn::ImageView> images) {
        std::ostream& out = *options.out;
        if (!*verilator) {
            if (options.verbose) fmt::print(out, "Building the Verilator model... ");
            out.flush();
            *verilator = std::make_unique<accel::TiledVerilatorInference>(
                model,
                accel::TiledVerilatorOptions{.tiled = {.shape = options.shape}, .cache_dir = options.verilator_cache});
            if (options.verbose)
                fmt::print(out, "done ({}{})\n", format_duration((*verilator)->build_time().count()),
                           (*verilator)->was_cached() ? ", cached" : "");
        }
        auto begin = Clock::now();
        qnn::BatchResult result = (*verilator)->run_batch(images);
        if (options.verbose)
            fmt::print(out, "Running Verilator... done ({}, {} cycles latency)\n",
                       format_duration(seconds_since(begin)), (*verilator)->last_latencies().front());
        return result;
    };
}

BatchRunner verilator_runner(const qnn::QuantizedModel& model, const HardwareCliOptions& options)
{
    if (options.architecture == accel::Architecture::Tiled) return tiled_verilator_runner(model, options);
    auto verilator = std::make_shared<std::unique_ptr<accel::VerilatorInference>>();
    return [model, options, verilator](std::span<const qnn::ImageView> images) {
        std::ostream& out = *options.out;
        if (!*verilator) {
            if (options.verbose) fmt::print(out, "Building the Verilator model... ");
            out.flush();
            *verilator = std::make_unique<accel::VerilatorInference>(
                model,
                accel::VerilatorOptions{.hardware = {.batch_size = static_cast<int>(images.size())},
                                        .cache_dir = options.verilator_cache});
            if (options.verbose)
                fmt::print(out, "done ({}{})\n", format_duration((*verilator)->build_time().count()),
                           (*verilator)->was_cached() ? ", cached" : "");
        }
        auto begin = Clock::now();
        qnn::BatchResult result = (*verilator)->run_batch(images);
        if (options.verbose)
            fmt::print(out, "Running Verilator... done ({}, {} cycles)\n", format_duration(seconds_since(begin)),
                       (*verilator)->last_cycles().front());
        return result;
    };
}

bool same_outputs(const qnn::BatchResult& a, const qnn::BatchResult& b, std::size_t k, int tolerance)
{
    if (a.predictions[k] != b.predictions[k]) return false;
    for (std::size_t l = 0; l < a.layer_outputs.size(); ++l) {
        auto x = a.output(l, k), y = b.output(l, k);
        for (std::size_t i = 0; i < x.size(); ++i)
            if (std::abs(int(x[i]) - int(y[i])) > tolerance) return false;
    }
    return true;
}

}  // namespace

void add_hardware_implementations(ImplementationRegistry& registry, const HardwareCliOptions& options)
{
    if (!options.out) throw qnn::UsageError("HardwareCliOptions::out must be set");
    Implementation hardware{"hardware", "Hardware Inference",
                            "the accelerator simulated by rtlnet (bit-exact with software)",
                            [options](const qnn::QuantizedModel& model) { return hardware_runner(model, options); }};
    // The waveforms show the first batch of one simulation: with them, the hardware runs on one thread.
    if (!options.waveform && options.waveform_svg.empty())
        hardware.make_workers = [options](const qnn::QuantizedModel& model, std::size_t batch_size) {
            return options.architecture == accel::Architecture::Tiled ? tiled_workers(model, options)
                                                                      : hardware_workers(model, options, batch_size);
        };
    registry.add(std::move(hardware));
    registry.add({"verilator", "Verilator Inference", "the accelerator's emitted Verilog built and run with Verilator",
                  [options](const qnn::QuantizedModel& model) { return verilator_runner(model, options); }});
    const Implementation* software = registry.find("software");
    const Implementation* reference = registry.find("reference");
    if (!software || !reference) throw qnn::UsageError("the registry needs software and reference first");
    auto make_software = software->make_runner, make_reference = reference->make_runner;
    registry.add(
        {"all", "All Implementations",
         "software, reference, hardware and Verilator on every image; prints whether they agree",
         [options, make_software, make_reference](const qnn::QuantizedModel& model) -> BatchRunner {
             HardwareCliOptions quiet = options;
             quiet.verbose = false;
             auto runners = std::make_shared<std::vector<BatchRunner>>(
                 std::vector<BatchRunner>{make_software(model), make_reference(model), hardware_runner(model, quiet),
                                          verilator_runner(model, quiet)});
             auto next_image = std::make_shared<std::size_t>(options.start_image);
             return [runners, next_image, options](std::span<const qnn::ImageView> images) {
                 std::vector<qnn::BatchResult> r;
                 for (const auto& run : *runners) r.push_back(run(images));
                 for (std::size_t k = 0; k < images.size(); ++k, ++*next_image) {
                     // Hardware and Verilator must equal software exactly; the TFLite-style
                     // reference may differ by one in a layer output, but must predict the same.
                     bool hw = same_outputs(r[0], r[2], k, 0), vl = same_outputs(r[0], r[3], k, 0);
                     bool ref = same_outputs(r[0], r[1], k, 1);
                     fmt::print(*options.out, "image {}: software {} | reference {} | hardware {} | verilator {}: {}\n",
                                *next_image, r[0].predictions[k], r[1].predictions[k], r[2].predictions[k],
                                r[3].predictions[k], hw && vl && ref ? "all agree" : "MISMATCH");
                     if (!(hw && vl && ref))
                         throw qnn::Error(fmt::format("implementations disagree on image {} (hardware {}, verilator "
                                                      "{}, reference {})",
                                                      *next_image, hw ? "equal" : "DIFFERENT",
                                                      vl ? "equal" : "DIFFERENT", ref ? "within 1" : "DIFFERENT"));
                 }
                 return r[0];
             };
         }});
}

BatchRunner with_verilog_export(BatchRunner runner, const qnn::QuantizedModel& model, std::filesystem::path dir,
                                std::ostream& out, const accel::ExportOptions& options)
{
    auto done = std::make_shared<bool>(false);
    return [runner = std::move(runner), model, dir = std::move(dir), &out, done,
            options](std::span<const qnn::ImageView> images) {
        if (!*done && !images.empty()) {
            qnn::BatchResult expected = accel::write_verilog_and_testbench(model, images, dir, options);
            fmt::print(out,
                       "Wrote {0}/mnist_inference.v and {0}/mnist_inference_test.v ({1}, {2} image{3}, expected "
                       "classes {4}); run with\n"
                       "  iverilog -g2012 -o tb mnist_inference_test.v && vvp tb\n",
                       dir.string(), options.architecture == accel::Architecture::Tiled ? "tiled" : "per-layer",
                       images.size(), images.size() == 1 ? "" : "s", fmt::join(expected.predictions, " "));
            *done = true;
        }
        return runner(images);
    };
}

}  // namespace mnist_cli

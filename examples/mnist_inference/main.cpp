// mnist_inference: runs the quantized MNIST network on test images with a selectable
// implementation and prints pyrtlnet-style output.
//   mnist_inference [--impl software|reference|hardware|verilator|all] [--start_image 0] [--num_images 1]
//                   [--batch_size 1] [--jobs N] [--arch tiled|per-layer] [--array 6x4] [--verilog] ...
// The implementations live in the programs' command-line library, examples/mnist_cli
// (mnist_cli/registry.hpp, mnist_cli/hardware_cli.hpp); the loop and display in mnist_cli/cli.hpp,
// mnist_cli/session.hpp and mnist_cli/display.hpp. See docs/qnn.md and docs/accelerator.md.

#include "accel/verilator_inference.hpp"
#include "accel/verilog_export.hpp"
#include "mnist_cli/cli.hpp"
#include "mnist_cli/display.hpp"
#include "mnist_cli/hardware_cli.hpp"
#include "mnist_cli/registry.hpp"
#include "qnn/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <tuple>

namespace {

// Checks that a flag's text is a decimal integer that fits in int64 (CLI11 itself saturates
// 99999999999999999999 to the largest int64 without a word).
CLI::Validator int64_value()
{
    return CLI::Validator(
        [](std::string& text) -> std::string {
            std::int64_t value = 0;
            const char* end = text.data() + text.size();
            const auto [ptr, ec] = std::from_chars(text.data(), end, value);
            if (ec == std::errc() && ptr == end) return {};
            return "'" + text + "' is not an integer from -9223372036854775808 to 9223372036854775807";
        },
        "INT");
}

// "6x4" as (6, 4); nothing unless both are integers from 1 to 256.
std::optional<std::pair<int, int>> parse_array(const std::string& text)
{
    const auto x = text.find('x');
    if (x == std::string::npos) return std::nullopt;
    int rows = 0, cols = 0;
    const char* begin = text.data();
    const char* end = begin + text.size();
    const auto r = std::from_chars(begin, begin + x, rows);
    const auto c = std::from_chars(begin + x + 1, end, cols);
    if (r.ec != std::errc() || r.ptr != begin + x || c.ec != std::errc() || c.ptr != end) return std::nullopt;
    if (rows < 1 || rows > 256 || cols < 1 || cols > 256) return std::nullopt;
    return std::pair{rows, cols};
}

}  // namespace

int main(int argc, char** argv)
{
    mnist_cli::InferenceCliOptions options;
    mnist_cli::HardwareCliOptions hardware;
    hardware.out = &std::cout;
    std::string model = options.model.string();
    std::string data_dir;
    std::string test_data;
    std::string simulation = hardware.simulation == rtl::SimulationMode::Compiled ? "compiled" : "interpreter";
    std::string verilator_cache = hardware.verilator_cache.string();
    std::string verilog_dir = ".";
    bool verilog = false, axi = false;
    const std::vector<std::string> impls = {"software", "reference", "hardware", "verilator", "all"};

    CLI::App app{"Run rtlnet's quantized MNIST network on test images."};
    app.add_option("--impl", options.impl,
                   "Implementation:\n  software: integer inference in C++ (the reference model of the hardware)\n"
                   "  reference: TFLite-style arithmetic through gemmlowp (may differ by 1 from software)\n"
                   "  hardware: the accelerator simulated by rtlnet\n"
                   "  verilator: the accelerator's Verilog built and run with Verilator\n"
                   "  all: every implementation on every image, with an agreement line per image")
        ->capture_default_str()
        ->check(CLI::Validator(
            [&impls](const std::string& name) {
                return std::find(impls.begin(), impls.end(), name) != impls.end() ? std::string()
                                                                                  : "unknown implementation '" + name +
                        "'; choose one of: software, reference, hardware, "
                        "verilator, all";
            },
            "IMPL"));
    app.add_option("--start_image", options.session.start_image, "First test image")
        ->capture_default_str()
        ->check(int64_value());
    app.add_option("--num_images", options.session.num_images, "Number of test images")
        ->capture_default_str()
        ->check(int64_value());
    app.add_option("--batch_size", options.session.batch_size, "Images per batch")
        ->capture_default_str()
        ->check(int64_value());
    options.session.jobs = std::clamp<std::int64_t>(std::thread::hardware_concurrency(), 1, mnist_cli::kMaxJobs);
    app.add_option("--jobs", options.session.jobs,
                   "Threads that run batches (software, reference and hardware; verilator, all and the "
                   "waveforms use one); the output is the same for every value (default: the number of hardware "
                   "threads)")
        ->capture_default_str()
        ->check(int64_value());
    app.add_option("--model", model, "Model file (rtlnet JSON, or pyrtlnet's quantized.npz)")->capture_default_str();
    app.add_option("--data_dir", data_dir,
                   "Directory with the MNIST .gz files (default: $RTLNET_MNIST_DIR, then ../shared/data/mnist)");
    app.add_option("--test_data_npz", test_data, "Use pyrtlnet's mnist_test_data.npz instead of the MNIST files");
    // Pairs of flags rather than CLI11's "!--no-" form, whose help shows "{false}" whatever the default is.
    app.add_flag_callback(
        "--verbose", [&options] { options.session.verbose = true; },
        "Draw each image, print every layer's output and a bar chart (default: off; forced on when --num_images is 1)");
    app.add_flag_callback(
        "--no-verbose", [&options] { options.session.verbose = false; }, "Turn --verbose off");
    const std::string default_training = options.train_if_missing ? "on" : "off";
    app.add_flag_callback(
        "--train_if_missing", [&options] { options.train_if_missing = true; },
        "If --model does not exist, train a new model, write it there and say so (default: " + default_training + ")");
    app.add_flag_callback(
        "--no-train_if_missing", [&options] { options.train_if_missing = false; },
        "A missing --model is an error instead of training one");
    app.add_option("--simulation", simulation, "How --impl hardware simulates: interpreter or compiled")
        ->capture_default_str()
        ->check(CLI::IsMember({"interpreter", "compiled"}));
    app.add_flag("--waveform", hardware.waveform,
                 "With --impl hardware: draw the control signals of the first batch (states, counter, a PE, valid)");
    std::string waveform_svg;
    app.add_option("--waveform_svg", waveform_svg,
                   "With --impl hardware or all: write the first batch's control signals as an SVG timing diagram");
    app.add_option("--verilator_cache", verilator_cache, "Where Verilator builds are cached")->capture_default_str();
    app.add_flag("--verilog", verilog,
                 "Also write mnist_inference.v and mnist_inference_test.v (testbench for the first image)");
    app.add_option("--verilog_dir", verilog_dir, "Directory for --verilog's files")->capture_default_str();
    std::string arch = "tiled", array = fmt::format("{}x{}", hardware.shape.rows, hardware.shape.cols);
    app.add_option("--arch", arch,
                   "Accelerator architecture (hardware, verilator, all, --verilog):\n"
                   "  tiled: one shared RxC systolic array, images streamed back to back (docs/accelerator.md)\n"
                   "  per-layer: one systolic array per layer, sized by --batch_size (pyrtlnet's design)")
        ->capture_default_str()
        ->check(CLI::IsMember({"tiled", "per-layer"}));
    app.add_option("--array", array, "--arch tiled: the array's rows x columns (output rows x images at once)")
        ->capture_default_str()
        ->check(CLI::Validator(
            [](const std::string& text) {
                return parse_array(text) ? std::string() : "expected ROWSxCOLS, e.g. 6x4, each 1 to 256";
            },
            "RxC"));
    app.add_option("--requantizers", hardware.shape.requantizers,
                   "--arch tiled: requantizers, each shared by columns/requantizers columns (must divide the columns)")
        ->capture_default_str()
        ->check(CLI::Range(1, 256));
    app.add_option("--pixels_per_word", hardware.shape.pixels_per_word,
                   "--arch tiled: input pixels per stream word (1, 2, 4 or 8; 4 makes 32-bit AXI words)")
        ->capture_default_str()
        ->check(CLI::IsMember({1, 2, 4, 8}));
    app.add_flag("--axi", axi,
                 "With --verilog: also write mnist_inference_axi.v, the AXI-Stream/AXI-Lite top for the FPGA (fpga/)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    options.model = model;
    hardware.architecture = arch == "tiled" ? accel::Architecture::Tiled : accel::Architecture::PerLayer;
    if (auto shape = parse_array(array)) std::tie(hardware.shape.rows, hardware.shape.cols) = *shape;
    const accel::ExportOptions export_options{.architecture = hardware.architecture, .shape = hardware.shape};
    if (!data_dir.empty()) options.data_dir = data_dir;
    if (!test_data.empty()) options.test_data_npz = test_data;
    options.session.line_width = mnist_cli::terminal_width();
    hardware.verbose = options.session.verbose || options.session.num_images == 1;
    hardware.simulation = simulation == "compiled" ? rtl::SimulationMode::Compiled : rtl::SimulationMode::Interpreter;
    hardware.verilator_cache = verilator_cache;
    hardware.waveform_svg = waveform_svg;
    hardware.start_image = static_cast<std::size_t>(std::max<std::int64_t>(0, options.session.start_image));

    return mnist_cli::run_main(
        [&] {
            mnist_cli::ImplementationRegistry registry = mnist_cli::builtin_implementations();
            mnist_cli::add_hardware_implementations(registry, hardware);
            if (!waveform_svg.empty() && options.impl != "hardware" && options.impl != "all")
                throw qnn::UsageError("--waveform_svg draws the simulated accelerator; add --impl hardware or all");
            if (axi && !verilog) throw qnn::UsageError("--axi only changes what --verilog writes; add --verilog");
            if (verilog) {
                // Every implementation writes the Verilog before its first batch.
                mnist_cli::ImplementationRegistry exporting;
                for (const mnist_cli::Implementation& impl : registry.all()) {
                    mnist_cli::Implementation wrapped = impl;
                    wrapped.make_runner = [impl, verilog_dir, axi, &options,
                                           export_options](const qnn::QuantizedModel& m) {
                        if (axi) {
                            auto path = accel::write_axi_verilog(m, static_cast<int>(options.session.batch_size),
                                                                 verilog_dir, export_options);
                            std::cout << "Wrote " << path.string() << " (AXI top for fpga/)\n";
                        }
                        return mnist_cli::with_verilog_export(impl.make_runner(m), m, verilog_dir, std::cout,
                                                              export_options);
                    };
                    wrapped.make_workers = {};  // the export happens in the first batch's runner: one thread
                    exporting.add(wrapped);
                }
                registry = std::move(exporting);
            }
            return mnist_cli::run_inference_cli(options, registry, std::cout, std::cerr);
        },
        std::cerr);
}

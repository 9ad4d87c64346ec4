// The MNIST accelerator on all 10,000 test images: software, rtlnet's built-in hardware simulation and
// Verilator on the emitted Verilog, for the tiled accelerator (the images streamed in runs, plain and
// AXI with a stalling sender and receiver) and the per-layer one (B = 1 and B = 8). Reports images/s,
// cycles/s and accuracy, and fails if any implementation disagrees with the software path on any output.
#include "accel/hardware_inference.hpp"
#include "accel/tiled_inference.hpp"
#include "accel/tiled_verilator.hpp"
#include "accel/verilator_inference.hpp"
#include "mnist_cli/training_run.hpp"
#include "qnn/mnist.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::vector<qnn::ImageView>> make_batches(const qnn::ImageSet& data, std::size_t count, int B)
{
    std::vector<std::vector<qnn::ImageView>> batches;
    for (std::size_t s = 0; s < count; s += static_cast<std::size_t>(B)) {
        batches.emplace_back();
        for (std::size_t k = s; k < std::min(count, s + static_cast<std::size_t>(B)); ++k)
            batches.back().push_back(data.image(k));
    }
    return batches;
}

std::size_t count_correct(const std::vector<qnn::BatchResult>& results, const qnn::ImageSet& data)
{
    std::size_t correct = 0, i = 0;
    for (const auto& r : results)
        for (int p : r.predictions) correct += p == data.labels[i++] ? 1 : 0;
    return correct;
}

}  // namespace

int main(int argc, char** argv)
{
    bool skip_verilator = false;
    CLI::App app("MNIST accelerator throughput: software vs hardware simulation vs Verilator");
    std::string model_path = "models/mnist_q8.json", data_dir, cache = ".rtlnet-cache/verilator";
    std::string rtl_cache = ".rtlnet-cache/bench-compiled";
    std::size_t num_images = 10000;
    app.add_option("--model", model_path, "model file (trained first if missing)");
    app.add_option("--data_dir", data_dir, "MNIST directory");
    app.add_option("--num_images", num_images, "test images to run");
    app.add_option("--cache_dir", cache, "Verilator build cache");
    app.add_flag("--skip_verilator", skip_verilator, "only the built-in simulation");
    CLI11_PARSE(app, argc, argv);
    try {
        std::optional<std::filesystem::path> dir;
        if (!data_dir.empty()) dir = data_dir;
        if (!std::filesystem::exists(model_path)) {
            std::cerr << "No model at " << model_path << ": training one first.\n";
            mnist_cli::run_training({.data_dir = dir, .output = model_path, .quiet = true}, std::cerr);
        }
        auto model = qnn::load_model(model_path);
        auto data = qnn::load_mnist(qnn::find_mnist_dir(dir, qnn::Split::test), qnn::Split::test);
        num_images = std::min(num_images, data.size());

        qnn::SoftwareInference software(model);
        auto begin = Clock::now();
        std::vector<qnn::BatchResult> expected;
        for (const auto& batch : make_batches(data, num_images, 1)) expected.push_back(software.run_batch(batch));
        double sw_seconds = std::chrono::duration<double>(Clock::now() - begin).count();
        std::size_t correct = count_correct(expected, data);

        fmt::print("| implementation | B | images | build (s) | run (s) | images/s | cycles/s | accuracy | equals "
                   "software |\n");
        fmt::print("|---|---|---|---|---|---|---|---|---|\n");
        fmt::print("| software | 1 | {} | - | {:.2f} | {:.0f} | - | {:.2f}% | - |\n", num_images, sw_seconds,
                   static_cast<double>(num_images) / sw_seconds,
                   100.0 * static_cast<double>(correct) / static_cast<double>(num_images));
        bool all_equal = true;
        auto compare = [&](const std::vector<qnn::BatchResult>& results, int B) {
            // Flatten per image and compare every layer output and prediction with the software path.
            std::size_t image = 0;
            bool equal = true;
            for (const auto& r : results)
                for (std::size_t k = 0; k < r.size(); ++k, ++image) {
                    const auto& want = expected[image];
                    equal = equal && r.predictions[k] == want.predictions[0];
                    for (std::size_t l = 0; l < r.layer_outputs.size(); ++l)
                        equal = equal && std::ranges::equal(r.output(l, k), want.output(l, 0));
                }
            (void)B;
            all_equal = all_equal && equal;
            return equal;
        };
        // The tiled accelerator: the images streamed in runs of 1000 (each run's last image ends its group).
        const auto runs = make_batches(data, num_images, 1000);
        for (auto mode : {rtl::SimulationMode::Interpreter, rtl::SimulationMode::Compiled}) {
            if (mode == rtl::SimulationMode::Compiled) std::filesystem::remove_all(rtl_cache);  // a cold compile
            ::setenv("RTLNET_CACHE_DIR", rtl_cache.c_str(), 1);
            accel::TiledInference hardware(model, {}, mode);
            std::vector<qnn::BatchResult> results;
            std::uint64_t cycles = 0;
            for (const auto& run : runs) {
                results.push_back(hardware.run_batch(run));
                cycles += hardware.last_cycles();
            }
            const double seconds = hardware.simulation_time().count();
            const bool equal = compare(results, 0);
            fmt::print(
                "| tiled 6x4, rtlnet simulation ({}) | stream | {} | {:.2f} | {:.2f} | {:.0f} | {:.3g} | {:.2f}% | "
                "{} |\n",
                mode == rtl::SimulationMode::Compiled ? "compiled" : "interpreter", num_images,
                hardware.elaboration_time().count(), seconds, static_cast<double>(num_images) / seconds,
                static_cast<double>(cycles) / seconds,
                100.0 * static_cast<double>(count_correct(results, data)) / static_cast<double>(num_images),
                equal ? "yes" : "NO");
        }
        if (!skip_verilator) {
            for (bool axi : {false, true}) {
                std::filesystem::remove_all(cache);  // measure a cold build
                accel::TiledVerilatorInference verilator(model,
                                                         {.tiled = {.axi = axi}, .stalls = axi, .cache_dir = cache});
                const auto results = verilator.run_batches(runs);
                const double seconds = verilator.run_time().count();
                const bool equal = compare(results, 0);
                fmt::print(
                    "| tiled 6x4, Verilator ({}) | stream | {} | {:.2f} | {:.2f} | {:.0f} | - | {:.2f}% | {} |\n",
                    axi ? "AXI top, stalling sender and receiver" : "plain ports", num_images,
                    verilator.build_time().count(), seconds, static_cast<double>(num_images) / seconds,
                    100.0 * static_cast<double>(count_correct(results, data)) / static_cast<double>(num_images),
                    equal ? "yes" : "NO");
            }
        }

        for (int B : {1, 8}) {
            auto batches = make_batches(data, num_images, B);
            for (auto mode : {rtl::SimulationMode::Interpreter, rtl::SimulationMode::Compiled}) {
                if (mode == rtl::SimulationMode::Compiled) std::filesystem::remove_all(rtl_cache);  // a cold compile
                ::setenv("RTLNET_CACHE_DIR", rtl_cache.c_str(), 1);
                accel::HardwareInference hardware(model, {.batch_size = B}, mode);
                std::vector<qnn::BatchResult> results;
                std::uint64_t cycles = 0;
                for (const auto& batch : batches) {
                    results.push_back(hardware.run_batch(batch));
                    cycles += hardware.last_cycles();
                }
                double seconds = hardware.simulation_time().count();
                bool equal = compare(results, B);
                fmt::print("| per-layer, rtlnet simulation ({}) | {} | {} | {:.2f} | {:.2f} | {:.0f} | {:.3g} | "
                           "{:.2f}% | {} |\n",
                           mode == rtl::SimulationMode::Compiled ? "compiled" : "interpreter", B, num_images,
                           hardware.elaboration_time().count(), seconds, static_cast<double>(num_images) / seconds,
                           static_cast<double>(cycles) / seconds,
                           100.0 * static_cast<double>(count_correct(results, data)) / static_cast<double>(num_images),
                           equal ? "yes" : "NO");
            }
            accel::HardwareInference hardware(model, {.batch_size = B}, rtl::SimulationMode::Interpreter);

            if (skip_verilator) continue;
            std::filesystem::remove_all(cache);  // measure a cold build
            accel::VerilatorInference verilator(model, {.hardware = {.batch_size = B}, .cache_dir = cache});
            auto vresults = verilator.run_batches(batches);
            std::uint64_t vcycles = 0;
            // Every batch also spends 2^aw cycles loading the input memory through its write port.
            const std::uint64_t load = (std::uint64_t{1} << hardware.accelerator().input_addrwidth()) + 1;
            for (auto c : verilator.last_cycles()) vcycles += c + load;
            double vseconds = verilator.run_time().count();
            bool vequal = compare(vresults, B);
            fmt::print("| per-layer, Verilator (includes loading 2^aw words per batch) | {} | {} | {:.2f} | "
                       "{:.2f} | {:.0f} | "
                       "{:.3g} | {:.2f}% | {} |\n",
                       B, num_images, verilator.build_time().count(), vseconds,
                       static_cast<double>(num_images) / vseconds, static_cast<double>(vcycles) / vseconds,
                       100.0 * static_cast<double>(count_correct(vresults, data)) / static_cast<double>(num_images),
                       vequal ? "yes" : "NO");
        }
        return all_equal ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    }
}

// mnist_inference: runs the quantized MNIST network on test images with a selectable
// implementation and prints pyrtlnet-style output.
//   mnist_inference [--impl software|reference] [--start_image 0] [--num_images 1] [--batch_size 1] ...
// New implementations (e.g. hardware simulation) are added to `registry` below; everything else
// lives in the qnn library (qnn/cli.hpp, qnn/session.hpp, qnn/display.hpp). See docs/qnn.md.

#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "qnn/cli.hpp"
#include "qnn/display.hpp"
#include "qnn/registry.hpp"

int main(int argc, char** argv) {
    const qnn::ImplementationRegistry registry = qnn::builtin_implementations();
    qnn::InferenceCliOptions options;
    std::string model = options.model.string();
    std::string data_dir;
    std::string test_data;

    CLI::App app{"Run rtlnet's quantized MNIST network on test images."};
    std::string impl_help = "Implementation:";
    for (const qnn::Implementation& impl : registry.all()) impl_help += "\n  " + impl.name + ": " + impl.description;
    app.add_option("--impl", options.impl, impl_help)
        ->capture_default_str()
        ->check(CLI::Validator(
            [&registry](const std::string& name) {
                return registry.find(name) != nullptr
                           ? std::string()
                           : "unknown implementation '" + name + "'; choose one of: " + registry.choices();
            },
            "IMPL"));
    app.add_option("--start_image", options.session.start_image, "First test image")->capture_default_str();
    app.add_option("--num_images", options.session.num_images, "Number of test images")->capture_default_str();
    app.add_option("--batch_size", options.session.batch_size, "Images per batch")->capture_default_str();
    app.add_option("--model", model, "Model file (rtlnet JSON, or pyrtlnet's quantized.npz)")->capture_default_str();
    app.add_option("--data_dir", data_dir,
                   "Directory with the MNIST .gz files (default: $RTLNET_MNIST_DIR, then ../shared/data/mnist)");
    app.add_option("--test_data_npz", test_data, "Use pyrtlnet's mnist_test_data.npz instead of the MNIST files");
    app.add_flag("--verbose,!--no-verbose", options.session.verbose,
                 "Draw each image, print every layer's output and a bar chart (forced on when --num_images is 1)");
    app.add_flag("--train_if_missing,!--no-train_if_missing", options.train_if_missing,
                 "Train and save a model first if --model does not exist (default on)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    options.model = model;
    if (!data_dir.empty()) options.data_dir = data_dir;
    if (!test_data.empty()) options.test_data_npz = test_data;
    options.session.line_width = qnn::terminal_width();
    return qnn::run_main([&] { return qnn::run_inference_cli(options, registry, std::cout, std::cerr); }, std::cerr);
}

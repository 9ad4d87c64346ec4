// mnist_train: trains the quantized MNIST network and saves it as rtlnet JSON.
//   mnist_train [--epochs 10] [--qat_epochs 2] [--seed 42] [--output models/mnist_q8.json] ...
// See docs/qnn.md.

#include "mnist_cli/cli.hpp"
#include "mnist_cli/progress.hpp"
#include "mnist_cli/training_run.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv)
{
    mnist_cli::TrainingRunOptions options;
    qnn::TrainingOptions& t = options.training;
    std::string data_dir;
    std::string output = options.output.string();

    CLI::App app{"Train rtlnet's quantized MNIST network (144-18-10, int8) and save it as JSON."};
    app.add_option("--epochs", t.epochs, "Float training epochs")->capture_default_str();
    app.add_option("--qat_epochs", t.qat_epochs, "Quantization-aware training epochs")->capture_default_str();
    app.add_option("--seed", t.seed, "Random seed (initialisation and shuffling)")->capture_default_str();
    app.add_option("--batch_size", t.batch_size, "Mini-batch size")->capture_default_str();
    app.add_option("--learning_rate", t.learning_rate, "Adam learning rate of float training")->capture_default_str();
    app.add_option("--qat_learning_rate", t.qat_learning_rate, "Adam learning rate of quantization-aware training")
        ->capture_default_str();
    app.add_flag("--qat_cosine_decay,!--no-qat_cosine_decay", t.qat_cosine_decay,
                 "Anneal the quantization-aware learning rate to 0 (cosine; default on)");
    app.add_option("--max_train_images", t.max_train_images, "Use only the first N training images (0 = all 60000)")
        ->capture_default_str();
    app.add_option("--data_dir", data_dir,
                   "Directory with the MNIST .gz files (default: $RTLNET_MNIST_DIR, then ../shared/data/mnist)");
    app.add_option("--output", output, "Model file to write")->capture_default_str();
    app.add_flag("--quiet", options.quiet, "Print only the final accuracies");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    if (!data_dir.empty()) options.data_dir = data_dir;
    options.output = output;
    options.progress_bar = mnist_cli::is_terminal(stdout);
    return mnist_cli::run_main(
        [&] {
            mnist_cli::run_training(options, std::cout);
            return 0;
        },
        std::cerr);
}

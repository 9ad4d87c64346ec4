// The train-and-save procedure of the command-line programs.

#include "mnist_cli/training_run.hpp"

#include "mnist_cli/progress.hpp"
#include "qnn/mnist.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fmt/std.h>

#include <chrono>

namespace mnist_cli {

double expected_training_seconds(const qnn::TrainingOptions& options)
{
    // Measured on a 2-core AMD EPYC VM (Release build): 0.45 s to load and resize MNIST, 0.22 s per float
    // epoch and 0.25 s per QAT epoch over 60000 images, 0.15 s to calibrate, convert and evaluate.
    const double fraction =
        options.max_train_images == 0 ? 1.0 : std::min(1.0, static_cast<double>(options.max_train_images) / 60000.0);
    return 0.6 + fraction * (0.22 * options.epochs + 0.25 * options.qat_epochs);
}

qnn::TrainingResult run_training(const TrainingRunOptions& options, std::ostream& log)
{
    options.training.validate();
    const auto begin = std::chrono::steady_clock::now();
    const auto train_dir = qnn::find_mnist_dir(options.data_dir, qnn::Split::train);
    const auto test_dir = qnn::find_mnist_dir(options.data_dir, qnn::Split::test);
    if (!options.quiet) log << fmt::format("Loading MNIST from {}\n", train_dir.string()) << std::flush;
    const qnn::ImageSet train = qnn::load_mnist(train_dir, qnn::Split::train);
    const qnn::ImageSet test = qnn::load_mnist(test_dir, qnn::Split::test);

    const qnn::TrainingOptions& t = options.training;
    if (!options.quiet) {
        log << fmt::format("Training a {}-{}-10 network on {} images (batch {}, seed {}): float phase {} epoch(s) at "
                           "learning rate {}; quantization-aware phase {} epoch(s) at learning rate {}{}\n",
                           train.image_size(), fmt::join(t.hidden, "-"),
                           t.max_train_images == 0 ? train.size() : std::min(train.size(), t.max_train_images),
                           t.batch_size, t.seed, t.epochs, t.learning_rate, t.qat_epochs, t.qat_learning_rate,
                           t.qat_cosine_decay ? " (cosine decay to 0)" : "")
            << std::flush;
    }
    qnn::ProgressCallback progress;
    if (!options.quiet) progress = TrainingReporter(log, options.progress_bar);
    qnn::TrainingResult result = qnn::train_model(train, &test, t, progress);
    qnn::save_model_json(result.model, options.output);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();

    log << fmt::format("Float test accuracy:     {:.2f}%\n", 100.0 * result.float_test_accuracy.value_or(0.0));
    log << fmt::format("Quantized test accuracy: {:.2f}% (int8, software inference, {} test images)\n",
                       100.0 * result.quantized_test_accuracy.value_or(0.0), test.size());
    log << fmt::format("Saved the model to {} ({:.1f} s in total, {:.1f} s training)\n", options.output.string(),
                       seconds, result.seconds)
        << std::flush;
    return result;
}

}  // namespace mnist_cli

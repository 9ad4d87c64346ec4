#pragma once
/// \file training_run.hpp
/// The complete "train a model and save it" procedure behind `mnist_train`, also used by
/// `mnist_inference --train_if_missing`: find and load MNIST, train (qnn/training.hpp), report
/// progress and accuracies, save the JSON model.

#include "qnn/training.hpp"

#include <filesystem>
#include <optional>
#include <ostream>

namespace mnist_cli {

/// What run_training does.
struct TrainingRunOptions {
    qnn::TrainingOptions training{};  ///< Hyper-parameters.
    std::optional<std::filesystem::path> data_dir{};  ///< MNIST directory (see find_mnist_dir).
    std::filesystem::path output = "models/mnist_q8.json";  ///< Where the model is written.
    bool quiet = false;  ///< Print only the final summary.
    bool progress_bar = false;  ///< Redraw a progress bar (on a terminal).
};

/// A rough duration of run_training with these options on a small 2-core machine, in seconds
/// (for "training one first (about N s)" messages).
/// \param options the hyper-parameters.
/// \return the estimate in seconds.
double expected_training_seconds(const qnn::TrainingOptions& options);

/// Loads the data, trains, prints the float and quantized test accuracies and the time to `log`,
/// and saves the model to `options.output`.
/// \param options what to train and where to save it.
/// \param log where messages go.
/// \return the training result.
/// \throws qnn::DataError (no/malformed MNIST files), qnn::UsageError (bad options), qnn::ModelError (cannot save).
qnn::TrainingResult run_training(const TrainingRunOptions& options, std::ostream& log);

}  // namespace mnist_cli

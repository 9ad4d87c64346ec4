#pragma once
/// \file cli.hpp
/// The logic behind the `mnist_inference` program, kept out of its main() so that other
/// programs (and tests) can reuse it: main() only parses flags into InferenceCliOptions, adds any
/// extra implementations to the registry and calls run_inference_cli inside run_main.

#include "mnist_cli/registry.hpp"
#include "mnist_cli/session.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace mnist_cli {

/// The flags of `mnist_inference`.
struct InferenceCliOptions {
    std::string impl = "software";  ///< --impl: a registry name.
    SessionOptions session{};  ///< --start_image, --num_images, --batch_size, --verbose.
    std::filesystem::path model = "models/mnist_q8.json";  ///< --model: JSON (or pyrtlnet .npz) model.
    std::optional<std::filesystem::path> data_dir{};  ///< --data_dir: MNIST IDX directory.
    std::optional<std::filesystem::path> test_data_npz{};  ///< --test_data_npz: pyrtlnet's mnist_test_data.npz.
    bool train_if_missing = true;  ///< --train_if_missing: train when --model is absent.
};

/// Loads `options.model`, or, if it does not exist and `options.train_if_missing` allows, trains a
/// model on MNIST (found through `options.data_dir`), writes it there and says so on `log`.
/// \param options the flags (model path, data directory, whether to train).
/// \param log where training messages go.
/// \return the model.
/// \throws qnn::ModelError, qnn::DataError, qnn::UsageError.
qnn::QuantizedModel load_or_train_model(const InferenceCliOptions& options, std::ostream& log);

/// Loads the test images (MNIST t10k, or the .npz), checks the flags against them, loads the
/// model (training and saving one first if it is missing and allowed, and then saying where it was
/// written), checks that it takes the images' pixels and has an output for every label, builds the
/// selected implementation and runs the session, printing to `out`; training messages go to `log`.
/// With `options.session.jobs` > 1 and more than one batch, an implementation that offers
/// Implementation::make_workers runs on that many threads (the output is the same); others run on one.
/// \param options the flags.
/// \param registry the selectable implementations.
/// \param out where results go.
/// \param log where training messages go.
/// \returns 0.
/// \throws qnn::UsageError (bad flags, unknown --impl), qnn::DataError, qnn::ModelError.
int run_inference_cli(const InferenceCliOptions& options, const ImplementationRegistry& registry, std::ostream& out,
                      std::ostream& log);

/// Runs a program body and maps exceptions to exit statuses, printing "error: <message>" to `err`:
/// qnn::UsageError -> 2, any other qnn::Error or std::exception -> 1.
/// \param body the program.
/// \param err where the error message goes.
/// \return body()'s value, or the exit status of its exception; never throws a std::exception.
int run_main(const std::function<int()>& body, std::ostream& err);

}  // namespace mnist_cli

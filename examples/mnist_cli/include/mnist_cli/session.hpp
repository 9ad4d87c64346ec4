#pragma once
/// \file session.hpp
/// The inference loop of the command-line programs (pyrtlnet's script loop): split a range of
/// test images into batches, run each batch through an implementation, display every image's
/// result and the final accuracy. Unlike pyrtlnet, padded batch slots do not exist (the last
/// batch is simply shorter), so nothing is shown or counted twice.

#include "mnist_cli/registry.hpp"
#include "qnn/mnist.hpp"

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string_view>
#include <vector>

namespace mnist_cli {

/// The most worker threads a session accepts (SessionOptions::jobs).
inline constexpr std::int64_t kMaxJobs = 256;

/// The range and presentation of an inference run (the common flags of the CLIs).
struct SessionOptions {
    std::int64_t start_image = 0;  ///< --start_image: first test image, < data set size.
    std::int64_t num_images = 1;  ///< --num_images: > 0; stops at the end of the data set.
    std::int64_t batch_size = 1;  ///< --batch_size: > 0.
    /// --jobs: worker threads, 1 to kMaxJobs. Used by the run_session overload that takes a
    /// WorkerFactory (at most one thread per batch); the output is the same for every value.
    std::int64_t jobs = 1;
    bool verbose = false;  ///< --verbose; forced on when num_images == 1.
    int line_width = 80;  ///< Width for NumPy-style arrays (see terminal_width()).
};

/// One batch: its number (0, 1, ...), first image index and image count (the last may be short).
struct BatchPlan {
    std::size_t number = 0;  ///< the batch's number
    std::size_t start = 0;  ///< index of its first image
    std::size_t count = 0;  ///< its number of images
    /// Equal fields.
    /// \return true if all fields are equal.
    friend bool operator==(const BatchPlan&, const BatchPlan&) = default;
};

/// Checks the options against a data set of `dataset_size` images.
/// \param options the options.
/// \param dataset_size the number of images available.
/// \throws qnn::UsageError naming the flag and the valid range.
void validate_session_options(const SessionOptions& options, std::size_t dataset_size);

/// The batches covering images [start_image, min(start_image + num_images, dataset_size)).
/// \param options the options.
/// \param dataset_size the number of images available.
/// \return the batches, in order.
/// \throws qnn::UsageError as validate_session_options.
std::vector<BatchPlan> plan_batches(const SessionOptions& options, std::size_t dataset_size);

/// Totals of a session.
struct SessionSummary {
    std::size_t correct = 0;  ///< correct predictions
    std::size_t total = 0;  ///< images run
    std::size_t batches = 0;  ///< batches run
    double seconds = 0.0;  ///< Time spent inside the runners, summed over batches (over threads, with jobs > 1).
};

/// Runs the session: for each image, display_image, display_outputs and an empty line; at the
/// end Accuracy::display (printed when more than one image ran).
/// \param out where to write.
/// \param data the labelled images.
/// \param display_name the implementation's name in headers.
/// \param runner the implementation.
/// \param options the range and presentation.
/// \return the totals.
/// \throws qnn::UsageError for bad options; qnn::Error if the runner returns a malformed qnn::BatchResult.
SessionSummary run_session(std::ostream& out, const qnn::ImageSet& data, std::string_view display_name,
                           const BatchRunner& runner, const SessionOptions& options);

/// Runs the session on `options.jobs` threads (at most one per batch), each with a runner of its own
/// from `make_worker` (see run_batches_in_order in parallel_batches.hpp), and prints exactly what the
/// single-runner overload prints, in image order, whatever the number of threads; what a runner prints
/// comes just before its batch's results. With one thread, the runner runs on the calling thread and
/// its messages go to `out` directly.
/// \param out where to write.
/// \param data the labelled images.
/// \param display_name the implementation's name in headers.
/// \param make_worker makes each worker's runner.
/// \param options the range, presentation and number of threads.
/// \return the totals.
/// \throws qnn::UsageError for bad options; qnn::Error if a runner returns a malformed qnn::BatchResult; whatever a
///         runner throws (after the results of the batches before it are printed).
SessionSummary run_session(std::ostream& out, const qnn::ImageSet& data, std::string_view display_name,
                           const WorkerFactory& make_worker, const SessionOptions& options);

}  // namespace mnist_cli

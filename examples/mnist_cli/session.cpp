// The batch loop shared by the inference CLIs.

#include "mnist_cli/session.hpp"

#include "mnist_cli/display.hpp"
#include "mnist_cli/parallel_batches.hpp"
#include "qnn/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mnist_cli {
namespace {

void check_result(const qnn::BatchResult& result, std::size_t expected_size)
{
    if (result.size() != expected_size || result.layer_outputs.empty() ||
        result.layer_names.size() != result.layer_outputs.size()) {
        throw qnn::Error(
            fmt::format("the implementation returned a malformed result: {} predictions and {} layers for a "
                        "batch of {} images",
                        result.size(), result.layer_outputs.size(), expected_size));
    }
    for (const qnn::Int8Matrix& layer : result.layer_outputs) {
        if (static_cast<std::size_t>(layer.rows) != expected_size) {
            throw qnn::Error(
                fmt::format("the implementation returned {} rows of layer outputs for a batch of {} images", layer.rows,
                            expected_size));
        }
    }
}

}  // namespace

void validate_session_options(const SessionOptions& options, std::size_t dataset_size)
{
    if (options.num_images <= 0) {
        throw qnn::UsageError(fmt::format("--num_images must be at least 1 (got {})", options.num_images));
    }
    if (options.batch_size <= 0) {
        throw qnn::UsageError(fmt::format("--batch_size must be at least 1 (got {})", options.batch_size));
    }
    if (options.jobs < 1 || options.jobs > kMaxJobs) {
        throw qnn::UsageError(fmt::format("--jobs must be from 1 to {} (got {})", kMaxJobs, options.jobs));
    }
    if (options.start_image < 0 || static_cast<std::uint64_t>(options.start_image) >= dataset_size) {
        throw qnn::UsageError(fmt::format("--start_image must be in [0, {}): the test set has {} images (got {})",
                                          dataset_size, dataset_size, options.start_image));
    }
}

std::vector<BatchPlan> plan_batches(const SessionOptions& options, std::size_t dataset_size)
{
    validate_session_options(options, dataset_size);
    const auto start = static_cast<std::size_t>(options.start_image);
    const std::size_t count =
        std::min(static_cast<std::uint64_t>(options.num_images), static_cast<std::uint64_t>(dataset_size - start));
    const auto batch_size = static_cast<std::uint64_t>(options.batch_size);
    std::vector<BatchPlan> plan;
    for (std::size_t first = start; first < start + count;) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(batch_size, start + count - first));
        plan.push_back({plan.size(), first, n});
        first += n;
    }
    return plan;
}

SessionSummary run_session(std::ostream& out, const qnn::ImageSet& data, std::string_view display_name,
                           const WorkerFactory& make_worker, const SessionOptions& options)
{
    const std::vector<BatchPlan> plan = plan_batches(options, data.size());
    const bool verbose = options.verbose || options.num_images == 1;
    Accuracy accuracy;
    SessionSummary summary;
    run_batches_in_order(out, data, plan, make_worker, options.jobs,
                         [&](const BatchPlan& batch, BatchOutcome& outcome) {
                             summary.seconds += outcome.seconds;
                             const qnn::BatchResult& result = outcome.result;
                             check_result(result, batch.count);
                             for (std::size_t k = 0; k < batch.count; ++k) {
                                 const std::size_t index = batch.start + k;
                                 const int expected = data.labels[index];
                                 display_image(out, display_name, data.image(index), data.rows, data.cols, index,
                                               batch.number, k, verbose);
                                 display_outputs(out, display_name, result, k, expected, verbose, options.line_width);
                                 accuracy.update(result.predictions[k], expected);
                                 out << '\n';
                             }
                             ++summary.batches;
                         });
    accuracy.display(out);
    out.flush();
    summary.correct = accuracy.correct();
    summary.total = accuracy.total();
    return summary;
}

SessionSummary run_session(std::ostream& out, const qnn::ImageSet& data, std::string_view display_name,
                           const BatchRunner& runner, const SessionOptions& options)
{
    SessionOptions one_thread = options;
    one_thread.jobs = 1;  // one runner cannot run on two threads at once
    return run_session(
        out, data, display_name, [&runner](std::ostream&) { return runner; }, one_thread);
}

}  // namespace mnist_cli

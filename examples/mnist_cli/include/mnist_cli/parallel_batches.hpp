#pragma once
/// \file parallel_batches.hpp
/// Runs the batches of a session on several threads and hands their results back in order: the
/// engine behind `run_session`'s `jobs`, usable on its own.
/// \code
///   mnist_cli::run_batches_in_order(std::cout, test, mnist_cli::plan_batches(options, test.size()), make_worker, 2,
///                                   [&](const mnist_cli::BatchPlan& batch, mnist_cli::BatchOutcome& outcome) {
///                                       // called for batch 0, 1, 2, ... in order, on this thread
///                                   });
/// \endcode

#include "mnist_cli/registry.hpp"
#include "mnist_cli/session.hpp"
#include "qnn/mnist.hpp"

#include <cstdint>
#include <functional>
#include <ostream>
#include <vector>

namespace mnist_cli {

/// What one batch produced.
struct BatchOutcome {
    qnn::BatchResult result{};  ///< the runner's result (not checked here)
    double seconds = 0.0;  ///< time spent inside the runner
};

/// Runs every batch of `plan` on the images of `data` and calls `consume(batch, outcome)` for each, in
/// plan order, on the calling thread.
///
/// With `jobs` <= 1, or a single batch, everything runs on the calling thread with one runner,
/// `make_worker(out)`, so what it prints reaches `out` at once. Otherwise min(jobs, batches) worker
/// threads take the batches in order, each with a runner of its own that `make_worker` made (on the
/// calling thread, before the threads start) with a log stream of its own; what a runner prints
/// while it runs a batch is written to `out` just before that batch is consumed. The workers stay at
/// most 4 × jobs batches ahead of `consume`.
///
/// If a runner throws, no further batch starts; the batches before the failing one are consumed in
/// order, its log is written, and its exception is rethrown once every thread has stopped, as on one
/// thread. If `consume` throws, the workers stop and its exception is rethrown.
/// \param out where the runners' logs go.
/// \param data the images.
/// \param plan the batches (e.g. from plan_batches); each within `data`.
/// \param make_worker makes the runners.
/// \param jobs the number of threads wanted.
/// \param consume receives each batch's outcome (it may move the result out).
/// \throws whatever a runner or `consume` throws; std::system_error if a thread cannot be started.
void run_batches_in_order(std::ostream& out, const qnn::ImageSet& data, const std::vector<BatchPlan>& plan,
                          const WorkerFactory& make_worker, std::int64_t jobs,
                          const std::function<void(const BatchPlan&, BatchOutcome&)>& consume);

}  // namespace mnist_cli

// Batches on several threads, results in order (see parallel_batches.hpp).

#include "mnist_cli/parallel_batches.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

namespace mnist_cli {
namespace {

BatchOutcome run_one(const BatchRunner& runner, const qnn::ImageSet& data, const BatchPlan& batch,
                     std::vector<qnn::ImageView>& images)
{
    images.clear();
    for (std::size_t k = 0; k < batch.count; ++k) images.push_back(data.image(batch.start + k));
    const auto begin = std::chrono::steady_clock::now();
    BatchOutcome outcome{runner(images)};
    outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    return outcome;
}

// What a worker leaves for the consuming thread.
struct Slot {
    std::optional<BatchOutcome> outcome;
    std::string log;
    std::exception_ptr error;
    bool ready = false;
};

// The state the threads share, all of it guarded by `mutex`.
struct Shared {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Slot> slots;
    std::size_t next = 0;  // the next batch to start
    std::size_t consumed = 0;  // batches handed to consume
    bool stop = false;
};

// Stops the workers and waits for them, however the consuming loop ends.
struct Joiner {
    Shared& shared;
    std::vector<std::thread>& threads;
    ~Joiner()
    {
        {
            std::lock_guard lock(shared.mutex);
            shared.stop = true;
        }
        shared.changed.notify_all();
        for (std::thread& t : threads)
            if (t.joinable()) t.join();
    }
};

}  // namespace

void run_batches_in_order(std::ostream& out, const qnn::ImageSet& data, const std::vector<BatchPlan>& plan,
                          const WorkerFactory& make_worker, std::int64_t jobs,
                          const std::function<void(const BatchPlan&, BatchOutcome&)>& consume)
{
    if (plan.empty()) return;
    const auto workers = static_cast<std::size_t>(std::clamp<std::int64_t>(jobs, 1, std::ssize(plan)));
    if (workers == 1) {
        const BatchRunner runner = make_worker(out);
        std::vector<qnn::ImageView> images;
        for (const BatchPlan& batch : plan) {
            BatchOutcome outcome = run_one(runner, data, batch, images);
            consume(batch, outcome);
        }
        return;
    }

    std::vector<std::ostringstream> logs(workers);
    std::vector<BatchRunner> runners;
    for (std::ostringstream& log : logs) runners.push_back(make_worker(log));
    Shared shared;
    shared.slots.resize(plan.size());
    const std::size_t window = 4 * workers;

    auto work = [&](std::size_t w) {
        std::vector<qnn::ImageView> images;
        for (;;) {
            std::size_t i = 0;
            {
                std::unique_lock lock(shared.mutex);
                shared.changed.wait(lock, [&] {
                    return shared.stop || shared.next >= plan.size() || shared.next < shared.consumed + window;
                });
                if (shared.stop || shared.next >= plan.size()) return;
                i = shared.next++;
            }
            Slot slot;
            try {
                slot.outcome = run_one(runners[w], data, plan[i], images);
            } catch (...) {
                slot.error = std::current_exception();
            }
            try {
                slot.log = logs[w].str();
                logs[w].str({});
                logs[w].clear();
            } catch (...) {
                if (!slot.error) slot.error = std::current_exception();
            }
            const bool failed = static_cast<bool>(slot.error);
            {
                std::lock_guard lock(shared.mutex);
                shared.slots[i] = std::move(slot);
                shared.slots[i].ready = true;
                if (failed) shared.stop = true;
            }
            shared.changed.notify_all();
        }
    };

    std::vector<std::thread> threads;
    const Joiner joiner{shared, threads};
    for (std::size_t w = 0; w < workers; ++w) threads.emplace_back(work, w);
    for (std::size_t i = 0; i < plan.size(); ++i) {
        Slot slot;
        {
            std::unique_lock lock(shared.mutex);
            // Batch i always arrives: every batch before a failing one was started before it.
            shared.changed.wait(lock, [&] { return shared.slots[i].ready; });
            slot = std::move(shared.slots[i]);
        }
        out << slot.log;
        if (slot.error) std::rethrow_exception(slot.error);
        consume(plan[i], *slot.outcome);
        {
            std::lock_guard lock(shared.mutex);
            shared.consumed = i + 1;
        }
        shared.changed.notify_all();
    }
}

}  // namespace mnist_cli

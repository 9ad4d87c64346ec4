#pragma once
// Benchmark helper: independent tasks 0..count-1 on a few threads, their results handed back in task
// order on the calling thread as soon as each is ready (so the output is the same for any number of
// threads).

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace bench {

/// Runs `work(i)` for i in [0, count) on min(jobs, count) threads (at least one) and calls
/// `report(i, text)` with each result on the calling thread, in order of i, as soon as the results
/// before it are in. A std::exception thrown by `work(i)` becomes the text "error: <what>".
inline void for_each_in_order(std::size_t count, std::size_t jobs, const std::function<std::string(std::size_t)>& work,
                              const std::function<void(std::size_t, const std::string&)>& report)
{
    std::mutex mutex;
    std::condition_variable ready;
    std::vector<std::optional<std::string>> results(count);
    std::size_t next = 0;
    auto worker = [&] {
        for (;;) {
            std::size_t i = 0;
            {
                std::lock_guard lock(mutex);
                if (next >= count) return;
                i = next++;
            }
            std::string text;
            try {
                text = work(i);
            } catch (const std::exception& e) {
                text = std::string("error: ") + e.what();
            }
            {
                std::lock_guard lock(mutex);
                results[i] = std::move(text);
            }
            ready.notify_all();
        }
    };
    std::vector<std::thread> threads;
    const std::size_t n = std::clamp<std::size_t>(jobs, 1, std::max<std::size_t>(count, 1));
    for (std::size_t t = 0; t < n; ++t) threads.emplace_back(worker);
    for (std::size_t i = 0; i < count; ++i) {
        std::string text;
        {
            std::unique_lock lock(mutex);
            ready.wait(lock, [&] { return results[i].has_value(); });
            text = std::move(*results[i]);
        }
        report(i, text);
    }
    for (std::thread& t : threads) t.join();
}

}  // namespace bench

// Sessions on several threads (mnist_cli/parallel_batches.hpp, SessionOptions::jobs, mnist_inference --jobs):
// results and logs in plan order, identical to one thread, errors as on one thread.

#include "mnist_cli/parallel_batches.hpp"
#include "mnist_cli/session.hpp"
#include "qnn/error.hpp"
#include "rtl/tools.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

using Catch::Matchers::Contains;

namespace {

mnist_cli::SessionOptions options(std::int64_t num, std::int64_t batch, std::int64_t jobs)
{
    mnist_cli::SessionOptions o;
    o.num_images = num;
    o.batch_size = batch;
    o.jobs = jobs;
    return o;
}

// Records which threads called which runner.
struct ThreadLog {
    std::mutex mutex;
    std::map<int, std::set<std::thread::id>> threads_of_runner;
    void record(int runner)
    {
        std::lock_guard lock(mutex);
        threads_of_runner[runner].insert(std::this_thread::get_id());
    }
};

// A factory of runners that predict (first image index) % 10 for every image of a batch, take longer
// on some batches than on others (so later batches finish first), log a line per batch, and throw
// on the image `fail_at` when it is in their batch.
mnist_cli::WorkerFactory uneven_workers(const qnn::ImageSet& data, ThreadLog& threads, std::atomic<int>& made,
                                        std::size_t fail_at = SIZE_MAX)
{
    return [&data, &threads, &made, fail_at](std::ostream& log) -> mnist_cli::BatchRunner {
        const int id = made++;
        return [&data, &threads, &log, id, fail_at](std::span<const qnn::ImageView> images) {
            threads.record(id);
            const auto first =
                static_cast<std::size_t>(images.front().data() - data.image(0).data()) / data.image_size();
            std::this_thread::sleep_for(std::chrono::milliseconds(first % 3 == 0 ? 6 : 0));
            log << "batch from image " << first << "\n";
            if (fail_at >= first && fail_at < first + images.size())
                throw qnn::DataError("image " + std::to_string(fail_at) + " is broken");
            qnn::BatchResult r;
            r.layer_names = {"layer0"};
            r.layer_outputs.emplace_back(static_cast<int>(images.size()), 10);
            for (std::size_t k = 0; k < images.size(); ++k) r.predictions.push_back(static_cast<int>(first % 10));
            return r;
        };
    };
}

}  // namespace

TEST_CASE("qnn batches on several threads come back in plan order with their logs")
{
    const qnn::ImageSet test = qnn_test::test_set().slice(0, 60);
    const auto plan = mnist_cli::plan_batches(options(50, 3, 1), test.size());
    REQUIRE(plan.size() == 17);
    std::string one_thread;
    for (std::int64_t jobs : {1, 2, 3, 8, 40}) {
        INFO("jobs " << jobs);
        ThreadLog threads;
        std::atomic<int> made = 0;
        std::ostringstream out;
        std::vector<std::size_t> order;
        mnist_cli::run_batches_in_order(out, test, plan, uneven_workers(test, threads, made), jobs,
                                        [&](const mnist_cli::BatchPlan& batch, mnist_cli::BatchOutcome& outcome) {
                                            out << "consumed " << batch.number << "\n";
                                            order.push_back(batch.number);
                                            CHECK(outcome.result.predictions.front() ==
                                                  static_cast<int>(batch.start % 10));
                                            CHECK(outcome.seconds >= 0.0);
                                        });
        std::vector<std::size_t> expected(plan.size());
        for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = i;
        CHECK(order == expected);
        // One runner per thread, at most one per batch, each called from one thread only.
        CHECK(made == std::min<std::int64_t>(jobs, 17));
        for (const auto& [runner, ids] : threads.threads_of_runner) CHECK(ids.size() == 1);
        // Each batch's log line comes just before it is consumed, whatever the thread count.
        if (jobs == 1) one_thread = out.str();
        else CHECK(out.str() == one_thread);
        CHECK_THAT(out.str(), Contains("batch from image 48\nconsumed 16\n"));
    }
}

TEST_CASE("qnn a failing batch on several threads: the batches before it are shown and then its error")
{
    const qnn::ImageSet test = qnn_test::test_set().slice(0, 60);
    const auto plan = mnist_cli::plan_batches(options(40, 2, 1), test.size());
    for (std::int64_t jobs : {1, 2, 4}) {
        INFO("jobs " << jobs);
        ThreadLog threads;
        std::atomic<int> made = 0;
        std::ostringstream out;
        std::vector<std::size_t> consumed;
        CHECK_THROWS_AS(
            mnist_cli::run_batches_in_order(
                out, test, plan, uneven_workers(test, threads, made, 13), jobs,
                [&](const mnist_cli::BatchPlan& batch, mnist_cli::BatchOutcome&) { consumed.push_back(batch.number); }),
            qnn::DataError);
        CHECK(consumed == std::vector<std::size_t>{0, 1, 2, 3, 4, 5});  // image 13 is in batch 6
        CHECK_THAT(out.str(), Contains("batch from image 12\n"));
        CHECK_THAT(out.str(), !Contains("batch from image 14\n"));
    }
    // An exception from consume stops the workers and comes out as it is.
    ThreadLog threads;
    std::atomic<int> made = 0;
    std::ostringstream out;
    CHECK_THROWS_WITH(mnist_cli::run_batches_in_order(out, test, plan, uneven_workers(test, threads, made), 3,
                                                      [](const mnist_cli::BatchPlan& batch, mnist_cli::BatchOutcome&) {
                                                          if (batch.number == 2) throw qnn::Error("stop at batch 2");
                                                      }),
                      "stop at batch 2");
}

TEST_CASE("qnn run_session prints the same on any number of threads and checks --jobs")
{
    const qnn::ImageSet test = qnn_test::test_set().slice(0, 60);
    ThreadLog threads;
    std::atomic<int> made = 0;
    std::ostringstream one, three;
    const auto a = mnist_cli::run_session(one, test, "Fake", uneven_workers(test, threads, made), options(31, 4, 1));
    const auto b = mnist_cli::run_session(three, test, "Fake", uneven_workers(test, threads, made), options(31, 4, 3));
    CHECK(one.str() == three.str());
    CHECK_THAT(one.str(), Contains("Fake image_index 30 batch 7 batch_index 2") && Contains("/31 correct"));
    CHECK(a.total == 31);
    CHECK(b.total == 31);
    CHECK(a.correct == b.correct);
    CHECK(b.batches == 8);
    std::ostringstream ignored;
    CHECK_THROWS_WITH(
        mnist_cli::run_session(ignored, test, "Fake", uneven_workers(test, threads, made), options(3, 1, 0)),
        Contains("--jobs must be from 1 to 256 (got 0)"));
    CHECK_THROWS_AS(mnist_cli::plan_batches(options(3, 1, mnist_cli::kMaxJobs + 1), test.size()), qnn::UsageError);
}

#ifdef RTLNET_MNIST_INFERENCE_EXE
TEST_CASE("qnn mnist_inference --jobs 2 and 3 print byte for byte what --jobs 1 prints")
{
    qnn_test::TempDir dir;
    const auto path = dir / "model.json";
    qnn::save_model_json(qnn_test::small_model(), path);
    const std::string command = std::string("'") + RTLNET_MNIST_INFERENCE_EXE + "' --data_dir '" +
        qnn_test::mnist_dir().string() + "' --model '" + path.string() + "' --start_image 17 --num_images 40 ";
    for (const std::string impl : {"--impl software --batch_size 3", "--impl reference --batch_size 7",
                                   "--impl hardware --simulation interpreter --batch_size 3",
                                   "--impl hardware --simulation compiled --batch_size 1"}) {
        INFO(impl);
        const auto one = rtl::run_command(command + impl + " --jobs 1");
        REQUIRE(one.exit_code == 0);
        CHECK_THAT(one.output, Contains("image_index 56") && Contains("/40 correct predictions"));
        for (const char* jobs : {" --jobs 2", " --jobs 3"}) {
            const auto many = rtl::run_command(command + impl + jobs);
            CHECK(many.exit_code == 0);
            CHECK(many.output == one.output);
        }
    }
}
#endif

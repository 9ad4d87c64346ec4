// The batch loop (no padded slots, clear option errors) and the mnist_inference program.

#include "mnist_cli/session.hpp"
#include "qnn/error.hpp"
#include "rtl/tools.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using Catch::Matchers::Contains;

namespace {

mnist_cli::SessionOptions options(std::int64_t start, std::int64_t num, std::int64_t batch, bool verbose = false)
{
    mnist_cli::SessionOptions o;
    o.start_image = start;
    o.num_images = num;
    o.batch_size = batch;
    o.verbose = verbose;
    return o;
}

// A runner that predicts `digit` for every image and records the batch sizes it saw.
mnist_cli::BatchRunner constant_runner(int digit, std::vector<std::size_t>& sizes)
{
    return [digit, &sizes](std::span<const qnn::ImageView> images) {
        sizes.push_back(images.size());
        qnn::BatchResult r;
        r.layer_names = {"layer0"};
        r.layer_outputs.emplace_back(static_cast<int>(images.size()), 10);
        for (std::size_t k = 0; k < images.size(); ++k) {
            r.layer_outputs[0].at(static_cast<int>(k), digit) = 100;
            r.predictions.push_back(digit);
        }
        return r;
    };
}

}  // namespace

TEST_CASE("qnn session plans batches without padding")
{
    using P = mnist_cli::BatchPlan;
    CHECK(mnist_cli::plan_batches(options(0, 1, 1), 100) == std::vector<P>{{0, 0, 1}});
    CHECK(mnist_cli::plan_batches(options(20, 30, 17), 100) == std::vector<P>{{0, 20, 17}, {1, 37, 13}});
    CHECK(mnist_cli::plan_batches(options(7, 10, 3), 100) ==
          std::vector<P>{{0, 7, 3}, {1, 10, 3}, {2, 13, 3}, {3, 16, 1}});
    CHECK(mnist_cli::plan_batches(options(99, 2, 1), 100) == std::vector<P>{{0, 99, 1}});  // stops at the end
    CHECK(mnist_cli::plan_batches(options(97, 5, 2), 100) == std::vector<P>{{0, 97, 2}, {1, 99, 1}});

    CHECK_THROWS_AS(mnist_cli::plan_batches(options(100, 1, 1), 100), qnn::UsageError);
    CHECK_THROWS_WITH(mnist_cli::plan_batches(options(100, 1, 1), 100),
                      Contains("--start_image must be in [0, 100)") && Contains("got 100"));
    CHECK_THROWS_WITH(mnist_cli::plan_batches(options(-1, 1, 1), 100), Contains("--start_image"));
    CHECK_THROWS_WITH(mnist_cli::plan_batches(options(0, 0, 1), 100), Contains("--num_images must be at least 1"));
    CHECK_THROWS_WITH(mnist_cli::plan_batches(options(0, 1, 0), 100), Contains("--batch_size must be at least 1"));
    CHECK_THROWS_WITH(mnist_cli::plan_batches(options(0, 1, -5), 100), Contains("got -5"));
}

TEST_CASE("qnn session shows and counts every real image once")
{
    const qnn::ImageSet test = qnn_test::test_set().slice(0, 20);
    std::vector<std::size_t> sizes;
    std::ostringstream out;
    // Images 0-2 are 7, 2, 1; predicting 2 gets one right.
    const auto summary =
        mnist_cli::run_session(out, test, "Fake Inference", constant_runner(2, sizes), options(0, 3, 2));
    CHECK(sizes == std::vector<std::size_t>{2, 1});
    CHECK(summary.total == 3);
    CHECK(summary.correct == 1);
    CHECK(summary.batches == 2);
    CHECK(out.str() ==
          "Fake Inference image_index 0 batch 0 batch_index 0\nExpected: 7 | Actual: 2\n\n"
          "Fake Inference image_index 1 batch 0 batch_index 1\nExpected: 2 | Actual: 2\n\n"
          "Fake Inference image_index 2 batch 1 batch_index 0\nExpected: 1 | Actual: 2\n\n"
          "1/3 correct predictions, 33.3% accuracy\n");

    // One image: verbose is forced on and no summary line is printed.
    std::ostringstream single;
    mnist_cli::run_session(single, test, "Fake Inference", constant_runner(7, sizes), options(0, 1, 1));
    CHECK_THAT(single.str(),
               Contains("shape (12, 12) dtype float32") && Contains("layer0 output shape (10,)") &&
                   Contains("(expected, actual)"));
    CHECK_THAT(single.str(), !Contains("correct predictions"));

    // A runner returning the wrong number of results is reported, not trusted.
    const mnist_cli::BatchRunner broken = [](std::span<const qnn::ImageView>) { return qnn::BatchResult{}; };
    std::ostringstream ignored;
    CHECK_THROWS_WITH(mnist_cli::run_session(ignored, test, "Broken", broken, options(0, 2, 2)),
                      Contains("malformed result"));
}

#ifdef RTLNET_MNIST_INFERENCE_EXE
namespace {

std::string inference_command(const std::string& args)
{
    return std::string("'") + RTLNET_MNIST_INFERENCE_EXE + "' --data_dir '" + qnn_test::mnist_dir().string() + "' " +
        args;
}

}  // namespace

TEST_CASE("qnn mnist_inference rejects bad flags with exit status 2")
{
    qnn_test::TempDir dir;
    const std::string model = "--no-train_if_missing --model '" + (dir / "missing.json").string() + "' ";
    const auto unknown = rtl::run_command(inference_command(model + "--impl foo"));
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.output, Contains("unknown implementation 'foo'") && Contains("software, reference"));

    const auto start = rtl::run_command(inference_command(model + "--start_image 10000"));
    CHECK(start.exit_code == 2);
    CHECK_THAT(start.output, Contains("--start_image must be in [0, 10000)"));

    const auto num = rtl::run_command(inference_command(model + "--num_images 0"));
    CHECK(num.exit_code == 2);
    CHECK_THAT(num.output, Contains("--num_images must be at least 1"));

    const auto batch = rtl::run_command(inference_command(model + "--batch_size 0"));
    CHECK(batch.exit_code == 2);
    CHECK_THAT(batch.output, Contains("--batch_size must be at least 1"));

    const auto text = rtl::run_command(inference_command(model + "--num_images abc"));
    CHECK(text.exit_code == 2);

    const auto missing = rtl::run_command(inference_command(model));
    CHECK(missing.exit_code == 1);
    CHECK_THAT(missing.output, Contains("no model file at") && Contains("missing.json"));

    const auto no_data =
        rtl::run_command(std::string("'") + RTLNET_MNIST_INFERENCE_EXE + "' --data_dir '" + dir.path().string() + "'");
    CHECK(no_data.exit_code == 1);
    CHECK_THAT(no_data.output, Contains("MNIST data not found") && Contains("t10k-images-idx3-ubyte.gz"));

    const auto help = rtl::run_command(std::string("'") + RTLNET_MNIST_INFERENCE_EXE + "' --help");
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.output, Contains("--impl") && Contains("reference"));
}

TEST_CASE("qnn mnist_inference runs software and reference implementations")
{
    qnn_test::TempDir dir;
    const auto path = dir / "model.json";
    qnn::save_model_json(qnn_test::small_model(), path);
    const std::string model = "--model '" + path.string() + "' ";

    const auto software = rtl::run_command(inference_command(model + "--num_images 5 --batch_size 2"));
    CHECK(software.exit_code == 0);
    CHECK_THAT(software.output,
               Contains("Software Inference image_index 4 batch 2 batch_index 0") &&
                   Contains("/5 correct predictions"));
    CHECK_THAT(software.output, !Contains("image_index 5"));

    const auto reference = rtl::run_command(inference_command(model + "--impl reference --start_image 3"));
    CHECK(reference.exit_code == 0);
    CHECK_THAT(reference.output,
               Contains("Reference Inference image_index 3 batch 0 batch_index 0") &&
                   Contains("shape (12, 12) dtype float32") &&
                   Contains("Reference Inference layer1 output as bar chart:"));
}
#endif

// mnist_inference's program logic.

#include "mnist_cli/cli.hpp"

#include "mnist_cli/progress.hpp"
#include "mnist_cli/training_run.hpp"
#include "qnn/error.hpp"
#include "qnn/mnist.hpp"

#include <fmt/format.h>
#include <fmt/std.h>

#include <algorithm>
#include <exception>

namespace mnist_cli {
namespace {

qnn::ImageSet load_test_images(const InferenceCliOptions& options)
{
    if (options.test_data_npz) return qnn::load_image_set_npz(*options.test_data_npz);
    return qnn::load_mnist(qnn::find_mnist_dir(options.data_dir, qnn::Split::test), qnn::Split::test);
}

// Every label of the test set must be one of the model's outputs.
void check_classes(const qnn::QuantizedModel& model, const qnn::ImageSet& test, const std::filesystem::path& path)
{
    int classes = 0;
    for (const std::uint8_t label : test.labels) classes = std::max(classes, label + 1);
    if (model.output_size() < classes) {
        throw qnn::ModelError(
            fmt::format("{}: the model has {} outputs but the test images are labelled with {} classes "
                        "(0 to {})",
                        path.string(), model.output_size(), classes, classes - 1));
    }
}

}  // namespace

qnn::QuantizedModel load_or_train_model(const InferenceCliOptions& options, std::ostream& log)
{
    std::error_code ec;
    if (std::filesystem::exists(options.model, ec) || !options.train_if_missing) return qnn::load_model(options.model);
    if (options.model.extension() == ".npz") {
        throw qnn::ModelError(fmt::format("no model at {}; training writes JSON models, pass a .json path to --model",
                                          options.model.string()));
    }
    TrainingRunOptions training;
    training.data_dir = options.data_dir;
    training.output = options.model;
    training.progress_bar = is_terminal(stderr);
    log << fmt::format("No model at {}: training one first (about {:.0f} s)...\n", options.model.string(),
                       expected_training_seconds(training.training))
        << std::flush;
    run_training(training, log);
    log << fmt::format("\nTrained a new model and wrote it to {} (pass --no-train_if_missing to make a missing "
                       "--model an error instead)\n\n",
                       options.model.string())
        << std::flush;
    return qnn::load_model(options.model);
}

int run_inference_cli(const InferenceCliOptions& options, const ImplementationRegistry& registry, std::ostream& out,
                      std::ostream& log)
{
    const Implementation& impl = registry.get(options.impl);
    const qnn::ImageSet test = load_test_images(options);
    validate_session_options(options.session, test.size());
    const qnn::QuantizedModel model = load_or_train_model(options, log);
    if (static_cast<std::size_t>(model.input_size()) != test.image_size()) {
        throw qnn::ModelError(fmt::format("{}: the model takes {} inputs but the test images have {}x{} = {} pixels",
                                          options.model.string(), model.input_size(), test.rows, test.cols,
                                          test.image_size()));
    }
    check_classes(model, test, options.model);
    const std::vector<BatchPlan> plan = plan_batches(options.session, test.size());
    if (options.session.jobs > 1 && plan.size() > 1 && impl.make_workers) {
        // One runner per thread; the output is the same as on one thread.
        const WorkerFactory make_worker = impl.make_workers(model, plan.front().count);
        run_session(out, test, impl.display_name, make_worker, options.session);
    } else {
        const BatchRunner runner = impl.make_runner(model);
        run_session(out, test, impl.display_name, runner, options.session);
    }
    return 0;
}

int run_main(const std::function<int()>& body, std::ostream& err)
{
    try {
        return body();
    } catch (const qnn::UsageError& e) {
        err << "error: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        err << "error: " << e.what() << '\n';
        return 1;
    }
}

}  // namespace mnist_cli

// mnist_inference: help true to behaviour, announced training, flag ranges, typed errors only.

#include "accel/verilator_inference.hpp"
#include "accel/verilog_export.hpp"
#include "mnist_cli/cli.hpp"
#include "qnn/error.hpp"
#include "qnn/model.hpp"
#include "rtl/tools.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using Catch::Matchers::Contains;

namespace {

// A valid one-layer model of 144 inputs and `outputs` outputs.
qnn::QuantizedModel one_layer_model(int outputs)
{
    qnn::QuantizedModel model;
    qnn::DenseLayer l;
    l.name = "layer0";
    l.rows = outputs;
    l.cols = 144;
    l.weight.assign(static_cast<std::size_t>(outputs) * 144, 1);
    l.bias.assign(static_cast<std::size_t>(outputs), 0);
    l.weight_scale = {0.01f};
    l.weight_zero = {0};
    l.output_scale = 0.5f;
    l.output_zero = 0;
    model.layers = {l};
    return model;
}

bool printable_ascii(const std::string& text)
{
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x7F || (u < 0x20 && c != '\n')) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("qnn a model with fewer outputs than the test set's classes is an error")
{
    qnn_test::TempDir dir;
    qnn::save_model_json(one_layer_model(7), dir / "seven.json");
    const auto run = [&](const std::filesystem::path& model) {
        mnist_cli::InferenceCliOptions options;
        options.model = model;
        options.data_dir = qnn_test::mnist_dir();
        options.train_if_missing = false;
        std::ostringstream sink;
        return mnist_cli::run_inference_cli(options, mnist_cli::builtin_implementations(), sink, sink);
    };
    CHECK_THROWS_AS(run(dir / "seven.json"), qnn::ModelError);
    CHECK_THROWS_WITH(run(dir / "seven.json"),
                      Contains("seven.json") && Contains("7 outputs") && Contains("10 classes"));
    qnn::save_model_json(one_layer_model(10), dir / "ten.json");
    CHECK(run(dir / "ten.json") == 0);
}

TEST_CASE("qnn the Verilog writers report an unusable directory as a qnn error")
{
    qnn_test::TempDir dir;
    qnn_test::write_text(dir / "file", "not a directory");
    const qnn::QuantizedModel model = one_layer_model(10);
    const std::vector<float> image(144, 0.5f);
    CHECK_THROWS_AS(accel::write_verilog_and_testbench(model, std::vector<qnn::ImageView>{image}, dir / "file" / "v"),
                    qnn::Error);
    CHECK_THROWS_WITH(accel::write_verilog_and_testbench(model, std::vector<qnn::ImageView>{image}, dir / "file" / "v"),
                      Contains("file/v") && Contains("cannot create"));
    CHECK_THROWS_AS(accel::write_axi_verilog(model, 1, dir / "file" / "v"), qnn::Error);
}

#ifdef RTLNET_MNIST_INFERENCE_EXE
namespace {

std::string inference(const std::string& args)
{
    return std::string("'") + RTLNET_MNIST_INFERENCE_EXE + "' --data_dir '" + qnn_test::mnist_dir().string() + "' " +
        args;
}

}  // namespace

TEST_CASE("qnn mnist_inference --help states the real defaults")
{
    const auto help = rtl::run_command(std::string("'") + RTLNET_MNIST_INFERENCE_EXE + "' --help");
    CHECK(help.exit_code == 0);
    const std::size_t at = help.output.find("--train_if_missing");
    REQUIRE(at != std::string::npos);
    const std::string line = help.output.substr(at, help.output.find("\n  --", at) - at);
    CHECK_THAT(line, !Contains("{false}") && Contains("default: on"));
}

TEST_CASE("qnn mnist_inference says when it trained a new model and where it wrote it")
{
    qnn_test::TempDir dir;
    const auto path = dir / "typo" / "modle.json";
    const auto run = rtl::run_command(inference("--model '" + path.string() + "'"));
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.output, Contains("Trained a new model and wrote it to " + path.string()));
    CHECK(std::filesystem::exists(path));
}

TEST_CASE("qnn mnist_inference rejects out-of-range numbers and unusable paths")
{
    qnn_test::TempDir dir;
    qnn::save_model_json(one_layer_model(10), dir / "m.json");
    const std::string model = "--no-train_if_missing --model '" + (dir / "m.json").string() + "' ";
    for (const char* flag : {"--num_images", "--start_image", "--batch_size"}) {
        INFO(flag);
        const auto huge = rtl::run_command(inference(model + flag + " 99999999999999999999"));
        CHECK(huge.exit_code == 2);
        CHECK_THAT(huge.output, Contains(flag) && Contains("99999999999999999999"));
    }

    qnn_test::write_text(dir / "file", "x");
    const auto verilog =
        rtl::run_command(inference(model + "--verilog --verilog_dir '" + (dir / "file" / "out").string() + "'"));
    CHECK(verilog.exit_code != 0);
    CHECK_THAT(verilog.output, Contains("file/out") && Contains("cannot create") && !Contains("filesystem error"));

    qnn_test::write_text(dir / "binary.json", std::string("\x93NUMPY\x01\x00\xff\xfe\x1b[2J\x07", 13));
    const auto binary =
        rtl::run_command(inference("--no-train_if_missing --model '" + (dir / "binary.json").string() + "'"));
    CHECK(binary.exit_code == 1);
    CHECK_THAT(binary.output, Contains("binary.json") && Contains("not valid JSON"));
    CHECK(printable_ascii(binary.output));
}
#endif

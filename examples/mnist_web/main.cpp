// mnist_web: draw a digit in the browser and see what the accelerator makes of it.
//   mnist_web [--host 127.0.0.1] [--port 8080] [--model models/mnist_q8.json] [--data_dir DIR]
// Serves one self-contained page and its JSON API (docs/web.md) until interrupted.

#include "mnist_cli/cli.hpp"
#include "predictor.hpp"
#include "qnn/digit_image.hpp"
#include "qnn/mnist.hpp"
#include "server.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

int main(int argc, char** argv)
{
    mnist_cli::InferenceCliOptions options;
    std::string model = options.model.string(), data_dir, host = "127.0.0.1", simulation = "interpreter";
    int port = 8080;
    web::PredictorOptions predictor_options;

    CLI::App app{"Serve a page to draw digits for rtlnet's MNIST accelerator (see docs/web.md)."};
    app.add_option("--host", host, "Address to listen on (127.0.0.1: this machine only)")->capture_default_str();
    app.add_option("--port", port, "Port (0: any free port)")->capture_default_str()->check(CLI::Range(0, 65535));
    app.add_option("--model", model, "Model file (trained first if missing, as mnist_inference does)")
        ->capture_default_str();
    app.add_option("--data_dir", data_dir,
                   "Directory with the MNIST .gz files (default: $RTLNET_MNIST_DIR, then ../shared/data/mnist)");
    app.add_option("--simulations", predictor_options.hardware_pool,
                   "Accelerator simulations run at once (further requests wait for one)")
        ->capture_default_str()
        ->check(CLI::Range(1, 16));
    app.add_option("--simulation", simulation, "How the accelerator is simulated: interpreter or compiled")
        ->capture_default_str()
        ->check(CLI::IsMember({"interpreter", "compiled"}));
    CLI11_PARSE(app, argc, argv);
    options.model = model;
    if (!data_dir.empty()) options.data_dir = data_dir;
    predictor_options.mode =
        simulation == "compiled" ? rtl::SimulationMode::Compiled : rtl::SimulationMode::Interpreter;

    return mnist_cli::run_main(
        [&] {
            const qnn::QuantizedModel m = mnist_cli::load_or_train_model(options, std::cerr);
            const qnn::ImageSet test = qnn::load_mnist(qnn::find_mnist_dir(options.data_dir, qnn::Split::test),
                                                       qnn::Split::test, qnn::kMnistSide);
            const web::Predictor predictor(m, predictor_options);
            web::WebServer server(predictor, test, m);
            const int bound = server.bind(host, port);
            std::cout << fmt::format("Serving the MNIST page at http://{}:{}/ (Ctrl-C stops)", host, bound)
                      << std::endl;
            server.run();
            return 0;
        },
        std::cerr);
}

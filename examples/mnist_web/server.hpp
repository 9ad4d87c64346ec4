#pragma once
// The MNIST page's HTTP server (cpp-httplib): the page at "/", the JSON API under "/api/" (api.hpp).
// Every handler answers; an exception becomes a 500 with a JSON error, never a crash.

#include "predictor.hpp"
#include "qnn/mnist.hpp"

#include <memory>
#include <string>

namespace httplib {
class Server;
}

namespace web {

class WebServer {
public:
    /// `test_images`: 28x28 test images for GET /api/test_image (kept by reference).
    WebServer(const Predictor& predictor, const qnn::ImageSet& test_images, const qnn::QuantizedModel& model);
    ~WebServer();

    /// Binds to `host`:`port` (port 0: any free port) and returns the port.
    /// \throws qnn::UsageError if the address cannot be bound.
    int bind(const std::string& host, int port);
    /// Serves until stop() (from another thread). Call bind() first.
    void run();
    /// Makes run() return.
    void stop();

private:
    std::unique_ptr<httplib::Server> server_;
};

}  // namespace web

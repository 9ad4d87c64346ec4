#include "server.hpp"

#include "api.hpp"
#include "page_html.hpp"
#include "qnn/error.hpp"

#include <fmt/format.h>
#include <httplib.h>

#include <exception>

namespace web {

namespace {

void send(httplib::Response& res, const Reply& reply)
{
    res.status = reply.status;
    res.set_content(reply.body, "application/json");
    res.set_header("Cache-Control", "no-store");
}

// Runs a handler; whatever it throws becomes a JSON error (400 for bad data, 500 otherwise).
template <typename F>
void guarded(httplib::Response& res, F&& handler)
{
    try {
        send(res, handler());
    } catch (const qnn::DataError& e) {
        send(res, error_reply(400, e.what()));
    } catch (const std::exception& e) {
        send(res, error_reply(500, fmt::format("internal error: {}", e.what())));
    } catch (...) {
        send(res, error_reply(500, "internal error"));
    }
}

const char* reason(int status)
{
    switch (status) {
    case 400: return "bad request";
    case 404: return "no such page or endpoint";
    case 405: return "method not allowed";
    case 413: return "request body too large";
    case 414: return "request URI too long";
    default: return status >= 500 ? "server error" : "request refused";
    }
}

}  // namespace

WebServer::WebServer(const Predictor& predictor, const qnn::ImageSet& test_images, const qnn::QuantizedModel& model)
    : server_(std::make_unique<httplib::Server>())
{
    auto& s = *server_;
    s.set_payload_max_length(kMaxBodyBytes);
    s.set_read_timeout(5, 0);
    s.set_write_timeout(5, 0);
    s.Get("/", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(std::string(page_html()), "text/html; charset=utf-8");
        // Nothing but this page and its own API: no external scripts, styles, fonts or images.
        res.set_header("Content-Security-Policy",
                       "default-src 'none'; script-src 'unsafe-inline'; "
                       "style-src 'unsafe-inline'; img-src data:; connect-src 'self'");
        res.set_header("Cache-Control", "no-store");
    });
    s.Post("/api/predict", [&predictor](const httplib::Request& req, httplib::Response& res) {
        guarded(res, [&] { return predict_reply(req.body, predictor); });
    });
    s.Get(R"(/api/test_image/(\d{1,12}))", [&test_images](const httplib::Request& req, httplib::Response& res) {
        guarded(res, [&] { return test_image_reply(req.matches[1].str(), test_images); });
    });
    s.Get("/api/info", [&test_images, &model](const httplib::Request&, httplib::Response& res) {
        guarded(res, [&] { return info_reply(test_images, model); });
    });
    s.Get("/api/predict", [](const httplib::Request&, httplib::Response& res) {
        send(res, error_reply(405, "use POST for /api/predict"));
    });
    // Errors httplib itself produces (unknown path 404, body too large 413, ...) get a JSON body too.
    s.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message = reason(res.status);
        if (res.status == 413) message += fmt::format(" (at most {} bytes)", kMaxBodyBytes);
        send(res, error_reply(res.status, message));
        return httplib::Server::HandlerResponse::Handled;
    }));
    s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send(res, error_reply(500, "internal error"));
    });
}

WebServer::~WebServer() = default;

int WebServer::bind(const std::string& host, int port)
{
    const bool ok = port == 0 ? (port = server_->bind_to_any_port(host)) > 0 : server_->bind_to_port(host, port);
    if (!ok)
        throw qnn::UsageError(
            fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", host, port));
    return port;
}

void WebServer::run()
{
    server_->listen_after_bind();
}

void WebServer::stop()
{
    server_->stop();
}

}  // namespace web

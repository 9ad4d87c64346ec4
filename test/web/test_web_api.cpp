// The JSON API of mnist_web, over HTTP against a server in this process: every endpoint, every
// error, and concurrent requests. Predictions are checked against qnn::SoftwareInference directly.
#include "api.hpp"
#include "predictor.hpp"
#include "qnn/inference.hpp"
#include "server.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <thread>

namespace {

using nlohmann::json;

const qnn::ImageSet& raw_test()
{
    static const qnn::ImageSet set = qnn::load_mnist(qnn_test::mnist_dir(), qnn::Split::test, 28, 100);
    return set;
}

// One server on a free port for the whole process.
struct Fixture {
    web::Predictor predictor{qnn_test::small_model()};
    web::WebServer server{predictor, raw_test(), qnn_test::small_model()};
    int port = server.bind("127.0.0.1", 0);
    std::thread thread{[this] { server.run(); }};
    Fixture()
    {
        httplib::Client c("127.0.0.1", port);
        for (int i = 0; i < 100 && !c.Get("/api/info"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ~Fixture()
    {
        server.stop();
        thread.join();
    }
};

Fixture& fixture()
{
    static Fixture f;
    return f;
}

httplib::Client client()
{
    httplib::Client c("127.0.0.1", fixture().port);
    c.set_read_timeout(30, 0);
    return c;
}

json pixels_of(std::size_t i)
{
    const auto p = raw_test().image(i);
    return json(std::vector<float>(p.begin(), p.end()));
}

int software_prediction(std::size_t i)
{
    const qnn::SoftwareInference net(qnn_test::small_model());
    const std::vector<qnn::ImageView> batch{qnn_test::test_set().image(i)};
    return net.run_batch(batch).predictions[0];
}

// POSTs `body`, checks the status and that the reply is a JSON error naming `words`.
void expect_error(const std::string& body, int status, const std::string& words)
{
    auto c = client();
    const auto res = c.Post("/api/predict", body, "application/json");
    REQUIRE(res);
    CHECK(res->status == status);
    const json reply = json::parse(res->body);
    CHECK(reply.at("status") == status);
    INFO(reply.dump());
    CHECK(reply.at("error").get<std::string>().find(words) != std::string::npos);
    CHECK(c.Get("/api/info")->status == 200);  // still serving
}

}  // namespace

TEST_CASE("GET / serves the page with no external assets")
{
    auto c = client();
    const auto res = c.Get("/");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type").find("text/html") == 0);
    CHECK(res->body.find("<canvas id=\"draw\"") != std::string::npos);
    for (const char* external : {"src=\"http", "href=\"http", "url(http", "@import", "src=\"//"})
        CHECK(res->body.find(external) == std::string::npos);
    CHECK(res->get_header_value("Content-Security-Policy").find("default-src 'none'") == 0);
}

TEST_CASE("GET /api/test_image/<i> returns the 28x28 pixels and label of test image i")
{
    auto c = client();
    const auto res = c.Get("/api/test_image/18");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const json reply = json::parse(res->body);
    CHECK(reply.at("index") == 18);
    CHECK(reply.at("label") == raw_test().labels[18]);
    CHECK(reply.at("pixels") == pixels_of(18));
    for (const char* path : {"/api/test_image/100", "/api/test_image/99999999999", "/api/test_image/abc",
                             "/api/test_image/-1", "/nothing", "/api/predictx"}) {
        const auto missing = c.Get(path);
        REQUIRE(missing);
        INFO(path);
        CHECK(missing->status == 404);
        CHECK(json::parse(missing->body).at("status") == 404);
    }
    CHECK(c.Get("/api/predict")->status == 405);
    const json info = json::parse(c.Get("/api/info")->body);
    CHECK(info.at("test_images") == 100);
    CHECK(info.at("max_body_bytes") == web::kMaxBodyBytes);
}

TEST_CASE("POST /api/predict answers as the software model, the reference and the accelerator")
{
    auto c = client();
    for (std::size_t i : {std::size_t{0}, std::size_t{18}}) {
        const auto res =
            c.Post("/api/predict", json{{"pixels", pixels_of(i)}, {"normalize", false}}.dump(), "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        const json r = json::parse(res->body);
        const int expected = software_prediction(i);
        CHECK(r.at("prediction") == expected);
        CHECK(r.at("implementations").at("software") == expected);
        CHECK(r.at("implementations").at("hardware") == expected);
        CHECK(r.at("agree") == true);
        CHECK(r.at("cycles") == 193);
        CHECK(r.at("scores").size() == 10);
        CHECK(r.at("layers").at("layer1") == r.at("scores"));
        CHECK(r.at("input").at("image12").size() == 144);
        CHECK(r.at("input").at("quantized").size() == 144);
        CHECK(r.at("input").at("image28") == pixels_of(i));  // no recipe with normalize false
        const std::string svg = r.at("waveform_svg");
        CHECK(svg.rfind("<svg", 0) == 0);
        CHECK(svg.find("<title>argmax_0: " + std::to_string(expected)) != std::string::npos);
    }
    // A drawing (normalize defaults to true) goes through the MNIST recipe first.
    const auto res = c.Post("/api/predict", json{{"pixels", pixels_of(18)}}.dump(), "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(json::parse(res->body).at("input").at("image28") != pixels_of(18));
}

TEST_CASE("POST /api/predict refuses malformed requests with a JSON error and keeps serving")
{
    json p = pixels_of(0);
    auto with = [&](std::size_t i, const json& v) {
        json copy = p;
        copy[i] = v;
        return json{{"pixels", copy}}.dump();
    };
    expect_error(json{{"pixels", json::array({0.5, 0.5})}}.dump(), 400, "784");
    json longer = p;
    longer.push_back(0);
    expect_error(json{{"pixels", longer}}.dump(), 400, "785 values");
    expect_error(with(3, "0.5"), 400, "not a number");
    expect_error(with(3, nullptr), 400, "not a number");
    expect_error(with(3, true), 400, "not a number");
    expect_error(with(3, json::array({1})), 400, "not a number");
    expect_error(with(7, 1.5), 400, "in 0..1");
    expect_error(with(7, -0.25), 400, "in 0..1");
    std::string nan_body = with(9, 0.125);
    nan_body.replace(nan_body.find("0.125"), 5, "NaN");
    expect_error(nan_body, 400, "not JSON");
    std::string huge_number = with(9, 0.125);
    huge_number.replace(huge_number.find("0.125"), 5, "1e400");
    expect_error(huge_number, 400, "");
    expect_error("{\"pixels\": [0, 0", 400, "not JSON");
    expect_error("[1, 2, 3]", 400, "object");
    expect_error("{}", 400, "\"pixels\"");
    expect_error(json{{"pixels", p}, {"normalize", "yes"}}.dump(), 400, "normalize");
    expect_error(std::string(web::kMaxBodyBytes + 1, ' '), 413, "too large");
    expect_error("{\"pixels\": [" + std::string(200000, '0') + "]}", 413, "too large");
}

TEST_CASE("POST /api/predict serves concurrent requests, each with its own answer")
{
    constexpr int kThreads = 8, kEach = 4;
    std::vector<int> expected;
    for (std::size_t i = 0; i < kThreads * kEach; ++i) expected.push_back(software_prediction(i));
    std::atomic<int> right{0}, wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            auto c = client();
            for (int k = 0; k < kEach; ++k) {
                const std::size_t i = static_cast<std::size_t>(t * kEach + k);
                const auto res = c.Post("/api/predict", json{{"pixels", pixels_of(i)}, {"normalize", false}}.dump(),
                                        "application/json");
                bool ok = res && res->status == 200;
                if (ok) {
                    const json r = json::parse(res->body);
                    const std::string svg = r.at("waveform_svg");
                    ok = r.at("prediction") == expected[i] && r.at("implementations").at("hardware") == expected[i] &&
                        r.at("agree") == true && r.at("cycles") == 193 &&
                        svg.find("<title>argmax_0: " + std::to_string(expected[i])) != std::string::npos;
                }
                (ok ? right : wrong)++;
            }
        });
    for (auto& t : threads) t.join();
    CHECK(wrong == 0);
    CHECK(right == kThreads * kEach);
}

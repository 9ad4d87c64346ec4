#include "api.hpp"

#include "qnn/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

namespace web {

namespace {

using nlohmann::json;

Reply ok(const json& body)
{
    return {200, body.dump()};
}

}  // namespace

Reply error_reply(int status, std::string_view message)
{
    return {status, json{{"error", std::string(message)}, {"status", status}}.dump()};
}

Reply predict_reply(std::string_view body, const Predictor& predictor)
{
    if (body.size() > kMaxBodyBytes)
        return error_reply(
            413, fmt::format("the request body has {} bytes; at most {} are accepted", body.size(), kMaxBodyBytes));
    const json request = json::parse(body.begin(), body.end(), nullptr, false);
    if (request.is_discarded()) return error_reply(400, "the request body is not JSON");
    if (!request.is_object()) return error_reply(400, "the request body must be a JSON object");
    const auto pixels_it = request.find("pixels");
    if (pixels_it == request.end() || !pixels_it->is_array())
        return error_reply(400, "the request needs \"pixels\": an array of 784 numbers in 0..1");
    const json& values = *pixels_it;
    if (values.size() != 784)
        return error_reply(400, fmt::format("\"pixels\" has {} values; 784 (28x28) are needed", values.size()));
    std::vector<float> pixels;
    pixels.reserve(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const json& v = values[i];
        if (!v.is_number()) return error_reply(400, fmt::format("pixel {} is {}, not a number", i, v.dump()));
        const double d = v.get<double>();
        if (!std::isfinite(d) || d < 0.0 || d > 1.0)
            return error_reply(400, fmt::format("pixel {} is {}; pixels must be in 0..1", i, v.dump()));
        pixels.push_back(static_cast<float>(d));
    }
    bool normalize = true;
    if (const auto it = request.find("normalize"); it != request.end()) {
        if (!it->is_boolean()) return error_reply(400, "\"normalize\" must be true or false");
        normalize = it->get<bool>();
    }

    const Prediction p = predictor.predict(pixels, normalize);
    json layers = json::object();
    for (std::size_t i = 0; i < p.layers.size(); ++i) layers[p.layer_names[i]] = p.layers[i];
    return ok({{"prediction", p.prediction},
               {"scores", p.layers.back()},
               {"layers", layers},
               {"input", {{"image28", p.image28}, {"image12", p.image12}, {"quantized", p.quantized}}},
               {"implementations", p.implementations},
               {"agree", p.agree},
               {"cycles", p.cycles},
               {"waveform_svg", p.waveform_svg}});
}

Reply test_image_reply(std::string_view index, const qnn::ImageSet& test_images)
{
    std::size_t i = 0;
    const auto [end, ec] = std::from_chars(index.data(), index.data() + index.size(), i);
    if (ec != std::errc() || end != index.data() + index.size() || i >= test_images.size())
        return error_reply(404,
                           fmt::format("there is no test image {}; there are {} (0 to {})", index, test_images.size(),
                                       test_images.size() - 1));
    const auto pixels = test_images.image(i);
    return ok({{"index", i},
               {"label", test_images.labels[i]},
               {"rows", test_images.rows},
               {"cols", test_images.cols},
               {"pixels", std::vector<float>(pixels.begin(), pixels.end())}});
}

Reply info_reply(const qnn::ImageSet& test_images, const qnn::QuantizedModel& model)
{
    return ok({{"test_images", test_images.size()},
               {"max_body_bytes", kMaxBodyBytes},
               {"waveform_wires", Predictor::waveform_wires(model)},
               {"implementations", {"software", "reference", "hardware"}}});
}

}  // namespace web

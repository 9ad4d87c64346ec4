#pragma once
// The JSON API of the MNIST page, independent of HTTP: each function takes what the request
// carries and returns the status and JSON body of the reply. See docs/web.md.

#include "predictor.hpp"
#include "qnn/mnist.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace web {

/// Largest request body accepted, in bytes (784 pixels written with full double precision take
/// about 20 KB). Longer bodies get 413.
inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;

struct Reply {
    int status = 200;
    std::string body{};  ///< JSON
};

/// `{"error": message, "status": status}`.
Reply error_reply(int status, std::string_view message);

/// POST /api/predict: `{"pixels": [784 numbers in 0..1], "normalize": true|false}` (normalize is
/// optional, default true: run the MNIST recipe of a drawing). 400 for anything malformed.
Reply predict_reply(std::string_view body, const Predictor& predictor);

/// GET /api/test_image/<index>: `{"index", "label", "pixels": [784]}` of a 28x28 test image; 404 if
/// there is none with that index (`index` is the path's digits).
Reply test_image_reply(std::string_view index, const qnn::ImageSet& test_images);

/// GET /api/info: the number of test images, the body limit and the waveform's wires.
Reply info_reply(const qnn::ImageSet& test_images, const qnn::QuantizedModel& model);

}  // namespace web

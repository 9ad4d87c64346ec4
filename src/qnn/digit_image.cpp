// MNIST's normalization of a hand-drawn digit (see include/qnn/digit_image.hpp).

#include "qnn/digit_image.hpp"

#include "qnn/error.hpp"
#include "qnn/mnist.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace qnn {

namespace {

constexpr std::size_t kPixels = static_cast<std::size_t>(kMnistSide) * kMnistSide;

void check_size(std::span<const float> pixels, const char* who)
{
    if (pixels.size() != kPixels)
        throw DataError(
            fmt::format("{}: expected {} pixels ({}x{}), got {}", who, kPixels, kMnistSide, kMnistSide, pixels.size()));
}

// The mean of `src` (w x h, row-major, piecewise constant) over [x0, x1) x [y0, y1) in pixel units.
// The rectangle is clipped to the image: (c + 1) * fx can exceed w by a rounding error.
double area_mean(const std::vector<double>& src, int w, int h, double x0, double x1, double y0, double y1)
{
    double sum = 0;
    const int r_end = std::min(h, static_cast<int>(std::ceil(y1))),
              c_end = std::min(w, static_cast<int>(std::ceil(x1)));
    for (int r = static_cast<int>(std::floor(y0)); r < r_end; ++r) {
        const double dy = std::min<double>(r + 1, y1) - std::max<double>(r, y0);
        for (int c = static_cast<int>(std::floor(x0)); c < c_end; ++c) {
            const double dx = std::min<double>(c + 1, x1) - std::max<double>(c, x0);
            if (dx > 0 && dy > 0) sum += dx * dy * src[static_cast<std::size_t>(r * w + c)];
        }
    }
    return sum / ((x1 - x0) * (y1 - y0));
}

}  // namespace

std::vector<float> normalize_drawing(std::span<const float> pixels)
{
    check_size(pixels, "normalize_drawing");
    int top = kMnistSide, bottom = -1, left = kMnistSide, right = -1;
    for (int r = 0; r < kMnistSide; ++r)
        for (int c = 0; c < kMnistSide; ++c) {
            const float v = pixels[static_cast<std::size_t>(r * kMnistSide + c)];
            if (!std::isfinite(v))
                throw DataError(fmt::format("normalize_drawing: pixel {} is not a finite number", r * kMnistSide + c));
            if (v > 0) {
                top = std::min(top, r);
                bottom = std::max(bottom, r);
                left = std::min(left, c);
                right = std::max(right, c);
            }
        }
    std::vector<float> out(kPixels, 0.0f);
    if (bottom < 0) return out;

    // 1. The bounding box, clamped to [0, 1].
    const int w = right - left + 1, h = bottom - top + 1;
    std::vector<double> box(static_cast<std::size_t>(w * h));
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c)
            box[static_cast<std::size_t>(r * w + c)] =
                std::clamp<double>(pixels[static_cast<std::size_t>((top + r) * kMnistSide + left + c)], 0.0, 1.0);

    // 2. Scaled so that the longer side is 20 pixels.
    const double scale = static_cast<double>(kMnistDigitBox) / std::max(w, h);
    const int sw = std::max(1, static_cast<int>(std::lround(w * scale)));
    const int sh = std::max(1, static_cast<int>(std::lround(h * scale)));
    const double fx = static_cast<double>(w) / sw, fy = static_cast<double>(h) / sh;
    std::vector<double> digit(static_cast<std::size_t>(sw * sh));
    double mass = 0, mx = 0, my = 0;
    for (int r = 0; r < sh; ++r)
        for (int c = 0; c < sw; ++c) {
            const double v = area_mean(box, w, h, c * fx, (c + 1) * fx, r * fy, (r + 1) * fy);
            digit[static_cast<std::size_t>(r * sw + c)] = v;
            mass += v;
            mx += v * (c + 0.5);
            my += v * (r + 0.5);
        }

    // 3. Centred by centre of mass, 4. rounded to grey levels.
    const int dx = static_cast<int>(std::lround(kMnistSide / 2.0 - mx / mass));
    const int dy = static_cast<int>(std::lround(kMnistSide / 2.0 - my / mass));
    for (int r = 0; r < sh; ++r)
        for (int c = 0; c < sw; ++c) {
            const int tr = r + dy, tc = c + dx;
            if (tr < 0 || tr >= kMnistSide || tc < 0 || tc >= kMnistSide) continue;
            const double v = digit[static_cast<std::size_t>(r * sw + c)];
            const auto grey = static_cast<std::uint8_t>(std::clamp<long>(std::lround(v * 255.0), 0, 255));
            out[static_cast<std::size_t>(tr * kMnistSide + tc)] = pixel_to_unit(grey);
        }
    return out;
}

std::vector<float> network_image(std::span<const float> image)
{
    check_size(image, "network_image");
    return resize_bilinear(image, kMnistSide, kMnistSide, kMnistResizedSize, kMnistResizedSize);
}

}  // namespace qnn

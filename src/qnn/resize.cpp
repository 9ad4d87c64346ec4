// TensorFlow-exact bilinear resize (ResizeBilinear with half_pixel_centers=true), float32.

#include "qnn/error.hpp"
#include "qnn/mnist.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace qnn {
namespace {

struct Interpolation {
    int lower;
    int upper;
    float lerp;
};

// TensorFlow's compute_interpolation_weights with HalfPixelScaler.
std::vector<Interpolation> interpolation_weights(int in_size, int out_size)
{
    const float scale = static_cast<float>(in_size) / static_cast<float>(out_size);
    std::vector<Interpolation> weights(static_cast<std::size_t>(out_size));
    for (int i = 0; i < out_size; ++i) {
        const float in = (static_cast<float>(i) + 0.5f) * scale - 0.5f;
        const float in_floor = std::floor(in);
        weights[static_cast<std::size_t>(i)] = {
            std::max(static_cast<int>(in_floor), 0),
            std::min(static_cast<int>(std::ceil(in)), in_size - 1),
            in - in_floor,
        };
    }
    return weights;
}

}  // namespace

float pixel_to_unit(std::uint8_t p)
{
    return static_cast<float>(static_cast<double>(p) / 255.0);
}

std::vector<float> resize_bilinear(std::span<const float> image, int in_rows, int in_cols, int out_rows, int out_cols)
{
    if (in_rows <= 0 || in_cols <= 0 || out_rows <= 0 || out_cols <= 0 ||
        image.size() != static_cast<std::size_t>(in_rows) * static_cast<std::size_t>(in_cols)) {
        throw DataError(fmt::format("resize_bilinear: cannot resize {} pixels as a {}x{} image to {}x{}", image.size(),
                                    in_rows, in_cols, out_rows, out_cols));
    }
    const auto ys = interpolation_weights(in_rows, out_rows);
    const auto xs = interpolation_weights(in_cols, out_cols);
    const auto at = [&](int r, int c) {
        return image[static_cast<std::size_t>(r) * static_cast<std::size_t>(in_cols) + static_cast<std::size_t>(c)];
    };
    std::vector<float> out;
    out.reserve(static_cast<std::size_t>(out_rows) * static_cast<std::size_t>(out_cols));
    for (const Interpolation& y : ys) {
        for (const Interpolation& x : xs) {
            const float top_left = at(y.lower, x.lower);
            const float top_right = at(y.lower, x.upper);
            const float bottom_left = at(y.upper, x.lower);
            const float bottom_right = at(y.upper, x.upper);
            const float top = top_left + (top_right - top_left) * x.lerp;
            const float bottom = bottom_left + (bottom_right - bottom_left) * x.lerp;
            out.push_back(top + (bottom - top) * y.lerp);
        }
    }
    return out;
}

}  // namespace qnn

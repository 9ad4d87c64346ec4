// Input quantization, multiplier derivation and requantization (pyrtlnet's exact integer math).

#include "qnn/quantize.hpp"

#include "qnn/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace qnn {

double Multiplier::value() const
{
    return std::ldexp(static_cast<double>(m0), -(32 + n));
}

float real_multiplier(float weight_scale, float input_scale, float output_scale)
{
    const float product = weight_scale * input_scale;
    return product / output_scale;
}

std::optional<Multiplier> multiplier_from_real(float m)
{
    if (!std::isfinite(m)) return std::nullopt;
    for (int n = 0; n < 32; ++n) {
        const float scaled = std::ldexp(m, n);  // exact: a power-of-two scaling of a normal float
        if (scaled >= 0.5f && scaled < 1.0f) {
            const double m0 = std::ldexp(static_cast<double>(scaled), 32);  // an integer < 2^32
            return Multiplier{static_cast<std::uint32_t>(m0), n};
        }
    }
    return std::nullopt;
}

Multiplier derive_multiplier(float weight_scale, float input_scale, float output_scale)
{
    const float m = real_multiplier(weight_scale, input_scale, output_scale);
    if (auto result = multiplier_from_real(m)) return *result;
    throw ModelError(fmt::format("requantization multiplier m = s_w * s_in / s_out = {} * {} / {} = {} is outside "
                                 "[2^-32, 1)",
                                 weight_scale, input_scale, output_scale, m));
}

std::int8_t requantize(std::int32_t acc, std::uint32_t m0, int n, std::int32_t zero)
{
    if (n < 0 || n > 31) throw UsageError(fmt::format("requantize: shift n = {} is outside [0, 31]", n));
    // |acc| <= 2^31 and m0 < 2^32, so the product fits in int64 exactly.
    const std::int64_t product = std::int64_t{acc} * std::int64_t{m0};
    const int shift = 32 + n;
    const std::int64_t rounded = (product >> shift) + ((product >> (shift - 1)) & 1);
    return static_cast<std::int8_t>(std::clamp<std::int64_t>(std::int64_t{zero} + rounded, -128, 127));
}

std::int8_t quantize_input_value(float x, float scale, std::int32_t zero)
{
    const double value = std::trunc(static_cast<double>(x) / static_cast<double>(scale) + static_cast<double>(zero));
    if (std::isnan(value)) return 0;
    return static_cast<std::int8_t>(std::clamp(value, -128.0, 127.0));
}

void quantize_input(std::span<const float> image, float scale, std::int32_t zero, std::span<std::int8_t> out)
{
    if (image.size() != out.size()) {
        throw UsageError(
            fmt::format("quantize_input: image has {} values but the output has {}", image.size(), out.size()));
    }
    for (std::size_t i = 0; i < image.size(); ++i) out[i] = quantize_input_value(image[i], scale, zero);
}

}  // namespace qnn

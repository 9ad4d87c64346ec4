// Platform-independent distributions over std::mt19937.

#include "qnn/random.hpp"

#include <utility>

namespace qnn {

float Rng::uniform01()
{
    return static_cast<float>(next_u32() >> 8) * (1.0f / 16777216.0f);
}

float Rng::uniform(float lo, float hi)
{
    return lo + (hi - lo) * uniform01();
}

std::uint32_t Rng::below(std::uint32_t bound)
{
    // Accept only values below the largest multiple of `bound` that fits in 2^32.
    const std::uint32_t limit = static_cast<std::uint32_t>(-bound) % bound;  // = 2^32 mod bound
    for (;;) {
        const std::uint32_t r = next_u32();
        if (r >= limit) return r % bound;
    }
}

void Rng::shuffle(std::span<std::uint32_t> values)
{
    for (std::size_t i = values.size(); i > 1; --i) {
        const std::size_t j = below(static_cast<std::uint32_t>(i));
        std::swap(values[i - 1], values[j]);
    }
}

}  // namespace qnn

#pragma once
/// \file random.hpp
/// A seeded random source whose outputs are identical on every platform: std::mt19937's output
/// sequence is fixed by the C++ standard, but std::uniform_*_distribution and std::shuffle are
/// implementation-defined, so the distributions here are written out explicitly.

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>

namespace qnn {

/// Deterministic random numbers for training (initialisation and shuffling).
class Rng {
public:
    /// A generator seeded with `seed`.
    /// \param seed the seed.
    explicit Rng(std::uint32_t seed) : engine_(seed) {}

    /// The next raw 32-bit output of the Mersenne Twister.
    /// \return the output.
    std::uint32_t next_u32() { return static_cast<std::uint32_t>(engine_()); }
    /// Uniform float in [0, 1) with 24 random bits (k / 2^24).
    /// \return the number.
    float uniform01();
    /// Uniform float in [lo, hi): lo + (hi - lo) * uniform01().
    /// \param lo the lower bound.
    /// \param hi the upper bound.
    /// \return the number.
    float uniform(float lo, float hi);
    /// Uniform integer in [0, bound) without modulo bias (rejection sampling). \pre bound > 0.
    /// \param bound the exclusive upper bound.
    /// \return the number.
    std::uint32_t below(std::uint32_t bound);
    /// Fisher-Yates shuffle (from the back, swapping i with below(i + 1)).
    /// \param values shuffled in place.
    void shuffle(std::span<std::uint32_t> values);

private:
    std::mt19937 engine_;
};

}  // namespace qnn

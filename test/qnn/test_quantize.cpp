// Input quantization, multiplier derivation, requantization (software and TFLite reference).

#include "qnn/error.hpp"
#include "qnn/quantize.hpp"
#include "qnn/reference.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

namespace {

// Independent formula: floor(acc * m0 / 2^(32+n) + 1/2) = floor((acc * m0 + 2^(31+n)) / 2^(32+n)),
// with floor division on 128-bit integers, then the zero point and saturation.
std::int8_t expected_requantize(std::int32_t acc, std::uint32_t m0, int n, std::int32_t zero)
{
    const __int128 product = static_cast<__int128>(acc) * static_cast<__int128>(m0);
    const __int128 divisor = static_cast<__int128>(1) << (32 + n);
    const __int128 numerator = product + divisor / 2;
    __int128 quotient = numerator / divisor;
    if (numerator % divisor != 0 && numerator < 0) --quotient;  // floor, not truncation
    const __int128 out = quotient + zero;
    return static_cast<std::int8_t>(out < -128 ? -128 : out > 127 ? 127 : out);
}

}  // namespace

TEST_CASE("qnn quantize input truncates towards zero like numpy astype(int8)")
{
    const float scale = 1.0f / 255.0f;  // float32 0.0039215688...
    CHECK(qnn::quantize_input_value(0.0f, scale, -128) == -128);
    // 1 / 0.0039215688 = 254.99999 -> 126.99999 -> 126 (pyrtlnet's truncation quirk)
    CHECK(qnn::quantize_input_value(1.0f, scale, -128) == 126);
    // 0.5 / scale - 128 = -0.5000032: truncation gives 0 where floor would give -1.
    CHECK(qnn::quantize_input_value(0.5f, scale, -128) == 0);
    // pyrtlnet's own test: scale 2, zero 1.
    CHECK(qnn::quantize_input_value(5.0f, 2.0f, 1) == 3);  // 3.5 -> 3
    CHECK(qnn::quantize_input_value(-5.0f, 2.0f, 1) == -1);  // -1.5 -> -1
    CHECK(qnn::quantize_input_value(7.0f, 2.0f, 1) == 4);  // 4.5 -> 4
    // Saturation and NaN.
    CHECK(qnn::quantize_input_value(1000.0f, scale, -128) == 127);
    CHECK(qnn::quantize_input_value(-1000.0f, scale, -128) == -128);
    CHECK(qnn::quantize_input_value(std::nanf(""), scale, -128) == 0);

    std::vector<float> image{0.0f, 0.25f, 1.0f};
    std::vector<std::int8_t> out(3);
    qnn::quantize_input(image, scale, -128, out);
    CHECK(out == std::vector<std::int8_t>{-128, -64, 126});  // 0.25 / scale = 63.75 -> -64.25 -> -64
    std::vector<std::int8_t> wrong(2);
    CHECK_THROWS_AS(qnn::quantize_input(image, scale, -128, wrong), qnn::UsageError);
}

TEST_CASE("qnn multiplier derivation matches hand-worked values")
{
    // 0.3f = 10066330 * 2^-25; m * 2 = 0.6f in [0.5, 1) -> n = 1, M0 = 10066330 * 2^8 = 0x99999A00.
    const auto m = qnn::multiplier_from_real(0.3f);
    REQUIRE(m);
    CHECK(m->n == 1);
    CHECK(m->m0 == 0x99999A00u);
    CHECK(m->m0 == static_cast<std::uint32_t>(std::ldexp(static_cast<double>(0.3f * 2.0f), 32)));
    CHECK(m->value() == Approx(0.3).epsilon(1e-7));

    CHECK(qnn::multiplier_from_real(0.5f) == qnn::Multiplier{0x80000000u, 0});
    CHECK(qnn::multiplier_from_real(0.75f) == qnn::Multiplier{0xC0000000u, 0});
    CHECK(qnn::multiplier_from_real(0.25f) == qnn::Multiplier{0x80000000u, 1});
    CHECK(qnn::multiplier_from_real(std::ldexp(1.0f, -32)) == qnn::Multiplier{0x80000000u, 31});
    CHECK(qnn::multiplier_from_real(std::nextafter(1.0f, 0.0f)) == qnn::Multiplier{0xFFFFFF00u, 0});
    // Out of range: no n in [0, 31] works.
    CHECK_FALSE(qnn::multiplier_from_real(1.0f));
    CHECK_FALSE(qnn::multiplier_from_real(1.5f));
    CHECK_FALSE(qnn::multiplier_from_real(std::nextafter(std::ldexp(1.0f, -32), 0.0f)));
    CHECK_FALSE(qnn::multiplier_from_real(0.0f));
    CHECK_FALSE(qnn::multiplier_from_real(-0.3f));
    CHECK_FALSE(qnn::multiplier_from_real(std::numeric_limits<float>::infinity()));
    CHECK_FALSE(qnn::multiplier_from_real(std::nanf("")));

    // Layer-like scales: m = (s_w * s_in) / s_out in float32; the low 8 bits of M0 are always 0.
    const float s_w = 0.0098765f;
    const float s_in = 1.0f / 255.0f;
    const float s_out = 0.0437f;
    const float product = s_w * s_in;
    const float expected_m = product / s_out;
    const qnn::Multiplier layer = qnn::derive_multiplier(s_w, s_in, s_out);
    CHECK(layer == *qnn::multiplier_from_real(expected_m));
    CHECK(layer.n == 10);  // m = 8.86e-4: 2^10 m = 0.907 (2^9 m = 0.45 is too small)
    CHECK((layer.m0 & 0xFFu) == 0);
    CHECK_THROWS_AS(qnn::derive_multiplier(1.0f, 1.0f, 0.5f), qnn::ModelError);
    CHECK_THROWS_WITH(qnn::derive_multiplier(1.0f, 1.0f, 0.5f), Catch::Contains("outside [2^-32, 1)"));
}

TEST_CASE("qnn requantize rounds half up once and saturates")
{
    const std::uint32_t half = 0x80000000u;  // m = 0.5 with n = 0
    CHECK(qnn::requantize(21, half, 0, 0) == 11);  // 10.5 -> 11
    CHECK(qnn::requantize(-21, half, 0, 0) == -10);  // -10.5 -> -10 (towards +infinity)
    CHECK(qnn::requantize(-23, half, 0, 0) == -11);  // -11.5 -> -11
    CHECK(qnn::requantize(20, half, 0, 0) == 10);
    CHECK(qnn::requantize(0, half, 0, 5) == 5);
    CHECK(qnn::requantize(1000, half, 0, 0) == 127);  // saturation
    CHECK(qnn::requantize(-1000, half, 0, 0) == -128);
    CHECK(qnn::requantize(2, half, 0, 127) == 127);
    CHECK(qnn::requantize(-2, half, 0, -128) == -128);
    CHECK(qnn::requantize(std::numeric_limits<std::int32_t>::min(), 0xFFFFFFFFu, 0, 0) == -128);
    CHECK(qnn::requantize(std::numeric_limits<std::int32_t>::max(), 0xFFFFFFFFu, 31, 0) == 1);  // just below 1 -> 1
    CHECK(qnn::requantize(3, qnn::Multiplier{half, 1}, -3) == -2);  // 0.75 -> 1
    CHECK_THROWS_AS(qnn::requantize(1, half, 32, 0), qnn::UsageError);
    CHECK_THROWS_AS(qnn::requantize(1, half, -1, 0), qnn::UsageError);

    std::mt19937 rng(1234);
    std::uniform_int_distribution<std::int32_t> any_acc(std::numeric_limits<std::int32_t>::min(),
                                                        std::numeric_limits<std::int32_t>::max());
    std::uniform_int_distribution<std::int32_t> small_acc(-5'000'000, 5'000'000);
    std::uniform_int_distribution<std::uint32_t> any_m0(0x80000000u, 0xFFFFFFFFu);
    std::uniform_int_distribution<int> any_n(0, 31);
    std::uniform_int_distribution<std::int32_t> any_zero(-128, 127);
    for (int i = 0; i < 200'000; ++i) {
        const std::int32_t acc = i % 2 == 0 ? any_acc(rng) : small_acc(rng);
        std::uint32_t m0 = any_m0(rng);
        if (i % 3 == 0) m0 &= 0xFFFFFF00u;  // the float-derived form
        const int n = any_n(rng);
        const std::int32_t zero = any_zero(rng);
        INFO("acc " << acc << " m0 " << m0 << " n " << n << " zero " << zero);
        REQUIRE(qnn::requantize(acc, m0, n, zero) == expected_requantize(acc, m0, n, zero));
    }
    // Exact ties at every shift: acc * m = k + 1/2 with m = 2^-(n+1).
    for (int n = 0; n < 31; ++n) {
        for (std::int32_t k = -20; k <= 20; ++k) {
            const std::int32_t acc = (2 * k + 1) << n;  // acc * 2^-(n+1) = k + 1/2
            if ((2 * k + 1) > (std::numeric_limits<std::int32_t>::max() >> n) ||
                (2 * k + 1) < (std::numeric_limits<std::int32_t>::min() >> n)) {
                continue;
            }
            INFO("n " << n << " k " << k);
            CHECK(qnn::requantize(acc, half, n, 0) == static_cast<std::int8_t>(std::clamp(k + 1, -128, 127)));
            CHECK(qnn::requantize(acc, half, n, 0) == expected_requantize(acc, half, n, 0));
        }
    }
}

TEST_CASE("qnn reference requantization follows TFLite and gemmlowp")
{
    // QuantizeMultiplier: frexp, Q31 rounding.
    const auto half = qnn::quantize_multiplier_tflite(0.5);
    CHECK(half.q31 == (1 << 30));
    CHECK(half.shift == 0);
    const auto quarter = qnn::quantize_multiplier_tflite(0.25);
    CHECK(quarter.q31 == (1 << 30));
    CHECK(quarter.shift == -1);
    const auto third = qnn::quantize_multiplier_tflite(1.0 / 3.0);
    CHECK(third.q31 == 1431655765);  // round(2/3 * 2^31)
    CHECK(third.shift == -1);
    const auto almost_one = qnn::quantize_multiplier_tflite(1.0 - 1e-12);  // rounds up to 2^31: renormalised
    CHECK(almost_one.q31 == (1 << 30));
    CHECK(almost_one.shift == 1);
    CHECK(qnn::quantize_multiplier_tflite(0.0).q31 == 0);
    CHECK(qnn::quantize_multiplier_tflite(1e-12).q31 == 0);  // below 2^-31 -> 0

    // x * 0.25 = +-1.5: two roundings (half away from zero in the divide) give +-2; the software path
    // rounds once, half up, giving 2 and -1 - the classic +-1 difference.
    CHECK(qnn::multiply_by_quantized_multiplier(6, quarter) == 2);
    CHECK(qnn::multiply_by_quantized_multiplier(-6, quarter) == -2);
    CHECK(qnn::requantize(-6, 0x80000000u, 1, 0) == -1);
    CHECK(qnn::multiply_by_quantized_multiplier(20, half) == 10);
    CHECK(qnn::reference_requantize(1000, half, 0) == 127);
    CHECK(qnn::reference_requantize(-1000, half, 0) == -128);
    CHECK(qnn::reference_requantize(-10, half, -100, -100) == -100);  // fused ReLU clamp at z_out

    // On random layer-like values the two paths agree within +-1.
    std::mt19937 rng(99);
    std::uniform_int_distribution<std::int32_t> acc(-200000, 200000);
    std::uniform_real_distribution<float> m_dist(1e-5f, 0.9f);
    int differences = 0;
    for (int i = 0; i < 20000; ++i) {
        const float m = m_dist(rng);
        const auto soft = *qnn::multiplier_from_real(m);
        const auto ref = qnn::quantize_multiplier_tflite(static_cast<double>(m));
        const std::int32_t a = acc(rng);
        const int s = qnn::requantize(a, soft, 0);
        const int r = qnn::reference_requantize(a, ref, 0);
        REQUIRE(std::abs(s - r) <= 1);
        differences += s != r ? 1 : 0;
    }
    INFO("software and reference requantization differ on " << differences << " of 20000 random values");
    CHECK(differences < 2000);
}

// Bias add, ReLU, saturation, requantization and argmax against independent integer formulas.
#include "linalg/elementwise.hpp"

#include <catch2/catch.hpp>

#include <random>

using linalg::IntMatrix;

TEST_CASE("elementwise add (same shape and bias broadcast) and relu")
{
    rtl::BlockScope scope;
    auto a = linalg::WireMatrix2D::inputs("a", 2, 3, 16);
    a.valid <<= 1;
    auto same = linalg::WireMatrix2D::from_values({{1, 2, 3}, {-4, -5, -6}}, 16, "same");
    auto bias = linalg::WireMatrix2D::from_values({{100}, {-100}}, 16, "bias");
    auto sum = linalg::make_elementwise_add("sum", a, same, 17);
    auto biased = linalg::make_elementwise_add("biased", sum, bias, 17);
    auto relu = linalg::make_elementwise_relu("relu", biased);
    relu.ready <<= 1;
    sum.make_outputs("sum");
    relu.make_outputs("relu");
    rtl::Simulation sim;
    IntMatrix in = {{10, -20, 30}, {-40, 50, 60}};
    sim.step(a.provided_inputs(in));
    CHECK(sum.inspect(sim, "sum") == IntMatrix{{11, -18, 33}, {-44, 45, 54}});
    CHECK(relu.inspect(sim, "relu") == IntMatrix{{111, 82, 133}, {0, 0, 0}});
}

TEST_CASE("saturating_truncate clamps to the signed range")
{
    rtl::BlockScope scope;
    rtl::Input x(9, "x");
    rtl::Output y(8, "y");
    y <<= linalg::saturating_truncate(x, 8);
    rtl::Simulation sim;
    for (auto [in, out] : std::vector<std::pair<int, int>>{{42, 42},
                                                           {0, 0},
                                                           {-24, -24},
                                                           {127, 127},
                                                           {128, 127},
                                                           {-128, -128},
                                                           {-129, -128},
                                                           {255, 127},
                                                           {-256, -128}}) {
        sim.step({{"x", in}});
        INFO(in);
        CHECK(rtl::val_to_signed_integer(sim.inspect("y"), 8) == out);
    }
}

namespace {
// The requantization formula, written independently with 128-bit integers.
std::int64_t requantize_reference(std::int64_t acc, std::uint32_t m0, int n, std::int32_t z)
{
    __int128 p = static_cast<__int128>(acc) * m0;
    int s = 32 + n;
    __int128 q = (p >> s) + ((p >> (s - 1)) & 1);
    __int128 out = z + q;
    return static_cast<std::int64_t>(std::clamp<__int128>(out, -128, 127));
}
}  // namespace

TEST_CASE("normalize equals the integer requantization formula including ties at .5")
{
    rtl::BlockScope scope;
    const int rows = 4;
    auto acc = linalg::WireMatrix2D::inputs("acc", rows, 8, 32);
    acc.valid <<= 1;
    std::vector<std::uint32_t> m0 = {0x80000000u, 0xC0000000u, 0x9A3F2100u, 0xFFFFFF00u};
    std::vector<int> n = {1, 2, 11, 0};
    std::vector<std::int32_t> z = {3, -128, 127, -5};
    auto out = linalg::make_elementwise_normalize("norm", acc, m0, n, z, 8);
    out.ready <<= 1;
    out.make_outputs("q");
    rtl::Simulation sim;
    std::mt19937_64 rng(5);
    for (int trial = 0; trial < 60; ++trial) {
        IntMatrix values(rows, std::vector<std::int64_t>(8));
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < 8; ++c) {
                std::int64_t v;
                switch (rng() % 4) {
                case 0: v = static_cast<std::int32_t>(rng()); break;  // any int32
                case 1:
                    v = (static_cast<std::int64_t>(rng() % 2001) - 1000) << (n[static_cast<std::size_t>(r)]);
                    break;  // near ties
                case 2: v = c % 2 ? INT32_MIN : INT32_MAX; break;
                default: v = static_cast<std::int64_t>(rng() % 4001) - 2000;
                }
                values[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] = v;
            }
        sim.step(acc.provided_inputs(values));
        IntMatrix got = out.inspect(sim, "q");
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < 8; ++c) {
                auto v = values[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
                INFO("acc " << v << " row " << r);
                REQUIRE(got[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] ==
                        requantize_reference(v, m0[static_cast<std::size_t>(r)], n[static_cast<std::size_t>(r)],
                                             z[static_cast<std::size_t>(r)]));
            }
    }
    // Ties: m = 0.5 with n = 1 halves twice (0.25): 42·0.25 = 10.5 → 11, −42·0.25 = −10.5 → −10.
    CHECK(requantize_reference(42, 0x80000000u, 1, 0) == 11);
    CHECK(requantize_reference(-42, 0x80000000u, 1, 0) == -10);
}

TEST_CASE("argmax per column: first maximum wins any number of rows")
{
    rtl::BlockScope scope;
    auto a = linalg::WireMatrix2D::inputs("a", 20, 3, 8);
    a.valid <<= 1;
    auto best = linalg::make_argmax("argmax", a);
    best.ready <<= 1;
    best.make_outputs("best");
    CHECK(best.bitwidth() == 5);
    rtl::Simulation sim;
    std::mt19937_64 rng(9);
    for (int trial = 0; trial < 30; ++trial) {
        IntMatrix values(20, std::vector<std::int64_t>(3));
        for (auto& row : values)
            for (auto& v : row) v = static_cast<std::int64_t>(rng() % 7) - 3;  // many ties
        sim.step(a.provided_inputs(values));
        IntMatrix got = best.inspect(sim, "best");
        for (int c = 0; c < 3; ++c) {
            std::size_t want = 0;
            for (std::size_t r = 1; r < 20; ++r)
                if (values[r][static_cast<std::size_t>(c)] > values[want][static_cast<std::size_t>(c)]) want = r;
            // indices are unsigned: undo inspect's signed reading
            auto index = static_cast<std::size_t>(rtl::truncate_value(got[0][static_cast<std::size_t>(c)], 5));
            CHECK(index == want);
        }
    }
}

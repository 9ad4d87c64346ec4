// The output-stationary tiled array against a plain matrix product, two tiles back to back.
#include "linalg/tiled_array.hpp"
#include "rtl/rtl.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <random>

TEST_CASE("the tiled array computes block products tile after tile and drains them bottom row first")
{
    const int R = 2, C = 3, K = 7, tiles = 2, acc_bits = 20;
    rtl::BlockScope scope;
    linalg::TiledArrayFeeds feeds;
    for (int r = 0; r < R; ++r) {
        feeds.weights.push_back(rtl::Input(8, fmt::format("w{}", r)));
        feeds.last.push_back(rtl::Input(1, fmt::format("last{}", r)));
    }
    for (int c = 0; c < C; ++c) {
        feeds.activations.push_back(rtl::Input(9, fmt::format("x{}", c)));
        feeds.drain.push_back(rtl::Input(1, fmt::format("drain{}", c)));
    }
    const linalg::TiledArray array = linalg::make_tiled_array(feeds, acc_bits);
    for (int c = 0; c < C; ++c) {
        rtl::Output out(acc_bits, fmt::format("out{}", c)), last(1, fmt::format("bottom_last{}", c));
        out <<= array.bottom_result[static_cast<std::size_t>(c)];
        last <<= array.bottom_last[static_cast<std::size_t>(c)];
    }

    std::mt19937 rng(3);
    // w[t][r][k] (int8), x[t][k][c] (9-bit signed), and the expected sums.
    std::vector<std::vector<std::vector<int>>> w(tiles, std::vector<std::vector<int>>(R, std::vector<int>(K)));
    std::vector<std::vector<std::vector<int>>> x(tiles, std::vector<std::vector<int>>(K, std::vector<int>(C)));
    for (auto& t : w)
        for (auto& row : t)
            for (int& v : row) v = static_cast<int>(rng() % 256) - 128;
    for (auto& t : x)
        for (auto& row : t)
            for (int& v : row) v = static_cast<int>(rng() % 511) - 255;
    auto expected = [&](int t, int r, int c) {
        long sum = 0;
        for (int k = 0; k < K; ++k) sum += static_cast<long>(w[t][r][k]) * x[t][k][c];
        return sum;
    };

    rtl::Simulation sim;
    int checked = 0;
    for (int cycle = 0; cycle < tiles * K + R + C + 2 * R + 4; ++cycle) {
        rtl::InputValues in;
        for (int r = 0; r < R; ++r) {
            const int t = (cycle - r) / K, k = (cycle - r) % K;  // row r is skewed by r
            const bool live = cycle >= r && t < tiles;
            in[fmt::format("w{}", r)] = live ? w[t][r][k] & 0xff : 0;
            in[fmt::format("last{}", r)] = live && k == K - 1;
        }
        for (int c = 0; c < C; ++c) {
            const int t = (cycle - c) / K, k = (cycle - c) % K;
            const bool live = cycle >= c && t < tiles;
            in[fmt::format("x{}", c)] = live ? x[t][k][c] & 0x1ff : 0;
            // Column c's tile t ends when its bottom PE takes the last slot, in cycle
            // t*K + K-1 + R-1 + c; it drains in the R cycles after that.
            bool draining = false;
            for (int t2 = 0; t2 < tiles; ++t2) {
                const int end = t2 * K + K - 1 + R - 1 + c;
                draining = draining || (cycle > end && cycle <= end + R);
            }
            in[fmt::format("drain{}", c)] = draining;
        }
        sim.step(in);
        for (int c = 0; c < C; ++c) {
            for (int t = 0; t < tiles; ++t) {
                const int end = t * K + K - 1 + R - 1 + c;
                if (cycle == end) CHECK(sim.inspect_u64(fmt::format("bottom_last{}", c)) == 1);
                if (cycle > end && cycle <= end + R) {
                    const int row = R - 1 - (cycle - end - 1);  // the bottom row leaves first
                    const auto got =
                        static_cast<long>(rtl::truncate_value(sim.inspect(fmt::format("out{}", c)), acc_bits));
                    const long value = got >= (1L << (acc_bits - 1)) ? got - (1L << acc_bits) : got;
                    INFO("tile " << t << " row " << row << " column " << c);
                    CHECK(value == expected(t, row, c));
                    ++checked;
                }
            }
        }
    }
    CHECK(checked == tiles * R * C);
}

TEST_CASE("the tiled array refuses mismatched feeds")
{
    rtl::BlockScope scope;
    linalg::TiledArrayFeeds feeds{{rtl::Input(8, "w")}, {}, {rtl::Input(9, "x")}, {rtl::Input(1, "d")}};
    CHECK_THROWS_AS(linalg::make_tiled_array(feeds, 16), rtl::WidthError);
}

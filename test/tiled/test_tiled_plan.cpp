// The tiled accelerator's plan, checked against the model it was made from.

#include "accel/tiled_plan.hpp"
#include "qnn/quantize.hpp"
#include "rtl/error.hpp"
#include "tiled_models.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cstdlib>

TEST_CASE("signed_bits_for gives the narrowest two's-complement width")
{
    CHECK(accel::signed_bits_for(0) == 1);
    CHECK(accel::signed_bits_for(1) == 2);
    CHECK(accel::signed_bits_for(127) == 8);
    CHECK(accel::signed_bits_for(128) == 9);  // +128 needs 9 bits
    CHECK(accel::signed_bits_for((1u << 21) - 1) == 22);
}

TEST_CASE("every weight sits in its tile's ROM word and every row has its parameters")
{
    const qnn::QuantizedModel model = tiled_test::random_model({23, 11, 7, 5}, 3);
    for (accel::TiledShape shape : {accel::TiledShape{4, 3, 3, 4}, accel::TiledShape{5, 4, 1, 2},
                                    accel::TiledShape{1, 1, 1, 1}, accel::TiledShape{16, 2, 2, 8}}) {
        INFO("array " << shape.rows << "x" << shape.cols << ", Q " << shape.requantizers);
        const accel::TiledPlan plan(model, shape);
        std::vector<std::vector<int>> seen(model.layers.size());
        for (std::size_t l = 0; l < model.layers.size(); ++l)
            seen[l].assign(static_cast<std::size_t>(model.layers[l].rows), 0);
        int first_outs = 0, last_outs = 0;
        for (std::size_t t = 0; t < plan.tiles().size(); ++t) {
            const accel::Tile& tile = plan.tiles()[t];
            const qnn::DenseLayer& layer = model.layers[static_cast<std::size_t>(tile.layer)];
            CHECK(tile.slots >= layer.cols);
            CHECK(tile.slots >= shape.rows * (shape.cols / shape.requantizers + 1));
            for (int k = 0; k < tile.slots; ++k)
                for (int r = 0; r < shape.rows; ++r) {
                    const rtl::BigInt word = plan.weight_words().at(static_cast<std::size_t>(tile.weight_address + k));
                    const int byte = static_cast<int>((word >> (8 * r)) & 0xff);
                    const int row = tile.first_row + r;
                    const int expected = row < layer.rows && k < layer.cols ? layer.w(row, k) & 0xff : 0;
                    REQUIRE(byte == expected);
                }
            const auto multipliers = qnn::layer_multipliers(model, static_cast<std::size_t>(tile.layer));
            for (int r = 0; r < plan.row_stride(); ++r) {
                const accel::RowParameters& p = plan.row_parameters().at(
                    t * static_cast<std::size_t>(plan.row_stride()) + static_cast<std::size_t>(r));
                const int row = tile.first_row + r;
                CHECK(p.valid == (r < shape.rows && row < layer.rows));
                if (!p.valid) continue;
                ++seen[static_cast<std::size_t>(tile.layer)][static_cast<std::size_t>(row)];
                const qnn::Multiplier m = multipliers[static_cast<std::size_t>(row)];
                CHECK(p.row == row);
                CHECK((p.m0 << plan.widths().multiplier_shift) == m.m0);
                CHECK(p.shift == 32 + m.n - plan.widths().multiplier_shift);
                CHECK(p.bias == layer.bias[static_cast<std::size_t>(row)]);
                first_outs += p.first_out;
                last_outs += p.last_out;
            }
        }
        for (const auto& rows : seen)
            for (int count : rows) CHECK(count == 1);  // every row in exactly one tile
        CHECK(first_outs == 1);
        CHECK(last_outs == 1);
        // Only a layer's first tile waits (for the previous layer's last results).
        for (std::size_t t = 0; t < plan.tiles().size(); ++t)
            if (t == 0 || plan.tiles()[t].layer == plan.tiles()[t - 1].layer) CHECK(plan.tiles()[t].gap == 0);
    }
}

TEST_CASE("the datapath widths are the narrowest that hold the model's extreme values")
{
    const qnn::QuantizedModel model = tiled_test::random_model({31, 9, 6}, 8);
    const accel::TiledPlan plan(model, {});
    // The largest accumulator any input reaches: x = −128 or 127 against each weight's sign.
    std::int64_t largest = 0, largest_sum = 0;
    for (std::size_t l = 0; l < model.layers.size(); ++l) {
        const qnn::DenseLayer& layer = model.layers[l];
        const int zero = model.layer_input_zero(l);
        for (int r = 0; r < layer.rows; ++r) {
            std::int64_t up = 0, down = 0;
            for (int k = 0; k < layer.cols; ++k) {
                const std::int64_t lo = std::int64_t{-128} - zero, hi = std::int64_t{127} - zero;
                up += std::max(layer.w(r, k) * lo, layer.w(r, k) * hi);
                down += std::min(layer.w(r, k) * lo, layer.w(r, k) * hi);
            }
            const std::int64_t bias = layer.bias[static_cast<std::size_t>(r)];
            largest = std::max({largest, std::abs(up), std::abs(down)});
            largest_sum = std::max({largest_sum, std::abs(up + bias), std::abs(down + bias)});
        }
    }
    // Wide enough for ±largest, and one bit less would not be.
    const int acc_bits = plan.widths().accumulator;
    CHECK(largest <= (std::int64_t{1} << (acc_bits - 1)) - 1);
    CHECK(largest > (std::int64_t{1} << (acc_bits - 2)) - 1);
    const int sum_bits = plan.widths().sum;
    CHECK(largest_sum <= (std::int64_t{1} << (sum_bits - 1)) - 1);
    CHECK(largest_sum > (std::int64_t{1} << (sum_bits - 2)) - 1);
    CHECK(plan.widths().product == sum_bits + plan.widths().multiplier + 1);
}

TEST_CASE("impossible tiled shapes are refused with a reason")
{
    const qnn::QuantizedModel model = tiled_test::random_model({8, 4, 3}, 1);
    CHECK_THROWS_WITH(accel::TiledPlan(model, {4, 4, 3, 4}), Catch::Contains("Q must divide C"));
    CHECK_THROWS_WITH(accel::TiledPlan(model, {0, 4, 1, 4}), Catch::Contains("at least 1"));
    CHECK_THROWS_WITH(accel::TiledPlan(model, {4, 4, 1, 3}), Catch::Contains("power of two"));
    CHECK_THROWS_AS(accel::TiledPlan(model, {4, 4, 1, 3}), rtl::Error);
}

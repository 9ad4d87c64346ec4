#include "linalg/wire_matrix_2d.hpp"

#include <catch2/catch.hpp>

using linalg::IntMatrix;

TEST_CASE("WireMatrix2D from inputs values and a concatenated wire - transpose - outputs")
{
    rtl::BlockScope scope;
    IntMatrix values = {{1, 2, 3}, {4, 5, 6}};
    auto in = linalg::WireMatrix2D::inputs("m", 2, 3, 8);
    in.valid <<= 1;
    in.make_outputs("in_out");
    auto consts = linalg::WireMatrix2D::from_values({{-1, 2}, {3, -4}}, 8, "c");
    consts.make_outputs("c_out");
    rtl::Input packed(2 * 3 * 8, "packed");
    auto sliced = linalg::WireMatrix2D::from_concatenated(packed, 2, 3, 8, "p");
    sliced.transpose().make_outputs("pt");
    rtl::Simulation sim;
    rtl::InputValues inputs = in.provided_inputs(values);
    inputs["packed"] = linalg::make_concatenated_value(values, 8);
    sim.step(inputs);
    CHECK(in.inspect(sim, "in_out") == values);
    CHECK(consts.inspect(sim, "c_out") == IntMatrix{{-1, 2}, {3, -4}});
    CHECK(sliced.transpose().inspect(sim, "pt") == linalg::transpose(values));
    CHECK(linalg::make_concatenated_value({{1, 2}, {3, 4}}, 4) == 0x1234);
    CHECK(linalg::make_concatenated_value({{-1}}, 4) == 0xF);
    CHECK_THROWS_AS(linalg::WireMatrix2D::from_concatenated(packed, 2, 2, 8, "bad"), rtl::WidthError);
    CHECK_THROWS_AS(in.provided_inputs({{1, 2}}), rtl::WidthError);
}

TEST_CASE("stream layout for the systolic array: stream s is delayed s cycles")
{
    auto data = linalg::make_input_memblock_data({{1, 2, 3}, {4, 5, 6}}, 8, 2);
    // cycle 0: (1, 0); cycle 1: (2, 4); cycle 2: (3, 5); cycle 3: (0, 6)
    CHECK(data == std::vector<rtl::BigInt>{0x0100, 0x0204, 0x0305, 0x0006});
    CHECK_THROWS_AS(linalg::make_input_memblock_data({{1, 2, 3}, {4, 5, 6}}, 8, 1), rtl::WidthError);
}

// Formal equivalence (yosys) of the matrix demo's design (examples/matrix_demo: a 2x3 · 3x4 systolic
// array over a memory-fed y, then an elementwise add) before and after the optimization pipeline.
#include "linalg/elementwise.hpp"
#include "linalg/systolic_array.hpp"
#include "verilog_tools.hpp"

#include <catch2/catch.hpp>

TEST_CASE("yosys proves the matrix demo equivalent before and after the pipeline", "[formal]")
{
    rtl::BlockScope scope;
    auto x = linalg::iota_matrix(2, 3, 1);
    auto y = linalg::iota_matrix(3, 4, 7);
    auto a = linalg::iota_matrix(2, 4, 1);
    int ib = std::max(linalg::minimum_bitwidth(x), linalg::minimum_bitwidth(y)) + 1;
    int bits = linalg::systolic_counter_bitwidth({2, 3}, {3, 4});
    rtl::MemBlock y_memory(ib * 4, bits, "y_memory");
    auto y_matrix = linalg::WireMatrix2D::from_memory(y_memory, 3, 4, ib, "y");
    y_matrix.valid <<= 1;
    auto xy = linalg::make_systolic_array("mm0", x, y_matrix, 0, ib, 32);
    xy.make_outputs("matrix_xy");
    auto xya = linalg::make_elementwise_add("add0", xy, linalg::WireMatrix2D::from_values(a, ib, "a"), 32);
    xya.make_outputs("matrix_xya");
    xya.ready <<= 0;
    rtl::Output valid(1, "valid");
    valid <<= xya.valid;
    std::map<std::uint64_t, rtl::BigInt> words;
    auto data = linalg::make_input_memblock_data(linalg::transpose(y), ib, bits);
    for (std::size_t i = 0; i < data.size(); ++i) words[i] = data[i];
    auto result = test_tools::yosys_equivalence(scope.block(), test_tools::scratch_dir("formal_matrix_demo"),
                                                {{"y_memory", words}});
    INFO(result.output.substr(0, 3000));
    CHECK(result.exit_code == 0);
}

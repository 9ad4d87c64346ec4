// The systolic array against a plain C++ matrix product: constant, wire and memory operands, nonzero
// zero points, chained arrays, idle inputs, back-to-back runs and random shapes.
#include "linalg/elementwise.hpp"
#include "linalg/systolic_array.hpp"

#include <catch2/catch.hpp>

#include <random>

using linalg::IntMatrix;

namespace {

const IntMatrix kA = {{1, -2, 3}, {-4, 5, -6}};
const IntMatrix kB = {{11, 12, 13, 14}, {15, 16, 17, 18}, {19, 20, 21, 22}};

// Steps until the product's valid is high; returns the number of steps taken.
std::size_t run_until_valid(rtl::Simulation& sim, const std::string& valid, const rtl::InputValues& inputs = {},
                            std::size_t limit = 2000)
{
    return sim.step_until([&] { return sim.inspect_u64(valid) == 1; }, limit, inputs);
}

}  // namespace

TEST_CASE("hand-worked product with constant operands and pyrtlnet's timing")
{
    rtl::BlockScope scope;
    int ib = std::max(linalg::minimum_bitwidth(kA), linalg::minimum_bitwidth(kB));
    auto product = linalg::make_systolic_array("mm", kA, kB, 0, ib, 2 * ib + 4);
    product.ready <<= 1;
    product.make_outputs("out");
    rtl::Simulation sim;
    std::size_t steps = run_until_valid(sim, "mm.output.valid");
    // Valid first seen in cycle R+K+C (counting from 0), i.e. after R+K+C+1 steps.
    CHECK(steps == static_cast<std::size_t>(linalg::num_systolic_array_cycles({2, 3}, {3, 4}) + 1));
    CHECK(product.inspect(sim, "out") == linalg::matmul(kA, kB));
    CHECK(product.inspect(sim, "out") == IntMatrix{{38, 40, 42, 44}, {-83, -88, -93, -98}});
}

TEST_CASE("wire-backed and memory-backed operands with a nonzero zero point")
{
    rtl::BlockScope scope;
    const int ib = 8, acc = 32, bits = linalg::systolic_counter_bitwidth({2, 3}, {3, 4});
    auto a = linalg::WireMatrix2D::inputs("a", 2, 3, ib);
    a.valid <<= 1;
    rtl::MemBlock b_mem(ib * 4, bits, "b_mem");
    auto b = linalg::WireMatrix2D::from_memory(b_mem, 3, 4, ib, "b");
    b.valid <<= 1;
    auto product = linalg::make_systolic_array("mm", a, b, 1, ib, acc);
    product.ready <<= 1;
    product.make_outputs("out");
    std::map<std::uint64_t, rtl::BigInt> words;
    auto data = linalg::make_input_memblock_data(linalg::transpose(kB), ib, bits);
    for (std::size_t i = 0; i < data.size(); ++i) words[i] = data[i];
    rtl::Simulation sim(rtl::SimulationOptions{.memory_values = {{"b_mem", words}}});
    run_until_valid(sim, "mm.output.valid", a.provided_inputs(kA));
    CHECK(product.inspect(sim, "out") == linalg::matmul(kA, kB, 1));
}

TEST_CASE("chained arrays compute a·b·c and the handshake carries valid through")
{
    rtl::BlockScope scope;
    IntMatrix c = {{1, 0}, {0, 1}, {2, -1}, {-3, 4}};
    auto ab = linalg::make_systolic_array("ab", kA, kB, 0, 8, 32);
    auto abc = linalg::make_systolic_array("abc", ab, c, 0, 32, 32);
    abc.ready <<= 1;
    abc.make_outputs("out");
    rtl::Simulation sim;
    std::size_t steps = run_until_valid(sim, "abc.output.valid");
    CHECK(abc.inspect(sim, "out") == linalg::matmul(linalg::matmul(kA, kB), c));
    CHECK(steps ==
          static_cast<std::size_t>(linalg::num_systolic_array_cycles({2, 3}, {3, 4}) +
                                   linalg::num_systolic_array_cycles({2, 4}, {4, 2}) + 1));
}

TEST_CASE("idle input keeps the array waiting - after a result it runs again without a reset")
{
    rtl::BlockScope scope;
    auto a = linalg::WireMatrix2D::inputs("a", 2, 3, 8);
    rtl::Input a_valid(1, "a_valid"), take(1, "take");
    a.valid <<= a_valid;
    auto product = linalg::make_systolic_array("mm", a, kB, 0, 8, 32);
    product.ready <<= take;
    product.make_outputs("out");
    rtl::Simulation sim;
    rtl::InputValues idle = a.provided_inputs(kA);
    idle["a_valid"] = 0;
    idle["take"] = 0;
    for (int i = 0; i < 10; ++i) {
        sim.step(idle);
        CHECK(sim.inspect("mm.state") == 0);  // INIT
    }
    IntMatrix second = {{7, 0, -7}, {1, 1, 1}};
    for (const IntMatrix& input : {kA, second, kA}) {
        rtl::InputValues go = a.provided_inputs(input);
        go["a_valid"] = 1;
        go["take"] = 0;
        sim.step(go);  // accepted in this cycle
        rtl::InputValues wait = a.provided_inputs({{0, 0, 0}, {0, 0, 0}});  // inputs may change once accepted
        wait["a_valid"] = 0;
        wait["take"] = 0;
        std::size_t steps = run_until_valid(sim, "mm.output.valid", wait);
        CHECK(steps == static_cast<std::size_t>(linalg::num_systolic_array_cycles({2, 3}, {3, 4})));
        // The result holds while nobody takes it.
        for (int i = 0; i < 5; ++i) {
            sim.step(wait);
            CHECK(sim.inspect("mm.output.valid") == 1);
            CHECK(product.inspect(sim, "out") == linalg::matmul(input, kB));
        }
        rtl::InputValues taken = wait;
        taken["take"] = 1;
        sim.step(taken);
        sim.step(wait);
        CHECK(sim.inspect("mm.output.valid") == 0);
    }
}

TEST_CASE("random shapes and values match a plain matrix product")
{
    std::mt19937_64 rng(2024);
    for (int trial = 0; trial < 12; ++trial) {
        rtl::BlockScope scope;
        int R = 1 + static_cast<int>(rng() % 5), K = 1 + static_cast<int>(rng() % 6),
            C = 1 + static_cast<int>(rng() % 5);
        auto random_matrix = [&](int rows, int cols) {
            IntMatrix m(static_cast<std::size_t>(rows), std::vector<std::int64_t>(static_cast<std::size_t>(cols)));
            for (auto& row : m)
                for (auto& v : row) v = static_cast<std::int64_t>(rng() % 256) - 128;
            return m;
        };
        IntMatrix a = random_matrix(R, K), b = random_matrix(K, C);
        std::int64_t zero = static_cast<std::int64_t>(rng() % 256) - 128;
        auto wb = linalg::WireMatrix2D::inputs("b", K, C, 8);
        wb.valid <<= 1;
        // b − b_zero needs 9 bits when b_zero is nonzero; a·(b−z) summed over K fits 32 bits.
        auto product = linalg::make_systolic_array("mm", a, wb, zero, 8, 32);
        product.ready <<= 1;
        product.make_outputs("out");
        rtl::Simulation sim;
        std::size_t steps = run_until_valid(sim, "mm.output.valid", wb.provided_inputs(b));
        INFO("shape " << R << "x" << K << " · " << K << "x" << C << " zero " << zero);
        CHECK(steps == static_cast<std::size_t>(R + K + C + 1));
        CHECK(product.inspect(sim, "out") == linalg::matmul(a, b, zero));
    }
}

TEST_CASE("mismatched shapes are rejected")
{
    rtl::BlockScope scope;
    CHECK_THROWS_AS(linalg::make_systolic_array("mm", kA, kA, 0, 8, 32), rtl::WidthError);
}

// Gate-level synthesis, area and timing estimates, and BLIF in both directions, each checked against
// an independent implementation: the word-level simulation, hand-counted gates, and yosys.
#include "random_circuit.hpp"
#include "rtl/synthesis.hpp"
#include "verilog_tools.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using Catch::Matchers::Contains;

namespace {

// Simulates `a` and `b` on the same random inputs; every Output must agree every cycle.
void compare_outputs(const rtl::Block& a, const rtl::Block& b, std::uint64_t seed, int cycles,
                     const std::map<std::string, std::map<std::uint64_t, rtl::BigInt>>& memories = {})
{
    rtl::Simulation sa(a, {.trace = false, .memory_values = memories});
    rtl::Simulation sb(b, {.trace = false, .memory_values = memories});
    std::mt19937_64 rng(seed);
    for (int c = 0; c < cycles; ++c) {
        rtl::InputValues inputs;
        for (const auto& w : a.wires())
            if (w.kind == rtl::WireKind::Input) inputs[w.name] = test_tools::random_bits(rng, w.bitwidth);
        sa.step(inputs);
        sb.step(inputs);
        for (const auto& w : a.wires())
            if (w.kind == rtl::WireKind::Output) {
                INFO("cycle " << c << ", output " << w.name);
                REQUIRE(sa.inspect(w.name) == sb.inspect(w.name));
            }
    }
}

bool only_gates(const rtl::Block& block)
{
    for (const auto& net : block.nets()) {
        bool wiring = net.op == rtl::Op::Wire || net.op == rtl::Op::Concat || net.op == rtl::Op::Select ||
            net.op == rtl::Op::MemRead || net.op == rtl::Op::MemWrite;
        if (!wiring && block.wire(net.dest).bitwidth != 1) return false;
        if (net.op == rtl::Op::Add || net.op == rtl::Op::Sub || net.op == rtl::Op::Mul || net.op == rtl::Op::Lt ||
            net.op == rtl::Op::Gt || net.op == rtl::Op::Eq)
            return false;
    }
    return true;
}

}  // namespace

TEST_CASE("synthesize lowers random circuits to 1-bit gates that simulate identically")
{
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        rtl::BlockScope scope;
        std::mt19937_64 rng(seed * 31337);
        std::map<std::string, std::map<std::uint64_t, rtl::BigInt>> memories;
        for (int i = 0; i < 10; ++i) {
            auto c = test_tools::add_random_circuit(rng, "c" + std::to_string(i) + "_", 14, 12);
            memories.insert(c.memory_init.begin(), c.memory_init.end());
        }
        auto gates = rtl::synthesize(scope.block());
        INFO("seed " << seed);
        CHECK(only_gates(*gates));
        compare_outputs(scope.block(), *gates, seed, 20, memories);
    }
}

TEST_CASE("synthesize keeps named wires and registers inspectable")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "a");
    rtl::Register acc(6, "acc", 5);
    acc.next <<= (acc + a).truncate(6);
    rtl::WireVector doubled(7, "doubled");
    doubled <<= acc + acc;
    rtl::Output o(7, "o");
    o <<= doubled;
    auto gates = rtl::synthesize(scope.block());
    rtl::Simulation word(scope.block()), bit(*gates);
    for (int c = 0; c < 10; ++c) {
        word.step({{"a", c}});
        bit.step({{"a", c}});
        CHECK(word.inspect("acc") == bit.inspect("acc"));
        CHECK(word.inspect("doubled") == bit.inspect("doubled"));
    }
    CHECK(bit.inspect("acc[0]") == (word.inspect("acc") & 1));
}

TEST_CASE("area and timing estimates follow the documented cell model")
{
    rtl::BlockScope scope;
    rtl::Input a(8, "a"), b(8, "b"), c(1, "c");
    rtl::Output o(8, "o"), p(1, "p");
    o <<= a & b;  // 8 and gates
    rtl::WireVector x(1, "x");
    x <<= a[0] ^ b[0];
    p <<= ~(x | c);  // xor 2, or 1.4, not 1: the critical path, 4.4
    rtl::Register r(3, "r");
    r.next <<= r;  // 3 flip-flops, no gates
    auto area = rtl::estimate_area(scope.block());
    CHECK(area.gates == 11);
    CHECK(area.flip_flops == 3);
    CHECK(area.logic == Approx(8 * 1.33 + 2.33 + 1.33 + 0.67));
    CHECK(area.registers == Approx(3 * 4.67));
    auto timing = rtl::estimate_timing(scope.block());
    CHECK(timing.critical_path == Approx(4.4));
    REQUIRE(timing.path.size() >= 3);
    CHECK(timing.path.back() == "p");
    CHECK(std::find(timing.path.begin(), timing.path.end(), "x") != timing.path.end());

    // A 16-bit adder: a ripple of 16 carries is slower than an 8-bit one.
    rtl::BlockScope adders;
    rtl::Input w(16, "w"), v(16, "v"), s(8, "s"), t(8, "t");
    rtl::Output wide(17, "wide"), narrow(9, "narrow");
    wide <<= w + v;
    narrow <<= s + t;
    rtl::BlockScope only_narrow;
    rtl::Input s2(8, "s"), t2(8, "t");
    rtl::Output narrow2(9, "narrow");
    narrow2 <<= s2 + t2;
    CHECK(rtl::estimate_timing(adders.block()).critical_path > rtl::estimate_timing(only_narrow.block()).critical_path);
    CHECK(rtl::estimate_area(adders.block()).total() > rtl::estimate_area(only_narrow.block()).total());
}

TEST_CASE("BLIF: yosys reads what rtlnet writes, and rtlnet reads it back identically", "[formal]")
{
    int tested = 0;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        std::mt19937_64 rng(seed * 7777);
        for (int i = 0; i < 6; ++i) {
            // Circuits without memories (BLIF has none).
            rtl::BlockScope trial;
            test_tools::add_random_circuit(rng, "c" + std::to_string(i) + "_", 12, 10);
            if (!trial.block().memories().empty()) continue;
            ++tested;
            std::ostringstream text;
            rtl::output_to_blif(text, trial.block());
            auto dir = test_tools::scratch_dir("blif" + std::to_string(seed) + "_" + std::to_string(i));
            test_tools::write_file(dir / "design.blif", text.str());
            auto yosys = rtl::yosys_run(dir, "read_blif design.blif; hierarchy -check; stat");
            INFO(text.str().substr(0, 1000) << "\n" << yosys.output.substr(0, 2000));
            CHECK(yosys.exit_code == 0);
            rtl::BlockScope back;
            std::istringstream in(text.str());
            rtl::input_from_blif(in, back.block(), "design.blif");
            compare_outputs(trial.block(), back.block(), seed, 16);
        }
    }
    CHECK(tested >= 8);
}

TEST_CASE("BLIF from yosys synthesis is brought into a design (PyRTL's input_from_verilog through yosys)", "[formal]")
{
    auto dir = test_tools::scratch_dir("blif_from_yosys");
    test_tools::write_file(
        dir / "t.v",
        "module t(input clk, input [3:0] a, input [3:0] b, output [4:0] s, output reg [3:0] r);\n"
        "  assign s = a + b;\n  initial r = 4'h3;\n  always @(posedge clk) r <= r ^ a;\nendmodule\n");
    auto yosys = rtl::yosys_run(
        dir, "read_verilog t.v; synth -flatten -top t; abc -g AND,OR,XOR,MUX; opt_clean; write_blif t.blif");
    REQUIRE(yosys.exit_code == 0);
    rtl::BlockScope scope;
    std::ifstream in(dir / "t.blif");
    rtl::input_from_blif(in, scope.block(), "t.blif");
    rtl::Simulation sim;
    unsigned r = 3;
    for (unsigned c = 0; c < 12; ++c) {
        unsigned a = (c * 5) % 16, b = (c * 3 + 1) % 16;
        sim.step({{"a", a}, {"b", b}});
        CHECK(sim.inspect("s") == a + b);
        CHECK(sim.inspect("r") == r);
        r ^= a;
    }
}

TEST_CASE("BLIF errors name the line and memories are refused")
{
    rtl::BlockScope scope;
    std::istringstream bad(".model m\n.inputs a\n.outputs y\n.names a y\n1x 1\n.end\n");
    CHECK_THROWS_WITH(rtl::input_from_blif(bad, scope.block(), "bad.blif"), Contains("bad.blif:5"));
    rtl::BlockScope undefined;
    std::istringstream missing(".model m\n.inputs a\n.outputs y\n.names a q y\n11 1\n.end\n");
    CHECK_THROWS_WITH(rtl::input_from_blif(missing, undefined.block(), "m.blif"), Contains("\"q\""));
    rtl::BlockScope with_memory;
    rtl::MemBlock mem(4, 2, "m");
    rtl::Input addr(2, "addr");
    rtl::Output o(4, "o");
    o <<= mem[addr];
    std::ostringstream out;
    CHECK_THROWS_WITH(rtl::output_to_blif(out, with_memory.block()), Contains("memory \"m\""));
}

// The middle end (passes.hpp): each pass on a design made to need it, checked both by what it removed
// and by simulating the result against the unoptimized design; then random circuits with and without
// the pipeline, every named wire compared in every cycle.
#include "random_circuit.hpp"
#include "rtl/rtl.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using Catch::Matchers::Contains;

namespace {

std::size_t count_ops(const rtl::Block& block, rtl::Op op)
{
    std::size_t n = 0;
    for (const auto& net : block.nets()) n += net.op == op;
    return n;
}

// The widest destination of any net of kind `op`.
int widest(const rtl::Block& block, rtl::Op op)
{
    int w = 0;
    for (const auto& net : block.nets())
        if (net.op == op) w = std::max(w, block.wire(net.dest).bitwidth);
    return w;
}

// Simulates `block` with the pipeline `none` and with `pipeline` on the same random inputs and
// requires every traced (named) wire to agree in every cycle. Returns the number of values compared.
std::size_t compare_pipelines(const rtl::Block& block, const std::string& pipeline, std::uint64_t seed, int cycles,
                              const std::map<std::string, std::map<std::uint64_t, rtl::BigInt>>& memories = {})
{
    rtl::Simulation raw(block, {.memory_values = memories, .pipeline = "none"});
    rtl::Simulation optimized(block, {.memory_values = memories, .pipeline = pipeline});
    std::mt19937_64 rng(seed);
    for (int c = 0; c < cycles; ++c) {
        rtl::InputValues inputs;
        for (const auto& w : block.wires())
            if (w.kind == rtl::WireKind::Input) inputs[w.name] = test_tools::random_bits(rng, w.bitwidth);
        raw.step(inputs);
        optimized.step(inputs);
    }
    const auto& want = raw.trace().signals();
    const auto& got = optimized.trace().signals();
    REQUIRE(want.size() == got.size());
    std::size_t compared = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
        INFO("wire " << want[i].name);
        REQUIRE(want[i].name == got[i].name);
        REQUIRE(want[i].bitwidth == got[i].bitwidth);
        CHECK(want[i].limbs == got[i].limbs);
        compared += static_cast<std::size_t>(cycles);
    }
    for (const auto& m : block.memories()) CHECK(raw.inspect_mem(m.name) == optimized.inspect_mem(m.name));
    return compared;
}

}  // namespace

TEST_CASE("constant_fold folds constant nets and identities")
{
    rtl::BlockScope scope;
    rtl::Input a(8, "a");
    rtl::Output o(8, "o"), p(8, "p"), q(1, "q");
    o <<= (rtl::Const(3, 8) + rtl::Const(4, 8)) & a;  // 7 & a
    p <<= (a | 0) ^ (a & 0);  // a
    q <<= a < 0;  // never true
    auto before = rtl::optimize(scope.block(), {.pipeline = "none"});
    auto after = rtl::optimize(scope.block(), {.pipeline = "constant_fold,copy_collapse,dead_logic"});
    CHECK(count_ops(*before, rtl::Op::Add) == 1);
    CHECK(count_ops(*after, rtl::Op::Add) == 0);
    CHECK(count_ops(*after, rtl::Op::Or) == 0);
    CHECK(count_ops(*after, rtl::Op::Xor) == 0);
    CHECK(count_ops(*after, rtl::Op::Lt) == 0);
    CHECK(count_ops(*after, rtl::Op::And) == 1);
    compare_pipelines(scope.block(), "constant_fold", 1, 20);
    rtl::Simulation sim(scope.block());
    sim.step({{"a", 0xff}});
    CHECK(sim.inspect("o") == 7);
    CHECK(sim.inspect("p") == 0xff);
    CHECK(sim.inspect("q") == 0);
}

TEST_CASE("constant_fold merges neighbouring constants and reads ROMs at constant addresses")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "a");
    rtl::RomBlock rom(8, 2, {11, 22, 33}, "rom");
    rtl::Output o(13, "o"), r(8, "r");
    o <<= rtl::concat(rtl::Const(0, 4), rtl::Const(1, 1), a, rtl::Const(2, 4));
    r <<= rom[rtl::Const(2, 2)];
    auto after = rtl::optimize(scope.block(), {.pipeline = "constant_fold,dead_logic"});
    CHECK(count_ops(*after, rtl::Op::MemRead) == 0);
    bool merged = false;
    for (const auto& net : after->nets())
        if (net.op == rtl::Op::Concat) merged = net.args.size() == 3;
    CHECK(merged);
    rtl::Simulation sim(scope.block());
    sim.step({{"a", 5}});
    CHECK(sim.inspect("o") == ((1 << 8) | (5 << 4) | 2));
    CHECK(sim.inspect("r") == 33);
}

TEST_CASE("copy_collapse removes copies and lets a named wire take over its temporary's logic")
{
    rtl::BlockScope scope;
    rtl::Input a(8, "a"), b(8, "b");
    rtl::WireVector sum(9, "sum");
    sum <<= a + b;  // a temporary, then a copy into "sum"
    rtl::WireVector t1, t2;
    t1 <<= sum;
    t2 <<= t1;
    rtl::Output o(9, "o");
    o <<= t2;
    auto before = rtl::optimize(scope.block(), {.pipeline = "none"});
    auto after = rtl::optimize(scope.block(), {.pipeline = "copy_collapse,dead_logic"});
    CHECK(count_ops(*before, rtl::Op::Wire) == 4);
    CHECK(count_ops(*after, rtl::Op::Wire) == 1);  // o = sum
    const auto* driver = after->driver(*after->find_wire("sum"));
    REQUIRE(driver != nullptr);
    CHECK(driver->op == rtl::Op::Add);
    compare_pipelines(scope.block(), "copy_collapse,dead_logic", 2, 20);
}

TEST_CASE("copy_collapse composes selects of selects and of concatenations")
{
    rtl::BlockScope scope;
    rtl::Input a(8, "a"), b(8, "b");
    rtl::Output o(3, "o"), p(4, "p");
    o <<= a(6, 1)(3, 1);  // a[4:2]
    p <<= rtl::concat(a, b)(11, 8);  // a[3:0]
    auto after = rtl::optimize(scope.block(), {.pipeline = "copy_collapse,dead_logic"});
    CHECK(count_ops(*after, rtl::Op::Select) == 2);
    CHECK(count_ops(*after, rtl::Op::Concat) == 0);
    for (const auto& net : after->nets())
        if (net.op == rtl::Op::Select) CHECK(after->wire(net.args[0]).name == "a");
    compare_pipelines(scope.block(), "copy_collapse,dead_logic", 3, 20);
}

TEST_CASE("mux_simplify removes constant selects equal cases and repeated conditions")
{
    rtl::BlockScope scope;
    rtl::Input s(1, "s"), a(8, "a"), b(8, "b"), c(8, "c");
    rtl::Output o(8, "o"), p(8, "p"), q(8, "q"), r(1, "r");
    o <<= rtl::select(rtl::Const(1, 1), a, b);
    p <<= rtl::select(s, a, a);
    q <<= rtl::select(s, rtl::select(s, a, b), c);  // s ? a : c
    r <<= rtl::select(s, rtl::Const(1, 1), rtl::Const(0, 1));
    auto after = rtl::optimize(scope.block(), {.pipeline = "mux_simplify,dead_logic"});
    CHECK(count_ops(*after, rtl::Op::Mux) == 1);
    compare_pipelines(scope.block(), "mux_simplify,dead_logic", 4, 30);
}

TEST_CASE("common_subexpressions computes each distinct value once")
{
    rtl::BlockScope scope;
    rtl::Input a(8, "a"), b(8, "b");
    rtl::Output o(9, "o"), p(9, "p"), q(1, "q");
    o <<= a + b;
    p <<= b + a;  // commutative: the same sum
    q <<= (a - b)[0] ^ (a - b)[1];
    auto before = rtl::optimize(scope.block(), {.pipeline = "none"});
    auto after = rtl::optimize(scope.block(), {.pipeline = "common_subexpressions,dead_logic"});
    CHECK(count_ops(*before, rtl::Op::Add) == 2);
    CHECK(count_ops(*after, rtl::Op::Add) == 1);
    CHECK(count_ops(*before, rtl::Op::Sub) == 2);
    CHECK(count_ops(*after, rtl::Op::Sub) == 1);
    compare_pipelines(scope.block(), "common_subexpressions,dead_logic", 5, 20);
}

TEST_CASE("width_reduction computes a truncated sum at the width that is kept")
{
    rtl::BlockScope scope;
    rtl::Input x(32, "x");
    rtl::Register acc(32, "acc");
    acc.next <<= acc + x;  // PyRTL gives 33 bits; the register keeps 32
    rtl::Output o(32, "o");
    o <<= acc;
    rtl::Output low(4, "low");
    low <<= (x * x)(3, 0);  // a 64-bit product of which 4 bits are read
    auto before = rtl::optimize(scope.block(), {.pipeline = "none"});
    auto after = rtl::optimize(scope.block());
    CHECK(widest(*before, rtl::Op::Add) == 33);
    CHECK(widest(*after, rtl::Op::Add) == 32);
    CHECK(widest(*before, rtl::Op::Mul) == 64);
    CHECK(widest(*after, rtl::Op::Mul) == 4);
    compare_pipelines(scope.block(), "default", 6, 40);
}

TEST_CASE("zero_extension computes zero-extended values at their significant width")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "a"), b(4, "b"), c(70, "c");
    rtl::Output sum(8, "sum"), product(16, "product"), less(1, "less");
    sum <<= a.zero_extended(7) + b.zero_extended(7);  // an 8-bit add of 4-bit values
    product <<= a.zero_extended(8) * b.zero_extended(8);  // a 16-bit product of 4-bit values
    less <<= a.zero_extended(70) < rtl::concat(rtl::Const(0, 66), c(3, 0));  // a 70-bit comparison of 4-bit values
    auto before = rtl::optimize(scope.block(), {.pipeline = "none"});
    auto after = rtl::optimize(scope.block(), {.pipeline = "zero_extension,copy_collapse,constant_fold,dead_logic"});
    CHECK(widest(*before, rtl::Op::Add) == 8);
    CHECK(widest(*after, rtl::Op::Add) == 5);
    CHECK(widest(*after, rtl::Op::Mul) == 8);
    for (const auto& net : after->nets())
        if (net.op == rtl::Op::Lt) CHECK(after->wire(net.args[0]).bitwidth == 4);
    compare_pipelines(scope.block(), "zero_extension", 7, 40);
    compare_pipelines(scope.block(), "default", 8, 40);
}

TEST_CASE("dead_logic keeps named wires for simulation and drops them for export")
{
    rtl::BlockScope scope;
    rtl::Input a(8, "a");
    rtl::WireVector unused_named(8, "debug_view");
    unused_named <<= a + 1;
    rtl::WireVector unused_temp;
    unused_temp <<= a * a;
    rtl::Register idle(8, "idle");
    idle.next <<= idle + 1;  // reaches no Output
    rtl::Output o(8, "o");
    o <<= a ^ 3;
    auto simulated = rtl::optimize(scope.block());
    auto exported = rtl::optimize(scope.block(), {.keep_named_wires = false});
    CHECK(simulated->find_wire("debug_view"));
    CHECK(simulated->find_wire("idle"));
    CHECK(count_ops(*simulated, rtl::Op::Mul) == 0);
    CHECK_FALSE(exported->find_wire("debug_view"));
    CHECK_FALSE(exported->find_wire("idle"));
    CHECK(rtl::design_statistics(*exported).nets == 1);
    rtl::Simulation sim(scope.block());
    sim.step({{"a", 4}});
    sim.step({{"a", 4}});
    CHECK(sim.inspect("debug_view") == 5);
    CHECK(sim.inspect("idle") == 1);
    CHECK_THROWS_WITH(sim.inspect(unused_temp.name()), Contains("removed by optimization"));
}

TEST_CASE("the pipeline never changes the user's block and names unknown passes")
{
    rtl::BlockScope scope;
    rtl::Input a(8, "a");
    rtl::Output o(8, "o");
    rtl::WireVector w(8, "w");
    rtl::when(a[0], [&] { w |= a + 1; });
    o <<= w;
    std::size_t nets = scope.block().nets().size(), wires = scope.block().wires().size();
    rtl::Simulation first(scope.block());
    std::ostringstream v1, v2;
    rtl::output_to_verilog(v1);
    rtl::Simulation second(scope.block());
    rtl::output_to_verilog(v2);
    CHECK(scope.block().nets().size() == nets);
    CHECK(scope.block().wires().size() == wires);
    CHECK(v1.str() == v2.str());
    CHECK_THROWS_WITH(rtl::optimize(scope.block(), {.pipeline = "constant_fold,fold_everything"}),
                      Contains("fold_everything") && Contains("width_reduction"));
    CHECK_THROWS_AS(rtl::Simulation(scope.block(), {.pipeline = "nonsense"}), rtl::Error);
}

TEST_CASE("random circuits: the optimized design equals the unoptimized one in every named wire every cycle")
{
    // Every pass alone and the whole pipeline, over many random circuits (with named intermediates,
    // registers, memories, ROMs and conditional assignments).
    std::vector<std::string> pipelines = rtl::pass_names();
    pipelines.push_back("default");
    std::size_t compared = 0;
    for (std::uint64_t seed = 1; seed <= 16; ++seed) {
        rtl::BlockScope scope;
        std::mt19937_64 rng(seed * 7919);
        std::map<std::string, std::map<std::uint64_t, rtl::BigInt>> memories;
        for (int i = 0; i < 40; ++i) {
            auto c = test_tools::add_random_circuit(rng, "s" + std::to_string(seed) + "c" + std::to_string(i) + "_");
            memories.insert(c.memory_init.begin(), c.memory_init.end());
        }
        for (const auto& pipeline : pipelines) {
            INFO("seed " << seed << ", pipeline " << pipeline);
            compared += compare_pipelines(scope.block(), pipeline, seed, 16, memories);
        }
        auto before = rtl::design_statistics(*rtl::optimize(scope.block(), {.pipeline = "none"}));
        auto after = rtl::design_statistics(*rtl::optimize(scope.block()));
        CHECK(after.nets < before.nets);
    }
    CHECK(compared > 10000);
}

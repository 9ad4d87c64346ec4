// The compiled simulation mode: really compiled, identical to the interpreter cycle by cycle, whole
// loops inside compiled code, and a clear fallback when no compiler is available.
#include "rtl/rtl.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

namespace {

// A design with registers, a memory, wide values and a 1-bit "done" flag.
void build_design()
{
    rtl::Input step(8, "step");
    rtl::Register count(16, "count"), wide(130, "wide", 5);
    rtl::MemBlock mem(40, 4, "mem");
    count.next <<= count + step;
    wide.next <<= (wide * 3 + count)(129, 0);
    mem[count(3, 0)] <<= rtl::concat(count, count(15, 0) ^ step, step);
    rtl::Output out(40, "out"), done(1, "done"), w(130, "w");
    out <<= mem[step(3, 0)];
    done <<= count > 5000;
    w <<= wide;
}

}  // namespace

TEST_CASE("compiled mode equals the interpreter every cycle and loops inside compiled code", "[both-modes]")
{
    rtl::BlockScope scope;
    build_design();
    rtl::Simulation interp(scope.block(), {.mode = rtl::SimulationMode::Interpreter});
    rtl::Simulation compiled(scope.block(), {.mode = rtl::SimulationMode::Compiled});
    REQUIRE(compiled.is_compiled());
    CHECK_FALSE(interp.is_compiled());
    for (int i = 0; i < 200; ++i) {
        rtl::InputValues in = {{"step", (i * 37) % 256}};
        interp.step(in);
        compiled.step(in);
        REQUIRE(interp.inspect("out") == compiled.inspect("out"));
        REQUIRE(interp.inspect("w") == compiled.inspect("w"));
    }
    CHECK(interp.trace().values("count") == compiled.trace().values("count"));

    // Whole loops: step_many and run_until (compiled code when no trace is kept).
    rtl::Simulation fast(scope.block(), {.mode = rtl::SimulationMode::Compiled, .trace = false});
    rtl::Simulation slow(scope.block(), {.mode = rtl::SimulationMode::Interpreter, .trace = false});
    fast.step_many(300, {{"step", 3}});
    slow.step_many(300, {{"step", 3}});
    CHECK(fast.inspect("count") == slow.inspect("count"));
    CHECK(fast.inspect("w") == slow.inspect("w"));
    CHECK(fast.inspect_mem("mem") == slow.inspect_mem("mem"));
    auto a = fast.run_until("done", 100000, {{"step", 7}});
    auto b = slow.run_until("done", 100000, {{"step", 7}});
    CHECK(a == b);
    CHECK(fast.cycle() == slow.cycle());
    CHECK(fast.inspect("out") == slow.inspect("out"));
    rtl::Simulation fresh(scope.block(), {.mode = rtl::SimulationMode::Compiled, .trace = false});
    CHECK_THROWS_AS(fresh.run_until("done", 10, {{"step", 1}}), rtl::SimulationError);
}

TEST_CASE("without a compiler compiled mode falls back to the interpreter and says why", "[both-modes]")
{
    rtl::BlockScope scope;
    build_design();
    ::setenv("RTLNET_CXX", "/nonexistent/c++", 1);
    rtl::Simulation sim(scope.block(), {.mode = rtl::SimulationMode::Compiled, .cache_dir = "/nonexistent-cache-dir"});
    ::unsetenv("RTLNET_CXX");
    CHECK_FALSE(sim.is_compiled());
    CHECK(sim.fallback_reason().find("/nonexistent/c++") != std::string::npos);
    sim.step({{"step", 1}});
    CHECK(sim.inspect("count") == 0);
}

TEST_CASE("compiled mode keeps temporaries in locals and refuses to read one unless traced", "[both-modes]")
{
    rtl::BlockScope scope;
    rtl::Input a(16, "a"), b(16, "b");
    rtl::Register acc(32, "acc");
    // Shared subexpressions (read twice) survive the pipeline as tmp wires.
    rtl::WireVector sum = a + b, product = a * b;
    acc.next <<= (acc + sum * product + (sum ^ product))(31, 0);
    rtl::Output out(32, "out");
    out <<= acc ^ sum;
    rtl::Simulation interp(scope.block(), {.mode = rtl::SimulationMode::Interpreter, .trace = false});
    rtl::Simulation compiled(scope.block(), {.mode = rtl::SimulationMode::Compiled, .trace = false});
    REQUIRE(compiled.is_compiled());
    for (int i = 0; i < 100; ++i) {
        rtl::InputValues in = {{"a", (i * 7919) % 65536}, {"b", (i * 104729) % 65536}};
        interp.step(in);
        compiled.step(in);
        REQUIRE(interp.inspect("out") == compiled.inspect("out"));
        REQUIRE(interp.inspect("acc") == compiled.inspect("acc"));
    }
    // The temporaries of this design, by name: readable in the interpreter; in compiled mode, an
    // explicit error rather than a stale value, unless the wire is traced.
    std::vector<std::string> temporaries;
    // (the simulated design is the block after the default pipeline, keeping named wires)
    const auto design = rtl::optimize(scope.block(), {.keep_named_wires = true});
    for (const auto& w : design->wires())
        if (w.kind == rtl::WireKind::Wire && w.name.starts_with("tmp")) temporaries.push_back(w.name);
    REQUIRE_FALSE(temporaries.empty());
    std::size_t refused = 0;
    for (const auto& name : temporaries) {
        CHECK_NOTHROW(interp.inspect(name));
        try {
            compiled.inspect(name);
        } catch (const rtl::SimulationError& e) {
            CHECK_THAT(e.what(), Catch::Matchers::Contains("compiler temporary"));
            ++refused;
        }
    }
    CHECK(refused > 0);
    rtl::Simulation traced(scope.block(), {.mode = rtl::SimulationMode::Compiled, .traced_wires = temporaries});
    rtl::Simulation reference(scope.block(), {.mode = rtl::SimulationMode::Interpreter, .traced_wires = temporaries});
    for (int i = 0; i < 20; ++i) {
        traced.step({{"a", i * 3}, {"b", 1000 - i}});
        reference.step({{"a", i * 3}, {"b", 1000 - i}});
    }
    for (const auto& name : temporaries) CHECK(traced.trace().values(name) == reference.trace().values(name));
}

TEST_CASE("wide temporaries kept in locals limb by limb equal the interpreter, and traced ones stay whole",
          "[both-modes]")
{
    rtl::BlockScope scope;
    rtl::Input a(70, "a"), b(100, "b"), sel(1, "sel");
    rtl::Register acc(130, "acc");
    // Shared wide subexpressions (each read twice) survive the pipeline as tmp wires: a concatenation
    // whose pieces straddle limbs, a select, bitwise ops, and a sum that the limb helpers read.
    rtl::WireVector joined = rtl::concat(a(69, 3), b, a(2, 0));  // 170 bits
    rtl::WireVector chosen = rtl::select(sel, joined, ~joined);
    rtl::WireVector mixed = chosen ^ rtl::concat(b, a(69, 0));
    rtl::WireVector sum = (mixed(129, 0) + acc)(129, 0);
    acc.next <<= sum ^ mixed(169, 43);
    rtl::Output out(130, "out"), low(64, "low"), high(42, "high");
    out <<= acc ^ sum;
    low <<= mixed(63, 0) | chosen(100, 37);
    high <<= chosen(169, 128) & mixed(41, 0);
    rtl::Simulation interp(scope.block(), {.mode = rtl::SimulationMode::Interpreter, .trace = false});
    rtl::Simulation compiled(scope.block(), {.mode = rtl::SimulationMode::Compiled, .trace = false});
    REQUIRE(compiled.is_compiled());
    auto pattern = [](int i, int salt) {
        rtl::BigInt v = 0;
        for (int k = 0; k < 4; ++k) v = (v << 32) + static_cast<std::uint32_t>((i + 1) * 2654435761u * (salt + k + 1));
        return v;
    };
    for (int i = 0; i < 150; ++i) {
        rtl::InputValues in = {{"a", pattern(i, 1) & ((rtl::BigInt(1) << 70) - 1)},
                               {"b", pattern(i, 7) & ((rtl::BigInt(1) << 100) - 1)},
                               {"sel", i % 3 == 0 ? 1 : 0}};
        interp.step(in);
        compiled.step(in);
        for (const char* name : {"out", "low", "high", "acc"}) REQUIRE(interp.inspect(name) == compiled.inspect(name));
    }
    std::vector<std::string> wide_temporaries;
    const auto design = rtl::optimize(scope.block(), {.keep_named_wires = true});
    for (const auto& w : design->wires())
        if (w.kind == rtl::WireKind::Wire && w.name.starts_with("tmp") && w.bitwidth > 64)
            wide_temporaries.push_back(w.name);
    REQUIRE_FALSE(wide_temporaries.empty());
    rtl::Simulation traced(scope.block(), {.mode = rtl::SimulationMode::Compiled, .traced_wires = wide_temporaries});
    rtl::Simulation reference(scope.block(),
                              {.mode = rtl::SimulationMode::Interpreter, .traced_wires = wide_temporaries});
    for (int i = 0; i < 30; ++i) {
        rtl::InputValues in = {{"a", pattern(i, 3) & ((rtl::BigInt(1) << 70) - 1)},
                               {"b", pattern(i, 5) & ((rtl::BigInt(1) << 100) - 1)},
                               {"sel", i % 2}};
        traced.step(in);
        reference.step(in);
    }
    for (const auto& name : wide_temporaries) {
        CHECK(traced.trace().values(name) == reference.trace().values(name));
        CHECK(traced.inspect(name) == reference.inspect(name));
    }
}

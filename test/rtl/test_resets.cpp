// Clocks and resets as design elements (clocking.hpp): per-register synchronous and asynchronous
// resets on any signal and polarity, simulated by both modes exactly as an independent model and the
// emitted Verilog (under Verilator and Icarus) behave; the clock's name; no clock on logic without
// state.
#include "rtl/rtl.hpp"
#include "verilog_tools.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

using rtl::BigInt;

namespace {

const rtl::SimulationMode kModes[] = {rtl::SimulationMode::Interpreter, rtl::SimulationMode::Compiled};

// A counter with an active-high asynchronous reset to 5, and a shift register with an active-low
// synchronous reset to 0x81.
void build_counter_and_shifter()
{
    rtl::Input areset(1, "areset"), srst_n(1, "srst_n"), din(1, "din");
    rtl::Register count(4, "count", 5, rtl::async_reset(areset));
    count.next <<= count + 1;
    rtl::Register shift(8, "shift", 0x81, rtl::sync_reset(srst_n, rtl::ActiveLow));
    shift.next <<= rtl::concat(shift(6, 0), din);
    rtl::Output count_out(4, "count_out"), shift_out(8, "shift_out");
    count_out <<= count;
    shift_out <<= shift;
}

// The two registers as a designer reads the spec, cycle by cycle: values seen during a cycle in
// which the inputs are (areset, srst_n, din).
struct CounterShifterModel {
    unsigned count = 5, shift = 0x81;
    void cycle_inputs(bool areset)
    {
        if (areset) count = 5;  // asynchronous: at once
    }
    void clock_edge(bool areset, bool srst_n, bool din)
    {
        count = areset ? 5 : (count + 1) & 15;
        shift = !srst_n ? 0x81 : ((shift << 1) | (din ? 1 : 0)) & 0xff;
    }
};

}  // namespace

TEST_CASE("synchronous and asynchronous resets simulate as the spec says in both modes")
{
    for (auto mode : kModes) {
        rtl::BlockScope scope;
        build_counter_and_shifter();
        rtl::Simulation sim({.mode = mode});
        CounterShifterModel model;
        std::mt19937 rng(3);
        for (int cycle = 0; cycle < 200; ++cycle) {
            bool areset = rng() % 7 == 0, srst_n = rng() % 5 != 0, din = rng() % 2;
            sim.step({{"areset", areset}, {"srst_n", srst_n}, {"din", din}});
            model.cycle_inputs(areset);
            INFO("cycle " << cycle << (mode == rtl::SimulationMode::Compiled ? " compiled" : " interpreter"));
            REQUIRE(sim.inspect_u64("count") == model.count);
            REQUIRE(sim.inspect_u64("count_out") == model.count);
            REQUIRE(sim.inspect_u64("shift") == model.shift);
            model.clock_edge(areset, srst_n, din);
        }
    }
}

TEST_CASE("an asynchronous reset is seen in the cycle it rises; a synchronous one at the next edge")
{
    rtl::BlockScope scope;
    build_counter_and_shifter();
    rtl::Simulation sim;
    sim.step({{"areset", 0}, {"srst_n", 1}, {"din", 0}});
    sim.step({});
    CHECK(sim.inspect_u64("count") == 6);
    sim.step({{"areset", 1}, {"srst_n", 0}});
    CHECK(sim.inspect_u64("count") == 5);  // at once
    CHECK(sim.inspect_u64("shift") == 0x04);  // 0x81 << 2, not yet reset
    sim.step({{"areset", 0}, {"srst_n", 1}});
    CHECK(sim.inspect_u64("count") == 5);  // held through the edge
    CHECK(sim.inspect_u64("shift") == 0x81);  // taken at the edge
    sim.step({});
    CHECK(sim.inspect_u64("count") == 6);
}

TEST_CASE("resets on internal signals: a register, logic, a ResetScope and a replaced reset")
{
    for (auto mode : kModes) {
        rtl::BlockScope scope;
        rtl::Input rst_in(1, "rst_in"), a(4, "a");
        rtl::Register sync1(1, "sync1", 1), sync2(1, "sync2", 1);  // a reset synchronizer
        sync1.next <<= rst_in;
        sync2.next <<= sync1;
        rtl::Register by_reg(4, "by_reg", 9, rtl::async_reset(sync2));
        by_reg.next <<= by_reg + a;
        rtl::WireVector logic = a == 15;
        rtl::Register by_logic(4, "by_logic", 3, rtl::async_reset(logic, rtl::ActiveLow));
        by_logic.next <<= by_logic + 1;
        rtl::Register s1(4, "s1", 0), s2(4, "s2", 0);
        {
            rtl::ResetScope rs(rtl::sync_reset(rst_in));
            rtl::Register inner(4, "inner", 2);
            inner.next <<= inner + 1;
            rtl::Register own(4, "own", 1);
            own.set_reset({});  // a register may leave the scope's reset
            own.next <<= own + 1;
        }
        s1.set_reset(rtl::sync_reset(rst_in));
        s1.set_reset(rtl::async_reset(rst_in));  // replaced, after the scope
        s1.next <<= s1 + 1;
        s2.next <<= s2 + 1;
        rtl::Simulation sim({.mode = mode});
        unsigned m_sync1 = 1, m_sync2 = 1, m_by_reg = 9, m_by_logic = 3, m_inner = 2, m_own = 1, m_s1 = 0;
        std::mt19937 rng(11);
        for (int cycle = 0; cycle < 150; ++cycle) {
            unsigned rst = rng() % 6 == 0, av = rng() % 16;
            sim.step({{"rst_in", rst}, {"a", av}});
            if (m_sync2) m_by_reg = 9;
            if (av != 15) m_by_logic = 3;  // active low: reset while a != 15
            if (rst) m_s1 = 0;
            INFO("cycle " << cycle);
            REQUIRE(sim.inspect_u64("by_reg") == m_by_reg);
            REQUIRE(sim.inspect_u64("by_logic") == m_by_logic);
            REQUIRE(sim.inspect_u64("inner") == m_inner);
            REQUIRE(sim.inspect_u64("own") == m_own);
            REQUIRE(sim.inspect_u64("s1") == m_s1);
            m_by_reg = m_sync2 ? 9 : (m_by_reg + av) & 15;
            m_by_logic = av != 15 ? 3 : (m_by_logic + 1) & 15;
            m_inner = rst ? 2 : (m_inner + 1) & 15;
            m_own = (m_own + 1) & 15;
            m_s1 = rst ? 0 : (m_s1 + 1) & 15;
            m_sync2 = m_sync1;
            m_sync1 = rst;
        }
    }
}

TEST_CASE("reset errors name the wires")
{
    rtl::BlockScope scope;
    rtl::Input wide(2, "wide"), r(1, "r");
    CHECK_THROWS_AS(rtl::sync_reset(wide), rtl::WidthError);
    CHECK_THROWS_WITH(rtl::async_reset(wide), Catch::Contains("\"wide\"") && Catch::Contains("2 bits"));
    // Logic that depends on the register it resets asynchronously is a loop.
    rtl::Register q(2, "q");
    rtl::WireVector loop = q == 3;
    q.set_reset(rtl::async_reset(loop));
    q.next <<= q + 1;
    CHECK_THROWS_AS(rtl::Simulation(), rtl::CombinationalLoopError);
    q.set_reset(rtl::sync_reset(loop));  // a synchronous reset from its own value is fine
    CHECK_NOTHROW(rtl::Simulation());
    rtl::BlockScope other;
    rtl::Register elsewhere(1, "elsewhere");
    CHECK_THROWS_AS(elsewhere.set_reset(rtl::sync_reset(r)), rtl::ConnectionError);
}

TEST_CASE("the Verilog of per-register resets matches the simulation under Verilator and Icarus")
{
    rtl::BlockScope scope;
    rtl::set_clock_name("sys_clk");
    build_counter_and_shifter();
    rtl::Input rst_n(1, "rst_n"), a(4, "a"), rst_request(1, "rst_request");
    rtl::Register sync1(1, "sync1", 1);  // a signal used as an asynchronous reset is not also logic (lint)
    sync1.next <<= rst_request;
    rtl::Register by_reg(4, "by_reg", 9, rtl::async_reset(sync1));
    by_reg.next <<= by_reg + a;
    rtl::Register low(4, "low", 6, rtl::async_reset(rst_n, rtl::ActiveLow));
    low.next <<= low ^ a;
    rtl::Register plain(4, "plain", 0);
    plain.next <<= plain + a;
    rtl::Output by_reg_out(4, "by_reg_out"), low_out(4, "low_out"), plain_out(4, "plain_out");
    by_reg_out <<= by_reg;
    low_out <<= low;
    plain_out <<= plain;

    std::vector<std::string> outputs = {"count_out", "shift_out", "by_reg_out", "low_out", "plain_out"};
    for (auto reset_style : {rtl::ResetStyle::None, rtl::ResetStyle::Synchronous}) {
        rtl::Simulation sim;
        std::mt19937 rng(5);
        std::ostringstream expected;
        for (int cycle = 0; cycle < 80; ++cycle) {
            sim.step({{"areset", rng() % 9 == 0},
                      {"srst_n", rng() % 6 != 0},
                      {"din", rng() % 2},
                      {"rst_n", rng() % 8 != 0},
                      {"rst_request", rng() % 7 == 0},
                      {"a", rng() % 16}});
            for (const auto& o : outputs) expected << o << " " << std::hex << sim.inspect(o) << std::dec << "\n";
        }
        std::string cmd;
        for (const auto& o : outputs) cmd += "$display(\"" + o + " %0h\", " + o + ");";
        std::ostringstream module, bench;
        rtl::output_to_verilog(module, scope.block(), {.reset = reset_style});
        rtl::output_verilog_testbench(bench, sim.trace(), scope.block(), {.cmd = cmd, .reset = reset_style});
        const std::string text = module.str();
        INFO(text);
        CHECK(text.find("always @(posedge sys_clk or posedge areset)") != std::string::npos);
        CHECK(text.find("always @(posedge sys_clk or negedge rst_n)") != std::string::npos);
        CHECK(text.find("always @(posedge sys_clk or posedge sync1)") != std::string::npos);
        CHECK(text.find("if (!srst_n)") != std::string::npos);
        CHECK(text.find("input sys_clk;") != std::string::npos);
        CHECK((text.find("input rst;") != std::string::npos) == (reset_style != rtl::ResetStyle::None));
        auto dir = test_tools::scratch_dir(reset_style == rtl::ResetStyle::None ? "resets" : "resets_rst");
        test_tools::write_file(dir / "toplevel.v", text);
        test_tools::write_file(dir / "tb.v", bench.str());
        auto lint = test_tools::verilator_lint(dir / "toplevel.v", "toplevel");
        INFO(lint.output);
        CHECK(lint.exit_code == 0);
        std::vector<std::string> prefixes;
        for (const auto& o : outputs) prefixes.push_back(o + " ");
        auto strip = [&](const std::string& text) { return test_tools::lines_starting_with(text, prefixes); };
        auto verilator = test_tools::verilator_run(dir, dir / "tb.v", dir / "toplevel.v");
        INFO(verilator.output.substr(0, 3000));
        REQUIRE(verilator.exit_code == 0);
        CHECK(strip(verilator.output) == expected.str());
        auto icarus = test_tools::iverilog_run(dir, dir / "tb.v", dir / "toplevel.v");
        INFO(icarus.output.substr(0, 3000));
        REQUIRE(icarus.exit_code == 0);
        CHECK(strip(icarus.output) == expected.str());
    }
}

TEST_CASE("the clock has a name, and logic without state has no clock port")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "a");
    rtl::Output y(4, "y");
    y <<= a + 1;
    std::ostringstream comb;
    rtl::output_to_verilog(comb, scope.block(), {.reset = rtl::ResetStyle::Synchronous});
    CHECK(comb.str().find("clk") == std::string::npos);
    CHECK(comb.str().find("rst") == std::string::npos);

    CHECK_THROWS_AS(rtl::WireVector(1, "clk"), rtl::ConnectionError);
    rtl::set_clock_name("core_clock");
    rtl::WireVector now_free(1, "clk");  // the default name is free once the clock is renamed
    now_free <<= a[0];
    CHECK_THROWS_WITH(rtl::WireVector(1, "Core_Clock"), Catch::Contains("clock"));
    CHECK_THROWS_AS(rtl::set_clock_name("a"), rtl::ConnectionError);  // taken by the Input
    CHECK_THROWS_AS(rtl::set_clock_name("2clk"), rtl::ConnectionError);
    rtl::Register r(4, "r");
    r.next <<= r + a;
    rtl::Output ro(4, "ro");
    ro <<= r;
    std::ostringstream seq;
    rtl::output_to_verilog(seq, scope.block());
    CHECK(seq.str().find("always @(posedge core_clock)") != std::string::npos);
    std::ostringstream blif;
    rtl::output_to_blif(blif, scope.block());
    CHECK(blif.str().find(" re core_clock ") != std::string::npos);
}

TEST_CASE("synthesis keeps resets: the gate-level design simulates like the original")
{
    rtl::BlockScope scope;
    build_counter_and_shifter();
    auto gates = rtl::synthesize(scope.block());
    rtl::Simulation word_level, gate_level(*gates);
    std::mt19937 rng(9);
    for (int cycle = 0; cycle < 100; ++cycle) {
        rtl::InputValues in = {{"areset", rng() % 7 == 0}, {"srst_n", rng() % 5 != 0}, {"din", rng() % 2}};
        word_level.step(in);
        gate_level.step(in);
        REQUIRE(word_level.inspect("count_out") == gate_level.inspect("count_out"));
        REQUIRE(word_level.inspect("shift_out") == gate_level.inspect("shift_out"));
    }
    std::ostringstream blif;
    CHECK_THROWS_WITH(rtl::output_to_blif(blif, scope.block()), Catch::Contains("asynchronous reset"));
}

TEST_CASE("the memory clearing loop after a reset simulates as its Verilog does")
{
    rtl::BlockScope scope;
    rtl::Input areset(1, "areset"), we(1, "we"), addr(3, "addr"), data(8, "data");
    rtl::MemBlock mem(8, 3, "mem");
    // Set by the reset; clears one word per cycle, then lets writes through.
    rtl::Register clearing(1, "clearing", 1, rtl::async_reset(areset));
    rtl::Register sweep(3, "sweep", 0, rtl::async_reset(areset));
    sweep.next <<= rtl::select(clearing, sweep + 1, sweep);
    clearing.next <<= rtl::select(clearing & (sweep == 7), 0, clearing);
    mem[rtl::select(clearing, sweep, addr)] <<= rtl::EnabledWrite{rtl::select(clearing, 0, data), clearing | we};
    rtl::Output q(8, "q"), busy(1, "busy");
    q <<= mem[addr];
    busy <<= clearing;
    // Every word given (a Verilog memory starts as x where the simulation's starts as 0).
    rtl::Simulation sim({.memory_values = {{"mem", {{0, 9}, {1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 7}, {6, 0}, {7, 0}}}}});
    std::mt19937 rng(12);
    std::ostringstream expected;
    unsigned model[8] = {9, 0, 0, 0, 0, 7, 0, 0};
    unsigned m_clearing = 1, m_sweep = 0;
    for (int cycle = 0; cycle < 60; ++cycle) {
        unsigned r = cycle == 30, w = rng() % 2, ad = rng() % 8, d = rng() % 256;
        sim.step({{"areset", r}, {"we", w}, {"addr", ad}, {"data", d}});
        if (r) m_clearing = 1, m_sweep = 0;
        REQUIRE(sim.inspect_u64("q") == model[ad]);
        REQUIRE(sim.inspect_u64("busy") == m_clearing);
        expected << "q " << std::hex << sim.inspect("q") << " busy " << sim.inspect("busy") << std::dec << "\n";
        if (m_clearing) model[m_sweep] = 0;
        else if (w) model[ad] = d;
        if (!r) {
            unsigned next_clearing = m_clearing && m_sweep == 7 ? 0 : m_clearing;
            m_sweep = m_clearing ? (m_sweep + 1) & 7 : m_sweep;
            m_clearing = next_clearing;
        }
    }
    std::ostringstream module, bench;
    rtl::output_to_verilog(module, scope.block(), {.memory_init = sim.trace().initial_memories});
    rtl::output_verilog_testbench(bench, sim.trace(), scope.block(), {.cmd = "$display(\"q %0h busy %0h\", q, busy);"});
    auto dir = test_tools::scratch_dir("memory_clear");
    test_tools::write_file(dir / "toplevel.v", module.str());
    test_tools::write_file(dir / "tb.v", bench.str());
    auto icarus = test_tools::iverilog_run(dir, dir / "tb.v", dir / "toplevel.v");
    INFO(module.str());
    REQUIRE(icarus.exit_code == 0);
    CHECK(test_tools::lines_starting_with(icarus.output, {"q "}) == expected.str());
}

// Registers (reset values, two-phase update, state names) and conditional assignment semantics.
#include "rtl/rtl.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using rtl::BigInt;

TEST_CASE("a counter counts wraps and shows pre-edge values in the trace")
{
    rtl::BlockScope scope;
    rtl::Register counter(3, "counter");
    counter.next <<= counter + 1;
    rtl::Simulation sim;
    for (int cycle = 0; cycle < 20; ++cycle) {
        sim.step();
        CHECK(sim.inspect("counter") == cycle % 8);
    }
    CHECK(sim.trace().value("counter", 0) == 0);
    CHECK(sim.trace().value("counter", 9) == 1);
}

TEST_CASE("register chains shift correctly (two-phase update) and honour reset values")
{
    rtl::BlockScope scope;
    rtl::Input in(4, "in");
    rtl::Register r1(4, "r1", 5), r2(4, "r2", 9);
    r1.next <<= in;
    r2.next <<= r1;
    rtl::Simulation sim;
    sim.step({{"in", 1}});
    CHECK(sim.inspect("r1") == 5);
    CHECK(sim.inspect("r2") == 9);
    sim.step({{"in", 2}});
    CHECK(sim.inspect("r1") == 1);
    CHECK(sim.inspect("r2") == 5);
    sim.step({{"in", 3}});
    CHECK(sim.inspect("r1") == 2);
    CHECK(sim.inspect("r2") == 1);
    CHECK_THROWS_AS(rtl::Register(2, "bad", 4), rtl::WidthError);
}

TEST_CASE("register_values override the initial value")
{
    rtl::BlockScope scope;
    rtl::Register r(8, "r", 3);
    r.next <<= r + 2;
    rtl::Simulation sim(rtl::SimulationOptions{.register_values = {{"r", 100}}});
    sim.step();
    CHECK(sim.inspect("r") == 100);
    sim.step();
    CHECK(sim.inspect("r") == 102);
}

TEST_CASE("conditional assignment: if / else-if / else nesting defaults")
{
    rtl::BlockScope scope;
    rtl::Input a(1, "a"), b(1, "b"), c(1, "c");
    rtl::Register r(4, "r");
    rtl::WireVector w(4, "w");
    rtl::Output out(4, "out");
    rtl::when(a, [&] {
        r.next |= 1;
        rtl::when(b, [&] { w |= 2; });
    }).elsewhen(c, [&] {
          r.next |= 3;
      }).otherwise([&] { w |= 4; });
    out <<= w;
    rtl::Simulation sim;
    struct Case {
        int a, b, c, w, r_next;
    };
    // r holds when no branch assigns it; w is 0 when no branch assigns it.
    int held = 0;
    for (Case k :
         {Case{1, 1, 0, 2, 1}, Case{1, 0, 1, 0, 1}, Case{0, 1, 1, 0, 3}, Case{0, 0, 0, 4, -1}, Case{0, 1, 0, 4, -1}}) {
        sim.step({{"a", k.a}, {"b", k.b}, {"c", k.c}});
        INFO("a=" << k.a << " b=" << k.b << " c=" << k.c);
        CHECK(sim.inspect("out") == k.w);
        CHECK(sim.inspect("r") == held);
        if (k.r_next >= 0) held = k.r_next;
    }
}

TEST_CASE("a state machine with named states")
{
    enum class State { Idle, Busy, Done };
    rtl::BlockScope scope;
    rtl::Input start(1, "start");
    rtl::Register state("state", {"IDLE", "BUSY", "DONE"});
    rtl::Register count(2, "count");
    CHECK(state.bitwidth() == 2);
    rtl::when(state == State::Idle, [&] {
        rtl::when(start, [&] { state.next |= State::Busy; });
    }).elsewhen(state == State::Busy, [&] {
        count.next |= count + 1;
        rtl::when(count == 2, [&] { state.next |= State::Done; });
    });
    rtl::Simulation sim;
    std::vector<int> starts = {0, 1, 0, 0, 0, 0, 0};
    std::vector<int> states = {0, 0, 1, 1, 1, 2, 2};
    for (std::size_t i = 0; i < starts.size(); ++i) {
        sim.step({{"start", starts[i]}});
        CHECK(sim.inspect("state") == states[i]);
    }
    std::ostringstream os;
    rtl::render_trace(sim.trace(), os, {.names = {"state"}});
    CHECK(os.str().find("BUSY") != std::string::npos);
    CHECK(os.str().find("DONE") != std::string::npos);
}

TEST_CASE("conditional assignment errors")
{
    rtl::BlockScope scope;
    rtl::Input a(1, "a"), b(1, "b"), wide(2, "wide");
    rtl::Register r(4, "r");
    rtl::WireVector w(4, "w");
    CHECK_THROWS_AS(r.next |= 1, rtl::ConditionalError);  // outside any condition
    CHECK_THROWS_AS(rtl::when(wide, [] {}), rtl::ConditionalError);  // 2-bit predicate
    // Two assignments under conditions that can both hold.
    CHECK_THROWS_AS(rtl::when(a,
                              [&] {
                                  w |= 1;
                                  w |= 2;
                              }),
                    rtl::ConditionalError);
    rtl::BlockScope scope2;
    rtl::Input x(1, "x"), y(1, "y");
    rtl::WireVector v(4, "v");
    rtl::when(x, [&] { v |= 1; });
    CHECK_THROWS_AS(rtl::when(y, [&] { v |= 2; }), rtl::ConditionalError);
}

TEST_CASE("|= outside a condition connects like <<= - <<= inside a condition is unconditional")
{
    rtl::BlockScope scope;
    rtl::Input a(1, "a"), x(4, "x");
    rtl::Output o1(4, "o1"), o2(4, "o2");
    o1 |= x;
    rtl::when(a, [&] { o2 <<= x; });
    rtl::Simulation sim;
    sim.step({{"a", 0}, {"x", 9}});
    CHECK(sim.inspect("o1") == 9);
    CHECK(sim.inspect("o2") == 9);
}

TEST_CASE("simulating leaves the design unchanged: conditional assignments made afterwards reach the next simulation")
{
    rtl::BlockScope scope;
    rtl::Input a(1, "a");
    rtl::Output w(4, "w");
    rtl::when(a, [&] { w |= 1; });
    rtl::Simulation first;
    std::ostringstream before, after;
    rtl::output_to_verilog(before);
    rtl::when(a, [] {}).otherwise([&] { w |= 2; });
    rtl::Simulation second;
    first.step({{"a", 0}});
    second.step({{"a", 0}});
    CHECK(first.inspect("w") == 0);
    CHECK(second.inspect("w") == 2);
    rtl::output_to_verilog(after);
    CHECK(before.str() != after.str());
    std::ostringstream again;
    rtl::output_to_verilog(again);
    CHECK(after.str() == again.str());
}

// PyRTL's helpers with PyRTL's semantics: match_bitpattern (with fields), bitfield_update, enum_mux,
// conditional defaults and conditional enabled memory writes, each checked against plain C++ over
// random inputs.
#include "rtl/rtl.hpp"

#include <catch2/catch.hpp>

#include <random>

using Catch::Matchers::Contains;

TEST_CASE("match_bitpattern compares the fixed bits and extracts the lettered fields")
{
    rtl::BlockScope scope;
    rtl::Input instr(12, "instr");
    rtl::Output is_op(1, "is_op"), always(1, "always"), s_out(4, "s_out"), t_out(3, "t_out");
    auto m = rtl::match_bitpattern_fields(instr, "ssss_01?0 t1tt");
    is_op <<= m.matched;
    always <<= rtl::match_bitpattern(instr(3, 0), "????");
    s_out <<= m.fields.at('s');
    t_out <<= m.fields.at('t');
    rtl::Simulation sim;
    std::mt19937 rng(1);
    for (int i = 0; i < 300; ++i) {
        unsigned v = rng() % 4096;
        sim.step({{"instr", v}});
        // bits 11..8 = s, 7 = 0, 6 = 1, 5 = ?, 4 = 0, 3 = t, 2 = 1, 1..0 = t
        bool expect = ((v >> 7) & 1) == 0 && ((v >> 6) & 1) == 1 && ((v >> 4) & 1) == 0 && ((v >> 2) & 1) == 1;
        REQUIRE(sim.inspect_u64("is_op") == expect);
        REQUIRE(sim.inspect_u64("always") == 1);
        REQUIRE(sim.inspect_u64("s_out") == (v >> 8));
        REQUIRE(sim.inspect_u64("t_out") == ((((v >> 3) & 1) << 2) | (v & 3)));
    }
    CHECK_THROWS_AS(rtl::match_bitpattern(instr, "0101"), rtl::WidthError);
    CHECK_THROWS_WITH(rtl::match_bitpattern(instr(3, 0), "01x*"), Contains("'*'"));
}

TEST_CASE("bitfield_update replaces a field and keeps the other bits")
{
    rtl::BlockScope scope;
    rtl::Input w(16, "w"), v(4, "v"), wide(6, "wide");
    rtl::Output mid(16, "mid"), top(16, "top"), bottom(16, "bottom"), cut(16, "cut"), bit(16, "bit");
    mid <<= rtl::bitfield_update(w, 9, 6, v);
    top <<= rtl::bitfield_update(w, -1, 12, v);  // negative counts from the MSB
    bottom <<= rtl::bitfield_update(w, 3, 0, 0);
    cut <<= rtl::bitfield_update(w, 7, 4, wide, true);
    bit <<= rtl::bitfield_update(w, 15, 15, 1);
    rtl::Simulation sim;
    std::mt19937 rng(2);
    for (int i = 0; i < 200; ++i) {
        unsigned x = rng() % 65536, y = rng() % 16, z = rng() % 64;
        sim.step({{"w", x}, {"v", y}, {"wide", z}});
        REQUIRE(sim.inspect_u64("mid") == ((x & ~0x3c0U) | (y << 6)));
        REQUIRE(sim.inspect_u64("top") == ((x & 0x0fffU) | (y << 12)));
        REQUIRE(sim.inspect_u64("bottom") == (x & ~0xfU));
        REQUIRE(sim.inspect_u64("cut") == ((x & ~0xf0U) | ((z & 15) << 4)));
        REQUIRE(sim.inspect_u64("bit") == (x | 0x8000U));
    }
    CHECK_THROWS_WITH(rtl::bitfield_update(w, 7, 4, wide), Contains("truncating"));
    CHECK_THROWS_AS(rtl::bitfield_update(w, 3, 5, v), rtl::WidthError);
    CHECK_THROWS_AS(rtl::bitfield_update(w, 16, 5, v), rtl::WidthError);
}

TEST_CASE("enum_mux picks by state and insists on every state without a default")
{
    enum class State { Idle, Busy, Done };
    rtl::BlockScope scope;
    rtl::Input go(1, "go"), a(8, "a");
    rtl::Register state("state", {"IDLE", "BUSY", "DONE"});
    state.next <<= rtl::enum_mux(state, {{State::Idle, rtl::select(go, 1, 0)}, {State::Busy, 2}, {State::Done, 0}});
    rtl::Output out(8, "out"), sparse(8, "sparse");
    out <<= rtl::enum_mux(state, {{State::Idle, 0}, {State::Busy, a}, {State::Done, 255}});
    sparse <<= rtl::enum_mux(a, {{3, 30}, {200, a}}, 7);
    rtl::Simulation sim;
    unsigned model = 0;
    std::mt19937 rng(4);
    for (int i = 0; i < 200; ++i) {
        unsigned g = rng() % 3 == 0, av = rng() % 8 == 0 ? 3 : rng() % 8 == 0 ? 200 : rng() % 256;
        sim.step({{"go", g}, {"a", av}});
        REQUIRE(sim.inspect_u64("state") == model);
        REQUIRE(sim.inspect_u64("out") == (model == 0 ? 0 : model == 1 ? av : 255));
        REQUIRE(sim.inspect_u64("sparse") == (av == 3 ? 30 : av == 200 ? 200 : 7));
        model = model == 0 ? (g ? 1 : 0) : model == 1 ? 2 : 0;
    }
    CHECK_THROWS_WITH(rtl::enum_mux(state, {{State::Idle, 0}, {State::Busy, 1}}), Contains("DONE"));
    CHECK_THROWS_WITH(rtl::enum_mux(a(1, 0), {{0, 1}, {2, 1}}), Contains("1, 3"));
    CHECK_THROWS_WITH(rtl::enum_mux(a, {{1, 0}, {1, 2}}, 0), Contains("twice"));
    CHECK_THROWS_AS(rtl::enum_mux(a(1, 0), {{4, 0}}, 0), rtl::ValueError);
}

TEST_CASE("conditional defaults replace 0 for wires and holding for registers")
{
    rtl::BlockScope scope;
    rtl::Input clear(1, "clear"), load(1, "load"), a(4, "a");
    rtl::WireVector ready(1, "ready"), code(4, "code");
    rtl::Register count(4, "count");
    rtl::conditional_default(ready, 1);
    rtl::conditional_default(count, count + 1);  // counts unless a branch says otherwise
    rtl::conditional_default(code, a);
    rtl::when(clear, [&] {
        count.next |= 0;
        ready |= 0;
    }).elsewhen(load, [&] {
        count.next |= a;
        code |= 9;
    });
    rtl::Output ready_out(1, "ready_out"), code_out(4, "code_out");
    ready_out <<= ready;
    code_out <<= code;
    rtl::Simulation sim;
    unsigned model = 0;
    std::mt19937 rng(6);
    for (int i = 0; i < 200; ++i) {
        unsigned c = rng() % 5 == 0, l = rng() % 4 == 0, av = rng() % 16;
        sim.step({{"clear", c}, {"load", l}, {"a", av}});
        REQUIRE(sim.inspect_u64("count") == model);
        REQUIRE(sim.inspect_u64("ready_out") == (c ? 0 : 1));
        REQUIRE(sim.inspect_u64("code_out") == (!c && l ? 9 : av));
        model = c ? 0 : l ? av : (model + 1) & 15;
    }
    auto second_default = [&] { rtl::conditional_default(ready, 0); };  // on one line: its line is checked
    const int line = __LINE__ - 1;
    CHECK_THROWS_WITH(second_default(),
                      Contains("already has a conditional default") && Contains(std::to_string(line)));
    CHECK_THROWS_AS(rtl::conditional_default(a, 0), rtl::ConditionalError);
    CHECK_THROWS_AS(rtl::when(clear, [&] { rtl::conditional_default(code_out, 1); }), rtl::ConditionalError);
    rtl::WireVector only_default(3, "only_default");
    rtl::conditional_default(only_default, 5);  // no |= at all: the wire is its default
    rtl::Output od(3, "od");
    od <<= only_default;
    rtl::Simulation sim2;
    sim2.step({{"clear", 0}, {"load", 0}, {"a", 0}});
    CHECK(sim2.inspect_u64("od") == 5);
}

TEST_CASE("mem[addr] |= EnabledWrite writes only when the condition and the enable hold")
{
    rtl::BlockScope scope;
    rtl::Input mode(1, "mode"), we(1, "we"), addr(2, "addr"), data(8, "data"), raddr(2, "raddr");
    rtl::MemBlock mem(8, 2, "mem");
    rtl::when(mode, [&] { mem[addr] |= rtl::EnabledWrite{data, we}; });
    rtl::Output q(8, "q");
    q <<= mem[raddr];
    rtl::Simulation sim;
    unsigned model[4] = {0, 0, 0, 0};
    std::mt19937 rng(8);
    for (int i = 0; i < 300; ++i) {
        unsigned m = rng() % 2, w = rng() % 2, ad = rng() % 4, d = rng() % 256, r = rng() % 4;
        sim.step({{"mode", m}, {"we", w}, {"addr", ad}, {"data", d}, {"raddr", r}});
        REQUIRE(sim.inspect_u64("q") == model[r]);
        if (m && w) model[ad] = d;
    }
    CHECK_THROWS_AS(mem[addr] |= (rtl::EnabledWrite{data, we}), rtl::ConditionalError);  // outside when()
}

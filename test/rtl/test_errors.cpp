// Bad designs are reported with typed errors whose messages name the wires involved.
#include "rtl/rtl.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <sstream>
#include <vector>

using Catch::Matchers::Contains;

// "test_errors.cpp:<line>" as an error message shows it.
std::string here(int line)
{
    return "test_errors.cpp:" + std::to_string(line);
}

TEST_CASE("multiple drivers name the wire and both lines")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "a");
    rtl::Output o(4, "o");
    o <<= a;
    const int first = __LINE__ - 1;
    // Each statement whose line is checked stands on a line of its own: compilers differ on the line
    // of a macro argument that spans several.
    auto drive_again = [&] { o <<= a; };
    const int second = __LINE__ - 1;
    CHECK_THROWS_WITH(drive_again(),
                      Contains("\"o\"") && Contains("multiple drivers") && Contains("driven at " + here(first)) &&
                          Contains("now at " + here(second)));
    rtl::Register r(4, "r");
    r.next <<= 3;
    const int reg_line = __LINE__ - 1;
    auto set_again = [&] { r.next <<= a; };
    const int set_line = __LINE__ - 1;
    CHECK_THROWS_WITH(set_again(), Contains(here(reg_line)) && Contains(here(set_line)));
}

TEST_CASE("conflicting conditional assignments name both lines")
{
    rtl::BlockScope scope;
    rtl::Input c(1, "c"), d(1, "d"), a(4, "a");
    rtl::WireVector w(4, "w");
    rtl::Register r(4, "r");
    rtl::MemBlock mem(4, 2, "mem");
    int first = 0, second = 0;
    auto conflict = [&](auto assign) {
        first = second = 0;
        CHECK_THROWS_WITH(rtl::when(c, [&] { assign(); }),
                          Contains("conflicting conditions") && Contains(here(first)) && Contains(here(second)));
    };
    conflict([&] {
        w |= a;
        first = __LINE__ - 1;
        rtl::when(d, [&] {
            second = __LINE__ + 1;
            w |= 3;
        });
    });
    conflict([&] {
        r.next |= a;
        first = __LINE__ - 1;
        second = __LINE__ + 1;
        r.next |= 1;
    });
    conflict([&] {
        mem[a(1, 0)] |= a;
        first = __LINE__ - 1;
        second = __LINE__ + 1;
        mem[0] |= rtl::EnabledWrite{a, d};
    });
}

TEST_CASE("a read over a memory's port limit names the read's line")
{
    rtl::BlockScope scope;
    rtl::Input a(2, "a");
    rtl::RomBlock rom(4, 2, {1, 2, 3, 4}, "rom", 1);
    rtl::WireVector x = rom[a];  // the one read port
    CHECK(x.bitwidth() == 4);
    auto second_read = [&] { return rtl::WireVector(rom[~a]); };
    const int read_line = __LINE__ - 1;
    CHECK_THROWS_WITH(second_read(),
                      Contains("\"rom\"") && Contains("read at " + here(read_line)) && Contains("memory made at"));
    auto third_read = [&] { return rom.read(a); };
    const int third_line = __LINE__ - 1;
    CHECK_THROWS_WITH(third_read(), Contains("read at " + here(third_line)));
}

TEST_CASE("default-constructed handles build nothing until they are used")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "a");
    const std::size_t before = scope.block().wires().size();
    std::array<rtl::WireVector, 16> unused_array;
    std::vector<rtl::WireVector> unused_vector(8);
    CHECK(scope.block().wires().size() == before);  // no zero-width wires
    std::array<rtl::WireVector, 4> sums;
    for (int i = 0; i < 4; ++i) sums[static_cast<std::size_t>(i)] = a + i;  // handles overwritten: still nothing extra
    std::array<rtl::WireVector, 2> connected;
    connected[0] <<= a;  // made here, with a's width
    connected[1] <<= sums[3];
    CHECK(connected[0].bitwidth() == 4);
    CHECK(connected[1].bitwidth() == 5);
    rtl::WireVector shared;
    rtl::WireVector copy = shared;  // copies share the wire
    copy <<= a;
    CHECK(shared.bitwidth() == 4);
    CHECK(shared.id() == copy.id());
    rtl::Output o(4, "o");
    o <<= shared;
    CHECK_NOTHROW(rtl::sanity_check(scope.block()));
    // Used before it is connected: the error says what it is.
    rtl::WireVector never;
    CHECK_THROWS_WITH(never + a, Contains("no bitwidth yet") && Contains(here(__LINE__ - 1)));
    (void)unused_array;
}

TEST_CASE("reading an Output or driving an Input is rejected")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "a");
    rtl::Output o(4, "o");
    CHECK_THROWS_AS(o + a, rtl::ConnectionError);
    CHECK_THROWS_AS(a <<= 3, rtl::ConnectionError);
}

TEST_CASE("sanity_check finds undriven wires registers without next and unconnected wires")
{
    {
        rtl::BlockScope scope;
        rtl::WireVector w(4, "floating");
        rtl::Output o(4, "o");
        o <<= w;
        CHECK_THROWS_WITH(rtl::sanity_check(scope.block()), Contains("floating") && Contains("never driven"));
    }
    {
        rtl::BlockScope scope;
        rtl::Register r(4, "stuck");
        rtl::Output o(4, "o");
        o <<= r;
        CHECK_THROWS_WITH(rtl::Simulation(), Contains("stuck") && Contains(".next"));
    }
    {
        // A wire neither driven nor read is ignored: not simulated, traced or written out.
        rtl::BlockScope scope;
        rtl::WireVector lonely(4, "lonely");
        rtl::Input a(1, "a");
        rtl::Output o(1, "o");
        o <<= a;
        CHECK_NOTHROW(rtl::sanity_check(scope.block()));
        rtl::Simulation sim;
        sim.step({{"a", 1}});
        CHECK_FALSE(sim.trace().contains("lonely"));
        std::ostringstream os;
        rtl::output_to_verilog(os);
        CHECK(os.str().find("lonely") == std::string::npos);
    }
    {
        rtl::BlockScope scope;
        rtl::Output o(4, "never");
        CHECK_THROWS_WITH(rtl::sanity_check(scope.block()), Contains("never"));
    }
}

TEST_CASE("combinational loops are found and the loop is named")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "a");
    rtl::WireVector x(4, "x"), y(4, "y");
    x <<= y + a;
    y <<= x;
    CHECK_THROWS_AS(rtl::Simulation(), rtl::CombinationalLoopError);
    CHECK_THROWS_WITH(rtl::sanity_check(scope.block()), Contains("\"x\"") || Contains("\"y\""));
}

TEST_CASE("simulation input errors")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "a");
    rtl::Output o(4, "o");
    o <<= a;
    rtl::Simulation sim;
    CHECK_THROWS_WITH(sim.step(), Contains("\"a\"") && Contains("no input value"));
    CHECK_THROWS_WITH(sim.step({{"a", 16}}), Contains("\"a\"") && Contains("4"));
    CHECK_THROWS_WITH(sim.step({{"a", 1}, {"b", 2}}), Contains("\"b\""));
    CHECK_THROWS_AS(sim.inspect("nope"), rtl::SimulationError);
    sim.step({{"a", -1}});  // negative values are two's complement
    CHECK(sim.inspect("o") == 15);
}

TEST_CASE("negative constants reserved and duplicate names")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "a");
    CHECK_THROWS_AS(a + (-1), rtl::ValueError);
    CHECK_THROWS_AS(rtl::Const(-4), rtl::ValueError);
    CHECK(rtl::Const(-4, 3).value() == 4);
    CHECK_THROWS_AS(rtl::Input(1, "clk"), rtl::ConnectionError);
    CHECK_THROWS_WITH(rtl::Input(1, "a"), Contains("duplicate"));
    CHECK_THROWS_AS(rtl::Input(0, "zero"), rtl::WidthError);
}

TEST_CASE("rtl_assert raises during simulation with its message")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "a");
    rtl::rtl_assert(a < 10, "a must stay below 10");
    rtl::Simulation sim;
    sim.step({{"a", 3}});
    CHECK_THROWS_WITH(sim.step({{"a", 12}}), Contains("a must stay below 10") && Contains("cycle 1"));
}

TEST_CASE("probe shows an internal wire as an Output")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "a");
    rtl::Output o(5, "o");
    o <<= rtl::probe(a + 1, "a_plus_one");
    rtl::Simulation sim;
    sim.step({{"a", 6}});
    CHECK(sim.inspect("a_plus_one") == 7);
    CHECK(sim.inspect("o") == 7);
}

TEST_CASE("wires and assertions added after a simulation was built are reported, not simulated")
{
    rtl::BlockScope scope;
    rtl::Input a(8, "a");
    rtl::Output o(8, "o");
    o <<= a;
    rtl::Simulation sim;
    rtl::Input late(4, "late");
    rtl::rtl_assert(a != 0, "never checked by this simulation");
    CHECK_THROWS_WITH(sim.step({{"a", 0}, {"late", 1}}), Contains("late") && Contains("after"));
    CHECK_NOTHROW(sim.step({{"a", 0}}));
    CHECK_THROWS_AS(sim.inspect("late"), rtl::SimulationError);
}

TEST_CASE("memories larger than 2^24 words are rejected when made")
{
    rtl::BlockScope scope;
    CHECK_THROWS_AS(rtl::MemBlock(8, 32, "huge"), rtl::MemoryError);
}

// The fast test-bench path: rows of values set through an InputGroup, step() without arguments, and a
// design whose registers copy other registers and Inputs (the compiled code writes such a copy next to
// the first reader of its source). Every result is checked against a software model of the design.
#include "rtl/rtl.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <random>
#include <vector>

using Catch::Matchers::Contains;

namespace {

constexpr int kTaps = 12;

std::uint64_t coefficient(int tap)
{
    return (static_cast<std::uint64_t>(tap) * 2654435761u) & 0xffff;
}

// A multiply-accumulate chain (taps copy each other and the Input x), a register that copies an Input
// nobody else reads, and one that copies a register read by no logic. Inputs are made in the order
// x, gain, spare.
void build_chain()
{
    rtl::Input x(32, "x"), gain(8, "gain"), spare(5, "spare");
    rtl::WireVector sample = x, acc = rtl::Const(0, 32);
    for (int i = 0; i < kTaps; ++i) {
        rtl::Register tap(32, "tap" + std::to_string(i)), sum(32, "sum" + std::to_string(i));
        tap.next <<= sample;
        sum.next <<= (acc + tap * rtl::Const(coefficient(i), 16))(31, 0);
        sample = tap;
        acc = sum;
    }
    rtl::Register held(5, "held"), held_again(5, "held_again");
    held.next <<= spare;
    held_again.next <<= held;
    rtl::Output y(32, "y"), scaled(40, "scaled"), late(5, "late");
    y <<= acc;
    scaled <<= x * gain;
    late <<= held_again;
}

// The same chain in software, one clock edge at a time.
struct ChainModel {
    std::array<std::uint64_t, kTaps> tap{}, sum{};
    std::uint64_t held = 0, held_again = 0;

    void clock(std::uint64_t x, std::uint64_t spare)
    {
        for (int i = kTaps - 1; i >= 0; --i) {
            const std::uint64_t before = i == 0 ? 0 : sum[static_cast<std::size_t>(i) - 1];
            sum[static_cast<std::size_t>(i)] =
                (before + tap[static_cast<std::size_t>(i)] * coefficient(i)) & 0xffffffff;
            tap[static_cast<std::size_t>(i)] = i == 0 ? x : tap[static_cast<std::size_t>(i) - 1];
        }
        held_again = held;
        held = spare;
    }
};

}  // namespace

TEST_CASE("rows set through an InputGroup drive the design as the software model says")
{
    rtl::BlockScope scope;
    build_chain();
    // In the order the Inputs were made (one block copy) and in another order (one store each).
    for (const std::vector<std::string>& order :
         {std::vector<std::string>{"x", "gain", "spare"}, std::vector<std::string>{"spare", "x", "gain"}}) {
        rtl::Simulation sim({.trace = false});
        const auto group = sim.input_group(order);
        REQUIRE(group.size() == 3);
        const auto y = sim.wire_id("y"), scaled = sim.wire_id("scaled"), late = sim.wire_id("late");
        ChainModel model;
        std::mt19937_64 rng(order.front().size());
        for (int cycle = 0; cycle < 400; ++cycle) {
            const std::uint64_t x = rng() & 0xffffffff, gain = rng() & 0xff, spare = rng() & 0x1f;
            std::vector<std::uint64_t> row;
            for (const auto& name : order) row.push_back(name == "x" ? x : name == "gain" ? gain : spare);
            sim.set_inputs_u64(group, row);
            sim.step();
            REQUIRE(sim.value_u64(y) == model.sum[kTaps - 1]);
            REQUIRE(sim.value_u64(scaled) == x * gain);
            REQUIRE(sim.value_u64(late) == model.held_again);
            for (int i = 0; i < kTaps; ++i)
                REQUIRE(sim.inspect_u64("tap" + std::to_string(i)) == model.tap[static_cast<std::size_t>(i)]);
            model.clock(x, spare);
        }
    }
}

TEST_CASE("the compiled cycle equals the interpreter on a chain of register copies, in bulk and per step",
          "[both-modes]")
{
    rtl::BlockScope scope;
    build_chain();
    rtl::Simulation interp(scope.block(), {.mode = rtl::SimulationMode::Interpreter, .trace = false});
    rtl::Simulation compiled(scope.block(), {.mode = rtl::SimulationMode::Compiled, .trace = false});
    REQUIRE(compiled.is_compiled());
    std::mt19937_64 rng(3);
    for (int round = 0; round < 20; ++round) {
        const rtl::InputValues held = {{"x", rng() & 0xffffffff}, {"gain", rng() & 0xff}, {"spare", rng() & 0x1f}};
        interp.step_many(7, held);
        compiled.step_many(7, held);
        compiled.step();
        interp.step();
        for (const char* name : {"y", "scaled", "late", "tap0", "tap11", "sum5", "held", "held_again"})
            REQUIRE(interp.inspect(name) == compiled.inspect(name));
    }
    CHECK(compiled.cycle() == interp.cycle());
}

TEST_CASE("an InputGroup refuses what does not fit, and sets nothing then")
{
    rtl::BlockScope scope;
    build_chain();
    rtl::Input wide(70, "wide");
    rtl::Output wide_out(70, "wide_out");
    wide_out <<= wide;
    rtl::Simulation sim({.trace = false});
    CHECK_THROWS_WITH(sim.input_group({"x", "nope"}), Contains("\"nope\"") && Contains("not an Input"));
    CHECK_THROWS_WITH(sim.input_group({"y"}), Contains("\"y\"") && Contains("not an Input"));
    CHECK_THROWS_WITH(sim.input_group({"x", "wide"}), Contains("\"wide\"") && Contains("70 bits"));
    CHECK_THROWS_WITH(sim.input_group({"x", "gain", "x"}), Contains("\"x\"") && Contains("twice"));

    const auto group = sim.input_group({"x", "gain", "spare"});
    // Before the first step: the values are recorded as given, but "wide" still has none.
    sim.set_inputs_u64(group, std::vector<std::uint64_t>{1, 2, 3});
    CHECK_THROWS_WITH(sim.step(), Contains("\"wide\"") && Contains("no input value"));
    sim.set_input(sim.wire_id("wide"), 0);
    sim.step();
    CHECK(sim.inspect_u64("scaled") == 2);

    // A value too wide for its Input, named in the message; no value of the row is applied.
    CHECK_THROWS_WITH(sim.set_inputs_u64(group, std::vector<std::uint64_t>{5, 256, 1}),
                      Contains("\"gain\"") && Contains("8"));
    sim.step();
    CHECK(sim.inspect_u64("scaled") == 2);
    // The wrong number of values, an empty group, a group of another simulation.
    CHECK_THROWS_WITH(sim.set_inputs_u64(group, std::vector<std::uint64_t>{1, 2}), Contains("3 Inputs"));
    CHECK_THROWS_AS(sim.set_inputs_u64(rtl::Simulation::InputGroup{}, std::vector<std::uint64_t>{}),
                    rtl::SimulationError);
    rtl::Simulation other({.trace = false});
    CHECK_THROWS_WITH(other.set_inputs_u64(group, std::vector<std::uint64_t>{1, 2, 3}), Contains("another Simulation"));
    // A group outliving its simulation is refused by the next one, wherever that one lives in memory.
    rtl::Simulation::InputGroup stale;
    {
        const rtl::Simulation gone({.trace = false});
        stale = gone.input_group({"x"});
    }
    rtl::Simulation fresh({.trace = false});
    CHECK_THROWS_WITH(fresh.set_inputs_u64(stale, std::vector<std::uint64_t>{1}), Contains("another Simulation"));
    // An empty row for an empty group of this simulation is allowed and changes nothing.
    CHECK_NOTHROW(sim.set_inputs_u64(sim.input_group(std::vector<std::string>{}), std::vector<std::uint64_t>{}));
}

TEST_CASE("a register that copies an asynchronously reset register takes the value held in reset")
{
    rtl::BlockScope scope;
    rtl::Input areset(1, "areset");
    rtl::Register count(4, "count", 5, rtl::async_reset(areset));
    count.next <<= count + 1;
    rtl::Register delayed(4, "delayed"), twice(4, "twice");
    delayed.next <<= count;  // a copy whose source is read by logic (count + 1)
    twice.next <<= delayed;  // a copy whose source only registers read
    rtl::Output out(4, "out");
    out <<= twice;
    rtl::Simulation sim({.trace = false});
    const auto group = sim.input_group({"areset"});
    std::uint64_t model_count = 5, model_delayed = 0, model_twice = 0;
    std::mt19937 rng(8);
    for (int cycle = 0; cycle < 300; ++cycle) {
        const std::uint64_t reset = rng() % 5 == 0 ? 1 : 0;
        sim.set_inputs_u64(group, std::vector<std::uint64_t>{reset});
        sim.step();
        if (reset) model_count = 5;  // at once, within the cycle
        REQUIRE(sim.inspect_u64("count") == model_count);
        REQUIRE(sim.inspect_u64("delayed") == model_delayed);
        REQUIRE(sim.inspect_u64("out") == model_twice);
        model_twice = model_delayed;
        model_delayed = model_count;
        model_count = reset ? 5 : (model_count + 1) & 15;
    }
}

// Tutorial 9: a hierarchical design with an asynchronous reset on a named signal.
//
// The spec: "Two 4-bit event counters, one per input, each counting when its input is 1. An
// active-high asynchronous reset `areset` clears both. `equal` is 1 while the counts are equal;
// `total` is their sum." A counter is a module; the design instantiates it twice and writes one
// Verilog module per distinct module (docs/tutorial-hierarchy.md walks through the output).
#include "rtl/rtl.hpp"

#include <iostream>

namespace {

// One counter: an instance of module "counter" named `name`, reset by `areset` at once.
rtl::WireVector counter(const rtl::WireVector& event, const rtl::WireVector& areset, const std::string& name)
{
    rtl::ModuleScope m("counter", name);
    rtl::WireVector count_it = m.input(event, "event");
    rtl::Register count(4, "count", 0, rtl::async_reset(m.input(areset, "areset")));
    count.next <<= rtl::select(count_it, count + 1, count);
    return m.output(count, "count");
}

}  // namespace

int main()
{
    rtl::Input areset(1, "areset"), a(1, "a"), b(1, "b");
    rtl::Output equal(1, "equal"), total(5, "total");
    rtl::WireVector count_a = counter(a, areset, "count_a");
    rtl::WireVector count_b = counter(b, areset, "count_b");
    equal <<= count_a == count_b;
    total <<= count_a + count_b;

    // Simulate: the reset in cycle 5 clears both counts in that same cycle.
    rtl::Simulation sim;
    const int as[] = {1, 1, 0, 1, 1, 1, 0, 1}, bs[] = {0, 1, 1, 1, 0, 1, 1, 0}, resets[] = {0, 0, 0, 0, 0, 1, 0, 0};
    unsigned ca = 0, cb = 0;
    for (int c = 0; c < 8; ++c) {
        sim.step({{"areset", resets[c]}, {"a", as[c]}, {"b", bs[c]}});
        if (resets[c]) ca = cb = 0;  // the model: asynchronous, so seen at once
        if (sim.inspect_u64("count_a.count") != ca || sim.inspect_u64("total") != ca + cb) {
            std::cerr << "mismatch in cycle " << c << "\n";
            return 1;
        }
        if (!resets[c]) {
            ca = (ca + static_cast<unsigned>(as[c])) & 15;
            cb = (cb + static_cast<unsigned>(bs[c])) & 15;
        }
    }
    rtl::render_trace(sim.trace(), std::cout,
                      {.names = {"areset", "a", "b", "count_a.count", "count_b.count", "total"}});

    // One file per module: top.v and counter.v (both counters share one definition).
    auto files = rtl::output_verilog_files("hierarchy_verilog", rtl::working_block(), {.module_name = "top"});
    for (const auto& f : files) std::cout << "wrote " << f.string() << "\n";
    rtl::output_to_verilog(std::cout, rtl::working_block(), {.module_name = "top"});
    return 0;
}

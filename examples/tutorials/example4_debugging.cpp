// Debugging tools: probes show internal wires as outputs, traces keep every named wire, rtl_assert
// stops a simulation with a message, and errors name the wires and the source line.
// (PyRTL's example4 covers the same ground: probe, rtl_assert and its error messages.)
#include "rtl/rtl.hpp"

#include <iostream>

int main()
{
    rtl::Input a(8, "a"), b(8, "b");
    rtl::Output out(16, "out");
    // probe() adds an Output that carries a wire to the outside and returns the wire itself, so
    // it can wrap any expression without changing the design around it. Here it exposes the product.
    rtl::WireVector product = rtl::probe(a * b, "product_probe");  // also an Output named product_probe
    rtl::WireVector doubled(17, "doubled");  // named, so it is traced
    doubled <<= product + product;
    // Connecting a 17-bit wire to a 16-bit Output truncates it: the top bit is dropped.
    out <<= doubled;
    // rtl_assert checks a 1-bit condition in every simulated cycle; while it holds nothing happens.
    rtl::rtl_assert(a != 13, "a must never be 13");

    // Five cycles with a = 0, 3, 6, 9, 12 and b = 7: the assertion holds in all of them.
    rtl::Simulation sim;
    for (int i = 0; i < 5; ++i) sim.step({{"a", i * 3}, {"b", 7}});
    // `names` picks the rows to show, in this order; the probe appears like any other wire.
    rtl::render_trace(sim.trace(), std::cout,
                      {.names = {"a", "b", "product_probe", "doubled"}, .format = rtl::ValueFormat::Unsigned});
    // In the last cycle a = 12 and b = 7, so doubled = 2 * 84.
    bool ok = sim.trace().values("doubled")[4] == 2 * 12 * 7;

    // Now break the assertion: a = 13 makes the step throw rtl::AssertionFailure, whose message
    // names the cycle and the text given to rtl_assert.
    try {
        sim.step({{"a", 13}, {"b", 1}});
        ok = false;
    } catch (const rtl::AssertionFailure& e) {
        // The check runs after the cycle is simulated, so the failing cycle is still in the trace.
        std::cout << "caught: " << e.what() << "\n";
    }
    // Mistakes in building hardware are errors at the line that makes them. Every error derives
    // from rtl::Error; this one is a ConnectionError. Its message names the wire, its width and
    // kind, and the line that made it (the `rtl::Output o` line of this file).
    try {
        rtl::BlockScope scope;  // a fresh design, so the mistake does not spoil the one above
        // This line's number is the one the error message below reports.
        rtl::Output o(4, "o");
        rtl::Input x(4, "x");
        o <<= x;
        // A wire may be driven only once: the second `<<=` throws at once, not at simulation time.
        o <<= x;  // driven twice
        ok = false;
    } catch (const rtl::ConnectionError& e) {
        std::cout << "caught: " << e.what() << "\n";
    }
    // When the BlockScope above ended, the working block went back to the first design.
    return ok ? 0 : 1;
}

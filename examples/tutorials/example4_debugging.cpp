// Debugging tools: probes show internal wires as outputs, traces keep every named wire, rtl_assert
// stops a simulation with a message, and errors name the wires and the source line.
#include "rtl/rtl.hpp"

#include <iostream>

int main()
{
    rtl::Input a(8, "a"), b(8, "b");
    rtl::Output out(16, "out");
    rtl::WireVector product = rtl::probe(a * b, "product_probe");  // also an Output named product_probe
    rtl::WireVector doubled(17, "doubled");  // named, so it is traced
    doubled <<= product + product;
    out <<= doubled;
    rtl::rtl_assert(a != 13, "a must never be 13");

    rtl::Simulation sim;
    for (int i = 0; i < 5; ++i) sim.step({{"a", i * 3}, {"b", 7}});
    rtl::render_trace(sim.trace(), std::cout,
                      {.names = {"a", "b", "product_probe", "doubled"}, .format = rtl::ValueFormat::Unsigned});
    bool ok = sim.trace().values("doubled")[4] == 2 * 12 * 7;

    try {
        sim.step({{"a", 13}, {"b", 1}});
        ok = false;
    } catch (const rtl::AssertionFailure& e) {
        std::cout << "caught: " << e.what() << "\n";
    }
    try {
        rtl::BlockScope scope;  // a fresh design, so the mistake does not spoil the one above
        rtl::Output o(4, "o");
        rtl::Input x(4, "x");
        o <<= x;
        o <<= x;  // driven twice
        ok = false;
    } catch (const rtl::ConnectionError& e) {
        std::cout << "caught: " << e.what() << "\n";
    }
    return ok ? 0 : 1;
}

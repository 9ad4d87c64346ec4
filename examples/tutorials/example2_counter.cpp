// Tutorial 2, registers (PyRTL's example2): a 3-bit counter whose adder is written by hand, as a
// ripple-carry adder made of ordinary C++ functions that build hardware.
#include "rtl/rtl.hpp"

#include <iostream>

namespace {

// One full adder: returns {sum, carry}.
// A C++ function that takes and returns wires is a hardware generator: each call builds a new copy
// of the gates (PyRTL's Python functions work the same way). Nothing here runs in the simulation.
std::pair<rtl::WireVector, rtl::WireVector> full_adder(const rtl::WireVector& a, const rtl::WireVector& b,
                                                       const rtl::WireVector& c)
{
    return {a ^ b ^ c, (a & b) | (b & c) | (a & c)};
}

// A ripple-carry adder, one full adder per bit: C++ loops elaborate hardware.
// The loop runs once, while the design is built, and leaves a chain of a.bitwidth() full adders,
// each taking the carry of the one before it.
rtl::WireVector ripple_add(const rtl::WireVector& a, const rtl::WireVector& b)
{
    std::vector<rtl::WireVector> bits;
    // The first carry-in is a 1-bit constant 0.
    rtl::WireVector carry = rtl::Const(0, 1);
    for (int i = 0; i < a.bitwidth(); ++i) {
        // a[i] selects bit i (bit 0 is the least significant).
        auto [s, c] = full_adder(a[i], b[i], carry);
        bits.push_back(s);
        // Reassigning the C++ variable only changes which wire the next iteration uses.
        carry = c;
    }
    // concat_list joins the sum bits, the first element in the least significant bit. The final
    // carry is dropped, so the result has a's width and wraps around.
    return rtl::concat_list(bits);
}

}  // namespace

int main()
{
    // A Register holds its value from one clock cycle to the next; it starts at 0.
    rtl::Register counter(3, "counter");
    // Reading `counter` gives this cycle's value; `.next <<=` sets the value it takes at the next
    // clock edge (PyRTL's r.next <<=). So this cycle's value plus one becomes next cycle's value.
    counter.next <<= ripple_add(counter, rtl::Const(1, 3));
    rtl::Simulation sim;
    // `ok` collects the checks; the exit status reports them (the test suite runs this program).
    bool ok = true;
    // The counter has no inputs, so step() needs no values. It counts 0..7 and wraps to 0.
    for (int cycle = 0; cycle < 15; ++cycle) {
        sim.step();
        ok = ok && sim.inspect("counter") == cycle % 8;
    }
    // The waveform shows the register's value in each cycle; 7 is followed by 0.
    rtl::render_trace(sim.trace(), std::cout, {.format = rtl::ValueFormat::Unsigned});
    return ok ? 0 : 1;
}

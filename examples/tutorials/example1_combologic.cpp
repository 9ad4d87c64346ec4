// Tutorial 1, combinational logic (PyRTL's example1): a one-bit full adder built from gates, then
// simulated on all eight inputs and checked against ordinary arithmetic.
#include "rtl/rtl.hpp"

#include <iostream>

int main()
{
    // Three 1-bit inputs: the two bits to add and the carry coming in from a lower bit.
    rtl::Input a(1, "a"), b(1, "b"), c(1, "c");
    rtl::Output sum(1, "sum"), carry_out(1, "carry_out");
    // Intermediate values are plain wires; `<<=` connects them.
    // A WireVector is a wire inside the design, neither input nor output. Naming it ("half_sum")
    // makes it appear in the trace; unnamed temporaries (tmp...) are left out of traces and may be
    // optimized away.
    rtl::WireVector half_sum(1, "half_sum");
    // `^`, `&` and `|` build XOR, AND and OR gates. A wire may be driven exactly once, but read as
    // often as needed: `half_sum` feeds both the sum and the carry below.
    half_sum <<= a ^ b;
    sum <<= half_sum ^ c;
    // The carry is 1 when both a and b are 1, or when one of them is and the carry-in is too.
    carry_out <<= (a & b) | (half_sum & c);

    rtl::Simulation sim;
    bool ok = true;
    // A plain C++ loop drives the simulation: v counts 0..7 and its three bits are the inputs.
    for (int v = 0; v < 8; ++v) {
        int x = v & 1, y = (v >> 1) & 1, z = (v >> 2) & 1;
        // step() simulates one cycle with these input values (by input name).
        sim.step({{"a", x}, {"b", y}, {"c", z}});
        int total = x + y + z;
        // inspect() reads a wire's value in the cycle just simulated (PyRTL's sim.inspect).
        // sum is the low bit of the total, carry_out the high bit.
        ok = ok && sim.inspect("sum") == total % 2 && sim.inspect("carry_out") == total / 2;
    }
    // The waveform: 1-bit wires are drawn as waves (low _ and high -), one column per cycle.
    rtl::render_trace(sim.trace(), std::cout);
    std::cout << (ok ? "full adder correct on all 8 inputs\n" : "MISMATCH\n");
    return ok ? 0 : 1;
}

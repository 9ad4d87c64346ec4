// Combinational logic: a one-bit full adder, simulated on every input and checked against arithmetic.
#include "rtl/rtl.hpp"

#include <iostream>

int main()
{
    rtl::Input a(1, "a"), b(1, "b"), c(1, "c");
    rtl::Output sum(1, "sum"), carry_out(1, "carry_out");
    // Intermediate values are plain wires; `<<=` connects them.
    rtl::WireVector half_sum(1, "half_sum");
    half_sum <<= a ^ b;
    sum <<= half_sum ^ c;
    carry_out <<= (a & b) | (half_sum & c);

    rtl::Simulation sim;
    bool ok = true;
    for (int v = 0; v < 8; ++v) {
        int x = v & 1, y = (v >> 1) & 1, z = (v >> 2) & 1;
        sim.step({{"a", x}, {"b", y}, {"c", z}});
        int total = x + y + z;
        ok = ok && sim.inspect("sum") == total % 2 && sim.inspect("carry_out") == total / 2;
    }
    rtl::render_trace(sim.trace(), std::cout);
    std::cout << (ok ? "full adder correct on all 8 inputs\n" : "MISMATCH\n");
    return ok ? 0 : 1;
}

// Tutorial 0, the smallest useful design (PyRTL's example0): add two inputs, compare them, simulate a
// few cycles and show the waveform. Everything of the language comes from one header.
#include "rtl/rtl.hpp"

#include <iostream>

int main()
{
    // Inputs are ports the simulation gives a value every cycle; each has a bitwidth and a name.
    rtl::Input a(8, "a"), b(8, "b");
    // `sum` needs 9 bits: two 8-bit numbers add up to 9 bits.
    rtl::Output sum(9, "sum"), bigger(1, "a_bigger");
    // `a + b` builds an adder (n+1 bits, as PyRTL) and returns its result wire; `<<=` connects it.
    sum <<= a + b;
    // Comparisons build a comparator with a 1-bit, unsigned result.
    bigger <<= a > b;

    // The Simulation checks and compiles the design; step_multiple runs one cycle per list element.
    rtl::Simulation sim;
    sim.step_multiple({{"a", {1, 20, 255, 7}}, {"b", {2, 3, 255, 9}}});
    // One row per named wire, one column per cycle, in decimal. 255 + 255 = 510 uses the ninth bit.
    rtl::render_trace(sim.trace(), std::cout, {.format = rtl::ValueFormat::Unsigned});
    // The program checks itself: exit status 0 means `sum` held 3, 23, 510, 16 in cycles 0..3.
    return sim.trace().values("sum") == std::vector<rtl::BigInt>{3, 23, 510, 16} ? 0 : 1;
}

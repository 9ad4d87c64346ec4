// The smallest useful design: add two inputs, compare them, simulate a few cycles, show the waveform.
#include "rtl/rtl.hpp"

#include <iostream>

int main()
{
    rtl::Input a(8, "a"), b(8, "b");
    rtl::Output sum(9, "sum"), bigger(1, "a_bigger");
    sum <<= a + b;
    bigger <<= a > b;

    rtl::Simulation sim;
    sim.step_multiple({{"a", {1, 20, 255, 7}}, {"b", {2, 3, 255, 9}}});
    rtl::render_trace(sim.trace(), std::cout, {.format = rtl::ValueFormat::Unsigned});
    return sim.trace().values("sum") == std::vector<rtl::BigInt>{3, 23, 510, 16} ? 0 : 1;
}

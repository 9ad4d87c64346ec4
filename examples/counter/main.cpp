// A 4-bit counter with an enable: build it, simulate it, draw its waveform and write its Verilog.
#include "rtl/rtl.hpp"

#include <fstream>
#include <iostream>

int main()
{
    rtl::Input enable(1, "enable");
    rtl::Register count(4, "count");
    rtl::Output out(4, "out");

    rtl::when(enable, [&] { count.next |= count + 1; });  // holds when enable is 0
    out <<= count;

    rtl::Simulation sim;
    for (int cycle = 0; cycle < 12; ++cycle) sim.step({{"enable", cycle % 4 != 3}});
    rtl::render_trace(sim.trace(), std::cout);

    std::ofstream verilog("counter.v");
    rtl::output_to_verilog(verilog, rtl::working_block(), {.module_name = "counter"});
    std::cout << "\nCounted to " << sim.inspect("count") << "; wrote counter.v\n";
}

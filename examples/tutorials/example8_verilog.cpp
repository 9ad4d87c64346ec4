// Verilog export: a small accumulator written as a module and as a testbench that replays the
// simulation (run it with `iverilog -g2012 -o tb accumulator_test.v && vvp tb`).
// (PyRTL's example8: output_to_verilog and output_verilog_testbench.)
#include "rtl/rtl.hpp"

#include <fstream>
#include <iostream>

int main()
{
    rtl::Input in(8, "in"), clear(1, "clear");
    // A 16-bit running total; registers start at 0.
    rtl::Register total(16, "total");
    rtl::Output out(16, "out");
    // Each cycle the total either clears or adds the input. The 17-bit sum is truncated to the
    // register's 16 bits when it is assigned.
    rtl::when(clear, [&] { total.next |= 0; }).otherwise([&] { total.next |= total + in; });
    out <<= total;

    // Simulate five cycles; `clear` in cycle 2 empties the total for cycle 3.
    rtl::Simulation sim;
    sim.step_multiple({{"in", {3, 4, 5, 6, 7}}, {"clear", {0, 0, 1, 0, 0}}});

    // output_to_verilog writes the design as one module: ports for the Inputs and Outputs, a `clk`
    // input for the registers, names kept. It works on an optimized copy; the design is unchanged.
    std::ofstream module("accumulator.v"), bench("accumulator_test.v");
    rtl::output_to_verilog(module, rtl::working_block(), {.module_name = "accumulator"});
    // The testbench replays the simulation's inputs cycle by cycle. `cmd` is a Verilog statement
    // run once per cycle, so the Verilog simulator prints `out` in every cycle ("out 0", "out 3",
    // ...), the values the trace holds; the test suite compares the two.
    rtl::output_verilog_testbench(bench, sim.trace(), rtl::working_block(),
                                  {.module_name = "accumulator",
                                   .testbench_name = "accumulator_test",
                                   .toplevel_include = "accumulator.v",
                                   .vcd = "accumulator.vcd",
                                   .cmd = "$display(\"out %0d\", out);"});
    std::cout << "wrote accumulator.v and accumulator_test.v\n";
    // The total seen in each cycle: 0, then 3, 3 + 4 = 7, then cleared to 0, then 6.
    return sim.trace().values("out") == std::vector<rtl::BigInt>{0, 3, 7, 0, 6} ? 0 : 1;
}

// Verilog export: a small accumulator written as a module and as a testbench that replays the
// simulation (run it with `iverilog -g2012 -o tb accumulator_test.v && vvp tb`).
#include "rtl/rtl.hpp"

#include <fstream>
#include <iostream>

int main()
{
    rtl::Input in(8, "in"), clear(1, "clear");
    rtl::Register total(16, "total");
    rtl::Output out(16, "out");
    rtl::when(clear, [&] { total.next |= 0; }).otherwise([&] { total.next |= total + in; });
    out <<= total;

    rtl::Simulation sim;
    sim.step_multiple({{"in", {3, 4, 5, 6, 7}}, {"clear", {0, 0, 1, 0, 0}}});

    std::ofstream module("accumulator.v"), bench("accumulator_test.v");
    rtl::output_to_verilog(module, rtl::working_block(), {.module_name = "accumulator"});
    rtl::output_verilog_testbench(bench, sim.trace(), rtl::working_block(),
                                  {.module_name = "accumulator",
                                   .testbench_name = "accumulator_test",
                                   .toplevel_include = "accumulator.v",
                                   .vcd = "accumulator.vcd",
                                   .cmd = "$display(\"out %0d\", out);"});
    std::cout << "wrote accumulator.v and accumulator_test.v\n";
    return sim.trace().values("out") == std::vector<rtl::BigInt>{0, 3, 7, 0, 6} ? 0 : 1;
}

// Memories: a RAM written and read in the same design, initial contents, and a ROM used as a table.
#include "rtl/rtl.hpp"

#include <iostream>

int main()
{
    rtl::Input waddr(3, "waddr"), wdata(8, "wdata"), we(1, "we"), raddr(3, "raddr");
    rtl::Output rdata(8, "rdata"), squared(8, "squared");
    rtl::MemBlock mem(8, 3, "mem");
    mem[waddr] <<= rtl::EnabledWrite{wdata, we};
    rdata <<= mem[raddr];

    std::vector<rtl::BigInt> squares;
    for (int i = 0; i < 8; ++i) squares.push_back(i * i);
    rtl::RomBlock table(8, 3, squares, "squares");
    squared <<= table[raddr];

    rtl::Simulation sim(rtl::SimulationOptions{.memory_values = {{"mem", {{5, 55}}}}});
    sim.step_multiple(
        {{"waddr", {1, 2, 0, 0}}, {"wdata", {10, 20, 0, 0}}, {"we", {1, 1, 0, 0}}, {"raddr", {5, 1, 1, 2}}});
    rtl::render_trace(sim.trace(), std::cout, {.format = rtl::ValueFormat::Unsigned});
    bool ok = sim.trace().values("rdata") == std::vector<rtl::BigInt>{55, 10, 10, 20} &&
        sim.trace().values("squared") == std::vector<rtl::BigInt>{25, 1, 1, 4};
    for (const auto& [addr, value] : sim.inspect_mem("mem")) std::cout << "mem[" << addr << "] = " << value << "\n";
    return ok ? 0 : 1;
}

// Memories: a RAM written and read in the same design, initial contents, and a ROM used as a table.
// (PyRTL's example6: MemBlock and RomBlock, with the same meaning of reads and writes.)
#include "rtl/rtl.hpp"

#include <iostream>

int main()
{
    // A write port (address, data, enable) and a read port (address), as inputs.
    rtl::Input waddr(3, "waddr"), wdata(8, "wdata"), we(1, "we"), raddr(3, "raddr");
    rtl::Output rdata(8, "rdata"), squared(8, "squared");
    // A MemBlock of 8-bit words with a 3-bit address: 2^3 = 8 words, named "mem".
    rtl::MemBlock mem(8, 3, "mem");
    // A write port: at each clock edge where `we` is 1, wdata is written at waddr. The write takes
    // effect at the end of the cycle, so a read of the same address in that cycle sees the old word.
    mem[waddr] <<= rtl::EnabledWrite{wdata, we};
    // Reading `mem[raddr]` as a value makes a read port: combinational, it shows the word now.
    rdata <<= mem[raddr];

    // A ROM's contents are given when it is built: here word i holds i * i.
    std::vector<rtl::BigInt> squares;
    for (int i = 0; i < 8; ++i) squares.push_back(i * i);
    rtl::RomBlock table(8, 3, squares, "squares");
    // A ROM is read like a RAM (and cannot be written): a lookup table in hardware.
    squared <<= table[raddr];

    // Initial RAM contents come from the simulation options, by memory name: mem[5] starts at 55
    // (every other word at 0), PyRTL's memory_value_map.
    rtl::Simulation sim(rtl::SimulationOptions{.memory_values = {{"mem", {{5, 55}}}}});
    // Cycle 0 writes 10 at address 1 and reads address 5 (55); cycle 1 writes 20 at address 2 and
    // reads address 1, which already holds 10 (written at the end of cycle 0).
    sim.step_multiple(
        {{"waddr", {1, 2, 0, 0}}, {"wdata", {10, 20, 0, 0}}, {"we", {1, 1, 0, 0}}, {"raddr", {5, 1, 1, 2}}});
    rtl::render_trace(sim.trace(), std::cout, {.format = rtl::ValueFormat::Unsigned});
    bool ok = sim.trace().values("rdata") == std::vector<rtl::BigInt>{55, 10, 10, 20} &&
        sim.trace().values("squared") == std::vector<rtl::BigInt>{25, 1, 1, 4};
    // inspect_mem lists the words that are not zero after the last cycle: 1, 2 and 5.
    for (const auto& [addr, value] : sim.inspect_mem("mem")) std::cout << "mem[" << addr << "] = " << value << "\n";
    return ok ? 0 : 1;
}

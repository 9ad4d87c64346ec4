// Pass dead_logic: removes every net whose result nothing kept depends on.
//
// Kept are the drivers of observable wires (Outputs always; registers and named wires when named wires
// are kept), assertions, and the write ports of memories that are kept (every memory when named wires
// are kept, else the memories some live net reads). Liveness flows backwards through arguments,
// through registers to their next-value nets and through memory reads to the memory's write ports.
// Preserves: the value of everything kept.

#include "netlist.hpp"

namespace rtl::passes {

bool dead_logic(Netlist& n)
{
    const std::vector<std::int32_t> driver = n.drivers();
    std::vector<char> live_net(n.nets.size(), 0), live_memory(n.memories.size(), n.keeps_memories() ? 1 : 0);
    std::vector<std::vector<std::size_t>> writes(n.memories.size());
    for (std::size_t i = 0; i < n.nets.size(); ++i)
        if (n.nets[i].op == Op::MemWrite) writes[static_cast<std::size_t>(n.nets[i].mem)].push_back(i);

    std::vector<std::size_t> work;
    auto mark_net = [&](std::size_t i) {
        if (!live_net[i]) {
            live_net[i] = 1;
            work.push_back(i);
        }
    };
    auto mark_wire = [&](WireId w) {
        if (driver[w] >= 0) mark_net(static_cast<std::size_t>(driver[w]));
    };
    auto mark_memory = [&](int m) {
        auto index = static_cast<std::size_t>(m);
        if (live_memory[index]) return;
        live_memory[index] = 1;
        for (std::size_t w : writes[index]) mark_net(w);
    };
    for (WireId w = 0; w < n.wires.size(); ++w)
        if (n.is_observable(w)) mark_wire(w);
    for (const auto& [wire, message] : n.assertions) mark_wire(wire);
    for (std::size_t m = 0; m < n.memories.size(); ++m)
        if (live_memory[m])
            for (std::size_t w : writes[m]) mark_net(w);
    while (!work.empty()) {
        std::size_t i = work.back();
        work.pop_back();
        const LogicNet& net = n.nets[i];
        for (WireId a : net.args) mark_wire(a);
        if (net.op == Op::MemRead) mark_memory(net.mem);
    }
    bool changed = false;
    std::vector<LogicNet> kept;
    kept.reserve(n.nets.size());
    for (std::size_t i = 0; i < n.nets.size(); ++i) {
        if (live_net[i]) kept.push_back(std::move(n.nets[i]));
        else changed = true;
    }
    n.nets = std::move(kept);
    return changed;
}

}  // namespace rtl::passes

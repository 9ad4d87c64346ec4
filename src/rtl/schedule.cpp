#include "rtl/schedule.hpp"

#include "limb_ops.hpp"
#include "rtl/error.hpp"
#include "rtl/sanity_check.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rtl {

namespace {

bool is_combinational(Op op)
{
    return op_info(op).combinational;
}

// Describes one combinational loop among the nets that could not be ordered.
std::string describe_loop(const Block& block, const std::vector<std::uint32_t>& stuck_nets)
{
    const auto& nets = block.nets();
    std::vector<char> stuck(nets.size(), 0);
    for (auto n : stuck_nets) stuck[n] = 1;
    // Walk backwards from any stuck net through stuck drivers until a net repeats.
    std::vector<int> seen_at(nets.size(), -1);
    std::vector<std::uint32_t> path;
    std::uint32_t cur = stuck_nets.front();
    while (seen_at[cur] < 0) {
        seen_at[cur] = static_cast<int>(path.size());
        path.push_back(cur);
        std::uint32_t next = cur;
        for (WireId a : nets[cur].args) {
            const LogicNet* d = block.driver(a);
            if (!d) continue;
            auto idx = static_cast<std::uint32_t>(d - nets.data());
            if (stuck[idx] && is_combinational(d->op)) {
                next = idx;
                break;
            }
        }
        if (next == cur) break;
        cur = next;
    }
    std::vector<std::string> names;
    for (std::size_t i = static_cast<std::size_t>(std::max(0, seen_at[cur])); i < path.size(); ++i)
        names.push_back(block.describe(nets[path[i]].dest));
    std::reverse(names.begin(), names.end());
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : " -> ") + n;
    return out;
}

}  // namespace

std::vector<std::uint32_t> levelize(const Block& block, std::vector<std::uint32_t>* registers,
                                    std::vector<std::uint32_t>* memory_writes)
{
    const auto& nets = block.nets();
    const auto& wires = block.wires();
    struct Lists {
        std::vector<std::uint32_t> combinational, registers, memory_writes;
    } s;

    // Kahn's algorithm over combinational nets; Inputs, Consts and Registers are sources.
    std::vector<std::uint32_t> pending(nets.size(), 0);
    std::vector<std::vector<std::uint32_t>> readers(wires.size());
    std::vector<std::uint32_t> ready;
    for (std::uint32_t i = 0; i < nets.size(); ++i) {
        const auto& net = nets[i];
        if (net.op == Op::Reg) {
            s.registers.push_back(i);
            continue;
        }
        if (net.op == Op::MemWrite) {
            s.memory_writes.push_back(i);
            continue;
        }
        for (WireId a : net.args) {
            const LogicNet* d = block.driver(a);
            if (d && is_combinational(d->op)) {
                ++pending[i];
                readers[a].push_back(i);
            }
        }
        if (pending[i] == 0) ready.push_back(i);
    }
    std::size_t comb_count = nets.size() - s.registers.size() - s.memory_writes.size();
    s.combinational.reserve(comb_count);
    // Process in FIFO order: that groups nets by level, which keeps related values close in memory.
    for (std::size_t head = 0; head < ready.size(); ++head) {
        std::uint32_t n = ready[head];
        s.combinational.push_back(n);
        for (std::uint32_t r : readers[nets[n].dest])
            if (--pending[r] == 0) ready.push_back(r);
    }
    if (s.combinational.size() != comb_count) {
        std::vector<std::uint32_t> stuck;
        for (std::uint32_t i = 0; i < nets.size(); ++i)
            if (is_combinational(nets[i].op) && pending[i] != 0) stuck.push_back(i);
        throw CombinationalLoopError(fmt::format("combinational loop (a cycle of logic with no register on it): {}",
                                                 describe_loop(block, stuck)));
    }
    if (registers) *registers = std::move(s.registers);
    if (memory_writes) *memory_writes = std::move(s.memory_writes);
    return std::move(s.combinational);
}

Schedule build_schedule(const Block& block)
{
    const auto& nets = block.nets();
    const auto& wires = block.wires();
    Schedule s;
    s.combinational = levelize(block, &s.registers, &s.memory_writes);

    // Storage: wires in schedule order first (locality), then everything else.
    s.offset.assign(wires.size(), UINT32_MAX);
    std::uint32_t next = 0;
    auto place = [&](WireId w) {
        if (s.offset[w] != UINT32_MAX) return;
        s.offset[w] = next;
        next += limbs::count(wires[w].bitwidth);
    };
    for (WireId w = 0; w < wires.size(); ++w)
        if (wires[w].kind != WireKind::Wire && wires[w].kind != WireKind::Output) place(w);
    for (auto n : s.combinational) place(nets[n].dest);
    for (WireId w = 0; w < wires.size(); ++w) place(w);
    s.total_limbs = next;
    return s;
}

}  // namespace rtl

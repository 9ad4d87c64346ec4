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

// A register with an asynchronous reset also acts within the cycle: while its reset signal is
// active it reads its reset value, so it is ordered after that signal and before its readers.
bool is_async_reset(const Block& block, const LogicNet& net)
{
    return net.op == Op::Reg && net.args.size() == 2 && block.wire(net.dest).reset.kind == ResetKind::Asynchronous;
}

// Whether net `d` (a driver, or null) produces its value during the cycle.
bool acts_in_cycle(const Block& block, const LogicNet* d)
{
    return d && (is_combinational(d->op) || is_async_reset(block, *d));
}

// The arguments a net needs within the cycle: all of them, or an async register's reset signal.
std::vector<WireId> cycle_args(const Block& block, const LogicNet& net)
{
    if (is_async_reset(block, net)) return {net.args[1]};
    return net.args;
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
        for (WireId a : cycle_args(block, nets[cur])) {
            const LogicNet* d = block.driver(a);
            if (!acts_in_cycle(block, d)) continue;
            auto idx = static_cast<std::uint32_t>(d - nets.data());
            if (stuck[idx]) {
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
                                    std::vector<std::uint32_t>* memory_writes, bool with_async_resets)
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
    std::size_t async_count = 0;
    for (std::uint32_t i = 0; i < nets.size(); ++i) {
        const auto& net = nets[i];
        if (net.op == Op::Reg) {
            s.registers.push_back(i);
            if (!is_async_reset(block, net)) continue;
            ++async_count;
        }
        if (net.op == Op::MemWrite) {
            s.memory_writes.push_back(i);
            continue;
        }
        for (WireId a : cycle_args(block, net)) {
            if (acts_in_cycle(block, block.driver(a))) {
                ++pending[i];
                readers[a].push_back(i);
            }
        }
        if (pending[i] == 0) ready.push_back(i);
    }
    std::size_t ordered_count = nets.size() - s.registers.size() - s.memory_writes.size() + async_count;
    s.combinational.reserve(ordered_count);
    // Process in FIFO order: that groups nets by level, which keeps related values close in memory.
    for (std::size_t head = 0; head < ready.size(); ++head) {
        std::uint32_t n = ready[head];
        s.combinational.push_back(n);
        for (std::uint32_t r : readers[nets[n].dest])
            if (--pending[r] == 0) ready.push_back(r);
    }
    if (s.combinational.size() != ordered_count) {
        std::vector<std::uint32_t> stuck;
        for (std::uint32_t i = 0; i < nets.size(); ++i)
            if ((is_combinational(nets[i].op) || is_async_reset(block, nets[i])) && pending[i] != 0) stuck.push_back(i);
        throw CombinationalLoopError(fmt::format("combinational loop (a cycle of logic with no register on it, or "
                                                 "through an asynchronous reset): {}",
                                                 describe_loop(block, stuck)));
    }
    if (!with_async_resets && async_count)
        std::erase_if(s.combinational, [&](std::uint32_t n) { return nets[n].op == Op::Reg; });
    if (registers) *registers = std::move(s.registers);
    if (memory_writes) *memory_writes = std::move(s.memory_writes);
    return std::move(s.combinational);
}

Schedule build_schedule(const Block& block)
{
    const auto& nets = block.nets();
    const auto& wires = block.wires();
    Schedule s;
    s.combinational = levelize(block, &s.registers, &s.memory_writes, true);

    // Storage: wires in schedule order first (locality), then everything else.
    s.offset.assign(wires.size(), UINT32_MAX);
    std::uint32_t next = 0;
    auto place = [&](WireId w) {
        if (s.offset[w] != UINT32_MAX) return;
        s.offset[w] = next;
        next += limbs::count(wires[w].bitwidth);
    };
    // Registers first, in the order of `registers`: their limbs then mirror the simulators' next-state
    // buffer, so that a clock edge is one block copy.
    for (auto n : s.registers) place(nets[n].dest);
    // Then the Inputs, side by side in the order they were made: a row of values for them is one
    // block copy (Simulation::input_group).
    for (WireId w = 0; w < wires.size(); ++w)
        if (wires[w].kind == WireKind::Input) place(w);
    for (WireId w = 0; w < wires.size(); ++w)
        if (wires[w].kind != WireKind::Wire && wires[w].kind != WireKind::Output) place(w);
    for (auto n : s.combinational) place(nets[n].dest);  // (registers were placed above)
    for (WireId w = 0; w < wires.size(); ++w) place(w);
    s.total_limbs = next;
    return s;
}

}  // namespace rtl

// Pass width_reduction: demand-driven narrowing. Only the bits somebody reads are computed.
//
// Each wire's demand is the number of its low bits that some reader needs: observable wires need all of
// theirs; `+ - * & | ^ ~` and copies need as many low bits of their arguments as of their result, a
// select the bits it picks, a concatenation the parts that reach the demanded bits; comparisons, memory
// ports and select conditions need everything. A temporary (or, when named wires need not be kept, a
// named wire or register) wider than its demand is narrowed to it, so `(acc + product)` truncated to 32
// bits becomes a 32-bit add instead of a 33-bit one, and arguments are truncated to match.
// Nets none of whose bits are demanded are removed.
// Preserves: every observable value (the bits that were dropped were never read).

#include "netlist.hpp"

#include <algorithm>

namespace rtl::passes {

namespace {

// The demand of every wire, by propagation backwards to a fixed point (registers make cycles).
std::vector<int> demands(const Netlist& n)
{
    std::vector<int> need(n.wires.size(), 0);
    for (WireId w = 0; w < n.wires.size(); ++w)
        if (n.is_observable(w)) need[w] = n.width(w);
    for (const auto& [wire, message] : n.assertions) need[wire] = n.width(wire);
    auto demand = [&](WireId a, int bits, bool& changed) {
        bits = std::min(bits, n.width(a));
        if (bits > need[a]) {
            need[a] = bits;
            changed = true;
        }
    };
    for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = n.nets.size(); i-- > 0;) {
            const LogicNet& net = n.nets[i];
            if (net.op == Op::MemWrite) {
                for (WireId a : net.args) demand(a, n.width(a), changed);
                continue;
            }
            const int k = need[net.dest];
            if (k == 0) continue;
            switch (net.op) {
            case Op::Mux:
                demand(net.args[0], 1, changed);
                demand(net.args[1], k, changed);
                demand(net.args[2], k, changed);
                break;
            case Op::Concat: {
                int pos = 0;
                for (std::size_t j = net.args.size(); j-- > 0;) {
                    if (pos < k) demand(net.args[j], k - pos, changed);
                    pos += n.width(net.args[j]);
                }
                break;
            }
            case Op::Select: {
                int top = 0;
                for (std::size_t j = 0; j < net.bits.size() && static_cast<int>(j) < k; ++j)
                    top = std::max(top, net.bits[j] + 1);
                demand(net.args[0], top, changed);
                break;
            }
            case Op::Reg:
                demand(net.args[0], k, changed);
                if (net.args.size() > 1) demand(net.args[1], 1, changed);  // the reset signal
                break;
            default:
                for (WireId a : net.args) demand(a, op_info(net.op).low_bits ? k : n.width(a), changed);
                break;
            }
        }
    }
    return need;
}

}  // namespace

bool width_reduction(Netlist& n)
{
    const std::vector<int> need = demands(n);
    bool changed = false;
    // A net of whose result no bit is demanded is dead; drop it here, since its arguments may narrow.
    std::size_t live = 0;
    for (std::size_t i = 0; i < n.nets.size(); ++i) {
        const LogicNet& net = n.nets[i];
        if (net.dest != kNoWire && need[net.dest] == 0 && !n.is_observable(net.dest)) continue;
        if (live != i) n.nets[live] = std::move(n.nets[i]);
        ++live;
    }
    changed = live != n.nets.size();
    n.nets.resize(live);
    const std::vector<std::int32_t> driver = n.drivers();
    // Narrow the destinations.
    for (WireId w = 0; w < need.size(); ++w) {
        const WireInfo& info = n.wires[w];
        if (need[w] == 0 || need[w] >= info.bitwidth || n.is_observable(w) || driver[w] < 0) continue;
        if (info.kind != WireKind::Wire && info.kind != WireKind::Register) continue;
        LogicNet& net = n.nets[static_cast<std::size_t>(driver[w])];
        if (net.op == Op::MemRead) continue;  // a read port drives a whole word
        n.wires[w].bitwidth = need[w];
        changed = true;
        if (net.op == Op::Select) net.bits.resize(static_cast<std::size_t>(need[w]));
        if (net.op == Op::Concat) {
            int total = 0;
            for (WireId a : net.args) total += n.width(a);
            std::size_t drop = 0;
            while (total - n.width(net.args[drop]) >= need[w]) total -= n.width(net.args[drop++]);
            net.args.erase(net.args.begin(), net.args.begin() + static_cast<std::ptrdiff_t>(drop));
        }
    }
    if (!changed) return false;
    // Arguments that must have equal widths are truncated to the width the result needs.
    const std::size_t count = n.nets.size();
    for (std::size_t i = 0; i < count; ++i) {
        Op op = n.nets[i].op;
        bool cases = op == Op::Mux;
        if (!op_info(op).equal_widths && !cases) continue;
        std::size_t first = cases ? 1 : 0;
        std::vector<WireId> args = n.nets[i].args;
        bool equal = true;
        for (std::size_t j = first + 1; j < args.size(); ++j) equal = equal && n.width(args[j]) == n.width(args[first]);
        if (equal) continue;
        int r = n.width(n.nets[i].dest);
        for (std::size_t j = first; j < args.size(); ++j) r = std::min(r, n.width(args[j]));
        for (std::size_t j = first; j < args.size(); ++j) {
            WireId a = args[j];
            if (n.width(a) == r) continue;
            if (n.is_const(a)) {
                args[j] = n.constant(truncate_value(n.const_value(a), r), r);
            } else {
                WireId t = n.add_temp(r);
                n.nets.push_back(LogicNet{Op::Wire, {a}, t, {}, -1});
                args[j] = t;
            }
        }
        n.nets[i].args = std::move(args);
    }
    return true;
}

}  // namespace rtl::passes

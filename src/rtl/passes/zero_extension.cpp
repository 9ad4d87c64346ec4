// Pass zero_extension: drops upper bits that are known to be zero (the forward half of yosys's
// `wreduce`, where width_reduction is the backward half).
//
// Each wire gets a bound on its significant bits: a constant's bit length, a concatenation's highest
// part that is not a zero constant, max+1 for a sum, the sum for a product, and so on (Inputs,
// registers and memory reads: their width). An add, multiply, and, or, xor, mux or copy whose result
// has fewer significant bits than its width is computed at that width and zero-extended, and a
// comparison of two values with zero upper bits compares only the low bits. So `{4'h0, a} + {4'h0, b}`
// is a 5-bit add, and a 65-bit comparison of zero-extended 32-bit values is a 32-bit one.
// Preserves: every value (the dropped bits were zero).

#include "netlist.hpp"

#include <algorithm>

namespace rtl::passes {

namespace {

// Upper bounds on the significant bits of every wire, in one forward sweep (nets are mostly in
// dependency order; a net seen before its arguments keeps the safe bound, its full width).
std::vector<int> significant_bits(const Netlist& n, const std::vector<std::int32_t>& driver)
{
    std::vector<int> sig(n.wires.size());
    std::vector<char> known(n.wires.size(), 0);
    for (WireId w = 0; w < n.wires.size(); ++w) {
        sig[w] = n.is_const(w) ? bit_length(n.const_value(w)) : n.width(w);
        known[w] = driver[w] < 0 || n.wires[w].kind == WireKind::Register;  // ports, registers, constants
    }
    for (const auto& net : n.nets) {
        if (!is_combinational(net.op)) continue;
        if (net.op == Op::MemRead) {  // a whole word
            known[net.dest] = 1;
            continue;
        }
        bool ready = true;
        for (WireId a : net.args) ready = ready && known[a];
        if (!ready) continue;
        const int dw = n.width(net.dest);
        auto s = [&](std::size_t k) { return sig[net.args[k]]; };
        int r = dw;
        switch (net.op) {
        case Op::Wire: r = std::min(dw, s(0)); break;
        case Op::And: r = std::min({dw, s(0), s(1)}); break;
        case Op::Or:
        case Op::Xor: r = std::min(dw, std::max(s(0), s(1))); break;
        case Op::Add: r = std::min(dw, std::max(s(0), s(1)) + 1); break;
        case Op::Mul: r = std::min(dw, s(0) + s(1)); break;
        case Op::Lt:
        case Op::Gt:
        case Op::Eq: r = 1; break;
        case Op::Mux: r = std::min(dw, std::max(s(1), s(2))); break;
        case Op::Concat: {
            int pos = 0;
            r = 0;
            for (std::size_t k = net.args.size(); k-- > 0;) {
                if (s(k) > 0) r = pos + s(k);
                pos += n.width(net.args[k]);
            }
            r = std::min(r, dw);
            break;
        }
        case Op::Select:
            r = 0;
            for (std::size_t i = 0; i < net.bits.size() && static_cast<int>(i) < dw; ++i)
                if (net.bits[i] < sig[net.args[0]]) r = static_cast<int>(i) + 1;
            break;
        default: break;
        }
        sig[net.dest] = std::max(r, 0);
        known[net.dest] = 1;
    }
    return sig;
}

bool narrows(Op op)
{
    return op == Op::Add || op == Op::Mul || op == Op::And || op == Op::Or || op == Op::Xor || op == Op::Mux;
}

// `a` truncated to `k` bits (a constant, or a new copy net).
WireId truncated(Netlist& n, WireId a, int k)
{
    if (n.width(a) == k) return a;
    if (n.is_const(a)) return n.constant(truncate_value(n.const_value(a), k), k);
    WireId t = n.add_temp(k);
    n.nets.push_back(LogicNet{Op::Wire, {a}, t, {}, -1});
    return t;
}

}  // namespace

bool zero_extension(Netlist& n)
{
    const std::vector<int> sig = significant_bits(n, n.drivers());
    bool changed = false;
    const std::size_t count = n.nets.size();
    for (std::size_t i = 0; i < count; ++i) {
        const Op op = n.nets[i].op;
        const WireId dest = n.nets[i].dest;
        const std::vector<WireId> args = n.nets[i].args;
        if (op == Op::Lt || op == Op::Gt || op == Op::Eq) {
            int k = std::max({sig[args[0]], sig[args[1]], 1});
            if (k >= n.width(args[0])) continue;
            WireId a = truncated(n, args[0], k), b = truncated(n, args[1], k);
            n.nets[i].args = {a, b};
            changed = true;
            continue;
        }
        if (!narrows(op)) continue;
        const int dw = n.width(dest), k = std::max(sig[dest], 1);
        if (k >= dw) continue;
        // The same op at k bits into a new wire, then zero-extended into the destination.
        WireId narrow = n.add_temp(k);
        LogicNet computed{op, {}, narrow, {}, -1};
        for (std::size_t j = 0; j < args.size(); ++j)
            computed.args.push_back(op == Op::Mux && j == 0 ? args[0]
                                                            : truncated(n, args[j], std::min(k, n.width(args[j]))));
        n.nets.push_back(std::move(computed));
        n.nets[i] = LogicNet{Op::Concat, {n.constant(0, dw - k), narrow}, dest, {}, -1};
        changed = true;
    }
    return changed;
}

}  // namespace rtl::passes

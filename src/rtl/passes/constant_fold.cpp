// Pass constant_fold: constant propagation and folding, and the algebraic identities that make a net's
// value a constant or one of its arguments.
//
// A net whose arguments are all constants (or a ROM read at a constant address) becomes a constant;
// `x & 0`, `x | 0`, `x ^ x`, `x + 0`, `x * 1`, `x < 0`, `x == x`, ... become a constant or a copy of `x`;
// neighbouring constants in a concatenation become one. Preserves: every value (nets are replaced by
// nets computing the same bits); an observable destination keeps a copy net.

#include "netlist.hpp"

namespace rtl::passes {

namespace {

BigInt mask(int bits)
{
    return bitmask(bits);
}

// The value of `net` when all its arguments are constants (PyRTL's semantics, see ir.hpp).
BigInt evaluate(const Netlist& n, const LogicNet& net)
{
    const int dw = n.width(net.dest);
    auto arg = [&](std::size_t i) -> const BigInt& { return n.const_value(net.args[i]); };
    BigInt r;
    switch (net.op) {
    case Op::Wire: r = arg(0); break;
    case Op::Not: r = mask(n.width(net.args[0])) ^ arg(0); break;
    case Op::And: r = arg(0) & arg(1); break;
    case Op::Or: r = arg(0) | arg(1); break;
    case Op::Xor: r = arg(0) ^ arg(1); break;
    case Op::Nand: r = mask(n.width(net.args[0])) ^ (arg(0) & arg(1)); break;
    case Op::Add: r = arg(0) + arg(1); break;
    case Op::Sub: r = arg(0) + (BigInt(1) << (n.width(net.args[0]) + 1)) - arg(1); break;  // kept non-negative
    case Op::Mul: r = arg(0) * arg(1); break;
    case Op::Lt: r = arg(0) < arg(1) ? 1 : 0; break;
    case Op::Gt: r = arg(0) > arg(1) ? 1 : 0; break;
    case Op::Eq: r = arg(0) == arg(1) ? 1 : 0; break;
    case Op::Mux: r = arg(0) != 0 ? arg(2) : arg(1); break;
    case Op::Concat:
        r = 0;
        for (std::size_t i = 0; i < net.args.size(); ++i) r = (r << n.width(net.args[i])) | arg(i);
        break;
    case Op::Select:
        r = 0;
        for (std::size_t i = 0; i < net.bits.size() && static_cast<int>(i) < dw; ++i)
            if (bit_test(arg(0), static_cast<unsigned>(net.bits[i]))) bit_set(r, static_cast<unsigned>(i));
        break;
    case Op::MemRead:
    case Op::Reg:
    case Op::MemWrite: break;
    }
    return r & mask(dw);
}

// Folds what can be folded in net `i`.
void fold(Netlist& n, Rewriter& rw, std::size_t i)
{
    LogicNet& net = n.nets[i];
    for (WireId& a : net.args) a = rw.resolve(a);
    const int dw = n.width(net.dest);
    bool all_const = !net.args.empty();
    for (WireId a : net.args) all_const = all_const && n.is_const(a);

    if (net.op == Op::MemRead) {
        const MemoryInfo& m = n.memories[static_cast<std::size_t>(net.mem)];
        if (m.is_rom && all_const) {
            auto addr = static_cast<std::size_t>(n.const_value(net.args[0]));
            rw.replace_with_const(i, addr < m.romdata.size() ? truncate_value(m.romdata[addr], m.bitwidth) : BigInt(0));
        }
        return;
    }
    if (all_const) {
        if (net.op == Op::Wire && n.width(net.args[0]) == dw) {  // already a copy of a constant
            rw.replace_with_wire(i, net.args[0]);
            return;
        }
        rw.replace_with_const(i, evaluate(n, net));
        return;
    }
    if (net.args.size() < 2 && net.op != Op::Concat) return;
    auto is = [&](std::size_t k, const BigInt& v) { return n.is_const_value(net.args[k], v); };
    const bool same = net.args.size() == 2 && net.args[0] == net.args[1];
    const int aw = n.width(net.args[0]);
    const BigInt ones = mask(aw);
    switch (net.op) {
    case Op::And:
        if (is(0, 0) || is(1, 0)) rw.replace_with_const(i, 0);
        else if (is(0, ones) || same) rw.replace_with_wire(i, net.args[1]);
        else if (is(1, ones)) rw.replace_with_wire(i, net.args[0]);
        break;
    case Op::Or:
        if (is(0, ones) || is(1, ones)) rw.replace_with_const(i, mask(dw));
        else if (is(0, 0) || same) rw.replace_with_wire(i, net.args[1]);
        else if (is(1, 0)) rw.replace_with_wire(i, net.args[0]);
        break;
    case Op::Xor:
        if (same) rw.replace_with_const(i, 0);
        else if (is(0, 0)) rw.replace_with_wire(i, net.args[1]);
        else if (is(1, 0)) rw.replace_with_wire(i, net.args[0]);
        break;
    case Op::Add:
        if (is(0, 0)) rw.replace_with_wire(i, net.args[1]);
        else if (is(1, 0)) rw.replace_with_wire(i, net.args[0]);
        break;
    case Op::Sub:
        if (same) rw.replace_with_const(i, 0);
        else if (is(1, 0)) rw.replace_with_wire(i, net.args[0]);  // a wider destination's borrow bit is 0
        break;
    case Op::Mul:
        if (is(0, 0) || is(1, 0)) rw.replace_with_const(i, 0);
        else if (is(0, 1)) rw.replace_with_wire(i, net.args[1]);
        else if (is(1, 1)) rw.replace_with_wire(i, net.args[0]);
        break;
    case Op::Lt:  // x < 0 and max < x are never true
        if (same || is(1, 0) || is(0, ones)) rw.replace_with_const(i, 0);
        break;
    case Op::Gt:
        if (same || is(0, 0) || is(1, ones)) rw.replace_with_const(i, 0);
        break;
    case Op::Eq:
        if (same) rw.replace_with_const(i, 1);
        else if (aw == 1 && is(0, 1)) rw.replace_with_wire(i, net.args[1]);
        else if (aw == 1 && is(1, 1)) rw.replace_with_wire(i, net.args[0]);
        break;
    case Op::Concat: {
        // Neighbouring constants become one constant: {4'h0, 1'h0, x} is {5'h0, x}.
        std::vector<WireId> merged;
        for (WireId a : net.args) {
            if (!merged.empty() && n.is_const(a) && n.is_const(merged.back())) {
                WireId prev = merged.back();
                int w = n.width(prev) + n.width(a);
                merged.back() = n.constant((n.const_value(prev) << n.width(a)) | n.const_value(a), w);
            } else {
                merged.push_back(a);
            }
        }
        if (merged.size() != n.nets[i].args.size()) {
            n.nets[i].args = std::move(merged);
            rw.touch();
        }
        break;
    }
    default: break;
    }
}

}  // namespace

bool constant_fold(Netlist& n)
{
    Rewriter rw(n);
    for (std::size_t i = 0; i < n.nets.size(); ++i)
        if (is_combinational(n.nets[i].op) && !rw.removed(i)) fold(n, rw, i);
    return rw.apply();
}

}  // namespace rtl::passes

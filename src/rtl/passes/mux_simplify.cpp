// Pass mux_simplify: simplifies selects (`x` nets: d = sel ? t : f).
//
// - A constant select picks its case; equal cases need no select.
// - A 1-bit `sel ? 1 : 0` is `sel`, and `sel ? 0 : 1` is `~sel`.
// - A case that is itself a select on the same condition is replaced by the inner case the condition
//   picks: `s ? (s ? a : b) : c` is `s ? a : c`. Conditional assignment builds such chains.
// Preserves: every value.

#include "netlist.hpp"

namespace rtl::passes {

bool mux_simplify(Netlist& n)
{
    Rewriter rw(n);
    std::vector<std::int32_t> driver = n.drivers();
    for (std::size_t i = 0; i < n.nets.size(); ++i) {
        if (n.nets[i].op != Op::Mux || rw.removed(i)) continue;
        for (WireId& a : n.nets[i].args) a = rw.resolve(a);
        const LogicNet& net = n.nets[i];
        const WireId sel = net.args[0], f = net.args[1], t = net.args[2];
        if (n.is_const(sel)) {
            rw.replace_with_wire(i, n.const_value(sel) != 0 ? t : f);
            continue;
        }
        if (f == t) {
            rw.replace_with_wire(i, f);
            continue;
        }
        if (n.width(net.dest) == 1 && n.width(f) == 1 && n.is_const(f) && n.is_const(t)) {
            if (n.const_value(t) == 1) {
                rw.replace_with_wire(i, sel);
            } else {
                n.nets[i] = LogicNet{Op::Not, {sel}, net.dest, {}, -1};
                rw.touch();
            }
            continue;
        }
        // A case that selects on the same condition, at the same width, takes the branch `sel` implies.
        auto inner_case = [&](WireId c, bool taken) -> WireId {
            std::int32_t d = c < driver.size() ? driver[c] : -1;
            if (d < 0 || rw.removed(static_cast<std::size_t>(d))) return c;
            const LogicNet& inner = n.nets[static_cast<std::size_t>(d)];
            if (inner.op != Op::Mux || rw.resolve(inner.args[0]) != sel) return c;
            WireId picked = rw.resolve(inner.args[taken ? 2 : 1]);
            return n.width(picked) == n.width(c) ? picked : c;
        };
        WireId nf = inner_case(f, false), nt = inner_case(t, true);
        if (nf != f || nt != t) {
            n.nets[i].args = {sel, nf, nt};
            rw.touch();
        }
    }
    return rw.apply();
}

}  // namespace rtl::passes

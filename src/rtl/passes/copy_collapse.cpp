// Pass copy_collapse: removes plain copies and composes wiring.
//
// - A copy `d = a` of equal width: readers of `d` read `a`. If `d` is a named wire and `a` a temporary
//   computed by a net, that net drives `d` directly instead (the Verilog then reads `sum = a + b`).
// - A concatenation of one argument, or a select of every bit in order, is a copy.
// - A select of a select, of a truncating copy, or of a concatenation whose selected bits all come from
//   one argument, selects from the source directly.
// Preserves: every value; observable wires keep their drivers; nothing looks through a module port.

#include "netlist.hpp"

namespace rtl::passes {

namespace {

bool is_identity_select(const Netlist& n, const LogicNet& net)
{
    if (net.op != Op::Select || n.width(net.dest) != n.width(net.args[0])) return false;
    for (std::size_t i = 0; i < net.bits.size(); ++i)
        if (net.bits[i] != static_cast<int>(i)) return false;
    return true;
}

// Rewrites a select whose argument is itself wiring so that it reads the source. Returns true if changed.
bool compose_select(Netlist& n, LogicNet& net, const std::vector<std::int32_t>& driver)
{
    // A module port is a boundary: looking through it would make one instance read another's wires.
    if (n.wires[net.args[0]].port != PortKind::None) return false;
    std::int32_t d = driver[net.args[0]];
    if (d < 0) return false;
    const LogicNet& inner = n.nets[static_cast<std::size_t>(d)];
    std::size_t used = std::min(net.bits.size(), static_cast<std::size_t>(n.width(net.dest)));
    if (inner.op == Op::Select || inner.op == Op::Wire) {
        std::vector<int> bits(used);
        for (std::size_t i = 0; i < used; ++i) {
            int b = net.bits[i];
            bits[i] = inner.op == Op::Select ? inner.bits[static_cast<std::size_t>(b)] : b;
        }
        net.args = {inner.args[0]};
        net.bits = std::move(bits);
        return true;
    }
    if (inner.op == Op::Concat) {
        // Map each selected bit to (argument, bit); compose only if one argument supplies them all.
        std::vector<int> start(inner.args.size());
        int pos = 0;
        for (std::size_t k = inner.args.size(); k-- > 0;) {
            start[k] = pos;
            pos += n.width(inner.args[k]);
        }
        std::size_t source = inner.args.size();
        std::vector<int> bits(used);
        for (std::size_t i = 0; i < used; ++i) {
            int b = net.bits[i];
            std::size_t k = 0;
            while (!(b >= start[k] && b < start[k] + n.width(inner.args[k]))) ++k;
            if (source != inner.args.size() && source != k) return false;
            source = k;
            bits[i] = b - start[k];
        }
        net.args = {inner.args[source]};
        net.bits = std::move(bits);
        return true;
    }
    return false;
}

}  // namespace

bool copy_collapse(Netlist& n)
{
    Rewriter rw(n);
    std::vector<std::int32_t> driver = n.drivers();
    for (auto& net : n.nets)
        if (net.op == Op::Select && compose_select(n, net, driver)) rw.touch();
    std::vector<std::uint32_t> readers = n.reader_counts();
    for (std::size_t i = 0; i < n.nets.size(); ++i) {
        LogicNet& net = n.nets[i];
        if (!is_combinational(net.op)) continue;
        bool copy = (net.op == Op::Wire && n.width(net.args[0]) == n.width(net.dest)) ||
            (net.op == Op::Concat && net.args.size() == 1 && n.width(net.args[0]) == n.width(net.dest)) ||
            is_identity_select(n, net);
        if (!copy) continue;
        WireId source = rw.resolve(net.args[0]);
        WireId dest = net.dest;
        if (!n.is_observable(dest)) {
            rw.alias(dest, source);
            readers[source] += readers[dest] - 1;
            rw.remove(i);
            continue;
        }
        // A named copy of a temporary: let the temporary's net drive the named wire (not an input
        // port: its driver belongs to the enclosing instance).
        std::int32_t d = driver[source];
        bool movable = d >= 0 && n.wires[dest].port != PortKind::In && !n.is_observable(source) &&
            is_combinational(n.nets[static_cast<std::size_t>(d)].op) && !rw.removed(static_cast<std::size_t>(d)) &&
            (n.wires[dest].kind == WireKind::Wire || readers[source] == 1);
        if (movable) {
            n.nets[static_cast<std::size_t>(d)].dest = dest;
            driver[dest] = d;
            driver[source] = -1;
            if (n.wires[dest].kind != WireKind::Output) {  // (an Output: this copy was the only reader)
                rw.alias(source, dest);
                readers[dest] += readers[source] - 1;
            }
            rw.remove(i);
        } else if (net.op != Op::Wire) {
            net = LogicNet{Op::Wire, {source}, dest, {}, -1};
            rw.touch();
        }
    }
    return rw.apply();
}

}  // namespace rtl::passes

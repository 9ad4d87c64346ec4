// Pass common_subexpressions: one net for each distinct computation.
//
// Two combinational nets with the same op, the same arguments (in either order for commutative ops),
// the same bit list or memory, and the same destination width compute the same value; readers of the
// second read the first. Memory reads of the same address count too (they read in the same cycle).
// Computations of different module instances are not merged, so the hierarchy keeps its boundaries.
// Preserves: every value; an observable destination keeps a copy net.

#include "netlist.hpp"

#include <algorithm>
#include <unordered_map>

namespace rtl::passes {

namespace {

struct Key {
    Op op;
    int width;
    int mem;
    int instance;  // computations of different module instances stay apart (module.hpp)
    std::vector<WireId> args;
    std::vector<int> bits;
    bool operator==(const Key&) const = default;
};

struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept
    {
        std::size_t h = static_cast<std::size_t>(k.op) * 1000003u ^ static_cast<std::size_t>(k.width) * 7919u ^
            static_cast<std::size_t>(k.mem + 1) ^ static_cast<std::size_t>(k.instance + 2) * 104729u;
        for (WireId a : k.args) h = h * 1315423911u + a;
        for (int b : k.bits) h = h * 2654435761u + static_cast<std::size_t>(b);
        return h;
    }
};

}  // namespace

bool common_subexpressions(Netlist& n)
{
    Rewriter rw(n);
    std::unordered_map<Key, WireId, KeyHash> seen;
    seen.reserve(n.nets.size());
    for (std::size_t i = 0; i < n.nets.size(); ++i) {
        LogicNet& net = n.nets[i];
        if (!is_combinational(net.op) || rw.removed(i)) continue;
        for (WireId& a : net.args) a = rw.resolve(a);
        // A declared input port is computed in the parent: keyed there, it is still the port's own net.
        const WireInfo& dest = n.wires[net.dest];
        const int instance = dest.port == PortKind::In ? -3 - static_cast<int>(net.dest) : dest.instance;
        Key key{net.op, n.width(net.dest), net.mem, instance, net.args, net.bits};
        if (op_info(net.op).commutative) std::sort(key.args.begin(), key.args.end());
        if (n.wires[net.dest].kind == WireKind::Output) continue;  // an Output cannot be read: never the one kept
        auto [it, fresh] = seen.emplace(std::move(key), net.dest);
        if (fresh || it->second == net.dest) continue;
        rw.replace_with_wire(i, it->second);
    }
    return rw.apply();
}

}  // namespace rtl::passes

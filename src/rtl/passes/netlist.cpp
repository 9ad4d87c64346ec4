// The netlist the passes rewrite, its conversion from and to a Block, and the Rewriter.

#include "netlist.hpp"

#include "rtl/error.hpp"

#include <fmt/format.h>

namespace rtl::passes {

namespace {

bool is_compiler_name(const std::string& name)
{
    return name.empty() || name.starts_with("tmp");
}

}  // namespace

WireId Netlist::add_temp(int bitwidth)
{
    auto id = static_cast<WireId>(wires.size());
    wires.push_back(WireInfo{{}, bitwidth, WireKind::Wire, {}, {}, {}, {}});
    wires.back().instance = kUnknownInstance;  // the Verilog writer places it by its readers
    return id;
}

WireId Netlist::constant(const BigInt& value, int bitwidth)
{
    auto key = std::make_pair(bitwidth, value);
    if (auto it = constants_.find(key); it != constants_.end()) return it->second;
    auto id = static_cast<WireId>(wires.size());
    wires.push_back(WireInfo{{}, bitwidth, WireKind::Const, value, {}, {}, {}});
    constants_.emplace(key, id);
    return id;
}

bool Netlist::is_observable(WireId id) const
{
    const WireInfo& w = wires[id];
    if (w.port != PortKind::None) return true;  // a module's port is its interface: never optimized away
    switch (w.kind) {
    case WireKind::Input:
    case WireKind::Output: return true;
    case WireKind::Const: return false;
    case WireKind::Register: return keep_named;
    case WireKind::Wire: return keep_named && !is_compiler_name(w.name);
    }
    return true;
}

std::vector<std::int32_t> Netlist::drivers() const
{
    std::vector<std::int32_t> out(wires.size(), -1);
    for (std::size_t i = 0; i < nets.size(); ++i)
        if (nets[i].dest != kNoWire) out[nets[i].dest] = static_cast<std::int32_t>(i);
    return out;
}

std::vector<std::uint32_t> Netlist::reader_counts() const
{
    std::vector<std::uint32_t> out(wires.size(), 0);
    for (const auto& net : nets)
        for (WireId a : net.args) ++out[a];
    return out;
}

Netlist to_netlist(const Block& block, bool keep_named)
{
    Netlist n;
    n.keep_named = keep_named;
    n.wires = block.wires();
    n.nets = block.nets();
    n.memories = block.memories();
    for (auto& m : n.memories) m.read_ports = m.write_ports = 0;  // counted again by to_block
    n.assertions = block.assertions();
    n.clock_name = block.clock_name();
    n.instances = block.instances();
    // One wire per constant value, so that equal computations have equal arguments.
    std::vector<WireId> canonical(n.wires.size());
    for (WireId id = 0; id < n.wires.size(); ++id) {
        canonical[id] = id;
        const WireInfo& w = n.wires[id];
        if (w.kind != WireKind::Const) continue;
        auto [it, fresh] = n.constants_.emplace(std::make_pair(w.bitwidth, w.const_value), id);
        if (!fresh) canonical[id] = it->second;
    }
    for (auto& net : n.nets)
        for (WireId& a : net.args) a = canonical[a];
    return n;
}

std::unique_ptr<Block> to_block(const Netlist& n)
{
    std::vector<char> live(n.wires.size(), 0);
    for (const auto& net : n.nets) {
        if (net.dest != kNoWire) live[net.dest] = 1;
        for (WireId a : net.args) live[a] = 1;
    }
    for (WireId id = 0; id < n.wires.size(); ++id) {
        const WireInfo& w = n.wires[id];
        if (w.kind == WireKind::Input || w.kind == WireKind::Output) live[id] = 1;
        if (w.kind == WireKind::Const && n.keep_named && !is_compiler_name(w.name) && !w.name.starts_with("const_"))
            live[id] = 1;
    }
    auto block = std::make_unique<Block>();
    block->set_clock_name(n.clock_name);
    for (const InstanceInfo& info : n.instances) {
        block->set_current_instance(info.parent);
        block->enter_instance(info);
    }
    block->set_current_instance(kTopInstance);
    std::vector<WireId> map(n.wires.size(), kNoWire);
    auto add = [&](WireId id) {
        const WireInfo& w = n.wires[id];
        map[id] = w.kind == WireKind::Const ? block->add_const(w.const_value, w.bitwidth, w.name, w.where)
                                            : block->add_wire(w.name, w.bitwidth, w.kind, w.where);
        if (w.reset_value) block->set_reset_value(map[id], truncate_value(*w.reset_value, w.bitwidth));
        if (!w.enum_names.empty()) block->set_enum_names(map[id], w.enum_names);
        if (w.reset.kind != ResetKind::None) block->set_register_reset(map[id], w.reset);  // the net brings the signal
        if (w.instance != kTopInstance || w.port != PortKind::None)
            block->set_wire_instance(map[id], w.instance, w.port);
    };
    // Named wires first: fresh temporary names must not take a name that a later wire already has.
    for (WireId id = 0; id < n.wires.size(); ++id)
        if (live[id] && !n.wires[id].name.empty()) add(id);
    for (WireId id = 0; id < n.wires.size(); ++id)
        if (live[id] && n.wires[id].name.empty()) add(id);

    std::vector<int> memory_map(n.memories.size(), -1);
    std::vector<char> memory_live(n.memories.size(), n.keeps_memories() ? 1 : 0);
    for (const auto& net : n.nets)
        if (net.mem >= 0) memory_live[static_cast<std::size_t>(net.mem)] = 1;
    for (std::size_t m = 0; m < n.memories.size(); ++m)
        if (memory_live[m]) {
            memory_map[m] = block->add_memory(n.memories[m]);
            block->memory_mut(memory_map[m]).instance = n.memories[m].instance;
        }

    for (const auto& net : n.nets) {
        LogicNet copy = net;
        for (WireId& a : copy.args) a = map[a];
        if (copy.dest != kNoWire) copy.dest = map[copy.dest];
        if (copy.mem >= 0) copy.mem = memory_map[static_cast<std::size_t>(copy.mem)];
        block->add_net(std::move(copy));
    }
    for (const auto& [wire, message] : n.assertions) block->add_assertion(map[wire], message);
    return block;
}

// ---- Rewriter ----

Rewriter::Rewriter(Netlist& netlist)
    : n_(netlist), alias_(netlist.wires.size(), kNoWire), removed_(netlist.nets.size(), 0)
{}

WireId Rewriter::resolve(WireId id) const
{
    while (id < alias_.size() && alias_[id] != kNoWire) id = alias_[id];
    return id;
}

void Rewriter::alias(WireId from, WireId to)
{
    to = resolve(to);
    if (from == to) return;
    if (n_.is_observable(from) || n_.wires[to].kind == WireKind::Output)
        throw Error(fmt::format("internal: an optimization pass replaced \"{}\" by \"{}\"", n_.wires[from].name,
                                n_.wires[to].name));
    if (alias_.size() < n_.wires.size()) alias_.resize(n_.wires.size(), kNoWire);
    alias_[from] = to;
    changed_ = true;
}

void Rewriter::replace_with_wire(std::size_t index, WireId value)
{
    LogicNet& net = n_.nets[index];
    value = resolve(value);
    int dw = n_.width(net.dest), vw = n_.width(value);
    if (vw == dw && !n_.is_observable(net.dest)) {
        alias(net.dest, value);
        remove(index);
        return;
    }
    LogicNet replacement{Op::Wire, {value}, net.dest, {}, -1};
    if (vw < dw) replacement = {Op::Concat, {n_.constant(0, dw - vw), value}, net.dest, {}, -1};
    if (replacement.op == net.op && replacement.args == net.args) return;  // already this copy
    net = std::move(replacement);
    changed_ = true;
}

void Rewriter::replace_with_const(std::size_t index, const BigInt& value)
{
    replace_with_wire(index, n_.constant(value, n_.width(n_.nets[index].dest)));
}

bool Rewriter::apply()
{
    std::vector<LogicNet> kept;
    kept.reserve(n_.nets.size());
    for (std::size_t i = 0; i < n_.nets.size(); ++i) {
        if (i < removed_.size() && removed_[i]) {
            changed_ = true;
            continue;
        }
        LogicNet& net = n_.nets[i];
        for (WireId& a : net.args) a = resolve(a);
        kept.push_back(std::move(net));
    }
    n_.nets = std::move(kept);
    return changed_;
}

}  // namespace rtl::passes

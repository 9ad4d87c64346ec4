// The hierarchical Verilog writer: the exported (flattened, optimized) design is split back into
// its module instances (module.hpp), each written as a module of its own by the module writer.
//
// 1. Every net is owned by an instance: its destination's (a declared input port's driver belongs to
//    the parent; a wire an optimization pass made goes where its readers are, their common ancestor).
// 2. A wire read in another instance than the one that computes it travels up the instance tree to
//    the common ancestor and down to the reader: an output port of each instance on the way up, an
//    input port of each on the way down. Declared ports keep their names; others are named after the
//    wire.
// 3. Each instance becomes a block of its own (ports as Inputs and output ports, children as cells),
//    built children first and written after the top module. Instances whose text is the same share one module;
//    different texts of one module name get `_1`, `_2`, ... suffixes.

#include "rtl/error.hpp"
#include "rtl/schedule.hpp"
#include "verilog_module_writer.hpp"
#include "verilog_names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

namespace rtl {

namespace {

constexpr const char* kPlaceholder = "RTLNET_MODULE_NAME_PLACEHOLDER";

class HierarchySplitter {
public:
    HierarchySplitter(const Block& design, const VerilogOptions& options) : d_(design), options_(options) {}
    std::vector<VerilogModuleText> write();

private:
    int parent(int i) const { return i < 0 ? kTopInstance : d_.instances()[static_cast<std::size_t>(i)].parent; }
    bool in_subtree(int x, int root) const  // x is root or below it
    {
        for (int i = x; i != kTopInstance; i = parent(i))
            if (i == root) return true;
        return root == kTopInstance;
    }
    int lca(int a, int b) const
    {
        for (int i = a;; i = parent(i)) {
            if (in_subtree(b, i)) return i;
            if (i == kTopInstance) return kTopInstance;
        }
    }
    int owner(const LogicNet& net) const
    {
        // A memory's ports sit where the memory is.
        if (net.op == Op::MemWrite || net.op == Op::MemRead)
            return d_.memories()[static_cast<std::size_t>(net.mem)].instance;
        const WireInfo& w = d_.wire(net.dest);
        return w.port == PortKind::In ? parent(instance_[net.dest]) : instance_[net.dest];
    }
    // The name of `w` inside instance `i`: without `i`'s path.
    std::string local_name(WireId w, int i) const
    {
        const std::string& name = d_.wire(w).name;
        if (i == kTopInstance) return name;
        std::string prefix = d_.instance_path(i) + ".";
        return name.starts_with(prefix) ? name.substr(prefix.size()) : name;
    }

    void place_wires();
    void find_ports();
    // Writes instance `i` (children first); returns its module name.
    std::string emit(int i, std::vector<VerilogModuleText>& modules);

    const Block& d_;
    const VerilogOptions& options_;
    std::vector<int> instance_;  // per wire
    std::vector<int> produced_;  // per wire: the instance whose logic computes it
    std::vector<std::set<WireId>> inputs_, outputs_;  // per instance (index + 1; 0 is the top)
    std::vector<char> clocked_, uses_rst_;  // per instance + 1: its subtree has state / uses `rst`
    std::vector<std::vector<int>> children_;  // per instance + 1
    std::map<std::pair<int, WireId>, std::string> port_identifier_;  // (instance, wire) -> its port's identifier
    std::map<std::string, std::vector<std::string>> texts_;  // module name -> distinct texts
    std::map<std::string, std::string> text_module_;  // text -> module name
};

void HierarchySplitter::place_wires()
{
    const auto& wires = d_.wires();
    const auto& nets = d_.nets();
    instance_.assign(wires.size(), kTopInstance);
    std::vector<char> unknown(wires.size(), 0);
    for (WireId id = 0; id < wires.size(); ++id) {
        const WireInfo& w = wires[id];
        if (w.kind == WireKind::Input || w.kind == WireKind::Output) continue;  // ports of the design: the top
        if (w.instance == kUnknownInstance) unknown[id] = 1;
        else instance_[id] = w.instance;
    }
    // Readers before drivers: registers and memory writes, then the logic in reverse order.
    std::vector<std::uint32_t> registers, writes;
    std::vector<std::uint32_t> order = levelize(d_, &registers, &writes);
    std::reverse(order.begin(), order.end());
    order.insert(order.begin(), writes.begin(), writes.end());
    order.insert(order.begin(), registers.begin(), registers.end());
    std::vector<int> seen(wires.size(), kUnknownInstance);  // common ancestor of the readers so far
    for (std::uint32_t index : order) {
        const LogicNet& net = nets[index];
        if (net.dest != kNoWire && unknown[net.dest])
            instance_[net.dest] = seen[net.dest] == kUnknownInstance ? kTopInstance : seen[net.dest];
        const int o = owner(net);
        for (WireId a : net.args)
            if (unknown[a]) seen[a] = seen[a] == kUnknownInstance ? o : lca(seen[a], o);
    }
    produced_.assign(wires.size(), kTopInstance);
    for (const auto& net : nets)
        if (net.dest != kNoWire) produced_[net.dest] = owner(net);
}

void HierarchySplitter::find_ports()
{
    const std::size_t n = d_.instances().size() + 1;
    inputs_.assign(n, {});
    outputs_.assign(n, {});
    clocked_.assign(n, 0);
    uses_rst_.assign(n, 0);
    children_.assign(n, {});
    for (std::size_t i = 0; i < d_.instances().size(); ++i)
        children_[static_cast<std::size_t>(d_.instances()[i].parent + 1)].push_back(static_cast<int>(i));
    auto need = [&](WireId w, int reader) {
        const int p = produced_[w];
        if (p == reader) return;
        const int top = lca(p, reader);
        for (int x = p; x != top; x = parent(x)) outputs_[static_cast<std::size_t>(x + 1)].insert(w);
        for (int y = reader; y != top; y = parent(y)) inputs_[static_cast<std::size_t>(y + 1)].insert(w);
    };
    // A declared output port is part of its module's interface even where no one reads it, so that
    // every instance of the module has the same ports.
    for (WireId w = 0; w < d_.wires().size(); ++w)
        if (d_.wire(w).port == PortKind::Out && instance_[w] >= 0 && produced_[w] == instance_[w])
            outputs_[static_cast<std::size_t>(instance_[w] + 1)].insert(w);
    for (const auto& net : d_.nets()) {
        const int o = owner(net);
        for (WireId a : net.args)
            if (d_.wire(a).kind != WireKind::Const) need(a, o);
        if (net.op == Op::Reg || net.op == Op::MemWrite) {
            const bool rst = net.op == Op::Reg && options_.reset != ResetStyle::None &&
                effective_reset(d_, net).kind == ResetKind::None;
            for (int x = o;; x = parent(x)) {  // up to and including the top
                clocked_[static_cast<std::size_t>(x + 1)] = 1;
                if (rst) uses_rst_[static_cast<std::size_t>(x + 1)] = 1;
                if (x == kTopInstance) break;
            }
        }
    }
}

std::string HierarchySplitter::emit(int inst, std::vector<VerilogModuleText>& modules)
{
    const std::size_t slot = static_cast<std::size_t>(inst + 1);
    std::vector<std::string> child_modules;
    for (int c : children_[slot]) child_modules.push_back(emit(c, modules));

    const auto& wires = d_.wires();
    Block s;
    s.set_clock_name(d_.clock_name());
    std::vector<WireId> map(wires.size(), kNoWire);
    int temps = 0;
    auto add = [&](WireId w, std::string name, WireKind kind) {
        if (name.empty() || name.starts_with("tmp")) name = "tmp" + std::to_string(temps++);  // stable per module
        while (s.find_wire(name)) name += "_";
        map[w] = s.add_wire(std::move(name), wires[w].bitwidth, kind);
        return map[w];
    };
    // Input ports: a declared one by its name, another by the name of the wire it carries.
    int anonymous = 0;
    std::vector<WireId> wanted;  // this module's port wires (in `s`), to learn their identifiers
    std::vector<WireId> port_wires;  // the same, as wires of the design
    for (WireId w : inputs_[slot]) {
        std::string name = d_.wire(w).port == PortKind::In && instance_[w] == inst ? local_name(w, inst)
            : d_.wire(w).name.starts_with("tmp")                                   ? "in_" + std::to_string(anonymous++)
                                                                                   : d_.wire(w).name;
        add(w, name, WireKind::Input);
        wanted.push_back(map[w]);
        port_wires.push_back(w);
    }
    // What this instance computes, and what its children drive.
    for (WireId w = 0; w < wires.size(); ++w) {
        const WireInfo& info = wires[w];
        if (map[w] != kNoWire || info.kind == WireKind::Const) continue;
        bool here = produced_[w] == inst && (d_.driver(w) || info.kind == WireKind::Input);
        bool from_child = false;
        for (int c : children_[slot]) from_child = from_child || outputs_[static_cast<std::size_t>(c + 1)].contains(w);
        if (!here && !from_child) continue;
        WireKind kind = here ? info.kind : WireKind::Wire;
        if (inst != kTopInstance && (kind == WireKind::Input || kind == WireKind::Output)) kind = WireKind::Wire;
        WireId id = add(w, local_name(w, inst), kind);
        if (here && info.kind == WireKind::Register) {
            if (info.reset_value) s.set_reset_value(id, truncate_value(*info.reset_value, info.bitwidth));
            if (info.reset.kind != ResetKind::None) s.set_register_reset(id, info.reset);
        }
    }
    auto mapped = [&](WireId w) {
        if (map[w] == kNoWire) {
            const WireInfo& info = wires[w];
            if (info.kind != WireKind::Const)
                throw ExportError(fmt::format("internal: {} is not visible in module instance \"{}\"", d_.describe(w),
                                              d_.instance_path(inst)));
            map[w] = s.add_const(info.const_value, info.bitwidth);
        }
        return map[w];
    };
    std::vector<int> memory_map(d_.memories().size(), -1);
    for (std::size_t m = 0; m < d_.memories().size(); ++m) {
        MemoryInfo info = d_.memories()[m];
        if (info.instance != inst) continue;
        if (inst != kTopInstance && info.name.starts_with(d_.instance_path(inst) + "."))
            info.name = info.name.substr(d_.instance_path(inst).size() + 1);
        info.read_ports = info.write_ports = 0;
        info.max_read_ports = info.max_write_ports = -1;
        memory_map[m] = s.add_memory(std::move(info));
    }
    for (const auto& net : d_.nets()) {
        if (owner(net) != inst) continue;
        LogicNet copy = net;
        for (WireId& a : copy.args) a = mapped(a);
        if (copy.dest != kNoWire) copy.dest = mapped(copy.dest);
        if (copy.mem >= 0) copy.mem = memory_map[static_cast<std::size_t>(copy.mem)];
        s.add_net(std::move(copy));
    }
    ModuleParts parts;
    for (WireId w : outputs_[slot]) {
        parts.output_ports.push_back(mapped(w));
        wanted.push_back(map[w]);
        port_wires.push_back(w);
    }
    parts.needs_clock = clocked_[slot] != 0;
    parts.needs_rst = uses_rst_[slot] != 0;
    for (std::size_t k = 0; k < children_[slot].size(); ++k) {
        const int c = children_[slot][k];
        const std::size_t cslot = static_cast<std::size_t>(c + 1);
        VerilogCell cell;
        cell.module = child_modules[k];
        cell.instance = d_.instances()[static_cast<std::size_t>(c)].name;
        cell.needs_clock = clocked_[cslot] != 0;
        cell.needs_rst = uses_rst_[cslot] != 0;
        for (WireId w : inputs_[cslot]) cell.connections.push_back({port_identifier_.at({c, w}), mapped(w), false});
        for (WireId w : outputs_[cslot]) cell.connections.push_back({port_identifier_.at({c, w}), mapped(w), true});
        parts.cells.push_back(std::move(cell));
    }

    VerilogOptions options = options_;
    options.module_name = inst == kTopInstance ? options_.module_name : kPlaceholder;
    // A RAM's initial contents go to the module that holds it, under its name there.
    options.memory_init.clear();
    for (std::size_t m = 0; m < d_.memories().size(); ++m) {
        if (memory_map[m] < 0) continue;
        auto it = options_.memory_init.find(d_.memories()[m].name);
        if (it != options_.memory_init.end())
            options.memory_init.emplace(s.memories()[static_cast<std::size_t>(memory_map[m])].name, it->second);
    }
    std::ostringstream text;
    std::vector<std::string> identifiers = write_verilog_module(text, s, options, parts, wanted);
    for (std::size_t k = 0; k < port_wires.size(); ++k) port_identifier_[{inst, port_wires[k]}] = identifiers[k];
    if (inst == kTopInstance) {
        modules.push_back({options_.module_name, text.str()});
        return options_.module_name;
    }
    const std::string& base = d_.instances()[slot - 1].module;
    auto found = text_module_.find(text.str());
    if (found != text_module_.end()) return found->second;
    auto& versions = texts_[base];
    std::string name = versions.empty() ? base : fmt::format("{}_{}", base, versions.size());
    while (name == options_.module_name ||
           text_module_.end() != std::find_if(text_module_.begin(), text_module_.end(), [&](const auto& kv) {
               return kv.second == name;
           }))
        name += "_";
    versions.push_back(text.str());
    text_module_.emplace(text.str(), name);
    std::string written = text.str();
    for (std::size_t pos; (pos = written.find(kPlaceholder)) != std::string::npos;)
        written.replace(pos, std::string_view(kPlaceholder).size(), name);
    modules.push_back({name, std::move(written)});
    return name;
}

std::vector<VerilogModuleText> HierarchySplitter::write()
{
    place_wires();
    find_ports();
    std::vector<VerilogModuleText> modules;
    emit(kTopInstance, modules);
    // The top module first, then the others, each before the modules that use it.
    std::rotate(modules.rbegin(), modules.rbegin() + 1, modules.rend());
    return modules;
}

}  // namespace

std::vector<VerilogModuleText> hierarchical_verilog(const Block& design, const VerilogOptions& options)
{
    return HierarchySplitter(design, options).write();
}

}  // namespace rtl

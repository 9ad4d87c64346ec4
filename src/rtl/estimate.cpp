// Area and timing estimates of a gate-level design (PyRTL's area_estimation and TimingAnalysis), with
// the per-cell model documented in synthesis.hpp.

#include "rtl/schedule.hpp"
#include "rtl/synthesis.hpp"

#include <algorithm>

namespace rtl {

namespace {

bool is_wiring(Op op)
{
    return op == Op::Wire || op == Op::Concat || op == Op::Select;
}

// True if every net is a 1-bit gate, wiring, a memory port or a 1-bit register.
bool is_gate_level(const Block& block)
{
    for (const auto& net : block.nets()) {
        if (is_wiring(net.op) || net.op == Op::MemRead || net.op == Op::MemWrite) continue;
        bool gate = net.op == Op::And || net.op == Op::Or || net.op == Op::Xor || net.op == Op::Nand ||
            net.op == Op::Not || net.op == Op::Mux || net.op == Op::Reg;
        if (!gate || block.wire(net.dest).bitwidth != 1) return false;
    }
    return true;
}

double gate_area(Op op)
{
    switch (op) {
    case Op::Not: return 0.67;
    case Op::Nand: return 1.0;
    case Op::And:
    case Op::Or: return 1.33;
    case Op::Xor:
    case Op::Mux: return 2.33;
    default: return 0;
    }
}

double gate_delay(Op op)
{
    switch (op) {
    case Op::Not: return 1.0;
    case Op::Nand:
    case Op::And:
    case Op::Or: return 1.4;
    case Op::Xor:
    case Op::Mux: return 2.0;
    case Op::MemRead: return 4.0;
    default: return 0;
    }
}

// `block` itself when it is gate-level, else its synthesized form (kept alive in `holder`).
const Block& gates(const Block& block, std::unique_ptr<Block>& holder)
{
    if (is_gate_level(block)) return block;
    holder = synthesize(block);
    return *holder;
}

}  // namespace

AreaEstimate estimate_area(const Block& input)
{
    std::unique_ptr<Block> holder;
    const Block& block = gates(input, holder);
    AreaEstimate a;
    for (const auto& net : block.nets()) {
        if (net.op == Op::Reg) {
            a.registers += 4.67;
            ++a.flip_flops;
        } else if (gate_area(net.op) > 0) {
            a.logic += gate_area(net.op);
            ++a.gates;
        }
    }
    for (const auto& m : block.memories())
        a.memory += static_cast<double>(m.bitwidth) * static_cast<double>(std::uint64_t{1} << m.addrwidth);
    return a;
}

TimingEstimate estimate_timing(const Block& input)
{
    std::unique_ptr<Block> holder;
    const Block& block = gates(input, holder);
    const auto& nets = block.nets();
    std::vector<double> arrival(block.wires().size(), 0);
    std::vector<WireId> from(block.wires().size(), kNoWire);  // the argument the latest value came through
    for (std::uint32_t index : levelize(block)) {
        const LogicNet& net = nets[index];
        WireId latest = kNoWire;
        for (WireId a : net.args)
            if (latest == kNoWire || arrival[a] > arrival[latest]) latest = a;
        arrival[net.dest] = (latest == kNoWire ? 0 : arrival[latest]) + gate_delay(net.op);
        from[net.dest] = latest;
    }
    TimingEstimate t;
    WireId end = kNoWire;
    auto consider = [&](WireId w) {
        if (end == kNoWire || arrival[w] > arrival[end]) end = w;
    };
    for (const auto& net : nets)
        if (net.op == Op::Reg || net.op == Op::MemWrite)
            for (WireId a : net.args) consider(a);
    for (WireId id = 0; id < block.wires().size(); ++id)
        if (block.wire(id).kind == WireKind::Output) consider(id);
    if (end == kNoWire) return t;
    t.critical_path = arrival[end];
    std::vector<std::string> all, named;
    for (WireId w = end; w != kNoWire; w = from[w]) {
        const std::string& name = block.wire(w).name;
        all.push_back(name);
        if (!name.starts_with("tmp") && !name.starts_with("const_") && (named.empty() || named.back() != name))
            named.push_back(name);
    }
    t.path = named.empty() ? all : named;
    std::reverse(t.path.begin(), t.path.end());
    return t;
}

}  // namespace rtl

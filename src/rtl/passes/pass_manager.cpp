// The pass manager: parses a pipeline ("default", "none" or a list of pass names), lowers and checks
// the design, then runs the passes in order, again and again until none of them changes anything.

#include "netlist.hpp"
#include "rtl/error.hpp"
#include "rtl/passes.hpp"
#include "rtl/sanity_check.hpp"
#include "rtl/schedule.hpp"

#include <fmt/format.h>

#include <string_view>

namespace rtl {

namespace {

struct NamedPass {
    std::string_view name;
    bool (*run)(passes::Netlist&);
};

// The default pipeline, in order: simplifications first, so that narrowing and the dead-logic sweep
// see the smallest design.
constexpr NamedPass kPasses[] = {
    {"constant_fold", passes::constant_fold},     {"copy_collapse", passes::copy_collapse},
    {"mux_simplify", passes::mux_simplify},       {"common_subexpressions", passes::common_subexpressions},
    {"width_reduction", passes::width_reduction}, {"zero_extension", passes::zero_extension},
    {"dead_logic", passes::dead_logic},
};

// A pass that cannot settle within this many rounds has a bug; the design is still correct after any
// number of rounds, so stopping is safe.
constexpr int kMaxRounds = 64;

std::vector<NamedPass> parse_pipeline(const std::string& pipeline)
{
    if (pipeline == "default") return {std::begin(kPasses), std::end(kPasses)};
    std::vector<NamedPass> out;
    if (pipeline == "none") return out;
    std::string_view rest = pipeline;
    while (!rest.empty()) {
        auto comma = rest.find(',');
        std::string_view name = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (name.empty()) continue;
        const NamedPass* found = nullptr;
        for (const auto& p : kPasses)
            if (p.name == name) found = &p;
        if (!found) {
            std::string known;
            for (const auto& p : kPasses) known += (known.empty() ? "" : ", ") + std::string(p.name);
            throw Error(fmt::format("unknown pass \"{}\" in pipeline \"{}\" (passes: {}; or \"default\" or \"none\")",
                                    name, pipeline, known));
        }
        out.push_back(*found);
    }
    return out;
}

}  // namespace

const std::vector<std::string>& pass_names()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& p : kPasses) out.emplace_back(p.name);
        return out;
    }();
    return names;
}

std::unique_ptr<Block> optimize(const Block& block, const OptimizeOptions& options)
{
    auto passes = parse_pipeline(options.pipeline);
    auto lowered = lower_conditionals(block);
    check_connections(*lowered);
    levelize(*lowered);  // a combinational loop is reported on the user's design, before any pass
    bool resets = false;
    for (const auto& w : lowered->wires()) resets = resets || w.reset.kind != ResetKind::None;
    if (passes.empty() && !(options.lower_resets && resets)) return lowered;
    passes::Netlist netlist = passes::to_netlist(*lowered, options.keep_named_wires);
    lowered.reset();
    if (options.lower_resets) passes::lower_resets(netlist);
    for (int round = 0; round < kMaxRounds; ++round) {
        bool changed = false;
        for (const auto& p : passes) changed = p.run(netlist) || changed;
        if (!changed) break;
    }
    auto optimized = passes::to_block(netlist);
    check_connections(*optimized);
    return optimized;
}

DesignStatistics design_statistics(const Block& block)
{
    DesignStatistics s;
    std::vector<char> used(block.wires().size(), 0);
    for (const auto& net : block.nets()) {
        ++s.nets;
        if (net.op == Op::Reg) ++s.registers;
        else if (net.op != Op::MemWrite) ++s.combinational_nets;
        bool wide = net.dest != kNoWire && block.wire(net.dest).bitwidth > 64;
        for (WireId a : net.args) {
            used[a] = 1;
            wide = wide || block.wire(a).bitwidth > 64;
        }
        if (net.dest != kNoWire) used[net.dest] = 1;
        if (wide) ++s.wide_nets;
    }
    for (WireId id = 0; id < used.size(); ++id) {
        auto kind = block.wire(id).kind;
        if (used[id] || kind == WireKind::Input || kind == WireKind::Output) ++s.wires;
    }
    s.memories = block.memories().size();
    return s;
}

}  // namespace rtl

// Pass sanity_check: the design rules every backend relies on (a check; it changes nothing).

#include "rtl/sanity_check.hpp"

#include "rtl/error.hpp"
#include "rtl/passes.hpp"
#include "rtl/schedule.hpp"

#include <fmt/format.h>

namespace rtl {

namespace {

std::string list(const Block& block, const std::vector<WireId>& ids)
{
    std::string out;
    std::size_t shown = 0;
    for (WireId id : ids) {
        if (shown++ == 10) {
            out += fmt::format(", ... ({} more)", ids.size() - 10);
            break;
        }
        out += (out.empty() ? "" : ", ") + block.describe(id);
    }
    return out;
}

}  // namespace

void check_connections(const Block& block)
{
    const auto& wires = block.wires();
    std::vector<char> read(wires.size(), 0);
    for (const auto& net : block.nets())
        for (WireId a : net.args) read[a] = 1;

    std::vector<WireId> no_width, undriven, no_next, undriven_outputs;
    for (WireId id = 0; id < wires.size(); ++id) {
        const auto& w = wires[id];
        if (w.bitwidth == 0) no_width.push_back(id);
        if (w.kind == WireKind::Input || w.kind == WireKind::Const) continue;
        bool driven = block.driver(id) != nullptr;
        if (driven) continue;
        if (w.kind == WireKind::Register) no_next.push_back(id);
        else if (w.kind == WireKind::Output) undriven_outputs.push_back(id);
        else if (read[id]) undriven.push_back(id);
        // A plain wire that is neither driven nor read is ignored (e.g. an unused handshake wire).
    }
    if (!no_width.empty())
        throw WidthError(fmt::format("wires without a bitwidth (give them one, or connect them with <<=): {}",
                                     list(block, no_width)));
    if (!no_next.empty())
        throw ConnectionError(
            fmt::format("registers whose .next is never set (set r.next <<= ...): {}", list(block, no_next)));
    if (!undriven_outputs.empty())
        throw ConnectionError(fmt::format("Outputs that are never driven: {}", list(block, undriven_outputs)));
    if (!undriven.empty()) throw ConnectionError(fmt::format("wires used but never driven: {}", list(block, undriven)));
}

void sanity_check(const Block& block)
{
    auto lowered = lower_conditionals(block);
    check_connections(*lowered);
    levelize(*lowered);
}

}  // namespace rtl

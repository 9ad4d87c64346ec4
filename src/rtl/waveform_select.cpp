#include "waveform_select.hpp"

#include "limb_ops.hpp"
#include "rtl/error.hpp"
#include "rtl/schedule.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rtl::detail {

WaveSelection select_waves(const SimulationTrace& trace, const RenderOptions& options, const char* who)
{
    WaveSelection selection;
    auto add = [&](const SimulationTrace::Signal& s) {
        auto it = options.format_per_name.find(s.name);
        selection.rows.push_back({&s, it == options.format_per_name.end() ? options.format : it->second});
    };
    if (options.names.empty()) {
        for (const auto& s : trace.signals()) add(s);
    } else {
        for (const auto& name : options.names) {
            auto it = std::find_if(trace.signals().begin(), trace.signals().end(),
                                   [&](const auto& s) { return s.name == name; });
            if (it == trace.signals().end())
                throw SimulationError(fmt::format("{}: \"{}\" is not in the trace", who, name));
            add(*it);
        }
    }
    if (selection.rows.empty()) throw SimulationError(fmt::format("{}: the trace has no signals to show", who));
    selection.first = options.first_cycle;
    selection.last = options.end_cycle == 0 ? trace.cycles() : std::min(options.end_cycle, trace.cycles());
    if (selection.first >= selection.last)
        throw SimulationError(fmt::format("{}: no cycles to show (cycles {} to {} of a trace of {})", who,
                                          options.first_cycle, options.end_cycle, trace.cycles()));
    return selection;
}

bool wave_bit(const WaveRow& row, std::size_t cycle)
{
    return (row.signal->limbs[cycle * limbs::count(row.signal->bitwidth)] & 1) != 0;
}

bool wave_same(const WaveRow& row, std::size_t a, std::size_t b)
{
    const std::uint32_t n = limbs::count(row.signal->bitwidth);
    const auto* pa = row.signal->limbs.data() + a * n;
    return std::equal(pa, pa + n, row.signal->limbs.data() + b * n);
}

std::string wave_text(const WaveRow& row, std::size_t cycle)
{
    const auto& s = *row.signal;
    const std::uint32_t n = limbs::count(s.bitwidth);
    BigInt v = from_limbs(s.limbs.data() + cycle * n, n);
    if (!s.enum_names.empty() && v < s.enum_names.size()) return s.enum_names[static_cast<std::size_t>(v)];
    return format_value(v, s.bitwidth, row.format);
}

}  // namespace rtl::detail

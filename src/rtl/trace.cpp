#include "rtl/trace.hpp"

#include "limb_ops.hpp"
#include "rtl/error.hpp"
#include "rtl/schedule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <ostream>

namespace rtl {

bool natural_less(std::string_view a, std::string_view b)
{
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        bool da = std::isdigit(static_cast<unsigned char>(a[i])), db = std::isdigit(static_cast<unsigned char>(b[j]));
        if (da && db) {
            std::size_t ei = i, ej = j;
            while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
            while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
            auto na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
            while (na.size() > 1 && na.front() == '0') na.remove_prefix(1);
            while (nb.size() > 1 && nb.front() == '0') nb.remove_prefix(1);
            if (na.size() != nb.size()) return na.size() < nb.size();
            if (na != nb) return na < nb;
            i = ei;
            j = ej;
            continue;
        }
        if (a[i] != b[j]) return a[i] < b[j];
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

std::size_t SimulationTrace::add_signal(Signal signal)
{
    signals_.push_back(std::move(signal));
    return signals_.size() - 1;
}

void SimulationTrace::append(std::size_t signal, const std::uint64_t* limbs, std::uint32_t count)
{
    auto& dst = signals_[signal].limbs;
    if (count == 1) dst.push_back(*limbs);  // the common case, several times cheaper than a range insert
    else dst.insert(dst.end(), limbs, limbs + count);
}

bool SimulationTrace::contains(std::string_view name) const
{
    return std::any_of(signals_.begin(), signals_.end(), [&](const Signal& s) { return s.name == name; });
}

const SimulationTrace::Signal& SimulationTrace::find(std::string_view name) const
{
    for (const auto& s : signals_)
        if (s.name == name) return s;
    throw SimulationError(fmt::format("cannot find \"{}\" in the trace (only named wires are traced by default; "
                                      "wires named tmp... or const_... are not)",
                                      name));
}

BigInt SimulationTrace::value(std::string_view name, std::size_t cycle) const
{
    const Signal& s = find(name);
    if (cycle >= cycles_)
        throw SimulationError(
            fmt::format("cycle {} of \"{}\" requested, but the trace has {} cycles", cycle, name, cycles_));
    std::uint32_t n = limbs::count(s.bitwidth);
    return from_limbs(s.limbs.data() + cycle * n, n);
}

std::vector<BigInt> SimulationTrace::values(std::string_view name) const
{
    const Signal& s = find(name);
    std::uint32_t n = limbs::count(s.bitwidth);
    std::vector<BigInt> out;
    out.reserve(cycles_);
    for (std::size_t c = 0; c < cycles_; ++c) out.push_back(from_limbs(s.limbs.data() + c * n, n));
    return out;
}

std::string format_value(const BigInt& value, int bitwidth, ValueFormat format)
{
    std::ostringstream os;
    switch (format) {
    case ValueFormat::Hex: return to_hex_string(value, bitwidth);
    case ValueFormat::Unsigned: return value.str();
    case ValueFormat::Signed: return val_to_signed_integer(value, bitwidth).str();
    case ValueFormat::Binary: {
        std::string bits;
        for (int i = bitwidth - 1; i >= 0; --i) bits += bit_test(value, static_cast<unsigned>(i)) ? '1' : '0';
        return bits;
    }
    }
    return value.str();
}

void render_trace(const SimulationTrace& trace, std::ostream& out, const RenderOptions& options)
{
    std::vector<const SimulationTrace::Signal*> shown;
    if (options.names.empty()) {
        for (const auto& s : trace.signals()) shown.push_back(&s);
    } else {
        for (const auto& name : options.names) {
            auto it = std::find_if(trace.signals().begin(), trace.signals().end(),
                                   [&](const auto& s) { return s.name == name; });
            if (it == trace.signals().end())
                throw SimulationError(fmt::format("render_trace: \"{}\" is not in the trace", name));
            shown.push_back(&*it);
        }
    }
    if (shown.empty()) throw SimulationError("render_trace: the trace has no signals to show");
    std::size_t first = options.first_cycle;
    std::size_t last = options.end_cycle == 0 ? trace.cycles() : std::min(options.end_cycle, trace.cycles());
    auto text_of = [&](const SimulationTrace::Signal& s, std::size_t cycle) {
        std::uint32_t n = limbs::count(s.bitwidth);
        BigInt v = from_limbs(s.limbs.data() + cycle * n, n);
        if (!s.enum_names.empty() && v < s.enum_names.size()) return s.enum_names[static_cast<std::size_t>(v)];
        auto it = options.format_per_name.find(s.name);
        return format_value(v, s.bitwidth, it == options.format_per_name.end() ? options.format : it->second);
    };
    std::size_t cell = static_cast<std::size_t>(std::max(options.symbol_len, 0));
    if (cell == 0) {
        cell = 2;
        for (const auto* s : shown)
            if (s->bitwidth > 1)
                for (std::size_t c = first; c < last; ++c) cell = std::max(cell, text_of(*s, c).size());
        cell = std::max(cell, fmt::format("{}", last == 0 ? 0 : last - 1).size());
        cell += 1;
    }
    std::size_t name_width = 0;
    for (const auto* s : shown) name_width = std::max(name_width, s->name.size());

    std::string ruler(name_width + 1, ' ');
    for (std::size_t c = first; c < last; ++c) {
        std::string label = fmt::format("{}", c);
        if (label.size() > cell) label = label.substr(label.size() - cell);
        ruler += (options.style == TraceStyle::Utf8 ? "│" : "|") + label + std::string(cell - label.size(), ' ');
    }
    while (!ruler.empty() && ruler.back() == ' ') ruler.pop_back();
    out << ruler << "\n";
    for (const auto* s : shown) {
        std::string row = s->name + std::string(name_width + 1 - s->name.size(), ' ');
        if (s->bitwidth == 1) {
            // A wave: low, high, rising and falling edges ('_' '-' ',' '.' in ASCII).
            const bool utf8 = options.style == TraceStyle::Utf8;
            const std::string low = utf8 ? "▁" : "_", high_sym = utf8 ? "▔" : "-", rise = utf8 ? "╱" : ",",
                              fall = utf8 ? "╲" : ".";
            for (std::size_t c = first; c < last; ++c) {
                bool high = s->limbs[c] & 1;
                bool before = c > first && (s->limbs[c - 1] & 1);
                row += c == first || high == before ? (high ? high_sym : low) : (high ? rise : fall);
                for (std::size_t k = 0; k < cell; ++k) row += high ? high_sym : low;
            }
        } else {
            // Value boxes: a '|' and the value where it changes, blanks while it holds.
            std::string previous;
            for (std::size_t c = first; c < last; ++c) {
                std::string text = text_of(*s, c);
                if (c == first || text != previous) {
                    if (text.size() > cell) text = text.substr(0, cell - 1) + "+";
                    row +=
                        (options.style == TraceStyle::Utf8 ? "│" : "|") + text + std::string(cell - text.size(), ' ');
                } else {
                    row += std::string(cell + 1, ' ');
                }
                previous = text_of(*s, c);
            }
        }
        while (!row.empty() && row.back() == ' ') row.pop_back();
        out << row << "\n";
    }
}

void write_vcd(const SimulationTrace& trace, std::ostream& out, bool include_clock)
{
    // VCD identifiers: short printable codes.
    auto code = [](std::size_t i) {
        std::string c;
        do {
            c += static_cast<char>('!' + i % 94);
            i /= 94;
        } while (i > 0);
        return c;
    };
    auto sanitize = [](const std::string& name) {
        std::string s;
        for (char ch : name) s += std::isspace(static_cast<unsigned char>(ch)) ? '_' : ch;
        return s;
    };
    const auto& signals = trace.signals();
    out << "$timescale 1ns $end\n$scope module logic $end\n";
    std::size_t base = include_clock ? 1 : 0;
    if (include_clock) out << "$var wire 1 " << code(0) << " clk $end\n";
    for (std::size_t i = 0; i < signals.size(); ++i)
        out << "$var wire " << signals[i].bitwidth << " " << code(i + base) << " " << sanitize(signals[i].name)
            << " $end\n";
    out << "$upscope $end\n$enddefinitions $end\n";
    auto emit = [&](std::size_t i, std::size_t cycle) {
        const auto& s = signals[i];
        std::uint32_t n = limbs::count(s.bitwidth);
        BigInt v = from_limbs(s.limbs.data() + cycle * n, n);
        if (s.bitwidth == 1) out << (v == 0 ? '0' : '1') << code(i + base) << "\n";
        else out << "b" << format_value(v, s.bitwidth, ValueFormat::Binary) << " " << code(i + base) << "\n";
    };
    for (std::size_t c = 0; c < trace.cycles(); ++c) {
        out << "#" << 10 * c << "\n";
        if (include_clock) out << "1" << code(0) << "\n";
        for (std::size_t i = 0; i < signals.size(); ++i) {
            if (c > 0) {
                std::uint32_t n = limbs::count(signals[i].bitwidth);
                const auto* now = signals[i].limbs.data() + c * n;
                if (std::equal(now, now + n, now - n)) continue;
            }
            emit(i, c);
        }
        if (include_clock) out << "#" << 10 * c + 5 << "\n0" << code(0) << "\n";
    }
    out << "#" << 10 * trace.cycles() << "\n";
}

}  // namespace rtl

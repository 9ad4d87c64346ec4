// rtl::write_svg: a trace as an SVG timing diagram (see include/rtl/waveform.hpp for the layout).

#include "rtl/waveform.hpp"
#include "waveform_select.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ostream>

namespace rtl {

namespace {

constexpr double kCharWidth = 7.2;  // 12 px monospace
constexpr const char* kWaveColor = "#1a7f37";
constexpr const char* kBusStroke = "#1d4ed8";
constexpr const char* kBusFill = "#dbeafe";

std::string num(double v)
{
    std::string s = fmt::format("{:.2f}", v);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s == "-0" ? "0" : s;
}

std::string xml_escape(std::string_view text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default:
            // Control characters are not allowed in XML 1.0.
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') out += '?';
            else out += c;
        }
    }
    return out;
}

// Characters of a UTF-8 string (names are ASCII in practice; this keeps "…" and state names honest).
std::size_t text_length(std::string_view text)
{
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The label of a segment `width` wide: the text, or its start and "…", or nothing.
std::string fit_label(const std::string& text, double width)
{
    const auto room = static_cast<std::size_t>(std::max(0.0, std::floor((width - 4) / kCharWidth)));
    if (text_length(text) <= room) return text;
    if (room < 2) return {};
    return text.substr(0, room - 1) + "…";
}

struct Geometry {
    double x0, y0, cycle, row;
    double x(std::size_t k) const { return x0 + static_cast<double>(k) * cycle; }
};

void draw_clock(std::ostream& out, const Geometry& g, double top, std::size_t cycles)
{
    const double high = top + 4.5, low = top + g.row - 4.5;
    std::string d = fmt::format("M{} {}", num(g.x(0)), num(low));
    for (std::size_t k = 0; k < cycles; ++k)
        d += fmt::format(" V{} H{} V{} H{}", num(high), num(g.x(k) + g.cycle / 2), num(low), num(g.x(k + 1)));
    out << "<path d=\"" << d << "\" fill=\"none\" stroke=\"#555\" stroke-width=\"1\"/>\n";
}

void draw_bit(std::ostream& out, const Geometry& g, double top, const detail::WaveRow& row, std::size_t first,
              std::size_t last)
{
    const double high = top + 4.5, low = top + g.row - 4.5;
    auto y = [&](std::size_t c) { return detail::wave_bit(row, c) ? high : low; };
    std::string d = fmt::format("M{} {}", num(g.x(0)), num(y(first)));
    for (std::size_t c = first + 1; c < last; ++c)
        if (detail::wave_bit(row, c) != detail::wave_bit(row, c - 1))
            d += fmt::format(" H{} V{}", num(g.x(c - first)), num(y(c)));
    d += fmt::format(" H{}", num(g.x(last - first)));
    out << "<path d=\"" << d << "\" fill=\"none\" stroke=\"" << kWaveColor << "\" stroke-width=\"1\"/>\n";
}

void draw_bus(std::ostream& out, const Geometry& g, double top, const detail::WaveRow& row, std::size_t first,
              std::size_t last)
{
    const double hi = top + 4.5, lo = top + g.row - 4.5, mid = (hi + lo) / 2;
    for (std::size_t a = first; a < last;) {
        std::size_t b = a + 1;
        while (b < last && detail::wave_same(row, a, b)) ++b;
        const double xa = g.x(a - first), xb = g.x(b - first), w = xb - xa, s = std::min(3.0, w / 4);
        const std::string text = detail::wave_text(row, a);
        out << fmt::format("<g><title>{}: {} (cycles {}-{})</title>", xml_escape(row.signal->name), xml_escape(text), a,
                           b - 1)
            << fmt::format("<polygon points=\"{},{} {},{} {},{} {},{} {},{} {},{}\" fill=\"{}\" stroke=\"{}\" "
                           "stroke-width=\"1\"/>",
                           num(xa), num(mid), num(xa + s), num(hi), num(xb - s), num(hi), num(xb), num(mid),
                           num(xb - s), num(lo), num(xa + s), num(lo), kBusFill, kBusStroke);
        const std::string label = fit_label(text, w - 2 * s);
        if (!label.empty())
            out << fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", num((xa + xb) / 2),
                               num(mid + 4), xml_escape(label));
        out << "</g>\n";
        a = b;
    }
}

}  // namespace

void write_svg(const SimulationTrace& trace, std::ostream& out, const RenderOptions& options, const SvgLayout& layout)
{
    const detail::WaveSelection sel = detail::select_waves(trace, options, "write_svg");
    const std::size_t cycles = sel.last - sel.first;

    double cycle = layout.cycle_width;
    if (cycle <= 0 && options.symbol_len > 0) cycle = std::max(options.symbol_len, 2) * kCharWidth;
    if (cycle <= 0) {
        std::size_t chars = 2;
        for (const auto& row : sel.rows)
            if (row.signal->bitwidth > 1)
                for (std::size_t c = sel.first; c < sel.last; ++c)
                    chars = std::max(chars, text_length(detail::wave_text(row, c)));
        cycle = static_cast<double>(std::min<std::size_t>(chars, 12)) * kCharWidth + 12;
    }
    double names = layout.name_width;
    if (names <= 0) {
        std::size_t chars = 3;
        for (const auto& row : sel.rows) chars = std::max(chars, text_length(row.signal->name));
        names = static_cast<double>(chars) * kCharWidth + 12;
    }
    const double rh = layout.row_height;
    const Geometry g{layout.margin + names, layout.margin + (layout.ruler ? rh : 0), cycle, rh};
    const std::size_t rows = sel.rows.size() + (layout.clock ? 1 : 0);
    const double width = g.x(cycles) + layout.margin, height = g.y0 + static_cast<double>(rows) * rh + layout.margin;

    out << fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
                       "font-family=\"DejaVu Sans Mono, monospace\" font-size=\"12\">\n",
                       num(width), num(height));
    out << fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#fff\"/>\n", num(width), num(height));
    if (layout.ruler) {
        // Label every k-th cycle, k from 1, 2, 5, 10, 20, 50, ... so that labels do not overlap.
        const std::size_t digits = fmt::format("{}", sel.last - 1).size();
        const double need = static_cast<double>(digits) * kCharWidth + 4;
        std::size_t step = 1;
        for (std::size_t base = 1; static_cast<double>(step) * cycle < need; base *= 10)
            for (std::size_t m : {1, 2, 5})
                if (static_cast<double>(step) * cycle < need) step = base * m;
        out << "<g stroke=\"#e5e7eb\" stroke-width=\"1\" shape-rendering=\"crispEdges\">";
        for (std::size_t k = 0; k <= cycles; ++k)
            out << fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>", num(g.x(k)), num(g.y0),
                               num(height - layout.margin));
        out << "</g>\n<g fill=\"#6b7280\">";
        for (std::size_t k = 0; k < cycles; ++k)
            if ((sel.first + k) % step == 0)
                out << fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", num(g.x(k) + 2), num(g.y0 - 6), sel.first + k);
        out << "</g>\n";
    }
    double top = g.y0;
    auto name = [&](std::string_view text) {
        out << fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#111\">{}</text>\n", num(layout.margin),
                           num(top + rh / 2 + 4), xml_escape(text));
    };
    out << "<g shape-rendering=\"crispEdges\">\n";
    if (layout.clock) {
        name("clk");
        draw_clock(out, g, top, cycles);
        top += rh;
    }
    for (const auto& row : sel.rows) {
        name(row.signal->name);
        if (row.signal->bitwidth == 1) draw_bit(out, g, top, row, sel.first, sel.last);
        else draw_bus(out, g, top, row, sel.first, sel.last);
        top += rh;
    }
    out << "</g>\n</svg>\n";
}

}  // namespace rtl

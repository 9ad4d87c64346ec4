// rtl::write_wavedrom: a trace as WaveDrom JSON (see include/rtl/waveform.hpp).

#include "rtl/waveform.hpp"
#include "waveform_select.hpp"

#include <fmt/format.h>

#include <ostream>

namespace rtl {

namespace {

std::string json_string(std::string_view text)
{
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
            else out += c;
        }
    }
    return out + "\"";
}

}  // namespace

void write_wavedrom(const SimulationTrace& trace, std::ostream& out, const RenderOptions& options)
{
    const detail::WaveSelection sel = detail::select_waves(trace, options, "write_wavedrom");
    const std::size_t cycles = sel.last - sel.first;
    out << "{\"signal\": [\n  {\"name\": \"clk\", \"wave\": \"p" << std::string(cycles - 1, '.') << "\"}";
    for (const auto& row : sel.rows) {
        std::string wave;
        std::string data;
        for (std::size_t c = sel.first; c < sel.last; ++c) {
            if (c > sel.first && detail::wave_same(row, c, c - 1)) {
                wave += '.';
            } else if (row.signal->bitwidth == 1) {
                wave += detail::wave_bit(row, c) ? '1' : '0';
            } else {
                wave += '=';
                data += (data.empty() ? "" : ", ") + json_string(detail::wave_text(row, c));
            }
        }
        out << ",\n  {\"name\": " << json_string(row.signal->name) << ", \"wave\": \"" << wave << "\"";
        if (row.signal->bitwidth > 1) out << ", \"data\": [" << data << "]";
        out << "}";
    }
    out << "\n],\n\"head\": {\"tick\": " << sel.first << "},\n\"config\": {\"hscale\": 1}}\n";
}

}  // namespace rtl

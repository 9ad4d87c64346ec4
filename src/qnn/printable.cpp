#include "printable.hpp"

#include <fmt/format.h>

namespace qnn::detail {

std::string printable(std::string_view text, std::size_t max_length)
{
    std::string out;
    const std::size_t n = text.size() < max_length ? text.size() : max_length;
    out.reserve(n + 8);
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\\') {
            out += "\\\\";
        } else if (c < 0x20 || c >= 0x7F) {
            out += fmt::format("\\x{:02x}", c);
        } else {
            out += static_cast<char>(c);
        }
    }
    if (n < text.size()) out += "...";
    return out;
}

}  // namespace qnn::detail

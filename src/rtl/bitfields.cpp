// PyRTL's bit-pattern and bit-field helpers (corecircuits.hpp): match_bitpattern, bitfield_update and
// enum_mux, built from compares, selects and concatenations.

#include "rtl/corecircuits.hpp"
#include "rtl/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace rtl {

namespace {

// The pattern without spaces and underscores, checked against `w`: one character per bit, MSB first.
std::string pattern_bits(const WireVector& w, std::string_view pattern)
{
    std::string bits;
    for (char c : pattern) {
        if (c == ' ' || c == '_') continue;
        if (c != '0' && c != '1' && c != '?' && !std::isalpha(static_cast<unsigned char>(c)))
            throw ValueError(fmt::format("bit pattern \"{}\": '{}' is not 0, 1, ? or a field letter", pattern, c));
        bits += c;
    }
    if (static_cast<int>(bits.size()) != w.bitwidth())
        throw WidthError(fmt::format("bit pattern \"{}\" has {} bits, but {} has {}", pattern, bits.size(),
                                     w.block().describe(w.id()), w.bitwidth()));
    return bits;
}

}  // namespace

BitpatternMatch match_bitpattern_fields(const WireVector& w, std::string_view pattern)
{
    const std::string bits = pattern_bits(w, pattern);
    const int width = w.bitwidth();
    // The fixed bits are compared at once: (w & mask) == value.
    BigInt mask = 0, value = 0;
    std::map<char, std::vector<int>> field_bits;  // per letter: bit indices, MSB first
    for (int i = 0; i < width; ++i) {
        const char c = bits[static_cast<std::size_t>(width - 1 - i)];
        if (c == '0' || c == '1') {
            bit_set(mask, static_cast<unsigned>(i));
            if (c == '1') bit_set(value, static_cast<unsigned>(i));
        }
    }
    for (int i = width - 1; i >= 0; --i) {
        const char c = bits[static_cast<std::size_t>(width - 1 - i)];
        if (std::isalpha(static_cast<unsigned char>(c))) field_bits[c].push_back(i);
    }
    BitpatternMatch out;
    Block& block = w.block();
    out.matched = mask == 0 ? WireVector(Const(1, 1, false, {}, &block))
                            : (w & Const(mask, width, false, {}, &block)) == Const(value, width, false, {}, &block);
    for (auto& [letter, indices] : field_bits) {
        std::vector<int> lsb_first(indices.rbegin(), indices.rend());
        out.fields.emplace(letter, w.select_bits(lsb_first));
    }
    return out;
}

WireVector match_bitpattern(const WireVector& w, std::string_view pattern)
{
    return match_bitpattern_fields(w, pattern).matched;
}

WireVector bitfield_update(const WireVector& w, int hi, int lo, const Operand& value, bool truncating)
{
    const int width = w.bitwidth();
    const int h = hi < 0 ? hi + width : hi, l = lo < 0 ? lo + width : lo;
    if (h < l || l < 0 || h >= width)
        throw WidthError(fmt::format("bitfield_update: bits {} down to {} are not a range of {} ({} bits)", hi, lo,
                                     w.block().describe(w.id()), width));
    const int field = h - l + 1;
    WireVector v = value.resolve(w.block());
    if (v.bitwidth() > field) {
        if (!truncating)
            throw WidthError(fmt::format("bitfield_update: the new value {} is {} bits, wider than the {}-bit field "
                                         "{}..{} (pass truncating = true to keep its low bits)",
                                         w.block().describe(v.id()), v.bitwidth(), field, h, l));
        v = v.truncate(field);
    }
    std::vector<WireVector> parts;
    if (h < width - 1) parts.push_back(w(width - 1, h + 1));
    parts.push_back(v.zero_extended(field));
    if (l > 0) parts.push_back(w(l - 1, 0));
    return concat(parts);
}

WireVector enum_mux(const WireVector& sel, const std::vector<std::pair<MuxKey, Operand>>& table,
                    const std::optional<Operand>& default_value)
{
    Block& block = sel.block();
    const int width = sel.bitwidth();
    std::map<BigInt, WireVector> cases;
    for (const auto& [key, value] : table) {
        if (key.value < 0 || bit_length(key.value) > width)
            throw ValueError(fmt::format("enum_mux: key {} does not fit the {}-bit select {}", key.value.str(), width,
                                         block.describe(sel.id())));
        if (!cases.emplace(key.value, value.resolve(block)).second)
            throw ValueError(fmt::format("enum_mux: key {} appears twice", key.value.str()));
    }
    // The values that must be covered when there is no default: a state register's states, or all.
    const std::size_t states = sel.info().enum_names.size();
    const BigInt needed = states > 0 ? BigInt(states) : BigInt(1) << width;
    if (!default_value) {
        std::vector<std::string> missing;
        for (BigInt k = 0; k < needed && missing.size() < 8; ++k)
            if (!cases.contains(k))
                missing.push_back(states > 0 ? sel.info().enum_names[static_cast<std::size_t>(k)] : k.str());
        if (!missing.empty()) {
            std::string list;
            for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
            throw WidthError(fmt::format("enum_mux on {}: no value for {}{} (add them or pass a default)",
                                         block.describe(sel.id()), list, missing.size() == 8 ? ", ..." : ""));
        }
    }
    int out_width = 1;
    for (const auto& [key, value] : cases) out_width = std::max(out_width, value.bitwidth());
    WireVector result =
        default_value ? default_value->resolve(block) : WireVector(Const(0, out_width, false, {}, &block));
    out_width = std::max(out_width, result.bitwidth());
    result = result.zero_extended(out_width);
    // A chain of equality selects: the synthesizer builds the decoder it prefers from it.
    for (auto it = cases.rbegin(); it != cases.rend(); ++it)
        result = select(sel == Const(it->first, width, false, {}, &block), it->second.zero_extended(out_width), result);
    return result;
}

}  // namespace rtl

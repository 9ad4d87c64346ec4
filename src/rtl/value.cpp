#include "rtl/value.hpp"

#include "rtl/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace rtl {

int bit_length(const BigInt& v)
{
    if (v <= 0) return 0;
    return static_cast<int>(boost::multiprecision::msb(v)) + 1;
}

BigInt bitmask(int bitwidth)
{
    return (BigInt(1) << bitwidth) - 1;
}

void to_limbs(const BigInt& value, std::uint64_t* limbs, std::uint32_t n)
{
    BigInt x = value;
    for (std::uint32_t i = 0; i < n; ++i, x >>= 64)
        limbs[i] = static_cast<std::uint64_t>(x & BigInt(~std::uint64_t{0}));
}

BigInt from_limbs(const std::uint64_t* limbs, std::uint32_t n)
{
    BigInt out = 0;
    for (std::uint32_t i = n; i-- > 0;) out = (out << 64) | BigInt(limbs[i]);
    return out;
}

BigInt truncate_value(const BigInt& v, int bitwidth)
{
    if (v >= 0) return v & bitmask(bitwidth);
    // Two's complement of a negative number: add a multiple of 2^bitwidth.
    BigInt modulus = BigInt(1) << bitwidth;
    BigInt r = v % modulus;
    if (r < 0) r += modulus;
    return r;
}

BigInt val_to_signed_integer(const BigInt& v, int bitwidth)
{
    if (bitwidth < 1) throw WidthError(fmt::format("val_to_signed_integer: bitwidth must be >= 1, got {}", bitwidth));
    BigInt u = truncate_value(v, bitwidth);
    if (bit_test(u, static_cast<unsigned>(bitwidth - 1))) return u - (BigInt(1) << bitwidth);
    return u;
}

static int minimal_signed_width(const BigInt& v)
{
    if (v >= 0) return v == 0 ? 1 : bit_length(v) + 1;
    return bit_length(-v - 1) + 1;  // bit_length(~v) + 1
}

ValueAndBitwidth infer_val_and_bitwidth(const BigInt& v, std::optional<int> bitwidth, bool is_signed)
{
    if (bitwidth && *bitwidth < 1) throw WidthError(fmt::format("bitwidth must be at least 1, got {}", *bitwidth));
    if (v < 0 && !bitwidth && !is_signed)
        throw ValueError(
            fmt::format("negative constant {} needs either a bitwidth or signed=true to choose its encoding", v.str()));
    int needed = is_signed ? minimal_signed_width(v) : (v < 0 ? minimal_signed_width(v) : std::max(1, bit_length(v)));
    if (bitwidth) {
        if (needed > *bitwidth)
            throw WidthError(fmt::format("bitwidth specified ({}) is insufficient to represent constant {} "
                                         "(it needs {} bits{})",
                                         *bitwidth, v.str(), needed, is_signed || v < 0 ? ", signed" : ""));
        return {truncate_value(v, *bitwidth), *bitwidth};
    }
    return {truncate_value(v, needed), needed};
}

ValueAndBitwidth parse_verilog_literal(std::string_view text, std::optional<int> bitwidth)
{
    auto bad = [&](std::string_view why) {
        return ValueError(fmt::format("invalid Verilog-style constant \"{}\": {}", text, why));
    };
    std::string_view s = text;
    bool negative = false;
    if (!s.empty() && s.front() == '-') {
        negative = true;
        s.remove_prefix(1);
    }
    auto tick = s.find('\'');
    if (tick == std::string_view::npos) throw bad("expected <width>'<base><digits>, e.g. 8'hFF");
    std::string_view width_text = s.substr(0, tick);
    std::string_view rest = s.substr(tick + 1);
    if (width_text.empty()) throw bad("the width before ' is missing");
    int width = 0;
    for (char c : width_text) {
        if (!std::isdigit(static_cast<unsigned char>(c))) throw bad("the width must be a decimal number");
        width = width * 10 + (c - '0');
        if (width > 1'000'000) throw bad("the width is too large");
    }
    if (width < 1) throw bad("the width must be at least 1");
    int base = 10;
    if (!rest.empty() && std::isalpha(static_cast<unsigned char>(rest.front()))) {
        switch (std::tolower(static_cast<unsigned char>(rest.front()))) {
        case 'b': base = 2; break;
        case 'o': base = 8; break;
        case 'd': base = 10; break;
        case 'h':
        case 'x': base = 16; break;
        case 's': throw bad("signed literals ('s) are not supported; use a negative value instead");
        default: throw bad("unknown base letter (use b, o, d or h)");
        }
        rest.remove_prefix(1);
    }
    BigInt value = 0;
    bool any_digit = false;
    for (char c : rest) {
        if (c == '_' || c == ' ') continue;
        int digit;
        if (std::isdigit(static_cast<unsigned char>(c))) digit = c - '0';
        else if (std::isalpha(static_cast<unsigned char>(c)))
            digit = std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
        else throw bad(fmt::format("unexpected character '{}'", c));
        if (digit >= base) throw bad(fmt::format("digit '{}' is not valid in base {}", c, base));
        value = value * base + digit;
        any_digit = true;
    }
    if (!any_digit) throw bad("no digits after the base");
    if (bit_length(value) > width) throw bad(fmt::format("the value does not fit in {} bits", width));
    if (bitwidth && *bitwidth != width)
        throw WidthError(
            fmt::format("constant \"{}\" has width {} but bitwidth {} was requested", text, width, *bitwidth));
    if (negative) {
        if (value >= (BigInt(1) << (width - 1)))
            throw bad(fmt::format("the magnitude {} of a negative literal must be below 2^(width-1) (as PyRTL)",
                                  value.str()));
        value = truncate_value(-value, width);
    }
    return {value, width};
}

std::string to_hex_string(const BigInt& v, int bitwidth)
{
    std::ostringstream os;
    os << std::hex << v;
    std::string digits = os.str();
    const auto wanted = static_cast<std::size_t>(std::max(0, (bitwidth + 3) / 4));
    if (digits.size() < wanted) digits.insert(0, wanted - digits.size(), '0');
    return "0x" + digits;
}

BigInt from_hex(std::string_view text)
{
    constexpr int kMaxHexBits = 1 << 20;  // as kMaxBitwidth (ir.hpp): a bounded allocation
    std::string_view digits = text;
    if (digits.starts_with("0x") || digits.starts_with("0X")) digits.remove_prefix(2);
    BigInt value = 0;
    bool any = false;
    for (char c : digits) {
        if (c == '_') continue;
        int d = c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f'   ? c - 'a' + 10
            : c >= 'A' && c <= 'F'   ? c - 'A' + 10
                                     : -1;
        if (d < 0)
            throw ValueError(
                fmt::format("\"{}\" is not a hex number: '{}' is not a hex digit (0-9, a-f, A-F, _)", text, c));
        if (bit_length(value) > kMaxHexBits)
            throw ValueError(fmt::format("hex number \"{:.40}...\" is longer than 2^20 bits", text));
        value = (value << 4) | d;
        any = true;
    }
    if (!any) throw ValueError(fmt::format("\"{}\" is not a hex number: it has no digits", text));
    return value;
}

}  // namespace rtl

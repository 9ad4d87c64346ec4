// .npy parsing: magic, version, Python-dict header, raw little-endian data.

#include "file_io.hpp"
#include "memory_guard.hpp"
#include "printable.hpp"
#include "qnn/error.hpp"
#include "qnn/npz.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fmt/std.h>

#include <bit>
#include <cctype>
#include <cstring>
#include <limits>
#include <optional>

static_assert(std::endian::native == std::endian::little, "the .npy reader assumes a little-endian host");

namespace qnn {
namespace {

struct DTypeInfo {
    DType dtype;
    const char* name;
    std::size_t size;
};

constexpr DTypeInfo kDTypes[] = {
    {DType::float32, "<f4", 4}, {DType::float64, "<f8", 8}, {DType::int8, "|i1", 1},  {DType::uint8, "|u1", 1},
    {DType::int16, "<i2", 2},   {DType::int32, "<i4", 4},   {DType::int64, "<i8", 8}, {DType::boolean, "|b1", 1},
};

const DTypeInfo& info(DType dtype)
{
    for (const DTypeInfo& entry : kDTypes) {
        if (entry.dtype == dtype) return entry;
    }
    throw DataError("internal error: unknown DType");
}

std::optional<DType> dtype_from_descr(std::string descr)
{
    // Single-byte types may be written with any byte-order mark.
    if (descr.size() == 3 && (descr[0] == '<' || descr[0] == '=') && descr[2] == '1') descr[0] = '|';
    if (descr.size() == 3 && descr[0] == '=') descr[0] = '<';
    for (const DTypeInfo& entry : kDTypes) {
        if (descr == entry.name) return entry.dtype;
    }
    return std::nullopt;
}

// The subset of Python literal syntax that .npy headers use: a dict of str -> str | bool | tuple[int].
class HeaderParser {
public:
    HeaderParser(std::string_view text, const std::string& what) : text_(text), what_(what) {}

    struct Header {
        std::optional<std::string> descr;
        std::optional<bool> fortran_order;
        std::optional<std::vector<std::size_t>> shape;
    };

    Header parse()
    {
        Header header;
        expect('{');
        for (;;) {
            skip_space();
            if (peek() == '}') break;
            const std::string key = parse_string();
            expect(':');
            skip_space();
            if (key == "descr") {
                header.descr = parse_string();
            } else if (key == "fortran_order") {
                header.fortran_order = parse_bool();
            } else if (key == "shape") {
                header.shape = parse_tuple();
            } else {
                fail(fmt::format("unexpected key '{}'", detail::printable(key)));
            }
            skip_space();
            if (peek() == ',') ++pos_;
        }
        return header;
    }

private:
    [[noreturn]] void fail(const std::string& why) const
    {
        throw DataError(fmt::format("{}: malformed .npy header ({} at offset {} of \"{}\")", what_, why, pos_,
                                    detail::printable(text_)));
    }
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    void skip_space()
    {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    void expect(char c)
    {
        skip_space();
        if (peek() != c) fail(fmt::format("expected '{}'", c));
        ++pos_;
    }
    std::string parse_string()
    {
        skip_space();
        const char quote = peek();
        if (quote != '\'' && quote != '"') fail("expected a string");
        const std::size_t end = text_.find(quote, pos_ + 1);
        if (end == std::string_view::npos) fail("unterminated string");
        std::string value(text_.substr(pos_ + 1, end - pos_ - 1));
        pos_ = end + 1;
        return value;
    }
    bool parse_bool()
    {
        if (text_.substr(pos_, 4) == "True") {
            pos_ += 4;
            return true;
        }
        if (text_.substr(pos_, 5) == "False") {
            pos_ += 5;
            return false;
        }
        fail("expected True or False");
    }
    std::vector<std::size_t> parse_tuple()
    {
        expect('(');
        std::vector<std::size_t> values;
        for (;;) {
            skip_space();
            if (peek() == ')') {
                ++pos_;
                return values;
            }
            if (!std::isdigit(static_cast<unsigned char>(peek()))) fail("expected a dimension");
            std::size_t value = 0;
            while (std::isdigit(static_cast<unsigned char>(peek()))) {
                const auto digit = static_cast<std::size_t>(peek() - '0');
                if (value > (std::numeric_limits<std::uint32_t>::max() - digit) / 10) fail("dimension too large");
                value = value * 10 + digit;
                ++pos_;
            }
            if (peek() == 'L') ++pos_;
            values.push_back(value);
            skip_space();
            if (peek() == ',') {
                ++pos_;
            } else if (peek() != ')') {
                fail("expected ',' or ')'");
            }
        }
    }

    std::string_view text_;
    const std::string& what_;
    std::size_t pos_ = 0;
};

// The data bytes of an array stored in Fortran order (first index fastest) rearranged into C order
// (last index fastest), walking the C order and tracking the matching Fortran offset.
std::vector<std::uint8_t> fortran_to_c_order(std::span<const std::uint8_t> data, const std::vector<std::size_t>& shape,
                                             std::size_t item)
{
    std::vector<std::uint8_t> out(data.size());
    const std::size_t count = data.size() / item;
    if (count == 0) return out;
    std::vector<std::size_t> stride(shape.size());
    std::size_t step = 1;
    for (std::size_t k = 0; k < shape.size(); ++k) {
        stride[k] = step;
        step *= shape[k];
    }
    std::vector<std::size_t> index(shape.size(), 0);
    std::size_t source = 0;
    for (std::size_t c = 0; c < count; ++c) {
        std::memcpy(out.data() + c * item, data.data() + source * item, item);
        for (std::size_t k = shape.size(); k-- > 0;) {
            if (++index[k] < shape[k]) {
                source += stride[k];
                break;
            }
            source -= (shape[k] - 1) * stride[k];
            index[k] = 0;
        }
    }
    return out;
}

// The byte size of an array, or std::nullopt beyond kMaxNpyBytes (checked before each multiply).
std::optional<std::uint64_t> byte_size(const std::vector<std::size_t>& shape, std::size_t item)
{
    for (std::size_t d : shape) {
        if (d == 0) return 0;
    }
    std::uint64_t bytes = item;
    for (std::size_t d : shape) {
        if (bytes > kMaxNpyBytes / d) return std::nullopt;
        bytes *= d;
    }
    return bytes;
}

template <typename T>
T load(const std::uint8_t* p)
{
    T value;
    std::memcpy(&value, p, sizeof(T));
    return value;
}

}  // namespace

std::size_t NpyArray::size() const
{
    std::size_t n = 1;
    for (std::size_t d : shape) n *= d;
    return n;
}

std::size_t NpyArray::item_size() const
{
    return info(dtype).size;
}

std::string NpyArray::dtype_name() const
{
    return info(dtype).name;
}

std::string NpyArray::shape_string() const
{
    if (shape.size() == 1) return fmt::format("({},)", shape[0]);
    return fmt::format("({})", fmt::join(shape, ", "));
}

std::vector<double> NpyArray::to_double() const
{
    std::vector<double> out(size());
    const std::uint8_t* p = data.data();
    for (std::size_t i = 0; i < out.size(); ++i, p += item_size()) {
        switch (dtype) {
        case DType::float32: out[i] = load<float>(p); break;
        case DType::float64: out[i] = load<double>(p); break;
        case DType::int8: out[i] = load<std::int8_t>(p); break;
        case DType::uint8: out[i] = load<std::uint8_t>(p); break;
        case DType::int16: out[i] = load<std::int16_t>(p); break;
        case DType::int32: out[i] = load<std::int32_t>(p); break;
        case DType::int64: out[i] = static_cast<double>(load<std::int64_t>(p)); break;
        case DType::boolean: out[i] = *p != 0 ? 1.0 : 0.0; break;
        }
    }
    return out;
}

std::vector<std::int64_t> NpyArray::to_int64() const
{
    if (dtype == DType::float32 || dtype == DType::float64) {
        throw DataError(fmt::format("expected an integer array, got dtype {}", dtype_name()));
    }
    std::vector<std::int64_t> out(size());
    const std::uint8_t* p = data.data();
    for (std::size_t i = 0; i < out.size(); ++i, p += item_size()) {
        switch (dtype) {
        case DType::int8: out[i] = load<std::int8_t>(p); break;
        case DType::uint8: out[i] = load<std::uint8_t>(p); break;
        case DType::int16: out[i] = load<std::int16_t>(p); break;
        case DType::int32: out[i] = load<std::int32_t>(p); break;
        case DType::int64: out[i] = load<std::int64_t>(p); break;
        case DType::boolean: out[i] = *p != 0 ? 1 : 0; break;
        default: break;
        }
    }
    return out;
}

std::vector<float> NpyArray::to_float32() const
{
    if (dtype != DType::float32) {
        throw DataError(fmt::format("expected a float32 (<f4) array, got dtype {}", dtype_name()));
    }
    std::vector<float> out(size());
    if (!out.empty()) std::memcpy(out.data(), data.data(), out.size() * sizeof(float));
    return out;
}

namespace {

NpyArray parse_array(std::span<const std::uint8_t> bytes, const std::string& what)
{
    static constexpr std::uint8_t kMagic[] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
    if (bytes.size() < 10 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
        throw DataError(fmt::format("{}: not a .npy array (bad magic string)", what));
    }
    const unsigned major = bytes[6];
    std::size_t header_len = 0;
    std::size_t header_start = 0;
    if (major == 1) {
        header_len = std::size_t{bytes[8]} | (std::size_t{bytes[9]} << 8);
        header_start = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12) throw DataError(fmt::format("{}: truncated .npy header", what));
        header_len = std::size_t{bytes[8]} | (std::size_t{bytes[9]} << 8) | (std::size_t{bytes[10]} << 16) |
            (std::size_t{bytes[11]} << 24);
        header_start = 12;
    } else {
        throw DataError(fmt::format("{}: unsupported .npy format version {}.{}", what, major, bytes[7]));
    }
    if (bytes.size() < header_start + header_len) {
        throw DataError(fmt::format("{}: truncated .npy header ({} bytes announced, {} present)", what, header_len,
                                    bytes.size() - header_start));
    }
    const std::string_view text(reinterpret_cast<const char*>(bytes.data() + header_start), header_len);
    const auto header = HeaderParser(text, what).parse();
    if (!header.descr || !header.fortran_order || !header.shape) {
        throw DataError(
            fmt::format("{}: malformed .npy header: 'descr', 'fortran_order' and 'shape' are all required", what));
    }
    const auto dtype = dtype_from_descr(*header.descr);
    if (!dtype) {
        throw DataError(fmt::format("{}: unsupported dtype '{}' (supported: <f4 <f8 |i1 |u1 <i2 <i4 <i8 |b1)", what,
                                    detail::printable(*header.descr)));
    }
    NpyArray array;
    array.dtype = *dtype;
    array.shape = *header.shape;
    const std::optional<std::uint64_t> expected = byte_size(array.shape, array.item_size());
    if (!expected) {
        throw DataError(fmt::format("{}: array of shape {} is too large (the limit is {} bytes)", what,
                                    array.shape_string(), kMaxNpyBytes));
    }
    const std::size_t available = bytes.size() - header_start - header_len;
    if (available != *expected) {
        throw DataError(fmt::format("{}: {} array of shape {} needs {} data bytes but the file has {}", what,
                                    array.dtype_name(), array.shape_string(), *expected, available));
    }
    const auto data = bytes.subspan(header_start + header_len);
    if (*header.fortran_order && array.shape.size() > 1) {
        array.data = fortran_to_c_order(data, array.shape, array.item_size());
    } else {
        array.data.assign(data.begin(), data.end());
    }
    return array;
}

}  // namespace

NpyArray parse_npy(std::span<const std::uint8_t> bytes, const std::string& what)
{
    return detail::with_memory_errors<DataError>(what, [&] { return parse_array(bytes, what); });
}

NpyArray read_npy(const std::filesystem::path& path)
{
    // A .npy file is read whole: at most the .npz reader's default total, plus its header.
    const std::string what = fmt::format("{}", path);
    const auto bytes = detail::with_memory_errors<DataError>(
        what, [&] { return detail::read_binary(path, NpzLimits{}.max_total_bytes + (std::uint64_t{1} << 20)); });
    return parse_npy(bytes, what);
}

}  // namespace qnn

// .npz = zip archive of .npy members. A minimal zip reader: end of central directory (with
// ZIP64), central directory entries, local headers, stored or raw-deflate data, CRC-32 check.

#include "qnn/npz.hpp"

#include "file_io.hpp"
#include "memory_guard.hpp"
#include "printable.hpp"
#include "qnn/error.hpp"

#include <fmt/format.h>
#include <fmt/std.h>
#include <zlib.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <memory>

namespace qnn {
namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndOfCentralDir = 0x06054b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::uint32_t kZip64EndOfCentralDir = 0x06064b50;

// Bounds-checked little-endian reads over the archive.
class Reader {
public:
    Reader(std::span<const std::uint8_t> bytes, const std::string& what) : bytes_(bytes), what_(what) {}

    [[noreturn]] void fail(const std::string& why) const
    {
        throw DataError(fmt::format("{}: malformed .npz (zip) archive: {}", what_, why));
    }
    void need(std::uint64_t offset, std::uint64_t size, const char* item) const
    {
        if (offset > bytes_.size() || size > bytes_.size() - offset) {
            fail(fmt::format("{} at offset {} runs past the end of the file ({} bytes)", item, offset, bytes_.size()));
        }
    }
    std::uint64_t u(std::uint64_t offset, int size) const
    {
        need(offset, static_cast<std::uint64_t>(size), "field");
        std::uint64_t value = 0;
        for (int i = size - 1; i >= 0; --i) value = (value << 8) | bytes_[offset + static_cast<std::uint64_t>(i)];
        return value;
    }
    std::span<const std::uint8_t> span(std::uint64_t offset, std::uint64_t size, const char* item) const
    {
        need(offset, size, item);
        return bytes_.subspan(offset, size);
    }
    std::size_t size() const { return bytes_.size(); }

private:
    std::span<const std::uint8_t> bytes_;
    const std::string& what_;
};

struct CentralDirectory {
    std::uint64_t entries;
    std::uint64_t offset;
};

CentralDirectory find_central_directory(const Reader& in)
{
    if (in.size() < 22) in.fail("too short to be a zip file (no end-of-central-directory record)");
    std::uint64_t eocd = in.size() - 22;
    const std::uint64_t lowest = in.size() > 22 + 65535 ? in.size() - 22 - 65535 : 0;
    while (in.u(eocd, 4) != kEndOfCentralDir) {
        if (eocd == lowest) in.fail("no end-of-central-directory record (not a zip file, or truncated)");
        --eocd;
    }
    CentralDirectory dir{in.u(eocd + 10, 2), in.u(eocd + 16, 4)};
    if (dir.entries == 0xFFFF || dir.offset == 0xFFFFFFFF) {
        if (eocd < 20 || in.u(eocd - 20, 4) != kZip64Locator) in.fail("ZIP64 locator missing");
        const std::uint64_t zip64 = in.u(eocd - 20 + 8, 8);
        if (in.u(zip64, 4) != kZip64EndOfCentralDir) in.fail("bad ZIP64 end-of-central-directory signature");
        dir.entries = in.u(zip64 + 32, 8);
        dir.offset = in.u(zip64 + 48, 8);
    }
    return dir;
}

// Deflate cannot expand data by more than 1032:1 (a 258-byte match per 2 bits, plus block headers):
// a member announcing more than this for its compressed size is lying.
constexpr std::uint64_t kMaxDeflateRatio = 1032;

// One central directory entry, checked, before anything is inflated.
struct Member {
    std::string name;
    std::uint64_t method = 0;
    std::uint64_t crc = 0;
    std::uint64_t size = 0;  // uncompressed, as announced
    std::uint64_t data_offset = 0;
    std::uint64_t compressed_size = 0;
    std::uint64_t local = 0;  // offset of the local header
};

// Inflates raw deflate data in pieces: the output grows only as data is really produced, and
// producing more than `expected` bytes (or fewer) is an error.
std::vector<std::uint8_t> inflate_raw(std::span<const std::uint8_t> compressed, std::uint64_t expected,
                                      const std::string& member, const Reader& in)
{
    z_stream stream{};
    if (inflateInit2(&stream, -15) != Z_OK) in.fail("zlib inflateInit2 failed");
    std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, &inflateEnd);
    std::vector<std::uint8_t> out;
    constexpr std::size_t kChunk = std::size_t{1} << 16;
    std::size_t offset = 0;
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        const std::size_t in_left = compressed.size() - offset;
        stream.next_in = const_cast<Bytef*>(compressed.data() + offset);
        stream.avail_in = static_cast<uInt>(std::min<std::size_t>(in_left, kChunk));
        const std::size_t before_in = stream.avail_in;
        const std::size_t produced_before = out.size();
        out.resize(produced_before + kChunk);
        stream.next_out = out.data() + produced_before;
        stream.avail_out = static_cast<uInt>(kChunk);
        status = inflate(&stream, Z_NO_FLUSH);
        out.resize(produced_before + (kChunk - stream.avail_out));
        offset += before_in - stream.avail_in;
        if (out.size() > expected) {
            in.fail(fmt::format("member '{}': inflates to more than the {} bytes it declares", member, expected));
        }
        if (status == Z_STREAM_END) break;
        const bool progressed = before_in != stream.avail_in || out.size() != produced_before;
        if ((status != Z_OK && status != Z_BUF_ERROR) || !progressed) {
            const std::string message = stream.msg != nullptr ? stream.msg : "unexpected end of data";
            in.fail(fmt::format("member '{}': corrupt deflate data ({}; {} of {} bytes decompressed)", member,
                                detail::printable(message), out.size(), expected));
        }
    }
    if (out.size() != expected) {
        in.fail(fmt::format("member '{}': corrupt deflate data (unexpected end of data; {} of {} bytes decompressed)",
                            member, out.size(), expected));
    }
    return out;
}

// Reads central directory entry `i` at `entry` and advances `entry` past it.
Member read_entry(const Reader& in, std::uint64_t& entry, std::uint64_t i)
{
    if (in.u(entry, 4) != kCentralHeader) in.fail(fmt::format("bad central directory entry {}", i));
    Member m;
    const auto flags = in.u(entry + 8, 2);
    m.method = in.u(entry + 10, 2);
    m.crc = in.u(entry + 16, 4);
    m.compressed_size = in.u(entry + 20, 4);
    m.size = in.u(entry + 24, 4);
    const auto name_len = in.u(entry + 28, 2);
    const auto extra_len = in.u(entry + 30, 2);
    const auto comment_len = in.u(entry + 32, 2);
    m.local = in.u(entry + 42, 4);
    const auto name_bytes = in.span(entry + 46, name_len, "member name");
    m.name.assign(name_bytes.begin(), name_bytes.end());
    const std::string shown = detail::printable(m.name);
    // ZIP64 extended information: the 64-bit values of the fields saturated at 0xFFFFFFFF, in order.
    const std::uint64_t extra_end = entry + 46 + name_len + extra_len;
    for (std::uint64_t extra = entry + 46 + name_len; extra + 4 <= extra_end;) {
        const auto id = in.u(extra, 2);
        const auto len = in.u(extra + 2, 2);
        if (extra + 4 + len > extra_end) in.fail(fmt::format("member '{}': extra field runs past its entry", shown));
        if (id == 0x0001) {
            std::uint64_t field = extra + 4;
            const auto take = [&](std::uint64_t& value) {
                if (value != 0xFFFFFFFF) return;
                if (field + 8 > extra + 4 + len)
                    in.fail(fmt::format("member '{}': ZIP64 extra field too short", shown));
                value = in.u(field, 8);
                field += 8;
            };
            take(m.size);
            take(m.compressed_size);
            take(m.local);
        }
        extra += 4 + len;
    }
    entry = extra_end + comment_len;

    if ((flags & 1) != 0) in.fail(fmt::format("member '{}' is encrypted", shown));
    if (m.method != 0 && m.method != 8) {
        in.fail(fmt::format("member '{}' uses compression method {} (only stored and deflate are supported)", shown,
                            m.method));
    }
    if (in.u(m.local, 4) != kLocalHeader) in.fail(fmt::format("bad local header for member '{}'", shown));
    m.data_offset = m.local + 30 + in.u(m.local + 26, 2) + in.u(m.local + 28, 2);
    in.need(m.data_offset, m.compressed_size, "member data");
    if (m.method == 0 && m.compressed_size != m.size) {
        in.fail(fmt::format("stored member '{}' has inconsistent sizes", shown));
    }
    if (m.method == 8 && m.size > m.compressed_size * kMaxDeflateRatio + 64) {
        in.fail(fmt::format("member '{}' declares {} bytes, more than its {} compressed bytes can hold", shown, m.size,
                            m.compressed_size));
    }
    return m;
}

std::map<std::string, NpyArray> parse_archive(std::span<const std::uint8_t> bytes, const std::string& what,
                                              const NpzLimits& limits)
{
    const Reader in(bytes, what);
    const CentralDirectory dir = find_central_directory(in);
    if (dir.entries > in.size() / 46) {
        in.fail(fmt::format("the central directory announces {} entries, more than the file can hold", dir.entries));
    }
    // Every entry is checked before anything is inflated: names, overlaps and the total size.
    std::vector<Member> members;
    std::map<std::uint64_t, std::size_t> regions;  // local header offset -> member index
    std::map<std::string, std::size_t> keys;
    std::uint64_t total = 0;
    std::uint64_t entry = dir.offset;
    for (std::uint64_t i = 0; i < dir.entries; ++i) {
        Member m = read_entry(in, entry, i);
        const std::string shown = detail::printable(m.name);
        const std::uint64_t end = m.data_offset + m.compressed_size;
        const auto next = regions.lower_bound(m.local);
        const auto overlaps = [&](const std::map<std::uint64_t, std::size_t>::const_iterator it) {
            const Member& other = members[it->second];
            return it->first < end && m.local < other.data_offset + other.compressed_size;
        };
        if (next != regions.end() && overlaps(next)) {
            in.fail(
                fmt::format("member '{}' overlaps member '{}'", shown, detail::printable(members[next->second].name)));
        }
        if (next != regions.begin() && overlaps(std::prev(next))) {
            in.fail(fmt::format("member '{}' overlaps member '{}'", shown,
                                detail::printable(members[std::prev(next)->second].name)));
        }
        std::string key = m.name;
        if (key.size() > 4 && key.ends_with(".npy")) key.resize(key.size() - 4);
        if (keys.contains(key)) in.fail(fmt::format("member '{}' appears more than once", shown));
        if (m.size > limits.max_total_bytes - total) {
            in.fail(fmt::format("member '{}' ({} bytes) takes the archive past the limit of {} bytes uncompressed",
                                shown, m.size, limits.max_total_bytes));
        }
        total += m.size;
        regions.emplace(m.local, members.size());
        keys.emplace(std::move(key), members.size());
        members.push_back(std::move(m));
    }
    std::map<std::string, NpyArray> arrays;
    for (const auto& [key, index] : keys) {
        const Member& m = members[index];
        const std::string shown = detail::printable(m.name);
        const auto raw = in.span(m.data_offset, m.compressed_size, "member data");
        std::vector<std::uint8_t> data;
        if (m.method == 0) {
            data.assign(raw.begin(), raw.end());
        } else {
            data = inflate_raw(raw, m.size, shown, in);
        }
        const uLong actual_crc = crc32_z(crc32_z(0L, Z_NULL, 0), data.data(), data.size());
        if (actual_crc != m.crc) {
            in.fail(
                fmt::format("member '{}': CRC-32 mismatch (stored {:08x}, computed {:08x})", shown, m.crc, actual_crc));
        }
        arrays.emplace(key, parse_npy(data, fmt::format("{} member '{}'", what, shown)));
    }
    return arrays;
}

}  // namespace

std::map<std::string, NpyArray> parse_npz(std::span<const std::uint8_t> bytes, const std::string& what,
                                          const NpzLimits& limits)
{
    return detail::with_memory_errors<DataError>(what, [&] { return parse_archive(bytes, what, limits); });
}

std::map<std::string, NpyArray> read_npz(const std::filesystem::path& path, const NpzLimits& limits)
{
    // The archive holds at most the total, plus its headers and directory.
    const std::uint64_t max_file = limits.max_total_bytes + (std::uint64_t{64} << 20);
    const std::string what = fmt::format("{}", path);
    const auto bytes = detail::with_memory_errors<DataError>(what, [&] { return detail::read_binary(path, max_file); });
    return parse_npz(bytes, what, limits);
}

}  // namespace qnn

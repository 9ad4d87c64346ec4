// .npz = zip archive of .npy members. A minimal zip reader: end of central directory (with
// ZIP64), central directory entries, local headers, stored or raw-deflate data, CRC-32 check.

#include <limits>

#include <fmt/format.h>
#include <fmt/std.h>
#include <zlib.h>

#include "file_io.hpp"
#include "qnn/error.hpp"
#include "qnn/npz.hpp"

namespace qnn {
namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndOfCentralDir = 0x06054b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::uint32_t kZip64EndOfCentralDir = 0x06064b50;
constexpr std::uint64_t kMaxMemberSize = std::uint64_t{1} << 32;

// Bounds-checked little-endian reads over the archive.
class Reader {
public:
    Reader(std::span<const std::uint8_t> bytes, const std::string& what) : bytes_(bytes), what_(what) {}

    [[noreturn]] void fail(const std::string& why) const {
        throw DataError(fmt::format("{}: malformed .npz (zip) archive: {}", what_, why));
    }
    void need(std::uint64_t offset, std::uint64_t size, const char* item) const {
        if (offset > bytes_.size() || size > bytes_.size() - offset) {
            fail(fmt::format("{} at offset {} runs past the end of the file ({} bytes)", item, offset, bytes_.size()));
        }
    }
    std::uint64_t u(std::uint64_t offset, int size) const {
        need(offset, static_cast<std::uint64_t>(size), "field");
        std::uint64_t value = 0;
        for (int i = size - 1; i >= 0; --i) value = (value << 8) | bytes_[offset + static_cast<std::uint64_t>(i)];
        return value;
    }
    std::span<const std::uint8_t> span(std::uint64_t offset, std::uint64_t size, const char* item) const {
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

CentralDirectory find_central_directory(const Reader& in) {
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

std::vector<std::uint8_t> inflate_raw(std::span<const std::uint8_t> compressed, std::uint64_t expected,
                                      const std::string& member, const Reader& in) {
    std::vector<std::uint8_t> out(static_cast<std::size_t>(expected));
    z_stream stream{};
    if (inflateInit2(&stream, -15) != Z_OK) in.fail("zlib inflateInit2 failed");
    stream.next_in = const_cast<Bytef*>(compressed.data());
    stream.avail_in = static_cast<uInt>(compressed.size());
    stream.next_out = out.data();
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = inflate(&stream, Z_FINISH);
    const std::uint64_t produced = stream.total_out;
    const std::string message = stream.msg != nullptr ? stream.msg : "";
    inflateEnd(&stream);
    if (status != Z_STREAM_END || produced != expected) {
        in.fail(fmt::format("member '{}': corrupt deflate data ({}; {} of {} bytes decompressed)", member,
                            message.empty() ? "unexpected end of data" : message, produced, expected));
    }
    return out;
}

}  // namespace

std::map<std::string, NpyArray> parse_npz(std::span<const std::uint8_t> bytes, const std::string& what) {
    const Reader in(bytes, what);
    const CentralDirectory dir = find_central_directory(in);
    std::map<std::string, NpyArray> arrays;
    std::uint64_t entry = dir.offset;
    for (std::uint64_t i = 0; i < dir.entries; ++i) {
        if (in.u(entry, 4) != kCentralHeader) in.fail(fmt::format("bad central directory entry {}", i));
        const auto flags = in.u(entry + 8, 2);
        const auto method = in.u(entry + 10, 2);
        const auto crc = in.u(entry + 16, 4);
        std::uint64_t compressed_size = in.u(entry + 20, 4);
        std::uint64_t size = in.u(entry + 24, 4);
        const auto name_len = in.u(entry + 28, 2);
        const auto extra_len = in.u(entry + 30, 2);
        const auto comment_len = in.u(entry + 32, 2);
        std::uint64_t local = in.u(entry + 42, 4);
        const auto name_bytes = in.span(entry + 46, name_len, "member name");
        const std::string name(name_bytes.begin(), name_bytes.end());
        // ZIP64 extended information: the 64-bit values of the fields saturated at 0xFFFFFFFF, in order.
        for (std::uint64_t extra = entry + 46 + name_len; extra + 4 <= entry + 46 + name_len + extra_len;) {
            const auto id = in.u(extra, 2);
            const auto len = in.u(extra + 2, 2);
            if (id == 0x0001) {
                std::uint64_t field = extra + 4;
                if (size == 0xFFFFFFFF) {
                    size = in.u(field, 8);
                    field += 8;
                }
                if (compressed_size == 0xFFFFFFFF) {
                    compressed_size = in.u(field, 8);
                    field += 8;
                }
                if (local == 0xFFFFFFFF) local = in.u(field, 8);
            }
            extra += 4 + len;
        }
        entry += 46 + name_len + extra_len + comment_len;

        if ((flags & 1) != 0) in.fail(fmt::format("member '{}' is encrypted", name));
        if (method != 0 && method != 8) {
            in.fail(fmt::format("member '{}' uses compression method {} (only stored and deflate are supported)",
                                name, method));
        }
        if (size > kMaxMemberSize) in.fail(fmt::format("member '{}' is too large ({} bytes)", name, size));
        if (in.u(local, 4) != kLocalHeader) in.fail(fmt::format("bad local header for member '{}'", name));
        const std::uint64_t data_offset = local + 30 + in.u(local + 26, 2) + in.u(local + 28, 2);
        const auto raw = in.span(data_offset, compressed_size, "member data");
        std::vector<std::uint8_t> data;
        if (method == 0) {
            if (compressed_size != size) in.fail(fmt::format("stored member '{}' has inconsistent sizes", name));
            data.assign(raw.begin(), raw.end());
        } else {
            data = inflate_raw(raw, size, name, in);
        }
        const uLong actual_crc = crc32(crc32(0L, Z_NULL, 0), data.data(), static_cast<uInt>(data.size()));
        if (actual_crc != crc) {
            in.fail(fmt::format("member '{}': CRC-32 mismatch (stored {:08x}, computed {:08x})", name, crc,
                                actual_crc));
        }
        std::string key = name;
        if (key.size() > 4 && key.ends_with(".npy")) key.resize(key.size() - 4);
        arrays[key] = parse_npy(data, fmt::format("{} member '{}'", what, name));
    }
    return arrays;
}

std::map<std::string, NpyArray> read_npz(const std::filesystem::path& path) {
    const auto bytes = detail::read_binary(path);
    return parse_npz(bytes, fmt::format("{}", path));
}

}  // namespace qnn

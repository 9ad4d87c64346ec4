#include "file_io.hpp"

#include "qnn/error.hpp"

#include <fmt/format.h>
#include <fmt/std.h>

#include <fstream>

namespace qnn::detail {

namespace {

gzFile open_gzip(const std::filesystem::path& path)
{
    gzFile raw = gzopen(path.c_str(), "rb");
    if (raw == nullptr) throw DataError(fmt::format("cannot open {}: no such file or not readable", path));
    gzbuffer(raw, 1 << 17);
    return raw;
}

}  // namespace

GzipReader::GzipReader(const std::filesystem::path& path) : path_(path), file_(open_gzip(path), &gzclose_r) {}

std::size_t GzipReader::read(std::vector<std::uint8_t>& out, std::uint64_t count)
{
    constexpr std::size_t kChunk = std::size_t{1} << 20;
    std::uint64_t total = 0;
    while (total < count) {
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(count - total, kChunk));
        const std::size_t old_size = out.size();
        out.resize(old_size + want);
        const int got = gzread(file_.get(), out.data() + old_size, static_cast<unsigned>(want));
        if (got < 0) {
            int code = 0;
            const char* message = gzerror(file_.get(), &code);
            throw DataError(fmt::format("cannot read {}: corrupt gzip data ({})", path_, message));
        }
        out.resize(old_size + static_cast<std::size_t>(got));
        total += static_cast<std::uint64_t>(got);
        if (static_cast<std::size_t>(got) < want) {
            int code = Z_OK;
            const char* message = gzerror(file_.get(), &code);
            if (code != Z_OK && code != Z_STREAM_END) {
                throw DataError(fmt::format("cannot read {}: truncated or corrupt gzip data ({})", path_, message));
            }
            break;
        }
    }
    return static_cast<std::size_t>(total);
}

std::vector<std::uint8_t> read_binary(const std::filesystem::path& path, std::uint64_t max_bytes)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(fmt::format("cannot open {}: no such file or not readable", path));
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0) throw DataError(fmt::format("cannot read {}: cannot determine its size", path));
    if (static_cast<std::uint64_t>(size) > max_bytes) {
        throw DataError(fmt::format("cannot read {}: the file has {} bytes, more than the limit of {}", path,
                                    static_cast<std::uint64_t>(size), max_bytes));
    }
    in.seekg(0, std::ios::beg);
    std::vector<std::uint8_t> data(static_cast<std::size_t>(size));
    if (!data.empty() && !in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(data.size()))) {
        throw DataError(fmt::format("cannot read {}: read error", path));
    }
    return data;
}

}  // namespace qnn::detail

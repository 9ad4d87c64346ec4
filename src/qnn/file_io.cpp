#include "file_io.hpp"

#include <fstream>
#include <memory>

#include <fmt/format.h>
#include <fmt/std.h>
#include <zlib.h>

#include "qnn/error.hpp"

namespace qnn::detail {

std::vector<std::uint8_t> read_maybe_gzip(const std::filesystem::path& path) {
    gzFile raw = gzopen(path.c_str(), "rb");
    if (raw == nullptr) {
        throw DataError(fmt::format("cannot open {}: no such file or not readable", path));
    }
    std::unique_ptr<gzFile_s, int (*)(gzFile)> file(raw, &gzclose_r);
    gzbuffer(raw, 1 << 17);
    std::vector<std::uint8_t> data;
    constexpr std::size_t chunk = 1 << 20;
    for (;;) {
        const std::size_t old_size = data.size();
        data.resize(old_size + chunk);
        const int got = gzread(raw, data.data() + old_size, static_cast<unsigned>(chunk));
        if (got < 0) {
            int code = 0;
            const char* message = gzerror(raw, &code);
            throw DataError(fmt::format("cannot read {}: corrupt gzip data ({})", path, message));
        }
        data.resize(old_size + static_cast<std::size_t>(got));
        if (static_cast<std::size_t>(got) < chunk) break;
    }
    int code = Z_OK;
    const char* message = gzerror(raw, &code);
    if (code != Z_OK && code != Z_STREAM_END) {
        throw DataError(fmt::format("cannot read {}: truncated or corrupt gzip data ({})", path, message));
    }
    return data;
}

std::vector<std::uint8_t> read_binary(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(fmt::format("cannot open {}: no such file or not readable", path));
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    if (size < 0) throw DataError(fmt::format("cannot read {}: cannot determine its size", path));
    in.seekg(0, std::ios::beg);
    std::vector<std::uint8_t> data(static_cast<std::size_t>(size));
    if (!data.empty() && !in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(data.size()))) {
        throw DataError(fmt::format("cannot read {}: read error", path));
    }
    return data;
}

}  // namespace qnn::detail

#pragma once
// Internal helpers: bounded whole-file reads and a streaming gzip reader, with errors that name
// the file.

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

namespace qnn::detail {

/// Reads a whole file as bytes. \throws DataError naming the file on any error, or if the file is
/// larger than `max_bytes` (checked before anything is allocated).
std::vector<std::uint8_t> read_binary(const std::filesystem::path& path, std::uint64_t max_bytes);

/// Reads a file through zlib's gzread, which decompresses gzip data and passes plain files through
/// unchanged, a piece at a time: callers read a header, then exactly what it announces.
class GzipReader {
public:
    /// Opens `path`. \throws DataError naming the file if it cannot be opened.
    explicit GzipReader(const std::filesystem::path& path);

    /// Appends up to `count` bytes to `out`, growing it only as data really arrives (so a header that
    /// announces more than the file holds costs no more than the file). Returns the bytes appended;
    /// fewer than `count` means the end of the data. \throws DataError on corrupt gzip data.
    std::size_t read(std::vector<std::uint8_t>& out, std::uint64_t count);

private:
    std::filesystem::path path_;
    std::unique_ptr<gzFile_s, int (*)(gzFile)> file_;
};

}  // namespace qnn::detail

#pragma once
// Internal helpers: whole-file reads with errors that name the file.

#include <cstdint>
#include <filesystem>
#include <vector>

namespace qnn::detail {

/// Reads a whole file through zlib's gzread, which decompresses gzip data and passes plain
/// files through unchanged. \throws DataError naming the file on any error.
std::vector<std::uint8_t> read_maybe_gzip(const std::filesystem::path& path);

/// Reads a whole file as bytes. \throws DataError naming the file on any error.
std::vector<std::uint8_t> read_binary(const std::filesystem::path& path);

}  // namespace qnn::detail

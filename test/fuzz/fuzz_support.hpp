#pragma once
// Shared by the libFuzzer targets: run a loader on the input and let only the library's own errors
// through. Any other exception escapes LLVMFuzzerTestOneInput, which libFuzzer reports as a crash;
// sanitizer reports and allocations over -malloc_limit_mb are failures too (see scripts/ci-fuzz).

#include "qnn/error.hpp"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>

namespace rtlnet_fuzz {

/// Calls `load()`, swallowing qnn::Error (the documented way a loader refuses bad input).
template <typename Load>
void expect_only_qnn_errors(Load&& load)
{
    try {
        load();
    } catch (const qnn::Error&) {}
}

/// The fuzzer input as a byte span.
inline std::span<const std::uint8_t> bytes(const std::uint8_t* data, std::size_t size)
{
    return {data, size};
}

/// Writes the input to a per-process file (for loaders that read paths) and returns its path.
inline std::filesystem::path input_file(const std::uint8_t* data, std::size_t size, const char* suffix)
{
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("rtlnet_fuzz_" + std::to_string(::getpid()) + suffix);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path;
}

}  // namespace rtlnet_fuzz

#pragma once
// File helpers of the accelerator's tool runs (Verilator builds, Verilog exports): failures are
// rtl::Error or qnn::Error naming the path, never a std::filesystem_error.

#include "qnn/error.hpp"
#include "rtl/error.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace accel::detail {

// create_directories without its std::filesystem_error: a path under a file, or without permission,
// is a qnn::Error naming the directory.
inline void make_directory(const std::filesystem::path& dir, const char* what)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir, ec))
        throw qnn::Error(
            fmt::format("cannot create {} {}: {}", what, dir.string(), ec ? ec.message() : "not a directory"));
}

inline void write_text(const std::filesystem::path& path, const std::string& text)
{
    std::ofstream out(path);
    out << text;
    if (!out) throw rtl::Error("cannot write " + path.string());
}

}  // namespace accel::detail

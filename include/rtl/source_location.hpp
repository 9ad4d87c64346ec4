#pragma once
/// \file source_location.hpp
/// rtl::source_location: std::source_location where the standard library provides it, else an
/// equivalent built on the compiler's __builtin_FILE / __builtin_LINE (clang 14 with libstdc++ 12
/// has no __builtin_source_location, so libstdc++ leaves std::source_location undefined there).

#include <cstdint>
#include <version>

#if defined(__cpp_lib_source_location)
#include <source_location>
#endif

namespace rtl {

#if defined(__cpp_lib_source_location)

/// The standard type, when available.
using source_location = std::source_location;

#else

/// The subset of std::source_location that rtlnet uses: file, line, column and function of the
/// call site, captured by current()'s default arguments.
class source_location {
public:
    /// The location of the call (when called as a default argument: of the caller's call site).
    static constexpr source_location current(const char* file = __builtin_FILE(),
                                             const char* function = __builtin_FUNCTION(),
                                             std::uint_least32_t line = __builtin_LINE(),
                                             std::uint_least32_t column = __builtin_COLUMN()) noexcept
    {
        source_location loc;
        loc.file_ = file;
        loc.function_ = function;
        loc.line_ = line;
        loc.column_ = column;
        return loc;
    }
    constexpr source_location() noexcept = default;
    /// The source file name.
    [[nodiscard]] constexpr const char* file_name() const noexcept { return file_; }
    /// The enclosing function's name.
    [[nodiscard]] constexpr const char* function_name() const noexcept { return function_; }
    /// The line number (1-based; 0 if unknown).
    [[nodiscard]] constexpr std::uint_least32_t line() const noexcept { return line_; }
    /// The column number (0 if unknown).
    [[nodiscard]] constexpr std::uint_least32_t column() const noexcept { return column_; }

private:
    const char* file_ = "";
    const char* function_ = "";
    std::uint_least32_t line_ = 0;
    std::uint_least32_t column_ = 0;
};

#endif

}  // namespace rtl

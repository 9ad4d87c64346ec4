#pragma once
/// \file source_location.hpp
/// rtl::source_location: std::source_location where the standard library provides it, else an
/// equivalent built on the compiler's __builtin_FILE / __builtin_LINE (clang 14 with libstdc++ 12
/// has no __builtin_source_location, so libstdc++ leaves std::source_location undefined there).

#include <cstdint>
#include <type_traits>
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

/// An operand together with the user's source line that passed it. An operator cannot take a
/// defaulted `source_location` parameter, so the ones whose errors name the user's line (`<<=`, `|=`,
/// `mem[addr]`) take their operand as a `Located<T>`: the implicit conversion happens in the user's
/// expression, and that is where `current()` is evaluated.
/// \tparam T the operand's type (a handle, cheap to copy).
template <class T>
class Located {
public:
    /// Captures `value` (anything convertible to T) and the caller's line.
    /// \param value the operand.
    /// \param where the user's line (leave the default).
    template <class U>
    requires std::is_convertible_v<const U&, T>
    Located(const U& value, rtl::source_location where = rtl::source_location::current())  // NOLINT: implicit
        : value(value), where(where)
    {}
    T value;  ///< the operand
    rtl::source_location where;  ///< the line that passed it
};

}  // namespace rtl

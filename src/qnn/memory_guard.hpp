#pragma once
// Internal helper: a loader's allocation failure as the library's own error. The loaders bound every
// allocation by what the file really holds and by documented limits (docs/limits.md), but a machine
// may still have less memory than a limit allows; std::bad_alloc must not escape them either.

#include <fmt/format.h>

#include <new>
#include <stdexcept>
#include <string>

namespace qnn::detail {

/// Returns body(), turning std::bad_alloc and std::length_error into ErrorType naming `source`.
template <typename ErrorType, typename Body>
decltype(auto) with_memory_errors(const std::string& source, Body&& body)
{
    try {
        return body();
    } catch (const std::bad_alloc&) {
        throw ErrorType(fmt::format("{}: out of memory while reading it", source));
    } catch (const std::length_error&) {
        throw ErrorType(fmt::format("{}: too large to hold in memory", source));
    }
}

}  // namespace qnn::detail

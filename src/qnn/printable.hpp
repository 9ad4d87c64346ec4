#pragma once
// Internal helper: text from a file made safe to print in an error message.

#include <cstddef>
#include <string>
#include <string_view>

namespace qnn::detail {

/// `text` with every byte that is not printable ASCII written as an escape (\n, \t, \xNN) and cut
/// after `max_length` input bytes (then "..." is appended), so that a message quoting a binary or
/// hostile file cannot drive the terminal or grow without bound.
std::string printable(std::string_view text, std::size_t max_length = 120);

}  // namespace qnn::detail

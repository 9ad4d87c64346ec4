// pyrtlnet-compatible terminal output.

#include "mnist_cli/display.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/ioctl.h>
#include <unistd.h>
#endif

namespace mnist_cli {
namespace {

constexpr std::string_view kUpperHalfBlock = "\u2580";  // ▀
constexpr std::string_view kLowerHalfBlock = "\u2584";  // ▄
constexpr std::string_view kRightEighthBlock = "\u2595";  // ▕

// NumPy's _extendLine for a one-space hanging indent.
void extend_line(std::string& s, std::string& line, const std::string& word, std::size_t width)
{
    const bool needs_wrap = line.size() + word.size() > width && line.size() > 1;
    if (needs_wrap) {
        const auto end = line.find_last_not_of(' ');
        s += line.substr(0, end == std::string::npos ? 0 : end + 1) + "\n";
        line = " ";
    }
    line += word;
}

}  // namespace

std::string set_fg(int r, int g, int b)
{
    return fmt::format("\033[38;2;{};{};{}m", r, g, b);
}
std::string set_bg(int r, int g, int b)
{
    return fmt::format("\033[48;2;{};{};{}m", r, g, b);
}
std::string reset_colors()
{
    return "\033[39m\033[49m";
}

int terminal_width()
{
    if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
        char* end = nullptr;
        const long value = std::strtol(columns, &end, 10);
        if (end != columns && *end == '\0' && value > 0 && value < 100000) return static_cast<int>(value);
    }
#if defined(__unix__) || defined(__APPLE__)
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
#endif
    return 80;
}

std::string numpy_array_string(std::span<const std::int8_t> values, int line_width)
{
    if (values.empty()) return "[]";
    constexpr std::size_t kThreshold = 1000;
    constexpr std::size_t kEdgeItems = 3;
    const bool summarise = values.size() > kThreshold;
    std::vector<int> shown;
    if (summarise) {
        shown.assign(values.begin(), values.begin() + kEdgeItems);
        shown.insert(shown.end(), values.end() - kEdgeItems, values.end());
    } else {
        shown.assign(values.begin(), values.end());
    }
    const auto [lo, hi] = std::minmax_element(shown.begin(), shown.end());
    const std::size_t field = std::max(fmt::formatted_size("{}", *lo), fmt::formatted_size("{}", *hi));
    std::vector<std::string> words;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (summarise && i == kEdgeItems) words.emplace_back("...");
        words.push_back(fmt::format("{:>{}}", shown[i], field));
    }
    // Every element but the last leaves room for the separator/closing bracket: width - 1.
    const std::size_t width = line_width > 1 ? static_cast<std::size_t>(line_width - 1) : 0;
    std::string s;
    std::string line = " ";
    for (std::size_t i = 0; i < words.size(); ++i) {
        extend_line(s, line, words[i], width);
        if (i + 1 < words.size()) line += ' ';
    }
    s += line;
    return "[" + s.substr(1) + "]";
}

std::string image_art(qnn::ImageView image, int rows, int cols)
{
    if (image.empty() || rows <= 0 || cols <= 0) return {};
    const auto [lo_it, hi_it] = std::minmax_element(image.begin(), image.end());
    const double lo = *lo_it;
    const double hi = *hi_it;
    const auto grey = [&](float x) {
        if (!(hi > lo)) return 0;  // constant (e.g. blank) image, or NaN: black instead of 0/0
        return std::clamp(static_cast<int>(255.0 * (static_cast<double>(x) - lo) / (hi - lo)), 0, 255);
    };
    const auto at = [&](int r, int c) {
        return image[static_cast<std::size_t>(r) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(c)];
    };
    std::string out;
    for (int row = 0; row < rows; row += 2) {
        for (int col = 0; col < cols; ++col) {
            const int fg = grey(at(row, col));
            const int bg = row + 1 < rows ? grey(at(row + 1, col)) : 0;
            out += set_fg(fg, fg, fg);
            out += set_bg(bg, bg, bg);
            out += kUpperHalfBlock;
        }
        out += reset_colors();
        out += '\n';
    }
    return out;
}

void display_image(std::ostream& out, std::string_view impl_name, qnn::ImageView image, int rows, int cols,
                   std::size_t image_index, std::size_t batch_number, std::size_t batch_index, bool verbose)
{
    out << fmt::format("{} image_index {} batch {} batch_index {}\n", impl_name, image_index, batch_number,
                       batch_index);
    if (!verbose) return;
    out << image_art(image, rows, cols);
    out << fmt::format("shape ({}, {}) dtype float32 \n\n", rows, cols);
}

std::string bar(int index, int value, int expected, int actual, int smallest)
{
    const int bar_length = (std::abs(value) + 9) / 10;  // ceil(|x| / 10); int, so -128 is fine
    const int negative_length = (std::abs(smallest) + 9) / 10;
    const int padding = value < 0 ? negative_length - bar_length : negative_length;
    std::string text(static_cast<std::size_t>(std::max(padding, 0)), ' ');
    for (int i = 0; i < bar_length; ++i) text += kLowerHalfBlock;
    const std::string green = set_fg(0x2C, 0xA0, 0x2C);
    const std::string red = set_fg(0xD6, 0x27, 0x28);
    if (expected == actual && actual == index) {
        return fmt::format("{}{}{} {} (expected, actual)", green, text, reset_colors(), value);
    }
    if (expected != actual && actual == index)
        return fmt::format("{}{}{} {} (actual)", red, text, reset_colors(), value);
    if (expected != actual && expected == index) {
        return fmt::format("{}{}{} {} (expected)", green, text, reset_colors(), value);
    }
    return fmt::format("{} {}", text, value);
}

void display_bar_chart(std::ostream& out, std::string_view impl_name, std::string_view layer_name,
                       std::span<const std::int8_t> values, int expected, int actual)
{
    out << fmt::format("{} {} output as bar chart:\n", impl_name, layer_name);
    if (values.empty()) return;
    const int smallest = std::min(0, int{*std::min_element(values.begin(), values.end())});
    std::vector<int> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return values[static_cast<std::size_t>(a)] > values[static_cast<std::size_t>(b)];
    });
    for (int index : order) {
        out << fmt::format("{}{} {}\n", index, kRightEighthBlock,
                           bar(index, values[static_cast<std::size_t>(index)], expected, actual, smallest));
    }
}

void display_outputs(std::ostream& out, std::string_view impl_name, const qnn::BatchResult& result, std::size_t image,
                     int expected, bool verbose, int line_width)
{
    const int actual = result.predictions.at(image);
    if (!verbose) {
        out << fmt::format("Expected: {} | Actual: {}\n", expected, actual);
        return;
    }
    for (std::size_t layer = 0; layer < result.layer_outputs.size(); ++layer) {
        const auto values = result.output(layer, image);
        out << fmt::format("{} {} output shape ({},) dtype int8:\n", impl_name, result.layer_names.at(layer),
                           values.size());
        out << numpy_array_string(values, line_width) << " \n\n";
    }
    if (!result.layer_outputs.empty()) {
        const std::size_t last = result.layer_outputs.size() - 1;
        display_bar_chart(out, impl_name, result.layer_names.at(last), result.output(last, image), expected, actual);
    }
}

std::string Accuracy::summary() const
{
    const double percent = total_ == 0 ? 0.0 : 100.0 * static_cast<double>(correct_) / static_cast<double>(total_);
    return fmt::format("{}/{} correct predictions, {:.1f}% accuracy", correct_, total_, percent);
}

void Accuracy::display(std::ostream& out) const
{
    if (total_ > 1) out << summary() << '\n';
}

std::string format_duration(double seconds)
{
    if (seconds < 1e-3) return fmt::format("{:.2f} \u00b5s", seconds * 1e6);
    if (seconds < 1.0) return fmt::format("{:.2f} ms", seconds * 1e3);
    return fmt::format("{:.2f} s", seconds);
}

}  // namespace mnist_cli

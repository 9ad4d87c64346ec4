#pragma once
/// \file display.hpp
/// Terminal output of the inference programs, byte-compatible with pyrtlnet's cli_util:
/// per-image headers, the image drawn with 24-bit-colour half blocks, NumPy-style array
/// printing, the annotated bar chart of the last layer, and the accuracy summary.
/// Every function writes to a std::ostream so output can be captured in tests.

#include "qnn/inference.hpp"

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace mnist_cli {

/// `\033[38;2;R;G;Bm`: 24-bit foreground colour.
/// \param r red, 0-255.
/// \param g green, 0-255.
/// \param b blue, 0-255.
/// \return the escape sequence.
std::string set_fg(int r, int g, int b);
/// `\033[48;2;R;G;Bm`: 24-bit background colour.
/// \param r red, 0-255.
/// \param g green, 0-255.
/// \param b blue, 0-255.
/// \return the escape sequence.
std::string set_bg(int r, int g, int b);
/// `\033[39m\033[49m`: default foreground and background.
/// \return the escape sequence.
std::string reset_colors();

/// Terminal width as Python's shutil.get_terminal_size((80, 24)).columns: $COLUMNS if a positive
/// integer, else the width of the terminal on stdout, else 80.
/// \return the width in columns.
int terminal_width();

/// NumPy's str() of a 1-D integer array with `line_width` (np.set_printoptions linewidth):
/// right-aligned fields as wide as the widest value, wrapped lines indented by one space,
/// summarised with "..." (3 items at each end) above 1000 elements. E.g. "[ 33 -48  29]".
/// \param values the array.
/// \param line_width the line width.
/// \return the text (lines separated by newlines, none at the end).
std::string numpy_array_string(std::span<const std::int8_t> values, int line_width = 80);

/// The image as rows/2 lines of `▀` characters (foreground = upper row, background = lower row,
/// grey levels normalised to (x - min) / (max - min); a constant image is drawn black), each line
/// ending in reset_colors() and a newline.
/// \param image the pixels, row-major.
/// \param rows the image's height.
/// \param cols the image's width.
/// \return the text.
std::string image_art(qnn::ImageView image, int rows, int cols);

/// pyrtlnet's display_image: the header `"{impl} image_index {i} batch {b} batch_index {k}"`
/// and, if verbose, image_art plus `"shape (rows, cols) dtype float32 "` and a blank line.
/// \param out where to write.
/// \param impl_name the implementation's display name.
/// \param image the pixels.
/// \param rows the image's height.
/// \param cols the image's width.
/// \param image_index the image's index in the data set.
/// \param batch_number the batch's number.
/// \param batch_index the image's index in the batch.
/// \param verbose also draw the image.
void display_image(std::ostream& out, std::string_view impl_name, qnn::ImageView image, int rows, int cols,
                   std::size_t image_index, std::size_t batch_number, std::size_t batch_index, bool verbose);

/// One bar-chart line after the digit, e.g. "  ▄▄▄ 29" or a coloured bar with " (expected, actual)":
/// bar length ceil(|x| / 10), negative bars right-aligned against the smallest value's bar;
/// green for the expected digit, red for a wrong prediction.
/// \param index the digit this line is for.
/// \param value its output.
/// \param expected the label.
/// \param actual the prediction.
/// \param smallest min(values, 0), for aligning negative bars.
/// \return the line, without a newline.
std::string bar(int index, int value, int expected, int actual, int smallest);

/// `"{impl} {layer} output as bar chart:"` then one line `"{digit}▕ {bar}"` per value, sorted by
/// value (descending, stable).
/// \param out where to write.
/// \param impl_name the implementation's display name.
/// \param layer_name the layer's name.
/// \param values the layer's outputs, one per digit.
/// \param expected the label.
/// \param actual the prediction.
void display_bar_chart(std::ostream& out, std::string_view impl_name, std::string_view layer_name,
                       std::span<const std::int8_t> values, int expected, int actual);

/// pyrtlnet's display_outputs for image `image` of `result`: if not verbose,
/// `"Expected: e | Actual: a"`; if verbose, every layer as
/// `"{impl} {layer} output shape (n,) dtype int8:"` + numpy_array_string + " " + blank line,
/// then the bar chart of the last layer.
/// \param out where to write.
/// \param impl_name the implementation's display name.
/// \param result the batch's result.
/// \param image the image's index in the batch.
/// \param expected the label.
/// \param verbose print every layer and the bar chart.
/// \param line_width the line width for the arrays.
void display_outputs(std::ostream& out, std::string_view impl_name, const qnn::BatchResult& result, std::size_t image,
                     int expected, bool verbose, int line_width = 80);

/// Counts correct predictions.
class Accuracy {
public:
    /// Counts one prediction.
    /// \param actual the prediction.
    /// \param expected the label.
    void update(int actual, int expected)
    {
        ++total_;
        if (actual == expected) ++correct_;
    }
    /// The number of correct predictions.
    /// \return the count.
    [[nodiscard]] std::size_t correct() const { return correct_; }
    /// The number of predictions.
    /// \return the count.
    [[nodiscard]] std::size_t total() const { return total_; }
    /// `"{c}/{n} correct predictions, {p:.1f}% accuracy"`.
    /// \return the summary line.
    [[nodiscard]] std::string summary() const;
    /// Prints summary() and a newline if more than one prediction was counted (as pyrtlnet).
    /// \param out where to write.
    void display(std::ostream& out) const;

private:
    std::size_t correct_ = 0;
    std::size_t total_ = 0;
};

/// A duration as pyrtlnet's PrintElapsedTime: "2.35 s", "15.20 ms" or "3.10 µs".
/// \param seconds the duration.
/// \return the text.
std::string format_duration(double seconds);

}  // namespace mnist_cli

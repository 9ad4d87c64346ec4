// pyrtlnet-compatible terminal output.

#include "mnist_cli/display.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using Catch::Matchers::Contains;

namespace {

const std::string kGreen = "\033[38;2;44;160;44m";
const std::string kRed = "\033[38;2;214;39;40m";
const std::string kReset = "\033[39m\033[49m";

std::string repeat(const std::string& s, int n)
{
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

qnn::BatchResult one_result(std::vector<std::int8_t> layer0, std::vector<std::int8_t> layer1)
{
    qnn::BatchResult r;
    r.layer_names = {"layer0", "layer1"};
    r.layer_outputs.emplace_back(1, static_cast<int>(layer0.size()));
    r.layer_outputs.back().data = std::move(layer0);
    r.layer_outputs.emplace_back(1, static_cast<int>(layer1.size()));
    r.layer_outputs.back().data = layer1;
    r.predictions = {qnn::argmax(layer1)};
    return r;
}

}  // namespace

TEST_CASE("qnn display prints arrays like numpy")
{
    const std::vector<std::int8_t> l1{33, -48, 29, 58, -50, 31, -87, 93, 9, 49};
    CHECK(mnist_cli::numpy_array_string(l1) == "[ 33 -48  29  58 -50  31 -87  93   9  49]");
    const std::vector<std::int8_t> l0{-123, -114, -123, -76, -123, -23,  -94, -123, -65,
                                      -68,  -123, -1,   -63, -112, -123, -21, 7,    -79};
    CHECK(mnist_cli::numpy_array_string(l0) ==
          "[-123 -114 -123  -76 -123  -23  -94 -123  -65  -68 -123   -1  -63 -112 -123\n  -21    7  -79]");
    CHECK(mnist_cli::numpy_array_string(l0, 200) ==
          "[-123 -114 -123  -76 -123  -23  -94 -123  -65  -68 -123   -1  -63 -112 -123  -21    7  -79]");
    CHECK(mnist_cli::numpy_array_string(std::vector<std::int8_t>{5}) == "[5]");
    CHECK(mnist_cli::numpy_array_string(std::vector<std::int8_t>{}) == "[]");
    CHECK(mnist_cli::numpy_array_string(std::vector<std::int8_t>{0, 127, 1}) == "[  0 127   1]");
    CHECK(mnist_cli::numpy_array_string(std::vector<std::int8_t>{1, 2, 3, 4}, 6) == "[1 2\n 3 4]");
    std::vector<std::int8_t> big(1001, 1);
    big.back() = -9;
    CHECK(mnist_cli::numpy_array_string(big) == "[ 1  1  1 ...  1  1 -9]");
}

TEST_CASE("qnn display bar chart matches pyrtlnet")
{
    const std::vector<std::int8_t> l1{33, -48, 29, 58, -50, 31, -87, 93, 9, 49};
    std::ostringstream out;
    mnist_cli::display_bar_chart(out, "Software Inference", "layer1", l1, 7, 7);
    const std::string bar = "\u2584";
    const std::string edge = "\u2595";
    const std::string expected = "Software Inference layer1 output as bar chart:\n"
                                 "7" +
        edge + " " + kGreen + std::string(9, ' ') + repeat(bar, 10) + kReset + " 93 (expected, actual)\n" + "3" + edge +
        " " + std::string(9, ' ') + repeat(bar, 6) + " 58\n" + "9" + edge + " " + std::string(9, ' ') + repeat(bar, 5) +
        " 49\n" + "0" + edge + " " + std::string(9, ' ') + repeat(bar, 4) + " 33\n" + "5" + edge + " " +
        std::string(9, ' ') + repeat(bar, 4) + " 31\n" + "2" + edge + " " + std::string(9, ' ') + repeat(bar, 3) +
        " 29\n" + "8" + edge + " " + std::string(9, ' ') + repeat(bar, 1) + " 9\n" + "1" + edge + " " +
        std::string(4, ' ') + repeat(bar, 5) + " -48\n" + "4" + edge + " " + std::string(4, ' ') + repeat(bar, 5) +
        " -50\n" + "6" + edge + " " + repeat(bar, 9) + " -87\n";
    CHECK(out.str() == expected);

    // A wrong prediction: actual red, expected green; ties keep ascending digit order.
    CHECK(mnist_cli::bar(3, 20, 5, 3, 0) == kRed + repeat(bar, 2) + kReset + " 20 (actual)");
    CHECK(mnist_cli::bar(5, 20, 5, 3, 0) == kGreen + repeat(bar, 2) + kReset + " 20 (expected)");
    CHECK(mnist_cli::bar(4, 0, 5, 3, 0) == " 0");
    // -128 has a bar of 13 and no overflow.
    CHECK(mnist_cli::bar(1, -128, 5, 3, -128) == repeat(bar, 13) + " -128");
    CHECK(mnist_cli::bar(2, 10, 5, 3, -128) == std::string(13, ' ') + repeat(bar, 1) + " 10");
    std::ostringstream ties;
    mnist_cli::display_bar_chart(ties, "X", "layer1", std::vector<std::int8_t>{4, 9, 4, 9}, 1, 1);
    CHECK_THAT(ties.str(), Contains("1" + edge) && Contains("3" + edge));
    CHECK(ties.str().find("1" + edge) < ties.str().find("3" + edge));
    CHECK(ties.str().find("0" + edge) < ties.str().find("2" + edge));
}

TEST_CASE("qnn display draws images with half blocks and survives a blank image")
{
    std::vector<float> image(144, 0.0f);
    image[0] = 1.0f;  // row 0 col 0: foreground white
    image[13] = 0.5f;  // row 1 col 1: background grey
    const std::string art = mnist_cli::image_art(image, 12, 12);
    const std::string block = "\u2580";
    CHECK(art.rfind("\033[38;2;255;255;255m\033[48;2;0;0;0m" + block + "\033[38;2;0;0;0m\033[48;2;127;127;127m" + block,
                    0) == 0);
    std::size_t lines = 0;
    for (char c : art) lines += c == '\n' ? 1 : 0;
    CHECK(lines == 6);
    CHECK_THAT(art, Contains(block + kReset + "\n"));

    const std::vector<float> blank(144, 0.0f);
    std::ostringstream out;
    mnist_cli::display_image(out, "Software Inference", blank, 12, 12, 3, 1, 0, true);
    CHECK_THAT(out.str(), Contains("Software Inference image_index 3 batch 1 batch_index 0\n"));
    CHECK_THAT(out.str(), Contains("\033[38;2;0;0;0m\033[48;2;0;0;0m" + block));
    CHECK_THAT(out.str(), Contains("shape (12, 12) dtype float32 \n\n"));
    std::ostringstream quiet;
    mnist_cli::display_image(quiet, "Software Inference", blank, 12, 12, 3, 1, 0, false);
    CHECK(quiet.str() == "Software Inference image_index 3 batch 1 batch_index 0\n");
    CHECK(mnist_cli::image_art(std::vector<float>(15, 0.3f), 3, 5).size() > 0);  // odd row count
}

TEST_CASE("qnn display prints outputs and accuracy like pyrtlnet")
{
    const qnn::BatchResult r = one_result({-128, 5}, {1, 9, 3});
    std::ostringstream quiet;
    mnist_cli::display_outputs(quiet, "Software Inference", r, 0, 2, false);
    CHECK(quiet.str() == "Expected: 2 | Actual: 1\n");
    std::ostringstream verbose;
    mnist_cli::display_outputs(verbose, "Software Inference", r, 0, 2, true);
    const std::string text = verbose.str();
    CHECK(text.rfind("Software Inference layer0 output shape (2,) dtype int8:\n[-128    5] \n\n"
                     "Software Inference layer1 output shape (3,) dtype int8:\n[1 9 3] \n\n"
                     "Software Inference layer1 output as bar chart:\n",
                     0) == 0);
    CHECK_THAT(text, Contains(" 9 (actual)") && Contains(" 3 (expected)"));

    mnist_cli::Accuracy accuracy;
    accuracy.update(1, 1);
    std::ostringstream none;
    accuracy.display(none);
    CHECK(none.str().empty());  // a single image prints no summary
    for (int i = 0; i < 9; ++i) accuracy.update(i == 8 ? 5 : 1, 1);
    CHECK(accuracy.summary() == "9/10 correct predictions, 90.0% accuracy");
    std::ostringstream some;
    accuracy.display(some);
    CHECK(some.str() == "9/10 correct predictions, 90.0% accuracy\n");

    CHECK(mnist_cli::format_duration(2.345) == "2.35 s");
    CHECK(mnist_cli::format_duration(0.0152) == "15.20 ms");
    CHECK(mnist_cli::format_duration(3.1e-6) == "3.10 \u00b5s");
    CHECK(mnist_cli::terminal_width() > 0);
}

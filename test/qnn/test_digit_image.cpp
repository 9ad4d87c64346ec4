// MNIST's recipe for drawings (qnn::normalize_drawing) and the data set's resize (qnn::network_image).
#include "qnn/digit_image.hpp"
#include "qnn/error.hpp"
#include "qnn/inference.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

constexpr int kSide = qnn::kMnistSide;

struct Box {
    int top = kSide, bottom = -1, left = kSide, right = -1;
    double cx = 0, cy = 0;
};

Box ink_box(const std::vector<float>& image)
{
    Box b;
    double mass = 0;
    for (int r = 0; r < kSide; ++r)
        for (int c = 0; c < kSide; ++c) {
            const float v = image[static_cast<std::size_t>(r * kSide + c)];
            if (v <= 0) continue;
            b.top = std::min(b.top, r);
            b.bottom = std::max(b.bottom, r);
            b.left = std::min(b.left, c);
            b.right = std::max(b.right, c);
            mass += v;
            b.cx += v * (c + 0.5);
            b.cy += v * (r + 0.5);
        }
    b.cx /= mass;
    b.cy /= mass;
    return b;
}

// A test image "drawn": one horizontal stroke per run of pixels >= 0.5 in each row, with a round pen
// 2 pixels wide, rasterized on a 280x280 canvas and averaged over 10x10 blocks, as the web page does
// (test/web/strokes.mjs draws the same strokes with the mouse).
std::vector<float> drawn(std::span<const float> image)
{
    constexpr int kScale = 10, kCanvas = kSide * kScale;
    constexpr double kRadius = 10;  // the page's lineWidth is 20
    std::vector<float> out(static_cast<std::size_t>(kSide * kSide), 0.0f);
    for (int r = 0; r < kSide; ++r)
        for (int c0 = 0; c0 < kSide;) {
            if (image[static_cast<std::size_t>(r * kSide + c0)] < 0.5f) {
                ++c0;
                continue;
            }
            int c1 = c0;
            while (c1 + 1 < kSide && image[static_cast<std::size_t>(r * kSide + c1 + 1)] >= 0.5f) ++c1;
            const double y = r * kScale + 5, xa = c0 * kScale + 5, xb = c1 * kScale + 5;
            for (int py = std::max(0, static_cast<int>(y - kRadius));
                 py < std::min(kCanvas, static_cast<int>(y + kRadius) + 1); ++py)
                for (int px = std::max(0, static_cast<int>(xa - kRadius));
                     px < std::min(kCanvas, static_cast<int>(xb + kRadius) + 1); ++px) {
                    const double x = px + 0.5, dy = py + 0.5 - y, dx = x < xa ? x - xa : x > xb ? x - xb : 0;
                    if (dx * dx + dy * dy <= kRadius * kRadius)
                        out[static_cast<std::size_t>((py / kScale) * kSide + px / kScale)] += 1.0f;
                }
            c0 = c1 + 1;
        }
    for (float& v : out) v = std::min(1.0f, v / (kScale * kScale));  // overlapping strokes count once at most
    return out;
}

}  // namespace

TEST_CASE("normalize_drawing scales the bounding box into 20x20 and centres the centre of mass")
{
    std::vector<float> image(static_cast<std::size_t>(kSide * kSide), 0.0f);
    for (int r = 1; r < 11; ++r)  // a 10 high, 5 wide block in the top left corner
        for (int c = 2; c < 7; ++c) image[static_cast<std::size_t>(r * kSide + c)] = 1.0f;
    const std::vector<float> out = qnn::normalize_drawing(image);
    const Box b = ink_box(out);
    CHECK(b.bottom - b.top + 1 == 20);
    CHECK(b.right - b.left + 1 == 10);
    CHECK(std::abs(b.cx - 14.0) <= 0.5);
    CHECK(std::abs(b.cy - 14.0) <= 0.5);
    CHECK(*std::max_element(out.begin(), out.end()) == qnn::pixel_to_unit(255));
}

TEST_CASE("normalize_drawing keeps grey levels on the data set's 8-bit scale")
{
    std::vector<float> image(static_cast<std::size_t>(kSide * kSide), 0.0f);
    image[100] = 0.3f;
    image[101] = 1.0f;
    image[129] = 0.7f;
    for (float v : qnn::normalize_drawing(image)) {
        const long level = std::lround(v * 255.0);
        CHECK(v == qnn::pixel_to_unit(static_cast<std::uint8_t>(level)));
    }
}

TEST_CASE("normalize_drawing: an empty drawing stays empty; wrong sizes and non-numbers are refused")
{
    const std::vector<float> empty(static_cast<std::size_t>(kSide * kSide), 0.0f);
    CHECK(qnn::normalize_drawing(empty) == empty);
    CHECK_THROWS_AS(qnn::normalize_drawing(std::vector<float>(783, 0.0f)), qnn::DataError);
    CHECK_THROWS_AS(qnn::network_image(std::vector<float>(785, 0.0f)), qnn::DataError);
    std::vector<float> nan = empty;
    nan[5] = std::numeric_limits<float>::quiet_NaN();
    CHECK_THROWS_AS(qnn::normalize_drawing(nan), qnn::DataError);
    nan[5] = std::numeric_limits<float>::infinity();
    CHECK_THROWS_AS(qnn::normalize_drawing(nan), qnn::DataError);
}

TEST_CASE("network_image of a 28x28 test image is the data set's 12x12 image")
{
    const qnn::ImageSet raw = qnn::load_mnist(qnn_test::mnist_dir(), qnn::Split::test, kSide, 5);
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const auto small = qnn::network_image(raw.image(i));
        const auto expected = qnn_test::test_set().image(i);
        CHECK(std::equal(small.begin(), small.end(), expected.begin(), expected.end()));
    }
}

TEST_CASE("test images drawn as strokes and normalized are recognized as the originals are")
{
    const qnn::ImageSet raw = qnn::load_mnist(qnn_test::mnist_dir(), qnn::Split::test, kSide, 200);
    const qnn::SoftwareInference net(qnn_test::small_model());
    std::size_t same = 0, correct_drawn = 0, correct_original = 0;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const auto input = qnn::network_image(qnn::normalize_drawing(drawn(raw.image(i))));
        const std::vector<qnn::ImageView> batch{input, qnn_test::test_set().image(i)};
        const auto r = net.run_batch(batch);
        same += r.predictions[0] == r.predictions[1] ? 1 : 0;
        correct_drawn += r.predictions[0] == raw.labels[i] ? 1 : 0;
        correct_original += r.predictions[1] == raw.labels[i] ? 1 : 0;
    }
    INFO("same prediction " << same << "/200, drawn correct " << correct_drawn << ", original correct "
                            << correct_original);
    CHECK(same >= 170);
    CHECK(correct_drawn + 20 >= correct_original);
}

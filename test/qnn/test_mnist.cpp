// MNIST IDX loading, data-directory search, TensorFlow-exact resize.

#include "qnn/error.hpp"
#include "qnn/mnist.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>

using Catch::Matchers::Contains;
using qnn_test::TempDir;

namespace {

void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

std::vector<std::uint8_t> idx_images(std::uint32_t count, std::uint32_t rows, std::uint32_t cols,
                                     std::size_t pixel_bytes, std::uint32_t magic = 0x803)
{
    std::vector<std::uint8_t> out;
    put_u32(out, magic);
    put_u32(out, count);
    put_u32(out, rows);
    put_u32(out, cols);
    for (std::size_t i = 0; i < pixel_bytes; ++i) out.push_back(static_cast<std::uint8_t>(i * 7 % 256));
    return out;
}

std::vector<std::uint8_t> idx_labels(std::uint32_t count, std::size_t label_bytes)
{
    std::vector<std::uint8_t> out;
    put_u32(out, 0x801);
    put_u32(out, count);
    for (std::size_t i = 0; i < label_bytes; ++i) out.push_back(static_cast<std::uint8_t>(i % 10));
    return out;
}

// A directory holding a 3-image test split (28x28), optionally corrupted by the caller.
struct TestSplit {
    TempDir dir;
    std::filesystem::path images = dir / "t10k-images-idx3-ubyte.gz";
    std::filesystem::path labels = dir / "t10k-labels-idx1-ubyte.gz";
    TestSplit()
    {
        qnn_test::write_gzip(images, idx_images(3, 28, 28, 3 * 784));
        qnn_test::write_gzip(labels, idx_labels(3, 3));
    }
};

// TensorFlow's source coordinate for output index i (half-pixel centres), by hand.
float source_coordinate(int i)
{
    return (static_cast<float>(i) + 0.5f) * (28.0f / 12.0f) - 0.5f;
}

}  // namespace

TEST_CASE("qnn mnist reads a good IDX split and resizes it")
{
    TestSplit split;
    const qnn::IdxImages raw = qnn::read_idx_images(split.images);
    CHECK(raw.count == 3);
    CHECK(raw.rows == 28);
    CHECK(raw.cols == 28);
    CHECK(raw.pixels.size() == 3 * 784);
    CHECK(raw.pixels[1] == 7);
    const qnn::ImageSet set = qnn::load_mnist(split.dir.path(), qnn::Split::test);
    CHECK(set.size() == 3);
    CHECK(set.rows == 12);
    CHECK(set.cols == 12);
    CHECK(set.pixels.size() == 3 * 144);
    CHECK(set.labels == std::vector<std::uint8_t>{0, 1, 2});
    CHECK(qnn::load_mnist(split.dir.path(), qnn::Split::test, 12, 2).size() == 2);
    // Uncompressed files are read too.
    TempDir plain;
    qnn_test::write_bytes(plain / "t10k-images-idx3-ubyte", idx_images(1, 28, 28, 784));
    qnn_test::write_bytes(plain / "t10k-labels-idx1-ubyte", idx_labels(1, 1));
    CHECK(qnn::load_mnist(plain.path(), qnn::Split::test).size() == 1);
}

TEST_CASE("qnn mnist rejects corrupt IDX files with clear errors")
{
    TestSplit split;
    SECTION("bad magic")
    {
        qnn_test::write_gzip(split.images, idx_images(3, 28, 28, 3 * 784, 0x801));
        CHECK_THROWS_WITH(qnn::read_idx_images(split.images),
                          Contains("t10k-images-idx3-ubyte.gz") && Contains("bad magic number 0x00000801"));
    }
    SECTION("truncated pixel data")
    {
        qnn_test::write_gzip(split.images, idx_images(3, 28, 28, 2 * 784 + 5));
        CHECK_THROWS_WITH(qnn::load_mnist(split.dir.path(), qnn::Split::test),
                          Contains("truncated") && Contains("3 images of 28x28") && Contains("1573 bytes"));
    }
    SECTION("truncated header")
    {
        qnn_test::write_gzip(split.labels, std::vector<std::uint8_t>{0, 0, 8, 1, 0});
        CHECK_THROWS_AS(qnn::read_idx_labels(split.labels), qnn::DataError);
        CHECK_THROWS_WITH(qnn::read_idx_labels(split.labels), Contains("truncated") && Contains("label file"));
    }
    SECTION("empty file")
    {
        qnn_test::write_bytes(split.labels, std::vector<std::uint8_t>{});
        CHECK_THROWS_WITH(qnn::read_idx_labels(split.labels), Contains("too short"));
    }
    SECTION("trailing bytes")
    {
        qnn_test::write_gzip(split.labels, idx_labels(3, 4));
        CHECK_THROWS_WITH(qnn::read_idx_labels(split.labels), Contains("3 labels") && Contains("4 bytes follow"));
    }
    SECTION("image and label counts differ")
    {
        qnn_test::write_gzip(split.labels, idx_labels(2, 2));
        CHECK_THROWS_WITH(qnn::load_mnist(split.dir.path(), qnn::Split::test),
                          Contains("holds 3 images") && Contains("2 labels"));
    }
    SECTION("wrong image size")
    {
        qnn_test::write_gzip(split.images, idx_images(3, 20, 20, 3 * 400));
        CHECK_THROWS_WITH(qnn::load_mnist(split.dir.path(), qnn::Split::test),
                          Contains("20x20") && Contains("expected 28x28"));
    }
    SECTION("labels that are not digits")
    {
        std::vector<std::uint8_t> labels = idx_labels(3, 3);
        labels.back() = 12;
        qnn_test::write_gzip(split.labels, labels);
        CHECK_THROWS_WITH(qnn::load_mnist(split.dir.path(), qnn::Split::test), Contains("label 12 of image 2"));
    }
    SECTION("corrupt gzip stream")
    {
        std::vector<std::uint8_t> gz;
        {
            TempDir tmp;
            qnn_test::write_gzip(tmp / "x.gz", idx_images(3, 28, 28, 3 * 784));
            std::ifstream in(tmp / "x.gz", std::ios::binary);
            gz.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
        gz.resize(gz.size() / 2);  // cut the deflate stream in the middle
        qnn_test::write_bytes(split.images, gz);
        CHECK_THROWS_AS(qnn::read_idx_images(split.images), qnn::DataError);
        CHECK_THROWS_WITH(qnn::read_idx_images(split.images), Contains("t10k-images-idx3-ubyte.gz"));
    }
    SECTION("missing file")
    {
        std::filesystem::remove(split.labels);
        CHECK_THROWS_WITH(qnn::load_mnist(split.dir.path(), qnn::Split::test),
                          Contains("t10k-labels-idx1-ubyte.gz not found"));
        CHECK_THROWS_WITH(qnn::read_idx_labels(split.labels), Contains("cannot open"));
    }
}

TEST_CASE("qnn mnist data directory search names every place it looked")
{
    TempDir empty;
    CHECK_THROWS_AS(qnn::find_mnist_dir(empty.path(), qnn::Split::test), qnn::DataError);
    CHECK_THROWS_WITH(qnn::find_mnist_dir(empty.path(), qnn::Split::test),
                      Contains(empty.path().string()) && Contains("--data_dir") &&
                          Contains("t10k-images-idx3-ubyte.gz missing") && Contains("RTLNET_MNIST_DIR") &&
                          Contains("train-images-idx3-ubyte.gz"));
    CHECK(qnn::find_mnist_dir(qnn_test::mnist_dir(), qnn::Split::train) == qnn_test::mnist_dir());

    const char* old = std::getenv("RTLNET_MNIST_DIR");
    const std::string saved = old != nullptr ? old : "";
    ::setenv("RTLNET_MNIST_DIR", "/nonexistent/mnist", 1);
    CHECK_THROWS_WITH(qnn::find_mnist_dir(std::nullopt, qnn::Split::test),
                      Contains("/nonexistent/mnist") && Contains("$RTLNET_MNIST_DIR") &&
                          Contains("directory does not exist"));
    ::unsetenv("RTLNET_MNIST_DIR");
    const auto candidates = qnn::mnist_dir_candidates(std::nullopt);
    REQUIRE(candidates.size() >= 2);
    CHECK(candidates[0].dir == std::filesystem::path("../shared/data/mnist"));
    // Then ../shared/data/mnist from each parent of the current directory: no path is compiled in.
    const auto cwd = std::filesystem::current_path();
    CHECK(candidates[1].dir == cwd.parent_path().parent_path() / "shared" / "data" / "mnist");
    CHECK(candidates[1].origin.find("parent of the current directory") != std::string::npos);
    // From the build tree (inside the checkout, which has ../shared beside it) a parent finds the data.
    CHECK_NOTHROW(qnn::find_mnist_dir(std::nullopt, qnn::Split::test));
    if (old != nullptr) ::setenv("RTLNET_MNIST_DIR", saved.c_str(), 1);
}

TEST_CASE("qnn mnist pixel scaling divides by 255 in double")
{
    CHECK(qnn::pixel_to_unit(0) == 0.0f);
    CHECK(qnn::pixel_to_unit(255) == 1.0f);
    CHECK(qnn::pixel_to_unit(1) == static_cast<float>(1.0 / 255.0));
    CHECK(qnn::pixel_to_unit(128) == static_cast<float>(128.0 / 255.0));
}

TEST_CASE("qnn mnist bilinear resize matches hand-computed TensorFlow values")
{
    // Hand-worked coordinates: scale = 28/12 = 2.3333333f.
    // i = 0: in = 0.5 * 2.3333333 - 0.5 = 0.6666667 -> rows 0 and 1, weight 2/3.
    // i = 5: in = 5.5 * 2.3333333 - 0.5 = 12.333333 -> rows 12 and 13, weight 1/3.
    // i = 11: in = 11.5 * 2.3333333 - 0.5 = 26.333334 -> rows 26 and 27, weight 1/3.
    CHECK(source_coordinate(0) == Approx(2.0f / 3.0f));
    CHECK(source_coordinate(5) == Approx(12.0f + 1.0f / 3.0f));
    CHECK(source_coordinate(11) == Approx(26.0f + 1.0f / 3.0f));

    SECTION("a single bright corner pixel")
    {
        // Only (0,0) = 1: out(0,0) = top + (bottom - top) * 2/3 with top = 1 - 2/3 = 1/3, bottom = 0 -> 1/9.
        std::vector<float> image(784, 0.0f);
        image[0] = 1.0f;
        const auto out = qnn::resize_bilinear(image, 28, 28, 12, 12);
        REQUIRE(out.size() == 144);
        CHECK(out[0] == Approx(1.0 / 9.0).margin(1e-6));
        for (std::size_t k = 1; k < out.size(); ++k) CHECK(out[k] == 0.0f);
    }
    SECTION("a linear ramp is interpolated exactly")
    {
        // p(r, c) = 28 r + c: bilinear interpolation reproduces 28 y + x at the source coordinates.
        std::vector<float> image(784);
        for (int r = 0; r < 28; ++r) {
            for (int c = 0; c < 28; ++c) image[static_cast<std::size_t>(r * 28 + c)] = static_cast<float>(28 * r + c);
        }
        const auto out = qnn::resize_bilinear(image, 28, 28, 12, 12);
        for (int i = 0; i < 12; ++i) {
            for (int j = 0; j < 12; ++j) {
                const float expected = 28.0f * source_coordinate(i) + source_coordinate(j);
                CHECK(out[static_cast<std::size_t>(i * 12 + j)] == Approx(expected).epsilon(1e-5));
            }
        }
        // out(0,0) = 28 * 2/3 + 2/3 = 19.333
        CHECK(out[0] == Approx(58.0 / 3.0).epsilon(1e-6));
    }
    SECTION("row 5, column 11 of a 2x2 block")
    {
        // Rows 12,13 and columns 26,27 hold 0.2, 0.4 / 0.6, 1.0: with x weight 1/3 and y weight 1/3
        // top = 0.2 + 0.2/3, bottom = 0.6 + 0.4/3, out = top + (bottom - top)/3 = 0.4222...
        std::vector<float> image(784, 0.0f);
        image[12 * 28 + 26] = 0.2f;
        image[12 * 28 + 27] = 0.4f;
        image[13 * 28 + 26] = 0.6f;
        image[13 * 28 + 27] = 1.0f;
        const auto out = qnn::resize_bilinear(image, 28, 28, 12, 12);
        const double top = 0.2 + 0.2 / 3.0;
        const double bottom = 0.6 + 0.4 / 3.0;
        CHECK(out[5 * 12 + 11] == Approx(top + (bottom - top) / 3.0).margin(1e-6));
    }
    CHECK_THROWS_AS(qnn::resize_bilinear(std::vector<float>(10), 28, 28, 12, 12), qnn::DataError);
}

TEST_CASE("qnn mnist canonical test set loads with the expected shape")
{
    const qnn::ImageSet& test = qnn_test::test_set();
    CHECK(test.size() == 10000);
    CHECK(test.image_size() == 144);
    CHECK(test.labels[0] == 7);
    const auto [lo, hi] = std::minmax_element(test.pixels.begin(), test.pixels.end());
    CHECK(*lo >= 0.0f);
    CHECK(*hi <= 1.0f);
}

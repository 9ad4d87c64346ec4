// .npy headers: Fortran-ordered arrays (read in C order) and shapes whose size overflows.

#include "npz_writer.hpp"
#include "qnn/error.hpp"
#include "qnn/mnist.hpp"
#include "qnn/model.hpp"
#include "qnn/npz.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;
using qnn_test::npy;
using qnn_test::npy_bytes;

namespace {

// The element values 1, 2, 3, ... of an array of `shape` laid out in Fortran order (first index fastest).
template <typename T>
qnn_test::NpyData fortran_array(const std::string& descr, const std::vector<std::size_t>& shape)
{
    std::size_t n = 1;
    for (std::size_t d : shape) n *= d;
    // C-order index of each Fortran-order position.
    std::vector<T> values(n);
    std::vector<std::size_t> index(shape.size(), 0);
    for (std::size_t f = 0; f < n; ++f) {
        std::size_t c = 0;
        for (std::size_t k = 0; k < shape.size(); ++k) c = c * shape[k] + index[k];
        values[f] = static_cast<T>(c + 1);
        for (std::size_t k = 0; k < shape.size(); ++k) {  // advance the first index fastest
            if (++index[k] < shape[k]) break;
            index[k] = 0;
        }
    }
    qnn_test::NpyData data = npy(descr, shape, values);
    data.fortran_order = true;
    return data;
}

template <typename T>
void check_fortran(const std::string& descr, const std::vector<std::size_t>& shape)
{
    INFO(descr);
    const qnn::NpyArray a = qnn::parse_npy(npy_bytes(fortran_array<T>(descr, shape)), "f.npy");
    CHECK(a.shape == shape);
    const std::vector<double> doubles = a.to_double();
    REQUIRE(doubles.size() == a.size());
    const bool integer = descr[1] != 'f';
    const std::vector<std::int64_t> ints = integer ? a.to_int64() : std::vector<std::int64_t>(a.size());
    for (std::size_t i = 0; i < doubles.size(); ++i) {
        // Booleans hold 1 for every non-zero value.
        const double expected = descr == "|b1" ? 1.0 : static_cast<double>(static_cast<T>(i + 1));
        CHECK(doubles[i] == expected);
        if (integer) CHECK(static_cast<double>(ints[i]) == expected);
    }
}

}  // namespace

TEST_CASE("qnn npy reads Fortran-ordered arrays of every dtype in C order")
{
    for (const std::vector<std::size_t>& shape :
         {std::vector<std::size_t>{2, 3}, std::vector<std::size_t>{3, 1, 4}, std::vector<std::size_t>{2, 3, 2, 2}}) {
        check_fortran<float>("<f4", shape);
        check_fortran<double>("<f8", shape);
        check_fortran<std::int8_t>("|i1", shape);
        check_fortran<std::uint8_t>("|u1", shape);
        check_fortran<std::int16_t>("<i2", shape);
        check_fortran<std::int32_t>("<i4", shape);
        check_fortran<std::int64_t>("<i8", shape);
        check_fortran<std::uint8_t>("|b1", shape);
    }
    // (2, 3) written column by column: [[1, 2, 3], [4, 5, 6]] is stored 1 4 2 5 3 6.
    qnn_test::NpyData data = npy("<i4", {2, 3}, std::vector<std::int32_t>{1, 4, 2, 5, 3, 6});
    data.fortran_order = true;
    CHECK(qnn::parse_npy(npy_bytes(data), "t.npy").to_int64() == std::vector<std::int64_t>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("qnn a quantized.npz with transposed (Fortran-ordered) weights loads")
{
    const qnn::QuantizedModel model = qnn_test::tiny_model();
    qnn_test::ZipWriter zip;
    const auto add = [&](const std::string& key, const qnn_test::NpyData& d) {
        zip.add(key + ".npy", npy_bytes(d), true);
    };
    add("input.scale", npy("<f4", {1}, std::vector<float>{model.input_scale}));
    add("input.zero", npy("<i4", {1}, std::vector<std::int32_t>{model.input_zero}));
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const qnn::DenseLayer& l = model.layers[i];
        const std::string p = "layer" + std::to_string(i);
        // np.savez(weight=w.T.copy().T): the bytes are the transpose's C order.
        std::vector<std::int8_t> column_major;
        for (int c = 0; c < l.cols; ++c) {
            for (int r = 0; r < l.rows; ++r) column_major.push_back(l.w(r, c));
        }
        qnn_test::NpyData w =
            npy("|i1", {static_cast<std::size_t>(l.rows), static_cast<std::size_t>(l.cols)}, column_major);
        w.fortran_order = true;
        add(p + ".weight", w);
        add(p + ".bias", npy("<i4", {static_cast<std::size_t>(l.rows), 1}, l.bias));
        add(p + ".weight.scale", npy("<f4", {l.weight_scale.size()}, l.weight_scale));
        add(p + ".weight.zero", npy("<i4", {l.weight_zero.size()}, l.weight_zero));
        add(p + ".output.scale", npy("<f4", {1}, std::vector<float>{l.output_scale}));
        add(p + ".output.zero", npy("<i4", {1}, std::vector<std::int32_t>{l.output_zero}));
    }
    qnn_test::TempDir dir;
    qnn_test::write_bytes(dir / "quantized.npz", zip.finish());
    const qnn::QuantizedModel loaded = qnn::load_model(dir / "quantized.npz");
    REQUIRE(loaded.layers.size() == 2);
    CHECK(loaded.layers[0].weight == model.layers[0].weight);
    CHECK(loaded.layers[1].weight == model.layers[1].weight);
}

TEST_CASE("qnn npy shapes whose byte size overflows 64 bits are errors")
{
    // 4 * 1 * 2^31 * 2^31 = 2^64 bytes, which wraps to 0 and matches an empty data section.
    const std::vector<std::size_t> shape{1, std::size_t{1} << 31, std::size_t{1} << 31};
    const auto bytes = npy_bytes(npy("<f4", shape, std::vector<float>{}));
    CHECK_THROWS_AS(qnn::parse_npy(bytes, "big.npy"), qnn::DataError);
    CHECK_THROWS_WITH(qnn::parse_npy(bytes, "big.npy"), Contains("big.npy") && Contains("too large"));
    // (2^32-1)^4 elements of one byte: 2^128 wraps to a small number too.
    const std::size_t d = 0xFFFFFFFFu;
    CHECK_THROWS_AS(qnn::parse_npy(npy_bytes(npy("|u1", {d, d, d, d}, std::vector<std::uint8_t>{})), "b.npy"),
                    qnn::DataError);

    qnn_test::TempDir dir;
    qnn_test::ZipWriter images;
    images.add("test_images.npy", bytes, false);
    images.add("test_labels.npy", npy_bytes(npy("|u1", {1}, std::vector<std::uint8_t>{3})), false);
    qnn_test::write_bytes(dir / "test.npz", images.finish());
    CHECK_THROWS_AS(qnn::load_image_set_npz(dir / "test.npz"), qnn::DataError);
    CHECK_THROWS_WITH(qnn::load_image_set_npz(dir / "test.npz"), Contains("test.npz") && Contains("test_images"));

    qnn_test::ZipWriter model;
    model.add("input.scale.npy", bytes, false);
    qnn_test::write_bytes(dir / "model.npz", model.finish());
    CHECK_THROWS_AS(qnn::load_model_npz(dir / "model.npz"), qnn::ModelError);
    CHECK_THROWS_WITH(qnn::load_model_npz(dir / "model.npz"), Contains("model.npz") && Contains("input.scale"));
}

TEST_CASE("qnn test images with an impossible shape are errors")
{
    qnn_test::TempDir dir;
    const auto write = [&](const std::vector<std::size_t>& shape) {
        qnn_test::ZipWriter zip;
        zip.add("test_images.npy", npy_bytes(npy("<f4", shape, std::vector<float>{})), false);
        zip.add("test_labels.npy", npy_bytes(npy("|u1", {shape[0]}, std::vector<std::uint8_t>(shape[0], 1))), false);
        qnn_test::write_bytes(dir / "t.npz", zip.finish());
    };
    for (const std::vector<std::size_t>& shape :
         {std::vector<std::size_t>{1, 0, 7}, std::vector<std::size_t>{1, 7, 0},
          std::vector<std::size_t>{1, std::size_t{1} << 31, 0}, std::vector<std::size_t>{2, 0, std::size_t{1} << 31}}) {
        write(shape);
        INFO(shape[0] << " " << shape[1] << " " << shape[2]);
        CHECK_THROWS_AS(qnn::load_image_set_npz(dir / "t.npz"), qnn::DataError);
        CHECK_THROWS_WITH(qnn::load_image_set_npz(dir / "t.npz"), Contains("t.npz") && Contains("test_images"));
    }
}

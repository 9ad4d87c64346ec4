// .npy/.npz reading and pyrtlnet interop (quantized.npz, mnist_test_data.npz).

#include "npz_writer.hpp"
#include "qnn/error.hpp"
#include "qnn/inference.hpp"
#include "qnn/mnist.hpp"
#include "qnn/model.hpp"
#include "qnn/npz.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;
using qnn_test::npy;
using qnn_test::npy_bytes;

namespace {

// pyrtlnet's save_tensors layout for a model (every layer but the last has ReLU there).
qnn_test::ZipWriter quantized_npz(const qnn::QuantizedModel& model, bool deflate, bool zip64)
{
    qnn_test::ZipWriter zip;
    const auto add = [&](const std::string& key, const qnn_test::NpyData& data) {
        zip.add(key + ".npy", npy_bytes(data), deflate, zip64);
    };
    add("input.scale", npy("<f4", {1}, std::vector<float>{model.input_scale}));
    add("input.zero", npy("<i4", {1}, std::vector<std::int32_t>{model.input_zero}));
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const qnn::DenseLayer& l = model.layers[i];
        const std::string p = "layer" + std::to_string(i);
        add(p + ".weight.scale", npy("<f4", {l.weight_scale.size()}, l.weight_scale));
        add(p + ".weight.zero", npy("<i4", {l.weight_zero.size()}, l.weight_zero));
        add(p + ".output.scale", npy("<f4", {1}, std::vector<float>{l.output_scale}));
        add(p + ".output.zero", npy("<i4", {1}, std::vector<std::int32_t>{l.output_zero}));
        add(p + ".weight", npy("|i1", {static_cast<std::size_t>(l.rows), static_cast<std::size_t>(l.cols)}, l.weight));
        add(p + ".bias", npy("<i4", {static_cast<std::size_t>(l.rows), 1}, l.bias));
    }
    return zip;
}

}  // namespace

TEST_CASE("qnn npz reads stored and deflated members of every dtype")
{
    for (const bool deflate : {false, true}) {
        for (const bool zip64 : {false, true}) {
            INFO("deflate " << deflate << " zip64 " << zip64);
            qnn_test::ZipWriter zip;
            zip.add("f.npy", npy_bytes(npy("<f4", {2, 3}, std::vector<float>{0.5f, -1.25f, 3, 4, 5, 6})), deflate,
                    zip64);
            zip.add("d.npy", npy_bytes(npy("<f8", {2}, std::vector<double>{1e-300, -2.5})), deflate, zip64);
            zip.add("i8.npy", npy_bytes(npy("|i1", {3}, std::vector<std::int8_t>{-128, 0, 127})), deflate, zip64);
            zip.add("u8.npy", npy_bytes(npy("|u1", {2}, std::vector<std::uint8_t>{0, 255})), deflate, zip64);
            zip.add("i32.npy", npy_bytes(npy("<i4", {1}, std::vector<std::int32_t>{-123})), deflate, zip64);
            zip.add("i64.npy", npy_bytes(npy("<i8", {2, 1}, std::vector<std::int64_t>{1LL << 40, -7})), deflate, zip64);
            zip.add("scalar.npy", npy_bytes(npy("<i4", {}, std::vector<std::int32_t>{42})), deflate, zip64);
            qnn_test::TempDir dir;
            qnn_test::write_bytes(dir / "a.npz", zip.finish());
            const auto arrays = qnn::read_npz(dir / "a.npz");
            REQUIRE(arrays.size() == 7);
            const qnn::NpyArray& f = arrays.at("f");
            CHECK(f.dtype == qnn::DType::float32);
            CHECK(f.shape == std::vector<std::size_t>{2, 3});
            CHECK(f.shape_string() == "(2, 3)");
            CHECK(f.to_float32() == std::vector<float>{0.5f, -1.25f, 3, 4, 5, 6});
            CHECK(arrays.at("d").to_double() == std::vector<double>{1e-300, -2.5});
            CHECK(arrays.at("i8").to_int64() == std::vector<std::int64_t>{-128, 0, 127});
            CHECK(arrays.at("i8").shape_string() == "(3,)");
            CHECK(arrays.at("u8").to_int64() == std::vector<std::int64_t>{0, 255});
            CHECK(arrays.at("i32").to_int64() == std::vector<std::int64_t>{-123});
            CHECK(arrays.at("i64").to_int64() == std::vector<std::int64_t>{1LL << 40, -7});
            CHECK(arrays.at("scalar").size() == 1);
            CHECK(arrays.at("scalar").shape_string() == "()");
        }
    }
}

TEST_CASE("qnn npz rejects malformed archives and arrays")
{
    qnn_test::TempDir dir;
    const std::vector<std::uint8_t> member = npy_bytes(npy("<f4", {2}, std::vector<float>{1, 2}));
    SECTION("not a zip file")
    {
        qnn_test::write_text(dir / "x.npz", "this is not a zip archive at all");
        CHECK_THROWS_WITH(qnn::read_npz(dir / "x.npz"), Contains("x.npz") && Contains("end-of-central-directory"));
    }
    SECTION("CRC mismatch")
    {
        qnn_test::ZipWriter zip;
        zip.add("a.npy", member, false);
        auto bytes = zip.finish();
        bytes[30 + 5 + 70] ^= 0xFF;  // a byte of the stored member's data
        qnn_test::write_bytes(dir / "x.npz", bytes);
        CHECK_THROWS_WITH(qnn::read_npz(dir / "x.npz"), Contains("member 'a.npy'") && Contains("CRC-32 mismatch"));
    }
    SECTION("truncated archive")
    {
        qnn_test::ZipWriter zip;
        zip.add("a.npy", member, true);
        auto bytes = zip.finish();
        bytes.erase(bytes.begin() + 20, bytes.begin() + 40);
        qnn_test::write_bytes(dir / "x.npz", bytes);
        CHECK_THROWS_AS(qnn::read_npz(dir / "x.npz"), qnn::DataError);
    }
    SECTION("bad npy magic, unsupported dtype, size mismatch")
    {
        std::vector<std::uint8_t> bad = member;
        bad[1] = 'X';
        CHECK_THROWS_WITH(qnn::parse_npy(bad, "m"), Contains("m: not a .npy array"));
        CHECK_THROWS_WITH(qnn::parse_npy(npy_bytes(npy(">f4", {1}, std::vector<float>{1})), "m"),
                          Contains("unsupported dtype '>f4'"));
        auto short_data = member;
        short_data.pop_back();
        CHECK_THROWS_WITH(qnn::parse_npy(short_data, "m"), Contains("needs 8 data bytes but the file has 7"));
        auto header = member;
        header[20] = '#';
        CHECK_THROWS_WITH(qnn::parse_npy(header, "m"), Contains("malformed .npy header"));
        CHECK_THROWS_WITH(qnn::parse_npy(member, "m").to_int64(), Contains("expected an integer array"));
    }
}

TEST_CASE("qnn npz loads pyrtlnet's quantized.npz and mnist_test_data.npz")
{
    const qnn::QuantizedModel& model = qnn_test::small_model();
    qnn_test::TempDir dir;
    qnn_test::write_bytes(dir / "quantized.npz", quantized_npz(model, true, true).finish());
    const qnn::QuantizedModel loaded = qnn::load_model(dir / "quantized.npz");
    REQUIRE(loaded.layers.size() == model.layers.size());
    CHECK(loaded.input_scale == model.input_scale);
    CHECK(loaded.input_zero == model.input_zero);
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        CHECK(loaded.layers[i].name == "layer" + std::to_string(i));
        CHECK(loaded.layers[i].weight == model.layers[i].weight);
        CHECK(loaded.layers[i].bias == model.layers[i].bias);
        CHECK(loaded.layers[i].weight_scale == model.layers[i].weight_scale);
        CHECK(loaded.layers[i].output_scale == model.layers[i].output_scale);
        CHECK(loaded.layers[i].output_zero == model.layers[i].output_zero);
        CHECK(loaded.layers[i].relu == (i + 1 < model.layers.size()));
    }

    // mnist_test_data.npz: the first 50 test images, float32 (N, 12, 12), uint8 labels.
    const qnn::ImageSet test = qnn_test::test_set().slice(0, 50);
    qnn_test::ZipWriter zip;
    zip.add("test_images.npy", npy_bytes(npy("<f4", {50, 12, 12}, test.pixels)), true);
    zip.add("test_labels.npy", npy_bytes(npy("|u1", {50}, test.labels)), true);
    qnn_test::write_bytes(dir / "mnist_test_data.npz", zip.finish());
    const qnn::ImageSet images = qnn::load_image_set_npz(dir / "mnist_test_data.npz");
    CHECK(images.rows == 12);
    CHECK(images.cols == 12);
    CHECK(images.pixels == test.pixels);
    CHECK(images.labels == test.labels);

    // Same results through both loaders.
    const qnn::SoftwareInference a(model);
    const qnn::SoftwareInference b(loaded);
    std::vector<qnn::ImageView> batch;
    for (std::size_t k = 0; k < images.size(); ++k) batch.push_back(images.image(k));
    const auto ra = a.run_batch(batch);
    const auto rb = b.run_batch(batch);
    CHECK(ra.layer_outputs == rb.layer_outputs);
    CHECK(ra.predictions == rb.predictions);
}

TEST_CASE("qnn npz model errors name the file and key")
{
    qnn::QuantizedModel model = qnn_test::tiny_model();
    qnn_test::TempDir dir;
    SECTION("missing key")
    {
        qnn_test::ZipWriter zip;
        zip.add("input.scale.npy", npy_bytes(npy("<f4", {1}, std::vector<float>{0.5f})), false);
        qnn_test::write_bytes(dir / "q.npz", zip.finish());
        CHECK_THROWS_AS(qnn::load_model(dir / "q.npz"), qnn::ModelError);
        CHECK_THROWS_WITH(qnn::load_model(dir / "q.npz"), Contains("q.npz") && Contains("key 'input.zero': missing"));
    }
    SECTION("wrong dtype")
    {
        qnn_test::ZipWriter zip = quantized_npz(model, false, false);
        zip.add("layer2.weight.npy", npy_bytes(npy("<f4", {2, 2}, std::vector<float>{1, 2, 3, 4})), false);
        qnn_test::write_bytes(dir / "q.npz", zip.finish());
        CHECK_THROWS_WITH(qnn::load_model(dir / "q.npz"), Contains("key 'layer2.weight'") && Contains("expected int8"));
    }
    SECTION("invalid values")
    {
        model.layers[1].weight_zero = {4};
        qnn_test::write_bytes(dir / "q.npz", quantized_npz(model, true, false).finish());
        CHECK_THROWS_WITH(qnn::load_model(dir / "q.npz"), Contains("weight_zero[0]") && Contains("zero point 0"));
    }
    SECTION("a corrupt archive is a ModelError")
    {
        qnn_test::write_text(dir / "q.npz", "garbage");
        CHECK_THROWS_AS(qnn::load_model(dir / "q.npz"), qnn::ModelError);
    }
}

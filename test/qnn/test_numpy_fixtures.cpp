// .npz files written by NumPy itself (np.savez, np.savez_compressed; C, Fortran and transposed
// arrays), generated at test time by make_numpy_fixtures.py.

#include "qnn/error.hpp"
#include "qnn/mnist.hpp"
#include "qnn/model.hpp"
#include "qnn/npz.hpp"
#include "rtl/tools.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

namespace {

// Runs the fixture script into a fresh directory; false (with a warning) if no python3 with NumPy
// was found at configure time. In CI (CI=true) a missing NumPy is a failure: install-deps installs it.
bool make_fixtures(const qnn_test::TempDir& dir)
{
    const std::string python = RTLNET_NUMPY_PYTHON;
    if (python.empty()) {
        const char* ci = std::getenv("CI");
        if (ci != nullptr && std::string(ci) == "true")
            FAIL("no python3 with NumPy (scripts/install-deps installs it)");
        WARN("skipped: no python3 with NumPy was found when the build was configured (install python3-numpy)");
        return false;
    }
    const auto run =
        rtl::run_command("'" + python + "' '" + RTLNET_NUMPY_FIXTURES_SCRIPT + "' '" + dir.path().string() + "'");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    return true;
}

// The values the script stores: (arange(24) % 7 - 3) as the dtype (without the - 3 for uint8),
// shape (2, 3, 4), C order.
std::vector<double> expected_values(bool boolean, bool unsigned_type)
{
    std::vector<double> out;
    for (int i = 0; i < 24; ++i) {
        const int v = i % 7 - (unsigned_type ? 0 : 3);
        out.push_back(boolean ? (v != 0 ? 1.0 : 0.0) : v);
    }
    return out;
}

// The transpose (4, 6) of the values reshaped to (6, 4), in C order.
std::vector<double> transposed(const std::vector<double>& values)
{
    std::vector<double> out;
    for (int c = 0; c < 4; ++c) {
        for (int r = 0; r < 6; ++r) out.push_back(values[static_cast<std::size_t>(r * 4 + c)]);
    }
    return out;
}

}  // namespace

TEST_CASE("qnn npz reads NumPy's own savez and savez_compressed of every dtype and order")
{
    qnn_test::TempDir dir;
    if (!make_fixtures(dir)) return;
    for (const char* file : {"arrays.npz", "arrays_compressed.npz"}) {
        INFO(file);
        const auto arrays = qnn::read_npz(dir / file);
        CHECK(arrays.size() == 8 * 4 + 1);
        for (const char* dtype : {"float32", "float64", "int8", "uint8", "int16", "int32", "int64", "bool"}) {
            INFO(dtype);
            const std::vector<double> values =
                expected_values(std::string(dtype) == "bool", std::string(dtype) == "uint8");
            const qnn::NpyArray& c = arrays.at(std::string("c_") + dtype);
            const qnn::NpyArray& f = arrays.at(std::string("f_") + dtype);
            const qnn::NpyArray& t = arrays.at(std::string("t_") + dtype);
            CHECK(c.shape == std::vector<std::size_t>{2, 3, 4});
            CHECK(f.shape == std::vector<std::size_t>{2, 3, 4});
            CHECK(t.shape == std::vector<std::size_t>{4, 6});
            CHECK(c.to_double() == values);
            CHECK(f.to_double() == values);
            CHECK(t.to_double() == transposed(values));
            CHECK(arrays.at(std::string("v_") + dtype).to_double() == values);
            CHECK(f.dtype == c.dtype);
        }
        CHECK(arrays.at("scalar").to_int64() == std::vector<std::int64_t>{42});
    }
}

TEST_CASE("qnn a quantized.npz and mnist_test_data.npz written by NumPy load")
{
    qnn_test::TempDir dir;
    if (!make_fixtures(dir)) return;
    const qnn::QuantizedModel model = qnn::load_model(dir / "quantized.npz");
    const qnn::QuantizedModel expected = qnn_test::tiny_model();
    REQUIRE(model.layers.size() == 2);
    CHECK(model.input_scale == expected.input_scale);
    CHECK(model.input_zero == expected.input_zero);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(model.layers[i].weight == expected.layers[i].weight);
        CHECK(model.layers[i].bias == expected.layers[i].bias);
        CHECK(model.layers[i].weight_scale == expected.layers[i].weight_scale);
        CHECK(model.layers[i].output_scale == expected.layers[i].output_scale);
        CHECK(model.layers[i].output_zero == expected.layers[i].output_zero);
        CHECK(model.layers[i].relu == expected.layers[i].relu);
    }

    const qnn::ImageSet images = qnn::load_image_set_npz(dir / "mnist_test_data.npz");
    CHECK(images.size() == 3);
    CHECK(images.rows == 12);
    CHECK(images.cols == 12);
    CHECK(images.labels == std::vector<std::uint8_t>{7, 2, 1});
    REQUIRE(images.pixels.size() == 3 * 144);
    for (std::size_t i = 0; i < images.pixels.size(); ++i) {
        CHECK(images.pixels[i] == static_cast<float>(i) / 432.0f);
    }
}

#include "support.hpp"

#include "qnn/training.hpp"

#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace qnn_test {

std::filesystem::path mnist_dir()
{
    return RTLNET_TEST_MNIST_DIR;
}

const qnn::ImageSet& test_set()
{
    static const qnn::ImageSet set = qnn::load_mnist(mnist_dir(), qnn::Split::test);
    return set;
}

const qnn::ImageSet& train_set()
{
    static const qnn::ImageSet set = qnn::load_mnist(mnist_dir(), qnn::Split::train);
    return set;
}

const qnn::QuantizedModel& small_model()
{
    static const qnn::QuantizedModel model = [] {
        qnn::TrainingOptions options;
        options.epochs = 2;
        options.qat_epochs = 1;
        return qnn::train_model(train_set(), nullptr, options).model;
    }();
    return model;
}

qnn::QuantizedModel tiny_model()
{
    qnn::QuantizedModel model;
    model.input_scale = 1.0f / 255.0f;
    model.input_zero = -128;
    qnn::DenseLayer l0;
    l0.name = "layer0";
    l0.rows = 2;
    l0.cols = 3;
    l0.weight = {1, -2, 3, -128, 127, 0};
    l0.bias = {100, -200};
    l0.weight_scale = {0.0123456789f, 0.01f};
    l0.weight_zero = {0, 0};
    l0.output_scale = 0.05f;
    l0.output_zero = -128;
    l0.relu = true;
    qnn::DenseLayer l1;
    l1.name = "layer1";
    l1.rows = 2;
    l1.cols = 2;
    l1.weight = {5, -7, 9, 11};
    l1.bias = {-3, 4};
    l1.weight_scale = {0.02f};
    l1.weight_zero = {0};
    l1.output_scale = 0.1f;
    l1.output_zero = 3;
    l1.relu = false;
    model.layers = {l0, l1};
    return model;
}

TempDir::TempDir()
{
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
        ("rtlnet_qnn_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir()
{
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

void write_bytes(const std::filesystem::path& path, std::span<const std::uint8_t> bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

void write_text(const std::filesystem::path& path, const std::string& text)
{
    write_bytes(path, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

void write_gzip(const std::filesystem::path& path, std::span<const std::uint8_t> bytes)
{
    gzFile file = gzopen(path.c_str(), "wb");
    if (file == nullptr) throw std::runtime_error("cannot write " + path.string());
    if (!bytes.empty()) gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(file);
}

namespace {
long peak_rss_kib()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}
}  // namespace

PeakMemory::PeakMemory() : start_kib_(peak_rss_kib()) {}

long PeakMemory::growth_mib() const
{
    return (peak_rss_kib() - start_kib_) / 1024;
}

}  // namespace qnn_test

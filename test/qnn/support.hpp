#pragma once
// Shared helpers of the qnn tests: data locations, cached data sets and trained models,
// temporary directories and small file writers.

#include "qnn/mnist.hpp"
#include "qnn/model.hpp"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace qnn_test {

/// The MNIST directory the build was configured with (RTLNET_TEST_MNIST_DIR).
std::filesystem::path mnist_dir();

/// The canonical MNIST test set (10000 images, 12x12), loaded once per test process.
const qnn::ImageSet& test_set();

/// The MNIST training set (60000 images, 12x12), loaded once per test process.
const qnn::ImageSet& train_set();

/// A small model trained quickly (2 float epochs + 1 QAT epoch), once per test process.
const qnn::QuantizedModel& small_model();

/// A hand-made valid 2-layer model (3 -> 2 -> 2) with distinctive values.
qnn::QuantizedModel tiny_model();

/// A fresh empty directory, removed with its contents on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

void write_bytes(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);
void write_text(const std::filesystem::path& path, const std::string& text);
/// Writes `bytes` gzip-compressed.
void write_gzip(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);

/// The growth of this process's peak resident memory since construction (getrusage's ru_maxrss):
/// a test that must not allocate much checks growth_mib() afterwards.
class PeakMemory {
public:
    PeakMemory();
    /// MiB by which the peak resident set grew since construction.
    [[nodiscard]] long growth_mib() const;

private:
    long start_kib_ = 0;
};

}  // namespace qnn_test

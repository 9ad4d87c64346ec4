// MNIST loading: finding the files, checking them against each other, resizing.

#include "qnn/mnist.hpp"

#include "qnn/error.hpp"

#include <fmt/format.h>
#include <fmt/std.h>

#include <cstdlib>
#include <system_error>

namespace qnn {

namespace fs = std::filesystem;

ImageSet ImageSet::slice(std::size_t start, std::size_t count) const
{
    ImageSet out;
    out.rows = rows;
    out.cols = cols;
    const std::size_t begin = std::min(start, size());
    const std::size_t end = begin + std::min(count, size() - begin);
    out.labels.assign(labels.begin() + static_cast<std::ptrdiff_t>(begin),
                      labels.begin() + static_cast<std::ptrdiff_t>(end));
    out.pixels.assign(pixels.begin() + static_cast<std::ptrdiff_t>(begin * image_size()),
                      pixels.begin() + static_cast<std::ptrdiff_t>(end * image_size()));
    return out;
}

MnistFileNames mnist_file_names(Split split)
{
    const char* prefix = split == Split::train ? "train" : "t10k";
    return {fmt::format("{}-images-idx3-ubyte.gz", prefix), fmt::format("{}-labels-idx1-ubyte.gz", prefix)};
}

std::optional<fs::path> find_data_file(const fs::path& dir, const std::string& name)
{
    std::error_code ec;
    fs::path path = dir / name;
    if (fs::is_regular_file(path, ec)) return path;
    if (path.extension() == ".gz") {
        path.replace_extension();
        if (fs::is_regular_file(path, ec)) return path;
    }
    return std::nullopt;
}

std::vector<DataDirCandidate> mnist_dir_candidates(const std::optional<fs::path>& data_dir)
{
    if (data_dir) return {{*data_dir, "--data_dir"}};
    if (const char* env = std::getenv("RTLNET_MNIST_DIR"); env != nullptr && *env != '\0') {
        return {{fs::path(env), "$RTLNET_MNIST_DIR"}};
    }
    // ../shared/data/mnist from the current directory, then from each of its parents (so a program run
    // from a build directory inside the checkout finds the data beside the checkout). No path is baked
    // into the library.
    std::vector<DataDirCandidate> candidates{
        {fs::path("..") / "shared" / "data" / "mnist", "default, relative to the current directory"}};
    std::error_code error;
    fs::path dir = fs::current_path(error);
    for (int level = 0; !error && level < 8 && dir.has_relative_path(); ++level) {
        dir = dir.parent_path();
        candidates.push_back({dir.parent_path() / "shared" / "data" / "mnist",
                              "default, relative to a parent of the current directory"});
    }
    return candidates;
}

fs::path find_mnist_dir(const std::optional<fs::path>& data_dir, Split split)
{
    const MnistFileNames names = mnist_file_names(split);
    std::string looked;
    for (const DataDirCandidate& candidate : mnist_dir_candidates(data_dir)) {
        std::error_code ec;
        const fs::path absolute = fs::absolute(candidate.dir, ec);
        std::string missing;
        if (!fs::is_directory(candidate.dir, ec)) {
            missing = "directory does not exist";
        } else {
            for (const std::string& name : {names.images, names.labels}) {
                if (!find_data_file(candidate.dir, name)) {
                    missing += fmt::format("{}{} missing", missing.empty() ? "" : ", ", name);
                }
            }
            if (missing.empty()) return candidate.dir;
        }
        looked += fmt::format("  {} ({}): {}\n", ec ? candidate.dir : absolute, candidate.origin, missing);
    }
    throw DataError(fmt::format(
        "MNIST data not found. Looked for {} and {} in:\n{}"
        "Put the MNIST files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
        "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz; gzip-compressed or not) in one directory and pass "
        "it with --data_dir DIR or the environment variable RTLNET_MNIST_DIR=DIR, or put them in "
        "../shared/data/mnist relative to the current directory.",
        names.images, names.labels, looked));
}

ImageSet load_mnist(const fs::path& dir, Split split, int size, std::optional<std::size_t> max_images)
{
    const MnistFileNames names = mnist_file_names(split);
    const auto images_path = find_data_file(dir, names.images);
    const auto labels_path = find_data_file(dir, names.labels);
    if (!images_path || !labels_path) {
        throw DataError(fmt::format("MNIST file {} not found in {}", images_path ? names.labels : names.images, dir));
    }
    const IdxImages raw = read_idx_images(*images_path);
    std::vector<std::uint8_t> labels = read_idx_labels(*labels_path);
    if (raw.rows != 28 || raw.cols != 28) {
        throw DataError(
            fmt::format("{}: images are {}x{}, expected 28x28 MNIST images", *images_path, raw.rows, raw.cols));
    }
    if (labels.size() != raw.count) {
        throw DataError(fmt::format("{} holds {} images but {} holds {} labels: the counts must match", *images_path,
                                    raw.count, *labels_path, labels.size()));
    }
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] > 9) {
            throw DataError(fmt::format("{}: label {} of image {} is not a digit 0-9", *labels_path, labels[i], i));
        }
    }
    if (size <= 0) throw DataError(fmt::format("load_mnist: invalid output size {}", size));
    const std::size_t count = max_images ? std::min(*max_images, raw.count) : raw.count;
    labels.resize(count);

    ImageSet set;
    set.rows = size;
    set.cols = size;
    set.labels = std::move(labels);
    set.pixels.reserve(count * set.image_size());
    const std::size_t in_size = static_cast<std::size_t>(raw.rows) * static_cast<std::size_t>(raw.cols);
    std::vector<float> unit(in_size);
    for (std::size_t i = 0; i < count; ++i) {
        for (std::size_t p = 0; p < in_size; ++p) unit[p] = pixel_to_unit(raw.pixels[i * in_size + p]);
        const std::vector<float> small = resize_bilinear(unit, raw.rows, raw.cols, size, size);
        set.pixels.insert(set.pixels.end(), small.begin(), small.end());
    }
    return set;
}

}  // namespace qnn

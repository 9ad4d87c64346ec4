#pragma once
/// \file mnist.hpp
/// MNIST data: reading the IDX files (gzip-compressed or not), finding the data directory,
/// and the 28x28 -> 12x12 bilinear resize that pyrtlnet's network is trained on.
///
/// Typical use:
/// \code
///   auto dir = qnn::find_mnist_dir(std::nullopt, qnn::Split::test);   // throws DataError if absent
///   qnn::ImageSet test = qnn::load_mnist(dir, qnn::Split::test);       // 10000 float32 12x12 images
///   std::span<const float> first = test.image(0);                       // row-major, r*12+c
/// \endcode

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace qnn {

/// A set of equally sized greyscale images with one label each.
/// Pixels are float32, row-major per image, images stored one after another.
struct ImageSet {
    int rows = 0;  ///< Image height.
    int cols = 0;  ///< Image width.
    std::vector<float> pixels{};  ///< size() * rows * cols values.
    std::vector<std::uint8_t> labels{};  ///< One label (digit 0-9 for MNIST) per image.

    /// Number of images.
    /// \return the count.
    [[nodiscard]] std::size_t size() const { return labels.size(); }
    /// Pixels per image (rows * cols).
    /// \return the count.
    [[nodiscard]] std::size_t image_size() const
    {
        return static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
    }
    /// View of image `i` (row-major). Precondition: i < size().
    /// \param i the image's index.
    /// \return its pixels.
    [[nodiscard]] std::span<const float> image(std::size_t i) const
    {
        return std::span<const float>(pixels).subspan(i * image_size(), image_size());
    }
    /// Copy of images [start, start + count), clipped to the end of the set.
    /// \param start the first image.
    /// \param count the number of images.
    /// \return the smaller set.
    [[nodiscard]] ImageSet slice(std::size_t start, std::size_t count) const;
};

/// Largest payload of an IDX file, in bytes (1 GiB; MNIST's training images are 47 MB). A header
/// announcing more is an error before anything is read.
inline constexpr std::uint64_t kMaxIdxBytes = std::uint64_t{1} << 30;

/// Largest image side (rows or columns) of the IDX and `.npz` image readers.
inline constexpr std::uint32_t kMaxImageSide = 65536;

/// The raw contents of an IDX image file (magic 0x00000803).
struct IdxImages {
    std::size_t count = 0;  ///< number of images
    int rows = 0;  ///< image height
    int cols = 0;  ///< image width
    std::vector<std::uint8_t> pixels{};  ///< count * rows * cols bytes, row-major.
};

/// Reads an IDX image file (`*-images-idx3-ubyte`, gzip-compressed or plain) as a stream: the
/// header, then exactly the bytes it announces.
/// \throws DataError naming the file on I/O errors, a bad magic number, an implausible image size
///         (a side of 0 or above kMaxImageSide), a payload beyond kMaxIdxBytes, a truncated file or
///         trailing bytes.
/// \param path the file.
/// \return the header and pixels.
IdxImages read_idx_images(const std::filesystem::path& path);

/// Reads an IDX label file (`*-labels-idx1-ubyte`, magic 0x00000801, gzip-compressed or plain).
/// \param path the file.
/// \return one label per image.
/// \throws DataError as read_idx_images.
std::vector<std::uint8_t> read_idx_labels(const std::filesystem::path& path);

/// Which half of MNIST.
enum class Split { train, test };

/// The two files of a split, e.g. {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}.
struct MnistFileNames {
    std::string images{};  ///< the image file's name
    std::string labels{};  ///< the label file's name
};
/// File names (with the .gz suffix) of a split.
/// \param split train or test.
/// \return the two names.
MnistFileNames mnist_file_names(Split split);

/// Resolves a possibly compressed data file: `dir/name` if it exists, else `dir/name` without its
/// ".gz" suffix if that exists; std::nullopt otherwise.
/// \param dir the directory.
/// \param name the file name (normally ending in .gz).
/// \return the existing path, if any.
std::optional<std::filesystem::path> find_data_file(const std::filesystem::path& dir, const std::string& name);

/// One place where find_mnist_dir looks, and why.
struct DataDirCandidate {
    std::filesystem::path dir{};  ///< the directory
    std::string origin{};  ///< e.g. "--data_dir", "$RTLNET_MNIST_DIR", "default (relative to the current directory)".
};

/// The directories find_mnist_dir considers, in order. If `data_dir` is given it is the only
/// candidate; otherwise `$RTLNET_MNIST_DIR` if set is the only candidate; otherwise
/// `../shared/data/mnist` relative to the current directory, then relative to each of its parents
/// (up to 8 levels; so a program run inside a build tree finds the data beside the checkout).
/// \param data_dir the `--data_dir` flag, if given.
/// \return the candidates, in order.
std::vector<DataDirCandidate> mnist_dir_candidates(const std::optional<std::filesystem::path>& data_dir);

/// Returns the first candidate directory holding both files of `split`.
/// \param data_dir the `--data_dir` flag, if given.
/// \param split train or test.
/// \return the directory.
/// \throws DataError listing every directory looked at, which files were missing, and where to
///         put the files.
std::filesystem::path find_mnist_dir(const std::optional<std::filesystem::path>& data_dir, Split split);

/// Resizes one single-channel image exactly as TensorFlow 2's `tf.image.resize` (bilinear,
/// half-pixel centres, no antialias) in float32 arithmetic.
/// \param image  in_rows * in_cols row-major pixels.
/// \param in_rows the input's height.
/// \param in_cols the input's width.
/// \param out_rows the output's height.
/// \param out_cols the output's width.
/// \returns      out_rows * out_cols row-major pixels.
std::vector<float> resize_bilinear(std::span<const float> image, int in_rows, int in_cols, int out_rows, int out_cols);

/// Converts 8-bit pixels to float32 in [0, 1] as pyrtlnet does: `float(p / 255.0)` (the
/// division in double, then rounded to float32).
/// \param p the 8-bit pixel.
/// \return p / 255 as float32.
float pixel_to_unit(std::uint8_t p);

/// Side length of the images the network uses (12x12).
inline constexpr int kMnistResizedSize = 12;

/// Loads one split from `dir`, scales pixels to [0,1], resizes them from 28x28 to
/// `size` x `size`, and keeps at most `max_images` images (all when std::nullopt).
/// \code
///   qnn::ImageSet test = qnn::load_mnist(qnn::find_mnist_dir(std::nullopt, qnn::Split::test), qnn::Split::test);
/// \endcode
/// \param dir the directory holding the split's files.
/// \param split train or test.
/// \param size the side of the resized images.
/// \param max_images keep at most this many images.
/// \return the images and labels.
/// \throws DataError if a file is missing or malformed, the images are not 28x28, a label is not
///         a digit, the image and label counts differ, or `size` is not positive.
ImageSet load_mnist(const std::filesystem::path& dir, Split split, int size = kMnistResizedSize,
                    std::optional<std::size_t> max_images = std::nullopt);

/// Reads pyrtlnet's `mnist_test_data.npz`: `test_images` float32 (N, rows, cols) and
/// `test_labels` uint8 (N,) (any integer dtype with values 0-255 is accepted). N must be at least 1
/// and rows and cols 1 to kMaxImageSide.
/// \throws DataError naming the file and key on a missing key, wrong dtype, impossible shape or
///         shape mismatch, and as read_npz.
/// \param path the `.npz` file.
/// \return the images and labels.
ImageSet load_image_set_npz(const std::filesystem::path& path);

/// load_image_set_npz on the bytes of an `.npz` archive.
/// \param bytes the archive.
/// \param source names it in messages.
/// \return the images and labels.
/// \throws DataError as load_image_set_npz.
ImageSet parse_image_set_npz(std::span<const std::uint8_t> bytes, const std::string& source);

}  // namespace qnn

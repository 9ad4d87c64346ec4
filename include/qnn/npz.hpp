#pragma once
/// \file npz.hpp
/// Reading NumPy `.npy` arrays and `.npz` archives (zip files of `.npy` members, stored or
/// deflate-compressed as written by `np.savez` / `np.savez_compressed`), so rtlnet can use
/// pyrtlnet's `quantized.npz` and `mnist_test_data.npz`.
///
/// Supported: dtypes `<f4 <f8 |i1 |u1 <i2 <i4 <i8 |b1` (little-endian), C or Fortran order (Fortran
/// arrays are transposed into C order on load), any shape; zip members stored (method 0) or deflated
/// (method 8), with or without ZIP64 extra fields. The limits the readers enforce are in docs/limits.md.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace qnn {

/// Largest data section of one `.npy` array, in bytes (1 TiB; in practice the file or the .npz
/// total limit is smaller). Shapes whose size exceeds it, or overflows, are errors.
inline constexpr std::uint64_t kMaxNpyBytes = std::uint64_t{1} << 40;

/// Limits of the `.npz` reader. Whatever they are, no member is allocated beyond what its
/// compressed data can really produce (stored: its size; deflate: 1032 times it).
struct NpzLimits {
    /// Largest sum of the members' uncompressed sizes (1 GiB by default); beyond it the archive is
    /// an error before anything is inflated.
    std::uint64_t max_total_bytes = std::uint64_t{1} << 30;
};

/// Element type of a `.npy` array.
enum class DType { float32, float64, int8, uint8, int16, int32, int64, boolean };

/// One array read from a `.npy` file: shape, dtype and the raw little-endian element bytes.
struct NpyArray {
    DType dtype = DType::float32;  ///< the element type
    std::vector<std::size_t> shape{};  ///< Empty for a 0-d (scalar) array.
    std::vector<std::uint8_t> data{};  ///< size() * item_size() bytes, C order.

    /// Number of elements (the product of the shape).
    /// \return the count.
    [[nodiscard]] std::size_t size() const;
    /// Bytes per element.
    /// \return 1, 2, 4 or 8.
    [[nodiscard]] std::size_t item_size() const;
    /// NumPy's name of the dtype, e.g. "<f4".
    /// \return the name.
    [[nodiscard]] std::string dtype_name() const;
    /// The shape as Python prints it, e.g. "(18, 144)" or "(10,)".
    /// \return the text.
    [[nodiscard]] std::string shape_string() const;
    /// Elements as double (exact for every dtype except int64 values beyond 2^53).
    /// \return the elements, C order.
    [[nodiscard]] std::vector<double> to_double() const;
    /// Elements as int64.
    /// \return the elements, C order.
    /// \throws DataError if the dtype is a floating-point type.
    [[nodiscard]] std::vector<std::int64_t> to_int64() const;
    /// Elements as float.
    /// \return the elements, C order.
    /// \throws DataError unless the dtype is float32 (no silent rounding).
    [[nodiscard]] std::vector<float> to_float32() const;
};

/// Parses the bytes of a `.npy` file.
/// \param bytes the file's contents.
/// \param what names the source in error messages.
/// \return the array.
/// \throws DataError on a bad magic string, an unsupported version or dtype, a malformed header,
///         a shape too large (kMaxNpyBytes) or a data size that does not match the shape.
NpyArray parse_npy(std::span<const std::uint8_t> bytes, const std::string& what);

/// Reads a `.npy` file.
/// \param path the file.
/// \return the array.
/// \throws DataError naming the file.
NpyArray read_npy(const std::filesystem::path& path);

/// Reads every `.npy` member of an `.npz` archive, keyed by member name without ".npy".
/// \param path the archive.
/// \param limits the size limits.
/// \return member name → array.
/// \throws DataError naming the file and member on a malformed zip, an unsupported
///         compression method, a CRC mismatch, a malformed member, members that overlap or repeat a
///         name, a member larger than its compressed data can hold, or a total beyond `limits`.
std::map<std::string, NpyArray> read_npz(const std::filesystem::path& path, const NpzLimits& limits = {});

/// Parses an in-memory `.npz` archive.
/// \param bytes the archive's contents.
/// \param what names the source in error messages.
/// \param limits the size limits.
/// \return member name → array.
/// \throws DataError as read_npz.
std::map<std::string, NpyArray> parse_npz(std::span<const std::uint8_t> bytes, const std::string& what,
                                          const NpzLimits& limits = {});

}  // namespace qnn

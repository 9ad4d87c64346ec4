#pragma once
/// \file npz.hpp
/// Reading NumPy `.npy` arrays and `.npz` archives (zip files of `.npy` members, stored or
/// deflate-compressed as written by `np.savez` / `np.savez_compressed`), so rtlnet can use
/// pyrtlnet's `quantized.npz` and `mnist_test_data.npz`.
///
/// Supported: dtypes `<f4 <f8 |i1 |u1 <i2 <i4 <i8 |b1` (little-endian), C order, any shape;
/// zip members stored (method 0) or deflated (method 8), with or without ZIP64 extra fields.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace qnn {

/// Element type of a `.npy` array.
enum class DType { float32, float64, int8, uint8, int16, int32, int64, boolean };

/// One array read from a `.npy` file: shape, dtype and the raw little-endian element bytes.
struct NpyArray {
    DType dtype = DType::float32;
    std::vector<std::size_t> shape;     ///< Empty for a 0-d (scalar) array.
    std::vector<std::uint8_t> data;     ///< size() * item_size() bytes, C order.

    /// Number of elements (the product of the shape).
    [[nodiscard]] std::size_t size() const;
    /// Bytes per element.
    [[nodiscard]] std::size_t item_size() const;
    /// NumPy's name of the dtype, e.g. "<f4".
    [[nodiscard]] std::string dtype_name() const;
    /// The shape as Python prints it, e.g. "(18, 144)" or "(10,)".
    [[nodiscard]] std::string shape_string() const;
    /// Elements as double (exact for every dtype except int64 values beyond 2^53).
    [[nodiscard]] std::vector<double> to_double() const;
    /// Elements as int64. \throws DataError if the dtype is a floating-point type.
    [[nodiscard]] std::vector<std::int64_t> to_int64() const;
    /// Elements as float. \throws DataError unless the dtype is float32 (no silent rounding).
    [[nodiscard]] std::vector<float> to_float32() const;
};

/// Parses the bytes of a `.npy` file. `what` names the source in error messages.
/// \throws DataError on a bad magic string, an unsupported version/dtype/Fortran order, a
///         malformed header or a data size that does not match the shape.
NpyArray parse_npy(std::span<const std::uint8_t> bytes, const std::string& what);

/// Reads a `.npy` file. \throws DataError naming the file.
NpyArray read_npy(const std::filesystem::path& path);

/// Reads every `.npy` member of an `.npz` archive, keyed by member name without ".npy".
/// \throws DataError naming the file and member on a malformed zip, an unsupported
///         compression method, a CRC mismatch or a malformed member.
std::map<std::string, NpyArray> read_npz(const std::filesystem::path& path);

/// Parses an in-memory `.npz` archive. `what` names the source in error messages.
std::map<std::string, NpyArray> parse_npz(std::span<const std::uint8_t> bytes, const std::string& what);

}  // namespace qnn

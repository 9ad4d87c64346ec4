// pyrtlnet's mnist_test_data.npz -> ImageSet.

#include <fmt/format.h>
#include <fmt/std.h>

#include "qnn/error.hpp"
#include "qnn/mnist.hpp"
#include "qnn/npz.hpp"

namespace qnn {

ImageSet load_image_set_npz(const std::filesystem::path& path) {
    const auto arrays = read_npz(path);
    const auto get = [&](const char* key) -> const NpyArray& {
        const auto it = arrays.find(key);
        if (it == arrays.end()) throw DataError(fmt::format("{}: key '{}' missing", path, key));
        return it->second;
    };
    const NpyArray& images = get("test_images");
    const NpyArray& labels = get("test_labels");
    if (images.dtype != DType::float32 || images.shape.size() != 3) {
        throw DataError(fmt::format("{}: key 'test_images' is {} of shape {}, expected float32 (N, rows, cols)", path,
                                    images.dtype_name(), images.shape_string()));
    }
    if (labels.shape.size() != 1 || labels.shape[0] != images.shape[0] || labels.dtype == DType::float32 ||
        labels.dtype == DType::float64) {
        throw DataError(fmt::format("{}: key 'test_labels' is {} of shape {}, expected uint8 ({},)", path,
                                    labels.dtype_name(), labels.shape_string(), images.shape[0]));
    }
    ImageSet set;
    set.rows = static_cast<int>(images.shape[1]);
    set.cols = static_cast<int>(images.shape[2]);
    set.pixels = images.to_float32();
    for (std::int64_t label : labels.to_int64()) {
        if (label < 0 || label > 255) throw DataError(fmt::format("{}: test label {} is out of range", path, label));
        set.labels.push_back(static_cast<std::uint8_t>(label));
    }
    return set;
}

}  // namespace qnn

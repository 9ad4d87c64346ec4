// pyrtlnet's mnist_test_data.npz -> ImageSet.

#include "qnn/error.hpp"
#include "qnn/mnist.hpp"
#include "qnn/npz.hpp"

#include <fmt/format.h>
#include <fmt/std.h>

namespace qnn {
namespace {

ImageSet image_set(const std::map<std::string, NpyArray>& arrays, const std::string& source)
{
    const auto get = [&](const char* key) -> const NpyArray& {
        const auto it = arrays.find(key);
        if (it == arrays.end()) throw DataError(fmt::format("{}: key '{}' missing", source, key));
        return it->second;
    };
    const NpyArray& images = get("test_images");
    const NpyArray& labels = get("test_labels");
    if (images.dtype != DType::float32 || images.shape.size() != 3) {
        throw DataError(fmt::format("{}: key 'test_images' is {} of shape {}, expected float32 (N, rows, cols)", source,
                                    images.dtype_name(), images.shape_string()));
    }
    const auto side_ok = [](std::size_t side) { return side >= 1 && side <= kMaxImageSide; };
    if (images.shape[0] == 0 || !side_ok(images.shape[1]) || !side_ok(images.shape[2])) {
        throw DataError(fmt::format("{}: key 'test_images' has shape {}: expected at least one image, of 1 to {} rows "
                                    "and columns",
                                    source, images.shape_string(), kMaxImageSide));
    }
    if (labels.shape.size() != 1 || labels.shape[0] != images.shape[0] || labels.dtype == DType::float32 ||
        labels.dtype == DType::float64) {
        throw DataError(fmt::format("{}: key 'test_labels' is {} of shape {}, expected uint8 ({},)", source,
                                    labels.dtype_name(), labels.shape_string(), images.shape[0]));
    }
    ImageSet set;
    set.rows = static_cast<int>(images.shape[1]);
    set.cols = static_cast<int>(images.shape[2]);
    set.pixels = images.to_float32();
    for (std::int64_t label : labels.to_int64()) {
        if (label < 0 || label > 255) {
            throw DataError(fmt::format("{}: key 'test_labels': label {} is out of range", source, label));
        }
        set.labels.push_back(static_cast<std::uint8_t>(label));
    }
    return set;
}

}  // namespace

ImageSet parse_image_set_npz(std::span<const std::uint8_t> bytes, const std::string& source)
{
    return image_set(parse_npz(bytes, source), source);
}

ImageSet load_image_set_npz(const std::filesystem::path& path)
{
    return image_set(read_npz(path), fmt::format("{}", path));
}

}  // namespace qnn

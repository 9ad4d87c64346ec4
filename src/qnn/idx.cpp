// IDX file parsing (the MNIST distribution format): a big-endian header then raw bytes.

#include <fmt/format.h>
#include <fmt/std.h>

#include "file_io.hpp"
#include "qnn/error.hpp"
#include "qnn/mnist.hpp"

namespace qnn {
namespace {

constexpr std::uint32_t kImageMagic = 0x00000803;   // unsigned byte, 3 dimensions
constexpr std::uint32_t kLabelMagic = 0x00000801;   // unsigned byte, 1 dimension

std::uint32_t big_endian_u32(const std::vector<std::uint8_t>& data, std::size_t offset) {
    return (std::uint32_t{data[offset]} << 24) | (std::uint32_t{data[offset + 1]} << 16) |
           (std::uint32_t{data[offset + 2]} << 8) | std::uint32_t{data[offset + 3]};
}

// Checks the header size and magic, returns the dimensions that follow the magic.
std::vector<std::uint32_t> parse_header(const std::filesystem::path& path, const std::vector<std::uint8_t>& data,
                                        std::uint32_t magic, std::size_t dims, const char* kind) {
    const std::size_t header_size = 4 * (1 + dims);
    if (data.size() < 4) {
        throw DataError(fmt::format("{}: not an IDX {} file: only {} bytes, too short for the 4-byte magic number",
                                    path, kind, data.size()));
    }
    const std::uint32_t found = big_endian_u32(data, 0);
    if (found != magic) {
        throw DataError(fmt::format("{}: not an IDX {} file: bad magic number 0x{:08x} (expected 0x{:08x})", path,
                                    kind, found, magic));
    }
    if (data.size() < header_size) {
        throw DataError(fmt::format("{}: truncated IDX {} file: {} bytes, the header alone needs {}", path, kind,
                                    data.size(), header_size));
    }
    std::vector<std::uint32_t> result;
    for (std::size_t d = 0; d < dims; ++d) result.push_back(big_endian_u32(data, 4 * (d + 1)));
    return result;
}

void check_payload(const std::filesystem::path& path, std::size_t have, std::uint64_t need, const std::string& what) {
    if (have < need) {
        throw DataError(fmt::format("{}: truncated file: the header announces {} ({} bytes) but only {} bytes follow",
                                    path, what, need, have));
    }
    if (have > need) {
        throw DataError(fmt::format("{}: malformed file: the header announces {} ({} bytes) but {} bytes follow",
                                    path, what, need, have));
    }
}

}  // namespace

IdxImages read_idx_images(const std::filesystem::path& path) {
    std::vector<std::uint8_t> data = detail::read_maybe_gzip(path);
    const auto dims = parse_header(path, data, kImageMagic, 3, "image");
    IdxImages images;
    images.count = dims[0];
    if (dims[1] == 0 || dims[2] == 0 || dims[1] > 65536 || dims[2] > 65536) {
        throw DataError(fmt::format("{}: malformed IDX image file: image size {}x{} is not plausible", path, dims[1],
                                    dims[2]));
    }
    images.rows = static_cast<int>(dims[1]);
    images.cols = static_cast<int>(dims[2]);
    const std::uint64_t need = std::uint64_t{dims[0]} * dims[1] * dims[2];
    check_payload(path, data.size() - 16, need, fmt::format("{} images of {}x{}", dims[0], dims[1], dims[2]));
    images.pixels.assign(data.begin() + 16, data.end());
    return images;
}

std::vector<std::uint8_t> read_idx_labels(const std::filesystem::path& path) {
    std::vector<std::uint8_t> data = detail::read_maybe_gzip(path);
    const auto dims = parse_header(path, data, kLabelMagic, 1, "label");
    check_payload(path, data.size() - 8, dims[0], fmt::format("{} labels", dims[0]));
    return {data.begin() + 8, data.end()};
}

}  // namespace qnn

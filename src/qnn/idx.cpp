// IDX file parsing (the MNIST distribution format): a big-endian header then raw bytes, read as a
// stream so that nothing beyond what the header announces (and the limit allows) is inflated.

#include "file_io.hpp"
#include "memory_guard.hpp"
#include "qnn/error.hpp"
#include "qnn/mnist.hpp"

#include <fmt/format.h>
#include <fmt/std.h>

namespace qnn {
namespace {

constexpr std::uint32_t kImageMagic = 0x00000803;  // unsigned byte, 3 dimensions
constexpr std::uint32_t kLabelMagic = 0x00000801;  // unsigned byte, 1 dimension

std::uint32_t big_endian_u32(const std::vector<std::uint8_t>& data, std::size_t offset)
{
    return (std::uint32_t{data[offset]} << 24) | (std::uint32_t{data[offset + 1]} << 16) |
        (std::uint32_t{data[offset + 2]} << 8) | std::uint32_t{data[offset + 3]};
}

// Reads and checks the header (magic, then `dims` sizes); returns the sizes.
std::vector<std::uint32_t> read_header(detail::GzipReader& in, const std::filesystem::path& path, std::uint32_t magic,
                                       std::size_t dims, const char* kind)
{
    std::vector<std::uint8_t> header;
    in.read(header, 4);
    if (header.size() < 4) {
        throw DataError(fmt::format("{}: not an IDX {} file: only {} bytes, too short for the 4-byte magic number",
                                    path, kind, header.size()));
    }
    const std::uint32_t found = big_endian_u32(header, 0);
    if (found != magic) {
        throw DataError(fmt::format("{}: not an IDX {} file: bad magic number 0x{:08x} (expected 0x{:08x})", path, kind,
                                    found, magic));
    }
    const std::size_t header_size = 4 * (1 + dims);
    in.read(header, header_size - 4);
    if (header.size() < header_size) {
        throw DataError(fmt::format("{}: truncated IDX {} file: {} bytes, the header alone needs {}", path, kind,
                                    header.size(), header_size));
    }
    std::vector<std::uint32_t> result;
    for (std::size_t d = 0; d < dims; ++d) result.push_back(big_endian_u32(header, 4 * (d + 1)));
    return result;
}

// Reads exactly the `need` payload bytes the header announced, then checks that nothing follows.
std::vector<std::uint8_t> read_payload(detail::GzipReader& in, const std::filesystem::path& path, std::uint64_t need,
                                       const std::string& what)
{
    if (need > kMaxIdxBytes) {
        throw DataError(fmt::format("{}: the header announces {} ({} bytes), beyond the limit of {} bytes", path, what,
                                    need, kMaxIdxBytes));
    }
    std::vector<std::uint8_t> data;
    in.read(data, need);
    if (data.size() < need) {
        throw DataError(fmt::format("{}: truncated file: the header announces {} ({} bytes) but only {} bytes follow",
                                    path, what, need, data.size()));
    }
    // Trailing data is counted up to 1 MiB, never inflated further.
    constexpr std::uint64_t kCounted = std::uint64_t{1} << 20;
    std::vector<std::uint8_t> trailing;
    const std::uint64_t extra = in.read(trailing, kCounted + 1);
    if (extra > kCounted) {
        throw DataError(fmt::format("{}: malformed file: the header announces {} ({} bytes) but more than {} bytes "
                                    "follow",
                                    path, what, need, need + kCounted));
    }
    if (extra > 0) {
        throw DataError(fmt::format("{}: malformed file: the header announces {} ({} bytes) but {} bytes follow", path,
                                    what, need, need + extra));
    }
    return data;
}

IdxImages idx_images(const std::filesystem::path& path)
{
    detail::GzipReader in(path);
    const auto dims = read_header(in, path, kImageMagic, 3, "image");
    if (dims[1] == 0 || dims[2] == 0 || dims[1] > kMaxImageSide || dims[2] > kMaxImageSide) {
        throw DataError(fmt::format("{}: malformed IDX image file: image size {}x{} is not plausible (each side must "
                                    "be 1 to {})",
                                    path, dims[1], dims[2], kMaxImageSide));
    }
    IdxImages images;
    images.count = dims[0];
    images.rows = static_cast<int>(dims[1]);
    images.cols = static_cast<int>(dims[2]);
    const std::uint64_t need = std::uint64_t{dims[0]} * dims[1] * dims[2];  // < 2^64: 2^32 * 2^16 * 2^16
    images.pixels = read_payload(in, path, need, fmt::format("{} images of {}x{}", dims[0], dims[1], dims[2]));
    return images;
}

std::vector<std::uint8_t> idx_labels(const std::filesystem::path& path)
{
    detail::GzipReader in(path);
    const auto dims = read_header(in, path, kLabelMagic, 1, "label");
    return read_payload(in, path, dims[0], fmt::format("{} labels", dims[0]));
}

}  // namespace

IdxImages read_idx_images(const std::filesystem::path& path)
{
    return detail::with_memory_errors<DataError>(fmt::format("{}", path), [&] { return idx_images(path); });
}

std::vector<std::uint8_t> read_idx_labels(const std::filesystem::path& path)
{
    return detail::with_memory_errors<DataError>(fmt::format("{}", path), [&] { return idx_labels(path); });
}

}  // namespace qnn

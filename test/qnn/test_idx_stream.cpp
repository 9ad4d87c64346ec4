// IDX files are read as a stream: the header first, then exactly what it announces.

#include "qnn/error.hpp"
#include "qnn/mnist.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <vector>

using Catch::Matchers::Contains;

namespace {

std::vector<std::uint8_t> idx_header(std::uint32_t magic, std::vector<std::uint32_t> dims)
{
    std::vector<std::uint8_t> out;
    dims.insert(dims.begin(), magic);
    for (std::uint32_t v : dims) {
        for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
    }
    return out;
}

// Writes `head` then `zeros` zero bytes, gzip-compressed, in 1 MiB pieces.
void write_gzip_with_zeros(const std::filesystem::path& path, const std::vector<std::uint8_t>& head, std::size_t zeros)
{
    gzFile file = gzopen(path.c_str(), "wb9");
    REQUIRE(file != nullptr);
    gzwrite(file, head.data(), static_cast<unsigned>(head.size()));
    const std::vector<std::uint8_t> chunk(1 << 20, 0);
    for (std::size_t left = zeros; left > 0;) {
        const std::size_t n = std::min(left, chunk.size());
        gzwrite(file, chunk.data(), static_cast<unsigned>(n));
        left -= n;
    }
    gzclose(file);
}

}  // namespace

TEST_CASE("qnn idx a gzip file is not inflated past what its header announces")
{
    qnn_test::TempDir dir;
    // One 28x28 image, then 256 MiB of trailing zeros (about 250 KB compressed).
    std::vector<std::uint8_t> head = idx_header(0x803, {1, 28, 28});
    head.resize(head.size() + 28 * 28, 9);
    write_gzip_with_zeros(dir / "images.gz", head, std::size_t{256} << 20);
    const qnn_test::PeakMemory memory;
    CHECK_THROWS_AS(qnn::read_idx_images(dir / "images.gz"), qnn::DataError);
    CHECK_THROWS_WITH(qnn::read_idx_images(dir / "images.gz"),
                      Contains("images.gz") && Contains("1 images of 28x28") && Contains("but more than"));
    CHECK(memory.growth_mib() < 32);

    std::vector<std::uint8_t> labels = idx_header(0x801, {3});
    labels.resize(labels.size() + 3, 1);
    write_gzip_with_zeros(dir / "labels.gz", labels, std::size_t{64} << 20);
    CHECK_THROWS_WITH(qnn::read_idx_labels(dir / "labels.gz"), Contains("labels.gz") && Contains("but more than"));
    CHECK(memory.growth_mib() < 32);
}

TEST_CASE("qnn idx a header announcing more than the limit or the file is an error without allocating it")
{
    qnn_test::TempDir dir;
    // 4294967295 images of 65536x65536: far beyond the limit.
    qnn_test::write_gzip(dir / "huge.gz", idx_header(0x803, {0xFFFFFFFFu, 65536, 65536}));
    CHECK_THROWS_WITH(qnn::read_idx_images(dir / "huge.gz"), Contains("huge.gz") && Contains("limit"));
    // 1000 images of 28x28 announced (784000 bytes, within the limit), 10 bytes present.
    std::vector<std::uint8_t> head = idx_header(0x803, {1000, 28, 28});
    head.resize(head.size() + 10, 1);
    qnn_test::write_gzip(dir / "short.gz", head);
    const qnn_test::PeakMemory memory;
    CHECK_THROWS_WITH(qnn::read_idx_images(dir / "short.gz"),
                      Contains("short.gz") && Contains("truncated") && Contains("only 10 bytes follow"));
    CHECK(memory.growth_mib() < 32);
    // Exactly what the header announces still reads, plain or compressed.
    std::vector<std::uint8_t> ok = idx_header(0x803, {2, 2, 3});
    for (std::uint8_t v = 0; v < 12; ++v) ok.push_back(v);
    qnn_test::write_gzip(dir / "ok.gz", ok);
    qnn_test::write_bytes(dir / "ok.idx", ok);
    for (const char* name : {"ok.gz", "ok.idx"}) {
        const qnn::IdxImages images = qnn::read_idx_images(dir / name);
        CHECK(images.count == 2);
        CHECK(images.rows == 2);
        CHECK(images.cols == 3);
        CHECK(images.pixels == std::vector<std::uint8_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    }
}

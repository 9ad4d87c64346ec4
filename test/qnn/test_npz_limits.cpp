// .npz archives that announce more than they hold: no allocation beyond what the file can
// really produce, duplicate and overlapping members, the total size limit.

#include "npz_writer.hpp"
#include "qnn/error.hpp"
#include "qnn/mnist.hpp"
#include "qnn/npz.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstring>

using Catch::Matchers::Contains;
using qnn_test::npy;
using qnn_test::npy_bytes;

namespace {

std::uint32_t get32(const std::vector<std::uint8_t>& b, std::size_t at)
{
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | b[at + static_cast<std::size_t>(i)];
    return v;
}

void put32(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v)
{
    for (std::size_t i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

void put16(std::vector<std::uint8_t>& b, std::size_t at, std::uint16_t v)
{
    b[at] = static_cast<std::uint8_t>(v);
    b[at + 1] = static_cast<std::uint8_t>(v >> 8);
}

// Offset of the first central directory entry (found through the end record).
std::size_t central_offset(const std::vector<std::uint8_t>& zip)
{
    return get32(zip, zip.size() - 22 + 16);
}

// A one-member archive whose central directory is repeated `copies` times with names
// m00.npy, m01.npy, ...: every entry points at the same local header and data.
std::vector<std::uint8_t> aliased_archive(const std::vector<std::uint8_t>& member, std::uint16_t copies)
{
    qnn_test::ZipWriter zip;
    zip.add("m00.npy", member, true);
    std::vector<std::uint8_t> bytes = zip.finish();
    const std::size_t cd = central_offset(bytes);
    const std::vector<std::uint8_t> entry(bytes.begin() + static_cast<std::ptrdiff_t>(cd), bytes.end() - 22);
    std::vector<std::uint8_t> out(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(cd));
    for (std::uint16_t i = 0; i < copies; ++i) {
        std::vector<std::uint8_t> copy = entry;
        copy[46 + 1] = static_cast<std::uint8_t>('0' + i / 10);
        copy[46 + 2] = static_cast<std::uint8_t>('0' + i % 10);
        out.insert(out.end(), copy.begin(), copy.end());
    }
    std::vector<std::uint8_t> end(bytes.end() - 22, bytes.end());
    put16(end, 8, copies);
    put16(end, 10, copies);
    put32(end, 12, static_cast<std::uint32_t>(entry.size() * copies));
    out.insert(out.end(), end.begin(), end.end());
    return out;
}

}  // namespace

TEST_CASE("qnn npz a member declaring 4 GiB is an error and not an allocation")
{
    qnn_test::ZipWriter zip;
    zip.add("a.npy", npy_bytes(npy("<f4", {2}, std::vector<float>{1, 2})), true);
    std::vector<std::uint8_t> bytes = zip.finish();
    put32(bytes, central_offset(bytes) + 24, 0xFFFFFFFFu);  // uncompressed size
    qnn_test::TempDir dir;
    qnn_test::write_bytes(dir / "bomb.npz", bytes);
    const qnn_test::PeakMemory memory;
    CHECK_THROWS_AS(qnn::read_npz(dir / "bomb.npz"), qnn::DataError);
    CHECK_THROWS_WITH(qnn::read_npz(dir / "bomb.npz"),
                      Contains("bomb.npz") && Contains("member 'a.npy'") && Contains("4294967295"));
    CHECK(memory.growth_mib() < 64);
    // Through the test-data loader, as mnist_inference --test_data_npz uses it.
    CHECK_THROWS_AS(qnn::load_image_set_npz(dir / "bomb.npz"), qnn::DataError);
    CHECK(memory.growth_mib() < 64);
}

TEST_CASE("qnn npz directory entries sharing one member are an error")
{
    // 8 MiB of zeros deflates to about 8 KiB; 64 aliases would inflate 512 MiB.
    const std::vector<std::uint8_t> member = npy_bytes(npy("|u1", {8u << 20}, std::vector<std::uint8_t>(8u << 20, 0)));
    qnn_test::TempDir dir;
    qnn_test::write_bytes(dir / "alias.npz", aliased_archive(member, 64));
    const qnn_test::PeakMemory memory;
    CHECK_THROWS_AS(qnn::read_npz(dir / "alias.npz"), qnn::DataError);
    CHECK_THROWS_WITH(qnn::read_npz(dir / "alias.npz"),
                      Contains("alias.npz") && Contains("m01.npy") && Contains("overlaps"));
    CHECK(memory.growth_mib() < 64);
    // One entry is a valid archive.
    qnn_test::write_bytes(dir / "one.npz", aliased_archive(member, 1));
    CHECK(qnn::read_npz(dir / "one.npz").at("m00").size() == (8u << 20));
}

TEST_CASE("qnn npz duplicate member names are an error")
{
    qnn_test::ZipWriter zip;
    zip.add("a.npy", npy_bytes(npy("<f4", {1}, std::vector<float>{1})), false);
    zip.add("a.npy", npy_bytes(npy("<f4", {1}, std::vector<float>{2})), false);
    CHECK_THROWS_WITH(qnn::parse_npz(zip.finish(), "dup.npz"),
                      Contains("dup.npz") && Contains("'a.npy'") && Contains("more than once"));
}

TEST_CASE("qnn npz the total decompressed size is limited")
{
    qnn_test::ZipWriter zip;
    zip.add("a.npy", npy_bytes(npy("|u1", {3000}, std::vector<std::uint8_t>(3000, 7))), true);
    zip.add("b.npy", npy_bytes(npy("|u1", {3000}, std::vector<std::uint8_t>(3000, 7))), true);
    const auto bytes = zip.finish();
    CHECK(qnn::parse_npz(bytes, "ok.npz", {.max_total_bytes = 10000}).size() == 2);
    CHECK_THROWS_WITH(qnn::parse_npz(bytes, "big.npz", {.max_total_bytes = 5000}),
                      Contains("big.npz") && Contains("member 'b.npy'") && Contains("limit of 5000 bytes"));
    CHECK(qnn::NpzLimits{}.max_total_bytes == (std::uint64_t{1} << 30));
}

TEST_CASE("qnn npz a file larger than the total limit allows is refused from its size")
{
    qnn_test::TempDir dir;
    qnn_test::write_text(dir / "huge.npz", "PK");
    std::filesystem::resize_file(dir / "huge.npz", (std::uint64_t{1} << 30) + (std::uint64_t{64} << 20) + 1);
    const qnn_test::PeakMemory memory;
    CHECK_THROWS_WITH(qnn::read_npz(dir / "huge.npz"), Contains("huge.npz") && Contains("limit"));
    CHECK(memory.growth_mib() < 64);
}

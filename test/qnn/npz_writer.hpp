#pragma once
// A tiny .npy / .npz writer for the tests (independent of the library's reader): .npy version
// 1.0 headers padded to 64 bytes as NumPy writes them, zip members stored or raw-deflated, with
// optional ZIP64 extra fields in the local headers (as Python's zipfile with force_zip64).

#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace qnn_test {

struct NpyData {
    std::string descr;  // e.g. "<f4"
    std::vector<std::size_t> shape;
    std::vector<std::uint8_t> bytes;  // little-endian element data
    bool fortran_order = false;  // the header's 'fortran_order' (bytes must then be in that order)
};

template <typename T>
NpyData npy(const std::string& descr, std::vector<std::size_t> shape, const std::vector<T>& values)
{
    NpyData d{descr, std::move(shape), std::vector<std::uint8_t>(values.size() * sizeof(T))};
    if (!values.empty()) std::memcpy(d.bytes.data(), values.data(), d.bytes.size());
    return d;
}

inline std::vector<std::uint8_t> npy_bytes(const NpyData& d)
{
    std::string shape = "(";
    for (std::size_t i = 0; i < d.shape.size(); ++i)
        shape += std::to_string(d.shape[i]) + (d.shape.size() == 1 ? "," : i + 1 < d.shape.size() ? ", " : "");
    shape += ")";
    std::string header = "{'descr': '" + d.descr + "', 'fortran_order': " + (d.fortran_order ? "True" : "False") +
        ", 'shape': " + shape + ", }";
    while ((10 + header.size() + 1) % 64 != 0) header += ' ';
    header += '\n';
    std::vector<std::uint8_t> out{0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    out.push_back(static_cast<std::uint8_t>(header.size() & 0xFF));
    out.push_back(static_cast<std::uint8_t>(header.size() >> 8));
    out.insert(out.end(), header.begin(), header.end());
    out.insert(out.end(), d.bytes.begin(), d.bytes.end());
    return out;
}

class ZipWriter {
public:
    void add(const std::string& name, const std::vector<std::uint8_t>& data, bool deflate, bool zip64_local = false)
    {
        std::vector<std::uint8_t> stored = deflate ? raw_deflate(data) : data;
        const auto crc =
            static_cast<std::uint32_t>(crc32(crc32(0L, Z_NULL, 0), data.data(), static_cast<uInt>(data.size())));
        const auto offset = static_cast<std::uint32_t>(out_.size());
        put32(out_, 0x04034b50);
        put16(out_, zip64_local ? 45 : 20);
        put16(out_, 0);
        put16(out_, deflate ? 8 : 0);
        put16(out_, 0);
        put16(out_, 0);
        put32(out_, crc);
        put32(out_, zip64_local ? 0xFFFFFFFFu : static_cast<std::uint32_t>(stored.size()));
        put32(out_, zip64_local ? 0xFFFFFFFFu : static_cast<std::uint32_t>(data.size()));
        put16(out_, static_cast<std::uint16_t>(name.size()));
        put16(out_, zip64_local ? 20 : 0);
        out_.insert(out_.end(), name.begin(), name.end());
        if (zip64_local) {
            put16(out_, 0x0001);
            put16(out_, 16);
            put64(out_, data.size());
            put64(out_, stored.size());
        }
        out_.insert(out_.end(), stored.begin(), stored.end());

        put32(central_, 0x02014b50);
        put16(central_, 20);
        put16(central_, 20);
        put16(central_, 0);
        put16(central_, deflate ? 8 : 0);
        put16(central_, 0);
        put16(central_, 0);
        put32(central_, crc);
        put32(central_, static_cast<std::uint32_t>(stored.size()));
        put32(central_, static_cast<std::uint32_t>(data.size()));
        put16(central_, static_cast<std::uint16_t>(name.size()));
        put16(central_, 0);
        put16(central_, 0);
        put16(central_, 0);
        put16(central_, 0);
        put32(central_, 0);
        put32(central_, offset);
        central_.insert(central_.end(), name.begin(), name.end());
        ++entries_;
    }

    std::vector<std::uint8_t> finish() const
    {
        std::vector<std::uint8_t> out = out_;
        const auto cd_offset = static_cast<std::uint32_t>(out.size());
        out.insert(out.end(), central_.begin(), central_.end());
        put32(out, 0x06054b50);
        put16(out, 0);
        put16(out, 0);
        put16(out, entries_);
        put16(out, entries_);
        put32(out, static_cast<std::uint32_t>(central_.size()));
        put32(out, cd_offset);
        put16(out, 0);
        return out;
    }

private:
    static void put16(std::vector<std::uint8_t>& o, std::uint16_t v)
    {
        o.push_back(static_cast<std::uint8_t>(v));
        o.push_back(static_cast<std::uint8_t>(v >> 8));
    }
    static void put32(std::vector<std::uint8_t>& o, std::uint32_t v)
    {
        for (int i = 0; i < 4; ++i) o.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    static void put64(std::vector<std::uint8_t>& o, std::uint64_t v)
    {
        for (int i = 0; i < 8; ++i) o.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    static std::vector<std::uint8_t> raw_deflate(const std::vector<std::uint8_t>& data)
    {
        z_stream s{};
        deflateInit2(&s, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
        std::vector<std::uint8_t> out(deflateBound(&s, static_cast<uLong>(data.size())));
        s.next_in = const_cast<Bytef*>(data.data());
        s.avail_in = static_cast<uInt>(data.size());
        s.next_out = out.data();
        s.avail_out = static_cast<uInt>(out.size());
        deflate(&s, Z_FINISH);
        out.resize(s.total_out);
        deflateEnd(&s);
        return out;
    }

    std::vector<std::uint8_t> out_;
    std::vector<std::uint8_t> central_;
    std::uint16_t entries_ = 0;
};

}  // namespace qnn_test

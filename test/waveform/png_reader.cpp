#include "png_reader.hpp"

#include <zlib.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

namespace test_png {

namespace {

std::uint32_t be32(const std::uint8_t* p)
{
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

int paeth(int a, int b, int c)
{
    const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

}  // namespace

int Image::brightness(int x, int y) const
{
    const std::uint8_t* p =
        &rgba[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4];
    const int alpha = p[3];
    auto over_white = [&](int v) { return (v * alpha + 255 * (255 - alpha)) / 255; };
    return over_white(p[0]) + over_white(p[1]) + over_white(p[2]);
}

Image read_png(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() < 8 || bytes[1] != 'P' || bytes[2] != 'N' || bytes[3] != 'G')
        throw std::runtime_error("not a PNG: " + path.string());
    Image image;
    int channels = 0;
    std::vector<std::uint8_t> compressed;
    for (std::size_t at = 8; at + 12 <= bytes.size();) {
        const std::uint32_t length = be32(&bytes[at]);
        const std::string type(bytes.begin() + static_cast<long>(at) + 4, bytes.begin() + static_cast<long>(at) + 8);
        const std::uint8_t* data = &bytes[at + 8];
        if (type == "IHDR") {
            image.width = static_cast<int>(be32(data));
            image.height = static_cast<int>(be32(data + 4));
            if (data[8] != 8 || (data[9] != 6 && data[9] != 2) || data[12] != 0)
                throw std::runtime_error("unsupported PNG format (want 8-bit RGB(A), not interlaced)");
            channels = data[9] == 6 ? 4 : 3;
        } else if (type == "IDAT") {
            compressed.insert(compressed.end(), data, data + length);
        }
        at += 12 + length;
    }
    const std::size_t stride = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(channels);
    std::vector<std::uint8_t> raw((stride + 1) * static_cast<std::size_t>(image.height));
    uLongf size = raw.size();
    if (channels == 0 || uncompress(raw.data(), &size, compressed.data(), compressed.size()) != Z_OK ||
        size != raw.size())
        throw std::runtime_error("cannot decompress " + path.string());
    std::vector<std::uint8_t> pixels(stride * static_cast<std::size_t>(image.height));
    for (std::size_t y = 0; y < static_cast<std::size_t>(image.height); ++y) {
        const std::uint8_t filter = raw[y * (stride + 1)];
        const std::uint8_t* line = &raw[y * (stride + 1) + 1];
        std::uint8_t* out = &pixels[y * stride];
        for (std::size_t i = 0; i < stride; ++i) {
            const int a = i >= static_cast<std::size_t>(channels) ? out[i - static_cast<std::size_t>(channels)] : 0;
            const int b = y > 0 ? out[i - stride] : 0;
            const int c = y > 0 && i >= static_cast<std::size_t>(channels)
                ? out[i - stride - static_cast<std::size_t>(channels)]
                : 0;
            const int predictor = filter == 1 ? a
                : filter == 2                 ? b
                : filter == 3                 ? (a + b) / 2
                : filter == 4                 ? paeth(a, b, c)
                                              : 0;
            out[i] = static_cast<std::uint8_t>(line[i] + predictor);
        }
    }
    image.rgba.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4);
    for (std::size_t p = 0; p < static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height); ++p)
        for (std::size_t k = 0; k < 4; ++k)
            image.rgba[p * 4 + k] =
                k < static_cast<std::size_t>(channels) ? pixels[p * static_cast<std::size_t>(channels) + k] : 255;
    return image;
}

}  // namespace test_png

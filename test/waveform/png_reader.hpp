#pragma once
// A minimal PNG reader for tests: 8-bit RGB or RGBA, not interlaced (what rsvg-convert writes).

#include <cstdint>
#include <filesystem>
#include <vector>

namespace test_png {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;  ///< width * height * 4
    /// Red + green + blue of a pixel, 0 (black) to 765 (white); transparent pixels count as white.
    int brightness(int x, int y) const;
};

/// Reads `path`; throws std::runtime_error for anything it does not understand.
Image read_png(const std::filesystem::path& path);

}  // namespace test_png

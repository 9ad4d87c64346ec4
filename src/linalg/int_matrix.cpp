#include "linalg/int_matrix.hpp"

#include "rtl/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace linalg {

Shape shape_of(const IntMatrix& m)
{
    if (m.empty() || m.front().empty()) throw rtl::WidthError("a matrix needs at least one row and one column");
    for (const auto& row : m)
        if (row.size() != m.front().size())
            throw rtl::WidthError(
                fmt::format("matrix rows differ in length ({} and {})", m.front().size(), row.size()));
    return {static_cast<int>(m.size()), static_cast<int>(m.front().size())};
}

IntMatrix transpose(const IntMatrix& m)
{
    Shape s = shape_of(m);
    IntMatrix t(static_cast<std::size_t>(s.cols), std::vector<std::int64_t>(static_cast<std::size_t>(s.rows)));
    for (int r = 0; r < s.rows; ++r)
        for (int c = 0; c < s.cols; ++c)
            t[static_cast<std::size_t>(c)][static_cast<std::size_t>(r)] =
                m[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
    return t;
}

IntMatrix matmul(const IntMatrix& a, const IntMatrix& b, std::int64_t b_zero)
{
    Shape sa = shape_of(a), sb = shape_of(b);
    if (sa.cols != sb.rows)
        throw rtl::WidthError(
            fmt::format("cannot multiply a {}x{} matrix by a {}x{} matrix", sa.rows, sa.cols, sb.rows, sb.cols));
    IntMatrix out(static_cast<std::size_t>(sa.rows), std::vector<std::int64_t>(static_cast<std::size_t>(sb.cols), 0));
    for (std::size_t r = 0; r < out.size(); ++r)
        for (std::size_t c = 0; c < out[r].size(); ++c)
            for (std::size_t k = 0; k < b.size(); ++k) out[r][c] += a[r][k] * (b[k][c] - b_zero);
    return out;
}

IntMatrix iota_matrix(int rows, int cols, std::int64_t start)
{
    IntMatrix m(static_cast<std::size_t>(rows), std::vector<std::int64_t>(static_cast<std::size_t>(cols)));
    for (auto& row : m)
        for (auto& v : row) v = start++;
    return m;
}

std::string to_string(const IntMatrix& m)
{
    std::size_t width = 1;
    for (const auto& row : m)
        for (auto v : row) width = std::max(width, fmt::format("{}", v).size());
    std::string out = "[";
    for (std::size_t r = 0; r < m.size(); ++r) {
        out += r == 0 ? "[" : " [";
        for (std::size_t c = 0; c < m[r].size(); ++c) out += fmt::format("{}{:>{}}", c ? " " : "", m[r][c], width);
        out += r + 1 == m.size() ? "]" : "]\n";
    }
    return out + "]";
}

int minimum_bitwidth(const IntMatrix& m)
{
    int width = 1;
    for (const auto& row : m)
        for (auto v : row) width = std::max(width, rtl::infer_val_and_bitwidth(v, std::nullopt, true).bitwidth);
    return width;
}

rtl::BigInt make_concatenated_value(const IntMatrix& m, int bitwidth)
{
    rtl::BigInt out = 0;
    for (const auto& row : m)
        for (auto v : row) out = (out << bitwidth) | rtl::truncate_value(v, bitwidth);
    return out;
}

std::vector<rtl::BigInt> make_input_memblock_data(const IntMatrix& streams, int bitwidth, int addrwidth)
{
    Shape s = shape_of(streams);
    std::size_t words = std::size_t{1} << addrwidth;
    if (static_cast<std::size_t>(s.rows + s.cols - 1) > words)
        throw rtl::WidthError(fmt::format("{} streams of {} values need {} words, but the address is only {} bits",
                                          s.rows, s.cols, s.rows + s.cols - 1, addrwidth));
    std::vector<rtl::BigInt> data(words, 0);
    for (std::size_t cycle = 0; cycle < words; ++cycle) {
        rtl::BigInt word = 0;
        for (int stream = 0; stream < s.rows; ++stream) {
            long k = static_cast<long>(cycle) - stream;
            std::int64_t v =
                k >= 0 && k < s.cols ? streams[static_cast<std::size_t>(stream)][static_cast<std::size_t>(k)] : 0;
            word = (word << bitwidth) | rtl::truncate_value(v, bitwidth);
        }
        data[cycle] = word;
    }
    return data;
}

}  // namespace linalg

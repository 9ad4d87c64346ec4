#include "linalg/elementwise.hpp"

#include <fmt/format.h>

namespace linalg {

namespace {

template <class T>
T per_row(const std::vector<T>& values, int row, int rows, const char* what, const std::string& name)
{
    if (values.size() == 1) return values.front();
    if (static_cast<int>(values.size()) != rows)
        throw rtl::WidthError(
            fmt::format("\"{}\": {} has {} entries, expected 1 or one per row ({})", name, what, values.size(), rows));
    return values[static_cast<std::size_t>(row)];
}

}  // namespace

WireMatrix2D map_elements(const std::string& name, const WireMatrix2D& a, int bitwidth,
                          const std::function<rtl::WireVector(int, int)>& f)
{
    std::vector<std::vector<rtl::WireVector>> out(static_cast<std::size_t>(a.rows()));
    for (int r = 0; r < a.rows(); ++r)
        for (int c = 0; c < a.cols(); ++c) out[static_cast<std::size_t>(r)].push_back(f(r, c));
    WireMatrix2D result = WireMatrix2D::from_wires(out, bitwidth, name + ".output");
    result.valid <<= a.valid;
    a.ready <<= result.ready;
    return result;
}

WireMatrix2D make_elementwise_add(const std::string& name, const WireMatrix2D& a, const WireMatrix2D& b,
                                  int output_bitwidth)
{
    bool broadcast = b.cols() == 1 && a.cols() != 1;
    if (a.rows() != b.rows() || (!broadcast && a.cols() != b.cols()))
        throw rtl::WidthError(fmt::format("elementwise add \"{}\": shapes {}x{} and {}x{} differ (b may also be a {}x1 "
                                          "column vector)",
                                          name, a.rows(), a.cols(), b.rows(), b.cols(), a.rows()));
    std::vector<std::vector<rtl::WireVector>> out(static_cast<std::size_t>(a.rows()));
    for (int r = 0; r < a.rows(); ++r)
        for (int c = 0; c < a.cols(); ++c)
            out[static_cast<std::size_t>(r)].push_back(
                rtl::signed_add(a.at(r, c), b.at(r, broadcast ? 0 : c)).truncate(output_bitwidth));
    WireMatrix2D result = WireMatrix2D::from_wires(out, output_bitwidth, name + ".output");
    result.valid <<= a.valid & b.valid;
    a.ready <<= result.ready;
    b.ready <<= result.ready;
    return result;
}

WireMatrix2D make_elementwise_relu(const std::string& name, const WireMatrix2D& a)
{
    return map_elements(name, a, a.bitwidth(), [&](int r, int c) {
        const rtl::WireVector& x = a.at(r, c);
        return rtl::select(x[-1], 0, x);
    });
}

rtl::WireVector saturating_truncate(const rtl::WireVector& value, int bitwidth)
{
    if (bitwidth < 1 || bitwidth >= value.bitwidth())
        throw rtl::WidthError(fmt::format("saturating_truncate: {} must be truncated to fewer bits than its {}, got {}",
                                          value.block().describe(value.id()), value.bitwidth(), bitwidth));
    rtl::WireVector negative = value[-1];
    rtl::WireVector high = value(value.bitwidth() - 1, bitwidth - 1);  // all equal when the value fits
    rtl::WireVector underflow = negative & ~rtl::and_all_bits(high);
    rtl::WireVector overflow = ~negative & rtl::or_all_bits(high);
    rtl::BigInt max = (rtl::BigInt(1) << (bitwidth - 1)) - 1;
    rtl::Const max_value(max, bitwidth), min_value(max + 1, bitwidth);
    return rtl::select(overflow, max_value, rtl::select(underflow, min_value, value.truncate(bitwidth)));
}

WireMatrix2D make_elementwise_normalize(const std::string& name, const WireMatrix2D& a,
                                        const std::vector<std::uint32_t>& m0, const std::vector<int>& n,
                                        const std::vector<std::int32_t>& z3, int output_bitwidth)
{
    if (output_bitwidth >= a.bitwidth() + 2)
        throw rtl::WidthError(fmt::format("normalize \"{}\": output bitwidth {} is too wide for {}-bit inputs", name,
                                          output_bitwidth, a.bitwidth()));
    return map_elements(name, a, output_bitwidth, [&](int r, int c) {
        std::uint32_t multiplier = per_row(m0, r, a.rows(), "m0", name);
        int shift = 32 + per_row(n, r, a.rows(), "n", name);
        std::int32_t zero = per_row(z3, r, a.rows(), "z3", name);
        if (shift - 32 < 0 || shift - 32 > 31)
            throw rtl::WidthError(fmt::format("normalize \"{}\": n must be in [0, 31]", name));
        // P = acc · M0 exactly: the multiplier is non-negative, so it gets one extra (zero) sign bit.
        rtl::WireVector product = rtl::signed_mult(a.at(r, c), rtl::Const(multiplier, 33));
        product = product.sign_extended(std::max(product.bitwidth(), shift + 1));  // narrow inputs, large n
        rtl::WireVector round_up = product[shift - 1].zero_extended(2);
        rtl::WireVector shifted = rtl::signed_add(product(product.bitwidth() - 1, shift), round_up);
        rtl::WireVector biased = rtl::signed_add(rtl::Const(zero, 33, true), shifted);
        return saturating_truncate(biased, output_bitwidth);
    });
}

WireMatrix2D make_argmax(const std::string& name, const WireMatrix2D& a)
{
    int index_bits = rtl::infer_val_and_bitwidth(std::max(a.rows() - 1, 0)).bitwidth;
    std::vector<std::vector<rtl::WireVector>> out(1);
    for (int c = 0; c < a.cols(); ++c) {
        // A balanced tree of compare-and-select stages: ceil(log2(rows)) levels deep instead of a chain
        // of rows − 1. Each stage keeps the lower-index candidate unless the other is strictly greater,
        // so the first maximum wins ties, as in a chain.
        std::vector<std::pair<rtl::WireVector, rtl::WireVector>> level;  // (value, index), in row order
        for (int r = 0; r < a.rows(); ++r) level.emplace_back(a.at(r, c), rtl::Const(r, index_bits));
        while (level.size() > 1) {
            std::vector<std::pair<rtl::WireVector, rtl::WireVector>> next;
            for (std::size_t i = 0; i + 1 < level.size(); i += 2) {
                const auto& [low_value, low_index] = level[i];
                const auto& [high_value, high_index] = level[i + 1];
                rtl::WireVector better = rtl::signed_gt(high_value, low_value);
                next.emplace_back(rtl::select(better, high_value, low_value),
                                  rtl::select(better, high_index, low_index));
            }
            if (level.size() % 2 == 1) next.push_back(level.back());
            level = std::move(next);
        }
        out.front().push_back(level.front().second);
    }
    WireMatrix2D result = WireMatrix2D::from_wires(out, index_bits, name + ".output");
    result.valid <<= a.valid;
    a.ready <<= result.ready;
    return result;
}

}  // namespace linalg

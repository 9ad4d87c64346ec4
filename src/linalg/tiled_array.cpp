// The output-stationary systolic array of block matrix products (tiled_array.hpp).

#include "linalg/tiled_array.hpp"

#include "rtl/corecircuits.hpp"
#include "rtl/error.hpp"
#include "rtl/module.hpp"

#include <fmt/format.h>

namespace linalg {

namespace {

rtl::WireVector reg(const rtl::WireVector& w, const std::string& name)
{
    rtl::Register r(w.bitwidth(), name);
    r.next <<= w;
    return r;
}

struct Pe {
    rtl::WireVector w, last, x, result;
};

// One processing element: multiply-accumulate; on a tile's last weight the sum moves to the result
// register and the accumulator restarts; while its column drains, results move down one row.
Pe make_pe(int row, int col, int acc_bits, const rtl::WireVector& w_in, const rtl::WireVector& last_in,
           const rtl::WireVector& x_in, const rtl::WireVector& result_in, const rtl::WireVector& drain_in)
{
    rtl::ModuleScope m("pe", fmt::format("pe_{}_{}", row, col));
    const rtl::WireVector w = m.input(w_in, "w_in"), last = m.input(last_in, "last_in"), x = m.input(x_in, "x_in");
    const rtl::WireVector above = m.input(result_in, "result_in"), drain = m.input(drain_in, "drain");
    rtl::Register acc(acc_bits, "acc"), result(acc_bits, "result");
    const rtl::WireVector product = rtl::signed_mult(x, w);
    const rtl::WireVector term =
        acc_bits >= product.bitwidth() ? product.sign_extended(acc_bits) : product.truncate(acc_bits);
    const rtl::WireVector sum = (acc + term).truncate(acc_bits);
    acc.next <<= rtl::select(last, rtl::Const(0, acc_bits), sum);
    result.next <<= rtl::select(last, sum, rtl::select(drain, above, result));
    return {m.output(reg(w, "w"), "w_out"), m.output(reg(last, "last"), "last_out"), m.output(reg(x, "x"), "x_out"),
            m.output(result, "result")};
}

}  // namespace

TiledArray make_tiled_array(const TiledArrayFeeds& feeds, int accumulator_bits)
{
    const std::size_t R = feeds.weights.size(), C = feeds.activations.size();
    if (R == 0 || C == 0 || feeds.last.size() != R || feeds.drain.size() != C)
        throw rtl::WidthError(fmt::format("tiled array: {} weight rows, {} last flags, {} activation columns and {} "
                                          "drain flags (rows and columns at least 1, flags one each)",
                                          R, feeds.last.size(), C, feeds.drain.size()));
    for (const auto* flags : {&feeds.last, &feeds.drain})
        for (const rtl::WireVector& f : *flags)
            if (f.bitwidth() != 1) throw rtl::WidthError("tiled array: the last and drain flags must be 1 bit");
    std::vector<std::vector<Pe>> pe(R);  // filled row by row, left to right
    for (std::size_t r = 0; r < R; ++r)
        for (std::size_t c = 0; c < C; ++c) {
            const rtl::WireVector w_in = c == 0 ? feeds.weights[r] : pe[r][c - 1].w;
            const rtl::WireVector last_in = c == 0 ? feeds.last[r] : pe[r][c - 1].last;
            const rtl::WireVector x_in = r == 0 ? feeds.activations[c] : pe[r - 1][c].x;
            const rtl::WireVector above =
                r == 0 ? rtl::WireVector(rtl::Const(0, accumulator_bits)) : pe[r - 1][c].result;
            pe[r].push_back(make_pe(static_cast<int>(r), static_cast<int>(c), accumulator_bits, w_in, last_in, x_in,
                                    above, feeds.drain[c]));
        }
    TiledArray array;
    for (std::size_t c = 0; c < C; ++c) {
        array.bottom_result.push_back(pe[R - 1][c].result);
        array.bottom_last.push_back(c == 0 ? feeds.last[R - 1] : pe[R - 1][c - 1].last);
    }
    return array;
}

}  // namespace linalg

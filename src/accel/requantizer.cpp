// The tiled accelerator's pipelined requantizer (see requantizer.hpp for the arithmetic).

#include "accel/requantizer.hpp"

#include "rtl/corecircuits.hpp"
#include "rtl/memory.hpp"
#include "rtl/module.hpp"

#include <fmt/format.h>

#include <bit>

namespace accel {

namespace {

// The packed row-parameter word: each field's position and width.
struct Field {
    int lo = 0;
    int width = 0;
};

struct ParameterLayout {
    Field valid, hidden, first_out, last_out, relu, layer_odd, row, bias, m0, shift, offset, zero;
    int width = 0;

    explicit ParameterLayout(const TiledPlan& plan)
    {
        const DatapathWidths& w = plan.widths();
        const int row_bits =
            std::max(1,
                     static_cast<int>(
                         std::bit_width(static_cast<unsigned>(std::max(plan.hidden_rows(), plan_max_rows(plan)) - 1))));
        const int shift_bits =
            std::max(1, static_cast<int>(std::bit_width(static_cast<unsigned>(w.max_shift - w.min_shift))));
        for (Field* f : {&valid, &hidden, &first_out, &last_out, &relu, &layer_odd}) add(*f, 1);
        add(row, row_bits);
        add(bias, w.sum);
        add(m0, w.multiplier);
        add(shift, shift_bits);
        add(offset, w.product);
        add(zero, 8);
    }

    static int plan_max_rows(const TiledPlan& plan)
    {
        int rows = 1;
        for (const RowParameters& p : plan.row_parameters()) rows = std::max(rows, p.row + 1);
        return rows;
    }

    void add(Field& f, int bits)
    {
        f = {width, bits};
        width += bits;
    }

    // Fields are at most 62 bits wide (TiledPlan checks the product width), so uint64 holds them.
    static void put(rtl::BigInt& word, Field f, std::int64_t value)
    {
        const std::uint64_t bits = static_cast<std::uint64_t>(value) & ((std::uint64_t{1} << f.width) - 1);
        word |= rtl::BigInt(bits) << f.lo;
    }

    rtl::BigInt pack(const RowParameters& p, int min_shift) const
    {
        rtl::BigInt word = 0;
        if (!p.valid) return word;
        put(word, valid, 1);
        put(word, hidden, p.hidden);
        put(word, first_out, p.first_out);
        put(word, last_out, p.last_out);
        put(word, relu, p.relu);
        put(word, layer_odd, p.layer % 2);
        put(word, row, p.row);
        put(word, bias, p.bias);
        put(word, m0, static_cast<std::int64_t>(p.m0));
        put(word, shift, p.shift - min_shift);
        put(word, offset, p.offset);
        put(word, zero, p.zero);
        return word;
    }

    static rtl::WireVector get(const rtl::WireVector& word, Field f) { return word(f.lo + f.width - 1, f.lo); }
};

// `w` through one register named `name`.
rtl::WireVector stage(const rtl::WireVector& w, const std::string& name)
{
    rtl::Register r(w.bitwidth(), name);
    r.next <<= w;
    return r;
}

// `w` through `count` registers.
rtl::WireVector delayed(rtl::WireVector w, int count, const std::string& name)
{
    for (int i = 0; i < count; ++i) w = stage(w, fmt::format("{}_d{}", name, i + 1));
    return w;
}

// acc' with its sign bit flipped: acc' + 2^(A-1), unsigned.
rtl::WireVector offset_binary(const rtl::WireVector& sum)
{
    const int A = sum.bitwidth();
    return sum ^ rtl::Const(rtl::BigInt(1) << (A - 1), A);
}

// product + offset in the W-bit signed domain: acc' * m0 + 2^(s-1).
rtl::WireVector add_offset(const rtl::WireVector& product, const rtl::WireVector& offset, int W)
{
    return (product.zero_extended(W) + offset.sign_extended(W)).truncate(W);
}

// zero + q, wide enough for both.
rtl::WireVector add_zero(const rtl::WireVector& q, const rtl::WireVector& zero)
{
    const int bits = std::max(q.bitwidth(), 8) + 1;
    return (q.sign_extended(bits) + zero.sign_extended(bits)).truncate(bits);
}

// Saturation of a signed value to int8.
rtl::WireVector saturate_int8(const rtl::WireVector& y)
{
    const int bits = y.bitwidth();
    const rtl::WireVector top = y(bits - 1, 7);
    const rtl::WireVector in_range = rtl::and_all_bits(top) | ~rtl::or_all_bits(top);
    const rtl::WireVector saturated = rtl::select(y[bits - 1], rtl::Const(0x80, 8), rtl::Const(0x7f, 8));
    return rtl::select(in_range, y(7, 0), saturated);
}

}  // namespace

rtl::WireVector requantize_row(const rtl::WireVector& sum, const RowParameters& p, const DatapathWidths& widths)
{
    const int A = widths.sum, W = widths.product;
    const rtl::WireVector u = offset_binary(sum.bitwidth() > A ? sum.truncate(A) : sum.sign_extended(A));
    const rtl::WireVector product = (u * rtl::Const(p.m0, widths.multiplier)).truncate(A + widths.multiplier);
    const rtl::WireVector rounded = add_offset(product, rtl::Const(p.offset, W, true), W);
    const rtl::WireVector q = rtl::shift_right_arithmetic(rounded, p.shift).truncate(W - p.shift);
    return saturate_int8(add_zero(q, rtl::Const(p.zero, 8, true)));
}

RequantizedValue make_requantizer(const TiledPlan& plan, const std::string& instance, const rtl::WireVector& valid,
                                  const rtl::WireVector& lane, const rtl::WireVector& index,
                                  const rtl::WireVector& accumulator, const rtl::WireVector& tag)
{
    const DatapathWidths& widths = plan.widths();
    const ParameterLayout layout(plan);
    std::vector<rtl::BigInt> words;
    for (const RowParameters& p : plan.row_parameters()) words.push_back(layout.pack(p, widths.min_shift));
    const int index_bits = index.bitwidth();

    rtl::ModuleScope module("requantizer", instance);
    // Stage 1: the drained value.
    const rtl::WireVector v1 = stage(module.input(valid, "valid"), "valid_s1");
    const rtl::WireVector lane1 = stage(module.input(lane, "lane"), "lane_s1");
    const rtl::WireVector index1 = stage(module.input(index, "index"), "index_s1");
    const rtl::WireVector acc1 = stage(module.input(accumulator, "accumulator"), "accumulator_s1");
    const rtl::WireVector tag1 = stage(module.input(tag, "tag"), "tag_s1");

    // Stage 2: the row's parameters and the bias added.
    rtl::RomBlock table(layout.width, index_bits, words, "row_parameters");
    const rtl::WireVector p = table[index1];
    const int A = widths.sum;
    const rtl::WireVector sum = (acc1.sign_extended(A) + ParameterLayout::get(p, layout.bias)).truncate(A);
    const rtl::WireVector v2 = stage(v1 & ParameterLayout::get(p, layout.valid), "valid_s2");
    const rtl::WireVector sum2 = stage(sum, "sum_s2");
    const rtl::WireVector relu2 = stage(ParameterLayout::get(p, layout.relu), "relu_s2");
    const rtl::WireVector m0 = delayed(ParameterLayout::get(p, layout.m0), 2, "m0");
    const rtl::WireVector offset = delayed(ParameterLayout::get(p, layout.offset), 4, "offset");
    const rtl::WireVector shift = delayed(ParameterLayout::get(p, layout.shift), 5, "shift");
    const rtl::WireVector zero = delayed(ParameterLayout::get(p, layout.zero), 5, "zero");
    const rtl::WireVector meta =
        rtl::concat({lane1, index1, tag1, ParameterLayout::get(p, layout.hidden),
                     ParameterLayout::get(p, layout.first_out), ParameterLayout::get(p, layout.last_out),
                     ParameterLayout::get(p, layout.layer_odd), ParameterLayout::get(p, layout.row)});
    const rtl::WireVector meta8 = delayed(meta, 7, "meta");
    const rtl::WireVector v8 = delayed(v2, 6, "valid");

    // Stage 3: ReLU, then the sign bit flipped: u = acc' + 2^(A-1), unsigned.
    const rtl::WireVector negative = sum2[A - 1];
    const rtl::WireVector rectified = rtl::select(relu2 & negative, rtl::Const(0, A), sum2);
    const rtl::WireVector u3 = stage(offset_binary(rectified), "flipped_s3");

    // Stages 4 and 5: the A x M unsigned product, registered twice (the DSP's M and P registers).
    const rtl::WireVector product5 = delayed((u3 * m0).truncate(A + widths.multiplier), 2, "product");

    // Stage 6: + offset, giving acc' * m0 + 2^(s-1) as a signed number.
    const int W = widths.product;
    const rtl::WireVector rounded6 = stage(add_offset(product5, offset, W), "rounded_s6");

    // Stage 7: the arithmetic shift by s (one of few values), then the zero point added.
    std::vector<rtl::Operand> shifted;
    for (int s = widths.min_shift; s <= widths.max_shift; ++s)
        shifted.emplace_back(rtl::shift_right_arithmetic(rounded6, s));
    const int q_bits = W - widths.min_shift;
    const rtl::WireVector q = rtl::mux(shift, shifted, rtl::Operand(rtl::Const(0, W))).truncate(q_bits);
    const rtl::WireVector y7 = stage(add_zero(q, zero), "biased_s7");

    // Stage 8: saturation to int8.
    const rtl::WireVector value8 = stage(saturate_int8(y7), "value_s8");

    const std::vector<rtl::WireVector> fields =
        rtl::chop(meta8, {lane.bitwidth(), index_bits, tag.bitwidth(), 1, 1, 1, 1, layout.row.width});
    RequantizedValue out;
    out.valid = module.output(v8, "out_valid");
    out.lane = module.output(fields[0], "out_lane");
    out.index = module.output(fields[1], "out_index");
    out.tag = module.output(fields[2], "out_tag");
    out.hidden = module.output(fields[3], "out_hidden");
    out.first_out = module.output(fields[4], "out_first");
    out.last_out = module.output(fields[5], "out_last");
    out.layer_odd = module.output(fields[6], "out_layer_odd");
    out.row = module.output(fields[7], "out_row");
    out.value = module.output(value8, "out_value");
    return out;
}

}  // namespace accel

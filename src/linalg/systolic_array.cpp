#include "linalg/systolic_array.hpp"

#include <fmt/format.h>

namespace linalg {

namespace {

enum class State { Init, Busy, Done };

Shape operand_shape(const MatrixOperand& m)
{
    if (const auto* values = std::get_if<IntMatrix>(&m)) return shape_of(*values);
    return std::get<WireMatrix2D>(m).shape();
}

// The S input streams of one side of the array, each `bitwidth` bits wide: stream s carries row s of
// `streams` (S×K), delayed s cycles, one value per cycle starting the cycle after `counter` leaves 0.
std::vector<rtl::WireVector> make_streams(const std::string& name, const std::string& side,
                                          const MatrixOperand& operand, bool transposed, int bitwidth,
                                          const rtl::WireVector& counter, const rtl::WireVector& reset,
                                          int counter_bits)
{
    std::vector<rtl::WireVector> streams;
    auto from_row_register = [&](const rtl::MemBlock& mem, int count) {
        // A registered read of the word for this cycle: stream 0 in the MSBs.
        rtl::Register row(mem.bitwidth(), fmt::format("{}.{}_row", name, side));
        row.next <<= mem[counter];
        int top = mem.bitwidth();
        for (int s = 0; s < count; ++s, top -= bitwidth) streams.push_back(row(top - 1, top - bitwidth));
    };
    if (const auto* values = std::get_if<IntMatrix>(&operand)) {
        IntMatrix rows = transposed ? transpose(*values) : *values;
        Shape s = shape_of(rows);
        std::vector<rtl::BigInt> data = make_input_memblock_data(rows, bitwidth, counter_bits);
        rtl::RomBlock rom(bitwidth * s.rows, counter_bits, data,
                          fmt::format("{}_{}", name, side == "left" ? "a" : "b"));
        from_row_register(rom, s.rows);
        return streams;
    }
    const auto& matrix = std::get<WireMatrix2D>(operand);
    int count = transposed ? matrix.cols() : matrix.rows();
    int length = transposed ? matrix.rows() : matrix.cols();
    if (matrix.is_memory_backed()) {
        const auto& mem = matrix.memory();
        if (mem.bitwidth() != bitwidth * count || mem.addrwidth() != counter_bits)
            throw rtl::WidthError(fmt::format(
                "systolic array \"{}\": the memory behind \"{}\" must hold {}-bit words ({} streams of {} bits) at "
                "{}-bit addresses, but it holds {}-bit words at {}-bit addresses",
                name, matrix.name(), bitwidth * count, count, bitwidth, counter_bits, mem.bitwidth(), mem.addrwidth()));
        from_row_register(mem, count);
        return streams;
    }
    if (matrix.bitwidth() > bitwidth)
        throw rtl::WidthError(
            fmt::format("systolic array \"{}\": elements of \"{}\" are {} bits, wider than the {}-bit "
                        "inputs",
                        name, matrix.name(), matrix.bitwidth(), bitwidth));
    // Shift chains: while the counter is 0 every chain loads its (skewed) values, then shifts one per cycle.
    for (int s = 0; s < count; ++s) {
        int chain_length = length + count - 1;
        std::vector<rtl::Register> chain;
        for (int i = 0; i < chain_length; ++i)
            chain.emplace_back(bitwidth, fmt::format("{}.{}_chain[{}][{}]", name, side, s, i));
        for (int i = 0; i < chain_length; ++i) {
            int k = i - s;
            rtl::WireVector load = k >= 0 && k < length
                ? (transposed ? matrix.at(k, s) : matrix.at(s, k)).sign_extended(bitwidth)
                : rtl::WireVector(rtl::Const(0, bitwidth));
            rtl::WireVector shift_in = i + 1 < chain_length ? rtl::WireVector(chain[static_cast<std::size_t>(i + 1)])
                                                            : rtl::WireVector(rtl::Const(0, bitwidth));
            chain[static_cast<std::size_t>(i)].next <<= rtl::select(reset, load, shift_in);
        }
        streams.push_back(chain.front());
    }
    return streams;
}

}  // namespace

int num_systolic_array_cycles(Shape a, Shape b)
{
    return a.rows + a.cols + b.cols;
}

int systolic_counter_bitwidth(Shape a, Shape b)
{
    return rtl::infer_val_and_bitwidth(num_systolic_array_cycles(a, b) - 1).bitwidth;
}

WireMatrix2D make_systolic_array(const std::string& name, const MatrixOperand& a, const MatrixOperand& b,
                                 std::int64_t b_zero, int input_bitwidth, int accumulator_bitwidth)
{
    Shape sa = operand_shape(a), sb = operand_shape(b);
    if (sa.cols != sb.rows)
        throw rtl::WidthError(fmt::format("systolic array \"{}\": cannot multiply {}x{} by {}x{}", name, sa.rows,
                                          sa.cols, sb.rows, sb.cols));
    if (input_bitwidth < 1 || accumulator_bitwidth < 1)
        throw rtl::WidthError(fmt::format("systolic array \"{}\": bitwidths must be positive", name));
    const int R = sa.rows, C = sb.cols;
    const int done_cycle = num_systolic_array_cycles(sa, sb) - 1;
    const int counter_bits = systolic_counter_bitwidth(sa, sb);

    rtl::Register counter(counter_bits, name + ".counter");
    rtl::Register state(name + ".state", {"INIT", "BUSY", "DONE"});
    rtl::WireVector reset(1, name + ".reset");
    reset <<= counter == 0;
    rtl::WireVector done_next_cycle(1, name + ".done_next_cycle");
    done_next_cycle <<= counter == done_cycle;

    rtl::WireVector inputs_valid = rtl::Const(1, 1);
    for (const MatrixOperand* m : {&a, &b})
        if (const auto* wm = std::get_if<WireMatrix2D>(m)) inputs_valid = inputs_valid & wm->valid;
    rtl::WireVector in_init = state == State::Init, in_done = state == State::Done;

    auto left = make_streams(name, "left", a, false, input_bitwidth, counter, reset, counter_bits);
    auto top = make_streams(name, "top", b, true, input_bitwidth, counter, reset, counter_bits);
    for (int r = 0; r < R; ++r)
        rtl::WireVector(input_bitwidth, fmt::format("{}.left[{}]", name, r)) <<= left[static_cast<std::size_t>(r)];
    for (int c = 0; c < C; ++c)
        rtl::WireVector(input_bitwidth, fmt::format("{}.top[{}]", name, c)) <<= top[static_cast<std::size_t>(c)];

    // The grid: each tile register passes its left value right and its top value down, one per cycle.
    rtl::Const b_zero_const(b_zero, input_bitwidth, true);
    std::vector<std::vector<rtl::WireVector>> right(static_cast<std::size_t>(R)), bottom(static_cast<std::size_t>(R)),
        accumulators(static_cast<std::size_t>(R));
    for (int r = 0; r < R; ++r) {
        for (int c = 0; c < C; ++c) {
            rtl::WireVector in_left = c == 0 ? left[static_cast<std::size_t>(r)]
                                             : right[static_cast<std::size_t>(r)][static_cast<std::size_t>(c - 1)];
            rtl::WireVector in_top = r == 0 ? top[static_cast<std::size_t>(c)]
                                            : bottom[static_cast<std::size_t>(r - 1)][static_cast<std::size_t>(c)];
            rtl::Register tile(2 * input_bitwidth, fmt::format("{}.reg_{}_{}", name, r, c));
            tile.next <<= rtl::select(reset, 0, rtl::concat(in_left, in_top));
            rtl::WireVector tile_left = tile(2 * input_bitwidth - 1, input_bitwidth);
            rtl::WireVector tile_top = tile(input_bitwidth - 1, 0);
            right[static_cast<std::size_t>(r)].push_back(tile_left);
            bottom[static_cast<std::size_t>(r)].push_back(tile_top);
            rtl::Register acc(accumulator_bitwidth, fmt::format("{}.pe[{}][{}]", name, r, c));
            rtl::WireVector product = rtl::signed_mult(tile_left, rtl::signed_sub(tile_top, b_zero_const));
            // In INIT the accumulators keep the last result (so it can still be read after it was taken)
            // and clear when a new run starts; in BUSY and DONE they accumulate (DONE streams zeros).
            acc.next <<= rtl::select(in_init, rtl::select(inputs_valid, 0, acc), rtl::signed_add(acc, product));
            accumulators[static_cast<std::size_t>(r)].push_back(acc);
        }
    }
    WireMatrix2D output = WireMatrix2D::from_wires(accumulators, accumulator_bitwidth, name + ".output");

    // Control: INIT waits for valid inputs, BUSY streams, DONE holds the result until it is taken.
    rtl::when(in_init & ~inputs_valid, [&] {
        counter.next |= 0;
    }).elsewhen(in_done, [&] {
          rtl::when(output.ready, [&] { counter.next |= 0; });
      }).elsewhen(~done_next_cycle, [&] { counter.next |= counter + 1; });
    rtl::when(in_init, [&] {
        for (const MatrixOperand* m : {&a, &b})
            if (const auto* wm = std::get_if<WireMatrix2D>(m)) wm->ready |= 1;
        rtl::when(inputs_valid, [&] { state.next |= State::Busy; });
    }).elsewhen((state == State::Busy) & done_next_cycle, [&] {
          state.next |= State::Done;
      }).elsewhen(in_done, [&] {
        output.valid |= 1;
        rtl::when(output.ready, [&] { state.next |= State::Init; });
    });
    return output;
}

}  // namespace linalg

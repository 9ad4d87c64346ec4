// Builds the tiled accelerator from its plan: loader, controller, weight feed, image lanes, the PE
// array, the drains, the requantizers, the argmax lanes and the result stream.

#include "accel/tiled_accelerator.hpp"

#include "accel/requantizer.hpp"
#include "linalg/tiled_array.hpp"
#include "qnn/inference.hpp"

#include <fmt/format.h>

#include <bit>
#include <optional>

namespace accel {

namespace {

using rtl::Const;
using rtl::Register;
using rtl::WireVector;

// Address bits for `count` entries (at least 1).
int bits_for(int count)
{
    return std::max(1, static_cast<int>(std::bit_width(static_cast<unsigned>(std::max(count, 1) - 1))));
}

// `w` zero-extended or truncated to `bits`.
WireVector fit(const WireVector& w, int bits)
{
    return w.bitwidth() >= bits ? w.truncate(bits) : w.zero_extended(bits);
}

WireVector reg(const WireVector& w, const std::string& name)
{
    Register r(w.bitwidth(), name);
    r.next <<= w;
    return r;
}

// `w` delayed by `count` cycles (w itself for 0).
WireVector delay(WireVector w, int count, const std::string& name)
{
    for (int i = 0; i < count; ++i) w = reg(w, count == 1 ? name : fmt::format("{}_{}", name, i));
    return w;
}

// The constant table `values[index]` (0 past the end).
WireVector table(const WireVector& index, const std::vector<std::int64_t>& values, int bits)
{
    std::vector<rtl::Operand> ops;
    for (std::int64_t v : values) ops.emplace_back(Const(rtl::BigInt(v), bits));
    return rtl::mux(index, ops, rtl::Operand(Const(0, bits)));
}

WireVector any_of(const std::vector<WireVector>& ws)
{
    WireVector result = ws.front();
    for (std::size_t i = 1; i < ws.size(); ++i) result = result | ws[i];
    return result;
}

struct ArgmaxOutputs {
    WireVector done, best;
};

// A running argmax over one image's last-layer rows as they arrive (any order; ties keep the lower
// row, as numpy's argmax).
ArgmaxOutputs make_argmax(int lane, const WireVector& valid_in, const WireVector& value_in, const WireVector& row_in,
                          const WireVector& first_in, const WireVector& last_in)
{
    rtl::ModuleScope m("argmax", fmt::format("argmax_{}", lane));
    const WireVector valid = m.input(valid_in, "valid"), value = m.input(value_in, "value");
    const WireVector row = m.input(row_in, "row"), first = m.input(first_in, "first"), last = m.input(last_in, "last");
    Register best_value(8, "best_value"), best_row(row.bitwidth(), "best_row");
    Register result(row.bitwidth(), "result"), done(1, "done");
    const WireVector better = rtl::signed_gt(value, best_value) | ((value == best_value) & (row < best_row));
    const WireVector take = valid & (first | better);
    best_value.next <<= rtl::select(take, value, best_value);
    best_row.next <<= rtl::select(take, row, best_row);
    result.next <<= rtl::select(valid & last, rtl::select(take, row, best_row), result);
    done.next <<= valid & last;
    return {m.output(done, "done"), m.output(result, "result")};
}

}  // namespace

TiledAccelerator::TiledAccelerator(const qnn::QuantizedModel& model, TiledOptions options, rtl::Block& block)
    : model_(model), options_(options), plan_(model_, options_.shape), block_(&block)
{
    rtl::BlockScope scope(block);
    // The AXI top resets synchronously on `aresetn` low, as AXI4-Stream peripherals do: every
    // register returns to its initial value (the memories need none: nothing reads a word that was
    // not written since).
    std::optional<rtl::Input> aresetn;
    std::optional<rtl::ResetScope> reset_scope;
    if (options_.axi) {
        aresetn.emplace(1, ports().reset);
        reset_scope.emplace(rtl::sync_reset(*aresetn, rtl::ActiveLow));
    }
    const TiledShape& shape = plan_.shape();
    const int R = shape.rows, C = shape.cols, Q = shape.requantizers, G = plan_.group(), P = shape.pixels_per_word;
    const auto& tiles = plan_.tiles();
    const int n_tiles = static_cast<int>(tiles.size());
    const int tile_bits = bits_for(n_tiles);
    int max_slots = 1, max_gap = 0;
    for (const Tile& t : tiles) {
        max_slots = std::max(max_slots, t.slots);
        max_gap = std::max(max_gap, t.gap);
    }
    const int k_bits = bits_for(max_slots);
    const int gap_bits = bits_for(max_gap + 1);
    const int lanes_bits = bits_for(C + 1);
    const int layer_bits = bits_for(plan_.layers());
    const int acc_bits = plan_.widths().accumulator;
    const int word_bits = bits_for(plan_.words_per_image());
    const int select_bits = std::countr_zero(static_cast<unsigned>(P));  // P is a power of two
    const int hidden_bits = bits_for(plan_.hidden_rows());
    const bool two_buffers = plan_.layers() > 2;
    const int stride_bits = static_cast<int>(std::countr_zero(static_cast<unsigned>(plan_.row_stride())));

    // Loader: images fill lanes 0..C-1 of the free input bank, one word per cycle.
    const TiledPorts& names = ports();
    rtl::Input pixels(8 * P, names.pixels), pixels_valid(1, names.pixels_valid), pixels_last(1, names.pixels_last);
    rtl::Output pixels_ready(1, names.pixels_ready);
    rtl::Input result_ready(1, names.result_ready);
    rtl::Output result_valid(1, names.result_valid),
        result(options_.axi ? 8 : bits_for(model_.output_size()), names.result);
    rtl::Output result_last(1, names.result_last);
    Register write_bank(1, "load_bank"), write_lane(bits_for(C), "load_lane"), write_word(word_bits, "load_word");
    std::vector<Register> full, lanes, flush;
    for (int b = 0; b < 2; ++b) {
        full.emplace_back(1, fmt::format("bank{}_full", b));
        lanes.emplace_back(lanes_bits, fmt::format("bank{}_images", b));
        flush.emplace_back(1, fmt::format("bank{}_last", b));
    }
    const WireVector ready = ~rtl::select(write_bank, full[1], full[0]);
    pixels_ready <<= ready;
    const WireVector accept = pixels_valid & ready;
    const WireVector image_done = accept & (write_word == plan_.words_per_image() - 1);
    const WireVector group_done = image_done & ((write_lane == C - 1) | pixels_last);
    write_word.next <<= rtl::select(image_done, Const(0, word_bits), rtl::select(accept, write_word + 1, write_word));
    write_lane.next <<=
        rtl::select(group_done, Const(0, write_lane.bitwidth()), rtl::select(image_done, write_lane + 1, write_lane));
    write_bank.next <<= rtl::select(group_done, ~write_bank, write_bank);
    std::vector<rtl::MemBlock> input_lanes;
    for (int c = 0; c < C; ++c) {
        input_lanes.emplace_back(8 * P, 1 + word_bits, fmt::format("input_lane{}", c));
        input_lanes.back().write(rtl::concat(write_bank, write_word), pixels, accept & (write_lane == c));
    }

    // Controller: walks the tiles of one group, then the next group once its bank is full.
    Register running(1, "running"), read_bank(1, "read_bank"), tile(tile_bits, "tile"), slot(k_bits, "slot");
    Register gap(gap_bits, "gap"), group_lanes(lanes_bits, "group_images"), group_last(1, "group_last");
    std::vector<std::int64_t> slots_m1, inputs_of, gaps_next, weight_base, layer_of, releases;
    for (int i = 0; i < n_tiles; ++i) {
        const Tile& t = tiles[static_cast<std::size_t>(i)];
        slots_m1.push_back(t.slots - 1);
        inputs_of.push_back(model_.layers[static_cast<std::size_t>(t.layer)].cols);
        gaps_next.push_back(i + 1 < n_tiles ? tiles[static_cast<std::size_t>(i) + 1].gap : 0);
        weight_base.push_back(t.weight_address);
        layer_of.push_back(t.layer);
        releases.push_back(t.layer == 0 && (i + 1 == n_tiles || tiles[static_cast<std::size_t>(i) + 1].layer != 0));
    }
    const WireVector bank_full = rtl::select(read_bank, full[1], full[0]);
    WireVector result_room(1, "result_room");  // driven with the result slots below
    Register in_flight(2, "groups_in_flight");  // started, results not yet in a slot
    const WireVector start = ~running & bank_full & result_room;
    const WireVector issue = running & (gap == 0);
    const WireVector slot_end = slot == table(tile, slots_m1, k_bits);
    const WireVector tile_end = issue & slot_end;
    const WireVector group_end = tile_end & (tile == n_tiles - 1);
    running.next <<= rtl::select(start, Const(1, 1), rtl::select(group_end, Const(0, 1), running));
    read_bank.next <<= rtl::select(group_end, ~read_bank, read_bank);
    tile.next <<= rtl::select(start | group_end, Const(0, tile_bits), rtl::select(tile_end, tile + 1, tile));
    slot.next <<= rtl::select(start | tile_end, Const(0, k_bits), rtl::select(issue, slot + 1, slot));
    gap.next <<= rtl::select(
        start, Const(tiles.front().gap, gap_bits),
        rtl::select(running & (gap != 0), gap - 1, rtl::select(tile_end, table(tile, gaps_next, gap_bits), gap)));
    group_lanes.next <<= rtl::select(start, rtl::select(read_bank, lanes[1], lanes[0]), group_lanes);
    group_last.next <<= rtl::select(start, rtl::select(read_bank, flush[1], flush[0]), group_last);

    // The input bank is free once every column has read the last layer-0 slot (C + 1 cycles later).
    const WireVector release = delay(tile_end & table(tile, releases, 1), C + 2, "release");
    const WireVector release_bank = delay(read_bank, C + 2, "release_bank");
    for (int b = 0; b < 2; ++b) {
        const WireVector set = group_done & (write_bank == b);
        full[static_cast<std::size_t>(b)].next <<=
            rtl::select(set, Const(1, 1),
                        rtl::select(release & (release_bank == b), Const(0, 1), full[static_cast<std::size_t>(b)]));
        lanes[static_cast<std::size_t>(b)].next <<=
            rtl::select(set, fit(write_lane + 1, lanes_bits), lanes[static_cast<std::size_t>(b)]);
        flush[static_cast<std::size_t>(b)].next <<= rtl::select(set, pixels_last, flush[static_cast<std::size_t>(b)]);
    }

    // Issue stage, registered: visible in cycle t + 1 for a slot issued in cycle t.
    const WireVector valid1 = reg(issue, "issue_valid");
    // A slot past the layer's inputs (padding) feeds activation 0 rather than a word never written.
    const WireVector live1 =
        reg(issue & (slot.zero_extended(k_bits + 1) < table(tile, inputs_of, k_bits + 1)), "issue_live");
    const WireVector slot1 = reg(slot, "issue_slot");
    const WireVector layer1 = reg(table(tile, layer_of, layer_bits), "issue_layer");
    const WireVector bank1 = reg(read_bank, "issue_bank");
    const WireVector last1 = reg(tile_end, "issue_last");
    const int weight_bits = bits_for(static_cast<int>(plan_.weight_words().size()));
    const WireVector waddr1 =
        reg((table(tile, weight_base, weight_bits) + slot.zero_extended(weight_bits)).truncate(weight_bits),
            "weight_address");
    const WireVector tag1 = reg(rtl::concat(group_lanes, group_last, tile), "issue_tag");

    // Weight feed: the ROM word (t + 2), one more register (t + 3), then row r delayed by r.
    rtl::RomBlock weights(8 * R, weight_bits, plan_.weight_words(), "weights");
    const WireVector w2 = reg(rtl::select(valid1, WireVector(weights[waddr1]), Const(0, 8 * R)), "weight_word");
    const WireVector w3 = reg(w2, "weight_feed");
    const WireVector last3 = delay(last1, 2, "last_feed");
    const WireVector tag3 = delay(tag1, 2, "tag_feed");
    std::vector<WireVector> row_w, row_last;
    WireVector last_chain = last3;
    for (int r = 0; r < R; ++r) {
        row_w.push_back(delay(w3(8 * r + 7, 8 * r), r, fmt::format("row{}_w", r)));
        row_last.push_back(last_chain);
        if (r + 1 < R) last_chain = reg(last_chain, fmt::format("row{}_last", r + 1));
    }
    WireVector bottom_tag = delay(tag3, R - 1, "bottom_tag");

    // Image lanes: column c reads its input lane (layer 0) or its activation buffer in cycle t + 1 + c.
    const int act_bits = hidden_bits + (two_buffers ? 1 : 0);
    std::vector<rtl::MemBlock> act_lanes;
    for (int c = 0; c < C; ++c) act_lanes.emplace_back(8, act_bits, fmt::format("activation_lane{}", c));
    std::vector<std::int64_t> zeros;
    for (int l = 0; l < plan_.layers(); ++l) zeros.push_back(plan_.input_zero(l) & 0x1ff);
    std::vector<WireVector> column_x;
    WireVector c_slot = slot1, c_layer = layer1, c_bank = bank1, c_live = live1;
    for (int c = 0; c < C; ++c) {
        if (c > 0) {
            c_slot = reg(c_slot, fmt::format("col{}_slot", c));
            c_layer = reg(c_layer, fmt::format("col{}_layer", c));
            c_bank = reg(c_bank, fmt::format("col{}_bank", c));
            c_live = reg(c_live, fmt::format("col{}_live", c));
        }
        const WireVector in_addr = rtl::concat(c_bank, fit(c_slot >> select_bits, word_bits));
        const WireVector in_word =
            reg(WireVector(input_lanes[static_cast<std::size_t>(c)][in_addr]), fmt::format("col{}_pixels", c));
        WireVector act_addr = fit(c_slot, hidden_bits);
        if (two_buffers) act_addr = rtl::concat(~c_layer[0], act_addr);  // layer l reads buffer (l - 1) % 2
        const WireVector act =
            reg(WireVector(act_lanes[static_cast<std::size_t>(c)][act_addr]), fmt::format("col{}_act", c));
        const WireVector sel = reg(fit(c_slot, std::max(select_bits, 1)), fmt::format("col{}_select", c));
        const WireVector layer2 = reg(c_layer, fmt::format("col{}_layer2", c));
        const WireVector live2 = reg(c_live, fmt::format("col{}_live2", c));
        WireVector pixel = in_word;
        if (P > 1) {
            std::vector<rtl::Operand> bytes;
            for (int i = 0; i < P; ++i) bytes.emplace_back(in_word(8 * i + 7, 8 * i));
            pixel = rtl::mux(sel, bytes, rtl::Operand(Const(0, 8)));
        }
        const WireVector x = rtl::select(layer2 == 0, pixel, act).sign_extended(9);
        const WireVector centred = (x - table(layer2, zeros, 9)).truncate(9);
        column_x.push_back(reg(rtl::select(live2, centred, Const(0, 9)), fmt::format("col{}_x", c)));
    }

    // The array (linalg), then the drains: column c's bottom row leaves through its requantizer group.
    std::vector<WireVector> drain;
    for (int c = 0; c < C; ++c) drain.emplace_back(1, fmt::format("col{}_drain", c));
    const linalg::TiledArray array = linalg::make_tiled_array({row_w, row_last, column_x, drain}, acc_bits);
    struct Drained {
        WireVector emitting, value, index, group_tag;
    };
    std::vector<Drained> drained;
    const int count_bits = bits_for(R);
    WireVector tag_chain = bottom_tag;
    for (int c = 0; c < C; ++c) {
        const WireVector bottom_last = array.bottom_last[static_cast<std::size_t>(c)];
        if (c > 0) tag_chain = reg(tag_chain, fmt::format("col{}_tag_feed", c));
        Register tag_latch(tag_chain.bitwidth(), fmt::format("col{}_tag", c));
        tag_latch.next <<= rtl::select(bottom_last, tag_chain, tag_latch);
        const WireVector begin = delay(bottom_last, plan_.drain_delay(c), fmt::format("col{}_drain_start", c));
        Register count(count_bits, fmt::format("col{}_drain_count", c));
        const WireVector counting = count != 0;
        count.next <<= rtl::select(begin, Const(R - 1, count_bits), rtl::select(counting, count - 1, count));
        const WireVector emitting = begin | counting;
        drain[static_cast<std::size_t>(c)] <<= emitting;
        const WireVector row_in_tile = rtl::select(begin, Const(R - 1, count_bits), (count - 1).truncate(count_bits));
        WireVector index = tag_latch(tile_bits - 1, 0);
        if (stride_bits > 0) index = rtl::concat(index, fit(row_in_tile, stride_bits));
        drained.push_back({emitting, array.bottom_result[static_cast<std::size_t>(c)], index,
                           tag_latch(tag_latch.bitwidth() - 1, tile_bits)});
    }

    // Requantizers, activation-buffer writes and argmax lanes.
    std::vector<ArgmaxOutputs> argmax;  // in lane order
    std::vector<WireVector> lane_group_tag;
    for (int q = 0; q < Q; ++q) {
        std::vector<WireVector> valid, value, lane, index, group_tag;
        for (int j = 0; j < G; ++j) {
            const int c = q * G + j;
            const Drained& d = drained[static_cast<std::size_t>(c)];
            valid.push_back(d.emitting);
            value.push_back(rtl::select(d.emitting, d.value, Const(0, acc_bits)));
            lane.push_back(rtl::select(d.emitting, Const(c, bits_for(C)), Const(0, bits_for(C))));
            index.push_back(rtl::select(d.emitting, d.index, Const(0, d.index.bitwidth())));
            group_tag.push_back(rtl::select(d.emitting, d.group_tag, Const(0, d.group_tag.bitwidth())));
        }
        const RequantizedValue out = make_requantizer(plan_, fmt::format("requantizer_{}", q), any_of(valid),
                                                      any_of(lane), any_of(index), any_of(value), any_of(group_tag));
        if (options_.observe) {
            rtl::Output ov(1, fmt::format("requant{}_valid", q)),
                ol(out.lane.bitwidth(), fmt::format("requant{}_lane", q));
            rtl::Output oi(out.index.bitwidth(), fmt::format("requant{}_index", q)),
                oval(8, fmt::format("requant{}_value", q));
            ov <<= out.valid;
            ol <<= out.lane;
            oi <<= out.index;
            oval <<= out.value;
        }
        for (int j = 0; j < G; ++j) {
            const int c = q * G + j;
            const WireVector mine = out.valid & (out.lane == c);
            WireVector addr = fit(out.row, hidden_bits);
            if (two_buffers) addr = rtl::concat(out.layer_odd, addr);
            act_lanes[static_cast<std::size_t>(c)].write(addr, out.value, mine & out.hidden);
            argmax.push_back(make_argmax(c, mine & ~out.hidden, out.value, out.row, out.first_out, out.last_out));
            lane_group_tag.push_back(reg(out.tag, fmt::format("lane{}_group_tag", c)));
        }
    }

    // Results: once the lane that finishes last is done, the group's classes go into one of two
    // slots and leave from there in order, one per cycle while the receiver is ready. A group starts
    // only when its results and those still in flight will find a free slot.
    int last_lane = 0;
    for (int c = 1; c < C; ++c)
        if (c + plan_.drain_delay(c) > last_lane + plan_.drain_delay(last_lane)) last_lane = c;
    const WireVector load = argmax[static_cast<std::size_t>(last_lane)].done;
    const WireVector group_tag = lane_group_tag[static_cast<std::size_t>(last_lane)];
    const int class_bits = argmax.front().best.bitwidth();
    in_flight.next <<= rtl::select(start & ~load, in_flight + 1, rtl::select(load & ~start, in_flight - 1, in_flight));
    Register write_slot(1, "result_write_slot"), read_slot(1, "result_read_slot");
    Register position(bits_for(C), "result_position");
    struct Slot {
        Register full, count, last;
        std::vector<Register> classes;
    };
    std::vector<Slot> slots;
    for (int b = 0; b < 2; ++b) {
        Slot slot{Register(1, fmt::format("result_slot{}_full", b)),
                  Register(lanes_bits, fmt::format("result_slot{}_images", b)),
                  Register(1, fmt::format("result_slot{}_last", b)),
                  {}};
        for (int c = 0; c < C; ++c) slot.classes.emplace_back(class_bits, fmt::format("result_slot{}_class{}", b, c));
        slots.push_back(std::move(slot));
    }
    auto of_read_slot = [&](auto field) { return rtl::select(read_slot, field(slots[1]), field(slots[0])); };
    const WireVector sending = of_read_slot([](const Slot& x) -> WireVector { return x.full; });
    std::vector<rtl::Operand> classes;
    for (int c = 0; c < C; ++c)
        classes.emplace_back(
            of_read_slot([c](const Slot& x) -> WireVector { return x.classes[static_cast<std::size_t>(c)]; }));
    const WireVector count = of_read_slot([](const Slot& x) -> WireVector { return x.count; });
    const WireVector last_of_stream = of_read_slot([](const Slot& x) -> WireVector { return x.last; });
    const WireVector taken = sending & result_ready;
    const WireVector slot_done =
        position.zero_extended(lanes_bits + 1) == (count - 1).truncate(lanes_bits).zero_extended(lanes_bits + 1);
    position.next <<= rtl::select(taken, rtl::select(slot_done, Const(0, position.bitwidth()), position + 1), position);
    read_slot.next <<= rtl::select(taken & slot_done, ~read_slot, read_slot);
    write_slot.next <<= rtl::select(load, ~write_slot, write_slot);
    for (int b = 0; b < 2; ++b) {
        Slot& slot = slots[static_cast<std::size_t>(b)];
        const WireVector fill = load & (write_slot == b);
        slot.full.next <<=
            rtl::select(fill, Const(1, 1), rtl::select(taken & slot_done & (read_slot == b), Const(0, 1), slot.full));
        slot.count.next <<= rtl::select(fill, group_tag(lanes_bits, 1), slot.count);
        slot.last.next <<= rtl::select(fill, group_tag[0], slot.last);
        for (int c = 0; c < C; ++c)
            slot.classes[static_cast<std::size_t>(c)].next <<=
                rtl::select(fill, argmax[static_cast<std::size_t>(c)].best, slot.classes[static_cast<std::size_t>(c)]);
    }
    const WireVector occupied =
        slots[0].full.zero_extended(3) + slots[1].full.zero_extended(3) + in_flight.zero_extended(3);
    result_room <<= occupied.truncate(3) <= 1;
    result_valid <<= sending;
    result <<= fit(rtl::mux(position, classes, rtl::Operand(Const(0, class_bits))), result.bitwidth());  // classes fit
    result_last <<= sending & last_of_stream & slot_done;
}

const TiledPorts& TiledAccelerator::ports() const
{
    static const TiledPorts plain{"pixels",       "pixels_valid", "pixels_ready", "pixels_last", "result",
                                  "result_valid", "result_ready", "result_last",  nullptr};
    static const TiledPorts axi{"s0_axis_tdata",  "s0_axis_tvalid", "s0_axis_tready", "s0_axis_tlast", "m0_axis_tdata",
                                "m0_axis_tvalid", "m0_axis_tready", "m0_axis_tlast",  "aresetn"};
    return options_.axi ? axi : plain;
}

std::vector<rtl::BigInt> TiledAccelerator::image_words(const qnn::Int8Matrix& inputs, int image) const
{
    if (inputs.rows != model_.input_size() || image < 0 || image >= inputs.cols)
        throw rtl::Error(fmt::format("image {} of a {}x{} input matrix: expected {} inputs and an existing column",
                                     image, inputs.rows, inputs.cols, model_.input_size()));
    const int P = plan_.shape().pixels_per_word;
    std::vector<rtl::BigInt> words(static_cast<std::size_t>(plan_.words_per_image()), 0);
    for (int j = 0; j < inputs.rows; ++j)
        words[static_cast<std::size_t>(j / P)] |= rtl::BigInt(static_cast<std::uint8_t>(inputs.at(j, image)))
            << (8 * (j % P));
    return words;
}

}  // namespace accel

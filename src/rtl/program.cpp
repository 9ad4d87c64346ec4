#include "program.hpp"

#include "bit_runs.hpp"
#include "rtl/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace rtl::program {

namespace {

// A select's runs (bit_runs.hpp) as runs of the source wire at offset `src`, `src_n` limbs wide.
void select_runs(const std::vector<int>& bits, std::uint32_t src, std::uint32_t src_n, std::vector<Run>& out)
{
    for (const BitRun& r : bit_runs(bits)) out.push_back({src, src_n, r.src_pos, r.dst_pos, r.len, r.replicate});
}

}  // namespace

namespace {
bool is_temporary(const WireInfo& w)
{
    return w.kind == WireKind::Wire && w.name.starts_with("tmp");
}

// The instruction that holds an asynchronously reset register at its reset value while the signal is
// active. (Its next value already selects the reset value: lower_resets.)
Instr async_reset(const Block& block, const Schedule& schedule, const LogicNet& net, std::vector<u64>& constants)
{
    const WireInfo& reg = block.wire(net.dest);
    Instr in{};
    in.kind = Kind::AsyncReset;
    in.dbits = reg.bitwidth;
    in.d = schedule.offset[net.dest];
    in.a = schedule.offset[net.args[1]];
    in.n = limbs::count(reg.bitwidth);
    in.aux = reg.reset.active_low ? 0 : 1;
    in.aux2 = static_cast<std::uint32_t>(constants.size());
    constants.resize(constants.size() + in.n);
    to_limbs(truncate_value(reg.reset_value.value_or(0), reg.bitwidth), constants.data() + in.aux2, in.n);
    return in;
}
// Whether a narrow net's result cannot exceed its destination's width, so that it needs no mask
// (every value is kept masked to its own width).
bool result_fits(const LogicNet& net, const std::vector<WireInfo>& wires)
{
    const int d = wires[net.dest].bitwidth;
    auto w = [&](std::size_t i) { return wires[net.args[i]].bitwidth; };
    switch (net.op) {
    case Op::Wire: return w(0) <= d;
    case Op::And: return std::min(w(0), w(1)) <= d;
    case Op::Or:
    case Op::Xor: return std::max(w(0), w(1)) <= d;
    case Op::Add: return std::max(w(0), w(1)) + 1 <= d;
    case Op::Mul: return w(0) + w(1) <= d;
    case Op::Mux: return std::max(w(1), w(2)) <= d;
    case Op::Not:
    case Op::Nand:
    case Op::Sub: return d == 64;
    default: return false;  // compares are not masked; selects and concatenations have their own masks
    }
}
// Calls `use(offset, limbs)` for each value the instruction reads.
template <class Use>
void for_each_operand(const Program& p, const Instr& in, Use use)
{
    switch (in.kind) {
    case Kind::Copy:
    case Kind::Not:
    case Kind::Shift:
    case Kind::MemRead:
    case Kind::WMemRead:
    case Kind::AsyncReset: use(in.a, 1); break;
    case Kind::Mux:
        use(in.a, 1);
        use(in.b, 1);
        use(in.c, 1);
        break;
    case Kind::Gather:
    case Kind::WRuns:
        for (std::uint32_t r = in.aux; r < in.aux + in.aux2; ++r) use(p.runs[r].src, p.runs[r].src_n);
        break;
    case Kind::WCopy:
    case Kind::WNot: use(in.a, in.n); break;
    case Kind::WMux:
        use(in.a, 1);
        use(in.b, in.n);
        use(in.c, in.n);
        break;
    case Kind::And:
    case Kind::Or:
    case Kind::Xor:
    case Kind::Nand:
    case Kind::Add:
    case Kind::Sub:
    case Kind::Mul:
    case Kind::Lt:
    case Kind::Gt:
    case Kind::Eq:
        use(in.a, 1);
        use(in.b, 1);
        break;
    default:  // the wide binary ops
        use(in.a, in.n);
        use(in.b, in.n);
        break;
    }
}

// Reorders the instructions (a valid schedule either way) so that each value is computed shortly
// before it is used: depth first from the instructions nobody reads, each one after its operands.
// The levelized order computes a whole level before the next, so that many values are live at once
// and the compiled code spills them from the CPU's registers to the stack.
void order_depth_first(Program& p)
{
    const std::size_t count = p.instructions.size();
    std::vector<std::int32_t> producer(p.total_limbs, -1);
    for (std::size_t i = 0; i < count; ++i) {
        const Instr& in = p.instructions[i];
        const std::uint32_t limbs = in.kind == Kind::AsyncReset ? in.n : limbs::count(in.dbits);
        for (std::uint32_t k = 0; k < limbs; ++k) producer[in.d + k] = static_cast<std::int32_t>(i);
    }
    std::vector<std::vector<std::uint32_t>> inputs(count);
    std::vector<char> read(count, 0);
    for (std::size_t i = 0; i < count; ++i)
        for_each_operand(p, p.instructions[i], [&](std::uint32_t offset, std::uint32_t limbs) {
            for (std::uint32_t k = 0; k < limbs; ++k) {
                const std::int32_t from = producer[offset + k];
                if (from < 0 || static_cast<std::size_t>(from) == i) continue;
                auto& list = inputs[i];
                if (std::find(list.begin(), list.end(), static_cast<std::uint32_t>(from)) == list.end())
                    list.push_back(static_cast<std::uint32_t>(from));
                read[static_cast<std::size_t>(from)] = 1;
            }
        });
    std::vector<Instr> ordered;
    ordered.reserve(count);
    std::vector<char> done(count, 0);
    std::vector<std::pair<std::uint32_t, std::size_t>> stack;  // instruction, next operand to visit
    for (std::size_t sink = 0; sink < count; ++sink) {
        if (read[sink]) continue;
        stack.emplace_back(static_cast<std::uint32_t>(sink), 0);
        while (!stack.empty()) {
            auto& [i, next] = stack.back();
            if (next < inputs[i].size()) {
                const std::uint32_t operand = inputs[i][next++];
                if (!done[operand]) stack.emplace_back(operand, 0);
                continue;
            }
            if (!done[i]) {
                done[i] = 1;
                ordered.push_back(p.instructions[i]);
            }
            stack.pop_back();
        }
    }
    p.instructions = std::move(ordered);
}

}  // namespace

void share_copies(const Block& block, Schedule& schedule)
{
    const auto& wires = block.wires();
    for (std::uint32_t index : schedule.combinational) {  // in dependency order: chains resolve
        const LogicNet& net = block.nets()[index];
        if (net.op != Op::Wire) continue;
        const WireInfo &dest = wires[net.dest], &source = wires[net.args[0]];
        if (source.kind == WireKind::Input || dest.bitwidth < source.bitwidth ||
            limbs::count(dest.bitwidth) != limbs::count(source.bitwidth))
            continue;
        schedule.offset[net.dest] = schedule.offset[net.args[0]];
    }
}

Program lower(const Block& block, const Schedule& schedule)
{
    const auto& wires = block.wires();
    Program p;
    p.total_limbs = schedule.total_limbs;
    // A temporary whose storage a named wire shares (share_copies) is read through that name.
    std::vector<char> shared_with_named(schedule.total_limbs, 0);
    for (WireId w = 0; w < wires.size(); ++w)
        if (!is_temporary(wires[w]) && w < schedule.offset.size() && schedule.offset[w] < schedule.total_limbs)
            shared_with_named[schedule.offset[w]] = 1;
    const auto& nets = block.nets();
    auto off = [&](WireId w) { return schedule.offset[w]; };
    auto bits = [&](WireId w) { return wires[w].bitwidth; };
    p.is_literal.assign(schedule.total_limbs, 0);
    p.literal.assign(schedule.total_limbs, 0);
    for (WireId w = 0; w < wires.size(); ++w)
        if (wires[w].kind == WireKind::Const && wires[w].bitwidth <= 64 && off(w) < schedule.total_limbs) {
            p.is_literal[off(w)] = 1;
            p.literal[off(w)] = static_cast<u64>(truncate_value(wires[w].const_value, wires[w].bitwidth));
        }
    for (std::uint32_t index : schedule.combinational) {
        const LogicNet& net = nets[index];
        if (net.op == Op::Wire && off(net.dest) == off(net.args[0])) continue;  // shared storage (share_copies)
        if (net.op == Op::Reg) {  // an asynchronous reset (schedule.hpp)
            p.instructions.push_back(async_reset(block, schedule, net, p.constants));
            continue;
        }
        Instr in{};
        in.dbits = bits(net.dest);
        in.d = off(net.dest);
        in.mask = limbs::mask64(in.dbits);
        in.temp = is_temporary(wires[net.dest]) && !shared_with_named[in.d];
        if (!net.args.empty()) in.a = off(net.args[0]);
        if (net.args.size() > 1) in.b = off(net.args[1]);
        if (net.args.size() > 2) in.c = off(net.args[2]);
        bool narrow = in.dbits <= 64;
        for (WireId a : net.args) narrow = narrow && bits(a) <= 64;
        // Arguments of binary ops have equal widths; for a mux the cases do.
        WireId sized = net.op == Op::Mux ? net.args[1] : net.args.empty() ? net.dest : net.args[0];
        in.n = limbs::count(bits(sized));
        switch (net.op) {
        case Op::Wire: in.kind = narrow ? Kind::Copy : Kind::WCopy; break;
        case Op::Not: in.kind = narrow ? Kind::Not : Kind::WNot; break;
        case Op::And: in.kind = narrow ? Kind::And : Kind::WAnd; break;
        case Op::Or: in.kind = narrow ? Kind::Or : Kind::WOr; break;
        case Op::Xor: in.kind = narrow ? Kind::Xor : Kind::WXor; break;
        case Op::Nand: in.kind = narrow ? Kind::Nand : Kind::WNand; break;
        case Op::Add: in.kind = narrow ? Kind::Add : Kind::WAdd; break;
        case Op::Sub: in.kind = narrow ? Kind::Sub : Kind::WSub; break;
        case Op::Mul:
            // A narrow multiply whose product can exceed 64 bits still fits: only the low dbits are kept.
            in.kind = narrow ? Kind::Mul : Kind::WMul;
            break;
        case Op::Lt: in.kind = narrow ? Kind::Lt : Kind::WLt; break;
        case Op::Gt: in.kind = narrow ? Kind::Gt : Kind::WGt; break;
        case Op::Eq: in.kind = narrow ? Kind::Eq : Kind::WEq; break;
        case Op::Mux: in.kind = narrow ? Kind::Mux : Kind::WMux; break;
        case Op::Concat:
        case Op::Select: {
            in.aux = static_cast<std::uint32_t>(p.runs.size());
            if (net.op == Op::Select) {
                select_runs(net.bits, off(net.args[0]), limbs::count(bits(net.args[0])), p.runs);
            } else {
                std::uint32_t pos = 0;
                for (auto it = net.args.rbegin(); it != net.args.rend(); ++it) {
                    p.runs.push_back(
                        {off(*it), limbs::count(bits(*it)), 0, pos, static_cast<std::uint32_t>(bits(*it))});
                    pos += static_cast<std::uint32_t>(bits(*it));
                }
            }
            // Runs beyond the destination width are dropped (the destination may be narrower).
            std::uint32_t total = 0;
            for (std::size_t r = in.aux; r < p.runs.size();) {
                auto& run = p.runs[r];
                if (run.dst_pos >= static_cast<std::uint32_t>(in.dbits)) {
                    p.runs.erase(p.runs.begin() + static_cast<std::ptrdiff_t>(r));
                    continue;
                }
                run.len = std::min(run.len, static_cast<std::uint32_t>(in.dbits) - run.dst_pos);
                ++r;
                ++total;
            }
            in.aux2 = total;
            if (in.dbits <= 64) {
                const Run& first = p.runs[in.aux];
                if (total == 1 && first.src_n == 1 && first.dst_pos == 0 && !first.replicate) {
                    in.kind = Kind::Shift;
                    in.a = first.src;
                    in.aux = first.src_pos;
                    in.mask = limbs::mask64(static_cast<int>(first.len));
                } else {
                    in.kind = Kind::Gather;
                }
            } else {
                in.kind = Kind::WRuns;
            }
            break;
        }
        case Op::MemRead:
            in.kind = in.dbits <= 64 ? Kind::MemRead : Kind::WMemRead;
            in.aux = static_cast<std::uint32_t>(net.mem);
            break;
        case Op::Reg:
        case Op::MemWrite: break;  // not combinational
        }
        if (narrow && result_fits(net, wires)) in.mask = ~u64{0};
        p.instructions.push_back(in);
    }
    order_depth_first(p);
    std::uint32_t buf = 0;
    for (std::uint32_t index : schedule.registers) {
        const LogicNet& net = nets[index];
        RegisterSlot r{off(net.dest), off(net.args[0]), limbs::count(bits(net.args[0])),
                       buf,           bits(net.dest),   bits(net.args[0])};
        if (r.reg != buf)
            throw Error(fmt::format("internal error: register {} is not at the offset of its next-state slot "
                                    "(build_schedule places the registers first)",
                                    block.describe(net.dest)));
        buf += limbs::count(r.bits);
        p.registers.push_back(r);
    }
    p.next_state_limbs = buf;
    for (std::uint32_t index : schedule.memory_writes) {
        const LogicNet& net = nets[index];
        p.writes.push_back({static_cast<std::uint32_t>(net.mem), off(net.args[0]), off(net.args[1]), off(net.args[2])});
    }
    return p;
}

void evaluate(const Program& program, u64* v, const std::vector<MemoryState>& memories)
{
    const Run* runs = program.runs.data();
    for (const Instr& in : program.instructions) {
        switch (in.kind) {
#define RTLNET_EVALUATE(name, expr, masked)                                                                            \
    case Kind::name: {                                                                                                 \
        [[maybe_unused]] u64 a = v[in.a], b = v[in.b], c = v[in.c];                                                    \
        v[in.d] = (masked) ? static_cast<u64>(expr) & in.mask : static_cast<u64>(expr);                                \
        break;                                                                                                         \
    }
            RTLNET_NARROW_OPS(RTLNET_EVALUATE)
#undef RTLNET_EVALUATE
        case Kind::Shift: v[in.d] = (v[in.a] >> in.aux) & in.mask; break;
        case Kind::Gather: {
            u64 out = 0;
            for (std::uint32_t r = in.aux; r < in.aux + in.aux2; ++r) {
                const Run& run = runs[r];
                out |= run_chunk(v, run, 0, run.len) << run.dst_pos;
            }
            v[in.d] = out;
            break;
        }
        case Kind::MemRead: {
            const auto& mem = memories[in.aux];
            v[in.d] = mem.data[v[in.a] * mem.word_limbs];
            break;
        }
        case Kind::AsyncReset:
            if (v[in.a] == in.aux) std::memcpy(v + in.d, program.constants.data() + in.aux2, in.n * sizeof(u64));
            break;
        case Kind::WCopy: limbs::copy(v + in.d, in.dbits, v + in.a, in.n); break;
#define RTLNET_EVALUATE_WIDE(name, expr)                                                                               \
    case Kind::name: {                                                                                                 \
        for (std::uint32_t i = 0, dn = limbs::count(in.dbits); i < dn; ++i) {                                          \
            [[maybe_unused]] u64 a = v[in.a + i], b = v[in.b + i];                                                     \
            v[in.d + i] = expr;                                                                                        \
        }                                                                                                              \
        limbs::mask_top(v + in.d, in.dbits);                                                                           \
        break;                                                                                                         \
    }
            RTLNET_WIDE_BITWISE_OPS(RTLNET_EVALUATE_WIDE)
#undef RTLNET_EVALUATE_WIDE
        case Kind::WAdd: limbs::add(v + in.d, in.dbits, v + in.a, v + in.b, in.n); break;
        case Kind::WSub: limbs::sub(v + in.d, in.dbits, v + in.a, v + in.b, in.n); break;
        case Kind::WMul: {
            // The destination is a separate wire, so it cannot alias the arguments.
            limbs::mul(v + in.d, in.dbits, v + in.a, v + in.b, in.n);
            break;
        }
        case Kind::WLt: v[in.d] = limbs::compare(v + in.a, v + in.b, in.n) < 0; break;
        case Kind::WGt: v[in.d] = limbs::compare(v + in.a, v + in.b, in.n) > 0; break;
        case Kind::WEq: v[in.d] = limbs::compare(v + in.a, v + in.b, in.n) == 0; break;
        case Kind::WMux: limbs::copy(v + in.d, in.dbits, v + (v[in.a] ? in.c : in.b), in.n); break;
        case Kind::WRuns: {
            u64* d = v + in.d;
            limbs::zero(d, limbs::count(in.dbits));
            for (std::uint32_t r = in.aux; r < in.aux + in.aux2; ++r) {
                const Run& run = runs[r];
                for (std::uint32_t done = 0; done < run.len; done += 64) {
                    std::uint32_t len = std::min<std::uint32_t>(64, run.len - done);
                    limbs::deposit_chunk(d, run.dst_pos + done, run_chunk(v, run, done, len), len);
                }
            }
            break;
        }
        case Kind::WMemRead: {
            const auto& mem = memories[in.aux];
            std::memcpy(v + in.d, mem.data.data() + v[in.a] * mem.word_limbs, mem.word_limbs * sizeof(u64));
            break;
        }
        }
    }
}

}  // namespace rtl::program

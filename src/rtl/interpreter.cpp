// The built-in simulator: the schedule compiled into a flat array of instructions over a flat array
// of 64-bit limbs, with fast paths for values of up to 64 bits.

#include "rtl/simulation.hpp"

#include "limb_ops.hpp"
#include "rtl/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rtl {

namespace {

using limbs::u64;

enum class Kind : std::uint8_t {
    // every operand and the destination fit in one limb
    Copy, Not, And, Or, Xor, Nand, Add, Sub, Mul, Lt, Gt, Eq, Mux, Shift, Gather, MemRead,
    // general (any width)
    WCopy, WNot, WAnd, WOr, WXor, WNand, WAdd, WSub, WMul, WLt, WGt, WEq, WMux, WRuns, WMemRead,
};

struct Instr {
    Kind kind;
    int dbits;             // destination width
    std::uint32_t d;       // destination offset
    std::uint32_t a, b, c; // argument offsets
    std::uint32_t n;       // limbs of the (matched) arguments
    std::uint32_t aux;     // Shift: shift amount; Gather/WRuns: first run; MemRead: memory index
    std::uint32_t aux2;    // Gather/WRuns: number of runs
    u64 mask;              // destination mask (narrow)
};

// A run of bits copied from a source wire into the destination (concat and bit-select). A
// replicated run repeats one source bit `len` times (sign extension).
struct Run {
    std::uint32_t src;      // source offset
    std::uint32_t src_n;    // source limbs
    std::uint32_t src_pos;  // first source bit
    std::uint32_t dst_pos;  // first destination bit
    std::uint32_t len;
    bool replicate = false;
};

// The run's bits, in the low `len` bits (len <= 64).
inline u64 run_chunk(const u64* v, const Run& run, std::uint32_t offset, std::uint32_t len)
{
    if (run.replicate) return ((v[run.src + run.src_pos / 64] >> (run.src_pos % 64)) & 1) ? limbs::mask64(static_cast<int>(len)) : 0;
    return limbs::extract64(v + run.src, run.src_n, run.src_pos + offset) & limbs::mask64(static_cast<int>(len));
}

struct RegisterSlot {
    std::uint32_t reg;   // register offset
    std::uint32_t next;  // offset of the next-value wire
    std::uint32_t next_n;
    std::uint32_t buf;   // offset in the next-state buffer
    int bits;
};

struct MemoryState {
    std::string name;
    int bitwidth;
    int addrwidth;
    std::uint32_t word_limbs;
    std::vector<u64> data;
};

struct WriteSlot {
    std::uint32_t mem, addr, data, enable;
};

// Splits a select's bit list into runs of consecutive ascending bits and runs of one repeated bit.
void select_runs(const std::vector<int>& bits, std::uint32_t src, std::uint32_t src_n, std::vector<Run>& out)
{
    for (std::size_t i = 0; i < bits.size();) {
        std::size_t j = i + 1;
        while (j < bits.size() && bits[j] == bits[j - 1] + 1) ++j;
        bool replicate = false;
        if (j == i + 1) {
            while (j < bits.size() && bits[j] == bits[i]) ++j;
            replicate = j > i + 1;
        }
        out.push_back({src, src_n, static_cast<std::uint32_t>(bits[i]), static_cast<std::uint32_t>(i),
                       static_cast<std::uint32_t>(j - i), replicate});
        i = j;
    }
}

}  // namespace

class Interpreter {
public:
    Interpreter(Block& block, SimulationOptions options);

    void step(const InputValues& inputs);
    BigInt read(WireId id) const;
    WireId lookup(std::string_view name) const;
    std::map<std::uint64_t, BigInt> memory(std::string_view name) const;
    void write_memory(std::string_view name, std::uint64_t addr, const BigInt& value);

    Block& block;
    SimulationOptions options;
    Schedule schedule;
    SimulationTrace trace;
    std::uint64_t cycle = 0;
    std::vector<u64> values;
    std::vector<char> input_set;

    void set_input(WireId id, const BigInt& value);

private:
    void compile();
    void evaluate();
    void record_trace();

    std::vector<Instr> program_;
    std::vector<Run> runs_;
    std::vector<RegisterSlot> registers_;
    std::vector<u64> next_state_;
    std::vector<MemoryState> memories_;
    std::vector<WriteSlot> writes_;
    std::vector<std::pair<std::size_t, WireId>> traced_;  // trace signal, wire
    std::vector<WireId> inputs_;
};

Interpreter::Interpreter(Block& b, SimulationOptions opts)
    : block(b), options(std::move(opts)), schedule(build_schedule(b))
{
    const auto& wires = block.wires();
    values.assign(schedule.total_limbs, 0);
    input_set.assign(wires.size(), 0);
    auto store = [&](WireId id, const BigInt& v) {
        u64* dst = values.data() + schedule.offset[id];
        std::uint32_t n = limbs::count(wires[id].bitwidth);
        BigInt x = truncate_value(v, wires[id].bitwidth);
        for (std::uint32_t i = 0; i < n; ++i) {
            dst[i] = static_cast<u64>(x & BigInt(~u64{0}));
            x >>= 64;
        }
    };
    for (WireId id = 0; id < wires.size(); ++id) {
        if (wires[id].kind == WireKind::Const) store(id, wires[id].const_value);
        if (wires[id].kind == WireKind::Input) inputs_.push_back(id);
        if (wires[id].kind == WireKind::Register) {
            BigInt init = wires[id].reset_value.value_or(0);
            store(id, init);
            trace.initial_registers[wires[id].name] = init;
        }
    }
    for (const auto& [name, value] : options.register_values) {
        auto id = block.find_wire(name);
        if (!id || wires[*id].kind != WireKind::Register)
            throw SimulationError(fmt::format("register_values names \"{}\", which is not a register of the design", name));
        if (value < 0 || bit_length(value) > wires[*id].bitwidth)
            throw SimulationError(fmt::format("initial value {} does not fit register {}", value.str(), block.describe(*id)));
        store(*id, value);
        trace.initial_registers[name] = value;
    }

    for (const auto& m : block.memories()) {
        if (m.addrwidth > 24)
            throw SimulationError(fmt::format("memory \"{}\" has a {}-bit address; the simulator holds memories of up "
                                              "to 2^24 words",
                                              m.name, m.addrwidth));
        MemoryState state{m.name, m.bitwidth, m.addrwidth, limbs::count(m.bitwidth), {}};
        state.data.assign((std::size_t{1} << m.addrwidth) * state.word_limbs, 0);
        for (std::size_t addr = 0; addr < m.romdata.size(); ++addr) {
            BigInt x = m.romdata[addr];
            for (std::uint32_t i = 0; i < state.word_limbs; ++i, x >>= 64)
                state.data[addr * state.word_limbs + i] = static_cast<u64>(x & BigInt(~u64{0}));
        }
        memories_.push_back(std::move(state));
    }
    for (const auto& [name, words] : options.memory_values) {
        for (const auto& [addr, value] : words) write_memory(name, addr, value);
        trace.initial_memories[name] = words;
    }

    compile();

    if (options.trace) {
        std::vector<char> wanted(wires.size(), 0);
        if (options.traced_wires.empty()) {
            for (WireId id = 0; id < wires.size(); ++id) {
                const auto& n = wires[id].name;
                wanted[id] = !(n.starts_with("tmp") || n.starts_with("const_"));
            }
        } else {
            for (const auto& name : options.traced_wires) wanted[lookup(name)] = 1;
        }
        for (WireId id : inputs_) wanted[id] = 1;
        std::vector<WireId> ids;
        for (WireId id = 0; id < wires.size(); ++id)
            if (wanted[id] && wires[id].kind != WireKind::Const &&
                (wires[id].kind != WireKind::Wire || block.driver(id)))  // unconnected wires are ignored
                ids.push_back(id);
        std::sort(ids.begin(), ids.end(), [&](WireId x, WireId y) { return natural_less(wires[x].name, wires[y].name); });
        for (WireId id : ids) {
            SimulationTrace::Signal s;
            s.name = wires[id].name;
            s.bitwidth = wires[id].bitwidth;
            s.is_input = wires[id].kind == WireKind::Input;
            s.enum_names = wires[id].enum_names;
            traced_.emplace_back(trace.add_signal(std::move(s)), id);
        }
    }
}

void Interpreter::compile()
{
    const auto& wires = block.wires();
    const auto& nets = block.nets();
    auto off = [&](WireId w) { return schedule.offset[w]; };
    auto bits = [&](WireId w) { return wires[w].bitwidth; };
    for (std::uint32_t index : schedule.combinational) {
        const LogicNet& net = nets[index];
        Instr in{};
        in.dbits = bits(net.dest);
        in.d = off(net.dest);
        in.mask = limbs::mask64(in.dbits);
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
            in.aux = static_cast<std::uint32_t>(runs_.size());
            if (net.op == Op::Select) {
                select_runs(net.bits, off(net.args[0]), limbs::count(bits(net.args[0])), runs_);
            } else {
                std::uint32_t pos = 0;
                for (auto it = net.args.rbegin(); it != net.args.rend(); ++it) {
                    runs_.push_back({off(*it), limbs::count(bits(*it)), 0, pos, static_cast<std::uint32_t>(bits(*it))});
                    pos += static_cast<std::uint32_t>(bits(*it));
                }
            }
            // Runs beyond the destination width are dropped (the destination may be narrower).
            std::uint32_t total = 0;
            for (std::size_t r = in.aux; r < runs_.size();) {
                auto& run = runs_[r];
                if (run.dst_pos >= static_cast<std::uint32_t>(in.dbits)) {
                    runs_.erase(runs_.begin() + static_cast<std::ptrdiff_t>(r));
                    continue;
                }
                run.len = std::min(run.len, static_cast<std::uint32_t>(in.dbits) - run.dst_pos);
                ++r;
                ++total;
            }
            in.aux2 = total;
            if (in.dbits <= 64) {
                const Run& first = runs_[in.aux];
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
        program_.push_back(in);
    }
    std::uint32_t buf = 0;
    for (std::uint32_t index : schedule.registers) {
        const LogicNet& net = nets[index];
        RegisterSlot r{off(net.dest), off(net.args[0]), limbs::count(bits(net.args[0])), buf, bits(net.dest)};
        buf += limbs::count(r.bits);
        registers_.push_back(r);
    }
    next_state_.assign(buf, 0);
    for (std::uint32_t index : schedule.memory_writes) {
        const LogicNet& net = nets[index];
        writes_.push_back({static_cast<std::uint32_t>(net.mem), off(net.args[0]), off(net.args[1]), off(net.args[2])});
    }
}

void Interpreter::evaluate()
{
    u64* v = values.data();
    const Run* runs = runs_.data();
    for (const Instr& in : program_) {
        switch (in.kind) {
        case Kind::Copy: v[in.d] = v[in.a] & in.mask; break;
        case Kind::Not: v[in.d] = ~v[in.a] & in.mask; break;
        case Kind::And: v[in.d] = v[in.a] & v[in.b] & in.mask; break;
        case Kind::Or: v[in.d] = (v[in.a] | v[in.b]) & in.mask; break;
        case Kind::Xor: v[in.d] = (v[in.a] ^ v[in.b]) & in.mask; break;
        case Kind::Nand: v[in.d] = ~(v[in.a] & v[in.b]) & in.mask; break;
        case Kind::Add: v[in.d] = (v[in.a] + v[in.b]) & in.mask; break;
        case Kind::Sub: v[in.d] = (v[in.a] - v[in.b]) & in.mask; break;
        case Kind::Mul: v[in.d] = (v[in.a] * v[in.b]) & in.mask; break;
        case Kind::Lt: v[in.d] = v[in.a] < v[in.b]; break;
        case Kind::Gt: v[in.d] = v[in.a] > v[in.b]; break;
        case Kind::Eq: v[in.d] = v[in.a] == v[in.b]; break;
        case Kind::Mux: v[in.d] = (v[in.a] ? v[in.c] : v[in.b]) & in.mask; break;
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
            const auto& mem = memories_[in.aux];
            v[in.d] = mem.data[v[in.a] * mem.word_limbs];
            break;
        }
        case Kind::WCopy: limbs::copy(v + in.d, in.dbits, v + in.a, in.n); break;
        case Kind::WNot:
        case Kind::WAnd:
        case Kind::WOr:
        case Kind::WXor:
        case Kind::WNand: {
            std::uint32_t dn = limbs::count(in.dbits);
            for (std::uint32_t i = 0; i < dn; ++i) {
                u64 x = v[in.a + i], y = in.kind == Kind::WNot ? 0 : v[in.b + i];
                v[in.d + i] = in.kind == Kind::WNot   ? ~x
                              : in.kind == Kind::WAnd ? x & y
                              : in.kind == Kind::WOr  ? x | y
                              : in.kind == Kind::WXor ? x ^ y
                                                      : ~(x & y);
            }
            limbs::mask_top(v + in.d, in.dbits);
            break;
        }
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
            const auto& mem = memories_[in.aux];
            std::memcpy(v + in.d, mem.data.data() + v[in.a] * mem.word_limbs, mem.word_limbs * sizeof(u64));
            break;
        }
        }
    }
}

void Interpreter::set_input(WireId id, const BigInt& value)
{
    const auto& w = block.wire(id);
    if (w.kind != WireKind::Input) throw SimulationError(fmt::format("{} is not an Input", block.describe(id)));
    BigInt encoded;
    try {
        encoded = infer_val_and_bitwidth(value, w.bitwidth, value < 0).value;
    } catch (const Error&) {
        throw SimulationError(fmt::format("the bitwidth of Input \"{}\" is {}, but the value {} needs {} bits", w.name,
                                          w.bitwidth, value.str(),
                                          value < 0 ? bit_length(-value - 1) + 1 : bit_length(value)));
    }
    u64* dst = values.data() + schedule.offset[id];
    std::uint32_t n = limbs::count(w.bitwidth);
    if (n == 1) {
        dst[0] = static_cast<u64>(encoded);
    } else {
        for (std::uint32_t i = 0; i < n; ++i, encoded >>= 64) dst[i] = static_cast<u64>(encoded & BigInt(~u64{0}));
    }
    input_set[id] = 1;
}

void Interpreter::step(const InputValues& inputs)
{
    u64* v = values.data();
    if (cycle > 0) {
        for (const auto& r : registers_)
            std::memcpy(v + r.reg, next_state_.data() + r.buf, limbs::count(r.bits) * sizeof(u64));
    }
    for (const auto& [name, value] : inputs) {
        auto id = block.find_wire(name);
        if (!id || block.wire(*id).kind != WireKind::Input)
            throw SimulationError(fmt::format("step() was given a value for \"{}\", which is not an Input of the design",
                                              name));
        set_input(*id, value);
    }
    for (WireId id : inputs_)
        if (!input_set[id])
            throw SimulationError(fmt::format("Input \"{}\" has no input value specified (cycle {})", block.wire(id).name,
                                              cycle));
    evaluate();
    for (const auto& w : writes_) {
        if (!(v[w.enable] & 1)) continue;
        auto& mem = memories_[w.mem];
        std::memcpy(mem.data.data() + v[w.addr] * mem.word_limbs, v + w.data, mem.word_limbs * sizeof(u64));
    }
    if (options.trace) record_trace();
    for (const auto& r : registers_) limbs::copy(next_state_.data() + r.buf, r.bits, v + r.next, r.next_n);
    for (const auto& [output, message] : block.assertions()) {
        if (!(v[schedule.offset[output]] & 1))
            throw AssertionFailure(fmt::format("rtl_assert failed in cycle {}: {}", cycle, message));
    }
    ++cycle;
}

void Interpreter::record_trace()
{
    for (const auto& [signal, id] : traced_)
        trace.append(signal, values.data() + schedule.offset[id], limbs::count(block.wire(id).bitwidth));
    trace.end_cycle();
}

void Interpreter::write_memory(std::string_view name, std::uint64_t addr, const BigInt& value)
{
    auto index = block.find_memory(name);
    if (!index) throw SimulationError(fmt::format("\"{}\" is not a memory of the simulated design", name));
    if (block.memories()[static_cast<std::size_t>(*index)].is_rom)
        throw SimulationError(fmt::format("cannot write ROM \"{}\": its contents are part of the design", name));
    auto& mem = memories_[static_cast<std::size_t>(*index)];
    if (addr >> mem.addrwidth)
        throw SimulationError(fmt::format("address {} is out of range for memory \"{}\" ({} words)", addr, name,
                                          std::uint64_t{1} << mem.addrwidth));
    BigInt x;
    try {
        x = infer_val_and_bitwidth(value, mem.bitwidth, value < 0).value;
    } catch (const Error&) {
        throw SimulationError(fmt::format("word {} = {} does not fit the {}-bit words of memory \"{}\"", addr,
                                          value.str(), mem.bitwidth, name));
    }
    for (std::uint32_t i = 0; i < mem.word_limbs; ++i, x >>= 64)
        mem.data[addr * mem.word_limbs + i] = static_cast<u64>(x & BigInt(~u64{0}));
}

BigInt Interpreter::read(WireId id) const
{
    const u64* src = values.data() + schedule.offset[id];
    std::uint32_t n = limbs::count(block.wire(id).bitwidth);
    BigInt out = 0;
    for (std::uint32_t i = n; i-- > 0;) out = (out << 64) | BigInt(src[i]);
    return out;
}

WireId Interpreter::lookup(std::string_view name) const
{
    auto id = block.find_wire(name);
    if (!id) throw SimulationError(fmt::format("no wire named \"{}\" in the simulated design", name));
    return *id;
}

std::map<std::uint64_t, BigInt> Interpreter::memory(std::string_view name) const
{
    auto index = block.find_memory(name);
    if (!index) throw SimulationError(fmt::format("no memory named \"{}\" in the simulated design", name));
    const auto& mem = memories_[static_cast<std::size_t>(*index)];
    std::map<std::uint64_t, BigInt> out;
    std::size_t words = std::size_t{1} << mem.addrwidth;
    for (std::size_t addr = 0; addr < words; ++addr) {
        const u64* w = mem.data.data() + addr * mem.word_limbs;
        if (limbs::is_zero(w, mem.word_limbs)) continue;
        BigInt x = 0;
        for (std::uint32_t i = mem.word_limbs; i-- > 0;) x = (x << 64) | BigInt(w[i]);
        out[addr] = x;
    }
    return out;
}

// ---- Simulation ----

Simulation::Simulation(Block& block, SimulationOptions options)
    : impl_(std::make_unique<Interpreter>(block, std::move(options)))
{
}

Simulation::~Simulation() = default;
Simulation::Simulation(Simulation&&) noexcept = default;
Simulation& Simulation::operator=(Simulation&&) noexcept = default;

void Simulation::step(const InputValues& inputs)
{
    impl_->step(inputs);
}

void Simulation::step_multiple(const std::map<std::string, std::vector<BigInt>>& inputs, std::size_t nsteps)
{
    std::size_t length = 0;
    for (const auto& [name, values] : inputs) {
        if (length != 0 && values.size() != length)
            throw SimulationError(fmt::format("step_multiple: every input needs the same number of values (\"{}\" has {}, "
                                              "others {})",
                                              name, values.size(), length));
        length = values.size();
    }
    if (nsteps == 0) nsteps = length;
    if (nsteps == 0) throw SimulationError("step_multiple: give input values or a number of steps");
    if (!inputs.empty() && nsteps > length)
        throw SimulationError(fmt::format("step_multiple: {} steps requested but only {} values given", nsteps, length));
    InputValues step_inputs;
    for (std::size_t i = 0; i < nsteps; ++i) {
        for (const auto& [name, values] : inputs) step_inputs[name] = values[i];
        step(step_inputs);
    }
}

std::size_t Simulation::step_until(const std::function<bool()>& done, std::size_t max_cycles, const InputValues& inputs)
{
    for (std::size_t i = 1; i <= max_cycles; ++i) {
        step(inputs);
        if (done()) return i;
    }
    throw SimulationError(fmt::format("step_until: the condition did not become true within {} cycles", max_cycles));
}

BigInt Simulation::inspect(std::string_view name) const
{
    return impl_->read(impl_->lookup(name));
}

std::uint64_t Simulation::inspect_u64(std::string_view name) const
{
    WireId id = impl_->lookup(name);
    if (impl_->block.wire(id).bitwidth > 64)
        throw SimulationError(fmt::format("inspect_u64: \"{}\" is {} bits; use inspect()", name,
                                          impl_->block.wire(id).bitwidth));
    return value_u64(id);
}

std::map<std::uint64_t, BigInt> Simulation::inspect_mem(std::string_view memory_name) const
{
    return impl_->memory(memory_name);
}

void Simulation::write_memory(std::string_view memory_name, std::uint64_t address, const BigInt& value)
{
    impl_->write_memory(memory_name, address, value);
}

std::uint64_t Simulation::cycle() const { return impl_->cycle; }
const SimulationTrace& Simulation::trace() const { return impl_->trace; }
const Schedule& Simulation::schedule() const { return impl_->schedule; }
WireId Simulation::wire_id(std::string_view name) const { return impl_->lookup(name); }

std::uint64_t Simulation::value_u64(WireId id) const
{
    return impl_->values[impl_->schedule.offset.at(id)];
}

void Simulation::set_input(WireId input, const BigInt& value)
{
    impl_->set_input(input, value);
}

}  // namespace rtl

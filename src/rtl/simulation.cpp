// The built-in simulator: owns the state (values, memories, next register values, trace) and steps
// the lowered program (program.hpp) through it, interpreted or compiled.

#include "rtl/simulation.hpp"

#include "compiled_backend.hpp"
#include "program.hpp"
#include "rtl/error.hpp"
#include "rtl/passes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdlib>
#include <iostream>

namespace rtl {

using namespace program;

class Interpreter {
public:
    Interpreter(const Block& user_block, SimulationOptions options);

    void step(const InputValues& inputs);
    void step();  // with the inputs as they are
    BigInt read(WireId id) const;
    WireId lookup(std::string_view name) const;
    std::map<std::uint64_t, BigInt> memory(std::string_view name) const;
    void write_memory(std::string_view name, std::uint64_t addr, const BigInt& value);

    SimulationOptions options;
    std::unique_ptr<Block> design;  // the user's block after the pipeline: what is simulated
    const Block& block;
    Schedule schedule;
    SimulationTrace trace;
    std::uint64_t cycle = 0;
    std::vector<u64> values;
    std::vector<char> input_set;
    std::vector<char> narrow;  // per wire: at most 64 bits (value_u64 may read it)
    std::vector<std::pair<WireId, std::string>> assertions;  // as built; later additions are not simulated

    void set_input(WireId id, const BigInt& value);
    void set_input_limbs(WireId id, std::span<const u64> limbs);
    void set_input_u64(WireId id, u64 value)
    {
        if (id < input_mask.size() && input_mask[id] != 0 && (value & ~input_mask[id]) == 0) {
            values[schedule.offset[id]] = value;
            mark_set(id);
            return;
        }
        const WireInfo& w = input_wire(id);
        if (w.bitwidth > 64)
            throw SimulationError(fmt::format("set_input_u64: Input \"{}\" is {} bits; use set_input or "
                                              "set_input_limbs",
                                              w.name, w.bitwidth));
        throw SimulationError(fmt::format("the bitwidth of Input \"{}\" is {}, but the value {} needs {} bits", w.name,
                                          w.bitwidth, value, 64 - std::countl_zero(value)));
    }
    std::vector<u64> input_mask;  // per wire: the value mask of a narrow Input, 0 otherwise
    std::vector<Simulation::InputSlot> input_slots;  // Simulation::set_input_u64's inline path
    const WireInfo& input_wire(WireId id) const;
    // The Input called `name`; `caller` names the function for the error.
    WireId input_named(std::string_view name, std::string_view caller) const;
    void mark_set(WireId id)
    {
        if (!input_set[id]) {
            input_set[id] = 1;
            --missing_inputs_;
            if (input_mask[id] != 0) input_slots[id] = {values.data() + schedule.offset[id], input_mask[id]};
        }
    }
    void set_inputs(const InputValues& inputs);
    void check_inputs_set() const;
    void step_many(std::uint64_t cycles, const InputValues& inputs);
    std::uint64_t run_until(WireId id, std::uint64_t max_cycles, const InputValues& inputs);

    std::unique_ptr<CompiledProgram> compiled;
    std::string fallback_reason;

    /// Where the value at `offset` is: a register's in the current register bank, anything else's in
    /// `values`. The interpreter keeps the registers in `values` (it copies the next-state buffer in at
    /// each clock edge); compiled code takes turns between that region and the buffer (Program).
    const u64* at(std::uint32_t offset) const { return (offset < bank_limbs_ ? banks_[0] : values.data()) + offset; }

    bool can_run_compiled() const { return compiled && !options.trace && assertions.empty(); }

    // The state Simulation::step() works on directly once a first step is made (Simulation::FastStep).
    std::vector<u64*> memory_pointers_;
    u64* banks_[2] = {nullptr, nullptr};  // the registers' values in the last cycle, and the next ones
    std::size_t missing_inputs_ = 0;  // Inputs never given a value

private:
    void record_trace();

    Program program_;
    std::vector<u64> next_state_;
    std::uint32_t bank_limbs_ = 0;
    std::vector<MemoryState> memories_;
    std::vector<WriteSlot> writes_;
    std::vector<std::pair<std::size_t, WireId>> traced_;  // trace signal, wire
    std::vector<WireId> inputs_;
};

Interpreter::Interpreter(const Block& user_block, SimulationOptions opts)
    : options(std::move(opts)),
      design(optimize(user_block, {.pipeline = options.pipeline, .keep_named_wires = true, .lower_resets = true})),
      block(*design), schedule(build_schedule(block))
{
    const auto& wires = block.wires();
    values.assign(schedule.total_limbs, 0);
    input_set.assign(wires.size(), 0);
    narrow.assign(wires.size(), 0);
    input_mask.assign(wires.size(), 0);
    input_slots.assign(wires.size(), {});
    for (WireId id = 0; id < wires.size(); ++id) {
        narrow[id] = wires[id].bitwidth <= 64;
        if (wires[id].kind == WireKind::Input && narrow[id]) input_mask[id] = limbs::mask64(wires[id].bitwidth);
    }
    assertions = block.assertions();
    auto store = [&](WireId id, const BigInt& v) {
        to_limbs(truncate_value(v, wires[id].bitwidth), values.data() + schedule.offset[id],
                 limbs::count(wires[id].bitwidth));
    };
    for (WireId id = 0; id < wires.size(); ++id) {
        if (wires[id].kind == WireKind::Const) store(id, wires[id].const_value);
        if (wires[id].kind == WireKind::Input) {
            inputs_.push_back(id);
            ++missing_inputs_;
        }
        if (wires[id].kind == WireKind::Register) {
            BigInt init = wires[id].reset_value.value_or(0);
            store(id, init);
            trace.initial_registers[wires[id].name] = init;
        }
    }
    for (const auto& [name, value] : options.register_values) {
        auto id = block.find_wire(name);
        if (!id || wires[*id].kind != WireKind::Register)
            throw SimulationError(
                fmt::format("register_values names \"{}\", which is not a register of the design", name));
        if (value < 0 || bit_length(value) > wires[*id].bitwidth)
            throw SimulationError(
                fmt::format("initial value {} does not fit register {}", value.str(), block.describe(*id)));
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
        for (std::size_t addr = 0; addr < m.romdata.size(); ++addr)
            to_limbs(m.romdata[addr], state.data.data() + addr * state.word_limbs, state.word_limbs);
        memories_.push_back(std::move(state));
    }
    for (const auto& [name, words] : options.memory_values) {
        for (const auto& [addr, value] : words) write_memory(name, addr, value);
        trace.initial_memories[name] = words;
    }

    share_copies(block, schedule);
    program_ = lower(block, schedule);
    next_state_.assign(program_.next_state_limbs, 0);
    banks_[0] = values.data();
    banks_[1] = next_state_.data();
    bank_limbs_ = program_.next_state_limbs;
    for (auto& m : memories_) memory_pointers_.push_back(m.data.data());
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
        std::sort(ids.begin(), ids.end(),
                  [&](WireId x, WireId y) { return natural_less(wires[x].name, wires[y].name); });
        for (WireId id : ids) {
            SimulationTrace::Signal s;
            s.name = wires[id].name;
            s.bitwidth = wires[id].bitwidth;
            s.is_input = wires[id].kind == WireKind::Input;
            s.enum_names = wires[id].enum_names;
            traced_.emplace_back(trace.add_signal(std::move(s)), id);
            // A traced temporary stays in the state array, every limb of it.
            for (std::uint32_t i = 0; i < limbs::count(wires[id].bitwidth); ++i)
                program_.observed.push_back(schedule.offset[id] + i);
        }
    }

    if (options.mode == SimulationMode::Compiled) {
        compiled = CompiledProgram::build(
            program_, memories_, options.cache_dir.empty() ? default_cache_dir() : options.cache_dir, fallback_reason);
        if (!compiled)
            std::cerr << "rtlnet: compiled simulation unavailable, using the interpreter: " << fallback_reason << "\n";
    }
}

const WireInfo& Interpreter::input_wire(WireId id) const
{
    if (id >= schedule.offset.size())
        throw SimulationError(fmt::format("wire id {} is not a wire of the simulated design (use wire_id() of this "
                                          "Simulation)",
                                          id));
    const auto& w = block.wire(id);
    if (w.kind != WireKind::Input) throw SimulationError(fmt::format("{} is not an Input", block.describe(id)));
    return w;
}

void Interpreter::set_input_limbs(WireId id, std::span<const u64> given)
{
    const WireInfo& w = input_wire(id);
    const std::uint32_t n = limbs::count(w.bitwidth);
    if (given.size() != n)
        throw SimulationError(fmt::format("set_input_limbs: Input \"{}\" is {} bits, i.e. {} limbs, but {} were given",
                                          w.name, w.bitwidth, n, given.size()));
    if ((given[n - 1] & ~limbs::top_mask(w.bitwidth)) != 0)
        throw SimulationError(fmt::format(
            "set_input_limbs: the value for Input \"{}\" has bits set above its width of {}", w.name, w.bitwidth));
    std::copy(given.begin(), given.end(), values.begin() + schedule.offset[id]);
    mark_set(id);
}

void Interpreter::set_input(WireId id, const BigInt& value)
{
    const WireInfo& w = input_wire(id);
    if (w.bitwidth <= 64 && value >= 0 && value <= limbs::mask64(w.bitwidth)) {  // the common case, no allocation
        values[schedule.offset[id]] = static_cast<u64>(value);
        mark_set(id);
        return;
    }
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
    if (n == 1) dst[0] = static_cast<u64>(encoded);
    else to_limbs(encoded, dst, n);
    mark_set(id);
}

void Interpreter::step(const InputValues& inputs)
{
    set_inputs(inputs);
    step();
}

void Interpreter::step()
{
    u64* v = values.data();
    if (missing_inputs_ != 0) check_inputs_set();
    if (compiled) {
        // One whole cycle in compiled code: registers, logic, memory writes, next register values.
        compiled->step(v, memory_pointers_.data(), banks_, cycle > 0);
    } else {
        // The clock edge: the registers are the first limbs of `values`, laid out as the buffer.
        if (cycle > 0 && !next_state_.empty()) std::memcpy(v, next_state_.data(), next_state_.size() * sizeof(u64));
        evaluate(program_, v, memories_);
        for (const auto& w : program_.writes) {
            if (!(v[w.enable] & 1)) continue;
            auto& mem = memories_[w.mem];
            std::memcpy(mem.data.data() + v[w.addr] * mem.word_limbs, v + w.data, mem.word_limbs * sizeof(u64));
        }
        for (const auto& r : program_.registers) limbs::copy(next_state_.data() + r.buf, r.bits, v + r.next, r.next_n);
    }
    if (options.trace) record_trace();
    ++cycle;
    for (const auto& [output, message] : assertions) {
        if (!(*at(schedule.offset[output]) & 1))
            throw AssertionFailure(fmt::format("rtl_assert failed in cycle {}: {}", cycle - 1, message));
    }
}

WireId Interpreter::input_named(std::string_view name, std::string_view caller) const
{
    auto id = block.find_wire(name);
    if (!id || block.wire(*id).kind != WireKind::Input)
        throw SimulationError(fmt::format("{} was given \"{}\", which is not an Input of the design (Inputs added "
                                          "after the Simulation was built are not part of it)",
                                          caller, name));
    return *id;
}

void Interpreter::set_inputs(const InputValues& inputs)
{
    for (const auto& [name, value] : inputs) set_input(input_named(name, "step()"), value);
}

void Interpreter::check_inputs_set() const
{
    if (missing_inputs_ == 0) return;
    for (WireId id : inputs_)
        if (!input_set[id])
            throw SimulationError(
                fmt::format("Input \"{}\" has no input value specified (cycle {})", block.wire(id).name, cycle));
}

void Interpreter::step_many(std::uint64_t cycles, const InputValues& inputs)
{
    if (!can_run_compiled()) {
        for (std::uint64_t i = 0; i < cycles; ++i) step(inputs);
        return;
    }
    set_inputs(inputs);
    check_inputs_set();
    cycle += compiled->run(values.data(), memory_pointers_.data(), banks_, cycles, cycle > 0, -1);
}

std::uint64_t Interpreter::run_until(WireId id, std::uint64_t max_cycles, const InputValues& inputs)
{
    if (block.wire(id).bitwidth != 1)
        throw SimulationError(fmt::format("run_until needs a 1-bit wire, but {} has {} bits", block.describe(id),
                                          block.wire(id).bitwidth));
    std::uint64_t steps = 0;
    if (can_run_compiled()) {
        set_inputs(inputs);
        check_inputs_set();
        steps = compiled->run(values.data(), memory_pointers_.data(), banks_, max_cycles, cycle > 0,
                              static_cast<std::int64_t>(schedule.offset[id]));
        cycle += steps;
    } else {
        while (steps < max_cycles) {
            step(inputs);
            ++steps;
            if (*at(schedule.offset[id])) break;
        }
    }
    if (!*at(schedule.offset[id]))
        throw SimulationError(
            fmt::format("run_until: \"{}\" did not become 1 within {} cycles", block.wire(id).name, max_cycles));
    return steps;
}

void Interpreter::record_trace()
{
    for (const auto& [signal, id] : traced_)
        trace.append(signal, at(schedule.offset[id]), limbs::count(block.wire(id).bitwidth));
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
    to_limbs(x, mem.data.data() + addr * mem.word_limbs, mem.word_limbs);
}

BigInt Interpreter::read(WireId id) const
{
    return from_limbs(at(schedule.offset[id]), limbs::count(block.wire(id).bitwidth));
}

WireId Interpreter::lookup(std::string_view name) const
{
    auto id = block.find_wire(name);
    if (!id) {
        if (name.starts_with("tmp"))
            throw SimulationError(fmt::format("no wire named \"{}\" in the simulated design: temporaries (names "
                                              "starting with \"tmp\") are removed by optimization; name the wire, or "
                                              "simulate with pipeline = \"none\"",
                                              name));
        throw SimulationError(fmt::format("no wire named \"{}\" in the simulated design (wires added after the "
                                          "Simulation was built are not part of it)",
                                          name));
    }
    bool local = false;  // (a wide temporary's limbs may each be a local)
    for (std::uint32_t i = 0; compiled && i < limbs::count(block.wire(*id).bitwidth); ++i)
        local = local || compiled->is_local(schedule.offset[*id] + i);
    if (local)
        throw SimulationError(fmt::format("\"{}\" is a compiler temporary that compiled simulation keeps in a CPU "
                                          "register, so it cannot be read; name the wire, trace it, or use the "
                                          "interpreter",
                                          name));
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
        out[addr] = from_limbs(w, mem.word_limbs);
    }
    return out;
}

// ---- Simulation ----

SimulationMode default_simulation_mode()
{
    const char* mode = std::getenv("RTLNET_SIMULATION_MODE");
    if (!mode || !*mode || std::string_view(mode) == "interpreter") return SimulationMode::Interpreter;
    if (std::string_view(mode) == "compiled") return SimulationMode::Compiled;
    throw SimulationError(fmt::format("RTLNET_SIMULATION_MODE is \"{}\"; use \"interpreter\" or \"compiled\"", mode));
}

Simulation::Simulation(const Block& block, SimulationOptions options)
    : impl_(std::make_unique<Interpreter>(block, std::move(options)))
{
    input_slots_ = impl_->input_slots.data();
    input_slot_count_ = static_cast<std::uint32_t>(impl_->input_slots.size());  // wire ids are 32 bits
    missing_inputs_ = &impl_->missing_inputs_;
    static std::atomic<std::uint64_t> next_serial{1};
    serial_ = next_serial.fetch_add(1, std::memory_order_relaxed);
}

Simulation::~Simulation() = default;
Simulation::Simulation(Simulation&&) noexcept = default;
Simulation& Simulation::operator=(Simulation&&) noexcept = default;

void Simulation::step(const InputValues& inputs)
{
    impl_->step(inputs);
}

void Simulation::step_checked()
{
    Interpreter& sim = *impl_;
    sim.step();
    // From now on every step has a clock edge and every Input has a value: step() can run the
    // compiled cycle itself.
    if (sim.can_run_compiled())
        fast_step_ = {sim.compiled->cycle_function(), sim.values.data(), sim.memory_pointers_.data(), sim.banks_,
                      &sim.cycle};
}

void Simulation::step_multiple(const std::map<std::string, std::vector<BigInt>>& inputs, std::size_t nsteps)
{
    std::size_t length = 0;
    for (const auto& [name, values] : inputs) {
        if (length != 0 && values.size() != length)
            throw SimulationError(
                fmt::format("step_multiple: every input needs the same number of values (\"{}\" has {}, "
                            "others {})",
                            name, values.size(), length));
        length = values.size();
    }
    if (nsteps == 0) nsteps = length;
    if (nsteps == 0) throw SimulationError("step_multiple: give input values or a number of steps");
    if (!inputs.empty() && nsteps > length)
        throw SimulationError(
            fmt::format("step_multiple: {} steps requested but only {} values given", nsteps, length));
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
        throw SimulationError(
            fmt::format("inspect_u64: \"{}\" is {} bits; use inspect()", name, impl_->block.wire(id).bitwidth));
    return value_u64(id);
}

std::map<std::uint64_t, BigInt> Simulation::inspect_mem(std::string_view memory_name) const
{
    return impl_->memory(memory_name);
}

void Simulation::step_many(std::uint64_t cycles, const InputValues& inputs)
{
    impl_->step_many(cycles, inputs);
}

std::uint64_t Simulation::run_until(std::string_view name, std::uint64_t max_cycles, const InputValues& inputs)
{
    return impl_->run_until(impl_->lookup(name), max_cycles, inputs);
}

bool Simulation::is_compiled() const
{
    return impl_->compiled != nullptr;
}

const std::string& Simulation::fallback_reason() const
{
    return impl_->fallback_reason;
}

void Simulation::write_memory(std::string_view memory_name, std::uint64_t address, const BigInt& value)
{
    impl_->write_memory(memory_name, address, value);
}

std::uint64_t Simulation::cycle() const
{
    return impl_->cycle;
}
const SimulationTrace& Simulation::trace() const
{
    return impl_->trace;
}
const Schedule& Simulation::schedule() const
{
    return impl_->schedule;
}
WireId Simulation::wire_id(std::string_view name) const
{
    return impl_->lookup(name);
}

std::uint64_t Simulation::value_u64(WireId id) const
{
    // The fast path: one bounds check and one width check (a wider value would be cut to 64 bits).
    if (id >= impl_->narrow.size())
        throw SimulationError(fmt::format("value_u64: wire id {} is not a wire of the simulated design", id));
    if (!impl_->narrow[id])
        throw SimulationError(fmt::format("value_u64: \"{}\" is {} bits; use inspect() or value_limbs()",
                                          impl_->block.wire(id).name, impl_->block.wire(id).bitwidth));
    return *impl_->at(impl_->schedule.offset[id]);
}

void Simulation::set_input(WireId input, const BigInt& value)
{
    impl_->set_input(input, value);
}

Simulation::InputGroup Simulation::input_group(std::span<const WireId> inputs) const
{
    Interpreter& sim = *impl_;
    InputGroup group;
    group.owner_ = serial_;
    std::vector<char> listed(sim.input_mask.size(), 0);
    for (WireId id : inputs) {
        const WireInfo& w = sim.input_wire(id);
        if (w.bitwidth > 64)
            throw SimulationError(fmt::format("input_group: Input \"{}\" is {} bits; a group holds Inputs of at most "
                                              "64 bits (use set_input_limbs)",
                                              w.name, w.bitwidth));
        if (listed[id]) throw SimulationError(fmt::format("input_group: Input \"{}\" is listed twice", w.name));
        listed[id] = 1;
        group.inputs_.push_back(id);
        group.masks_.push_back(sim.input_mask[id]);
        group.slots_.push_back(sim.values.data() + sim.schedule.offset[id]);
    }
    bool adjacent = !group.slots_.empty();
    for (std::size_t i = 0; i < group.slots_.size(); ++i) adjacent = adjacent && group.slots_[i] == group.slots_[0] + i;
    if (adjacent) group.adjacent_ = group.slots_[0];
    return group;
}

Simulation::InputGroup Simulation::input_group(const std::vector<std::string>& names) const
{
    std::vector<WireId> ids;
    for (const auto& name : names) ids.push_back(impl_->input_named(name, "input_group"));
    return input_group(ids);
}

void Simulation::set_inputs_u64_checked(const InputGroup& group, std::span<const std::uint64_t> values)
{
    if (group.owner_ != serial_)
        throw SimulationError("set_inputs_u64: the InputGroup was made by another Simulation (or is empty)");
    if (values.size() != group.size())
        throw SimulationError(fmt::format("set_inputs_u64: the InputGroup has {} Inputs, but {} values were given",
                                          group.size(), values.size()));
    Interpreter& sim = *impl_;
    for (std::size_t i = 0; i < values.size(); ++i)
        if ((values[i] & ~group.masks_[i]) != 0) sim.set_input_u64(group.inputs_[i], values[i]);  // throws
    for (std::size_t i = 0; i < values.size(); ++i) sim.set_input_u64(group.inputs_[i], values[i]);
}

void Simulation::set_input_u64_checked(WireId input, std::uint64_t value)
{
    impl_->set_input_u64(input, value);
}

std::span<const std::uint64_t> Simulation::value_limbs(WireId id) const
{
    if (id >= impl_->narrow.size())
        throw SimulationError(fmt::format("value_limbs: wire id {} is not a wire of the simulated design", id));
    return {impl_->at(impl_->schedule.offset[id]), limbs::count(impl_->block.wire(id).bitwidth)};
}

void Simulation::set_input_limbs(WireId input, std::span<const std::uint64_t> limbs)
{
    impl_->set_input_limbs(input, limbs);
}

}  // namespace rtl

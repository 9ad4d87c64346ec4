#pragma once
/// \file simulation.hpp
/// Cycle-accurate simulation of a block.
///
/// \code
///   rtl::Simulation sim;                       // simulates the working block
///   for (int i = 0; i < 8; ++i) sim.step({{"a", i}, {"b", 3}});
///   auto sum = sim.inspect("sum");             // this cycle's value
///   rtl::render_trace(sim.trace(), std::cout);
/// \endcode
/// Each `step` is one clock cycle: registers take the values computed in the previous cycle, the
/// inputs and register values propagate through the combinational logic, memory writes are applied at
/// the end of the cycle (a read of the address being written returns the old word), and the trace
/// records the cycle. Construction checks the design (`sanity_check`) and compiles it, so later
/// changes to the block are not seen.

#include "rtl/ir.hpp"
#include "rtl/memory.hpp"
#include "rtl/schedule.hpp"
#include "rtl/trace.hpp"

#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rtl {

/// Input values for one step, by Input name. Negative values are taken as two's complement.
using InputValues = std::map<std::string, BigInt, std::less<>>;

/// How the schedule is executed. Both modes run the same lowered program on the same state and give
/// identical results; `Compiled` translates it to C++, compiles it with the system compiler (cached by
/// a hash of the design) and loads it, which is several times faster for long runs.
enum class SimulationMode { Interpreter, Compiled };

/// The mode used when none is chosen: $RTLNET_SIMULATION_MODE ("interpreter" or "compiled"), else the
/// interpreter. (The test suite runs every test once per mode this way.)
/// \return the mode named by the environment, or `SimulationMode::Interpreter`.
/// \throws SimulationError if $RTLNET_SIMULATION_MODE holds anything else.
SimulationMode default_simulation_mode();

/// How a `Simulation` is built: `rtl::Simulation sim({.mode = rtl::SimulationMode::Compiled})`.
struct SimulationOptions {
    /// Interpreter or compiled; the compiled mode falls back to the interpreter (with a message) when
    /// no compiler works, see `Simulation::fallback_reason`.
    SimulationMode mode = default_simulation_mode();
    /// Where compiled simulations are cached (default: $RTLNET_CACHE_DIR, $XDG_CACHE_HOME/rtlnet or
    /// ~/.cache/rtlnet). The compiler is `c++`, or $RTLNET_CXX.
    std::filesystem::path cache_dir{};
    /// Record a trace (turn off for speed when only `inspect` is needed).
    bool trace = true;
    /// Wires to trace; empty traces every wire whose name does not start with "tmp" or "const_".
    /// Inputs are always traced (testbenches replay them).
    std::vector<std::string> traced_wires{};
    /// Initial register values by name (default: each register's reset value, else 0).
    std::map<std::string, BigInt> register_values{};
    /// Initial memory contents by memory name: address -> word (unlisted words are 0).
    std::map<std::string, std::map<std::uint64_t, BigInt>> memory_values{};
    /// The optimization pipeline the design goes through before simulation (see passes.hpp):
    /// "default", "none" (the raw IR), or a list of pass names. Every Input, Output, register,
    /// memory and named wire keeps its exact value either way; wires named `tmp...` may be removed.
    std::string pipeline = "default";
};

class Interpreter;

/// The built-in simulator (PyRTL's `Simulation`): a levelized schedule executed by an interpreter or
/// as compiled C++ (see `SimulationMode`).
/// \code
///   rtl::Simulation sim({.memory_values = {{"mem", {{0, 5}}}}});
///   sim.step_multiple({{"a", {1, 2, 3}}, {"b", {4, 5, 6}}});    // three cycles
///   rtl::BigInt last = sim.inspect("sum");
///   for (auto [addr, word] : sim.inspect_mem("mem")) std::cout << addr << ": " << word << "\n";
/// \endcode
class Simulation {
public:
    /// Builds a simulation of `block` as it is now: the block is copied and run through
    /// `options.pipeline` (passes.hpp), so later changes to it are not seen and it is never changed.
    /// \param block the design (default: the working block).
    /// \param options the mode, tracing, initial values and pipeline.
    /// \throws ConnectionError, CombinationalLoopError, WidthError or MemoryError if the design fails
    ///         `sanity_check` (an undriven wire, a loop, ...).
    /// \throws ConditionalError if its conditional assignments cannot be built.
    /// \throws SimulationError if `register_values` or `memory_values` name something that is not a
    ///         register or memory of the design, or hold a value that does not fit, or a memory has
    ///         more than 2^24 words.
    /// \throws Error if `options.pipeline` names an unknown pass.
    explicit Simulation(const Block& block = working_block(), SimulationOptions options = {});
    /// Builds a simulation of the working block.
    /// \param options the mode, tracing, initial values and pipeline.
    /// \throws Error as the constructor above.
    explicit Simulation(SimulationOptions options) : Simulation(working_block(), std::move(options)) {}
    /// Releases the simulation (and unloads its compiled code).
    ~Simulation();
    /// Moves a simulation; the moved-from object may only be destroyed or assigned.
    Simulation(Simulation&&) noexcept;
    /// Moves a simulation into this one.
    /// \return `*this`.
    Simulation& operator=(Simulation&&) noexcept;

    /// Simulates one cycle (PyRTL's `sim.step`). Inputs not listed keep the value of the previous
    /// step; in the first step every Input must be given one.
    /// \param inputs values by Input name; a negative value is taken as two's complement.
    /// \throws SimulationError if a name is not an Input of the design, a value does not fit its
    ///         width, or an Input has never been given a value.
    /// \throws AssertionFailure if an `rtl_assert` condition is 0 in this cycle.
    void step(const InputValues& inputs);
    /// Simulates one cycle with every Input keeping its value (set with `set_input_u64` and friends):
    /// the fast path of a test bench driven cycle by cycle.
    /// \throws SimulationError if an Input has never been given a value.
    /// \throws AssertionFailure if an `rtl_assert` condition is 0 in this cycle.
    void step()
    {
        if (fast_step_.cycle_logic) {
            std::uint64_t** banks = fast_step_.banks;
            std::swap(banks[0], banks[1]);  // the clock edge of the previous cycle
            fast_step_.cycle_logic(fast_step_.values, fast_step_.memories, banks[0], banks[1]);
            ++*fast_step_.cycle;
            return;
        }
        step_checked();
    }
    /// Simulates `nsteps` cycles (default: the length of the value lists), cycle i taking element i.
    /// \param inputs a list of values per Input name; all lists have the same length.
    /// \param nsteps the number of cycles (0: the lists' length).
    /// \throws SimulationError if the lists differ in length, are shorter than `nsteps`, or there are
    ///         neither lists nor `nsteps`; otherwise as `step`.
    /// \throws AssertionFailure as `step`.
    void step_multiple(const std::map<std::string, std::vector<BigInt>>& inputs, std::size_t nsteps = 0);
    /// Steps (with `inputs` held) until `done()` is true after a step, at most `max_cycles` times.
    /// \param done checked after each step, typically with `inspect`.
    /// \param max_cycles the most steps to take.
    /// \param inputs values held in every step.
    /// \return the number of steps taken.
    /// \throws SimulationError if `done` never became true, or as `step`.
    std::size_t step_until(const std::function<bool()>& done, std::size_t max_cycles, const InputValues& inputs = {});

    /// Simulates `cycles` cycles with `inputs` held (and inputs not listed keeping their values). In
    /// compiled mode without trace or assertions the whole loop runs in compiled code.
    /// \param cycles the number of cycles.
    /// \param inputs values held in every cycle.
    /// \throws SimulationError, AssertionFailure as `step`.
    void step_many(std::uint64_t cycles, const InputValues& inputs = {});
    /// Steps (inputs held) until the 1-bit wire `name` is 1 after a step, at most `max_cycles` times.
    /// Runs inside compiled code when it can, like `step_many`.
    /// \param name a 1-bit wire of the design (e.g. a `done` Output).
    /// \param max_cycles the most steps to take.
    /// \param inputs values held in every step.
    /// \return the number of steps taken.
    /// \throws SimulationError if the wire is unknown or not 1 bit, if it never becomes 1, or as `step`.
    std::uint64_t run_until(std::string_view name, std::uint64_t max_cycles, const InputValues& inputs = {});

    /// Whether the compiled backend is in use.
    /// \return true for compiled code; otherwise `fallback_reason` says why not.
    bool is_compiled() const;
    /// Why the interpreter is used.
    /// \return the compiler's failure when `Compiled` was asked for but is not in use; empty otherwise.
    const std::string& fallback_reason() const;

    /// The value of a wire in the last simulated cycle (PyRTL's `sim.inspect`); before any step,
    /// initial register values and 0 for everything else.
    /// \param name the wire's name (any named wire, register or port).
    /// \return its non-negative value (use `val_to_signed_integer` for a signed reading).
    /// \throws SimulationError if the design has no such wire (temporaries `tmp...` may have been
    ///         optimized away).
    BigInt inspect(std::string_view name) const;
    /// Same as `inspect`, for wires of at most 64 bits, without allocation.
    /// \param name the wire's name.
    /// \return its value.
    /// \throws SimulationError if there is no such wire or it is wider than 64 bits.
    std::uint64_t inspect_u64(std::string_view name) const;
    /// The words of a memory that are not zero, by address (PyRTL's `inspect_mem`).
    /// \param memory_name the memory's name.
    /// \return address → word, for every non-zero word.
    /// \throws SimulationError if the design has no such memory.
    std::map<std::uint64_t, BigInt> inspect_mem(std::string_view memory_name) const;
    /// The words of a memory that are not zero, by address.
    /// \param memory the memory.
    /// \return address → word, for every non-zero word.
    /// \throws SimulationError if the memory is not part of the simulated design.
    std::map<std::uint64_t, BigInt> inspect_mem(const MemBlock& memory) const { return inspect_mem(memory.name()); }

    /// Writes one word of a RAM directly, between steps (a testbench backdoor: no port is used and no
    /// cycle passes).
    /// \param memory_name the memory's name.
    /// \param address the word's address.
    /// \param value the new word.
    /// \throws SimulationError for a ROM, an unknown memory, or an out-of-range address or value.
    void write_memory(std::string_view memory_name, std::uint64_t address, const BigInt& value);

    /// The number of cycles simulated so far.
    /// \return the cycle count.
    std::uint64_t cycle() const;
    /// What has been recorded (see trace.hpp); empty when `SimulationOptions::trace` is off.
    /// \return the trace of every cycle so far.
    const SimulationTrace& trace() const;
    /// The schedule being executed (of the optimized copy of the design).
    /// \return the schedule.
    const Schedule& schedule() const;

    /// Fast access for hot loops: resolve a wire once, then read it with `value_u64` or set it with
    /// `set_input` without name lookups.
    /// \param name the wire's name.
    /// \return its id in the simulated design (not in the user's block).
    /// \throws SimulationError if there is no such wire.
    WireId wire_id(std::string_view name) const;
    /// The low 64 bits of a wire's value in the last cycle.
    /// \param id an id from `wire_id`.
    /// \return the value's low 64 bits.
    /// \throws SimulationError if `id` is not a wire of the simulated design or the wire is wider
    ///         than 64 bits (its value would not fit; use `inspect` or `value_limbs`).
    std::uint64_t value_u64(WireId id) const;
    /// Sets an Input's value for the following steps (until changed). `step()` keeps it.
    /// \param input an id from `wire_id`.
    /// \param value the value; negative is taken as two's complement.
    /// \throws SimulationError if `input` is not an Input of the simulated design or the value does
    ///         not fit.
    void set_input(WireId input, const BigInt& value);

    /// Sets an Input of at most 64 bits from a `std::uint64_t`: the fastest way to drive a test bench
    /// cycle by cycle (no `BigInt` is made, and after an Input's first value no call either: the check
    /// and the store are inline).
    /// \param input an id from `wire_id`.
    /// \param value the value; it must fit the Input's width.
    /// \throws SimulationError if `input` is not an Input of at most 64 bits or the value does not fit.
    void set_input_u64(WireId input, std::uint64_t value)
    {
        if (!store_input(input_slots_, input_slot_count_, input, value)) set_input_u64_checked(input, value);
    }

    /// One Input and its value, for `set_inputs_u64`.
    struct InputValue {
        WireId input = kNoWire;  ///< an id from `wire_id`
        std::uint64_t value = 0;  ///< the value; it must fit the Input's width
    };
    /// Sets several Inputs of at most 64 bits, each as `set_input_u64` does: the fastest way to apply
    /// one cycle's stimulus from a table (one call, and a loop the compiler keeps in registers).
    /// \code
    /// std::vector<rtl::Simulation::InputValue> cycle = {{sim.wire_id("a"), 3}, {sim.wire_id("b"), 4}};
    /// sim.set_inputs_u64(cycle);
    /// sim.step();
    /// \endcode
    /// \param values the Inputs and their values, applied in order.
    /// \throws SimulationError as `set_input_u64`, for the first value that is refused (the values
    ///         before it are applied).
    void set_inputs_u64(std::span<const InputValue> values)
    {
        // The table in locals: a store of a value cannot make the loop reload it.
        const InputSlot* slots = input_slots_;
        const std::uint32_t count = input_slot_count_;
        for (const InputValue& given : values)
            if (!store_input(slots, count, given.input, given.value)) set_input_u64_checked(given.input, given.value);
    }

    /// Inputs of at most 64 bits that a test bench sets together every cycle, resolved once by
    /// `input_group` and then set from a row of values by `set_inputs_u64(group, values)`.
    class InputGroup {
    public:
        /// The number of Inputs in the group.
        /// \return the length a row of values must have.
        std::size_t size() const { return masks_.size(); }

    private:
        friend class Simulation;
        std::uint64_t owner_ = 0;  // the serial number of the simulation the group belongs to
        std::vector<WireId> inputs_{};
        std::vector<std::uint64_t> masks_{};  // the values that fit each Input
        std::vector<std::uint64_t*> slots_{};  // each Input's limb in the state array
        std::uint64_t* adjacent_ = nullptr;  // set when slots_[i] == adjacent_ + i for every i
    };
    /// Resolves Inputs that are set together every cycle (the fastest way to drive a test bench from a
    /// table of stimulus). Inputs listed in the order they were created lie side by side in the
    /// simulation's state, and a row of values for them is set as one block copy.
    /// \code
    /// auto group = sim.input_group({"a", "b"});
    /// std::vector<std::uint64_t> row = {3, 4};
    /// sim.set_inputs_u64(group, row);
    /// sim.step();
    /// \endcode
    /// \param names the Inputs, each of at most 64 bits, each once.
    /// \return the group, valid for this simulation only.
    /// \throws SimulationError if a name is not an Input of the design, an Input is wider than 64 bits
    ///         or is listed twice.
    InputGroup input_group(const std::vector<std::string>& names) const;
    /// The same as `input_group(names)`, for ids from `wire_id`.
    /// \param inputs the Inputs' ids.
    /// \return the group, valid for this simulation only.
    /// \throws SimulationError as `input_group(names)`.
    InputGroup input_group(std::span<const WireId> inputs) const;
    /// Sets every Input of `group` from `values` (value i for Input i): all values are checked first,
    /// then stored, so nothing is set when one is refused.
    /// \param group a group from this simulation's `input_group`.
    /// \param values one value per Input, each fitting its Input's width.
    /// \throws SimulationError if the group belongs to another simulation, the number of values is not
    ///         the group's size, or a value does not fit its Input (the message names it).
    void set_inputs_u64(const InputGroup& group, std::span<const std::uint64_t> values)
    {
        const std::size_t n = values.size();
        if (group.owner_ == serial_ && n == group.masks_.size() && *missing_inputs_ == 0) {
            const std::uint64_t* masks = group.masks_.data();
            std::uint64_t outside = 0;  // bits that do not fit, over all values: one test for the row
            for (std::size_t i = 0; i < n; ++i) outside |= values[i] & ~masks[i];
            if (outside == 0) {
                if (group.adjacent_) {
                    std::memcpy(group.adjacent_, values.data(), n * sizeof(std::uint64_t));
                } else {
                    std::uint64_t* const* slots = group.slots_.data();
                    for (std::size_t i = 0; i < n; ++i) *slots[i] = values[i];
                }
                return;
            }
        }
        set_inputs_u64_checked(group, values);
    }

    /// A wire's value in the last cycle as 64-bit limbs, least significant first, without allocating:
    /// the fast path for wires wider than 64 bits. Bits above the wire's width are zero.
    /// \param id an id from `wire_id`.
    /// \return a view of ceil(width / 64) limbs, valid until the next step or input change.
    /// \throws SimulationError if `id` is not a wire of the simulated design.
    /// \code
    /// auto id = sim.wire_id("state");            // a 128-bit register
    /// sim.step();
    /// std::uint64_t high = sim.value_limbs(id)[1];
    /// \endcode
    std::span<const std::uint64_t> value_limbs(WireId id) const;
    /// Sets an Input from 64-bit limbs, least significant first, without allocating.
    /// \param input an id from `wire_id`.
    /// \param limbs exactly ceil(width / 64) limbs; the bits above the Input's width must be zero.
    /// \throws SimulationError if `input` is not an Input, the number of limbs is wrong or the value
    ///         does not fit the width.
    void set_input_limbs(WireId input, std::span<const std::uint64_t> limbs);

    /// Where `set_input_u64` stores a narrow Input's value: `value` is null until the Input has been
    /// given its first value (which goes through the checked path and records it as set).
    struct InputSlot {
        std::uint64_t* value = nullptr;  ///< the Input's limb in the state array
        std::uint64_t mask = 0;  ///< the values that fit its width
    };

    /// What `step()` needs to run a cycle of compiled code without a call into the library:
    /// `cycle_logic` is set after the first step of a compiled simulation that records neither a trace
    /// nor assertions (by then every Input has a value, and every later step has a clock edge).
    struct FastStep {
        /// one cycle's logic over the state array, the memories, the current and the pending register bank
        void (*cycle_logic)(std::uint64_t*, std::uint64_t* const*, std::uint64_t*, std::uint64_t*) = nullptr;
        std::uint64_t* values = nullptr;  ///< the state array
        std::uint64_t* const* memories = nullptr;  ///< the memories' words
        std::uint64_t** banks = nullptr;  ///< the current and the pending register bank
        std::uint64_t* cycle = nullptr;  ///< the cycle count
    };

private:
    // The inline path of set_input_u64 and set_inputs_u64: stores `value` if `input` has a slot and the
    // value fits; false sends it to the checked path.
    static bool store_input(const InputSlot* slots, std::uint32_t count, WireId input, std::uint64_t value)
    {
        if (input >= count) return false;
        const InputSlot& slot = slots[input];
        if (!slot.value || (value & ~slot.mask) != 0) return false;
        *slot.value = value;
        return true;
    }
    void set_input_u64_checked(WireId input, std::uint64_t value);
    void set_inputs_u64_checked(const InputGroup& group, std::span<const std::uint64_t> values);
    void step_checked();

    std::unique_ptr<Interpreter> impl_;
    const InputSlot* input_slots_ = nullptr;  // per wire id (owned by impl_)
    // (32 bits: a store of a value cannot alias it, so a loop of sets keeps it in a register)
    std::uint32_t input_slot_count_ = 0;
    const std::size_t* missing_inputs_ = nullptr;  // Inputs never given a value (owned by impl_)
    // Unique among the simulations of this process (not an address, which a later one may reuse), so
    // that an InputGroup of another simulation is always refused.
    std::uint64_t serial_ = 0;
    FastStep fast_step_{};
};

}  // namespace rtl

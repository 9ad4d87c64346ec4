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

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
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
SimulationMode default_simulation_mode();

struct SimulationOptions {
    SimulationMode mode = default_simulation_mode();
    /// Where compiled simulations are cached (default: $RTLNET_CACHE_DIR, $XDG_CACHE_HOME/rtlnet or
    /// ~/.cache/rtlnet). The compiler is `c++`, or $RTLNET_CXX.
    std::filesystem::path cache_dir;
    /// Record a trace (turn off for speed when only `inspect` is needed).
    bool trace = true;
    /// Wires to trace; empty traces every wire whose name does not start with "tmp" or "const_".
    /// Inputs are always traced (testbenches replay them).
    std::vector<std::string> traced_wires;
    /// Initial register values by name (default: each register's reset value, else 0).
    std::map<std::string, BigInt> register_values;
    /// Initial memory contents by memory name: address -> word (unlisted words are 0).
    std::map<std::string, std::map<std::uint64_t, BigInt>> memory_values;
    /// The optimization pipeline the design goes through before simulation (see passes.hpp):
    /// "default", "none" (the raw IR), or a list of pass names. Every Input, Output, register,
    /// memory and named wire keeps its exact value either way; wires named `tmp...` may be removed.
    std::string pipeline = "default";
};

class Interpreter;

/// The built-in simulator (a compiled-schedule interpreter).
class Simulation {
public:
    /// Builds a simulation of `block` as it is now: the block is copied and run through
    /// `options.pipeline` (passes.hpp), so later changes to it are not seen and it is never changed.
    explicit Simulation(const Block& block = working_block(), SimulationOptions options = {});
    explicit Simulation(SimulationOptions options) : Simulation(working_block(), std::move(options)) {}
    ~Simulation();
    Simulation(Simulation&&) noexcept;
    Simulation& operator=(Simulation&&) noexcept;

    /// Simulates one cycle. Every Input must be given a value that fits its width.
    void step(const InputValues& inputs = {});
    /// Simulates `nsteps` cycles (default: the length of the value lists), cycle i taking element i.
    void step_multiple(const std::map<std::string, std::vector<BigInt>>& inputs, std::size_t nsteps = 0);
    /// Steps (with `inputs` held) until `done()` is true after a step, at most `max_cycles` times.
    /// Returns the number of steps taken; throws `SimulationError` if `done` never became true.
    std::size_t step_until(const std::function<bool()>& done, std::size_t max_cycles, const InputValues& inputs = {});

    /// Simulates `cycles` cycles with `inputs` held (and inputs not listed keeping their values). In
    /// compiled mode without trace or assertions the whole loop runs in compiled code.
    void step_many(std::uint64_t cycles, const InputValues& inputs = {});
    /// Steps (inputs held) until the 1-bit wire `name` is 1 after a step, at most `max_cycles` times;
    /// returns the number of steps. Throws `SimulationError` if it never becomes 1. Runs inside
    /// compiled code when it can, like `step_many`.
    std::uint64_t run_until(std::string_view name, std::uint64_t max_cycles, const InputValues& inputs = {});

    /// True when the compiled backend is in use; otherwise `fallback_reason` says why not (empty when
    /// the interpreter was asked for).
    bool is_compiled() const;
    const std::string& fallback_reason() const;

    /// The value of a wire in the last simulated cycle (before any step: initial register values, 0
    /// for everything else).
    BigInt inspect(std::string_view name) const;
    /// Same, for wires of at most 64 bits, without allocation.
    std::uint64_t inspect_u64(std::string_view name) const;
    /// The words of a memory that are not zero, by address.
    std::map<std::uint64_t, BigInt> inspect_mem(std::string_view memory_name) const;
    std::map<std::uint64_t, BigInt> inspect_mem(const MemBlock& memory) const { return inspect_mem(memory.name()); }

    /// Writes one word of a RAM directly, between steps (a testbench backdoor: no port is used and no
    /// cycle passes). Throws `SimulationError` for a ROM, an unknown memory, or an out-of-range address
    /// or value.
    void write_memory(std::string_view memory_name, std::uint64_t address, const BigInt& value);

    /// Number of cycles simulated so far.
    std::uint64_t cycle() const;
    const SimulationTrace& trace() const;
    const Schedule& schedule() const;

    /// Fast access for hot loops: resolve a wire once, then read or set it without name lookups.
    WireId wire_id(std::string_view name) const;
    std::uint64_t value_u64(WireId id) const;
    /// Sets an Input's value for the following steps (until changed). `step({})` keeps it.
    void set_input(WireId input, const BigInt& value);

private:
    std::unique_ptr<Interpreter> impl_;
};

}  // namespace rtl

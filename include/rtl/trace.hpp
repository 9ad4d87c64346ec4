#pragma once
/// \file trace.hpp
/// The per-cycle record of a simulation, and its views: a terminal waveform (`render_trace`), a VCD
/// file for GTKWave (`write_vcd`), and the input stimulus for a Verilog testbench.

#include "rtl/value.hpp"

#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rtl {

/// The values of the traced wires in every simulated cycle. Register values are the values during the
/// cycle (before the clock edge), so cycle 0 shows their initial values.
class SimulationTrace {
public:
    struct Signal {
        std::string name;
        int bitwidth = 0;
        bool is_input = false;
        std::vector<std::string> enum_names;  ///< value -> name for state registers
        std::vector<std::uint64_t> limbs;  ///< cycle-major: cycles x ceil(bitwidth / 64) 64-bit limbs, little-endian
    };

    std::size_t cycles() const { return cycles_; }
    const std::vector<Signal>& signals() const { return signals_; }
    bool contains(std::string_view name) const;
    /// The value of `name` in `cycle`. Throws `SimulationError` for an unknown name or cycle.
    BigInt value(std::string_view name, std::size_t cycle) const;
    /// All values of `name`, one per cycle.
    std::vector<BigInt> values(std::string_view name) const;

    /// Initial register values and memory contents of the simulation (used by testbenches).
    std::map<std::string, BigInt> initial_registers;
    std::map<std::string, std::map<std::uint64_t, BigInt>> initial_memories;

    // Used by the simulators.
    std::size_t add_signal(Signal signal);
    void append(std::size_t signal, const std::uint64_t* limbs, std::uint32_t count);
    void end_cycle() { ++cycles_; }

private:
    const Signal& find(std::string_view name) const;
    std::vector<Signal> signals_;
    std::size_t cycles_ = 0;
};

/// How `render_trace` shows values.
enum class ValueFormat { Hex, Unsigned, Signed, Binary };

/// Characters used by `render_trace`: plain ASCII (`_-,.|`) or box-drawing characters (`▁▔╱╲│`).
enum class TraceStyle { Ascii, Utf8 };

struct RenderOptions {
    /// Wires to show, in order; empty shows every traced wire in natural order (a2 before a10).
    std::vector<std::string> names;
    ValueFormat format = ValueFormat::Hex;
    /// Per-wire formats that override `format`.
    std::map<std::string, ValueFormat, std::less<>> format_per_name;
    /// Width of one cycle's cell; 0 picks the widest value.
    int symbol_len = 0;
    TraceStyle style = TraceStyle::Ascii;
    /// First and one-past-last cycle shown (end 0 = all).
    std::size_t first_cycle = 0;
    std::size_t end_cycle = 0;
};

/// Draws a waveform in the terminal: a ruler of cycle numbers, then one row per wire. 1-bit wires are
/// drawn as a wave (`_` low, `-` high); wider ones as value boxes, with state names for state registers.
void render_trace(const SimulationTrace& trace, std::ostream& out, const RenderOptions& options = {});

/// Writes the trace as a Value Change Dump (one cycle = 10 time units; optional clock signal).
void write_vcd(const SimulationTrace& trace, std::ostream& out, bool include_clock = false);

/// Sorts names so that embedded numbers compare by value ("pe[2]" before "pe[10]").
bool natural_less(std::string_view a, std::string_view b);

/// Formats a value for display.
std::string format_value(const BigInt& value, int bitwidth, ValueFormat format);

}  // namespace rtl

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
    /// One traced wire and its values.
    struct Signal {
        std::string name{};  ///< the wire's name
        int bitwidth = 0;  ///< its width
        bool is_input = false;  ///< an Input (testbenches replay these)
        std::vector<std::string> enum_names{};  ///< value -> name for state registers
        std::vector<std::uint64_t> limbs{};  ///< cycle-major: cycles x ceil(bitwidth / 64) 64-bit limbs, little-endian
    };

    /// The number of cycles recorded.
    /// \return the cycle count.
    std::size_t cycles() const { return cycles_; }
    /// The traced wires, in the order they were added.
    /// \return the signals.
    const std::vector<Signal>& signals() const { return signals_; }
    /// Whether a wire is traced.
    /// \param name the wire's name.
    /// \return true if the trace has a signal of that name.
    bool contains(std::string_view name) const;
    /// The value of `name` in `cycle`.
    /// \param name a traced wire.
    /// \param cycle the cycle, from 0.
    /// \return the non-negative value.
    /// \throws SimulationError for an unknown name or a cycle not recorded.
    BigInt value(std::string_view name, std::size_t cycle) const;
    /// All values of `name`, one per cycle.
    /// \code
    ///   bool ok = sim.trace().values("sum") == std::vector<rtl::BigInt>{3, 23, 510};
    /// \endcode
    /// \param name a traced wire.
    /// \return its value in cycle 0, 1, ...
    /// \throws SimulationError for an unknown name.
    std::vector<BigInt> values(std::string_view name) const;

    /// Initial register values and memory contents of the simulation (used by testbenches).
    std::map<std::string, BigInt> initial_registers;
    std::map<std::string, std::map<std::uint64_t, BigInt>> initial_memories;  ///< memory → address → word

    /// Adds a signal (used by the simulators).
    /// \param signal the wire to trace, with no values yet.
    /// \return its index, for `append`.
    std::size_t add_signal(Signal signal);
    /// Appends one cycle's value of a signal (used by the simulators).
    /// \param signal an index from `add_signal`.
    /// \param limbs the value, little-endian 64-bit limbs.
    /// \param count the number of limbs (ceil(bitwidth / 64)).
    void append(std::size_t signal, const std::uint64_t* limbs, std::uint32_t count);
    /// Ends the current cycle (used by the simulators).
    void end_cycle() { ++cycles_; }

private:
    const Signal& find(std::string_view name) const;
    std::vector<Signal> signals_;
    std::size_t cycles_ = 0;
};

/// How `render_trace` shows values.
enum class ValueFormat {
    Hex,  ///< zero-padded to the wire's width: `0x0f` for 15 in 8 bits
    Unsigned,  ///< decimal
    Signed,  ///< decimal, two's complement
    Binary,  ///< every bit
};

/// Characters used by `render_trace`: plain ASCII (`_-,.|`) or box-drawing characters (`▁▔╱╲│`).
enum class TraceStyle { Ascii, Utf8 };

/// What `render_trace`, `write_svg` and `write_wavedrom` show and how:
/// `{.names = {"a", "sum"}, .format = rtl::ValueFormat::Unsigned}`.
struct RenderOptions {
    /// Wires to show, in order; empty shows every traced wire in natural order (a2 before a10).
    std::vector<std::string> names{};
    /// How values are written (hex zero-padded to each wire's width by default).
    ValueFormat format = ValueFormat::Hex;
    /// Per-wire formats that override `format`.
    std::map<std::string, ValueFormat, std::less<>> format_per_name{};
    /// Width of one cycle's cell; 0 picks the widest value.
    int symbol_len = 0;
    /// ASCII or box-drawing characters.
    TraceStyle style = TraceStyle::Ascii;
    /// First cycle shown.
    std::size_t first_cycle = 0;
    /// One past the last cycle shown (0: to the end).
    std::size_t end_cycle = 0;
};

/// Draws a waveform in the terminal: a ruler of cycle numbers, then one row per wire. 1-bit wires are
/// drawn as a wave (`_` low, `-` high); wider ones as value boxes, with state names for state registers.
/// PyRTL's `sim.tracer.render_trace()`.
/// \code
///   rtl::render_trace(sim.trace(), std::cout, {.names = {"a", "b", "sum"}, .format = rtl::ValueFormat::Unsigned});
/// \endcode
/// \param trace the trace to draw.
/// \param out where to write it.
/// \param options which wires, in which format and style, over which cycles.
/// \throws SimulationError if a name in `options.names` is not in the trace, or nothing is left to show.
void render_trace(const SimulationTrace& trace, std::ostream& out, const RenderOptions& options = {});

/// Writes the trace as a Value Change Dump (one cycle = 10 time units; optional clock signal), for
/// GTKWave and other viewers (PyRTL's `print_vcd`).
/// \param trace the trace to write.
/// \param out where to write it.
/// \param include_clock add a `clk` signal that rises at the start of every cycle.
void write_vcd(const SimulationTrace& trace, std::ostream& out, bool include_clock = false);

/// Sorts names so that embedded numbers compare by value ("pe[2]" before "pe[10]").
/// \param a a name.
/// \param b another name.
/// \return true if `a` comes before `b`.
bool natural_less(std::string_view a, std::string_view b);

/// Formats a value for display, as `render_trace` does.
/// \param value the non-negative encoding.
/// \param bitwidth its width (for `Signed` and `Binary`).
/// \param format the format: `0x1f`, `31`, `-1` or `11111`.
/// \return the text.
std::string format_value(const BigInt& value, int bitwidth, ValueFormat format);

}  // namespace rtl

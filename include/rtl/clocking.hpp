#pragma once
/// \file clocking.hpp
/// The clock and register resets as a designer writes them.
///
/// A design has one clock, named `clk` unless `set_clock_name` says otherwise; a design without
/// registers or memory writes gets no clock port. Each register may have a reset signal of its own:
/// synchronous (taken at a clock edge) or asynchronous (taken at once), active high or low, on any
/// 1-bit Input or wire. Both simulation modes simulate it exactly, and the Verilog writer emits the
/// matching `always` block.
/// \code
///   rtl::set_clock_name("sys_clk");
///   rtl::Input areset(1, "areset");              // "active-high asynchronous reset areset"
///   rtl::Register count(4, "count", 0, rtl::async_reset(areset));
///   count.next <<= count + 1;
///   {
///       rtl::ResetScope scope(rtl::sync_reset(clear, rtl::ActiveLow));   // every register made here
///       rtl::Register a(8, "a"), b(8, "b");
///   }
/// \endcode
/// In a cycle of the simulation, an asynchronous reset that is active makes the register read its
/// reset value in that same cycle (as the Verilog does when the reset rises after a clock edge); a
/// synchronous one takes effect at the clock edge that ends the cycle. The logic that drives an
/// asynchronous reset must not depend on the register it resets: such a loop is a
/// `CombinationalLoopError`.

#include "rtl/wire.hpp"

#include <string>

namespace rtl {

/// Which level of a reset signal resets.
enum class Polarity : std::uint8_t {
    ActiveHigh,  ///< reset while the signal is 1
    ActiveLow,  ///< reset while the signal is 0 (`rst_n`)
};
/// Shorthand for `Polarity::ActiveHigh`.
inline constexpr Polarity ActiveHigh = Polarity::ActiveHigh;
/// Shorthand for `Polarity::ActiveLow`.
inline constexpr Polarity ActiveLow = Polarity::ActiveLow;

/// A register's reset: signal, kind and polarity. Make one with `sync_reset` or `async_reset`.
struct Reset {
    WireVector signal{};  ///< the 1-bit reset signal
    ResetKind kind = ResetKind::None;  ///< synchronous or asynchronous (None: no reset)
    Polarity polarity = ActiveHigh;  ///< which level resets
};

/// A synchronous reset: the register takes its reset value at a clock edge while `signal` is active.
/// \param signal a 1-bit wire (an Input, a register or any logic).
/// \param polarity which level resets (default: 1).
/// \return the reset, for a `Register` or a `ResetScope`.
/// \throws WidthError if `signal` is not 1 bit wide.
Reset sync_reset(const WireVector& signal, Polarity polarity = ActiveHigh);

/// An asynchronous reset: the register holds its reset value as soon as, and for as long as,
/// `signal` is active (`always @(posedge clk or posedge signal)` in Verilog).
/// \param signal a 1-bit wire; an Input or a register's output is what a careful designer uses (logic
///        can glitch in hardware), but any wire is simulated exactly.
/// \param polarity which level resets (default: 1).
/// \return the reset, for a `Register` or a `ResetScope`.
/// \throws WidthError if `signal` is not 1 bit wide.
Reset async_reset(const WireVector& signal, Polarity polarity = ActiveHigh);

/// Gives every register made while it lives (in the reset signal's block) that reset, unless the
/// register is given its own (Chisel's `withReset`). Scopes nest; the innermost wins.
class ResetScope {
public:
    /// Makes `reset` the default reset of registers made from now on.
    /// \param reset as made by `sync_reset` or `async_reset`.
    explicit ResetScope(Reset reset);
    /// Restores the previous default.
    ~ResetScope();
    ResetScope(const ResetScope&) = delete;
    ResetScope& operator=(const ResetScope&) = delete;
};

/// The reset of the innermost `ResetScope` for `block`, if any (used by `Register`).
/// \param block the block a register is made in.
/// \return the scope's reset, or null outside every scope for that block.
const Reset* scoped_reset(const Block& block);

/// Renames the clock of the working block (or `block`): the Verilog module's clock input.
/// \param name a legal identifier that no wire has (default name: `clk`).
/// \param block the design; null means the working block.
/// \throws ConnectionError if the name is not an identifier or a wire has it.
void set_clock_name(std::string name, Block* block = nullptr);

}  // namespace rtl

#pragma once
/// \file wire.hpp
/// The user-facing wire types: `WireVector`, `Input`, `Output`, `Const`, `Register`, and the operators
/// that build hardware from them. Each is a small handle (block + wire id) onto the IR in ir.hpp;
/// copying a handle never copies hardware.
///
/// Width rules follow PyRTL: operands are zero-extended to the wider width n, then `+`/`-` give n+1
/// bits, `*` gives 2n bits, bitwise ops give n bits and comparisons give 1 bit. Integers are turned into
/// constants of minimal width. Slicing uses Verilog order: `w(7, 0)` is bits 7 down to 0, `w[3]` is
/// bit 3 and `w[-1]` the most significant bit.
///
/// \code
///   rtl::Input a(8, "a"), b(8, "b");
///   rtl::Output sum(9, "sum"), high(4, "high");
///   sum <<= a + b;        // 9 bits: the carry is kept
///   high <<= a(7, 4);     // bits 7 down to 4 of a
/// \endcode
///
/// Every operator and member that builds a net throws `StaleHandleError` when a handle's block has
/// ended, `ConnectionError` when its operands belong to different blocks, and `WidthError` when an
/// operand has no bitwidth yet or the result would exceed `kMaxBitwidth`.

#include "rtl/ir.hpp"
#include "rtl/source_location.hpp"

#include <concepts>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace rtl {

/// A C++ value that can stand for a constant operand: an integer, bool or enumerator.
template <class T>
concept ConstLike = std::integral<T> || std::is_enum_v<T>;

/// The integer value of a ConstLike (enumerators by their underlying value).
/// \tparam T an integral or enumeration type.
/// \param v the value.
/// \return `v` as a BigInt (an enumerator as its underlying integer); never throws.
template <ConstLike T>
BigInt const_value_of(T v)
{
    if constexpr (std::is_enum_v<T>) return BigInt(static_cast<std::underlying_type_t<T>>(v));
    else return BigInt(v);
}

/// A constant operand together with the user's line that passed it (see `Located`): what `<<=`,
/// `|=` and `mem[...]` take for integers and enumerators.
struct LocatedConst {
    /// Captures the constant and the caller's line.
    /// \tparam T an integral or enumeration type.
    /// \param v the constant.
    /// \param where the user's line (leave the default).
    template <ConstLike T>
    LocatedConst(T v, rtl::source_location where = rtl::source_location::current())  // NOLINT: implicit
        : value(const_value_of(v)), where(where)
    {}
    BigInt value;  ///< the constant
    rtl::source_location where;  ///< the line that passed it
};

/// A bundle of wires of one bitwidth: the basic hardware value (PyRTL's `WireVector`).
///
/// A WireVector is a handle: copying it copies the reference, not the hardware. Operators on it
/// (`+`, `&`, `==`, `[]`, ...) add nets to its block and return handles to their results.
/// \code
///   rtl::WireVector t(8, "t");          // an 8-bit named wire
///   rtl::WireVector u;                  // width taken from what is connected first
///   u <<= t + 1;                        // u is 9 bits
///   rtl::WireVector msb = t[-1];        // 1 bit
/// \endcode
class WireVector {
public:
    /// A new wire in the working block (or `block`).
    ///
    /// A wire with neither width nor name (`rtl::WireVector u;`, or the elements of a
    /// `std::array<rtl::WireVector, 16>`) is made when the handle is first used, typically by
    /// `u <<= x`, which gives it x's width; a handle that is only ever overwritten
    /// (`arr[i] = a + b`) builds nothing. Copying such a handle makes the wire, so copies share it.
    /// \param bitwidth the width in bits; 0 means "take the width of whatever is first connected to it
    ///        with `<<=`".
    /// \param name the wire's name; empty gives a temporary name (`tmp<N>`), which traces and Verilog
    ///        treat as internal.
    /// \param block the block to build in; null means the working block (`working_block()`).
    /// \param where the caller's source line, recorded for error messages (leave the default).
    /// \throws WidthError if `bitwidth` is negative.
    /// \throws ConnectionError if `name` is already used in the block.
    explicit WireVector(int bitwidth = 0, std::string name = {}, Block* block = nullptr,
                        rtl::source_location where = rtl::source_location::current());
    /// Another handle onto the same wire (made now if `other` has not made it yet).
    /// \param other the handle to copy.
    WireVector(const WireVector& other) : block_(other.block_), id_(other.id()) {}
    /// Makes this a handle onto `other`'s wire (made now if `other` has not made it yet).
    /// \param other the handle to copy.
    /// \return `*this`.
    WireVector& operator=(const WireVector& other)
    {
        id_ = other.id();
        block_ = other.block_;
        return *this;
    }
    /// Moves a handle (a wire not made yet stays to be made by the new handle).
    WireVector(WireVector&&) noexcept = default;
    /// Moves a handle into this one.
    /// \return `*this`.
    WireVector& operator=(WireVector&&) noexcept = default;
    ~WireVector() = default;

    /// A handle onto an existing wire of a block.
    /// \param block the block that holds the wire.
    /// \param id the wire's index in `block`.
    /// \return a handle to that wire; nothing is built or checked.
    static WireVector wrap(Block& block, WireId id) { return WireVector(&block, id); }

    /// The block this wire belongs to.
    /// \return the block.
    /// \throws StaleHandleError if that block has ended.
    Block& block() const { return *block_; }
    /// The wire's index in its block.
    /// \return the id (see `Block::wire`); a wire not made yet is made now.
    WireId id() const
    {
        if (id_ == kUnmade) make();
        return id_;
    }
    /// The wire's width.
    /// \return the width in bits, 0 while not yet known.
    /// \throws StaleHandleError if the block has ended.
    int bitwidth() const;
    /// The wire's name.
    /// \return the name (a temporary `tmp<N>` if none was given).
    /// \throws StaleHandleError if the block has ended.
    const std::string& name() const;
    /// Everything the IR records about the wire.
    /// \return the wire's entry in its block.
    /// \throws StaleHandleError if the block has ended.
    const WireInfo& info() const { return block_->wire(id()); }
    /// Renames the wire (so it is traced and keeps its name in Verilog).
    /// \param new_name the new name.
    /// \return `*this`, for chaining: `(a + b).rename("sum")`.
    /// \throws ConnectionError if `new_name` is already used in the block.
    const WireVector& rename(std::string new_name) const;

    /// Connects `source` to this wire (PyRTL's `<<=`): a wider source is truncated (MSBs dropped), a
    /// narrower one zero-extended. A wire of unknown width takes the source's width. A wire may be
    /// driven once.
    /// \param source the value that drives this wire.
    /// \throws ConnectionError if this is a register (use `.next`), the two belong to different blocks,
    ///         or this wire is already driven or cannot be driven (an Input or Const).
    /// \throws WidthError if `source` has no bitwidth yet.
    void operator<<=(Located<WireVector> source) const;
    /// Connects a constant (an integer or enumerator) to this wire.
    /// \param value the constant; it must fit in this wire's width.
    /// \throws WidthError if `value` does not fit in the wire.
    /// \throws ValueError if `value` is negative and the wire has no width yet.
    void operator<<=(LocatedConst value) const;

    /// Conditional assignment: under `when(...)` records "this takes `value` when the condition holds"
    /// (an unassigned wire is 0). Outside any condition it is the same as `<<=`.
    /// \param value the value to take; truncated or zero-extended to this wire's width.
    /// \throws ConditionalError if this is a register (use `.next |=`), an Input or a Const, if the wire
    ///         has no bitwidth, or if it is already assigned under a conflicting condition.
    /// \throws ConnectionError if the two belong to different blocks.
    void operator|=(Located<WireVector> value) const;
    /// Conditional assignment of a constant (see the WireVector overload).
    /// \param value the constant; it must fit in this wire's width.
    /// \throws WidthError if `value` does not fit; otherwise as the WireVector overload.
    void operator|=(LocatedConst value) const;

    /// One bit.
    /// \param index the bit; negative counts from the MSB (-1 is the MSB).
    /// \return a 1-bit wire.
    /// \throws WidthError if `index` is outside `-bitwidth() .. bitwidth()-1`.
    WireVector operator[](int index) const;
    /// A slice: bits `hi` down to `lo`, inclusive (Verilog's `w[hi:lo]`, PyRTL's `w[lo:hi+1]`).
    /// \param hi the high bit; negative counts from the MSB.
    /// \param lo the low bit; negative counts from the MSB.
    /// \return a wire of `hi - lo + 1` bits (this wire itself when the slice is all of it).
    /// \throws WidthError if an index is out of range or `hi < lo`.
    WireVector operator()(int hi, int lo) const;
    /// An arbitrary bit selection.
    /// \param bits for each bit i of the result, the bit of this wire it takes (any order, repeats
    ///        allowed; negative counts from the MSB).
    /// \return a wire of `bits.size()` bits whose bit i is this wire's bit `bits[i]`.
    /// \throws WidthError if `bits` is empty or an index is out of range.
    WireVector select_bits(const std::vector<int>& bits) const;

    /// The low bits.
    /// \param bitwidth the number of low bits to keep (1 .. this width).
    /// \return the low `bitwidth` bits (this wire itself when `bitwidth` is its width).
    /// \throws WidthError if `bitwidth` is less than 1 or larger than the wire.
    WireVector truncate(int bitwidth) const;
    /// Zero-extended.
    /// \param bitwidth the new width (>= this width).
    /// \return the value with zeros above its MSB (this wire itself when the width is unchanged).
    /// \throws WidthError if `bitwidth` is smaller than this width.
    WireVector zero_extended(int bitwidth) const;
    /// Sign-extended.
    /// \param bitwidth the new width (>= this width).
    /// \return the value with copies of its MSB above it (this wire itself when the width is unchanged).
    /// \throws WidthError if `bitwidth` is smaller than this width.
    WireVector sign_extended(int bitwidth) const;

    /// Bitwise not.
    /// \return a wire of the same width.
    WireVector operator~() const;
    /// Bitwise nand with `other` (both zero-extended to the wider width).
    /// \param other the other operand.
    /// \return `~(*this & other)`, as one net, of the wider width.
    WireVector nand(const WireVector& other) const;

protected:
    /// \cond INTERNAL
    WireVector(Block* block, WireId id) : block_(block), id_(id) {}
    WireVector(BlockRef block, WireId id) : block_(block), id_(id) {}
    struct NoWire {};
    explicit WireVector(NoWire) : block_(nullptr), id_(kNoWire) {}
    void connect(const WireVector& source, const SourceLocation& where) const;
    void assign_conditionally(const WireVector& value, const SourceLocation& where) const;
    /// The id of a handle whose wire (no width, no name) is made on first use.
    static constexpr WireId kUnmade = kNoWire - 1;
    void make() const;

    BlockRef block_;
    mutable WireId id_;
    rtl::source_location where_{};  ///< where a handle of a wire not made yet was constructed
    /// \endcond
};

/// An input port of the design, given a value every simulation step (`Simulation::step`).
/// \code
///   rtl::Input enable(1, "enable");
/// \endcode
class Input : public WireVector {
public:
    /// A new input port.
    /// \param bitwidth the width in bits (at least 1).
    /// \param name the port's name (the key used by `Simulation::step`); empty gives a temporary name.
    /// \param block the block to build in; null means the working block.
    /// \param where the caller's source line (leave the default).
    /// \throws WidthError if `bitwidth` is less than 1.
    /// \throws ConnectionError if `name` is already used.
    explicit Input(int bitwidth, std::string name = {}, Block* block = nullptr,
                   rtl::source_location where = rtl::source_location::current());
};

/// An output port of the design. It may be driven once and cannot be read inside the design.
/// \code
///   rtl::Output out(4, "out");
///   out <<= count;
/// \endcode
class Output : public WireVector {
public:
    /// A new output port.
    /// \param bitwidth the width in bits; 0 takes the width of what is connected with `<<=`.
    /// \param name the port's name; empty gives a temporary name.
    /// \param block the block to build in; null means the working block.
    /// \param where the caller's source line (leave the default).
    /// \throws WidthError if `bitwidth` is negative.
    /// \throws ConnectionError if `name` is already used.
    explicit Output(int bitwidth = 0, std::string name = {}, Block* block = nullptr,
                    rtl::source_location where = rtl::source_location::current());
};

/// A constant. Its width is the smallest that holds `value` unless `bitwidth` is given; negative values
/// need `bitwidth` or `is_signed` and are stored in two's complement.
/// \code
///   rtl::Const five(5);             // 3 bits
///   rtl::Const minus_one(-1, 8);    // 8'hFF
///   rtl::Const ff("8'hFF");         // a Verilog-style literal
/// \endcode
class Const : public WireVector {
public:
    /// A constant of any size.
    /// \param value the value.
    /// \param bitwidth the width; 0 means the smallest that holds `value`.
    /// \param is_signed infer a two's complement width (needed for a negative value without `bitwidth`).
    /// \param name the wire's name; empty gives `const_<N>_<value>`.
    /// \param block the block to build in; null means the working block.
    /// \param where the caller's source line (leave the default).
    /// \throws WidthError if `bitwidth` is negative or `value` does not fit in it.
    /// \throws ValueError if `value` is negative with neither `bitwidth` nor `is_signed`.
    Const(const BigInt& value, int bitwidth = 0, bool is_signed = false, std::string name = {}, Block* block = nullptr,
          rtl::source_location where = rtl::source_location::current());
    /// A constant from a C++ integer, bool or enumerator (see the BigInt overload).
    /// \tparam T an integral or enumeration type.
    /// \param value the value (an enumerator gives its underlying value).
    /// \param bitwidth the width; 0 means the smallest that holds `value`.
    /// \param is_signed infer a two's complement width.
    /// \param name the wire's name; empty gives a generated name.
    /// \param block the block to build in; null means the working block.
    /// \param where the caller's source line (leave the default).
    /// \throws WidthError, ValueError as the BigInt overload.
    template <ConstLike T>
    Const(T value, int bitwidth = 0, bool is_signed = false, std::string name = {}, Block* block = nullptr,
          rtl::source_location where = rtl::source_location::current())
        : Const(const_value_of(value), bitwidth, is_signed, std::move(name), block, where)
    {}
    /// A Verilog-style literal, e.g. `Const("8'hFF")` (see `parse_verilog_literal`).
    /// \param verilog_literal the literal: a width, a quote, a base (b, o, d, h) and digits, optionally
    ///        negative, e.g. `8'hFF` or `-5'b11`.
    /// \param block the block to build in; null means the working block.
    /// \param where the caller's source line (leave the default).
    /// \throws ValueError if the literal is malformed.
    /// \throws WidthError if its value does not fit its width.
    explicit Const(const char* verilog_literal, Block* block = nullptr,
                   rtl::source_location where = rtl::source_location::current());

    /// The constant's value.
    /// \return the non-negative encoding in the constant's width.
    const BigInt& value() const { return info().const_value; }
};

struct Reset;

/// A clocked register. Read it like any wire (its current value); set what it takes at the next clock
/// edge with `r.next <<= x`, or under a condition with `r.next |= x` (an unassigned register holds).
/// \code
///   rtl::Register count(4, "count");        // resets to 0
///   count.next <<= count + 1;               // a free-running counter (wraps at 16)
///
///   rtl::Register state("state", {"IDLE", "BUSY"});
///   enum class State { Idle, Busy };
///   rtl::when(state == State::Idle && go, [&] { state.next |= State::Busy; });
/// \endcode
class Register : public WireVector {
public:
    /// The `.next` side of a register: the value it takes at the next clock edge.
    class Next {
    public:
        /// Sets the next value unconditionally (truncated or zero-extended to the register's width).
        /// \param value the next value.
        /// \throws WidthError if `value` has no bitwidth yet.
        /// \throws ConnectionError if `next` is already set or the two belong to different blocks.
        void operator<<=(Located<WireVector> value) const;
        /// Sets the next value to a constant (an integer or enumerator).
        /// \param value the constant; it must fit in the register.
        /// \throws WidthError if `value` does not fit; otherwise as the WireVector overload.
        void operator<<=(LocatedConst value) const;
        /// Sets the next value when the enclosing `when` condition holds; otherwise the register holds.
        /// \param value the next value.
        /// \throws ConditionalError if used outside a `when` body, or under a conflicting condition.
        void operator|=(Located<WireVector> value) const;
        /// Sets the next value to a constant when the enclosing condition holds.
        /// \param value the constant; it must fit in the register.
        /// \throws WidthError if `value` does not fit; otherwise as the WireVector overload.
        void operator|=(LocatedConst value) const;

    private:
        friend class Register;
        Next(BlockRef block, WireId id) : block_(block), id_(id) {}
        void connect(const WireVector& value, const SourceLocation& where) const;
        void assign_conditionally(const WireVector& value, const SourceLocation& where) const;
        BlockRef block_;
        WireId id_;
    };

    /// A register of `bitwidth` bits.
    /// \param bitwidth the width in bits (at least 1).
    /// \param name the register's name; empty gives a temporary name.
    /// \param reset_value the value at reset and at the start of simulation (default 0); a negative
    ///        value is stored in two's complement.
    /// \param block the block to build in; null means the working block.
    /// \param where the caller's source line (leave the default).
    /// \throws WidthError if `bitwidth` is less than 1 or `reset_value` does not fit in it.
    /// \throws ConnectionError if `name` is already used.
    explicit Register(int bitwidth, std::string name = {}, std::optional<BigInt> reset_value = std::nullopt,
                      Block* block = nullptr, rtl::source_location where = rtl::source_location::current());
    /// A state register whose values are the indices of `state_names`; its width is the smallest that
    /// holds them, and traces show the names. Compare it with an enum: `state == State::Busy`.
    /// \param name the register's name.
    /// \param state_names the states' names, in the order of their values (0, 1, ...).
    /// \param reset_value the initial state's value (default 0, the first state).
    /// \param block the block to build in; null means the working block.
    /// \param where the caller's source line (leave the default).
    /// \throws ValueError if `state_names` is empty.
    /// \throws WidthError if `reset_value` does not fit.
    Register(std::string name, std::vector<std::string> state_names, std::optional<BigInt> reset_value = std::nullopt,
             Block* block = nullptr, rtl::source_location where = rtl::source_location::current());
    /// A register of `bitwidth` bits with a reset signal (clocking.hpp):
    /// `rtl::Register count(4, "count", 0, rtl::async_reset(areset));`
    /// \param bitwidth the width in bits (at least 1).
    /// \param name the register's name; empty gives a temporary name.
    /// \param reset_value the value the reset gives it, also its value at the start of simulation.
    /// \param reset the reset signal, kind and polarity (`sync_reset` or `async_reset`).
    /// \param where the caller's source line (leave the default).
    /// \throws WidthError, ConnectionError as the constructor above and `set_reset`.
    Register(int bitwidth, std::string name, std::optional<BigInt> reset_value, const Reset& reset,
             rtl::source_location where = rtl::source_location::current());

    /// Gives the register a reset signal of its own (replacing any it had, also one from a
    /// `ResetScope`).
    /// \param reset as made by `sync_reset` or `async_reset`; `ResetKind::None` removes the reset.
    /// \throws ConnectionError if the signal belongs to another block or is an Output.
    /// \throws WidthError if the signal is not 1 bit wide.
    void set_reset(const Reset& reset) const;

    /// The reset value.
    /// \return the value at reset (0 unless given), as its non-negative encoding.
    BigInt reset_value() const;

    /// What the register takes at the next clock edge: `r.next <<= x` or, under `when`, `r.next |= x`.
    Next next;
};

// ---- operators ----

/// \name Arithmetic, bitwise and comparison operators
/// \{

/// A binary operator on two wires. Each zero-extends the narrower operand to the wider width n and adds one net: `+`
/// and `-` give n+1 bits (`-` wraps in two's complement), `*` gives 2n bits, `&`, `|`, `^` give n bits, and the
/// comparisons give 1 bit and compare unsigned (use `signed_lt` and friends for signed values). Each
/// also accepts an integer or enumerator on either side, made a constant of minimal width.
/// \param a the left operand.
/// \param b the right operand.
/// \return a new wire holding the result.
/// \throws ConnectionError if `a` and `b` belong to different blocks.
/// \throws WidthError if an operand has no bitwidth yet, or the result would exceed `kMaxBitwidth`.
/// \throws ValueError if an integer operand is negative (give it a width with `Const(v, bits)`).
WireVector operator+(const WireVector& a, const WireVector& b);
WireVector operator-(const WireVector& a, const WireVector& b);
WireVector operator*(const WireVector& a, const WireVector& b);
WireVector operator&(const WireVector& a, const WireVector& b);
WireVector operator|(const WireVector& a, const WireVector& b);
WireVector operator^(const WireVector& a, const WireVector& b);
WireVector operator==(const WireVector& a, const WireVector& b);
WireVector operator!=(const WireVector& a, const WireVector& b);
WireVector operator<(const WireVector& a, const WireVector& b);
WireVector operator<=(const WireVector& a, const WireVector& b);
WireVector operator>(const WireVector& a, const WireVector& b);
WireVector operator>=(const WireVector& a, const WireVector& b);
/// \}

/// \name Shifts
/// \{

/// A logical shift. Logical shifts by a constant or by a wire (a barrel shifter); the width is unchanged and vacated
/// bits are 0 (`shift_right_arithmetic` in corecircuits.hpp keeps the sign).
/// \param a the value to shift.
/// \param amount the number of bits (a constant, or an unsigned wire for a shift chosen at run time).
/// \return a wire of `a`'s width.
/// \throws ConnectionError if `a` and `amount` belong to different blocks.
/// \throws ValueError if a constant `amount` is negative.
WireVector operator<<(const WireVector& a, int amount);
WireVector operator>>(const WireVector& a, int amount);
WireVector operator<<(const WireVector& a, const WireVector& amount);
WireVector operator>>(const WireVector& a, const WireVector& amount);
/// \}

/// A constant operand in `block`: minimal unsigned width (negative values are an error, as in PyRTL:
/// give them a width with `Const(v, bits)`).
/// \param block the block to build the constant in.
/// \param value the value (non-negative).
/// \return a new constant wire of `bit_length(value)` bits (at least 1).
/// \throws ValueError if `value` is negative.
WireVector as_const_operand(Block& block, const BigInt& value);

/// \cond INTERNAL
#define RTL_CONST_OPERATOR(op)                                                                                         \
    template <ConstLike T>                                                                                             \
    WireVector operator op(const WireVector& a, T b)                                                                   \
    {                                                                                                                  \
        return a op as_const_operand(a.block(), const_value_of(b));                                                    \
    }                                                                                                                  \
    template <ConstLike T>                                                                                             \
    WireVector operator op(T a, const WireVector& b)                                                                   \
    {                                                                                                                  \
        return as_const_operand(b.block(), const_value_of(a)) op b;                                                    \
    }
RTL_CONST_OPERATOR(+)
RTL_CONST_OPERATOR(-)
RTL_CONST_OPERATOR(*)
RTL_CONST_OPERATOR(&)
RTL_CONST_OPERATOR(|)
RTL_CONST_OPERATOR(^)
RTL_CONST_OPERATOR(==)
RTL_CONST_OPERATOR(!=)
RTL_CONST_OPERATOR(<)
RTL_CONST_OPERATOR(<=)
RTL_CONST_OPERATOR(>)
RTL_CONST_OPERATOR(>=)
#undef RTL_CONST_OPERATOR
/// \endcond

/// Builds one primitive net in `block` with a fresh temporary destination of `dest_width` bits.
/// The low-level door to the IR; prefer the operators and helpers.
/// \param block the block to build in.
/// \param op the primitive operation.
/// \param args its arguments, in the order of the table in ir.hpp.
/// \param dest_width the width of the result.
/// \param bits for `Op::Select` only: bit i of the result is `args[0]` bit `bits[i]`.
/// \param mem for `Op::MemRead` and `Op::MemWrite`: the memory's index in the block.
/// \return a handle to the new destination wire.
/// \throws WidthError if `dest_width` exceeds `kMaxBitwidth` or the widths break the op's rule.
/// \throws ConnectionError if an argument belongs to another block.
/// \throws MemoryError for a misused memory port.
WireVector make_net(Block& block, Op op, const std::vector<WireVector>& args, int dest_width,
                    std::vector<int> bits = {}, int mem = -1);

}  // namespace rtl

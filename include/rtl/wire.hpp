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
template <ConstLike T>
BigInt const_value_of(T v)
{
    if constexpr (std::is_enum_v<T>) return BigInt(static_cast<std::underlying_type_t<T>>(v));
    else return BigInt(v);
}

/// A bundle of wires of one bitwidth: the basic hardware value.
class WireVector {
public:
    /// A new wire in the working block (or `block`). `bitwidth` 0 means "take the width of whatever is
    /// first connected to it with `<<=`". An empty name gives a temporary name (`tmp<N>`), which traces
    /// and Verilog treat as internal.
    explicit WireVector(int bitwidth = 0, std::string name = {}, Block* block = nullptr,
                        rtl::source_location where = rtl::source_location::current());

    /// A handle onto an existing wire of a block.
    static WireVector wrap(Block& block, WireId id) { return WireVector(&block, id); }

    /// The block this wire belongs to. Throws `StaleHandleError` if that block has ended.
    Block& block() const { return *block_; }
    WireId id() const { return id_; }
    int bitwidth() const;
    const std::string& name() const;
    const WireInfo& info() const { return block_->wire(id_); }
    /// Renames the wire (so it is traced and keeps its name in Verilog); returns *this.
    const WireVector& rename(std::string new_name) const;

    /// Connects `source` to this wire: a wider source is truncated (MSBs dropped), a narrower one
    /// zero-extended. A wire of unknown width takes the source's width. A wire may be driven once.
    void operator<<=(const WireVector& source) const;
    template <ConstLike T>
    void operator<<=(T value) const
    {
        connect_const(const_value_of(value));
    }

    /// Conditional assignment: under `when(...)` records "this takes `value` when the condition holds"
    /// (an unassigned wire is 0). Outside any condition it is the same as `<<=`.
    void operator|=(const WireVector& value) const;
    template <ConstLike T>
    void operator|=(T value) const
    {
        conditional_const(const_value_of(value));
    }

    /// Bit `index` (negative counts from the MSB: -1 is the MSB).
    WireVector operator[](int index) const;
    /// Bits `hi` down to `lo`, inclusive (Verilog's `w[hi:lo]`); negative indices count from the MSB.
    WireVector operator()(int hi, int lo) const;
    /// A wire whose bit i is this wire's bit `bits[i]` (any order, repeats allowed).
    WireVector select_bits(const std::vector<int>& bits) const;

    /// The low `bitwidth` bits. Throws if `bitwidth` is larger than the wire.
    WireVector truncate(int bitwidth) const;
    /// Zero-extended to `bitwidth` (>= this width).
    WireVector zero_extended(int bitwidth) const;
    /// Sign-extended to `bitwidth` (>= this width).
    WireVector sign_extended(int bitwidth) const;

    WireVector operator~() const;
    WireVector nand(const WireVector& other) const;

protected:
    WireVector(Block* block, WireId id) : block_(block), id_(id) {}
    WireVector(BlockRef block, WireId id) : block_(block), id_(id) {}
    struct NoWire {};
    explicit WireVector(NoWire) : block_(nullptr), id_(kNoWire) {}
    void connect_const(const BigInt& value) const;
    void conditional_const(const BigInt& value) const;

    BlockRef block_;
    WireId id_;
};

/// An input port of the design, given a value every simulation step.
class Input : public WireVector {
public:
    explicit Input(int bitwidth, std::string name = {}, Block* block = nullptr,
                   rtl::source_location where = rtl::source_location::current());
};

/// An output port of the design. It may be driven once and cannot be read inside the design.
class Output : public WireVector {
public:
    explicit Output(int bitwidth = 0, std::string name = {}, Block* block = nullptr,
                    rtl::source_location where = rtl::source_location::current());
};

/// A constant. Its width is the smallest that holds `value` unless `bitwidth` is given; negative values
/// need `bitwidth` or `is_signed` and are stored in two's complement.
class Const : public WireVector {
public:
    Const(const BigInt& value, int bitwidth = 0, bool is_signed = false, std::string name = {}, Block* block = nullptr,
          rtl::source_location where = rtl::source_location::current());
    template <ConstLike T>
    Const(T value, int bitwidth = 0, bool is_signed = false, std::string name = {}, Block* block = nullptr,
          rtl::source_location where = rtl::source_location::current())
        : Const(const_value_of(value), bitwidth, is_signed, std::move(name), block, where)
    {}
    /// A Verilog-style literal, e.g. `Const("8'hFF")`.
    explicit Const(const char* verilog_literal, Block* block = nullptr,
                   rtl::source_location where = rtl::source_location::current());

    const BigInt& value() const { return info().const_value; }
};

/// A clocked register. Read it like any wire (its current value); set what it takes at the next clock
/// edge with `r.next <<= x`, or under a condition with `r.next |= x` (an unassigned register holds).
class Register : public WireVector {
public:
    /// The `.next` side of a register.
    class Next {
    public:
        void operator<<=(const WireVector& value) const;
        template <ConstLike T>
        void operator<<=(T value) const
        {
            connect_const(const_value_of(value));
        }
        void operator|=(const WireVector& value) const;
        template <ConstLike T>
        void operator|=(T value) const
        {
            conditional_const(const_value_of(value));
        }

    private:
        friend class Register;
        Next(BlockRef block, WireId id) : block_(block), id_(id) {}
        void connect_const(const BigInt& value) const;
        void conditional_const(const BigInt& value) const;
        BlockRef block_;
        WireId id_;
    };

    /// A register of `bitwidth` bits that starts (and resets) at `reset_value` (default 0).
    explicit Register(int bitwidth, std::string name = {}, std::optional<BigInt> reset_value = std::nullopt,
                      Block* block = nullptr, rtl::source_location where = rtl::source_location::current());
    /// A state register whose values are the indices of `state_names`; its width is the smallest that
    /// holds them, and traces show the names. Compare it with an enum: `state == State::Busy`.
    Register(std::string name, std::vector<std::string> state_names, std::optional<BigInt> reset_value = std::nullopt,
             Block* block = nullptr, rtl::source_location where = rtl::source_location::current());

    /// The reset value (0 unless given).
    BigInt reset_value() const;

    Next next;
};

// ---- operators ----

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
/// Logical shifts by a constant or by a wire (a barrel shifter); the width is unchanged.
WireVector operator<<(const WireVector& a, int amount);
WireVector operator>>(const WireVector& a, int amount);
WireVector operator<<(const WireVector& a, const WireVector& amount);
WireVector operator>>(const WireVector& a, const WireVector& amount);

/// A constant operand in `block`: minimal unsigned width (negative values are an error, as in PyRTL:
/// give them a width with `Const(v, bits)`).
WireVector as_const_operand(Block& block, const BigInt& value);

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

/// Builds one primitive net in `block` with a fresh temporary destination of `dest_width` bits.
/// The low-level door to the IR; prefer the operators and helpers.
WireVector make_net(Block& block, Op op, const std::vector<WireVector>& args, int dest_width,
                    std::vector<int> bits = {}, int mem = -1);

}  // namespace rtl

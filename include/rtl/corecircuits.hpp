#pragma once
/// \file corecircuits.hpp
/// Helper circuits built from the primitive ops (PyRTL's corecircuits and helperfuncs): muxes,
/// concatenation, extension, signed arithmetic, shifts, bit patterns and fields, enum-keyed muxes,
/// reductions, wire lists, probes and assertions.
/// Arguments documented as `Operand` accept a wire or an integer constant.
///
/// \code
///   rtl::WireVector y = rtl::select(sel, a, b);              // sel ? a : b
///   rtl::WireVector z = rtl::mux(index, {a, b, c}, 0);        // a 2-bit index, the 4th value is 0
///   rtl::WireVector w = rtl::concat(high, low);               // high in the MSBs
///   rtl::WireVector p = rtl::signed_mult(a, b);               // two's complement product
/// \endcode
///
/// Every helper also throws what the operations it builds with throw (see wire.hpp):
/// `StaleHandleError` for a handle whose block has ended and `ConnectionError` for wires of
/// different blocks.

#include "rtl/wire.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rtl {

/// A wire or an integer constant, for helper arguments.
class Operand {
public:
    /// A wire operand.
    /// \param wire the wire.
    Operand(const WireVector& wire) : value_(wire) {}
    /// A constant operand, made a constant wire when the helper knows its block.
    /// \param value the value.
    Operand(const BigInt& value) : value_(value) {}
    /// A constant operand from a C++ integer, bool or enumerator.
    /// \tparam T an integral or enumeration type.
    /// \param value the value.
    template <ConstLike T>
    Operand(T value) : value_(const_value_of(value))
    {}

    /// The wire, or a constant in `block` (minimal width; signed encoding when `is_signed`).
    /// \param block the block to build a constant in.
    /// \param is_signed give a constant its minimal two's complement width.
    /// \return the wire itself, or a new constant wire.
    /// \throws ValueError if the constant is negative and `is_signed` is false.
    WireVector resolve(Block& block, bool is_signed = false) const;
    /// The wire, if this operand is one.
    /// \return a pointer to the wire, or null for a constant.
    const WireVector* wire() const { return std::get_if<WireVector>(&value_); }

private:
    std::variant<WireVector, BigInt> value_;
};

/// `sel ? truecase : falsecase` (sel first, as PyRTL). The cases are zero-extended to a common width.
/// \param sel a 1-bit select.
/// \param truecase the value when `sel` is 1.
/// \param falsecase the value when `sel` is 0.
/// \return a wire of the wider case's width.
/// \throws WidthError if `sel` is not 1 bit.
/// \throws ValueError if a constant case is negative.
WireVector select(const WireVector& sel, const Operand& truecase, const Operand& falsecase);
/// `values[index]` (PyRTL's `mux`). The values are zero-extended to the widest.
/// \param index the unsigned index.
/// \param values the choices, `values[0]` for index 0.
/// \param default_value fills the indices past the end of `values`.
/// \return a wire of the widest value's width.
/// \throws WidthError if there are more than 2^width(index) values, or fewer and no `default_value`.
/// \throws ValueError if a constant value is negative.
WireVector mux(const WireVector& index, const std::vector<Operand>& values,
               const std::optional<Operand>& default_value = std::nullopt);

/// Concatenation with the first argument in the most significant bits (Verilog's `{a, b}`).
/// \param msb_first the wires, most significant first.
/// \return a wire whose width is the sum of theirs (the wire itself for a single one).
/// \throws WidthError if the list is empty or the result would exceed `kMaxBitwidth`.
WireVector concat(const std::vector<WireVector>& msb_first);
/// Concatenation of separate arguments, the first in the most significant bits: `concat(a, b, c)`.
/// \tparam Ws wire types.
/// \param first the most significant part.
/// \param rest the following parts, in order.
/// \return a wire whose width is the sum of theirs.
/// \throws WidthError if the result would exceed `kMaxBitwidth`.
template <class... Ws>
requires(std::convertible_to<const Ws&, const WireVector&>&&...) WireVector
    concat(const WireVector& first, const Ws&... rest)
{
    return concat(std::vector<WireVector>{first, static_cast<const WireVector&>(rest)...});
}
/// Concatenation with the first element in the least significant bits (PyRTL's `concat_list`).
/// \param lsb_first the wires, least significant first.
/// \return a wire whose width is the sum of theirs.
/// \throws WidthError if the list is empty or the result would exceed `kMaxBitwidth`.
WireVector concat_list(const std::vector<WireVector>& lsb_first);
/// Splits `w` into fields; the first width is the most significant field.
/// \param w the wire to split.
/// \param widths_msb_first the field widths, most significant first; they must sum to `w`'s width.
/// \return the fields, in the order of `widths_msb_first`.
/// \throws WidthError if a width is less than 1 or the widths do not sum to `w`'s width.
std::vector<WireVector> chop(const WireVector& w, const std::vector<int>& widths_msb_first);

/// `w.zero_extended(bitwidth)` as a free function.
/// \param w the wire.
/// \param bitwidth the new width (>= w's).
/// \return the zero-extended wire.
/// \throws WidthError if `bitwidth` is smaller than `w`'s width.
WireVector zero_extend(const WireVector& w, int bitwidth);
/// `w.sign_extended(bitwidth)` as a free function.
/// \param w the wire.
/// \param bitwidth the new width (>= w's).
/// \return the sign-extended wire.
/// \throws WidthError if `bitwidth` is smaller than `w`'s width.
WireVector sign_extend(const WireVector& w, int bitwidth);
/// `w.truncate(bitwidth)` as a free function.
/// \param w the wire.
/// \param bitwidth the number of low bits to keep.
/// \return the low bits.
/// \throws WidthError if `bitwidth` is less than 1 or larger than `w`.
WireVector truncate(const WireVector& w, int bitwidth);
/// Extends every wire to the widest (zero- or sign-extension).
/// \param wires the wires.
/// \param is_signed sign-extend instead of zero-extend.
/// \return the wires, in order, all of the widest width.
std::vector<WireVector> match_bitwidth(const std::vector<WireVector>& wires, bool is_signed = false);

/// \name Signed arithmetic and comparison
/// \{

/// Two's complement arithmetic and comparison (PyRTL's `signed_add`, `signed_mult`, `signed_lt`, ...):
/// both operands are sign-extended to the wider width first. `signed_add`/`signed_sub` give
/// max(wa, wb) + 1 bits, `signed_mult` gives wa + wb bits, the comparisons give 1 bit. Integer
/// arguments become signed constants of minimal width.
/// \param a the left operand.
/// \param b the right operand.
/// \return a new wire holding the result.
/// \throws ConnectionError if the operands belong to different blocks.
/// \throws WidthError if the result would exceed `kMaxBitwidth`.
WireVector signed_add(const Operand& a, const Operand& b);
WireVector signed_sub(const Operand& a, const Operand& b);
WireVector signed_mult(const Operand& a, const Operand& b);
WireVector signed_lt(const Operand& a, const Operand& b);
WireVector signed_le(const Operand& a, const Operand& b);
WireVector signed_gt(const Operand& a, const Operand& b);
WireVector signed_ge(const Operand& a, const Operand& b);
/// \}

/// \name Shifts by a constant
/// \{

/// Shifts by a constant: the width is kept; shifting by the width or more gives all fill bits (0, or
/// copies of the sign bit for `shift_right_arithmetic`). A left arithmetic shift is the logical one.
/// \param w the value to shift.
/// \param amount the number of bits (non-negative).
/// \return a wire of `w`'s width.
/// \throws ValueError if `amount` is negative.
WireVector shift_left_logical(const WireVector& w, int amount);
WireVector shift_right_logical(const WireVector& w, int amount);
WireVector shift_right_arithmetic(const WireVector& w, int amount);
WireVector shift_left_arithmetic(const WireVector& w, int amount);
/// \}

/// \name Shifts by a wire
/// \{

/// Shifts by an amount chosen at run time (a `barrel_shifter`): the width is kept; shifting by the
/// width or more gives all fill bits.
/// \param w the value to shift.
/// \param amount the unsigned shift distance.
/// \return a wire of `w`'s width.
WireVector shift_left_logical(const WireVector& w, const WireVector& amount);
WireVector shift_right_logical(const WireVector& w, const WireVector& amount);
WireVector shift_right_arithmetic(const WireVector& w, const WireVector& amount);
WireVector shift_left_arithmetic(const WireVector& w, const WireVector& amount);
/// \}

/// A logarithmic barrel shifter (PyRTL's `barrel_shifter`): one stage of selects per bit of
/// `shift_dist`.
/// \param bits the value to shift.
/// \param bit_in the 1-bit value shifted into the vacated positions.
/// \param direction 1 bit: 1 shifts left, 0 right.
/// \param shift_dist the unsigned shift distance; a distance of the width or more gives all `bit_in`.
/// \return a wire of `bits`'s width.
/// \throws WidthError if `bit_in` or `direction` is not 1 bit.
WireVector barrel_shifter(const WireVector& bits, const WireVector& bit_in, const WireVector& direction,
                          const WireVector& shift_dist);

/// \name Bit patterns, bit fields and enum-keyed muxes (PyRTL's match_bitpattern, bitfield_update,
/// enum_mux; implemented in bitfields.cpp)
/// \{

/// Whether `w` matches `pattern`, written MSB first (PyRTL's `match_bitpattern`): `0` and `1` must
/// match, `?` and letters match anything; spaces and `_` are ignored.
/// \code
///   rtl::WireVector is_addi = rtl::match_bitpattern(instr(6, 0), "0010011");
///   rtl::WireVector is_branch = rtl::match_bitpattern(opcode, "110_0?11");
/// \endcode
/// \param w the wire.
/// \param pattern one character per bit of `w`.
/// \return a 1-bit wire, 1 when every `0` and `1` of the pattern matches.
/// \throws ValueError if the pattern has another character.
/// \throws WidthError if the pattern's length differs from `w`'s width.
WireVector match_bitpattern(const WireVector& w, std::string_view pattern);

/// The result of `match_bitpattern_fields`.
struct BitpatternMatch {
    WireVector matched{};  ///< 1 bit: the pattern's `0`s and `1`s match
    std::map<char, WireVector> fields{};  ///< per letter: its bits of `w`, concatenated MSB first
};
/// `match_bitpattern` plus the fields named by letters (PyRTL's `field_map`): the bits under each
/// letter, in order, form that field (`"ssss_0000_tttt"` gives an 4-bit `s` and `t`).
/// \param w the wire.
/// \param pattern one character per bit of `w`: `0`, `1`, `?` or a letter.
/// \return the match bit and the fields.
/// \throws ValueError, WidthError as `match_bitpattern`.
BitpatternMatch match_bitpattern_fields(const WireVector& w, std::string_view pattern);

/// `w` with bits `hi` down to `lo` replaced by `value` (PyRTL's `bitfield_update`, with rtlnet's
/// Verilog-order indices: PyRTL's `range_start, range_end` are `lo, hi + 1` here).
/// \code
///   rtl::WireVector with_flag = rtl::bitfield_update(status, 3, 3, 1);   // set bit 3
/// \endcode
/// \param w the wire.
/// \param hi the field's top bit (negative counts from the MSB).
/// \param lo the field's bottom bit.
/// \param value the new field; narrower values are zero-extended.
/// \param truncating allow a wider `value` and keep its low bits.
/// \return a wire of `w`'s width.
/// \throws WidthError if the range is out of `w` or empty, or `value` is wider than the field and not
///         `truncating`.
WireVector bitfield_update(const WireVector& w, int hi, int lo, const Operand& value, bool truncating = false);

/// A key of `enum_mux`: an enumerator or integer.
struct MuxKey {
    /// The key's value.
    /// \tparam T an integral or enumeration type.
    /// \param key the enumerator or integer.
    template <ConstLike T>
    MuxKey(T key) : value(const_value_of(key))  // NOLINT: implicit, for braced tables
    {}
    BigInt value;  ///< the key's integer value
};
/// A mux keyed by values of `sel` (PyRTL's `enum_mux`):
/// \code
///   rtl::WireVector out = rtl::enum_mux(state, {{State::Idle, 0}, {State::Busy, count}, {State::Done, 1}});
/// \endcode
/// Without `default_value` the table must cover every value `sel` can hold: every state of a state
/// register (`Register(name, {states...})`; its other encodings give 0), else all 2^width values.
/// \param sel the select (a state register, say).
/// \param table key → value; values are zero-extended to the widest.
/// \param default_value the value for keys not in the table.
/// \return a wire of the widest value's width.
/// \throws ValueError if a key repeats, is negative or does not fit `sel`, or a value is a negative
///         constant.
/// \throws WidthError if keys are missing and there is no default (the message lists some).
WireVector enum_mux(const WireVector& sel, const std::vector<std::pair<MuxKey, Operand>>& table,
                    const std::optional<Operand>& default_value = std::nullopt);
/// \}

/// \name Reductions
/// \{

/// A reduction over the bits of one wire: AND, OR or XOR of all of them.
/// \param w the wire.
/// \return a 1-bit wire.
/// \throws WidthError if `w` has no bitwidth yet.
WireVector and_all_bits(const WireVector& w);
WireVector or_all_bits(const WireVector& w);
WireVector xor_all_bits(const WireVector& w);
/// \}

/// \name Reductions over lists
/// \{

/// OR (`rtl_any`) or AND (`rtl_all`) of 1-bit wires; an empty list gives 0 (any) or 1 (all).
/// \param bits the 1-bit wires.
/// \return a 1-bit wire.
/// \throws WidthError if a wire is not 1 bit.
WireVector rtl_any(const std::vector<WireVector>& bits);
WireVector rtl_all(const std::vector<WireVector>& bits);
/// \}

/// \name Wire lists from names
/// \{

/// One new wire, Input, Output or Register per name (PyRTL's `wirevector_list` and friends), in the
/// working block: `input_list("a b c", 8)` or `input_list("a/4, b/8")` (a width per name).
/// \param names the names, separated by spaces or commas, each optionally followed by `/width`.
/// \param bitwidth the width of names without `/width`.
/// \return the handles, in the order of `names`.
/// \throws ValueError if `names` holds no name or a width is not a number.
/// \throws WidthError if a width is not valid for the kind of wire.
/// \throws ConnectionError if a name is already used.
std::vector<WireVector> wirevector_list(const std::string& names, int bitwidth = 1);
std::vector<Input> input_list(const std::string& names, int bitwidth = 1);
std::vector<Output> output_list(const std::string& names, int bitwidth = 1);
std::vector<Register> register_list(const std::string& names, int bitwidth = 1);
/// \}

/// Adds an Output that shows `w`, so an internal wire appears in traces and as a Verilog port
/// (PyRTL's `probe`).
/// \code
///   rtl::WireVector product = rtl::probe(a * b, "product_probe");
/// \endcode
/// \param w the wire to show.
/// \param name the Output's name (default `probe_<N>_<wire name>`).
/// \return `w` itself, so the probe can wrap an expression.
/// \throws ConnectionError if `name` is already used.
WireVector probe(const WireVector& w, std::string name = {});
/// Makes the simulation throw `AssertionFailure(message)` in any cycle where the 1-bit `condition` is
/// 0 (PyRTL's `rtl_assert`).
/// \code
///   rtl::rtl_assert(a != 13, "a must never be 13");
/// \endcode
/// \param condition a 1-bit wire that must be 1 in every cycle.
/// \param message the assertion's message.
/// \return the Output that carries the condition.
/// \throws WidthError if `condition` is not 1 bit.
Output rtl_assert(const WireVector& condition, std::string message);

}  // namespace rtl

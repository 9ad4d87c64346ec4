#pragma once
/// \file corecircuits.hpp
/// Helper circuits built from the primitive ops (PyRTL's corecircuits and helperfuncs): muxes,
/// concatenation, extension, signed arithmetic, shifts, reductions, wire lists, probes and assertions.
/// Arguments documented as `Operand` accept a wire or an integer constant.

#include "rtl/wire.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace rtl {

/// A wire or an integer constant, for helper arguments.
class Operand {
public:
    Operand(const WireVector& wire) : value_(wire) {}
    Operand(const BigInt& value) : value_(value) {}
    template <ConstLike T>
    Operand(T value) : value_(const_value_of(value))
    {}

    /// The wire, or a constant in `block` (minimal width; signed encoding when `is_signed`).
    WireVector resolve(Block& block, bool is_signed = false) const;
    /// The wire, if this operand is one.
    const WireVector* wire() const { return std::get_if<WireVector>(&value_); }

private:
    std::variant<WireVector, BigInt> value_;
};

/// `sel ? truecase : falsecase` (sel first, as PyRTL). The cases are zero-extended to a common width.
WireVector select(const WireVector& sel, const Operand& truecase, const Operand& falsecase);
/// `values[index]`: needs 2^width(index) values unless `default_value` fills the rest.
WireVector mux(const WireVector& index, const std::vector<Operand>& values,
               const std::optional<Operand>& default_value = std::nullopt);

/// Concatenation with the first argument in the most significant bits.
WireVector concat(const std::vector<WireVector>& msb_first);
template <class... Ws>
requires(std::convertible_to<const Ws&, const WireVector&>&&...) WireVector
    concat(const WireVector& first, const Ws&... rest)
{
    return concat(std::vector<WireVector>{first, static_cast<const WireVector&>(rest)...});
}
/// Concatenation with the first element in the least significant bits.
WireVector concat_list(const std::vector<WireVector>& lsb_first);
/// Splits `w` into fields; the first width is the most significant field. The widths must sum to w.
std::vector<WireVector> chop(const WireVector& w, const std::vector<int>& widths_msb_first);

WireVector zero_extend(const WireVector& w, int bitwidth);
WireVector sign_extend(const WireVector& w, int bitwidth);
WireVector truncate(const WireVector& w, int bitwidth);
/// Extends every wire to the widest (zero- or sign-extension).
std::vector<WireVector> match_bitwidth(const std::vector<WireVector>& wires, bool is_signed = false);

/// Two's complement arithmetic. add/sub give max(wa, wb) + 1 bits; mult gives wa + wb bits.
/// Integer arguments become signed constants of minimal width.
WireVector signed_add(const Operand& a, const Operand& b);
WireVector signed_sub(const Operand& a, const Operand& b);
WireVector signed_mult(const Operand& a, const Operand& b);
WireVector signed_lt(const Operand& a, const Operand& b);
WireVector signed_le(const Operand& a, const Operand& b);
WireVector signed_gt(const Operand& a, const Operand& b);
WireVector signed_ge(const Operand& a, const Operand& b);

/// Shifts keep the width; shifting by the width or more gives all fill bits.
WireVector shift_left_logical(const WireVector& w, int amount);
WireVector shift_right_logical(const WireVector& w, int amount);
WireVector shift_right_arithmetic(const WireVector& w, int amount);
WireVector shift_left_arithmetic(const WireVector& w, int amount);
WireVector shift_left_logical(const WireVector& w, const WireVector& amount);
WireVector shift_right_logical(const WireVector& w, const WireVector& amount);
WireVector shift_right_arithmetic(const WireVector& w, const WireVector& amount);
WireVector shift_left_arithmetic(const WireVector& w, const WireVector& amount);
/// A logarithmic barrel shifter: `direction` 1 shifts left, 0 right; vacated bits take `bit_in`.
WireVector barrel_shifter(const WireVector& bits, const WireVector& bit_in, const WireVector& direction,
                          const WireVector& shift_dist);

/// Reductions over the bits of one wire.
WireVector and_all_bits(const WireVector& w);
WireVector or_all_bits(const WireVector& w);
WireVector xor_all_bits(const WireVector& w);
/// OR / AND of 1-bit wires (an empty list gives 0 / 1).
WireVector rtl_any(const std::vector<WireVector>& bits);
WireVector rtl_all(const std::vector<WireVector>& bits);

/// Lists of wires from names: "a b c" or "a/4 b/8" (a width per name), or a vector of names.
std::vector<WireVector> wirevector_list(const std::string& names, int bitwidth = 1);
std::vector<Input> input_list(const std::string& names, int bitwidth = 1);
std::vector<Output> output_list(const std::string& names, int bitwidth = 1);
std::vector<Register> register_list(const std::string& names, int bitwidth = 1);

/// Adds an Output named `name` (default "probe_<N>_<wire name>") that shows `w`; returns `w`.
WireVector probe(const WireVector& w, std::string name = {});
/// Makes the simulation throw `AssertionFailure(message)` in any cycle where the 1-bit `condition` is 0.
/// Returns the Output that carries the condition.
Output rtl_assert(const WireVector& condition, std::string message);

}  // namespace rtl

#include "rtl/wire.hpp"

#include "rtl/clocking.hpp"
#include "rtl/conditional.hpp"
#include "rtl/error.hpp"

#include <fmt/format.h>

namespace rtl {

namespace {

Block& pick(Block* block)
{
    return block ? *block : working_block();
}

// Both operands in one block, zero-extended to the wider width.
std::pair<WireVector, WireVector> matched(const WireVector& a, const WireVector& b, std::string_view op)
{
    if (&a.block() != &b.block())
        throw ConnectionError(fmt::format("operator {}: {} and {} belong to different blocks", op,
                                          a.block().describe(a.id()), b.block().describe(b.id())));
    for (const WireVector* w : {&a, &b})
        if (w->bitwidth() == 0)
            throw WidthError(fmt::format("operator {}: {} has no bitwidth yet; give it one or connect it first", op,
                                         w->block().describe(w->id())));
    int n = std::max(a.bitwidth(), b.bitwidth());
    return {a.zero_extended(n), b.zero_extended(n)};
}

WireVector binary(const WireVector& a, const WireVector& b, Op op, std::string_view spelling, int extra)
{
    auto [x, y] = matched(a, b, spelling);
    int n = x.bitwidth();
    int width = op == Op::Lt || op == Op::Gt || op == Op::Eq ? 1 : op == Op::Mul ? 2 * n : n + extra;
    return make_net(a.block(), op, {x, y}, width);
}

// `value` coerced to `width` bits as <<= does: truncated or zero-extended.
WireVector fit(const WireVector& value, int width)
{
    if (value.bitwidth() > width) return value.truncate(width);
    return value.zero_extended(width);
}

WireVector const_for(Block& block, WireId target, const BigInt& value, std::string_view what)
{
    const WireInfo& w = block.wire(target);
    if (w.bitwidth == 0) {
        auto vb = infer_val_and_bitwidth(value);
        return Const(vb.value, vb.bitwidth, false, {}, &block);
    }
    try {
        auto vb = infer_val_and_bitwidth(value, w.bitwidth, value < 0);
        return Const(vb.value, vb.bitwidth, false, {}, &block);
    } catch (const Error& e) {
        throw WidthError(fmt::format("{} {}: constant {} does not fit in {} bits", what, block.describe(target),
                                     value.str(), w.bitwidth));
    }
}

void check_same_block(const WireVector& target, const WireVector& source)
{
    if (&target.block() != &source.block())
        throw ConnectionError(fmt::format("cannot connect {} to {}: they belong to different blocks",
                                          source.block().describe(source.id()), target.block().describe(target.id())));
}

int normalize_index(int index, int width, const WireVector& w)
{
    int i = index < 0 ? index + width : index;
    if (i < 0 || i >= width)
        throw WidthError(fmt::format("bit index {} is out of range for {} (valid: {}..{} or -{}..-1)", index,
                                     w.block().describe(w.id()), 0, width - 1, width));
    return i;
}

}  // namespace

WireVector make_net(Block& block, Op op, const std::vector<WireVector>& args, int dest_width, std::vector<int> bits,
                    int mem)
{
    if (dest_width > kMaxBitwidth) {
        std::string operands;
        for (const auto& a : args) operands += (operands.empty() ? "" : ", ") + block.describe(a.id());
        throw WidthError(fmt::format("op {} of {} would give {} bits; rtlnet's maximum bitwidth is {}", op_name(op),
                                     operands, dest_width, kMaxBitwidth));
    }
    WireId dest = block.add_wire({}, dest_width, WireKind::Wire);
    LogicNet net{op, {}, dest, std::move(bits), mem};
    net.args.reserve(args.size());
    for (const auto& a : args) {
        if (&a.block() != &block) throw ConnectionError("a net's arguments must all belong to its block");
        net.args.push_back(a.id());
    }
    block.add_net(std::move(net));
    return WireVector::wrap(block, dest);
}

WireVector as_const_operand(Block& block, const BigInt& value)
{
    if (value < 0)
        throw ValueError(fmt::format("negative constant {} used as an operand: give it a width, e.g. "
                                     "rtl::Const({}, bits), or use the signed_* helpers",
                                     value.str(), value.str()));
    auto vb = infer_val_and_bitwidth(value);
    return Const(vb.value, vb.bitwidth, false, {}, &block);
}

// ---- WireVector ----

WireVector::WireVector(int bitwidth, std::string name, Block* block, rtl::source_location where)
    : block_(&pick(block)), id_(kUnmade), where_(where)
{
    if (bitwidth == 0 && name.empty()) return;  // made on first use (wire.hpp)
    id_ = block_->add_wire(std::move(name), bitwidth, WireKind::Wire, SourceLocation::from(where));
}

void WireVector::make() const
{
    id_ = block_->add_wire({}, 0, WireKind::Wire, SourceLocation::from(where_));
}

int WireVector::bitwidth() const
{
    return block_->wire(id()).bitwidth;
}

const std::string& WireVector::name() const
{
    return block_->wire(id()).name;
}

const WireVector& WireVector::rename(std::string new_name) const
{
    block_->rename(id(), std::move(new_name));
    return *this;
}

void WireVector::operator<<=(Located<WireVector> source) const
{
    connect(source.value, SourceLocation::from(source.where));
}

void WireVector::operator<<=(LocatedConst value) const
{
    connect(const_for(*block_, id(), value.value, "<<= to"), SourceLocation::from(value.where));
}

void WireVector::connect(const WireVector& source, const SourceLocation& where) const
{
    check_same_block(*this, source);
    const WireInfo& w = info();
    if (w.kind == WireKind::Register)
        throw ConnectionError(fmt::format("{} is a register: set it with .next <<= (or .next |= under a condition){}",
                                          block_->describe(id()),
                                          where.file.empty() ? "" : " (at " + where.str() + ")"));
    if (source.bitwidth() == 0)
        throw WidthError(fmt::format("cannot connect {} to {}: the source has no bitwidth yet",
                                     block_->describe(source.id()), block_->describe(id())));
    if (w.bitwidth == 0) block_->set_bitwidth(id(), source.bitwidth());
    WireVector value = fit(source, bitwidth());
    block_->add_net({Op::Wire, {value.id()}, id(), {}, -1}, where);
}

void WireVector::operator|=(Located<WireVector> value) const
{
    assign_conditionally(value.value, SourceLocation::from(value.where));
}

void WireVector::operator|=(LocatedConst value) const
{
    assign_conditionally(const_for(*block_, id(), value.value, "|= to"), SourceLocation::from(value.where));
}

void WireVector::assign_conditionally(const WireVector& value, const SourceLocation& where) const
{
    check_same_block(*this, value);
    auto& state = block_->conditional();
    if (!state.under_condition()) {
        connect(value, where);
        return;
    }
    const WireInfo& w = info();
    if (w.kind == WireKind::Register)
        throw ConditionalError(
            fmt::format("{} is a register: use .next |= to assign it conditionally", block_->describe(id())));
    if (w.kind == WireKind::Input || w.kind == WireKind::Const)
        throw ConditionalError(fmt::format("{} cannot be assigned", block_->describe(id())));
    if (w.bitwidth == 0)
        throw ConditionalError(fmt::format("conditional assignment needs a wire with a known bitwidth, but {} has none",
                                           block_->describe(id())));
    state.assign_wire(*block_, id(), fit(value, w.bitwidth).id(), where);
}

WireVector WireVector::operator[](int index) const
{
    int i = normalize_index(index, bitwidth(), *this);
    return select_bits({i});
}

WireVector WireVector::operator()(int hi, int lo) const
{
    int width = bitwidth();
    int h = normalize_index(hi, width, *this);
    int l = normalize_index(lo, width, *this);
    if (h < l)
        throw WidthError(fmt::format("slice ({}, {}) of {} is empty: the first index is the high bit, as in "
                                     "Verilog's w[hi:lo]",
                                     hi, lo, block_->describe(id())));
    if (l == 0 && h == width - 1) return *this;
    std::vector<int> bits;
    for (int b = l; b <= h; ++b) bits.push_back(b);
    return select_bits(bits);
}

WireVector WireVector::select_bits(const std::vector<int>& bits) const
{
    if (bits.empty()) throw WidthError(fmt::format("selecting no bits of {}", block_->describe(id())));
    for (int b : bits) normalize_index(b, bitwidth(), *this);
    return make_net(*block_, Op::Select, {*this}, static_cast<int>(bits.size()), bits);
}

WireVector WireVector::truncate(int width) const
{
    if (width < 1) throw WidthError(fmt::format("cannot truncate {} to {} bits", block_->describe(id()), width));
    if (width > bitwidth())
        throw WidthError(
            fmt::format("cannot truncate {} to {} bits: that is wider than the wire", block_->describe(id()), width));
    if (width == bitwidth()) return *this;
    return (*this)(width - 1, 0);
}

WireVector WireVector::zero_extended(int width) const
{
    if (width < bitwidth())
        throw WidthError(fmt::format("cannot zero-extend {} to {} bits: extension cannot reduce the number of bits",
                                     block_->describe(id()), width));
    if (width == bitwidth()) return *this;
    Const zeros(0, width - bitwidth(), false, {}, &*block_);
    return make_net(*block_, Op::Concat, {zeros, *this}, width);
}

WireVector WireVector::sign_extended(int width) const
{
    if (width < bitwidth())
        throw WidthError(fmt::format("cannot sign-extend {} to {} bits: extension cannot reduce the number of bits",
                                     block_->describe(id()), width));
    if (width == bitwidth()) return *this;
    std::vector<int> bits;
    for (int i = 0; i < bitwidth(); ++i) bits.push_back(i);
    for (int i = bitwidth(); i < width; ++i) bits.push_back(bitwidth() - 1);
    return make_net(*block_, Op::Select, {*this}, width, bits);
}

WireVector WireVector::operator~() const
{
    return make_net(*block_, Op::Not, {*this}, bitwidth());
}

WireVector WireVector::nand(const WireVector& other) const
{
    return binary(*this, other, Op::Nand, "nand", 0);
}

// ---- Input, Output, Const ----

Input::Input(int bitwidth, std::string name, Block* block, rtl::source_location where) : WireVector(NoWire{})
{
    if (bitwidth < 1)
        throw WidthError(fmt::format("Input \"{}\" needs a bitwidth of at least 1, got {}", name, bitwidth));
    block_ = &pick(block);
    id_ = block_->add_wire(std::move(name), bitwidth, WireKind::Input, SourceLocation::from(where));
}

Output::Output(int bitwidth, std::string name, Block* block, rtl::source_location where) : WireVector(NoWire{})
{
    if (bitwidth < 0) throw WidthError(fmt::format("Output \"{}\" needs a positive bitwidth, got {}", name, bitwidth));
    block_ = &pick(block);
    id_ = block_->add_wire(std::move(name), bitwidth, WireKind::Output, SourceLocation::from(where));
}

Const::Const(const BigInt& value, int bitwidth, bool is_signed, std::string name, Block* block,
             rtl::source_location where)
    : WireVector(NoWire{})
{
    if (bitwidth < 0)
        throw WidthError(fmt::format("Const({}) needs a positive bitwidth, got {}", value.str(), bitwidth));
    auto vb = infer_val_and_bitwidth(value, bitwidth ? std::optional<int>(bitwidth) : std::nullopt, is_signed);
    block_ = &pick(block);
    id_ = block_->add_const(vb.value, vb.bitwidth, std::move(name), SourceLocation::from(where));
}

Const::Const(const char* verilog_literal, Block* block, rtl::source_location where) : WireVector(NoWire{})
{
    auto vb = parse_verilog_literal(verilog_literal);
    block_ = &pick(block);
    id_ = block_->add_const(vb.value, vb.bitwidth, {}, SourceLocation::from(where));
}

// ---- Register ----

Register::Register(int bitwidth, std::string name, std::optional<BigInt> reset_value, Block* block,
                   rtl::source_location where)
    : WireVector(NoWire{}), next(nullptr, kNoWire)
{
    if (bitwidth < 1)
        throw WidthError(fmt::format("Register \"{}\" needs a bitwidth of at least 1, got {}", name, bitwidth));
    block_ = &pick(block);
    if (reset_value) {
        try {
            reset_value = infer_val_and_bitwidth(*reset_value, bitwidth, *reset_value < 0).value;
        } catch (const Error&) {
            throw WidthError(fmt::format("reset value {} of Register \"{}\" cannot fit in {} bits", reset_value->str(),
                                         name, bitwidth));
        }
    }
    id_ = block_->add_wire(std::move(name), bitwidth, WireKind::Register, SourceLocation::from(where));
    block_->set_reset_value(id_, reset_value);
    next = Next(block_, id_);
    if (const Reset* scoped = scoped_reset(*block_)) set_reset(*scoped);
}

Register::Register(int bitwidth, std::string name, std::optional<BigInt> reset_value, const Reset& reset,
                   rtl::source_location where)
    : Register(bitwidth, std::move(name), std::move(reset_value), &reset.signal.block(), where)
{
    set_reset(reset);
}

void Register::set_reset(const Reset& reset) const
{
    if (reset.kind == ResetKind::None) {
        block_->set_register_reset(id_, {});
        return;
    }
    check_same_block(*this, reset.signal);
    block_->set_register_reset(id_, {reset.kind, reset.polarity == ActiveLow}, reset.signal.id());
}

Register::Register(std::string name, std::vector<std::string> state_names, std::optional<BigInt> reset_value,
                   Block* block, rtl::source_location where)
    : Register(state_names.size() <= 1 ? 1 : bit_length(BigInt(state_names.size() - 1)), std::move(name), reset_value,
               block, where)
{
    if (state_names.empty())
        throw ValueError(fmt::format("state register \"{}\" needs at least one state", this->name()));
    block_->set_enum_names(id_, std::move(state_names));
}

BigInt Register::reset_value() const
{
    return info().reset_value.value_or(0);
}

void Register::Next::operator<<=(Located<WireVector> value) const
{
    connect(value.value, SourceLocation::from(value.where));
}

void Register::Next::operator<<=(LocatedConst value) const
{
    connect(const_for(*block_, id_, value.value, "<<= to .next of"), SourceLocation::from(value.where));
}

void Register::Next::connect(const WireVector& value, const SourceLocation& where) const
{
    check_same_block(WireVector::wrap(*block_, id_), value);
    if (value.bitwidth() == 0)
        throw WidthError(fmt::format("cannot set {}.next from {}: it has no bitwidth yet", block_->describe(id_),
                                     block_->describe(value.id())));
    WireVector v = fit(value, block_->wire(id_).bitwidth);
    block_->add_net({Op::Reg, {v.id()}, id_, {}, -1}, where);
}

void Register::Next::operator|=(Located<WireVector> value) const
{
    assign_conditionally(value.value, SourceLocation::from(value.where));
}

void Register::Next::operator|=(LocatedConst value) const
{
    assign_conditionally(const_for(*block_, id_, value.value, "|= to .next of"), SourceLocation::from(value.where));
}

void Register::Next::assign_conditionally(const WireVector& value, const SourceLocation& where) const
{
    check_same_block(WireVector::wrap(*block_, id_), value);
    auto& state = block_->conditional();
    if (!state.under_condition())
        throw ConditionalError(fmt::format("{}.next |= ... is only valid inside a when() body; use .next <<= outside{}",
                                           block_->describe(id_),
                                           where.file.empty() ? "" : " (at " + where.str() + ")"));
    state.assign_register(*block_, id_, fit(value, block_->wire(id_).bitwidth).id(), where);
}

// ---- operators ----

WireVector operator+(const WireVector& a, const WireVector& b)
{
    return binary(a, b, Op::Add, "+", 1);
}
WireVector operator-(const WireVector& a, const WireVector& b)
{
    return binary(a, b, Op::Sub, "-", 1);
}
WireVector operator*(const WireVector& a, const WireVector& b)
{
    return binary(a, b, Op::Mul, "*", 0);
}
WireVector operator&(const WireVector& a, const WireVector& b)
{
    return binary(a, b, Op::And, "&", 0);
}
WireVector operator|(const WireVector& a, const WireVector& b)
{
    return binary(a, b, Op::Or, "|", 0);
}
WireVector operator^(const WireVector& a, const WireVector& b)
{
    return binary(a, b, Op::Xor, "^", 0);
}
WireVector operator==(const WireVector& a, const WireVector& b)
{
    return binary(a, b, Op::Eq, "==", 0);
}
WireVector operator!=(const WireVector& a, const WireVector& b)
{
    return ~binary(a, b, Op::Eq, "!=", 0);
}
WireVector operator<(const WireVector& a, const WireVector& b)
{
    return binary(a, b, Op::Lt, "<", 0);
}
WireVector operator<=(const WireVector& a, const WireVector& b)
{
    return ~binary(a, b, Op::Gt, "<=", 0);
}
WireVector operator>(const WireVector& a, const WireVector& b)
{
    return binary(a, b, Op::Gt, ">", 0);
}
WireVector operator>=(const WireVector& a, const WireVector& b)
{
    return ~binary(a, b, Op::Lt, ">=", 0);
}

}  // namespace rtl

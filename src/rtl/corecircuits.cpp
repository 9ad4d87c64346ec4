#include "rtl/corecircuits.hpp"

#include "rtl/error.hpp"

#include <fmt/format.h>

#include <sstream>

namespace rtl {

namespace {

Block& block_of(std::initializer_list<const Operand*> ops)
{
    for (const Operand* op : ops)
        if (op->wire()) return op->wire()->block();
    return working_block();
}

WireVector reduce(const WireVector& w, WireVector (*op)(const WireVector&, const WireVector&))
{
    if (w.bitwidth() < 1)
        throw WidthError(fmt::format("cannot reduce {}: it has no bitwidth yet", w.block().describe(w.id())));
    std::vector<WireVector> level;
    for (int i = 0; i < w.bitwidth(); ++i) level.push_back(w[i]);
    while (level.size() > 1) {
        std::vector<WireVector> next;
        for (std::size_t i = 0; i + 1 < level.size(); i += 2) next.push_back(op(level[i], level[i + 1]));
        if (level.size() % 2) next.push_back(level.back());
        level = std::move(next);
    }
    return level.front();
}

WireVector xor_op(const WireVector& a, const WireVector& b)
{
    return a ^ b;
}

// Sign-extends both to the wider width.
std::pair<WireVector, WireVector> signed_matched(const Operand& a, const Operand& b)
{
    Block& block = block_of({&a, &b});
    WireVector x = a.resolve(block, true), y = b.resolve(block, true);
    int n = std::max(x.bitwidth(), y.bitwidth());
    return {x.sign_extended(n), y.sign_extended(n)};
}

void check_one_bit(const WireVector& w, std::string_view what)
{
    if (w.bitwidth() != 1)
        throw WidthError(
            fmt::format("{} must be 1 bit, but {} is {} bits", what, w.block().describe(w.id()), w.bitwidth()));
}

}  // namespace

WireVector Operand::resolve(Block& block, bool is_signed) const
{
    if (const auto* w = std::get_if<WireVector>(&value_)) return *w;
    const BigInt& v = std::get<BigInt>(value_);
    if (v < 0 && !is_signed)
        throw ValueError(
            fmt::format("negative constant {} needs a width here: use rtl::Const({}, bits)", v.str(), v.str()));
    auto vb = infer_val_and_bitwidth(v, std::nullopt, is_signed);
    return Const(vb.value, vb.bitwidth, false, {}, &block);
}

WireVector select(const WireVector& sel, const Operand& truecase, const Operand& falsecase)
{
    check_one_bit(sel, "the select of select()");
    Block& block = sel.block();
    WireVector t = truecase.resolve(block), f = falsecase.resolve(block);
    int n = std::max(t.bitwidth(), f.bitwidth());
    return make_net(block, Op::Mux, {sel, f.zero_extended(n), t.zero_extended(n)}, n);
}

WireVector mux(const WireVector& index, const std::vector<Operand>& values, const std::optional<Operand>& default_value)
{
    Block& block = index.block();
    std::size_t full = index.bitwidth() >= 31 ? SIZE_MAX : std::size_t{1} << index.bitwidth();
    std::vector<WireVector> ins;
    for (const auto& v : values) ins.push_back(v.resolve(block));
    if (ins.size() > full)
        throw WidthError(fmt::format("mux: a {}-bit select chooses among at most {} values, got {}", index.bitwidth(),
                                     full, ins.size()));
    if (ins.size() < full) {
        if (!default_value)
            throw WidthError(fmt::format("mux: the select {} is {} bits, but only {} of {} values were given (pass a "
                                         "default to fill the rest)",
                                         block.describe(index.id()), index.bitwidth(), ins.size(), full));
        WireVector d = default_value->resolve(block);
        // Pad to the next power of two; if that needs fewer select bits than the index has, the
        // remaining high bits being nonzero select the default.
        int bits = 1;
        while ((std::size_t{1} << bits) < ins.size()) ++bits;
        ins.resize(std::size_t{1} << bits, d);
        if (bits < index.bitwidth()) {
            WireVector low = mux(index(bits - 1, 0), std::vector<Operand>(ins.begin(), ins.end()));
            return select(index(index.bitwidth() - 1, bits) == 0, low, d);
        }
    }
    int n = 0;
    for (const auto& w : ins) n = std::max(n, w.bitwidth());
    for (auto& w : ins) w = w.zero_extended(n);
    // A tree of 2:1 selects, one level per select bit, LSB first.
    for (int bit = 0; ins.size() > 1; ++bit) {
        std::vector<WireVector> next;
        for (std::size_t i = 0; i < ins.size(); i += 2)
            next.push_back(make_net(block, Op::Mux, {index[bit], ins[i], ins[i + 1]}, n));
        ins = std::move(next);
    }
    return ins.front();
}

WireVector concat(const std::vector<WireVector>& msb_first)
{
    if (msb_first.empty()) throw WidthError("concat needs at least one wire");
    if (msb_first.size() == 1) return msb_first.front();
    std::int64_t width = 0;  // many wide wires may add up past an int
    for (const auto& w : msb_first) width += w.bitwidth();
    if (width > kMaxBitwidth)
        throw WidthError(fmt::format(
            "concat of {} wires (the first {}) would give {} bits; rtlnet's maximum bitwidth is {}", msb_first.size(),
            msb_first.front().block().describe(msb_first.front().id()), width, kMaxBitwidth));
    return make_net(msb_first.front().block(), Op::Concat, msb_first, static_cast<int>(width));
}

WireVector concat_list(const std::vector<WireVector>& lsb_first)
{
    return concat(std::vector<WireVector>(lsb_first.rbegin(), lsb_first.rend()));
}

std::vector<WireVector> chop(const WireVector& w, const std::vector<int>& widths)
{
    std::int64_t sum = 0;
    for (int x : widths) {
        if (x < 1) throw WidthError("chop: every field needs at least 1 bit");
        sum += x;
    }
    if (sum != w.bitwidth())
        throw WidthError(fmt::format("chop: the field widths sum to {}, but {} is {} bits", sum,
                                     w.block().describe(w.id()), w.bitwidth()));
    std::vector<WireVector> out;
    int top = w.bitwidth();
    for (int x : widths) {
        out.push_back(w(top - 1, top - x));
        top -= x;
    }
    return out;
}

WireVector zero_extend(const WireVector& w, int bitwidth)
{
    return w.zero_extended(bitwidth);
}
WireVector sign_extend(const WireVector& w, int bitwidth)
{
    return w.sign_extended(bitwidth);
}
WireVector truncate(const WireVector& w, int bitwidth)
{
    return w.truncate(bitwidth);
}

std::vector<WireVector> match_bitwidth(const std::vector<WireVector>& wires, bool is_signed)
{
    int n = 0;
    for (const auto& w : wires) n = std::max(n, w.bitwidth());
    std::vector<WireVector> out;
    for (const auto& w : wires) out.push_back(is_signed ? w.sign_extended(n) : w.zero_extended(n));
    return out;
}

WireVector signed_add(const Operand& a, const Operand& b)
{
    auto [x, y] = signed_matched(a, b);
    int n = x.bitwidth() + 1;
    return (x.sign_extended(n) + y.sign_extended(n)).truncate(n);
}

WireVector signed_sub(const Operand& a, const Operand& b)
{
    auto [x, y] = signed_matched(a, b);
    int n = x.bitwidth() + 1;
    return (x.sign_extended(n) - y.sign_extended(n)).truncate(n);
}

WireVector signed_mult(const Operand& a, const Operand& b)
{
    Block& block = block_of({&a, &b});
    WireVector x = a.resolve(block, true), y = b.resolve(block, true);
    int n = x.bitwidth() + y.bitwidth();
    return (x.sign_extended(n) * y.sign_extended(n)).truncate(n);
}

WireVector signed_lt(const Operand& a, const Operand& b)
{
    auto [x, y] = signed_matched(a, b);
    // Flipping the sign bits maps two's complement order onto unsigned order.
    int msb = x.bitwidth() - 1;
    WireVector flip = Const(BigInt(1) << msb, x.bitwidth(), false, {}, &x.block());
    return (x ^ flip) < (y ^ flip);
}

WireVector signed_le(const Operand& a, const Operand& b)
{
    return ~signed_gt(a, b);
}
WireVector signed_gt(const Operand& a, const Operand& b)
{
    return signed_lt(b, a);
}
WireVector signed_ge(const Operand& a, const Operand& b)
{
    return ~signed_lt(a, b);
}

WireVector shift_left_logical(const WireVector& w, int amount)
{
    if (amount < 0) throw ValueError("shift amount must be non-negative");
    int n = w.bitwidth();
    if (amount == 0) return w;
    if (amount >= n) return Const(0, n, false, {}, &w.block());
    return concat(w(n - amount - 1, 0), Const(0, amount, false, {}, &w.block()));
}

WireVector shift_right_logical(const WireVector& w, int amount)
{
    if (amount < 0) throw ValueError("shift amount must be non-negative");
    int n = w.bitwidth();
    if (amount == 0) return w;
    if (amount >= n) return Const(0, n, false, {}, &w.block());
    return w(n - 1, amount).zero_extended(n);
}

WireVector shift_right_arithmetic(const WireVector& w, int amount)
{
    if (amount < 0) throw ValueError("shift amount must be non-negative");
    int n = w.bitwidth();
    if (amount == 0) return w;
    if (amount >= n) return w[-1].sign_extended(n);
    return w(n - 1, amount).sign_extended(n);
}

WireVector shift_left_arithmetic(const WireVector& w, int amount)
{
    return shift_left_logical(w, amount);
}

WireVector barrel_shifter(const WireVector& bits, const WireVector& bit_in, const WireVector& direction,
                          const WireVector& shift_dist)
{
    check_one_bit(bit_in, "barrel_shifter's bit_in");
    check_one_bit(direction, "barrel_shifter's direction");
    Block& block = bits.block();
    int n = bits.bitwidth();
    WireVector val = bits;
    WireVector too_far = Const(0, 1, false, {}, &block);
    for (int stage = 0; stage < shift_dist.bitwidth(); ++stage) {
        if (stage >= 31 || (1 << stage) >= n) {
            too_far = too_far | shift_dist[stage];
            continue;
        }
        int k = 1 << stage;
        WireVector fill = bit_in.sign_extended(k);
        WireVector left = concat(val(n - k - 1, 0), fill);
        WireVector right = concat(fill, val(n - 1, k));
        val = select(shift_dist[stage], select(direction, left, right), val);
    }
    return select(too_far, bit_in.sign_extended(n), val);
}

WireVector shift_left_logical(const WireVector& w, const WireVector& amount)
{
    Block& b = w.block();
    return barrel_shifter(w, Const(0, 1, false, {}, &b), Const(1, 1, false, {}, &b), amount);
}

WireVector shift_right_logical(const WireVector& w, const WireVector& amount)
{
    Block& b = w.block();
    return barrel_shifter(w, Const(0, 1, false, {}, &b), Const(0, 1, false, {}, &b), amount);
}

WireVector shift_right_arithmetic(const WireVector& w, const WireVector& amount)
{
    return barrel_shifter(w, w[-1], Const(0, 1, false, {}, &w.block()), amount);
}

WireVector shift_left_arithmetic(const WireVector& w, const WireVector& amount)
{
    return shift_left_logical(w, amount);
}

WireVector operator<<(const WireVector& a, int amount)
{
    return shift_left_logical(a, amount);
}
WireVector operator>>(const WireVector& a, int amount)
{
    return shift_right_logical(a, amount);
}
WireVector operator<<(const WireVector& a, const WireVector& amount)
{
    return shift_left_logical(a, amount);
}
WireVector operator>>(const WireVector& a, const WireVector& amount)
{
    return shift_right_logical(a, amount);
}

// Comparisons with all-ones and zero are the same functions as AND/OR trees, in one net each.
WireVector and_all_bits(const WireVector& w)
{
    return w == Const(bitmask(w.bitwidth()), w.bitwidth(), false, {}, &w.block());
}
WireVector or_all_bits(const WireVector& w)
{
    return w != Const(0, w.bitwidth(), false, {}, &w.block());
}
WireVector xor_all_bits(const WireVector& w)
{
    return reduce(w, xor_op);
}

WireVector rtl_any(const std::vector<WireVector>& bits)
{
    if (bits.empty()) return Const(0, 1);
    for (const auto& b : bits) check_one_bit(b, "every argument of rtl_any");
    return or_all_bits(concat(bits));
}

WireVector rtl_all(const std::vector<WireVector>& bits)
{
    if (bits.empty()) return Const(1, 1);
    for (const auto& b : bits) check_one_bit(b, "every argument of rtl_all");
    return and_all_bits(concat(bits));
}

namespace {
std::vector<std::pair<std::string, int>> parse_names(const std::string& names, int bitwidth)
{
    std::vector<std::pair<std::string, int>> out;
    std::string text = names;
    for (char& c : text)
        if (c == ',') c = ' ';
    std::istringstream in(text);
    std::string token;
    while (in >> token) {
        auto slash = token.find('/');
        if (slash == std::string::npos) {
            out.emplace_back(token, bitwidth);
            continue;
        }
        int width = 0;
        try {
            width = std::stoi(token.substr(slash + 1));
        } catch (const std::exception&) {
            throw ValueError(fmt::format("bad width in \"{}\" (expected name/width)", token));
        }
        out.emplace_back(token.substr(0, slash), width);
    }
    if (out.empty()) throw ValueError("no wire names given");
    return out;
}
}  // namespace

namespace {
// One handle per name in `names` (PyRTL's wirevector_list), of the given kind.
template <class Handle>
std::vector<Handle> handle_list(const std::string& names, int bitwidth)
{
    std::vector<Handle> out;
    for (auto& [name, width] : parse_names(names, bitwidth)) out.emplace_back(width, name);
    return out;
}
}  // namespace

std::vector<WireVector> wirevector_list(const std::string& names, int bitwidth)
{
    return handle_list<WireVector>(names, bitwidth);
}

std::vector<Input> input_list(const std::string& names, int bitwidth)
{
    return handle_list<Input>(names, bitwidth);
}

std::vector<Output> output_list(const std::string& names, int bitwidth)
{
    return handle_list<Output>(names, bitwidth);
}

std::vector<Register> register_list(const std::string& names, int bitwidth)
{
    return handle_list<Register>(names, bitwidth);
}

WireVector probe(const WireVector& w, std::string name)
{
    Block& block = w.block();
    if (name.empty()) name = block.fresh_name("probe_") + "_" + w.name();
    Output out(w.bitwidth(), std::move(name), &block);
    out <<= w;
    return w;
}

Output rtl_assert(const WireVector& condition, std::string message)
{
    check_one_bit(condition, "the condition of rtl_assert");
    Block& block = condition.block();
    Output out(1, block.fresh_name("assertion"), &block);
    out <<= condition;
    block.add_assertion(out.id(), std::move(message));
    return out;
}

}  // namespace rtl

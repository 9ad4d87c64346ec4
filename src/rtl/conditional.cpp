#include "rtl/conditional.hpp"

#include "rtl/error.hpp"

#include <fmt/format.h>

namespace rtl {

namespace {

// True if some condition appears plainly in one path and negated in the other.
bool exclusive(const std::vector<ConditionLiteral>& a, const std::vector<ConditionLiteral>& b)
{
    for (const auto& x : a)
        for (const auto& y : b)
            if (x.wire == y.wire && x.positive != y.positive) return true;
    return false;
}

WireVector and_wires(const WireVector& a, const WireVector& b)
{
    return a & b;
}

// Runs `body` with `frame` pushed, popping it even if `body` throws.
void run_under(Block& block, ConditionalState::Frame frame, const std::function<void()>& body)
{
    auto& state = block.conditional();
    state.push(std::move(frame));
    struct Pop {
        ConditionalState& s;
        ~Pop() { s.pop(); }
    } pop{state};
    body();
}

}  // namespace

WhenChain when(const WireVector& condition, const std::function<void()>& body)
{
    WhenChain chain(condition.block());
    chain.branch(&condition, body);
    return chain;
}

WhenChain& WhenChain::elsewhen(const WireVector& condition, const std::function<void()>& body)
{
    if (closed_) throw ConditionalError("elsewhen() after otherwise(): start a new when() chain instead");
    branch(&condition, body);
    return *this;
}

void WhenChain::otherwise(const std::function<void()>& body)
{
    if (closed_) throw ConditionalError("otherwise() used twice on one when() chain");
    branch(nullptr, body);
    closed_ = true;
}

void WhenChain::branch(const WireVector* condition, const std::function<void()>& body)
{
    Block& block = *block_;
    if (condition) {
        if (&condition->block() != &*block_)
            throw ConditionalError("a condition in an elsewhen() chain belongs to a different block");
        if (condition->bitwidth() != 1)
            throw ConditionalError(fmt::format("conditions must be 1-bit wires, but {} has {} bits",
                                               block.describe(condition->id()), condition->bitwidth()));
    }
    auto& state = block.conditional();
    ConditionalState::Frame frame;
    std::optional<WireVector> predicate;
    if (state.under_condition()) {
        frame.literals = state.current().literals;
        predicate = WireVector::wrap(block, state.current().predicate);
    }
    for (WireId earlier : earlier_) {
        frame.literals.push_back({earlier, false});
        WireVector not_earlier = ~WireVector::wrap(block, earlier);
        predicate = predicate ? and_wires(*predicate, not_earlier) : not_earlier;
    }
    if (condition) {
        frame.literals.push_back({condition->id(), true});
        predicate = predicate ? and_wires(*predicate, *condition) : *condition;
        earlier_.push_back(condition->id());
    }
    if (!predicate) predicate = Const(1, 1, false, {}, &block);  // otherwise() of an empty chain
    frame.predicate = predicate->id();
    run_under(block, std::move(frame), body);
}

namespace {

void set_conditional_default(const WireVector& target, const WireVector& value, const SourceLocation& where)
{
    Block& block = target.block();
    if (&value.block() != &block)
        throw ConnectionError(fmt::format("conditional_default: {} and its default {} belong to different blocks",
                                          block.describe(target.id()), value.block().describe(value.id())));
    const WireInfo& w = target.info();
    if (w.kind == WireKind::Input || w.kind == WireKind::Const)
        throw ConditionalError(
            fmt::format("{} cannot be assigned, so it has no conditional default", block.describe(target.id())));
    if (w.bitwidth == 0)
        throw ConditionalError(fmt::format("conditional_default needs a target with a known bitwidth, but {} has none",
                                           block.describe(target.id())));
    if (block.conditional().under_condition())
        throw ConditionalError(fmt::format("conditional_default for {} inside a when() body: give defaults outside "
                                           "the conditions",
                                           block.describe(target.id())));
    if (value.bitwidth() == 0)
        throw WidthError(fmt::format("the conditional default of {} has no bitwidth yet", block.describe(target.id())));
    WireVector fitted = value.bitwidth() >= w.bitwidth ? value.truncate(w.bitwidth) : value.zero_extended(w.bitwidth);
    block.conditional().set_default(block, target.id(), fitted.id(), where);
}

}  // namespace

void conditional_default(const WireVector& target, Located<WireVector> value)
{
    set_conditional_default(target, value.value, SourceLocation::from(value.where));
}

void conditional_default(const WireVector& target, LocatedConst value)
{
    const int width = target.bitwidth();
    ValueAndBitwidth vb;
    try {
        vb = infer_val_and_bitwidth(value.value, width > 0 ? std::optional<int>(width) : std::nullopt, value.value < 0);
    } catch (const Error&) {
        throw WidthError(fmt::format("conditional default {} does not fit {}", value.value.str(),
                                     target.block().describe(target.id())));
    }
    set_conditional_default(target, Const(vb.value, vb.bitwidth, false, {}, &target.block()),
                            SourceLocation::from(value.where));
}

bool currently_under_condition(Block& block)
{
    return block.conditional().under_condition();
}

ConditionalState::Target& ConditionalState::target(TargetKind kind, std::uint32_t index)
{
    auto key = std::make_pair(static_cast<int>(kind), index);
    auto it = target_index_.find(key);
    if (it == target_index_.end()) {
        it = target_index_.emplace(key, targets_.size()).first;
        targets_.push_back({kind, index, {}});
    }
    return targets_[it->second];
}

void ConditionalState::set_default(Block& block, WireId target_wire, WireId value, const SourceLocation& where)
{
    const bool reg = block.wire(target_wire).kind == WireKind::Register;
    Target& t = target(reg ? TargetKind::Register : TargetKind::Wire, target_wire);
    if (t.default_value != kNoWire) {
        auto at = [](const SourceLocation& loc) { return loc.file.empty() ? std::string() : " at " + loc.str(); };
        throw ConditionalError(fmt::format("{} already has a conditional default{}; a second one{} is ambiguous",
                                           block.describe(target_wire), at(t.default_where), at(where)));
    }
    t.default_value = value;
    t.default_where = where;
}

void ConditionalState::record(Block& block, TargetKind kind, std::uint32_t index, WireId value, WireId addr,
                              const SourceLocation& where)
{
    if (!under_condition()) throw ConditionalError("conditional assignment \"|=\" is only valid inside a when() body");
    Target& target = this->target(kind, index);
    const Frame& frame = current();
    for (const auto& earlier : target.assignments) {
        if (!exclusive(earlier.literals, frame.literals)) {
            std::string what = kind == TargetKind::Memory
                ? fmt::format("memory \"{}\"", block.memories().at(index).name)
                : block.describe(index) + (kind == TargetKind::Register ? ".next" : "");
            auto at = [](const SourceLocation& loc) { return loc.file.empty() ? std::string() : " at " + loc.str(); };
            throw ConditionalError(fmt::format(
                "conflicting conditions for {}: it is assigned with |={} and again{} under conditions that can hold "
                "at the same time (assign it once per branch of a when/elsewhen/otherwise chain)",
                what, at(earlier.where), at(where)));
        }
    }
    target.assignments.push_back({frame.literals, frame.predicate, value, addr, where});
}

void ConditionalState::assign_wire(Block& block, WireId target, WireId value, const SourceLocation& where)
{
    record(block, TargetKind::Wire, target, value, kNoWire, where);
}

void ConditionalState::assign_register(Block& block, WireId reg, WireId value, const SourceLocation& where)
{
    record(block, TargetKind::Register, reg, value, kNoWire, where);
}

void ConditionalState::write_memory(Block& block, int mem, WireId addr, WireId data, const SourceLocation& where)
{
    record(block, TargetKind::Memory, static_cast<std::uint32_t>(mem), data, addr, where);
}

}  // namespace rtl

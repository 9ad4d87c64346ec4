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

bool currently_under_condition(Block& block)
{
    return block.conditional().under_condition();
}

void ConditionalState::record(Block& block, TargetKind kind, std::uint32_t index, WireId value, WireId addr)
{
    if (!under_condition()) throw ConditionalError("conditional assignment \"|=\" is only valid inside a when() body");
    auto key = std::make_pair(static_cast<int>(kind), index);
    auto it = target_index_.find(key);
    if (it == target_index_.end()) {
        it = target_index_.emplace(key, targets_.size()).first;
        targets_.push_back({kind, index, {}});
    }
    Target& target = targets_[it->second];
    const Frame& frame = current();
    for (const auto& earlier : target.assignments) {
        if (!exclusive(earlier.literals, frame.literals)) {
            std::string what = kind == TargetKind::Memory
                ? fmt::format("memory \"{}\"", block.memories().at(index).name)
                : block.describe(index) + (kind == TargetKind::Register ? ".next" : "");
            throw ConditionalError(fmt::format(
                "conflicting conditions for {}: it is assigned with |= twice under conditions that can hold at "
                "the same time (assign it once per branch of a when/elsewhen/otherwise chain)",
                what));
        }
    }
    target.assignments.push_back({frame.literals, frame.predicate, value, addr});
}

void ConditionalState::assign_wire(Block& block, WireId target, WireId value)
{
    record(block, TargetKind::Wire, target, value, kNoWire);
}

void ConditionalState::assign_register(Block& block, WireId reg, WireId value)
{
    record(block, TargetKind::Register, reg, value, kNoWire);
}

void ConditionalState::write_memory(Block& block, int mem, WireId addr, WireId data)
{
    record(block, TargetKind::Memory, static_cast<std::uint32_t>(mem), data, addr);
}

}  // namespace rtl

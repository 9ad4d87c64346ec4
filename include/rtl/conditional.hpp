#pragma once
/// \file conditional.hpp
/// Conditional assignment, with PyRTL's meaning:
/// \code
///   rtl::when(a, [&] {
///       r.next |= 1;
///       rtl::when(b, [&] { w |= 2; });      // nested: a & b
///   }).elsewhen(c, [&] {                     // else if: ~a & c
///       r.next |= 3;
///   }).otherwise([&] {                       // else: ~a & ~c
///       w |= 4;
///       mem[addr] |= data;                   // a conditional memory write
///   });
/// \endcode
/// A register that no branch assigns holds its value; a wire that no branch assigns is 0. `<<=` inside
/// a branch is unconditional. Assigning one target in two branches that are not provably exclusive
/// (some condition appears plainly in one and negated in the other) is a `ConditionalError`.

#include "rtl/wire.hpp"

#include <functional>
#include <map>
#include <set>
#include <utility>
#include <vector>

namespace rtl {

/// One condition on a path: `wire` must be 1 (`positive`) or 0.
struct ConditionLiteral {
    WireId wire;
    bool positive;
};

/// The chain returned by `when`, to continue with `elsewhen` and `otherwise`.
class WhenChain {
public:
    /// Else-if: runs `body` under "no earlier condition of this chain, and `condition`".
    WhenChain& elsewhen(const WireVector& condition, const std::function<void()>& body);
    /// Else: runs `body` under "no condition of this chain". Ends the chain.
    void otherwise(const std::function<void()>& body);

private:
    friend WhenChain when(const WireVector&, const std::function<void()>&);
    explicit WhenChain(Block& block) : block_(&block) {}
    void branch(const WireVector* condition, const std::function<void()>& body);

    BlockRef block_;
    std::vector<WireId> earlier_;  ///< conditions of earlier branches (negated for later ones)
    bool closed_ = false;
};

/// If: runs `body` (which builds hardware) under `condition` (a 1-bit wire). Returns the chain for
/// `elsewhen`/`otherwise`.
WhenChain when(const WireVector& condition, const std::function<void()>& body);

/// True while building inside a `when` body.
bool currently_under_condition(Block& block = working_block());

/// The pending conditional assignments of a block (internal; recorded by the handles, built into
/// nets by the `lower_conditionals` pass on a copy of the block).
class ConditionalState {
public:
    struct Frame {
        std::vector<ConditionLiteral> literals;
        WireId predicate;  ///< AND of the literals
    };

    bool under_condition() const { return !stack_.empty(); }
    const Frame& current() const { return stack_.back(); }
    void push(Frame frame) { stack_.push_back(std::move(frame)); }
    void pop() { stack_.pop_back(); }

    /// Records `target |= value` (value already has the target's width) under the current condition.
    void assign_wire(Block& block, WireId target, WireId value);
    /// Records `reg.next |= value` under the current condition.
    void assign_register(Block& block, WireId reg, WireId value);
    /// Records a conditional write `mem[addr] |= data`.
    void write_memory(Block& block, int mem, WireId addr, WireId data);

    /// Builds the recorded assignments as select chains in `block` (the copy that owns this state)
    /// and clears them. Defined in passes/lower_conditionals.cpp.
    void build_nets(Block& block);

private:
    enum class TargetKind { Wire, Register, Memory };
    struct Assignment {
        std::vector<ConditionLiteral> literals;
        WireId predicate;
        WireId value;
        WireId addr;
    };
    struct Target {
        TargetKind kind;
        std::uint32_t index;
        std::vector<Assignment> assignments;
    };
    void record(Block& block, TargetKind kind, std::uint32_t index, WireId value, WireId addr);

    std::vector<Frame> stack_;
    std::vector<Target> targets_;
    std::map<std::pair<int, std::uint32_t>, std::size_t> target_index_;
};

}  // namespace rtl

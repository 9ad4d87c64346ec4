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
    WireId wire{};  ///< the 1-bit condition wire
    bool positive{};  ///< true: the wire must be 1; false: it must be 0
};

/// The chain returned by `when`, to continue with `elsewhen` and `otherwise`.
class WhenChain {
public:
    /// Else-if: runs `body` under "no earlier condition of this chain, and `condition`".
    /// \param condition a 1-bit wire of the chain's block.
    /// \param body builds the hardware of this branch (its `|=` are conditional on it).
    /// \return this chain, to continue with `elsewhen` or `otherwise`.
    /// \throws ConditionalError if the chain already ended with `otherwise`, `condition` is not 1 bit
    ///         or belongs to another block, or `body` assigns a target already assigned under a
    ///         condition that can hold at the same time.
    WhenChain& elsewhen(const WireVector& condition, const std::function<void()>& body);
    /// Else: runs `body` under "no condition of this chain". Ends the chain.
    /// \param body builds the hardware of this branch.
    /// \throws ConditionalError if `otherwise` was already used on this chain, or `body` makes a
    ///         conflicting assignment.
    void otherwise(const std::function<void()>& body);

private:
    /// \cond INTERNAL
    friend WhenChain when(const WireVector&, const std::function<void()>&);
    explicit WhenChain(Block& block) : block_(&block) {}
    void branch(const WireVector* condition, const std::function<void()>& body);

    BlockRef block_;
    std::vector<WireId> earlier_;  ///< conditions of earlier branches (negated for later ones)
    bool closed_ = false;
    /// \endcond
};

/// If: runs `body` (which builds hardware) under `condition` (a 1-bit wire), PyRTL's
/// `with conditional_assignment: with condition:`. The body runs once, immediately, at construction
/// time: it does not run "when the condition holds" but records each `|=` in it as conditional.
/// \code
///   rtl::when(up, [&] { count.next |= count + 1; })
///       .elsewhen(down, [&] { count.next |= count - 1; })
///       .otherwise([&] { idle |= 1; });
/// \endcode
/// \param condition a 1-bit wire.
/// \param body builds the hardware of this branch.
/// \return the chain, for `elsewhen` and `otherwise`.
/// \throws ConditionalError if `condition` is not 1 bit, or `body` assigns a target already assigned
///         under a condition that can hold at the same time.
/// \throws StaleHandleError if `condition`'s block has ended.
WhenChain when(const WireVector& condition, const std::function<void()>& body);

/// A conditional default (PyRTL's `conditional_assignment(defaults={...})`): the value `target` takes
/// in cycles where none of its `|=` assignments applies, instead of 0 for a wire; for a register, its
/// next value then, instead of holding.
/// \code
///   rtl::conditional_default(ready, 1);                 // ready is 1 unless a branch says otherwise
///   rtl::conditional_default(count, count + 1);         // count counts unless a branch sets it
///   rtl::when(clear, [&] { count.next |= 0; ready |= 0; });
/// \endcode
/// \param target a wire or register (of known width) that is assigned with `|=`.
/// \param value its default (truncated or zero-extended to the target's width).
/// \throws ConditionalError if `target` is an Input or a Const, has no width yet, already has a
///         default (both lines are named), or the call is inside a `when` body.
/// \throws ConnectionError if the two belong to different blocks.
void conditional_default(const WireVector& target, Located<WireVector> value);
/// A conditional default that is a constant (an integer or enumerator).
/// \param target a wire or register assigned with `|=`.
/// \param value the constant; it must fit the target.
/// \throws WidthError if it does not fit; otherwise as the WireVector overload.
void conditional_default(const WireVector& target, LocatedConst value);

/// Whether hardware is being built inside a `when` body.
/// \param block the block to ask about (default: the working block).
/// \return true while inside a `when`, `elsewhen` or `otherwise` body of `block`.
bool currently_under_condition(Block& block = working_block());

/// The pending conditional assignments of a block (internal; recorded by the handles, built into
/// nets by the `lower_conditionals` pass on a copy of the block).
class ConditionalState {
public:
    /// One level of nesting: the conditions that hold inside the current body.
    struct Frame {
        std::vector<ConditionLiteral> literals{};  ///< every condition on the path, plain or negated
        WireId predicate{};  ///< AND of the literals
    };

    /// Whether a `when` body is being built.
    /// \return true while the frame stack is not empty.
    bool under_condition() const { return !stack_.empty(); }
    /// The innermost frame.
    /// \return the frame of the body being built (only valid when `under_condition()`).
    const Frame& current() const { return stack_.back(); }
    /// Enters a body.
    /// \param frame the conditions that hold in it.
    void push(Frame frame) { stack_.push_back(std::move(frame)); }
    /// Leaves the innermost body.
    void pop() { stack_.pop_back(); }

    /// Records `target |= value` (value already has the target's width) under the current condition.
    /// \param block the block that owns this state.
    /// \param target the wire assigned.
    /// \param value the value it takes under the current condition.
    /// \param where the user's line of the `|=` (named in a conflict).
    /// \throws ConditionalError outside a body, or if `target` is already assigned under a condition
    ///         that can hold at the same time.
    void assign_wire(Block& block, WireId target, WireId value, const SourceLocation& where = {});
    /// Records `reg.next |= value` under the current condition.
    /// \param block the block that owns this state.
    /// \param reg the register assigned.
    /// \param value its next value under the current condition.
    /// \param where the user's line of the `|=`.
    /// \throws ConditionalError as `assign_wire`.
    void assign_register(Block& block, WireId reg, WireId value, const SourceLocation& where = {});
    /// Records a conditional write `mem[addr] |= data`.
    /// \param block the block that owns this state.
    /// \param mem the memory's index in `block`.
    /// \param addr the address wire (already of the memory's address width).
    /// \param data the data wire (already of the memory's word width).
    /// \param where the user's line of the `|=`.
    /// \throws ConditionalError as `assign_wire`.
    void write_memory(Block& block, int mem, WireId addr, WireId data, const SourceLocation& where = {});
    /// Records the default of a wire or register (see `conditional_default`).
    /// \param block the block that owns this state.
    /// \param target the wire or register.
    /// \param value the default (already of the target's width).
    /// \param where the user's line.
    /// \throws ConditionalError if the target already has a default.
    void set_default(Block& block, WireId target, WireId value, const SourceLocation& where);

    /// Builds the recorded assignments as select chains in `block` (the copy that owns this state)
    /// and clears them. Defined in passes/lower_conditionals.cpp.
    /// \param block the block that owns this state.
    void build_nets(Block& block);

private:
    enum class TargetKind { Wire, Register, Memory };
    struct Assignment {
        std::vector<ConditionLiteral> literals{};
        WireId predicate{};
        WireId value{};
        WireId addr{};
        SourceLocation where{};
    };
    struct Target {
        TargetKind kind{};
        std::uint32_t index{};
        std::vector<Assignment> assignments{};
        WireId default_value = kNoWire;  ///< conditional_default, if any
        SourceLocation default_where{};
    };
    Target& target(TargetKind kind, std::uint32_t index);
    void record(Block& block, TargetKind kind, std::uint32_t index, WireId value, WireId addr,
                const SourceLocation& where);

    std::vector<Frame> stack_;
    std::vector<Target> targets_;
    std::map<std::pair<int, std::uint32_t>, std::size_t> target_index_;
};

}  // namespace rtl

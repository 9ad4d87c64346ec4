#pragma once
// The form the optimization passes work on: a block's wires, nets and memories as plain vectors that
// a pass may rewrite freely, plus the rule for what must be kept. `to_netlist` copies a lowered block in;
// `to_block` builds a fresh, checked block of what is left (every net goes through Block::add_net
// again, so a pass that breaks a width rule is caught there, not in a simulator).

#include "rtl/ir.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace rtl::passes {

struct Netlist {
    std::vector<WireInfo> wires{};
    std::vector<LogicNet> nets{};
    std::vector<MemoryInfo> memories{};
    std::vector<std::pair<WireId, std::string>> assertions{};
    std::string clock_name = "clk";  ///< the block's clock name
    std::vector<InstanceInfo> instances;  ///< the block's module instances
    /// Registers, memories and named wires must keep their values (see OptimizeOptions).
    bool keep_named = true;

    /// A new unnamed wire (named `tmp<N>` by to_block).
    WireId add_temp(int bitwidth);
    /// The shared Const wire for `value` (already within `bitwidth` bits).
    WireId constant(const BigInt& value, int bitwidth);

    int width(WireId id) const { return wires[id].bitwidth; }
    bool is_const(WireId id) const { return wires[id].kind == WireKind::Const; }
    const BigInt& const_value(WireId id) const { return wires[id].const_value; }
    /// True for a Const wire holding `value`.
    bool is_const_value(WireId id, const BigInt& value) const { return is_const(id) && const_value(id) == value; }
    /// True if the wire's value must be preserved exactly (ports always; more with keep_named).
    bool is_observable(WireId id) const;
    /// True if the memory must be kept even when nothing reads it.
    bool keeps_memories() const { return keep_named; }

    /// Per wire: the index of the net driving it, or -1.
    std::vector<std::int32_t> drivers() const;
    /// Per wire: how many net arguments read it.
    std::vector<std::uint32_t> reader_counts() const;

private:
    std::map<std::pair<int, BigInt>, WireId> constants_{};
    friend Netlist to_netlist(const Block&, bool);
};

/// A lowered block (no pending conditional assignments) as a netlist.
Netlist to_netlist(const Block& block, bool keep_named);
/// A fresh block holding the netlist's live wires, memories and nets.
std::unique_ptr<Block> to_block(const Netlist& netlist);

/// Collects the edits of one pass and applies them at the end: reads of an aliased wire are redirected
/// to its replacement, and removed nets are dropped. Net indices stay valid until `apply`.
class Rewriter {
public:
    explicit Rewriter(Netlist& netlist);

    /// The wire that reads of `id` now go to (following aliases).
    WireId resolve(WireId id) const;
    /// Redirects every read of `from` to `to` (equal widths). `from` must not be observable.
    void alias(WireId from, WireId to);
    /// Net `index` now computes `value` (a wire of at least its destination's width; narrower values
    /// are zero-extended): an alias when the destination may go, a copy net when it is observable.
    void replace_with_wire(std::size_t index, WireId value);
    /// Net `index` now computes the constant `value`.
    void replace_with_const(std::size_t index, const BigInt& value);
    void remove(std::size_t index) { removed_[index] = 1; }
    bool removed(std::size_t index) const { return removed_[index] != 0; }
    /// Marks the pass as having changed something (for edits made to nets in place).
    void touch() { changed_ = true; }

    /// Applies the edits; returns true if anything changed.
    bool apply();

private:
    Netlist& n_;
    std::vector<WireId> alias_;
    std::vector<char> removed_;
    bool changed_ = false;
};

/// True for nets that compute a value from their arguments in the same cycle (all but `r` and `@`).
inline bool is_combinational(Op op)
{
    return op_info(op).combinational;
}

// The passes. Each returns true if it changed the netlist.
bool constant_fold(Netlist& netlist);
bool copy_collapse(Netlist& netlist);
bool mux_simplify(Netlist& netlist);
bool common_subexpressions(Netlist& netlist);
bool width_reduction(Netlist& netlist);
bool zero_extension(Netlist& netlist);
bool dead_logic(Netlist& netlist);
/// Not in the pipeline: run once by `optimize` when `OptimizeOptions::lower_resets` asks.
bool lower_resets(Netlist& netlist);

}  // namespace rtl::passes

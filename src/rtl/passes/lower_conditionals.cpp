// Pass lower_conditionals: builds the pending conditional assignments of a block (`w |= x`,
// `r.next |= x`, `mem[addr] |= x` inside `when`) as nets, in a copy of the block.
//
// Each target becomes one select chain over the predicates of its assignments: a wire falls back to its
// conditional default or 0, a register to its default or its own value (it holds), a memory write is
// enabled by the OR of the predicates.
// Preserves: everything else of the block, unchanged. Always the first pass of every pipeline.

#include "rtl/conditional.hpp"
#include "rtl/passes.hpp"

namespace rtl {

void ConditionalState::build_nets(Block& block)
{
    if (targets_.empty()) return;
    auto targets = std::move(targets_);
    targets_.clear();
    target_index_.clear();
    const int outer = block.current_instance();
    for (const Target& target : targets) {
        // The select chain is built inside the target's module instance (module.hpp).
        block.set_current_instance(target.kind == TargetKind::Memory ? block.memories().at(target.index).instance
                                                                     : block.wire(target.index).instance);
        // Later assignments sit outermost; they are mutually exclusive, so the order only shapes the tree.
        auto chain = [&](WireVector fallback, auto member) {
            for (const auto& a : target.assignments)
                fallback =
                    make_net(block, Op::Mux,
                             {WireVector::wrap(block, a.predicate), fallback, WireVector::wrap(block, a.*member)},
                             fallback.bitwidth());
            return fallback;
        };
        switch (target.kind) {
        case TargetKind::Wire: {
            WireVector w = WireVector::wrap(block, target.index);
            WireVector fallback = target.default_value != kNoWire
                ? WireVector::wrap(block, target.default_value)
                : WireVector(Const(0, w.bitwidth(), false, {}, &block));
            WireVector value = chain(fallback, &Assignment::value);
            block.add_net({Op::Wire, {value.id()}, w.id(), {}, -1}, target.default_where);
            break;
        }
        case TargetKind::Register: {
            WireVector r = WireVector::wrap(block, target.index);
            WireVector fallback =
                target.default_value != kNoWire ? WireVector::wrap(block, target.default_value) : r;  // or it holds
            WireVector value = chain(fallback, &Assignment::value);
            block.add_net({Op::Reg, {value.id()}, r.id(), {}, -1}, target.default_where);
            break;
        }
        case TargetKind::Memory: {
            const auto& m = block.memories().at(target.index);
            WireVector data = chain(Const(0, m.bitwidth, false, {}, &block), &Assignment::value);
            WireVector addr = chain(Const(0, m.addrwidth, false, {}, &block), &Assignment::addr);
            WireVector enable = Const(0, 1, false, {}, &block);
            for (const auto& a : target.assignments) enable = enable | WireVector::wrap(block, a.predicate);
            block.add_net(
                {Op::MemWrite, {addr.id(), data.id(), enable.id()}, kNoWire, {}, static_cast<int>(target.index)});
            break;
        }
        }
    }
    block.set_current_instance(outer);
}

std::unique_ptr<Block> lower_conditionals(const Block& block)
{
    auto lowered = block.clone();
    lowered->conditional().build_nets(*lowered);
    return lowered;
}

}  // namespace rtl

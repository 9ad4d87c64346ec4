#pragma once
/// \file schedule.hpp
/// The levelized schedule that every simulator backend executes: nets in dependency order and a flat
/// storage layout (every wire gets a run of 64-bit limbs). The interpreter and the compiled simulator
/// both start from this, so they evaluate the same thing in the same order.

#include "rtl/ir.hpp"

#include <cstdint>
#include <vector>

namespace rtl {

/// What a simulator executes, in order, each cycle.
struct Schedule {
    /// Combinational nets (every op but `r` and `@`), each after the nets that drive its arguments;
    /// also the nets of registers with an asynchronous reset, after their reset signal and before
    /// their readers (the simulator applies the reset there).
    std::vector<std::uint32_t> combinational{};
    /// Register nets (`r`): evaluated after the combinational logic, applied at the clock edge.
    std::vector<std::uint32_t> registers{};
    /// Memory write nets (`@`), in block order (a later port wins when two write one address).
    std::vector<std::uint32_t> memory_writes{};
    /// Per wire: the offset of its first limb in the flat value array.
    std::vector<std::uint32_t> offset{};
    /// Total limbs for all wires.
    std::uint32_t total_limbs = 0;
};

/// The combinational nets of `block` in dependency order (and, if asked, its register and memory
/// write nets).
/// \param block the design.
/// \param registers if not null, receives the indices of its register nets.
/// \param memory_writes if not null, receives the indices of its memory write nets.
/// \param with_async_resets also list the nets of registers with an asynchronous reset, in order after
///        their reset signal (a register whose reset signal is driven by logic acts within the cycle).
/// \return indices into `block.nets()` of the combinational nets, each after its drivers.
/// \throws CombinationalLoopError naming the wires of one loop (loops through an asynchronous reset
///         included).
std::vector<std::uint32_t> levelize(const Block& block, std::vector<std::uint32_t>* registers = nullptr,
                                    std::vector<std::uint32_t>* memory_writes = nullptr,
                                    bool with_async_resets = false);

/// Levelizes a lowered, checked block (the output of `optimize`) and lays out the storage of its
/// wires.
/// \param block a lowered, checked design.
/// \return the schedule.
/// \throws CombinationalLoopError naming the loop.
Schedule build_schedule(const Block& block);

}  // namespace rtl

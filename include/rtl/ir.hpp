#pragma once
/// \file ir.hpp
/// The intermediate representation every pass and backend reads: a `Block` of `LogicNet`s over wires
/// and memories. User-facing types (`WireVector`, `Register`, `MemBlock`, ...) are thin handles onto it.
///
/// The op set and width rules are PyRTL's:
///
/// | op | args          | dest width rule                     | meaning                                  |
/// |----|---------------|-------------------------------------|------------------------------------------|
/// | w  | a             | d <= a                              | d = a (truncated)                        |
/// | ~  | a             | d <= a                              | bitwise not                              |
/// | & \| ^ n | a b (equal widths) | d <= a                 | and, or, xor, nand                       |
/// | + -| a b (equal)   | d <= a+1                            | add, subtract (two's complement wrap)    |
/// | *  | a b (equal)   | d <= 2a                             | unsigned multiply                        |
/// | < > =| a b (equal) | d == 1                              | unsigned compare                         |
/// | x  | sel f t       | sel == 1, f == t, d <= f            | d = sel ? t : f                          |
/// | c  | a0..ak        | d <= sum                            | concatenation, a0 in the MSBs            |
/// | s  | a             | d <= number of selected bits        | bit i of d = a[bits[i]]                  |
/// | r  | next          | d is a register, d <= next          | d takes next at the clock edge           |
/// | m  | addr          | d == memory width                   | combinational memory read                |
/// | @  | addr data en  | no dest                             | write at the clock edge when en          |

#include "rtl/source_location.hpp"
#include "rtl/value.hpp"

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rtl {

/// The widest wire rtlnet builds: 2^20 bits. Wider requests (including results such as a product of
/// two very wide wires) are a `WidthError` naming the operands.
inline constexpr int kMaxBitwidth = 1 << 20;
/// The largest memory: 2^30 bits of contents (128 MiB), so that simulating it is a bounded allocation.
inline constexpr std::int64_t kMaxMemoryBits = std::int64_t{1} << 30;

/// Index of a wire inside its block.
using WireId = std::uint32_t;
inline constexpr WireId kNoWire = std::numeric_limits<WireId>::max();

/// What a wire is.
enum class WireKind : std::uint8_t { Wire, Input, Output, Const, Register };

/// The primitive operations, spelled with PyRTL's op characters.
enum class Op : char {
    Wire = 'w',
    Not = '~',
    And = '&',
    Or = '|',
    Xor = '^',
    Nand = 'n',
    Add = '+',
    Sub = '-',
    Mul = '*',
    Lt = '<',
    Gt = '>',
    Eq = '=',
    Mux = 'x',
    Concat = 'c',
    Select = 's',
    Reg = 'r',
    MemRead = 'm',
    MemWrite = '@',
};

/// Where in the user's source a wire was made (for error messages).
struct SourceLocation {
    std::string file;
    unsigned line = 0;

    static SourceLocation from(const rtl::source_location& loc);
    /// "file.cpp:12", or "" when unknown.
    std::string str() const;
};

/// One wire of a block.
struct WireInfo {
    std::string name;
    int bitwidth = 0;  ///< 0 while not yet known (a WireVector whose width comes from `<<=`)
    WireKind kind = WireKind::Wire;
    BigInt const_value;  ///< for Const wires
    std::optional<BigInt> reset_value;  ///< for registers: value at reset and at the start of simulation
    std::vector<std::string> enum_names;  ///< value -> name, for state registers shown by name in traces
    SourceLocation where;
};

/// One primitive operation. Every op but `@` has exactly one destination.
struct LogicNet {
    Op op;
    std::vector<WireId> args;
    WireId dest = kNoWire;
    std::vector<int> bits;  ///< `s` only: bit i of dest = args[0][bits[i]]
    int mem = -1;  ///< `m` and `@`: index of the memory in the block
};

/// One memory (RAM or ROM) of a block.
struct MemoryInfo {
    std::string name;
    int bitwidth = 0;
    int addrwidth = 0;
    int max_read_ports = 2;  ///< negative means unlimited
    int max_write_ports = 1;  ///< negative means unlimited
    bool is_rom = false;
    std::vector<BigInt> romdata;  ///< ROM contents (missing words read as 0)
    int read_ports = 0;
    int write_ports = 0;
    SourceLocation where;
};

class ConditionalState;

/// A design: wires, memories and the nets between them.
///
/// Nets are checked when added (widths, kinds, memory ports), so malformed hardware is reported at the
/// line that builds it. Whole-design checks (drivers, loops) are in `sanity_check`.
class Block {
public:
    Block();
    ~Block();
    Block(const Block&) = delete;
    Block& operator=(const Block&) = delete;

    /// Adds a wire. An empty name gives a fresh temporary name (`tmp<N>`, or `const_<N>_<value>` for
    /// constants). Throws `ConnectionError` if the name is taken.
    WireId add_wire(std::string name, int bitwidth, WireKind kind, SourceLocation where = {});
    /// Adds a constant wire holding `value` (already encoded in `bitwidth` bits).
    WireId add_const(const BigInt& value, int bitwidth, std::string name = {}, SourceLocation where = {});
    /// Checks and adds a net. Throws `WidthError`, `ConnectionError` or `MemoryError` naming the wires.
    void add_net(LogicNet net);
    /// Adds a memory; returns its index.
    int add_memory(MemoryInfo info);

    const std::vector<WireInfo>& wires() const { return wires_; }
    const WireInfo& wire(WireId id) const { return wires_.at(id); }
    const std::vector<LogicNet>& nets() const { return nets_; }
    const std::vector<MemoryInfo>& memories() const { return memories_; }
    MemoryInfo& memory_mut(int index) { return memories_.at(static_cast<std::size_t>(index)); }

    /// Sets the width of a wire whose width was not known yet.
    void set_bitwidth(WireId id, int bitwidth);
    /// Renames a wire. Throws `ConnectionError` if the new name is taken.
    void rename(WireId id, std::string name);
    void set_enum_names(WireId id, std::vector<std::string> names);
    void set_reset_value(WireId id, std::optional<BigInt> value);

    /// The wire with this name, if any.
    std::optional<WireId> find_wire(std::string_view name) const;
    /// The memory with this name, if any.
    std::optional<int> find_memory(std::string_view name) const;

    /// The net that drives `id`, if any.
    const LogicNet* driver(WireId id) const;

    /// "name/8W" style description used in error messages (PyRTL's notation plus the source line).
    std::string describe(WireId id) const;

    /// rtl_assert outputs and their messages.
    void add_assertion(WireId output, std::string message) { assertions_.emplace_back(output, std::move(message)); }
    const std::vector<std::pair<WireId, std::string>>& assertions() const { return assertions_; }

    /// Pending conditional assignments (see conditional.hpp). They stay pending in the user's block:
    /// the `lower_conditionals` pass builds them as nets in a copy (passes.hpp).
    ConditionalState& conditional() { return *conditional_; }
    const ConditionalState& conditional() const { return *conditional_; }

    /// A deep copy: wires, nets, memories, assertions and pending conditional assignments. Passes work
    /// on copies, so simulating or exporting never changes the user's block.
    std::unique_ptr<Block> clone() const;

    /// A counter that changes whenever the block changes (used to cache derived data).
    std::uint64_t version() const { return version_; }

    /// A fresh name that is not used in the block, of the form `<prefix><N>`.
    std::string fresh_name(std::string_view prefix);

    /// A number no other block of this process has had (handles check it: see `BlockRef`).
    std::uint64_t serial() const { return serial_; }
    /// True while the block `block` with this serial exists.
    static bool is_alive(const Block* block, std::uint64_t serial);

private:
    struct CloneTag {};
    Block(const Block& other, CloneTag);
    void check_net(const LogicNet& net) const;

    std::vector<WireInfo> wires_;
    std::vector<LogicNet> nets_;
    std::vector<MemoryInfo> memories_;
    struct NameHash {
        using is_transparent = void;  // lookups by string_view without building a std::string
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, WireId, NameHash, std::equal_to<>> by_name_;
    std::vector<std::uint32_t> driver_;  ///< per wire: index+1 of the net driving it, 0 if none
    std::vector<std::pair<WireId, std::string>> assertions_;
    std::unique_ptr<ConditionalState> conditional_;
    std::uint64_t next_temp_ = 0;
    std::uint64_t version_ = 0;
    std::uint64_t serial_ = 0;
};

/// The block a handle belongs to, checked on every use: a handle whose block has ended throws
/// `StaleHandleError` instead of reading freed memory.
class BlockRef {
public:
    BlockRef() = default;
    BlockRef(Block* block) : block_(block), serial_(block ? block->serial() : 0) {}  // NOLINT: implicit on purpose
    /// The block; throws `StaleHandleError` if it no longer exists, `ConnectionError` for an empty handle.
    Block& get() const;
    Block& operator*() const { return get(); }
    Block* operator->() const { return &get(); }

private:
    Block* block_ = nullptr;
    std::uint64_t serial_ = 0;
};

/// The block that user code builds into when none is given. Replace it for a scope with `BlockScope`.
Block& working_block();

/// Makes `block` (or a fresh block it owns) the working block for its lifetime, restoring the previous
/// one when it ends:
/// \code
///   rtl::BlockScope scope;            // a fresh, empty design
///   rtl::Input a(8, "a"); ...
/// \endcode
class BlockScope {
public:
    BlockScope();
    explicit BlockScope(Block& block);
    ~BlockScope();
    BlockScope(const BlockScope&) = delete;
    BlockScope& operator=(const BlockScope&) = delete;

    Block& block() { return *block_; }

private:
    std::unique_ptr<Block> owned_;
    Block* block_;
    Block* previous_;
};

/// Replaces the global working block with a fresh empty one (PyRTL's `reset_working_block`).
void reset_working_block();

/// What passes and backends need to know about an op: the one table of op properties.
struct OpInfo {
    std::string_view name;  ///< for messages: "+ (add)"
    std::string_view tag;  ///< a short identifier, for generated names: "add"
    bool combinational;  ///< computes its value within the cycle (every op but `r` and `@`)
    bool commutative;  ///< the two arguments may be swapped (`& | ^ n + * =`)
    bool low_bits;  ///< result bits 0..k-1 depend only on argument bits 0..k-1 (`w ~ & | ^ n + - *`)
    bool equal_widths;  ///< the arguments must have equal widths (`& | ^ n + - * < > =`)
};

/// The properties of `op`.
const OpInfo& op_info(Op op);

/// Human-readable name of an op ("+ (add)", "c (concat)", ...).
inline std::string_view op_name(Op op)
{
    return op_info(op).name;
}

}  // namespace rtl

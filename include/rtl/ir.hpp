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
/// | r  | next [reset]  | d is a register, d <= next, reset 1 | d takes next at the clock edge           |
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
/// "No wire": the destination of a memory write, and the id of an empty handle.
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

/// How a register returns to its reset value, besides starting at it (FPGA configuration, the start
/// of a simulation).
enum class ResetKind : std::uint8_t {
    None,  ///< no reset signal
    Synchronous,  ///< at a clock edge while the reset signal is active
    Asynchronous,  ///< as soon as the reset signal is active, and for as long as it stays active
};

/// A register's reset: its kind and polarity. The signal itself is the register net's second
/// argument (`r` nets of reset registers have two arguments: next value, reset signal).
struct RegisterReset {
    ResetKind kind = ResetKind::None;  ///< none, synchronous or asynchronous
    bool active_low = false;  ///< the reset is active while the signal is 0
};

/// A wire's place in the design's hierarchy (module.hpp): the top level, or an index into
/// `Block::instances()`.
inline constexpr int kTopInstance = -1;
/// The instance of a wire an optimization pass made: backends infer it from the wire's readers.
inline constexpr int kUnknownInstance = -2;

/// Whether a wire is a declared port of its module instance (`ModuleScope::input` / `output`).
enum class PortKind : std::uint8_t {
    None,  ///< not a port
    In,  ///< an input port: driven from the parent instance
    Out,  ///< an output port: read from outside the instance
};

/// Where in the user's source a wire was made (for error messages).
struct SourceLocation {
    std::string file{};  ///< the source file's name (without directories), or empty
    unsigned line = 0;  ///< the line, 0 when unknown

    /// The location of a call site.
    /// \param loc as captured by `rtl::source_location::current()`.
    /// \return its file name and line.
    static SourceLocation from(const rtl::source_location& loc);
    /// The location as text.
    /// \return "file.cpp:12", or "" when unknown.
    std::string str() const;
};

/// One instance of a module in a block (see module.hpp).
struct InstanceInfo {
    std::string name{};  ///< its name within its parent, e.g. `pe_2_3`
    std::string module{};  ///< the module it instantiates, e.g. `pe`
    int parent = kTopInstance;  ///< the enclosing instance
    SourceLocation where{};  ///< the user's line that made it
};

/// One wire of a block.
struct WireInfo {
    std::string name{};  ///< unique in the block; temporaries are `tmp<N>`, constants `const_<N>_<value>`
    int bitwidth = 0;  ///< 0 while not yet known (a WireVector whose width comes from `<<=`)
    WireKind kind = WireKind::Wire;  ///< plain wire, port, constant or register
    BigInt const_value{};  ///< for Const wires
    std::optional<BigInt> reset_value{};  ///< for registers: value at reset and at the start of simulation
    std::vector<std::string> enum_names{};  ///< value -> name, for state registers shown by name in traces
    SourceLocation where{};  ///< the user's line that made it
    RegisterReset reset{};  ///< for registers: the reset signal's kind and polarity
    int instance = kTopInstance;  ///< the module instance it belongs to (kTopInstance: the top level)
    PortKind port = PortKind::None;  ///< a declared port of its instance
};

/// One primitive operation. Every op but `@` has exactly one destination.
struct LogicNet {
    Op op{};  ///< the operation
    std::vector<WireId> args{};  ///< its arguments, in the order of the table in ir.hpp
    WireId dest = kNoWire;  ///< its destination (`kNoWire` for `@`)
    std::vector<int> bits{};  ///< `s` only: bit i of dest = args[0][bits[i]]
    int mem = -1;  ///< `m` and `@`: index of the memory in the block
};

/// One memory (RAM or ROM) of a block.
struct MemoryInfo {
    std::string name{};  ///< unique among the block's memories
    int bitwidth = 0;  ///< bits per word
    int addrwidth = 0;  ///< address bits: 2^addrwidth words
    int max_read_ports = 2;  ///< negative means unlimited
    int max_write_ports = 1;  ///< negative means unlimited
    bool is_rom = false;  ///< a RomBlock: no write ports, contents in `romdata`
    std::vector<BigInt> romdata{};  ///< ROM contents (missing words read as 0)
    int read_ports = 0;  ///< read ports built so far
    int write_ports = 0;  ///< write ports built so far
    SourceLocation where{};  ///< the user's line that made it
    int instance = kTopInstance;  ///< the module instance it belongs to
};

class ConditionalState;

/// A design: wires, memories and the nets between them.
///
/// Nets are checked when added (widths, kinds, memory ports), so malformed hardware is reported at the
/// line that builds it. Whole-design checks (drivers, loops) are in `sanity_check`.
class Block {
public:
    /// An empty design.
    Block();
    /// Ends the design: handles onto it become stale (`StaleHandleError`).
    ~Block();
    Block(const Block&) = delete;
    Block& operator=(const Block&) = delete;

    /// Adds a wire.
    /// \param name its name; empty gives a fresh temporary name (`tmp<N>`, or `const_<N>_<value>` for
    ///        constants).
    /// \param bitwidth its width (0: not known yet).
    /// \param kind what it is.
    /// \param where the user's line, for messages.
    /// \return the new wire's id.
    /// \throws WidthError if `bitwidth` is negative or exceeds `kMaxBitwidth`.
    /// \throws ConnectionError if the name is taken or is the clock's name (the clock is implicit).
    WireId add_wire(std::string name, int bitwidth, WireKind kind, SourceLocation where = {});
    /// Adds a constant wire holding `value` (already encoded in `bitwidth` bits).
    /// \param value the non-negative encoding.
    /// \param bitwidth its width.
    /// \param name its name; empty gives `const_<N>_<value>`.
    /// \param where the user's line, for messages.
    /// \return the new wire's id.
    /// \throws ConnectionError if the name is taken.
    WireId add_const(const BigInt& value, int bitwidth, std::string name = {}, SourceLocation where = {});
    /// Checks and adds a net: the widths must follow the op's rule (table in ir.hpp), the destination
    /// must be a drivable wire not yet driven, Outputs may not be read, memory ports must fit.
    /// \param net the net.
    /// \param where the user's line that built it (`<<=`, `.next <<=`, a memory port), for messages such
    ///        as a second driver of the same wire or a port over a memory's limit.
    /// \throws WidthError, ConnectionError or MemoryError naming the wires (and the lines).
    void add_net(LogicNet net, const SourceLocation& where = {});
    /// Adds a memory.
    /// \param info its name, widths and port limits (and ROM contents).
    /// \return its index in `memories()`.
    /// \throws WidthError if a width is less than 1.
    /// \throws MemoryError if it exceeds `kMaxMemoryBits` or the name is taken.
    int add_memory(MemoryInfo info);

    /// Every wire.
    /// \return the wires, indexed by `WireId`.
    const std::vector<WireInfo>& wires() const { return wires_; }
    /// One wire.
    /// \param id the wire's id.
    /// \return its entry.
    /// \throws ConnectionError if `id` is not a wire of this block.
    const WireInfo& wire(WireId id) const
    {
        if (id >= wires_.size()) throw_unknown_wire(id);
        return wires_[id];
    }
    /// Every net, in the order added.
    /// \return the nets.
    const std::vector<LogicNet>& nets() const { return nets_; }
    /// Every memory.
    /// \return the memories, by index.
    const std::vector<MemoryInfo>& memories() const { return memories_; }
    /// One memory, for changing it (ROM contents are filled in this way).
    /// \param index the memory's index.
    /// \return its entry.
    /// \throws MemoryError if there is no such memory.
    MemoryInfo& memory_mut(int index);

    /// Sets the width of a wire whose width was not known yet.
    /// \param id the wire.
    /// \param bitwidth its width (1 .. kMaxBitwidth).
    /// \throws WidthError if `bitwidth` is out of range or the wire already has another width.
    void set_bitwidth(WireId id, int bitwidth);
    /// Renames a wire.
    /// \param id the wire.
    /// \param name the new name (not empty).
    /// \throws ConnectionError if the name is empty or taken.
    void rename(WireId id, std::string name);
    /// Makes a register a state register shown by name in traces.
    /// \param id the register.
    /// \param names value → name.
    void set_enum_names(WireId id, std::vector<std::string> names);
    /// Sets a register's reset value.
    /// \param id the register.
    /// \param value the encoded reset value, or none for 0.
    void set_reset_value(WireId id, std::optional<BigInt> value);
    /// Gives a register a reset signal (or takes it away). The signal becomes the second argument of
    /// the register's net, now if the net exists or when it is added.
    /// \param id the register.
    /// \param reset kind and polarity; `ResetKind::None` removes the reset.
    /// \param signal the 1-bit reset signal; `kNoWire` when the register's net will bring it (passes).
    /// \throws ConnectionError if `id` is not a register or `signal` is not a wire of this block, or is
    ///         an Output.
    /// \throws WidthError if `signal` is not 1 bit wide.
    void set_register_reset(WireId id, RegisterReset reset, WireId signal = kNoWire);

    /// Starts an instance of a module inside the current one (see `ModuleScope`, which is how user
    /// code does this): until `set_current_instance` changes it back, new wires and memories belong to
    /// it and named ones get its path as a prefix (`pe_2_3.acc`).
    /// \param info its name (unique among its siblings), its module's name and its line; `parent` is
    ///        taken from the current instance.
    /// \return its index in `instances()`, now the current instance.
    /// \throws ConnectionError if a sibling has the name, or a name is not an identifier.
    int enter_instance(InstanceInfo info);
    /// Makes `instance` the current one (kTopInstance for the top level).
    /// \param instance an index into `instances()`, or kTopInstance.
    /// \throws ConnectionError if there is no such instance.
    void set_current_instance(int instance);
    /// The instance new wires go into.
    /// \return an index into `instances()`, or kTopInstance.
    int current_instance() const { return current_instance_; }
    /// Every module instance, parents before children.
    /// \return the instances.
    const std::vector<InstanceInfo>& instances() const { return instances_; }
    /// The dotted path of an instance, `layer0.pe_2_3` ("" for the top level).
    /// \param instance an index into `instances()`, or kTopInstance.
    /// \return the path.
    std::string instance_path(int instance) const;
    /// Places a wire in the hierarchy (passes and backends that rebuild a block use this).
    /// \param id the wire.
    /// \param instance its instance (or kTopInstance, kUnknownInstance).
    /// \param port whether it is a declared port.
    void set_wire_instance(WireId id, int instance, PortKind port);

    /// The clock's name: the clock input of the Verilog module, and a name no wire may take.
    /// \return the name (default `clk`).
    const std::string& clock_name() const { return clock_name_; }
    /// Renames the clock (a spec's `sys_clk`, say).
    /// \param name a legal identifier, not the name of a wire.
    /// \throws ConnectionError if the name is empty, not an identifier, or taken by a wire.
    void set_clock_name(std::string name);

    /// Looks a wire up by name.
    /// \param name the name.
    /// \return the wire with this name, if any.
    std::optional<WireId> find_wire(std::string_view name) const;
    /// Looks a memory up by name.
    /// \param name the name.
    /// \return the memory's index, if any.
    std::optional<int> find_memory(std::string_view name) const;

    /// The net that drives a wire.
    /// \param id the wire.
    /// \return the driving net, or null if it is undriven (or an Input, Const or memory write).
    const LogicNet* driver(WireId id) const;

    /// "name/8W" style description used in error messages (PyRTL's notation plus the source line).
    /// \param id the wire.
    /// \return e.g. `"sum" (9-bit Output) made at adder.cpp:12`.
    std::string describe(WireId id) const;

    /// Records an `rtl_assert`: the simulation throws `AssertionFailure(message)` when `output` is 0.
    /// \param output the 1-bit Output carrying the condition.
    /// \param message the failure message.
    void add_assertion(WireId output, std::string message) { assertions_.emplace_back(output, std::move(message)); }
    /// The assertions.
    /// \return (Output, message) pairs.
    const std::vector<std::pair<WireId, std::string>>& assertions() const { return assertions_; }

    /// Pending conditional assignments (see conditional.hpp). They stay pending in the user's block:
    /// the `lower_conditionals` pass builds them as nets in a copy (passes.hpp).
    /// \return the block's conditional state.
    ConditionalState& conditional() { return *conditional_; }
    /// Pending conditional assignments, read-only.
    /// \return the block's conditional state.
    const ConditionalState& conditional() const { return *conditional_; }

    /// A deep copy: wires, nets, memories, assertions and pending conditional assignments. Passes work
    /// on copies, so simulating or exporting never changes the user's block.
    /// \return the copy.
    std::unique_ptr<Block> clone() const;

    /// A counter that changes whenever the block changes (used to cache derived data).
    /// \return the current version.
    std::uint64_t version() const { return version_; }

    /// A fresh name that is not used in the block, of the form `<prefix><N>`.
    /// \param prefix the name's start.
    /// \return the name.
    std::string fresh_name(std::string_view prefix);

    /// A number no other block of this process has had (handles check it: see `BlockRef`).
    /// \return the serial.
    std::uint64_t serial() const { return serial_; }
    /// Whether a block still exists.
    /// \param block the block's address.
    /// \param serial the serial it had.
    /// \return true while the block `block` with this serial exists.
    static bool is_alive(const Block* block, std::uint64_t serial);

private:
    [[noreturn]] void throw_unknown_wire(WireId id) const;
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
    std::unordered_map<WireId, WireId> reset_signal_;  ///< register -> reset signal, until its net exists
    std::unordered_map<WireId, SourceLocation> driven_at_;  ///< wire -> the user's line that drove it
    std::string clock_name_ = "clk";
    std::vector<InstanceInfo> instances_;
    int current_instance_ = kTopInstance;
    std::unique_ptr<ConditionalState> conditional_;
    std::uint64_t next_temp_ = 0;
    std::uint64_t version_ = 0;
    std::uint64_t serial_ = 0;
};

/// The block a handle belongs to, checked on every use: a handle whose block has ended throws
/// `StaleHandleError` instead of reading freed memory.
class BlockRef {
public:
    /// An empty reference.
    BlockRef() = default;
    /// A reference to `block`, remembering its serial.
    /// \param block the block (or null).
    BlockRef(Block* block) : block_(block), serial_(block ? block->serial() : 0) {}  // NOLINT: implicit on purpose
    /// The block.
    /// \return the block.
    /// \throws StaleHandleError if it no longer exists.
    /// \throws ConnectionError for an empty handle.
    Block& get() const;
    /// The block, as `get()`.
    /// \return the block.
    /// \throws StaleHandleError, ConnectionError as `get()`.
    Block& operator*() const { return get(); }
    /// Member access on the block, as `get()`.
    /// \return a pointer to the block.
    /// \throws StaleHandleError, ConnectionError as `get()`.
    Block* operator->() const { return &get(); }

private:
    Block* block_ = nullptr;
    std::uint64_t serial_ = 0;
};

/// The block that user code builds into when none is given. Replace it for a scope with `BlockScope`.
/// \return the current working block.
Block& working_block();

/// Makes `block` (or a fresh block it owns) the working block for its lifetime, restoring the previous
/// one when it ends:
/// \code
///   rtl::BlockScope scope;            // a fresh, empty design
///   rtl::Input a(8, "a"); ...
/// \endcode
class BlockScope {
public:
    /// Makes a fresh block, owned by the scope, the working block.
    BlockScope();
    /// Makes `block` the working block.
    /// \param block the block (not owned; it must outlive the scope).
    explicit BlockScope(Block& block);
    /// Restores the previous working block (and ends an owned block).
    ~BlockScope();
    BlockScope(const BlockScope&) = delete;
    BlockScope& operator=(const BlockScope&) = delete;

    /// The scope's block.
    /// \return the working block of this scope.
    Block& block() { return *block_; }

private:
    std::unique_ptr<Block> owned_;
    Block* block_;
    Block* previous_;
};

/// Replaces the global working block with a fresh empty one (PyRTL's `reset_working_block`). Handles
/// onto the old block become stale.
/// \throws Error inside a `BlockScope` (end the scope instead).
void reset_working_block();

/// What passes and backends need to know about an op: the one table of op properties.
struct OpInfo {
    std::string_view name{};  ///< for messages: "+ (add)"
    std::string_view tag{};  ///< a short identifier, for generated names: "add"
    bool combinational{};  ///< computes its value within the cycle (every op but `r` and `@`)
    bool commutative{};  ///< the two arguments may be swapped (`& | ^ n + * =`)
    bool low_bits{};  ///< result bits 0..k-1 depend only on argument bits 0..k-1 (`w ~ & | ^ n + - *`)
    bool equal_widths{};  ///< the arguments must have equal widths (`& | ^ n + - * < > =`)
};

/// The properties of `op`.
/// \param op the op.
/// \return its entry in the op table.
const OpInfo& op_info(Op op);

/// Human-readable name of an op ("+ (add)", "c (concat)", ...).
/// \param op the op.
/// \return its name.
inline std::string_view op_name(Op op)
{
    return op_info(op).name;
}

}  // namespace rtl

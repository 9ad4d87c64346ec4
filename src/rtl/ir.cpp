#include "rtl/ir.hpp"

#include "rtl/conditional.hpp"
#include "rtl/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <mutex>
#include <unordered_map>

namespace rtl {

SourceLocation SourceLocation::from(const rtl::source_location& loc)
{
    // A line inside the standard library (a std::array's constructor, say) tells the user nothing.
    std::string_view file = loc.file_name();
    if (file.empty() || file.starts_with("/usr/include/") || file.find("/include/c++/") != std::string_view::npos)
        return {};
    return {std::filesystem::path(file).filename().string(), static_cast<unsigned>(loc.line())};
}

std::string SourceLocation::str() const
{
    if (file.empty()) return {};
    return fmt::format("{}:{}", file, line);
}

const OpInfo& op_info(Op op)
{
    static const OpInfo wire{"w (assign)", "trunc", true, false, true, false},
        not_{"~ (not)", "not", true, false, true, false}, and_{"& (and)", "and", true, true, true, true},
        or_{"| (or)", "or", true, true, true, true}, xor_{"^ (xor)", "xor", true, true, true, true},
        nand{"n (nand)", "nand", true, true, true, true}, add{"+ (add)", "add", true, true, true, true},
        sub{"- (sub)", "sub", true, false, true, true}, mul{"* (mul)", "mul", true, true, true, true},
        lt{"< (less than)", "lt", true, false, false, true}, gt{"> (greater than)", "gt", true, false, false, true},
        eq{"= (equal)", "eq", true, true, false, true}, mux{"x (select)", "mux", true, false, false, false},
        concat{"c (concat)", "cat", true, false, false, false},
        select{"s (bit select)", "bits", true, false, false, false},
        reg{"r (register)", "reg", false, false, false, false},
        read{"m (memory read)", "read", true, false, false, false},
        write{"@ (memory write)", "write", false, false, false, false};
    switch (op) {
    case Op::Wire: return wire;
    case Op::Not: return not_;
    case Op::And: return and_;
    case Op::Or: return or_;
    case Op::Xor: return xor_;
    case Op::Nand: return nand;
    case Op::Add: return add;
    case Op::Sub: return sub;
    case Op::Mul: return mul;
    case Op::Lt: return lt;
    case Op::Gt: return gt;
    case Op::Eq: return eq;
    case Op::Mux: return mux;
    case Op::Concat: return concat;
    case Op::Select: return select;
    case Op::Reg: return reg;
    case Op::MemRead: return read;
    case Op::MemWrite: return write;
    }
    return wire;
}

// ---- live blocks (for BlockRef) ----

namespace {

struct LiveBlocks {
    std::mutex mutex;
    std::unordered_map<const Block*, std::uint64_t> serial;
    std::uint64_t next = 0;
};

LiveBlocks& live_blocks()
{
    static LiveBlocks* live = new LiveBlocks;  // never destroyed: blocks may end during static destruction
    return *live;
}

std::uint64_t register_block(const Block* block)
{
    auto& live = live_blocks();
    std::lock_guard lock(live.mutex);
    live.serial[block] = ++live.next;
    return live.next;
}

}  // namespace

bool Block::is_alive(const Block* block, std::uint64_t serial)
{
    auto& live = live_blocks();
    std::lock_guard lock(live.mutex);
    auto it = live.serial.find(block);
    return it != live.serial.end() && it->second == serial;
}

Block& BlockRef::get() const
{
    if (!block_) throw ConnectionError("this handle refers to no wire (it was default-constructed or moved from)");
    if (!Block::is_alive(block_, serial_))
        throw StaleHandleError("this handle belongs to a block that no longer exists (its BlockScope ended, or "
                               "reset_working_block() replaced it); make handles in the block you use them with");
    return *block_;
}

namespace {

bool same_name_ignoring_case(std::string_view a, std::string_view b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

}  // namespace

Block::Block() : conditional_(std::make_unique<ConditionalState>()), serial_(register_block(this)) {}

Block::~Block()
{
    auto& live = live_blocks();
    std::lock_guard lock(live.mutex);
    live.serial.erase(this);
}

Block::Block(const Block& other, CloneTag)
    : wires_(other.wires_), nets_(other.nets_), memories_(other.memories_), by_name_(other.by_name_),
      driver_(other.driver_), assertions_(other.assertions_), reset_signal_(other.reset_signal_),
      driven_at_(other.driven_at_), clock_name_(other.clock_name_), instances_(other.instances_),
      current_instance_(other.current_instance_), conditional_(std::make_unique<ConditionalState>(*other.conditional_)),
      next_temp_(other.next_temp_), version_(other.version_), serial_(register_block(this))
{}

std::unique_ptr<Block> Block::clone() const
{
    return std::unique_ptr<Block>(new Block(*this, CloneTag{}));
}

std::string Block::fresh_name(std::string_view prefix)
{
    for (;;) {
        std::string name = fmt::format("{}{}", prefix, next_temp_++);
        if (!by_name_.contains(name)) return name;
    }
}

WireId Block::add_wire(std::string name, int bitwidth, WireKind kind, SourceLocation where)
{
    if (bitwidth < 0) throw WidthError(fmt::format("bitwidth of wire \"{}\" must be positive, got {}", name, bitwidth));
    if (bitwidth > kMaxBitwidth)
        throw WidthError(fmt::format("bitwidth of wire \"{}\" is {}; rtlnet's maximum is {} bits{}", name, bitwidth,
                                     kMaxBitwidth, where.file.empty() ? "" : " (at " + where.str() + ")"));
    if (name.empty()) name = fresh_name("tmp");
    else if (current_instance_ != kTopInstance && kind != WireKind::Const)
        name = instance_path(current_instance_) + "." + name;
    if (same_name_ignoring_case(name, clock_name_))
        throw ConnectionError(fmt::format("wire name \"{}\" is reserved: it is the clock's name (the clock is implicit "
                                          "and never a wire; rename it with set_clock_name){}",
                                          name, where.file.empty() ? "" : " (at " + where.str() + ")"));
    if (by_name_.contains(name))
        throw ConnectionError(fmt::format("duplicate wire name \"{}\"{}: it is already used by {}", name,
                                          where.file.empty() ? "" : " at " + where.str(), describe(by_name_.at(name))));
    auto id = static_cast<WireId>(wires_.size());
    wires_.push_back(WireInfo{std::move(name), bitwidth, kind, {}, {}, {}, std::move(where)});
    wires_.back().instance = current_instance_;
    by_name_.emplace(wires_.back().name, id);
    driver_.push_back(0);
    ++version_;
    return id;
}

WireId Block::add_const(const BigInt& value, int bitwidth, std::string name, SourceLocation where)
{
    if (name.empty()) {
        do name = fresh_name("const_") + "_" + value.str();
        while (by_name_.contains(name));  // "const_1" + "_0" may be taken although "const_1" is not
    }
    WireId id = add_wire(std::move(name), bitwidth, WireKind::Const, std::move(where));
    wires_[id].const_value = value;
    return id;
}

int Block::add_memory(MemoryInfo info)
{
    if (info.bitwidth < 1 || info.addrwidth < 1)
        throw WidthError(fmt::format("memory \"{}\" needs bitwidth >= 1 and addrwidth >= 1 (got {} and {})", info.name,
                                     info.bitwidth, info.addrwidth));
    if (info.addrwidth > 24)
        throw MemoryError(
            fmt::format("memory \"{}\" has a {}-bit address; rtlnet supports memories of up to 2^24 words", info.name,
                        info.addrwidth));
    if (info.bitwidth > kMaxBitwidth || (std::int64_t{info.bitwidth} << info.addrwidth) > kMaxMemoryBits)
        throw MemoryError(fmt::format("memory \"{}\" of {} words of {} bits exceeds rtlnet's limit of 2^30 bits",
                                      info.name, std::uint64_t{1} << info.addrwidth, info.bitwidth));
    if (info.name.empty()) info.name = fresh_name("mem");
    else if (current_instance_ != kTopInstance) info.name = instance_path(current_instance_) + "." + info.name;
    info.instance = current_instance_;
    if (find_memory(info.name)) throw MemoryError(fmt::format("duplicate memory name \"{}\"", info.name));
    memories_.push_back(std::move(info));
    ++version_;
    return static_cast<int>(memories_.size() - 1);
}

void Block::set_bitwidth(WireId id, int bitwidth)
{
    auto& w = wires_.at(id);
    if (bitwidth < 1)
        throw WidthError(fmt::format("bitwidth of {} must be at least 1, got {}", describe(id), bitwidth));
    if (bitwidth > kMaxBitwidth)
        throw WidthError(fmt::format("bitwidth of {} cannot be {}: rtlnet's maximum is {} bits", describe(id), bitwidth,
                                     kMaxBitwidth));
    if (w.bitwidth != 0 && w.bitwidth != bitwidth)
        throw WidthError(fmt::format("cannot change the bitwidth of {} to {}", describe(id), bitwidth));
    w.bitwidth = bitwidth;
    ++version_;
}

void Block::rename(WireId id, std::string name)
{
    auto& w = wires_.at(id);
    if (w.name == name) return;
    if (name.empty()) throw ConnectionError(fmt::format("cannot give {} an empty name", describe(id)));
    if (by_name_.contains(name))
        throw ConnectionError(fmt::format("cannot rename {} to \"{}\": the name is used by {}", describe(id), name,
                                          describe(by_name_.at(name))));
    by_name_.erase(w.name);
    w.name = std::move(name);
    by_name_.emplace(w.name, id);
    ++version_;
}

void Block::set_enum_names(WireId id, std::vector<std::string> names)
{
    wires_.at(id).enum_names = std::move(names);
}

void Block::set_reset_value(WireId id, std::optional<BigInt> value)
{
    wires_.at(id).reset_value = std::move(value);
}

void Block::set_register_reset(WireId id, RegisterReset reset, WireId signal)
{
    WireInfo& w = wires_.at(id);
    if (w.kind != WireKind::Register)
        throw ConnectionError(fmt::format("only a register can have a reset signal, not {}", describe(id)));
    reset_signal_.erase(id);
    LogicNet* net = driver_[id] ? &nets_[driver_[id] - 1] : nullptr;
    if (net) net->args.resize(1);
    w.reset = reset;
    ++version_;
    if (reset.kind == ResetKind::None || signal == kNoWire) return;
    if (signal >= wires_.size()) throw_unknown_wire(signal);
    if (wires_[signal].kind == WireKind::Output)
        throw ConnectionError(fmt::format("Output {} cannot be read inside the design, so it cannot reset {}; use the "
                                          "wire that drives it",
                                          describe(signal), describe(id)));
    if (wires_[signal].bitwidth != 1)
        throw WidthError(fmt::format("the reset signal of {} must be 1 bit, but {} is {} bits", describe(id),
                                     describe(signal), wires_[signal].bitwidth));
    if (net) net->args.push_back(signal);
    else reset_signal_[id] = signal;
}

namespace {

bool is_identifier(std::string_view name)
{
    bool ok = !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_');
    for (unsigned char c : name) ok = ok && (std::isalnum(c) || c == '_');
    return ok;
}

}  // namespace

int Block::enter_instance(InstanceInfo info)
{
    if (!is_identifier(info.name) || !is_identifier(info.module))
        throw ConnectionError(fmt::format("module instance \"{}\" of module \"{}\"{}: both names must be "
                                          "identifiers (letters, digits and _, not starting with a digit)",
                                          info.name, info.module,
                                          info.where.file.empty() ? "" : " at " + info.where.str()));
    info.parent = current_instance_;
    for (const auto& other : instances_)
        if (other.parent == info.parent && other.name == info.name)
            throw ConnectionError(fmt::format(
                "duplicate module instance name \"{}\"{}: it is already used{}",
                instance_path(info.parent).empty() ? info.name : instance_path(info.parent) + "." + info.name,
                info.where.file.empty() ? "" : " at " + info.where.str(),
                other.where.file.empty() ? "" : " at " + other.where.str()));
    instances_.push_back(std::move(info));
    current_instance_ = static_cast<int>(instances_.size() - 1);
    ++version_;
    return current_instance_;
}

void Block::set_current_instance(int instance)
{
    if (instance != kTopInstance && (instance < 0 || static_cast<std::size_t>(instance) >= instances_.size()))
        throw ConnectionError(fmt::format("module instance {} is not an instance of this block", instance));
    current_instance_ = instance;
}

std::string Block::instance_path(int instance) const
{
    std::vector<const std::string*> names;  // innermost first
    for (int i = instance; i >= 0; i = instances_.at(static_cast<std::size_t>(i)).parent)
        names.push_back(&instances_[static_cast<std::size_t>(i)].name);
    std::string path;
    for (auto it = names.rbegin(); it != names.rend(); ++it) {
        if (!path.empty()) path += '.';
        path += **it;
    }
    return path;
}

void Block::set_wire_instance(WireId id, int instance, PortKind port)
{
    WireInfo& w = wires_.at(id);
    w.instance = instance;
    w.port = port;
    ++version_;
}

void Block::set_clock_name(std::string name)
{
    if (!is_identifier(name))
        throw ConnectionError(fmt::format("clock name \"{}\" is not an identifier (letters, digits and _, not starting "
                                          "with a digit)",
                                          name));
    for (const auto& w : wires_)
        if (same_name_ignoring_case(w.name, name))
            throw ConnectionError(fmt::format("cannot name the clock \"{}\": the name is taken by {}", name,
                                              describe(by_name_.at(w.name))));
    clock_name_ = std::move(name);
    ++version_;
}

std::optional<WireId> Block::find_wire(std::string_view name) const
{
    auto it = by_name_.find(name);
    if (it == by_name_.end()) return std::nullopt;
    return it->second;
}

std::optional<int> Block::find_memory(std::string_view name) const
{
    for (std::size_t i = 0; i < memories_.size(); ++i)
        if (memories_[i].name == name) return static_cast<int>(i);
    return std::nullopt;
}

std::string Block::describe(WireId id) const
{
    const auto& w = wires_.at(id);
    char code = 'W';
    switch (w.kind) {
    case WireKind::Wire: code = 'W'; break;
    case WireKind::Input: code = 'I'; break;
    case WireKind::Output: code = 'O'; break;
    case WireKind::Const: code = 'C'; break;
    case WireKind::Register: code = 'R'; break;
    }
    std::string s = fmt::format("\"{}\" ({}-bit {})", w.name, w.bitwidth,
                                code == 'W'       ? "wire"
                                    : code == 'I' ? "Input"
                                    : code == 'O' ? "Output"
                                    : code == 'C' ? "Const"
                                                  : "Register");
    if (!w.where.file.empty()) s += fmt::format(" made at {}", w.where.str());
    return s;
}

void Block::check_net(const LogicNet& net) const
{
    auto width = [&](WireId id) { return wires_.at(id).bitwidth; };
    auto fail_width = [&](std::string_view what) {
        std::string args;
        for (WireId a : net.args) args += (args.empty() ? "" : ", ") + describe(a);
        return WidthError(fmt::format("op {}: {} (args: {}{})", op_name(net.op), what, args,
                                      net.dest == kNoWire ? "" : "; dest: " + describe(net.dest)));
    };
    for (WireId a : net.args) {
        if (a >= wires_.size()) throw ConnectionError("net refers to a wire that is not in this block");
        if (wires_[a].kind == WireKind::Output)
            throw ConnectionError(fmt::format("Output {} cannot be read inside the design; read the wire that drives "
                                              "it instead",
                                              describe(a)));
        if (wires_[a].bitwidth == 0)
            throw WidthError(fmt::format("{} is used before its bitwidth is known; give it a width or connect it "
                                         "with <<= first",
                                         describe(a)));
    }
    if (net.op != Op::MemWrite) {
        if (net.dest >= wires_.size()) throw ConnectionError("net destination is not in this block");
        const auto& d = wires_[net.dest];
        if (d.kind == WireKind::Input || d.kind == WireKind::Const)
            throw ConnectionError(
                fmt::format("{} cannot be driven: Inputs and Consts are never destinations", describe(net.dest)));
        if ((net.op == Op::Reg) != (d.kind == WireKind::Register))
            throw ConnectionError(net.op == Op::Reg
                                      ? fmt::format("{} is not a register", describe(net.dest))
                                      : fmt::format("register {} can only be set through .next", describe(net.dest)));
        if (d.bitwidth == 0) throw WidthError(fmt::format("{} has no bitwidth", describe(net.dest)));
    }
    auto arity = [&](std::size_t n) {
        if (net.args.size() != n)
            throw ConnectionError(
                fmt::format("op {} takes {} argument(s), got {}", op_name(net.op), n, net.args.size()));
    };
    int dw = net.dest == kNoWire ? 0 : width(net.dest);
    switch (net.op) {
    case Op::Reg: {
        bool reset = wires_[net.dest].reset.kind != ResetKind::None;
        if (net.args.size() != (reset ? 2U : 1U))
            throw ConnectionError(fmt::format("register {} {} a reset signal, so its net takes {} argument(s), got {}",
                                              describe(net.dest), reset ? "has" : "has no", reset ? 2 : 1,
                                              net.args.size()));
        if (reset && width(net.args[1]) != 1) throw fail_width("the reset signal must be 1 bit");
        if (dw > width(net.args[0])) throw fail_width("destination is wider than the argument");
        break;
    }
    case Op::Wire:
    case Op::Not:
        arity(1);
        if (dw > width(net.args[0])) throw fail_width("destination is wider than the argument");
        break;
    case Op::And:
    case Op::Or:
    case Op::Xor:
    case Op::Nand:
    case Op::Add:
    case Op::Sub:
    case Op::Mul: {
        arity(2);
        int n = width(net.args[0]);
        if (width(net.args[1]) != n) throw fail_width("argument widths differ");
        int limit = net.op == Op::Add || net.op == Op::Sub ? n + 1 : net.op == Op::Mul ? 2 * n : n;
        if (dw > limit) throw fail_width(fmt::format("destination is wider than {} bits", limit));
        break;
    }
    case Op::Lt:
    case Op::Gt:
    case Op::Eq:
        arity(2);
        if (width(net.args[0]) != width(net.args[1])) throw fail_width("argument widths differ");
        if (dw != 1) throw fail_width("a comparison's destination must be 1 bit");
        break;
    case Op::Mux:
        arity(3);
        if (width(net.args[0]) != 1) throw fail_width("the select must be 1 bit");
        if (width(net.args[1]) != width(net.args[2])) throw fail_width("the two cases differ in width");
        if (dw > width(net.args[1])) throw fail_width("destination is wider than the cases");
        break;
    case Op::Concat: {
        if (net.args.empty()) throw ConnectionError("concat needs at least one argument");
        std::int64_t sum = 0;  // many wide arguments may exceed an int
        for (WireId a : net.args) sum += width(a);
        if (dw > sum) throw fail_width("destination is wider than the concatenation");
        break;
    }
    case Op::Select: {
        arity(1);
        int aw = width(net.args[0]);
        for (int b : net.bits)
            if (b < 0 || b >= aw) throw fail_width(fmt::format("bit {} is out of range", b));
        if (net.bits.empty()) throw fail_width("selects no bits");
        if (dw > static_cast<int>(net.bits.size())) throw fail_width("destination is wider than the selected bits");
        break;
    }
    case Op::MemRead:
    case Op::MemWrite: {
        if (net.mem < 0 || net.mem >= static_cast<int>(memories_.size())) throw MemoryError("net refers to no memory");
        const auto& m = memories_[static_cast<std::size_t>(net.mem)];
        arity(net.op == Op::MemRead ? 1 : 3);
        if (width(net.args[0]) != m.addrwidth)
            throw MemoryError(fmt::format("memory \"{}\" has a {}-bit address, but the address {} is {} bits", m.name,
                                          m.addrwidth, describe(net.args[0]), width(net.args[0])));
        if (net.op == Op::MemRead) {
            if (dw != m.bitwidth)
                throw MemoryError(fmt::format("memory \"{}\" read port must drive a {}-bit wire, not {}", m.name,
                                              m.bitwidth, describe(net.dest)));
        } else {
            if (m.is_rom) throw MemoryError(fmt::format("\"{}\" is a ROM and cannot be written", m.name));
            if (width(net.args[1]) != m.bitwidth)
                throw MemoryError(fmt::format("memory \"{}\" holds {}-bit words, but the write data {} is {} bits",
                                              m.name, m.bitwidth, describe(net.args[1]), width(net.args[1])));
            if (width(net.args[2]) != 1)
                throw MemoryError(
                    fmt::format("memory \"{}\" write enable {} must be 1 bit", m.name, describe(net.args[2])));
        }
        break;
    }
    }
}

void Block::add_net(LogicNet net, const SourceLocation& where)
{
    auto at = [](const SourceLocation& loc) { return loc.file.empty() ? std::string() : " at " + loc.str(); };
    bool pending_reset = false;  // the reset signal was given before the net existed
    if (net.op == Op::Reg && net.args.size() == 1 && net.dest < wires_.size())
        if (auto it = reset_signal_.find(net.dest); it != reset_signal_.end()) {
            net.args.push_back(it->second);
            pending_reset = true;
        }
    check_net(net);
    if (pending_reset) reset_signal_.erase(net.dest);
    if (net.op == Op::MemRead || net.op == Op::MemWrite) {
        auto& m = memories_[static_cast<std::size_t>(net.mem)];
        int& used = net.op == Op::MemRead ? m.read_ports : m.write_ports;
        int limit = net.op == Op::MemRead ? m.max_read_ports : m.max_write_ports;
        if (limit >= 0 && used >= limit)
            throw MemoryError(fmt::format("memory \"{}\": maximum number of {} ports ({}) exceeded by the {}{}{}",
                                          m.name, net.op == Op::MemRead ? "read" : "write", limit,
                                          net.op == Op::MemRead ? "read" : "write", at(where),
                                          m.where.file.empty() ? "" : " (memory made at " + m.where.str() + ")"));
        ++used;
    }
    if (net.dest != kNoWire) {
        if (driver_[net.dest] != 0) {
            auto first = driven_at_.find(net.dest);
            throw ConnectionError(fmt::format(
                "{} has multiple drivers: it is already driven{} by a {} net and now{} by a {} net (check for two "
                "assignments with <<=, or mixing |= and <<= on one wire)",
                describe(net.dest), first == driven_at_.end() ? "" : at(first->second),
                op_name(nets_[driver_[net.dest] - 1].op), at(where), op_name(net.op)));
        }
        driver_[net.dest] = static_cast<std::uint32_t>(nets_.size() + 1);
        if (!where.file.empty()) driven_at_[net.dest] = where;
    }
    nets_.push_back(std::move(net));
    ++version_;
}

const LogicNet* Block::driver(WireId id) const
{
    std::uint32_t d = driver_.at(id);
    return d == 0 ? nullptr : &nets_[d - 1];
}

// ---- the working block ----

namespace {
std::unique_ptr<Block>& global_block()
{
    static std::unique_ptr<Block> block = std::make_unique<Block>();
    return block;
}
thread_local Block* current_block = nullptr;
}  // namespace

Block& working_block()
{
    return current_block ? *current_block : *global_block();
}

void reset_working_block()
{
    if (current_block)
        throw Error(
            "reset_working_block() inside a BlockScope: the scope owns the working block; end the scope instead");
    global_block() = std::make_unique<Block>();
}

BlockScope::BlockScope() : owned_(std::make_unique<Block>()), block_(owned_.get()), previous_(current_block)
{
    current_block = block_;
}

BlockScope::BlockScope(Block& block) : block_(&block), previous_(current_block)
{
    current_block = block_;
}

BlockScope::~BlockScope()
{
    current_block = previous_;
}

void Block::throw_unknown_wire(WireId id) const
{
    throw ConnectionError(fmt::format("wire id {} is not a wire of this block (it has {} wires)", id, wires_.size()));
}

MemoryInfo& Block::memory_mut(int index)
{
    if (index < 0 || static_cast<std::size_t>(index) >= memories_.size())
        throw MemoryError(
            fmt::format("memory index {} is not a memory of this block (it has {})", index, memories_.size()));
    return memories_[static_cast<std::size_t>(index)];
}

}  // namespace rtl

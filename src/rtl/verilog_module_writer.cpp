// The Verilog module backend: writes the exported design (the block after the pipeline, keeping only
// what reaches an Output) as one module of exact-width expressions.
//
// Readability and lint-cleanliness come from three things done here:
// - A temporary with a single reader that uses all of its bits is written inline in that reader's
//   expression (in parentheses unless it is an identifier, a literal, a select or a concatenation).
//   This is width-safe because every operand the writer emits stands either in a self-determined
//   position or in a context exactly as wide as itself.
// - The remaining temporaries are named after the nearest named wire they feed (`acc_next`,
//   `sum_mul`, ...), not `tmpN`.
// - Every bit that is declared but never read (the low bits of a product whose high bits are kept, an
//   Input bit the design ignores) is listed once in Verilator's documented idiom for intentionally
//   unused signals, `wire rtlnet_unused = &{1'b0, ..., 1'b0};`, so `verilator --lint-only -Wall`
//   has nothing to report without any lint pragma.

#include "verilog_module_writer.hpp"

#include "bit_runs.hpp"
#include "rtl/error.hpp"
#include "rtl/schedule.hpp"
#include "rtl/verilog.hpp"
#include "verilog_names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

namespace rtl {

namespace {

// An inlined expression longer than this gets a wire of its own instead.
constexpr std::size_t kInlineLimit = 120;

// True if the net reads all bits of its argument `k` (so that argument may be written inline).
bool reads_whole(const Block& b, const LogicNet& net, std::size_t k)
{
    auto width = [&](WireId id) { return b.wire(id).bitwidth; };
    WireId a = net.args[k];
    if (op_info(net.op).low_bits || net.op == Op::Reg) return width(net.dest) >= width(a);
    switch (net.op) {
    case Op::Mux: return k == 0 || width(net.dest) >= width(a);
    case Op::Concat: {
        int total = 0;
        for (WireId x : net.args) total += width(x);
        int drop = total - width(net.dest);  // MSBs cut off, from args[0] on
        for (std::size_t j = 0; j < k; ++j) drop -= width(net.args[j]);
        return drop <= 0;
    }
    case Op::Select: return width(a) == 1;
    default: return true;  // comparisons and memory ports read their arguments whole
    }
}

class ModuleWriter {
public:
    ModuleWriter(const Block& block, const VerilogOptions& options, const ModuleParts& parts = {});
    void write(std::ostream& out);
    // The identifier of a wire, after write().
    const std::string& identifier(WireId id) const { return name(id); }

private:
    const WireInfo& w(WireId id) const { return block_.wire(id); }
    const std::string& name(WireId id) const { return names_.wire[id]; }

    void plan();
    std::vector<std::string> temporary_names() const;
    std::string operand(WireId id, int width);
    std::string bits(WireId id, int hi, int lo);
    std::string inlined(WireId id) const;
    std::string expression(const LogicNet& net);
    std::string select_expression(const LogicNet& net);
    std::string concat_expression(const LogicNet& net, int dw);
    void use(WireId id, int lo, int hi);
    std::string unused_bits() const;
    std::string register_blocks(const std::vector<const LogicNet*>& regs);

    const Block& block_;
    const VerilogOptions& options_;
    VerilogNames names_;
    std::vector<std::uint32_t> combinational_;  // net indices in dependency order
    std::vector<std::uint32_t> readers_;
    std::vector<char> inline_;  // per wire: written inline in its one reader
    std::vector<char> atomic_;  // per inlined wire: needs no parentheses
    std::vector<std::string> text_;  // per inlined wire: its expression
    std::vector<std::vector<char>> used_;  // per wire: which bits some expression reads
    bool track_ = false;
    std::string clock_;  // the clock input's name
    const ModuleParts& parts_;
    std::vector<char> output_port_;  // per wire: an output port that is not an Output (a sub-module's)
    std::vector<char> cell_driven_;  // per wire: driven by a child instance's output
};

ModuleWriter::ModuleWriter(const Block& block, const VerilogOptions& options, const ModuleParts& parts)
    : block_(block), options_(options), names_(make_verilog_names(block, options.reset != ResetStyle::None)),
      clock_(block.clock_name()), parts_(parts)
{
    output_port_.assign(block.wires().size(), 0);
    cell_driven_.assign(block.wires().size(), 0);
    for (WireId id : parts.output_ports) output_port_[id] = 1;
    for (const VerilogCell& cell : parts.cells)
        for (const auto& c : cell.connections)
            if (c.output) cell_driven_[c.wire] = 1;
    if (!is_verilog_identifier(clock_))
        throw ExportError(
            fmt::format("the clock's name \"{}\" is a Verilog keyword; rename it with set_clock_name", clock_));
    plan();
}

// Decides which temporaries are written inline (with provisional names for the length limit), then
// names the rest after the wires they feed.
void ModuleWriter::plan()
{
    const auto& wires = block_.wires();
    const auto& nets = block_.nets();
    combinational_ = levelize(block_);
    readers_.assign(wires.size(), 0);
    std::vector<char> whole(wires.size(), 0), address(wires.size(), 0);
    for (const auto& net : nets)
        for (std::size_t k = 0; k < net.args.size(); ++k) {
            ++readers_[net.args[k]];
            whole[net.args[k]] = reads_whole(block_, net, k);
            address[net.args[k]] = net.op == Op::MemRead || net.op == Op::MemWrite;
        }
    // A child instance's connection is an identifier, and reads all bits.
    for (const VerilogCell& cell : parts_.cells)
        for (const auto& c : cell.connections)
            if (!c.output) {
                ++readers_[c.wire];
                whole[c.wire] = 0;
            }
    // An asynchronous reset stands in a sensitivity list, which takes an identifier.
    for (const auto& net : nets)
        if (net.op == Op::Reg && net.args.size() > 1 && w(net.dest).reset.kind == ResetKind::Asynchronous)
            whole[net.args[1]] = 0;
    inline_.assign(wires.size(), 0);
    atomic_.assign(wires.size(), 0);
    text_.assign(wires.size(), {});
    for (std::uint32_t index : combinational_) {
        const LogicNet& net = nets[index];
        WireId d = net.dest;
        // An output port is read outside too, so it needs its own assignment.
        if (w(d).kind != WireKind::Wire || !w(d).name.starts_with("tmp") || readers_[d] != 1 || !whole[d] ||
            output_port_[d])
            continue;
        std::string text = expression(net);
        if (text.size() > kInlineLimit) continue;
        bool atomic = net.op == Op::Concat || net.op == Op::Select || net.op == Op::MemRead ||
            (net.op == Op::Wire &&
             (text.front() == '{' || text.front() == '(' || text.find_first_of(" ?~&|^+-*<>=") == std::string::npos));
        // Simulators differ in the width at which they evaluate an arithmetic index (Icarus uses 32
        // bits), so memory ports get a wire unless the expression is a plain selection.
        if (address[d] && !atomic) continue;
        inline_[d] = 1;
        atomic_[d] = atomic;
        text_[d] = std::move(text);
    }
    names_ = make_verilog_names(block_, options_.reset != ResetStyle::None, temporary_names());
    // The final texts, with the final names; bits read are recorded from here on.
    track_ = true;
    used_.assign(wires.size(), {});
    for (std::uint32_t index : combinational_)
        if (inline_[nets[index].dest]) text_[nets[index].dest] = expression(nets[index]);
}

// Names for the temporaries that get a wire: the nearest named wire downstream plus what they compute.
std::vector<std::string> ModuleWriter::temporary_names() const
{
    const auto& wires = block_.wires();
    const auto& nets = block_.nets();
    std::vector<std::string> base(wires.size()), hints(wires.size());
    // Downstream first: walk the combinational order backwards.
    std::vector<const LogicNet*> first_reader(wires.size(), nullptr);
    std::vector<std::size_t> reader_arg(wires.size(), 0);
    for (const auto& net : nets)
        for (std::size_t k = 0; k < net.args.size(); ++k)
            if (!first_reader[net.args[k]]) {
                first_reader[net.args[k]] = &net;
                reader_arg[net.args[k]] = k;
            }
    auto is_temp = [&](WireId id) { return w(id).kind == WireKind::Wire && w(id).name.starts_with("tmp"); };
    for (auto it = combinational_.rbegin(); it != combinational_.rend(); ++it) {
        WireId d = nets[*it].dest;
        if (!is_temp(d)) continue;
        const LogicNet* reader = first_reader[d];
        if (!reader) continue;
        static constexpr std::string_view kPort[] = {"addr", "data", "en"};
        if (reader->op == Op::Reg) {
            base[d] = w(reader->dest).name + (reader_arg[d] == 0 ? "_next" : "_reset");
            hints[d] = base[d];
            continue;
        }
        if (reader->op == Op::MemWrite)
            base[d] = block_.memories()[static_cast<std::size_t>(reader->mem)].name + "_w" +
                std::string(kPort[reader_arg[d]]);
        else if (is_temp(reader->dest)) base[d] = base[reader->dest];
        else base[d] = w(reader->dest).name;
        if (!base[d].empty()) hints[d] = base[d] + "_" + std::string(op_info(nets[*it].op).tag);
    }
    return hints;
}

void ModuleWriter::use(WireId id, int lo, int hi)
{
    if (!track_ || w(id).kind == WireKind::Const || inline_[id]) return;
    auto& bits = used_[id];
    if (bits.empty()) bits.assign(static_cast<std::size_t>(w(id).bitwidth), 0);
    for (int b = lo; b <= hi && b < w(id).bitwidth; ++b) bits[static_cast<std::size_t>(b)] = 1;
}

std::string ModuleWriter::inlined(WireId id) const
{
    return atomic_[id] ? text_[id] : "(" + text_[id] + ")";
}

// The low `width` bits of wire `id`, zero-extended when `width` is wider than the wire.
std::string ModuleWriter::operand(WireId id, int width)
{
    const WireInfo& info = w(id);
    if (info.kind == WireKind::Const) return verilog_literal(info.const_value, width);
    use(id, 0, std::min(width, info.bitwidth) - 1);
    std::string whole = inline_[id] ? inlined(id) : name(id);
    if (width == info.bitwidth) return whole;
    if (width < info.bitwidth)
        return width == 1 ? fmt::format("{}[0]", name(id)) : fmt::format("{}[{}:0]", name(id), width - 1);
    return fmt::format("{{{}'h0, {}}}", width - info.bitwidth, whole);
}

// One bit or a run of bits of wire `id` (for selects and concats).
std::string ModuleWriter::bits(WireId id, int hi, int lo)
{
    const WireInfo& info = w(id);
    if (info.kind == WireKind::Const)
        return verilog_literal((info.const_value >> lo) & bitmask(hi - lo + 1), hi - lo + 1);
    use(id, lo, hi);
    if (info.bitwidth == 1 || (lo == 0 && hi == info.bitwidth - 1)) return inline_[id] ? inlined(id) : name(id);
    if (hi == lo) return fmt::format("{}[{}]", name(id), hi);
    return fmt::format("{}[{}:{}]", name(id), hi, lo);
}

std::string ModuleWriter::select_expression(const LogicNet& net)
{
    // Verilog concatenation lists the MSB first: the runs from the top down.
    std::vector<std::string> parts;
    const std::vector<BitRun> runs = bit_runs(net.bits);
    for (auto r = runs.rbegin(); r != runs.rend(); ++r) {
        const int lo = static_cast<int>(r->src_pos);
        if (r->replicate) parts.push_back(fmt::format("{{{}{{{}}}}}", r->len, bits(net.args[0], lo, lo)));
        else parts.push_back(bits(net.args[0], lo + static_cast<int>(r->len) - 1, lo));
    }
    if (parts.size() == 1) return parts.front();
    std::string joined;
    for (const auto& p : parts) joined += (joined.empty() ? "" : ", ") + p;
    return "{" + joined + "}";
}

std::string ModuleWriter::concat_expression(const LogicNet& net, int dw)
{
    int total = 0;
    for (WireId a : net.args) total += w(a).bitwidth;
    int drop = total - dw;  // MSBs that do not fit the destination
    std::vector<std::string> parts;
    for (WireId a : net.args) {
        int width = w(a).bitwidth;
        if (drop >= width) {
            drop -= width;
            continue;
        }
        parts.push_back(bits(a, width - 1 - drop, 0));
        drop = 0;
    }
    if (parts.size() == 1) return parts.front();
    std::string joined;
    for (const auto& p : parts) joined += (joined.empty() ? "" : ", ") + p;
    return "{" + joined + "}";
}

std::string ModuleWriter::expression(const LogicNet& net)
{
    int dw = w(net.dest).bitwidth;
    auto binary = [&](std::string_view op, int width) {
        std::string a = operand(net.args[0], width);
        return fmt::format("{} {} {}", a, op, operand(net.args[1], width));
    };
    switch (net.op) {
    case Op::Wire: return operand(net.args[0], dw);
    case Op::Not: return "~" + operand(net.args[0], dw);
    case Op::And: return binary("&", dw);
    case Op::Or: return binary("|", dw);
    case Op::Xor: return binary("^", dw);
    case Op::Nand: return "~(" + binary("&", dw) + ")";
    case Op::Add: return binary("+", dw);
    case Op::Sub: return binary("-", dw);
    case Op::Mul: return binary("*", dw);
    case Op::Lt: return binary("<", w(net.args[0]).bitwidth);
    case Op::Gt: return binary(">", w(net.args[0]).bitwidth);
    case Op::Eq: return binary("==", w(net.args[0]).bitwidth);
    case Op::Mux: {
        std::string s = operand(net.args[0], 1), t = operand(net.args[2], dw);
        return fmt::format("{} ? {} : {}", s, t, operand(net.args[1], dw));
    }
    case Op::Concat: return concat_expression(net, dw);
    case Op::Select: return select_expression(net);
    case Op::MemRead:
        return fmt::format("{}[{}]", names_.memory[static_cast<std::size_t>(net.mem)],
                           operand(net.args[0], block_.memories()[static_cast<std::size_t>(net.mem)].addrwidth));
    case Op::Reg:
    case Op::MemWrite: break;
    }
    throw ExportError("internal: no expression for this net");
}

// The declared bits no expression reads, as a list for the unused-signal idiom ("" if none).
std::string ModuleWriter::unused_bits() const
{
    const auto& wires = block_.wires();
    std::vector<std::string> parts;
    for (WireId id = 0; id < wires.size(); ++id) {
        const WireInfo& info = wires[id];
        bool declared = info.kind == WireKind::Input || info.kind == WireKind::Register ||
            (info.kind == WireKind::Wire && !inline_[id] && (block_.driver(id) || cell_driven_[id]));
        if (!declared || output_port_[id]) continue;  // an output port is read outside
        const auto& bits = used_[id];
        for (int b = info.bitwidth - 1; b >= 0;) {
            auto read = [&](int k) { return !bits.empty() && bits[static_cast<std::size_t>(k)]; };
            if (read(b)) {
                --b;
                continue;
            }
            int hi = b;
            while (b >= 0 && !read(b)) --b;
            int lo = b + 1;
            if (hi == info.bitwidth - 1 && lo == 0) parts.push_back(name(id));
            else if (hi == lo) parts.push_back(fmt::format("{}[{}]", name(id), hi));
            else parts.push_back(fmt::format("{}[{}:{}]", name(id), hi, lo));
        }
    }
    if (parts.empty()) return {};
    std::string out = "1'b0";
    for (const auto& p : parts) out += ", " + p;
    return out + ", 1'b0";
}

// The registers' `always` blocks: one per reset (kind, signal and polarity), in the order the
// registers first use them. A register without a reset of its own takes the module's `ResetStyle`.
std::string ModuleWriter::register_blocks(const std::vector<const LogicNet*>& regs)
{
    const auto& wires = block_.wires();
    struct Group {
        ResetKind kind;
        WireId signal;
        bool active_low;
        std::vector<const LogicNet*> regs;
    };
    std::vector<Group> groups;
    for (const LogicNet* net : regs) {
        RegisterReset reset = effective_reset(block_, *net);
        WireId signal = reset.kind == ResetKind::None ? kNoWire : net->args[1];
        if (reset.kind == ResetKind::None && options_.reset != ResetStyle::None) {
            reset.kind = options_.reset == ResetStyle::Synchronous ? ResetKind::Synchronous : ResetKind::Asynchronous;
            signal = kNoWire;  // the module's `rst` port
        }
        auto same = [&](const Group& g) {
            return g.kind == reset.kind && g.signal == signal && g.active_low == reset.active_low;
        };
        auto it = std::find_if(groups.begin(), groups.end(), same);
        if (it == groups.end()) it = groups.insert(groups.end(), Group{reset.kind, signal, reset.active_low, {}});
        it->regs.push_back(net);
    }
    std::string body;
    for (const Group& g : groups) {
        const bool constant = g.signal != kNoWire && wires[g.signal].kind == WireKind::Const;
        std::string signal = g.kind == ResetKind::None ? std::string()
            : g.signal == kNoWire                      ? std::string("rst")
            : constant                                 ? std::string()
                                                       : operand(g.signal, 1);
        std::string edge = g.active_low ? "negedge " : "posedge ";
        body += g.kind == ResetKind::Asynchronous && !constant
            ? fmt::format("    always @(posedge {} or {}{}) begin\n", clock_, edge, signal)
            : fmt::format("    always @(posedge {}) begin\n", clock_);
        auto reset_value = [&](const LogicNet* net) {
            return verilog_literal(wires[net->dest].reset_value.value_or(0), wires[net->dest].bitwidth);
        };
        if (constant) {  // a signal the optimizer found always active
            for (const LogicNet* net : g.regs) body += "        " + name(net->dest) + " <= " + reset_value(net) + ";\n";
            body += "    end\n";
            continue;
        }
        std::string indent = "        ";
        if (g.kind != ResetKind::None) {
            body += fmt::format("        if ({}{}) begin\n", g.active_low ? "!" : "", signal);
            for (const LogicNet* net : g.regs)
                body += "            " + name(net->dest) + " <= " + reset_value(net) + ";\n";
            body += "        end else begin\n";
            indent = "            ";
        }
        for (const LogicNet* net : g.regs)
            body += indent + name(net->dest) + " <= " + operand(net->args[0], wires[net->dest].bitwidth) + ";\n";
        if (g.kind != ResetKind::None) body += "        end\n";
        body += "    end\n";
    }
    return body;
}

void ModuleWriter::write(std::ostream& out)
{
    const auto& wires = block_.wires();
    bool reset = options_.reset != ResetStyle::None;
    std::vector<WireId> inputs, outputs, registers, internal;
    std::vector<WireId> io;  // the ports in the order the design declared them
    for (WireId id = 0; id < wires.size(); ++id) {
        const auto& info = wires[id];
        if ((info.kind == WireKind::Input || info.kind == WireKind::Output) && info.name.starts_with("tmp"))
            throw ExportError(fmt::format("{} has no name (it starts with \"tmp\"): name every Input and Output "
                                          "before writing Verilog",
                                          block_.describe(id)));
        if (reset && info.name == "rst" && (info.kind == WireKind::Input || info.kind == WireKind::Output))
            throw ExportError("the design has a port named \"rst\"; write it with reset = ResetStyle::None or rename "
                              "the port");
        switch (info.kind) {
        case WireKind::Input:
            inputs.push_back(id);
            io.push_back(id);
            break;
        case WireKind::Output:
            outputs.push_back(id);
            io.push_back(id);
            break;
        case WireKind::Register:
            registers.push_back(id);
            if (output_port_[id]) io.push_back(id);
            break;
        case WireKind::Wire:
            if (output_port_[id]) io.push_back(id);
            else if ((block_.driver(id) || cell_driven_[id]) && !inline_[id]) internal.push_back(id);
            break;
        case WireKind::Const: break;  // written inline as literals
        }
    }
    if (options_.sort_ports) {  // inputs, then outputs, each by name
        auto natural = [&](WireId a, WireId b) { return natural_less(name(a), name(b)); };
        std::sort(inputs.begin(), inputs.end(), natural);
        std::sort(outputs.begin(), outputs.end(), natural);
        std::vector<WireId> sub_outputs;
        for (WireId id : io)
            if (output_port_[id]) sub_outputs.push_back(id);
        io = inputs;
        io.insert(io.end(), outputs.begin(), outputs.end());
        io.insert(io.end(), sub_outputs.begin(), sub_outputs.end());
    }
    auto comment = [&](WireId id) {
        return name(id) == wires[id].name || wires[id].name.starts_with("tmp") ? std::string()
                                                                               : "  // " + comment_text(wires[id].name);
    };

    // The body first: writing it records which bits are read.
    std::string body;
    const auto& memories = block_.memories();
    const auto& nets = block_.nets();
    for (std::uint32_t index : combinational_) {
        const LogicNet& net = nets[index];
        if (inline_[net.dest]) continue;
        body += "    assign " + name(net.dest) + " = " + expression(net) + ";\n";
    }
    std::vector<const LogicNet*> regs, writes;
    for (const auto& net : nets) {
        if (net.op == Op::Reg) regs.push_back(&net);
        else if (net.op == Op::MemWrite) writes.push_back(&net);
    }
    if (!regs.empty()) body += "\n    // Registers\n" + register_blocks(regs);
    for (const LogicNet* net : writes) {
        const auto& mem = memories[static_cast<std::size_t>(net->mem)];
        std::string enable = operand(net->args[2], 1), addr = operand(net->args[0], mem.addrwidth);
        body += fmt::format(
            "\n    // Write port of {}\n    always @(posedge {}) begin\n        if ({}) {}[{}] <= {};\n    end\n",
            comment_text(mem.name), clock_, enable, names_.memory[static_cast<std::size_t>(net->mem)], addr,
            operand(net->args[1], mem.bitwidth));
    }

    for (const VerilogCell& cell : parts_.cells) {
        std::vector<std::string> connections;
        if (cell.needs_clock) connections.push_back(fmt::format(".{}({})", clock_, clock_));
        if (cell.needs_rst) connections.push_back(".rst(rst)");
        for (const auto& c : cell.connections) {
            const WireInfo& info = wires[c.wire];
            std::string value =
                info.kind == WireKind::Const ? verilog_literal(info.const_value, info.bitwidth) : name(c.wire);
            if (info.kind != WireKind::Const && !c.output) use(c.wire, 0, info.bitwidth - 1);
            connections.push_back(fmt::format(".{}({})", c.port, value));
        }
        body += fmt::format("\n    {} {}(\n", cell.module, cell.instance);
        for (std::size_t i = 0; i < connections.size(); ++i)
            body += "        " + connections[i] + (i + 1 < connections.size() ? ",\n" : "\n");
        body += "    );\n";
    }

    out << "// Generated by rtlnet.\n";
    out << "// Lint: verilator --lint-only -Wall " << options_.module_name << ".v; synthesize: yosys -p \"synth -top "
        << options_.module_name << "\" " << options_.module_name << ".v\n\n";
    std::vector<std::string> ports;
    bool clocked = !regs.empty() || !writes.empty() || parts_.needs_clock;
    if (clocked) ports.push_back(clock_);
    const bool rst_port = has_rst_port(block_, options_.reset) || parts_.needs_rst;
    if (rst_port) ports.push_back("rst");
    for (WireId id : io) ports.push_back(name(id));
    out << "module " << options_.module_name << "(";
    for (std::size_t i = 0; i < ports.size(); ++i) out << (i ? ", " : "") << ports[i];
    out << ");\n";
    if (clocked) out << "    input " << clock_ << ";\n";
    if (rst_port) out << "    input rst;\n";
    for (WireId id : io)
        out << (wires[id].kind == WireKind::Input ? "    input " : "    output ") << verilog_range(wires[id].bitwidth)
            << name(id) << ";" << comment(id) << "\n";
    out << "\n";

    for (std::size_t m = 0; m < memories.size(); ++m) {
        const auto& mem = memories[m];
        out << fmt::format("    reg {}{}[0:{}];  // {} {}\n", verilog_range(mem.bitwidth), names_.memory[m],
                           (std::uint64_t{1} << mem.addrwidth) - 1, mem.is_rom ? "ROM" : "memory",
                           comment_text(mem.name));
    }
    for (WireId id : registers)
        out << "    reg " << verilog_range(wires[id].bitwidth) << name(id) << ";" << comment(id) << "\n";
    for (WireId id : internal)
        out << "    wire " << verilog_range(wires[id].bitwidth) << name(id) << ";" << comment(id) << "\n";
    out << "\n";

    // Initial values: registers, ROM contents, RAM contents given by the caller.
    bool any_initial = (options_.initialize_registers && !registers.empty());
    for (const auto& mem : memories) any_initial = any_initial || mem.is_rom || options_.memory_init.contains(mem.name);
    if (any_initial) {
        out << "    initial begin\n";
        if (options_.initialize_registers)
            for (WireId id : registers)
                out << "        " << name(id) << " = "
                    << verilog_literal(wires[id].reset_value.value_or(0), wires[id].bitwidth) << ";\n";
        for (std::size_t m = 0; m < memories.size(); ++m) {
            const auto& mem = memories[m];
            std::map<std::uint64_t, BigInt> words;
            if (mem.is_rom) {
                std::uint64_t size = std::uint64_t{1} << mem.addrwidth;
                for (std::uint64_t a = 0; a < size; ++a) words[a] = a < mem.romdata.size() ? mem.romdata[a] : BigInt(0);
            } else if (auto it = options_.memory_init.find(mem.name); it != options_.memory_init.end()) {
                for (const auto& [addr, value] : it->second) {
                    if (addr >> mem.addrwidth)
                        throw ExportError(
                            fmt::format("memory_init: address {} is out of range for memory \"{}\"", addr, mem.name));
                    if (value < 0 || bit_length(value) > mem.bitwidth)
                        throw ExportError(
                            fmt::format("memory_init: word {} = {} does not fit the {}-bit words of \"{}\"", addr,
                                        value.str(), mem.bitwidth, mem.name));
                }
                words = it->second;
            } else {
                continue;
            }
            for (const auto& [addr, value] : words)
                out << fmt::format("        {}[{}] = {};\n", names_.memory[m], addr,
                                   verilog_literal(value, mem.bitwidth));
        }
        out << "    end\n\n";
    }

    if (!body.empty()) out << "    // Logic\n" << body;
    if (std::string unused = unused_bits(); !unused.empty()) {
        std::string sink = "rtlnet_unused";
        for (int k = 1; block_.find_wire(sink) || std::find(ports.begin(), ports.end(), sink) != ports.end(); ++k)
            sink = "rtlnet_unused_" + std::to_string(k);
        out << "\n    // Bits that are declared but not read by this design (Verilator's idiom for signals\n"
               "    // unused on purpose: a wire whose name contains \"unused\").\n";
        out << "    wire " << sink << " = &{" << unused << "};\n";
    }
    out << "endmodule\n";
}

}  // namespace

std::vector<std::string> write_verilog_module(std::ostream& out, const Block& block, const VerilogOptions& options,
                                              const ModuleParts& parts, const std::vector<WireId>& wanted)
{
    ModuleWriter writer(block, options, parts);
    writer.write(out);
    std::vector<std::string> identifiers;
    for (WireId id : wanted) identifiers.push_back(writer.identifier(id));
    return identifiers;
}

void output_to_verilog(std::ostream& out, const Block& block, const VerilogOptions& options)
{
    if (!is_verilog_identifier(options.module_name))
        throw ExportError(fmt::format("module name \"{}\" is not a legal Verilog identifier", options.module_name));
    for (const auto& [name, words] : options.memory_init)
        if (!block.find_memory(name))
            throw ExportError(fmt::format("memory_init names \"{}\", which is not a memory", name));
    auto design = exported_design(block, options.pipeline);
    if (!options.flatten && !design->instances().empty()) {
        auto modules = hierarchical_verilog(*design, options);
        for (std::size_t i = 0; i < modules.size(); ++i) out << (i ? "\n" : "") << modules[i].text;
        return;
    }
    ModuleWriter(*design, options).write(out);
}

std::vector<std::filesystem::path> output_verilog_files(const std::filesystem::path& dir, const Block& block,
                                                        const VerilogOptions& options)
{
    if (!is_verilog_identifier(options.module_name))
        throw ExportError(fmt::format("module name \"{}\" is not a legal Verilog identifier", options.module_name));
    auto design = exported_design(block, options.pipeline);
    std::vector<VerilogModuleText> modules;
    if (!options.flatten && !design->instances().empty()) {
        modules = hierarchical_verilog(*design, options);
    } else {
        std::ostringstream text;
        output_to_verilog(text, block, options);
        modules.push_back({options.module_name, text.str()});
    }
    std::vector<std::filesystem::path> paths;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    for (const auto& m : modules) {
        paths.push_back(dir / (m.name + ".v"));
        std::ofstream file(paths.back());
        file << m.text;
        if (!file)
            throw ExportError(fmt::format("cannot write {}{}", paths.back().string(), ec ? ": " + ec.message() : ""));
    }
    return paths;
}

std::string verilog_identifier(const Block& block, std::string_view name, const std::string& pipeline)
{
    auto design = exported_design(block, pipeline);
    auto id = design->find_wire(name);
    if (!id) throw ExportError(fmt::format("no wire named \"{}\" in the exported design", name));
    return make_verilog_names(*design, false).wire[*id];
}

std::map<std::string, std::string> verilog_identifiers(const Block& block, const std::string& pipeline)
{
    auto design = exported_design(block, pipeline);
    VerilogNames names = make_verilog_names(*design, false);
    std::map<std::string, std::string> out;
    for (WireId id = 0; id < design->wires().size(); ++id) out.emplace(design->wire(id).name, names.wire[id]);
    return out;
}

}  // namespace rtl

// The Verilog backend: writes a block as one module with exact-width expressions.

#include "rtl/verilog.hpp"

#include "rtl/error.hpp"
#include "rtl/passes.hpp"
#include "rtl/sanity_check.hpp"
#include "rtl/trace.hpp"
#include "verilog_names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace rtl {

namespace {

std::string literal(const BigInt& value, int width)
{
    std::ostringstream os;
    os << std::hex << truncate_value(value, width);
    return fmt::format("{}'h{}", width, os.str());
}

std::string range(int width)
{
    return width == 1 ? std::string() : fmt::format("[{}:0] ", width - 1);
}

class ModuleWriter {
public:
    ModuleWriter(const Block& block, const VerilogOptions& options)
        : block_(block), options_(options), names_(make_verilog_names(block, options.reset != ResetStyle::None))
    {
    }

    void write(std::ostream& out);

private:
    const WireInfo& w(WireId id) const { return block_.wire(id); }
    const std::string& name(WireId id) const { return names_.wire[id]; }

    // The low `width` bits of wire `id`, zero-extended when `width` is wider than the wire.
    std::string arg(WireId id, int width) const
    {
        const WireInfo& info = w(id);
        if (info.kind == WireKind::Const) return literal(info.const_value, width);
        if (width == info.bitwidth) return name(id);
        if (width < info.bitwidth) return width == 1 ? fmt::format("{}[0]", name(id)) : fmt::format("{}[{}:0]", name(id), width - 1);
        return fmt::format("{{{}'h0, {}}}", width - info.bitwidth, name(id));
    }

    // One bit or a run of bits of wire `id` (for selects and concats).
    std::string bits(WireId id, int hi, int lo) const
    {
        const WireInfo& info = w(id);
        if (info.kind == WireKind::Const) {
            BigInt v = (info.const_value >> lo) & bitmask(hi - lo + 1);
            return literal(v, hi - lo + 1);
        }
        if (info.bitwidth == 1) return name(id);
        if (lo == 0 && hi == info.bitwidth - 1) return name(id);
        if (hi == lo) return fmt::format("{}[{}]", name(id), hi);
        return fmt::format("{}[{}:{}]", name(id), hi, lo);
    }

    std::string expression(const LogicNet& net) const;
    std::string select_expression(const LogicNet& net, int dw) const;
    std::string concat_expression(const LogicNet& net, int dw) const;

    const Block& block_;
    const VerilogOptions& options_;
    VerilogNames names_;
};

std::string ModuleWriter::select_expression(const LogicNet& net, int dw) const
{
    // Bit i of the result is bits[i]; Verilog concatenation lists the MSB first.
    std::vector<std::string> parts;
    int i = dw - 1;
    while (i >= 0) {
        int b = net.bits[static_cast<std::size_t>(i)];
        int j = i;
        // A descending run in result order is an ascending run of source bits: a[hi:lo].
        while (j > 0 && net.bits[static_cast<std::size_t>(j - 1)] == net.bits[static_cast<std::size_t>(j)] - 1) --j;
        if (j < i) {
            parts.push_back(bits(net.args[0], b, net.bits[static_cast<std::size_t>(j)]));
            i = j - 1;
            continue;
        }
        // A repeated bit (sign extension): {n{a[k]}}.
        j = i;
        while (j > 0 && net.bits[static_cast<std::size_t>(j - 1)] == b) --j;
        if (j < i) parts.push_back(fmt::format("{{{}{{{}}}}}", i - j + 1, bits(net.args[0], b, b)));
        else parts.push_back(bits(net.args[0], b, b));
        i = j - 1;
    }
    if (parts.size() == 1) return parts.front();
    std::string joined;
    for (const auto& p : parts) joined += (joined.empty() ? "" : ", ") + p;
    return "{" + joined + "}";
}

std::string ModuleWriter::concat_expression(const LogicNet& net, int dw) const
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

std::string ModuleWriter::expression(const LogicNet& net) const
{
    int dw = w(net.dest).bitwidth;
    auto binary = [&](std::string_view op, int width) {
        return fmt::format("{} {} {}", arg(net.args[0], width), op, arg(net.args[1], width));
    };
    switch (net.op) {
    case Op::Wire: return arg(net.args[0], dw);
    case Op::Not: return "~" + arg(net.args[0], dw);
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
    case Op::Mux:
        return fmt::format("{} ? {} : {}", arg(net.args[0], 1), arg(net.args[2], dw), arg(net.args[1], dw));
    case Op::Concat: return concat_expression(net, dw);
    case Op::Select: return select_expression(net, dw);
    case Op::MemRead:
        return fmt::format("{}[{}]", names_.memory[static_cast<std::size_t>(net.mem)],
                           arg(net.args[0], block_.memories()[static_cast<std::size_t>(net.mem)].addrwidth));
    case Op::Reg:
    case Op::MemWrite: break;
    }
    throw ExportError("internal: no expression for this net");
}

void ModuleWriter::write(std::ostream& out)
{
    const auto& wires = block_.wires();
    bool reset = options_.reset != ResetStyle::None;
    std::vector<WireId> inputs, outputs, registers, internal;
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
        case WireKind::Input: inputs.push_back(id); break;
        case WireKind::Output: outputs.push_back(id); break;
        case WireKind::Register: registers.push_back(id); break;
        case WireKind::Wire:
            if (block_.driver(id)) internal.push_back(id);  // undriven wires are unused (see sanity_check)
            break;
        case WireKind::Const: break;  // written inline as literals
        }
    }
    auto natural = [&](WireId a, WireId b) { return natural_less(name(a), name(b)); };
    std::sort(inputs.begin(), inputs.end(), natural);
    std::sort(outputs.begin(), outputs.end(), natural);

    auto comment = [&](WireId id) {
        return name(id) == wires[id].name ? std::string() : fmt::format("  // {}", wires[id].name);
    };

    out << "// Generated by rtlnet.\n";
    out << "// Lint: verilator --lint-only -Wall <file>; synthesize: yosys -p \"synth -top " << options_.module_name
        << "\" <file>\n\n";
    // Generated hardware legitimately leaves bits unused and compares against values that happen to be
    // constant; those lint categories are off for this file only. Width and logic warnings stay on.
    out << "/* verilator lint_off DECLFILENAME */\n";
    out << "/* verilator lint_off UNUSED */\n";
    out << "/* verilator lint_off UNSIGNED */\n";
    out << "/* verilator lint_off CMPCONST */\n";
    std::vector<std::string> ports = {"clk"};
    if (reset) ports.push_back("rst");
    for (WireId id : inputs) ports.push_back(name(id));
    for (WireId id : outputs) ports.push_back(name(id));
    out << "module " << options_.module_name << "(";
    for (std::size_t i = 0; i < ports.size(); ++i) out << (i ? ", " : "") << ports[i];
    out << ");\n";
    out << "    input clk;\n";
    if (reset) out << "    input rst;\n";
    for (WireId id : inputs) out << "    input " << range(wires[id].bitwidth) << name(id) << ";" << comment(id) << "\n";
    for (WireId id : outputs) out << "    output " << range(wires[id].bitwidth) << name(id) << ";" << comment(id) << "\n";
    out << "\n";

    const auto& memories = block_.memories();
    for (std::size_t m = 0; m < memories.size(); ++m) {
        const auto& mem = memories[m];
        out << fmt::format("    reg {}{}[0:{}];  // {} {}\n", range(mem.bitwidth), names_.memory[m],
                           (std::uint64_t{1} << mem.addrwidth) - 1, mem.is_rom ? "ROM" : "memory", mem.name);
    }
    for (WireId id : registers) out << "    reg " << range(wires[id].bitwidth) << name(id) << ";" << comment(id) << "\n";
    for (WireId id : internal) out << "    wire " << range(wires[id].bitwidth) << name(id) << ";" << comment(id) << "\n";
    out << "\n";

    // Initial values: registers, ROM contents, RAM contents given by the caller.
    bool any_initial = (options_.initialize_registers && !registers.empty()) || !options_.memory_init.empty();
    for (const auto& mem : memories) any_initial = any_initial || mem.is_rom;
    if (any_initial) {
        out << "    initial begin\n";
        if (options_.initialize_registers)
            for (WireId id : registers)
                out << "        " << name(id) << " = " << literal(wires[id].reset_value.value_or(0), wires[id].bitwidth)
                    << ";\n";
        for (std::size_t m = 0; m < memories.size(); ++m) {
            const auto& mem = memories[m];
            std::map<std::uint64_t, BigInt> words;
            if (mem.is_rom) {
                std::uint64_t size = std::uint64_t{1} << mem.addrwidth;
                for (std::uint64_t a = 0; a < size; ++a) words[a] = a < mem.romdata.size() ? mem.romdata[a] : BigInt(0);
            } else if (auto it = options_.memory_init.find(mem.name); it != options_.memory_init.end()) {
                for (const auto& [addr, value] : it->second) {
                    if (addr >> mem.addrwidth)
                        throw ExportError(fmt::format("memory_init: address {} is out of range for memory \"{}\"", addr,
                                                      mem.name));
                    if (value < 0 || bit_length(value) > mem.bitwidth)
                        throw ExportError(fmt::format("memory_init: word {} = {} does not fit the {}-bit words of \"{}\"",
                                                      addr, value.str(), mem.bitwidth, mem.name));
                }
                words = it->second;
            } else {
                continue;
            }
            for (const auto& [addr, value] : words)
                out << fmt::format("        {}[{}] = {};\n", names_.memory[m], addr, literal(value, mem.bitwidth));
        }
        out << "    end\n\n";
    }

    out << "    // Combinational logic\n";
    std::vector<const LogicNet*> comb, regs, writes;
    for (const auto& net : block_.nets()) {
        if (net.op == Op::Reg) regs.push_back(&net);
        else if (net.op == Op::MemWrite) writes.push_back(&net);
        else comb.push_back(&net);
    }
    for (const LogicNet* net : comb) out << "    assign " << name(net->dest) << " = " << expression(*net) << ";\n";

    if (!regs.empty()) {
        out << "\n    // Registers\n";
        out << (options_.reset == ResetStyle::Asynchronous ? "    always @(posedge clk or posedge rst) begin\n"
                                                            : "    always @(posedge clk) begin\n");
        std::string indent = "        ";
        if (reset) {
            out << "        if (rst) begin\n";
            for (const LogicNet* net : regs)
                out << "            " << name(net->dest) << " <= "
                    << literal(wires[net->dest].reset_value.value_or(0), wires[net->dest].bitwidth) << ";\n";
            out << "        end else begin\n";
            indent = "            ";
        }
        for (const LogicNet* net : regs)
            out << indent << name(net->dest) << " <= " << arg(net->args[0], wires[net->dest].bitwidth) << ";\n";
        if (reset) out << "        end\n";
        out << "    end\n";
    }
    for (const LogicNet* net : writes) {
        const auto& mem = memories[static_cast<std::size_t>(net->mem)];
        out << fmt::format("\n    // Write port of {}\n    always @(posedge clk) begin\n        if ({}) {}[{}] <= {};\n    "
                           "end\n",
                           mem.name, arg(net->args[2], 1), names_.memory[static_cast<std::size_t>(net->mem)],
                           arg(net->args[0], mem.addrwidth), arg(net->args[1], mem.bitwidth));
    }
    out << "endmodule\n";
    out << "/* verilator lint_on CMPCONST */\n";
    out << "/* verilator lint_on UNSIGNED */\n";
    out << "/* verilator lint_on UNUSED */\n";
}

std::unique_ptr<Block> exported_design(const Block& block, const std::string& pipeline)
{
    return optimize(block, {.pipeline = pipeline, .keep_named_wires = false});
}

}  // namespace

void output_to_verilog(std::ostream& out, const Block& block, const VerilogOptions& options)
{
    if (!is_verilog_identifier(options.module_name))
        throw ExportError(fmt::format("module name \"{}\" is not a legal Verilog identifier", options.module_name));
    for (const auto& [name, words] : options.memory_init)
        if (!block.find_memory(name)) throw ExportError(fmt::format("memory_init names \"{}\", which is not a memory", name));
    auto design = exported_design(block, options.pipeline);
    ModuleWriter(*design, options).write(out);
}

std::string verilog_identifier(const Block& block, std::string_view name, const std::string& pipeline)
{
    auto design = exported_design(block, pipeline);
    auto id = design->find_wire(name);
    if (!id) throw ExportError(fmt::format("no wire named \"{}\" in the exported design", name));
    return make_verilog_names(*design, false).wire[*id];
}

void output_verilog_testbench(std::ostream& out, const SimulationTrace& trace, const Block& user_block,
                              const TestbenchOptions& options)
{
    auto design = exported_design(user_block, options.pipeline);
    const Block& block = *design;
    bool reset = options.reset != ResetStyle::None;
    VerilogNames names = make_verilog_names(block, reset);
    const auto& wires = block.wires();
    std::vector<WireId> inputs, outputs;
    for (WireId id = 0; id < wires.size(); ++id) {
        if (wires[id].kind == WireKind::Input) inputs.push_back(id);
        if (wires[id].kind == WireKind::Output) outputs.push_back(id);
    }
    auto natural = [&](WireId a, WireId b) { return natural_less(names.wire[a], names.wire[b]); };
    std::sort(inputs.begin(), inputs.end(), natural);
    std::sort(outputs.begin(), outputs.end(), natural);
    for (WireId id : inputs)
        if (!trace.contains(wires[id].name))
            throw ExportError(fmt::format("the trace has no values for Input \"{}\"", wires[id].name));

    if (!options.toplevel_include.empty()) out << "`include \"" << options.toplevel_include << "\"\n\n";
    out << "module " << options.testbench_name << ";\n";
    out << "    reg clk = 0;\n";
    if (reset) out << "    reg rst = 0;\n";
    for (WireId id : inputs) out << "    reg " << range(wires[id].bitwidth) << names.wire[id] << ";\n";
    for (WireId id : outputs) out << "    wire " << range(wires[id].bitwidth) << names.wire[id] << ";\n";
    const std::size_t stimulus_length = std::max<std::size_t>(trace.cycles(), 1);
    for (WireId id : inputs)
        out << "    reg " << range(wires[id].bitwidth) << "tb_stim_" << names.wire[id] << " [0:" << stimulus_length - 1 << "];\n";
    out << "    integer tb_cycle;\n";
    out << "\n    " << options.module_name << " dut(.clk(clk)";
    if (reset) out << ", .rst(rst)";
    for (WireId id : inputs) out << ", ." << names.wire[id] << "(" << names.wire[id] << ")";
    for (WireId id : outputs) out << ", ." << names.wire[id] << "(" << names.wire[id] << ")";
    out << ");\n\n    initial begin\n";
    if (!options.vcd.empty()) out << "        $dumpfile(\"" << options.vcd << "\");\n        $dumpvars(0, " << options.testbench_name << ");\n";
    // Registers the simulation started somewhere other than their reset value.
    for (const auto& [name, value] : trace.initial_registers) {
        auto id = block.find_wire(name);
        if (id && wires[*id].kind == WireKind::Register && value != wires[*id].reset_value.value_or(0))
            out << "        dut." << names.wire[*id] << " = " << literal(value, wires[*id].bitwidth) << ";\n";
    }
    // The stimulus is stored in arrays and replayed by one loop: simulators compile a loop with three
    // delays much faster than one straight-line block with three delays per cycle.
    const std::size_t cycles = trace.cycles();
    for (WireId id : inputs) {
        auto values = trace.values(wires[id].name);
        for (std::size_t c = 0; c < cycles; ++c)
            if (c == 0 || values[c] != values[c - 1])
                out << "        tb_stim_" << names.wire[id] << "[" << c << "] = " << literal(values[c], wires[id].bitwidth)
                    << ";\n";
            else
                out << "        tb_stim_" << names.wire[id] << "[" << c << "] = tb_stim_" << names.wire[id] << "[" << c - 1
                    << "];\n";
    }
    if (cycles > 0) {
        out << "        for (tb_cycle = 0; tb_cycle < " << cycles << "; tb_cycle = tb_cycle + 1) begin\n";
        for (WireId id : inputs) out << "            " << names.wire[id] << " = tb_stim_" << names.wire[id] << "[tb_cycle];\n";
        out << "            #1;\n";
        if (!options.cmd.empty()) out << "            " << options.cmd << "\n";
        out << "            #4 clk = 1;\n            #5 clk = 0;\n        end\n";
    }
    out << "        $finish;\n    end\nendmodule\n";
}

}  // namespace rtl

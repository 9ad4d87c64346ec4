// The Verilog testbench backend: a module that replays a simulation trace into the design's ports.

#include "rtl/error.hpp"
#include "rtl/verilog.hpp"
#include "verilog_names.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace rtl {

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
    const std::string& clock = block.clock_name();
    out << "    reg " << clock << " = 0;\n";
    if (has_rst_port(block, options.reset)) out << "    reg rst = 0;\n";
    for (WireId id : inputs) out << "    reg " << verilog_range(wires[id].bitwidth) << names.wire[id] << ";\n";
    for (WireId id : outputs) out << "    wire " << verilog_range(wires[id].bitwidth) << names.wire[id] << ";\n";
    const std::size_t stimulus_length = std::max<std::size_t>(trace.cycles(), 1);
    for (WireId id : inputs)
        out << "    reg " << verilog_range(wires[id].bitwidth) << "tb_stim_" << names.wire[id]
            << " [0:" << stimulus_length - 1 << "];\n";
    out << "    integer tb_cycle;\n";
    // Outputs that `cmd` does not print are read here, in Verilator's idiom for signals unused on
    // purpose, so the testbench lints clean as well.
    if (!outputs.empty()) {
        out << "    wire tb_unused = &{1'b0";
        for (WireId id : outputs) out << ", " << names.wire[id];
        out << ", 1'b0};\n";
    }
    // A design without registers or memory writes has no clock (or reset) port.
    bool clocked = std::any_of(block.nets().begin(), block.nets().end(),
                               [](const LogicNet& net) { return net.op == Op::Reg || net.op == Op::MemWrite; });
    std::vector<std::string> connections;
    if (clocked) connections.push_back("." + clock + "(" + clock + ")");
    if (has_rst_port(block, options.reset)) connections.push_back(".rst(rst)");
    for (WireId id : inputs) connections.push_back("." + names.wire[id] + "(" + names.wire[id] + ")");
    for (WireId id : outputs) connections.push_back("." + names.wire[id] + "(" + names.wire[id] + ")");
    out << "\n    " << options.module_name << " dut(";
    for (std::size_t i = 0; i < connections.size(); ++i) out << (i ? ", " : "") << connections[i];
    out << ");\n\n    initial begin\n";
    if (!options.vcd.empty())
        out << "        $dumpfile(\"" << options.vcd << "\");\n        $dumpvars(0, " << options.testbench_name
            << ");\n";
    // Registers the simulation started somewhere other than their reset value.
    for (const auto& [name, value] : trace.initial_registers) {
        auto id = block.find_wire(name);
        if (id && wires[*id].kind == WireKind::Register && value != wires[*id].reset_value.value_or(0)) {
            if (!options.flatten && wires[*id].instance != kTopInstance && !block.instances().empty())
                throw ExportError(fmt::format("the trace starts register \"{}\" of a module instance at {} instead of "
                                              "its reset value; a testbench sets only top-level registers (write "
                                              "the module and the testbench with flatten = true)",
                                              name, value.str()));
            out << "        dut." << names.wire[*id] << " = " << verilog_literal(value, wires[*id].bitwidth) << ";\n";
        }
    }
    // The stimulus is stored in arrays and replayed by one loop: simulators compile a loop with three
    // delays much faster than one straight-line block with three delays per cycle.
    const std::size_t cycles = trace.cycles();
    for (WireId id : inputs) {
        auto values = trace.values(wires[id].name);
        for (std::size_t c = 0; c < cycles; ++c)
            if (c == 0 || values[c] != values[c - 1])
                out << "        tb_stim_" << names.wire[id] << "[" << c
                    << "] = " << verilog_literal(values[c], wires[id].bitwidth) << ";\n";
            else
                out << "        tb_stim_" << names.wire[id] << "[" << c << "] = tb_stim_" << names.wire[id] << "["
                    << c - 1 << "];\n";
    }
    if (cycles > 0) {
        out << "        for (tb_cycle = 0; tb_cycle < " << cycles << "; tb_cycle = tb_cycle + 1) begin\n";
        for (WireId id : inputs)
            out << "            " << names.wire[id] << " = tb_stim_" << names.wire[id] << "[tb_cycle];\n";
        out << "            #1;\n";
        if (!options.cmd.empty()) out << "            " << options.cmd << "\n";
        out << "            #4 " << clock << " = 1;\n            #5 " << clock << " = 0;\n        end\n";
    }
    out << "        $finish;\n    end\nendmodule\n";
}

}  // namespace rtl

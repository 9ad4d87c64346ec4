// lower_resets: a register's reset becomes logic in front of it, for the backends that simulate.
// Each reset register's next value becomes `active ? reset_value : next`, where `active` is the
// reset signal (inverted when active low). A synchronous reset is then an ordinary register. An
// asynchronous one keeps its signal as the net's second argument: the simulators also force the
// register to its reset value during a cycle in which the signal is active (program.hpp), which is
// what the `always @(posedge clk or posedge rst)` block of the Verilog does.
// Preserves: the value of every wire in every cycle. Run once, before the optimization passes, so
// that they simplify the new selects (a reset tied to a constant disappears).

#include "netlist.hpp"

namespace rtl::passes {

bool lower_resets(Netlist& n)
{
    bool changed = false;
    const std::size_t count = n.nets.size();  // nets added below need no lowering
    for (std::size_t i = 0; i < count; ++i) {
        if (n.nets[i].op != Op::Reg || n.nets[i].args.size() != 2) continue;
        const WireId reg = n.nets[i].dest, next = n.nets[i].args[0], signal = n.nets[i].args[1];
        const RegisterReset reset = n.wires[reg].reset;
        const int width = n.width(reg);
        WireId active = signal;
        if (reset.active_low) {
            active = n.add_temp(1);
            n.nets.push_back({Op::Not, {signal}, active, {}, -1});
        }
        // The next value may be wider than the register (it is truncated at the edge): cut it first.
        WireId cut = next;
        if (n.width(next) != width) {
            cut = n.add_temp(width);
            n.nets.push_back({Op::Wire, {next}, cut, {}, -1});
        }
        WireId value = n.constant(truncate_value(n.wires[reg].reset_value.value_or(0), width), width);
        WireId chosen = n.add_temp(width);
        n.nets.push_back({Op::Mux, {active, cut, value}, chosen, {}, -1});
        LogicNet& net = n.nets[i];  // push_back may have moved it
        net.args[0] = chosen;
        if (reset.kind == ResetKind::Synchronous) {
            net.args.resize(1);
            n.wires[reg].reset = {};
        }
        changed = true;
    }
    return changed;
}

}  // namespace rtl::passes

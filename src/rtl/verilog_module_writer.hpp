#pragma once
// The Verilog module writer's entry point for the hierarchical writer (verilog_hierarchy.cpp): one
// module from a block, plus ports that are not Outputs and instances of child modules.

#include "rtl/ir.hpp"
#include "rtl/verilog.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace rtl {

/// One port connection of a child instance: the child's port identifier and the parent's wire.
struct VerilogConnection {
    std::string port{};
    WireId wire = kNoWire;
    bool output = false;  ///< the child drives the wire
};

/// A child instance inside the module being written.
struct VerilogCell {
    std::string module{};  ///< the child's module name
    std::string instance{};  ///< the instance's identifier
    bool needs_clock = false;  ///< connect the clock
    bool needs_rst = false;  ///< connect `rst` (ResetStyle)
    std::vector<VerilogConnection> connections{};
};

/// What a module has besides its block's Inputs and Outputs.
struct ModuleParts {
    std::vector<WireId> output_ports{};  ///< wires or registers that are output ports
    std::vector<VerilogCell> cells{};  ///< child instances, in order
    bool needs_clock = false;  ///< a clock port even without registers here (a child has them)
    bool needs_rst = false;  ///< an `rst` port for a child
};

/// Writes `block` as one module named `options.module_name` (no pipeline is run: the block is
/// written as it is) and returns the identifiers the module gives the wires `wanted`.
std::vector<std::string> write_verilog_module(std::ostream& out, const Block& block, const VerilogOptions& options,
                                              const ModuleParts& parts, const std::vector<WireId>& wanted);

/// One written module.
struct VerilogModuleText {
    std::string name{};
    std::string text{};
};

/// An exported design that has module instances as one Verilog module per distinct module, the top
/// module first.
std::vector<VerilogModuleText> hierarchical_verilog(const Block& design, const VerilogOptions& options);

}  // namespace rtl

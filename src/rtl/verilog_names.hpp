#pragma once
// The legal, unique, stable Verilog identifiers of a block's wires and memories, shared by the module
// writer and the testbench writer.

#include "rtl/ir.hpp"

#include <string>
#include <vector>

namespace rtl {

struct VerilogNames {
    std::vector<std::string> wire;    // by WireId
    std::vector<std::string> memory;  // by memory index
};

/// `reserved` names (clk, rst) are never given to a wire.
VerilogNames make_verilog_names(const Block& block, bool reserve_rst);

/// Whether `name` is a legal Verilog identifier and not a keyword.
bool is_verilog_identifier(std::string_view name);

}  // namespace rtl

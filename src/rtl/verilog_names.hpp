#pragma once
// The legal, unique, stable Verilog identifiers of a block's wires and memories, shared by the module
// writer and the testbench writer.

#include "rtl/ir.hpp"
#include "rtl/verilog.hpp"

#include <memory>
#include <string>
#include <vector>

namespace rtl {

struct VerilogNames {
    std::vector<std::string> wire{};  // by WireId
    std::vector<std::string> memory{};  // by memory index
};

/// `reserved` names (the clock's, rst) are never given to a wire. `hints` (by WireId, may be empty) name the
/// compiler's temporaries (`tmp...`) after nearby wires; they are claimed after every other name, so
/// the names of ports and named wires do not depend on them.
VerilogNames make_verilog_names(const Block& block, bool reserve_rst, const std::vector<std::string>& hints = {});

/// Text for a Verilog `//` comment: control characters and non-ASCII bytes escaped as `\xNN`, at most
/// 200 characters, so nothing a name holds can end the comment or start a line of code.
std::string comment_text(std::string_view text);

/// `value` as a sized hex literal of `width` bits, e.g. `5'h3`.
std::string verilog_literal(const BigInt& value, int width);
/// The declaration range of a `width`-bit signal: "" for 1 bit, else "[w-1:0] ".
std::string verilog_range(int width);
/// The design that the Verilog backends write: `block` through `pipeline`, keeping only what reaches
/// an Output (so nothing unused is emitted).
std::unique_ptr<Block> exported_design(const Block& block, const std::string& pipeline);

/// Whether `name` is a legal Verilog identifier and not a keyword.
bool is_verilog_identifier(std::string_view name);

/// The reset a register net is written with: its own, or none when its signal is a constant that
/// never resets (an optimized design); a constant that always resets stays, with the signal.
RegisterReset effective_reset(const Block& block, const LogicNet& reg);

/// Whether the module written with `style` has the `rst` input: some register has no reset of its
/// own, or the design has no registers but memory writes (as before resets were per register).
bool has_rst_port(const Block& block, ResetStyle style);

}  // namespace rtl

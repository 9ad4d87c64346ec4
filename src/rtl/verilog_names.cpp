#include "verilog_names.hpp"

#include "rtl/passes.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <sstream>
#include <unordered_set>

namespace rtl {

namespace {

const std::unordered_set<std::string_view>& keywords()
{
    static const std::unordered_set<std::string_view> set = {"always",
                                                             "and",
                                                             "assign",
                                                             "automatic",
                                                             "begin",
                                                             "buf",
                                                             "bufif0",
                                                             "bufif1",
                                                             "case",
                                                             "casex",
                                                             "casez",
                                                             "cell",
                                                             "cmos",
                                                             "config",
                                                             "deassign",
                                                             "default",
                                                             "defparam",
                                                             "design",
                                                             "disable",
                                                             "edge",
                                                             "else",
                                                             "end",
                                                             "endcase",
                                                             "endconfig",
                                                             "endfunction",
                                                             "endgenerate",
                                                             "endmodule",
                                                             "endprimitive",
                                                             "endspecify",
                                                             "endtable",
                                                             "endtask",
                                                             "event",
                                                             "for",
                                                             "force",
                                                             "forever",
                                                             "fork",
                                                             "function",
                                                             "generate",
                                                             "genvar",
                                                             "highz0",
                                                             "highz1",
                                                             "if",
                                                             "ifnone",
                                                             "incdir",
                                                             "include",
                                                             "initial",
                                                             "inout",
                                                             "input",
                                                             "instance",
                                                             "integer",
                                                             "join",
                                                             "large",
                                                             "liblist",
                                                             "library",
                                                             "localparam",
                                                             "logic",
                                                             "macromodule",
                                                             "medium",
                                                             "module",
                                                             "nand",
                                                             "negedge",
                                                             "nmos",
                                                             "nor",
                                                             "noshowcancelled",
                                                             "not",
                                                             "notif0",
                                                             "notif1",
                                                             "or",
                                                             "output",
                                                             "parameter",
                                                             "pmos",
                                                             "posedge",
                                                             "primitive",
                                                             "pull0",
                                                             "pull1",
                                                             "pulldown",
                                                             "pullup",
                                                             "pulsestyle_onevent",
                                                             "pulsestyle_ondetect",
                                                             "rcmos",
                                                             "real",
                                                             "realtime",
                                                             "reg",
                                                             "release",
                                                             "repeat",
                                                             "rnmos",
                                                             "rpmos",
                                                             "rtran",
                                                             "rtranif0",
                                                             "rtranif1",
                                                             "scalared",
                                                             "showcancelled",
                                                             "signed",
                                                             "small",
                                                             "specify",
                                                             "specparam",
                                                             "strong0",
                                                             "strong1",
                                                             "supply0",
                                                             "supply1",
                                                             "table",
                                                             "task",
                                                             "time",
                                                             "tran",
                                                             "tranif0",
                                                             "tranif1",
                                                             "tri",
                                                             "tri0",
                                                             "tri1",
                                                             "triand",
                                                             "trior",
                                                             "trireg",
                                                             "unsigned",
                                                             "use",
                                                             "uwire",
                                                             "vectored",
                                                             "wait",
                                                             "wand",
                                                             "weak0",
                                                             "weak1",
                                                             "while",
                                                             "wire",
                                                             "wor",
                                                             "xnor",
                                                             "xor",
                                                             "bit",
                                                             "byte",
                                                             "int",
                                                             "shortint",
                                                             "longint",
                                                             "string",
                                                             "type",
                                                             "struct",
                                                             "union",
                                                             "enum",
                                                             "class",
                                                             "interface",
                                                             "package",
                                                             "program",
                                                             "return",
                                                             "break",
                                                             "continue",
                                                             "do",
                                                             "final",
                                                             "import",
                                                             "export",
                                                             "var",
                                                             "void",
                                                             "const",
                                                             "static",
                                                             "virtual",
                                                             "new",
                                                             "null",
                                                             "this",
                                                             "super",
                                                             "local",
                                                             "protected",
                                                             "rand",
                                                             "randc",
                                                             "constraint",
                                                             "covergroup",
                                                             "property",
                                                             "sequence",
                                                             "assert",
                                                             "assume",
                                                             "cover",
                                                             "bind",
                                                             "chandle",
                                                             "clocking",
                                                             "modport",
                                                             "priority",
                                                             "unique",
                                                             "alias",
                                                             "extern",
                                                             "inside",
                                                             "dist",
                                                             "solve",
                                                             "before",
                                                             "wildcard",
                                                             "with",
                                                             "matches",
                                                             "tagged",
                                                             "foreach",
                                                             "iff",
                                                             "ref",
                                                             "context",
                                                             "pure",
                                                             "timeprecision",
                                                             "timeunit",
                                                             "endclass",
                                                             "endinterface",
                                                             "endpackage",
                                                             "endprogram",
                                                             "endproperty",
                                                             "endsequence",
                                                             "endclocking",
                                                             "endgroup",
                                                             "randcase",
                                                             "randsequence",
                                                             "expect",
                                                             "first_match",
                                                             "throughout",
                                                             "within",
                                                             "intersect",
                                                             "binsof",
                                                             "bins",
                                                             "ignore_bins",
                                                             "illegal_bins",
                                                             "shortreal",
                                                             "global",
                                                             "checker",
                                                             "endchecker",
                                                             "let",
                                                             "restrict",
                                                             "strong",
                                                             "weak",
                                                             "until",
                                                             "nexttime",
                                                             "implies",
                                                             "accept_on",
                                                             "reject_on",
                                                             "sync_accept_on",
                                                             "sync_reject_on",
                                                             "eventually",
                                                             "s_always",
                                                             "s_eventually",
                                                             "s_nexttime",
                                                             "s_until",
                                                             "s_until_with",
                                                             "until_with",
                                                             "untyped",
                                                             "unique0",
                                                             "soft",
                                                             "interconnect",
                                                             "nettype",
                                                             "implements",
                                                             "table",
                                                             "std"};
    return set;
}

std::string legalize(std::string_view name)
{
    std::string out;
    for (char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') out += c;
        else if (c == ']' || c == ')') continue;  // pe[0][1] -> pe_0_1
        else if (out.empty() || out.back() != '_') out += '_';
    }
    while (out.size() > 1 && out.back() == '_' && !name.ends_with('_')) out.pop_back();
    if (out.empty()) out = "_";
    if (std::isdigit(static_cast<unsigned char>(out.front()))) out = "_" + out;
    if (keywords().contains(out)) out += "_";
    if (out.size() > 1000) out.resize(1000);
    return out;
}

}  // namespace

bool is_verilog_identifier(std::string_view name)
{
    if (name.empty() || name.size() > 1024) return false;
    if (!(std::isalpha(static_cast<unsigned char>(name.front())) || name.front() == '_')) return false;
    for (char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$')) return false;
    return !keywords().contains(name);
}

std::string verilog_literal(const BigInt& value, int width)
{
    std::ostringstream os;
    os << std::hex << truncate_value(value, width);
    return fmt::format("{}'h{}", width, os.str());
}

std::string verilog_range(int width)
{
    return width == 1 ? std::string() : fmt::format("[{}:0] ", width - 1);
}

std::unique_ptr<Block> exported_design(const Block& block, const std::string& pipeline)
{
    return optimize(block, {.pipeline = pipeline, .keep_named_wires = false});
}

std::string comment_text(std::string_view text)
{
    std::string out;
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        if (out.size() >= 200) {
            out += "...";
            break;
        }
        if (c < 0x20 || c >= 0x7f || c == '\\') out += fmt::format("\\x{:02x}", c);
        else out += ch;
    }
    return out;
}

VerilogNames make_verilog_names(const Block& block, bool reserve_rst, const std::vector<std::string>& hints)
{
    VerilogNames names;
    std::unordered_set<std::string> used = {block.clock_name()};
    if (reserve_rst) used.insert("rst");
    const auto& wires = block.wires();
    names.wire.resize(wires.size());
    // Legal names are claimed first, so a legalized name never steals a user's exact name.
    auto hinted = [&](WireId id) {
        return id < hints.size() && !hints[id].empty() && wires[id].name.starts_with("tmp");
    };
    for (std::size_t pass = 0; pass < 3; ++pass) {
        for (WireId id = 0; id < wires.size(); ++id) {
            const std::string& n = wires[id].name;
            if (!names.wire[id].empty() || (pass == 2) != hinted(id)) continue;
            bool legal = is_verilog_identifier(n) && !used.contains(n);
            if (pass < 2 && (pass == 0) != legal) continue;
            std::string candidate = pass == 0 ? n : legalize(pass == 1 ? n : hints[id]);
            std::string unique = candidate;
            for (int k = 1; used.contains(unique); ++k) unique = candidate + "_" + std::to_string(k);
            used.insert(unique);
            names.wire[id] = unique;
        }
    }
    for (const auto& m : block.memories()) {
        std::string candidate = "mem_" + legalize(m.name);
        std::string unique = candidate;
        for (int k = 1; used.contains(unique); ++k) unique = candidate + "_" + std::to_string(k);
        used.insert(unique);
        names.memory.push_back(unique);
    }
    return names;
}

RegisterReset effective_reset(const Block& block, const LogicNet& reg)
{
    RegisterReset reset = block.wire(reg.dest).reset;
    if (reset.kind == ResetKind::None || reg.args.size() < 2) return {};
    const WireInfo& signal = block.wire(reg.args[1]);
    if (signal.kind == WireKind::Const && (signal.const_value != 0) == reset.active_low) return {};
    return reset;
}

bool has_rst_port(const Block& block, ResetStyle style)
{
    if (style == ResetStyle::None) return false;
    bool registers = false, writes = false, plain = false;
    for (const auto& net : block.nets()) {
        writes = writes || net.op == Op::MemWrite;
        if (net.op != Op::Reg) continue;
        registers = true;
        plain = plain || effective_reset(block, net).kind == ResetKind::None;
    }
    return registers ? plain : writes;
}

}  // namespace rtl

// Hierarchy (module.hpp): instances simulate flattened under their paths, and the Verilog has one
// module per distinct module, instantiated with its ports; Verilator, Icarus and the simulation agree
// cycle by cycle, the output lints clean and yosys's `hierarchy -check` accepts it.
#include "rtl/rtl.hpp"
#include "verilog_tools.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <regex>
#include <sstream>

using Catch::Matchers::Contains;

namespace {

// A multiply-accumulate processing element with an asynchronous clear.
rtl::WireVector pe(const rtl::WireVector& a, const rtl::WireVector& b, const rtl::WireVector& clear,
                   const std::string& name, int bias = 0)
{
    rtl::ModuleScope m("pe", name);
    rtl::WireVector x = m.input(a, "a"), y = m.input(b, "b"), c = m.input(clear, "clear");
    rtl::Register acc(16, "acc", 0, rtl::async_reset(c));
    acc.next <<= acc + x * y + bias;
    return m.output(acc, "acc");
}

// Two PEs and their sum, as a module of its own.
rtl::WireVector pair(const rtl::WireVector& a, const rtl::WireVector& b, const rtl::WireVector& clear,
                     const std::string& name)
{
    rtl::ModuleScope m("pair", name);
    rtl::WireVector x = m.input(a, "a"), y = m.input(b, "b"), c = m.input(clear, "clear");
    rtl::WireVector s = pe(x, y, c, "left") + pe(y, x, c, "right");
    return m.output(s, "sum");
}

void build()
{
    rtl::Input a(8, "a"), b(8, "b"), clear(1, "clear");
    rtl::Output p0(17, "p0"), p1(17, "p1"), q(16, "q"), odd(16, "odd");
    p0 <<= pair(a, b, clear, "pair0");
    p1 <<= pair(b, a, clear, "pair1");
    q <<= pe(a, a, clear, "solo");
    odd <<= pe(a, b, clear, "biased", 3);  // different logic: a module of its own
}

std::size_t count(const std::string& text, const std::string& what)
{
    std::size_t n = 0;
    for (std::size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("instances simulate under their paths in both modes")
{
    for (auto mode : {rtl::SimulationMode::Interpreter, rtl::SimulationMode::Compiled}) {
        rtl::BlockScope scope;
        build();
        CHECK(scope.block().instances().size() == 8);
        rtl::Simulation sim({.mode = mode});
        std::mt19937 rng(1);
        unsigned l0 = 0, r0 = 0, solo = 0;
        for (int cycle = 0; cycle < 100; ++cycle) {
            unsigned av = rng() % 256, bv = rng() % 256, cl = rng() % 17 == 0;
            sim.step({{"a", av}, {"b", bv}, {"clear", cl}});
            if (cl) l0 = r0 = solo = 0;
            REQUIRE(sim.inspect_u64("pair0.left.acc") == l0);
            REQUIRE(sim.inspect_u64("pair0.right.acc") == r0);
            REQUIRE(sim.inspect_u64("solo.acc") == solo);
            REQUIRE(sim.inspect_u64("p0") == l0 + r0);
            l0 = cl ? 0 : (l0 + av * bv) & 0xffff;  // a reset held through the edge
            r0 = cl ? 0 : (r0 + bv * av) & 0xffff;
            solo = cl ? 0 : (solo + av * av) & 0xffff;
        }
    }
}

TEST_CASE("the Verilog has one module per distinct module and matches the simulation")
{
    rtl::BlockScope scope;
    build();
    rtl::Simulation sim;
    std::mt19937 rng(2);
    std::ostringstream expected;
    const std::vector<std::string> outputs = {"p0", "p1", "q", "odd"};
    for (int cycle = 0; cycle < 60; ++cycle) {
        sim.step({{"a", rng() % 256}, {"b", rng() % 256}, {"clear", rng() % 13 == 0}});
        for (const auto& o : outputs) expected << o << " " << std::hex << sim.inspect(o) << std::dec << "\n";
    }
    std::ostringstream module, bench;
    rtl::output_to_verilog(module, scope.block());
    const std::string text = module.str();
    INFO(text);
    CHECK(count(text, "\nmodule pe(") + count(text, "module pe(") >= 1);
    CHECK(std::regex_search(text, std::regex("module pe\\(")));
    CHECK(std::regex_search(text, std::regex("module pe_1\\(")));  // the biased PE
    CHECK(count(text, "module pair(") == 1);
    CHECK(count(text, "module toplevel(") == 1);
    CHECK(count(text, "endmodule") == 4);
    CHECK(std::regex_search(text, std::regex("pe left\\(")));
    CHECK(std::regex_search(text, std::regex("pair pair1\\(")));
    CHECK(std::regex_search(text, std::regex("output \\[15:0\\] acc;")));
    CHECK(std::regex_search(text, std::regex("always @\\(posedge clk or posedge clear\\)")));

    std::string cmd;
    for (const auto& o : outputs) cmd += "$display(\"" + o + " %0h\", " + o + ");";
    rtl::output_verilog_testbench(bench, sim.trace(), scope.block(), {.cmd = cmd});
    auto dir = test_tools::scratch_dir("hierarchy");
    test_tools::write_file(dir / "toplevel.v", text);
    test_tools::write_file(dir / "tb.v", bench.str());
    // One file per module: what Verilator's -Wall wants (DECLFILENAME).
    auto files = rtl::output_verilog_files(dir / "modules", scope.block());
    REQUIRE(files.size() == 4);
    CHECK(files[0].filename() == "toplevel.v");
    std::vector<std::string> others;
    for (std::size_t i = 1; i < files.size(); ++i) others.push_back(files[i].filename().string());
    auto lint = rtl::verilator_lint(files[0], "toplevel", others);
    INFO(lint.output);
    CHECK(lint.exit_code == 0);
    auto yosys = rtl::yosys_run(dir, "read_verilog toplevel.v; hierarchy -check -top toplevel; proc; opt; stat");
    INFO(yosys.output.substr(0, 4000));
    CHECK(yosys.exit_code == 0);
    std::vector<std::string> prefixes;
    for (const auto& o : outputs) prefixes.push_back(o + " ");
    auto strip = [&](const std::string& text) { return test_tools::lines_starting_with(text, prefixes); };
    auto verilator = test_tools::verilator_run(dir, dir / "tb.v", dir / "toplevel.v");
    INFO(verilator.output.substr(0, 3000));
    REQUIRE(verilator.exit_code == 0);
    CHECK(strip(verilator.output) == expected.str());
    auto icarus = test_tools::iverilog_run(dir, dir / "tb.v", dir / "toplevel.v");
    INFO(icarus.output.substr(0, 3000));
    REQUIRE(icarus.exit_code == 0);
    CHECK(strip(icarus.output) == expected.str());

    std::ostringstream flat;
    rtl::output_to_verilog(flat, scope.block(), {.flatten = true});
    CHECK(count(flat.str(), "endmodule") == 1);
    CHECK(flat.str().find("pair0_left_acc") != std::string::npos);
}

TEST_CASE("wires crossing instances without declared ports get ports of their own")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "a");
    rtl::WireVector inner_value;
    {
        rtl::ModuleScope m("inner", "u0");
        rtl::Register r(4, "r");
        r.next <<= r + a;  // reads a top-level Input directly
        inner_value = r;
    }
    rtl::Output o(5, "o");
    o <<= inner_value + 1;  // reads the register directly
    rtl::Simulation sim;
    std::ostringstream expected;
    for (int i = 0; i < 20; ++i) {
        sim.step({{"a", i % 16}});
        expected << "o " << std::hex << sim.inspect("o") << std::dec << "\n";
    }
    std::ostringstream module, bench;
    rtl::output_to_verilog(module, scope.block());
    rtl::output_verilog_testbench(bench, sim.trace(), scope.block(), {.cmd = "$display(\"o %0h\", o);"});
    INFO(module.str());
    CHECK(module.str().find("module inner(") != std::string::npos);
    auto dir = test_tools::scratch_dir("hierarchy_inferred");
    test_tools::write_file(dir / "toplevel.v", module.str());
    test_tools::write_file(dir / "tb.v", bench.str());
    auto files = rtl::output_verilog_files(dir / "modules", scope.block());
    REQUIRE(files.size() == 2);
    auto lint = rtl::verilator_lint(files[0], "toplevel", {files[1].filename().string()});
    INFO(lint.output);
    CHECK(lint.exit_code == 0);
    auto icarus = test_tools::iverilog_run(dir, dir / "tb.v", dir / "toplevel.v");
    REQUIRE(icarus.exit_code == 0);
    CHECK(test_tools::lines_starting_with(icarus.output, {"o "}) == expected.str());
}

TEST_CASE("module names and instance names are checked")
{
    rtl::BlockScope scope;
    CHECK_THROWS_AS(rtl::ModuleScope("bad name", "u0"), rtl::ConnectionError);
    {
        rtl::ModuleScope m("ok", "u0");
    }
    CHECK_THROWS_WITH(rtl::ModuleScope("ok", "u0"), Contains("duplicate module instance name \"u0\""));
    rtl::ModuleScope outer("ok", "u1");
    rtl::ModuleScope nested("ok", "u0");  // another parent: allowed
    CHECK(nested.path() == "u1.u0");
    rtl::WireVector w(3, "w");
    CHECK(w.name() == "u1.u0.w");
}

TEST_CASE("a testbench that would start a register inside an instance says so")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "a");
    rtl::Output o(4, "o");
    {
        rtl::ModuleScope m("inner", "u0");
        rtl::Register r(4, "r", 0);
        r.next <<= r + m.input(a, "a");
        o <<= m.output(r, "r");
    }
    rtl::Simulation sim({.register_values = {{"u0.r", 5}}});
    sim.step({{"a", 1}});
    std::ostringstream bench;
    CHECK_THROWS_WITH(rtl::output_verilog_testbench(bench, sim.trace(), scope.block()),
                      Contains("\"u0.r\"") && Contains("flatten"));
    CHECK_NOTHROW(rtl::output_verilog_testbench(bench, sim.trace(), scope.block(), {.flatten = true}));
}

TEST_CASE("a RAM inside an instance gets its initial contents in its module")
{
    rtl::BlockScope scope;
    rtl::Input addr(2, "addr");
    rtl::Output q0(8, "q0"), q1(8, "q1");
    auto lookup = [&](const std::string& name) {
        rtl::ModuleScope m("lookup", name);
        rtl::MemBlock table(8, 2, "table");
        table[rtl::Const(0, 2)] <<= rtl::EnabledWrite{rtl::Const(0, 8), rtl::Const(0, 1)};  // a RAM, never written
        return m.output(table[m.input(addr, "addr")], "q");
    };
    q0 <<= lookup("u0");
    q1 <<= lookup("u1");
    std::map<std::string, std::map<std::uint64_t, rtl::BigInt>> init = {
        {"u0.table", {{0, 10}, {1, 11}, {2, 12}, {3, 13}}}, {"u1.table", {{0, 20}, {1, 21}, {2, 22}, {3, 23}}}};
    rtl::Simulation sim({.memory_values = init});
    std::ostringstream expected;
    for (int i = 0; i < 8; ++i) {
        sim.step({{"addr", i % 4}});
        expected << "q " << std::hex << sim.inspect("q0") << " " << sim.inspect("q1") << std::dec << "\n";
    }
    std::ostringstream module, bench;
    rtl::output_to_verilog(module, scope.block(), {.memory_init = init});
    rtl::output_verilog_testbench(bench, sim.trace(), scope.block(), {.cmd = "$display(\"q %0h %0h\", q0, q1);"});
    INFO(module.str());
    CHECK(module.str().find("module lookup_1(") != std::string::npos);  // different contents: two modules
    auto dir = test_tools::scratch_dir("hierarchy_ram");
    test_tools::write_file(dir / "toplevel.v", module.str());
    test_tools::write_file(dir / "tb.v", bench.str());
    auto icarus = test_tools::iverilog_run(dir, dir / "tb.v", dir / "toplevel.v");
    REQUIRE(icarus.exit_code == 0);
    CHECK(test_tools::lines_starting_with(icarus.output, {"q "}) == expected.str());
}

TEST_CASE("a conditional's term used inside an instance and outside it gets its own assignment")
{
    // The term `~reset & a` of the `when` feeds the register inside and `o` outside: the module must
    // assign its output port rather than write the term inline in the register only.
    rtl::BlockScope scope;
    rtl::Input a(1, "a"), b(1, "b"), c(1, "c");
    rtl::Output o(1, "o"), p(1, "p");
    rtl::WireVector w(1);
    const rtl::WireVector reset = ~c;
    {
        rtl::ModuleScope m("sub", "s");
        rtl::Register st(1, "st");
        rtl::when(reset, [&] { st.next |= 0; }).elsewhen(a, [&] {
            w |= 1;
            st.next |= b;
        });
        p <<= st;
    }
    o <<= w;
    rtl::Simulation sim;
    std::mt19937 rng(5);
    std::ostringstream expected;
    for (int cycle = 0; cycle < 40; ++cycle) {
        sim.step({{"a", rng() % 2}, {"b", rng() % 2}, {"c", rng() % 4 != 0}});
        expected << "op " << sim.inspect("o") << sim.inspect("p") << "\n";
    }
    std::ostringstream module, bench;
    rtl::output_to_verilog(module, scope.block());
    rtl::output_verilog_testbench(bench, sim.trace(), scope.block(), {.cmd = "$display(\"op %0d%0d\", o, p);"});
    auto dir = test_tools::scratch_dir("hierarchy_conditional");
    auto files = rtl::output_verilog_files(dir / "modules", scope.block());
    REQUIRE(files.size() == 2);
    auto lint = rtl::verilator_lint(files[0], "toplevel", {files[1].filename().string()});
    INFO(lint.output);
    CHECK(lint.exit_code == 0);
    test_tools::write_file(dir / "toplevel.v", module.str());
    test_tools::write_file(dir / "tb.v", bench.str());
    auto icarus = test_tools::iverilog_run(dir, dir / "tb.v", dir / "toplevel.v");
    INFO(icarus.output.substr(0, 3000));
    REQUIRE(icarus.exit_code == 0);
    CHECK(test_tools::lines_starting_with(icarus.output, {"op "}) == expected.str());
}

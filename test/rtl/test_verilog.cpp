// The Verilog backend: lint-clean output, synthesizable by yosys, and testbenches that reproduce the
// built-in simulation under Verilator and Icarus Verilog.
#include "rtl/rtl.hpp"
#include "verilog_tools.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using rtl::BigInt;

namespace {

// A design that uses every op, wide values, memories, a ROM and registers with reset values.
void build_everything()
{
    rtl::Input a(8, "a"), b(8, "b"), sel(1, "sel"), wide(100, "wide.in[0]");
    rtl::Register acc(16, "acc", 7), big(100, "big");
    rtl::MemBlock mem(12, 3, "scratch");
    rtl::RomBlock rom(70, 2, {1, BigInt(1) << 69, 3}, "table");
    rtl::WireVector sum = a + b, diff = a - b, prod = a * b;
    acc.next <<= acc + prod;
    big.next <<= big ^ wide;
    mem[a(2, 0)] <<= rtl::EnabledWrite{concat(a(3, 0), b), sel};
    rtl::Output o_sum(9, "o_sum"), o_diff(9, "o_diff"), o_bits(8, "o_bits"), o_cmp(3, "o_cmp");
    rtl::Output o_mux(8, "o_mux"), o_mem(12, "o_mem"), o_rom(70, "o_rom"), o_big(100, "o_big"), o_acc(16, "o_acc");
    rtl::Output o_sx(12, "o_sx"), o_trunc(3, "o_trunc"), o_nand(8, "o_nand"), o_wide_mul(20, "o_wide_mul");
    o_sum <<= sum;
    o_diff <<= diff;
    o_bits <<= (a & b) | (~a ^ b);
    o_cmp <<= rtl::concat(a<b, a> b, a == b);
    o_mux <<= rtl::select(sel, a, b);
    o_mem <<= mem[b(2, 0)];
    o_rom <<= rom[a(1, 0)];
    o_big <<= big + wide;
    o_acc <<= acc;
    o_sx <<= rtl::signed_mult(a(5, 0), b(5, 0));
    o_trunc <<= sum;
    o_nand <<= a.nand(b);
    o_wide_mul <<= (wide * big)(19, 0);
}

}  // namespace

TEST_CASE("emitted Verilog passes verilator --lint-only -Wall and yosys synth")
{
    for (auto reset : {rtl::ResetStyle::None, rtl::ResetStyle::Synchronous, rtl::ResetStyle::Asynchronous}) {
        rtl::BlockScope scope;
        build_everything();
        std::ostringstream os;
        rtl::output_to_verilog(os, scope.block(), {.module_name = "everything", .reset = reset});
        auto dir = test_tools::scratch_dir("lint");
        test_tools::write_file(dir / "everything.v", os.str());
        auto lint = test_tools::verilator_lint(dir / "everything.v", "everything");
        INFO(os.str());
        INFO(lint.output);
        CHECK(lint.exit_code == 0);
        CHECK(lint.output.find("%Warning") == std::string::npos);
        if (reset == rtl::ResetStyle::None) {
            auto synth = rtl::yosys_run(dir, "read_verilog everything.v; synth -top everything");
            INFO(synth.output);
            CHECK(synth.exit_code == 0);
        }
    }
}

TEST_CASE("illegal names are legalized and keep their original name in a comment")
{
    rtl::BlockScope scope;
    rtl::Input a(4, "pe[0][1]"), b(4, "module");
    rtl::Output o(4, "out.value");
    o <<= a & b;
    std::ostringstream os;
    rtl::output_to_verilog(os);
    std::string v = os.str();
    CHECK(v.find("input [3:0] pe_0_1;  // pe[0][1]") != std::string::npos);
    CHECK(v.find("module_") != std::string::npos);
    CHECK(rtl::verilog_identifier(scope.block(), "out.value") == "out_value");
    rtl::Input unnamed(2);
    rtl::Output o2(2, "o2");
    o2 <<= unnamed;
    std::ostringstream os2;
    CHECK_THROWS_AS(rtl::output_to_verilog(os2), rtl::ExportError);
}

TEST_CASE("a testbench replays the trace: Verilator and Icarus agree with the simulation every cycle")
{
    rtl::BlockScope scope;
    build_everything();
    rtl::Simulation sim(rtl::SimulationOptions{
        .memory_values = {{"scratch", {{0, 5}, {1, 6}, {2, 7}, {3, 8}, {4, 9}, {5, 10}, {6, 11}, {7, 12}}}}});
    std::vector<std::string> outputs = {"o_sum", "o_diff", "o_bits", "o_cmp",   "o_mux",  "o_mem",     "o_rom",
                                        "o_big", "o_acc",  "o_sx",   "o_trunc", "o_nand", "o_wide_mul"};
    std::mt19937_64 rng(7);
    std::ostringstream expected;
    for (int cycle = 0; cycle < 30; ++cycle) {
        BigInt wide = (BigInt(rng()) << 36) | BigInt(rng() >> 28);
        sim.step({{"a", rng() % 256}, {"b", rng() % 256}, {"sel", rng() % 2}, {"wide.in[0]", wide}});
        for (const auto& o : outputs) expected << o << " " << std::hex << sim.inspect(o) << std::dec << "\n";
    }
    std::string cmd;
    for (const auto& o : outputs) cmd += "$display(\"" + o + " %0h\", " + o + ");";
    std::ostringstream module, bench;
    rtl::output_to_verilog(module, scope.block(), {.memory_init = sim.trace().initial_memories});
    rtl::output_verilog_testbench(bench, sim.trace(), scope.block(), {.cmd = cmd});
    auto dir = test_tools::scratch_dir("testbench");
    test_tools::write_file(dir / "toplevel.v", module.str());
    test_tools::write_file(dir / "tb.v", bench.str());
    auto strip = [](const std::string& text) { return test_tools::lines_starting_with(text, {"o_"}); };
    auto verilator = test_tools::verilator_run(dir, dir / "tb.v", dir / "toplevel.v");
    INFO(verilator.output.substr(0, 3000));
    REQUIRE(verilator.exit_code == 0);
    CHECK(strip(verilator.output) == expected.str());
    auto icarus = test_tools::iverilog_run(dir, dir / "tb.v", dir / "toplevel.v");
    INFO(icarus.output.substr(0, 3000));
    REQUIRE(icarus.exit_code == 0);
    CHECK(strip(icarus.output) == expected.str());
}

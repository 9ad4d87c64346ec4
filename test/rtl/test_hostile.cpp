// Hostile use of the DSL and the Verilog writer: names that try to inject Verilog, widths at and past
// the documented limits, and handles used after their block ended. Each must be a clear, typed error
// (or, for names, harmless output), never undefined behaviour.
#include "rtl/rtl.hpp"
#include "verilog_tools.hpp"

#include <catch2/catch.hpp>

#include <climits>
#include <optional>
#include <random>
#include <sstream>
#include <vector>

using Catch::Matchers::Contains;

TEST_CASE("names cannot change the structure of the emitted Verilog")
{
    const std::vector<std::string> hostile = {
        "a\nwire injected = 1'b1; //",
        "b */ wire injected2; /*",
        "c\\\nassign injected3 = 1;",
        "d\r\nendmodule\nmodule injected4;",
        "\xc3\xa9t\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x98\x80",  // UTF-8: été → 😀
        std::string(10000, 'x'),
        std::string(10000, 'x') + "y",  // same first 1000 characters as the previous one
        "wire",
        "`define injected5",
        "e // \n always @* $finish;",
    };
    rtl::BlockScope scope;
    rtl::WireVector sum = rtl::Const(0, 8);
    int i = 0;
    for (const auto& name : hostile) {
        rtl::Input in(8, name);
        rtl::Register r(8, name + "_reg");
        r.next <<= in ^ i++;
        rtl::Output out(8, name + "_out");
        out <<= r;
        sum = (sum + r).truncate(8);
    }
    rtl::MemBlock mem(8, 2, "mem\nwire injected6;");
    mem[rtl::Const(0, 2)] <<= sum;
    rtl::Output total(8, "total");
    total <<= mem[rtl::Const(1, 2)];
    std::ostringstream verilog;
    rtl::output_to_verilog(verilog);
    const std::string text = verilog.str();
    // Names survive only as legalized identifiers and escaped comments: no line is code a name wrote.
    std::istringstream lines(text);
    std::string line;
    int modules = 0, endmodules = 0, inputs = 0, outputs = 0;
    while (std::getline(lines, line)) {
        std::string code = line.substr(0, line.find("//"));
        std::istringstream words(code);
        std::string first, second;
        words >> first >> second;
        CHECK_FALSE(second.rfind("injected", 0) == 0);  // "wire injected", "module injected4", ...
        CHECK(code.find('`') == std::string::npos);
        CHECK(code.find("$finish") == std::string::npos);
        CHECK(line.find('\r') == std::string::npos);
        modules += first == "module";
        endmodules += first == "endmodule";
        inputs += first == "input";
        outputs += first == "output";
    }
    CHECK(modules == 1);
    CHECK(endmodules == 1);
    CHECK(inputs == static_cast<int>(hostile.size()) + 1);  // and clk
    CHECK(outputs == static_cast<int>(hostile.size()) + 1);
    auto dir = test_tools::scratch_dir("hostile_names");
    test_tools::write_file(dir / "toplevel.v", text);
    auto lint = test_tools::verilator_lint(dir / "toplevel.v", "toplevel");
    INFO(lint.output.substr(0, 2000));
    CHECK(lint.exit_code == 0);
}

TEST_CASE("widths past the documented maximum are errors that name the operands")
{
    rtl::BlockScope scope;
    CHECK_THROWS_AS(rtl::Input(INT_MAX, "huge"), rtl::WidthError);
    CHECK_THROWS_WITH(rtl::Input(rtl::kMaxBitwidth + 1, "too_wide"), Contains("too_wide") && Contains("maximum"));
    CHECK_THROWS_AS(rtl::Const(5, INT_MAX), rtl::WidthError);
    rtl::Input a(rtl::kMaxBitwidth, "a"), b(rtl::kMaxBitwidth, "b");
    CHECK_THROWS_WITH(a * b, Contains("\"a\"") && Contains("\"b\"") && Contains("maximum"));
    CHECK_THROWS_WITH(a + b, Contains("\"a\"") && Contains("\"b\""));
    CHECK_NOTHROW(a & b);  // exactly the maximum is fine
    CHECK_THROWS_AS(rtl::MemBlock(rtl::kMaxBitwidth, 20, "big_memory"), rtl::MemoryError);
    std::vector<rtl::WireVector> many(2100, a);
    CHECK_THROWS_AS(rtl::concat_list(many), rtl::WidthError);
}

TEST_CASE("a handle used after its block ended is a StaleHandleError")
{
    std::optional<rtl::Input> a;
    std::optional<rtl::MemBlock> mem;
    {
        rtl::BlockScope scope;
        a.emplace(8, "a");
        mem.emplace(8, 2, "mem");
    }
    CHECK_THROWS_AS(a->name(), rtl::StaleHandleError);
    CHECK_THROWS_AS(a->bitwidth(), rtl::StaleHandleError);
    CHECK_THROWS_WITH(*a + 1, Contains("no longer exists"));
    CHECK_THROWS_AS(mem->name(), rtl::StaleHandleError);

    rtl::reset_working_block();
    rtl::Input b(4, "b");
    rtl::reset_working_block();  // replaces the block b belongs to
    CHECK_THROWS_AS(b ^ 1, rtl::StaleHandleError);
    rtl::reset_working_block();
}

TEST_CASE("value_u64 refuses a wide wire; limb spans set and read wide values exactly")
{
    rtl::BlockScope scope;
    rtl::Input wide(130, "wide");
    rtl::Input narrow(8, "narrow");
    rtl::Output out(130, "out");
    out <<= wide ^ rtl::Const(rtl::BigInt(1) << 129, 130);
    rtl::Simulation sim;
    const auto in_id = sim.wire_id("wide"), out_id = sim.wire_id("out"), narrow_id = sim.wire_id("narrow");
    const std::uint64_t value[3] = {0x0123456789abcdefull, 0xfedcba9876543210ull, 0x1};
    sim.set_input_limbs(in_id, value);
    sim.set_input(narrow_id, 5);
    sim.step();
    // Against BigInt arithmetic on the same value.
    rtl::BigInt expected =
        (rtl::BigInt(1) << 128) | (rtl::BigInt(0xfedcba9876543210ull) << 64) | rtl::BigInt(0x0123456789abcdefull);
    expected ^= rtl::BigInt(1) << 129;
    CHECK(sim.inspect("out") == expected);
    const auto limbs = sim.value_limbs(out_id);
    REQUIRE(limbs.size() == 3);
    CHECK(rtl::from_limbs(limbs.data(), 3) == expected);
    CHECK(sim.value_u64(narrow_id) == 5);
    // A wide wire's low 64 bits would be a silent truncation.
    CHECK_THROWS_AS(sim.value_u64(out_id), rtl::SimulationError);
    CHECK_THROWS_WITH(sim.value_u64(out_id), Contains("out") && Contains("130 bits"));
    CHECK_THROWS_AS(sim.value_u64(rtl::WireId{1u << 30}), rtl::SimulationError);
    CHECK_THROWS_AS(sim.value_limbs(rtl::WireId{1u << 30}), rtl::SimulationError);
    // Wrong limb count, bits above the width, and a non-Input are refused.
    const std::uint64_t two[2] = {1, 2};
    CHECK_THROWS_WITH(sim.set_input_limbs(in_id, two), Contains("3 limbs"));
    const std::uint64_t too_wide[3] = {0, 0, 0x4};
    CHECK_THROWS_WITH(sim.set_input_limbs(in_id, too_wide), Contains("above its width"));
    CHECK_THROWS_AS(sim.set_input_limbs(out_id, value), rtl::SimulationError);
}

TEST_CASE("set_inputs_u64 and the inline set_input_u64 check like the rest, and registers read the current bank")
{
    rtl::BlockScope scope;
    rtl::Input a(8, "a"), b(8, "b");
    rtl::Register r(8, "r");
    r.next <<= (a + b)(7, 0);
    rtl::Output sum(8, "sum"), mix(8, "mix");
    sum <<= r;
    mix <<= a ^ b;
    {
        rtl::Simulation sim;
        const auto a_id = sim.wire_id("a");
        CHECK_NOTHROW(sim.set_inputs_u64(std::vector<rtl::Simulation::InputValue>{{a_id, 3}}));
        CHECK_THROWS_WITH(sim.step(), Contains("\"b\"") && Contains("no input value"));
    }
    rtl::Simulation sim;
    const auto a_id = sim.wire_id("a"), b_id = sim.wire_id("b"), sum_id = sim.wire_id("sum"),
               mix_id = sim.wire_id("mix");
    // A software model of the design, cycle by cycle: sum is last cycle's a + b (mod 256), 0 at first.
    std::mt19937_64 rng(5);
    std::uint64_t expected_sum = 0;
    for (int cycle = 0; cycle < 300; ++cycle) {
        const std::uint64_t x = rng() & 0xff, y = rng() & 0xff;
        if (cycle % 2 == 0) {
            sim.set_inputs_u64(std::vector<rtl::Simulation::InputValue>{{a_id, x}, {b_id, y}});
        } else {
            sim.set_input_u64(a_id, x);
            sim.set_input_u64(b_id, y);
        }
        sim.step();
        REQUIRE(sim.value_u64(mix_id) == (x ^ y));
        REQUIRE(sim.value_u64(sum_id) == expected_sum);
        REQUIRE(sim.inspect_u64("r") == expected_sum);
        expected_sum = (x + y) & 0xff;
    }
    // Refused: a value too wide (the ones before it are applied), a non-Input even with 0, an unknown id.
    CHECK_THROWS_WITH(sim.set_inputs_u64(std::vector<rtl::Simulation::InputValue>{{b_id, 9}, {a_id, 256}}),
                      Contains("\"a\"") && Contains("8"));
    sim.step();
    CHECK(sim.value_u64(mix_id) == (9 ^ sim.value_u64(a_id)));
    CHECK_THROWS_AS(sim.set_input_u64(mix_id, 0), rtl::SimulationError);
    CHECK_THROWS_AS(sim.set_inputs_u64(std::vector<rtl::Simulation::InputValue>{{mix_id, 0}}), rtl::SimulationError);
    CHECK_THROWS_AS(sim.set_input_u64(rtl::WireId{1u << 30}, 0), rtl::SimulationError);
}

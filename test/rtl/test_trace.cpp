// Trace rendering and the VCD writer.
#include "rtl/rtl.hpp"

#include <catch2/catch.hpp>

TEST_CASE("render_trace draws a ruler waves and value boxes")
{
    rtl::BlockScope scope;
    rtl::Input a(8, "a"), c(1, "c");
    rtl::Output o(8, "o");
    o <<= a;
    rtl::Simulation sim;
    std::vector<int> as = {1, 4, 9, 11, 12}, cs = {0, 1, 1, 0, 1};
    for (std::size_t i = 0; i < as.size(); ++i) sim.step({{"a", as[i]}, {"c", cs[i]}});
    std::ostringstream os;
    rtl::render_trace(sim.trace(), os, {.names = {"a", "c"}});
    std::string text = os.str();
    INFO(text);
    CHECK(text.find("|0") != std::string::npos);
    CHECK(text.find("|4") != std::string::npos);
    CHECK(text.find("0x0b") != std::string::npos);  // zero-padded to the 8-bit width
    CHECK(text.find("0x01 ") != std::string::npos);
    CHECK(text.find(',') != std::string::npos);  // rising edge of c
    CHECK(text.find('.') != std::string::npos);  // falling edge of c
    std::ostringstream utf8;
    rtl::render_trace(sim.trace(), utf8, {.names = {"a", "c"}, .style = rtl::TraceStyle::Utf8});
    CHECK(utf8.str().find("╱") != std::string::npos);
    CHECK(utf8.str().find("╲") != std::string::npos);
    CHECK(utf8.str().find("│0x0b") != std::string::npos);
    std::ostringstream signed_os;
    rtl::render_trace(sim.trace(), signed_os, {.names = {"a"}, .format = rtl::ValueFormat::Signed});
    CHECK(signed_os.str().find("11") != std::string::npos);
}

TEST_CASE("hex is zero-padded to the width and parsed back from text")
{
    CHECK(rtl::to_hex_string(31) == "0x1f");
    CHECK(rtl::to_hex_string(31, 12) == "0x01f");
    CHECK(rtl::to_hex_string(0, 9) == "0x000");
    CHECK(rtl::to_hex_string(rtl::BigInt(1) << 64, 72) == "0x010000000000000000");
    const rtl::BigInt key = rtl::from_hex("0x000102030405060708090a0b0c0d0e0f");
    CHECK(key == (rtl::BigInt(0x0001020304050607ULL) << 64 | rtl::BigInt(0x08090a0b0c0d0e0fULL)));
    CHECK(rtl::from_hex("DEAD_beef") == 0xdeadbeefULL);
    CHECK_THROWS_WITH(rtl::from_hex("0x12g4"), Catch::Contains("'g' is not a hex digit"));
    CHECK_THROWS_AS(rtl::from_hex("0x"), rtl::ValueError);
    CHECK_THROWS_AS(rtl::from_hex(std::string(300000, 'f')), rtl::ValueError);  // over 2^20 bits
    rtl::BlockScope scope;
    rtl::Const wide(key, 128);
    CHECK(wide.bitwidth() == 128);
    CHECK(wide.value() == key);
}

TEST_CASE("natural order sorts embedded numbers by value")
{
    CHECK(rtl::natural_less("pe[2]", "pe[10]"));
    CHECK_FALSE(rtl::natural_less("pe[10]", "pe[2]"));
    CHECK(rtl::natural_less("a", "b"));
    CHECK(rtl::natural_less("tmp4", "tmp18"));
}

TEST_CASE("write_vcd writes a header initial values and only changes")
{
    rtl::BlockScope scope;
    rtl::Register r(3, "r");
    r.next <<= r + 1;
    rtl::Simulation sim;
    for (int i = 0; i < 3; ++i) sim.step();
    std::ostringstream os;
    rtl::write_vcd(sim.trace(), os, true);
    std::string vcd = os.str();
    INFO(vcd);
    CHECK(vcd.find("$var wire 3") != std::string::npos);
    CHECK(vcd.find("$enddefinitions $end") != std::string::npos);
    CHECK(vcd.find("b000 ") != std::string::npos);
    CHECK(vcd.find("b010 ") != std::string::npos);
    CHECK(vcd.find("#20") != std::string::npos);
    CHECK(vcd.find("#30") != std::string::npos);
}

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
    CHECK(text.find("0xb") != std::string::npos);
    CHECK(text.find(',') != std::string::npos);  // rising edge of c
    CHECK(text.find('.') != std::string::npos);  // falling edge of c
    std::ostringstream utf8;
    rtl::render_trace(sim.trace(), utf8, {.names = {"a", "c"}, .style = rtl::TraceStyle::Utf8});
    CHECK(utf8.str().find("╱") != std::string::npos);
    CHECK(utf8.str().find("╲") != std::string::npos);
    CHECK(utf8.str().find("│0xb") != std::string::npos);
    std::ostringstream signed_os;
    rtl::render_trace(sim.trace(), signed_os, {.names = {"a"}, .format = rtl::ValueFormat::Signed});
    CHECK(signed_os.str().find("11") != std::string::npos);
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

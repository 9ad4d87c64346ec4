// The waveform pictures: write_svg as XML and as rendered pixels, write_wavedrom as JSON.
#include "png_reader.hpp"
#include "rtl/rtl.hpp"
#include "rtl/waveform.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

enum class State { Idle, Busy, Done };

// 8 cycles of a toggling bit, a counter and a state register.
rtl::SimulationTrace make_trace()
{
    rtl::BlockScope scope;
    rtl::Register toggle(1, "toggle"), count(4, "count");
    rtl::Register state("state", {"IDLE", "BUSY", "DONE"});
    toggle.next <<= ~toggle;
    count.next <<= count + 1;
    rtl::when(count == 2, [&] { state.next |= State::Busy; }).elsewhen(count == 6, [&] { state.next |= State::Done; });
    rtl::Output out(1, "out");
    out <<= toggle;
    rtl::Simulation sim;
    for (int i = 0; i < 8; ++i) sim.step();
    return sim.trace();
}

std::string svg_of(const rtl::SimulationTrace& trace, const rtl::RenderOptions& options, const rtl::SvgLayout& layout)
{
    std::ostringstream os;
    rtl::write_svg(trace, os, options, layout);
    return os.str();
}

std::filesystem::path scratch(const std::string& name)
{
    return std::filesystem::path(RTLNET_BINARY_DIR) / "test" / "waveform" / name;
}

}  // namespace

TEST_CASE("write_svg writes well-formed XML with waves, values and state names")
{
    const auto trace = make_trace();
    const std::string svg =
        svg_of(trace, {.names = {"toggle", "count", "state"}, .format = rtl::ValueFormat::Unsigned}, {});
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(svg.find(">clk</text>") != std::string::npos);
    CHECK(svg.find(">toggle</text>") != std::string::npos);
    for (const char* value : {">0</text>", ">5</text>", ">7</text>", ">IDLE</text>", ">BUSY</text>", ">DONE</text>"})
        CHECK(svg.find(value) != std::string::npos);
    REQUIRE(std::string(RTLNET_XMLLINT) != "");
    const auto path = scratch("wellformed.svg");
    std::ofstream(path) << svg;
    CHECK(std::system((std::string(RTLNET_XMLLINT) + " --noout " + path.string()).c_str()) == 0);
}

TEST_CASE("write_svg escapes names and shortens labels that do not fit")
{
    rtl::SimulationTrace trace;
    trace.add_signal({.name = "a<b>&\"c\"", .bitwidth = 32});
    const std::uint64_t v = 0x12345678;
    trace.append(0, &v, 1);
    trace.end_cycle();
    const std::string svg = svg_of(trace, {}, {.cycle_width = 44});
    CHECK(svg.find("a&lt;b&gt;&amp;&quot;c&quot;") != std::string::npos);
    CHECK(svg.find("0x1…</text>") != std::string::npos);  // 44 px: 44 - 6 (slants) - 4 (padding) holds 4 characters
    CHECK(svg.find("<title>a&lt;b&gt;&amp;&quot;c&quot;: 0x12345678 (cycles 0-0)</title>") != std::string::npos);
}

TEST_CASE("write_svg refuses unknown names and empty ranges")
{
    const auto trace = make_trace();
    std::ostringstream os;
    CHECK_THROWS_AS(rtl::write_svg(trace, os, {.names = {"nope"}}), rtl::SimulationError);
    CHECK_THROWS_AS(rtl::write_svg(trace, os, {.first_cycle = 8}), rtl::SimulationError);
    CHECK_THROWS_AS(rtl::write_wavedrom(trace, os, {.names = {"nope"}}), rtl::SimulationError);
}

TEST_CASE("write_svg renders a toggling bit as alternating high and low pixel columns")
{
    REQUIRE(std::string(RTLNET_RSVG_CONVERT) != "");  // scripts/install-deps installs librsvg2-bin
    const auto trace = make_trace();
    // x0 = margin + name_width = 108; cycle c spans [108 + 20c, 128 + 20c); the row starts at y = 8,
    // its high line is at y = 12.5 (pixel row 12), its low line at y = 27.5 (pixel row 27).
    const rtl::SvgLayout layout{
        .cycle_width = 20, .name_width = 100, .row_height = 24, .margin = 8, .clock = false, .ruler = false};
    const auto svg_path = scratch("toggle.svg"), png_path = scratch("toggle.png");
    std::ofstream(svg_path) << svg_of(trace, {.names = {"toggle"}}, layout);
    REQUIRE(std::system(
                (std::string(RTLNET_RSVG_CONVERT) + " -o " + png_path.string() + " " + svg_path.string()).c_str()) ==
            0);
    const test_png::Image image = test_png::read_png(png_path);
    REQUIRE(image.width == 108 + 8 * 20 + 8);
    REQUIRE(image.height == 8 + 24 + 8);
    const auto values = trace.values("toggle");
    REQUIRE(values.size() == 8);
    auto dark = [&](int x, int y) { return image.brightness(x, y) < 500; };
    for (int c = 0; c < 8; ++c) {
        const bool high = values[static_cast<std::size_t>(c)] == 1;
        INFO("cycle " << c << " value " << high);
        for (int x = 108 + 20 * c + 3; x < 108 + 20 * c + 17; ++x) {
            CHECK(dark(x, 12) == high);
            CHECK(dark(x, 27) == !high);
            CHECK_FALSE(dark(x, 20));  // nothing between the levels inside a cycle
        }
        // An edge joins the levels where the value changes.
        if (c > 0) CHECK((dark(108 + 20 * c, 20) || dark(108 + 20 * c - 1, 20)));
    }
    CHECK_FALSE(dark(50, 12));  // the name column has no wave
}

TEST_CASE("write_wavedrom writes WaveDrom JSON")
{
    const auto trace = make_trace();
    std::ostringstream os;
    rtl::write_wavedrom(trace, os, {.names = {"toggle", "count", "state"}, .format = rtl::ValueFormat::Unsigned});
    const auto json = nlohmann::json::parse(os.str());
    const auto& signals = json.at("signal");
    REQUIRE(signals.size() == 4);
    CHECK(signals[0].at("name") == "clk");
    CHECK(signals[0].at("wave") == "p.......");
    CHECK(signals[1].at("name") == "toggle");
    CHECK(signals[1].at("wave") == "01010101");
    CHECK(signals[2].at("wave") == "========");
    CHECK(signals[2].at("data") == nlohmann::json({"0", "1", "2", "3", "4", "5", "6", "7"}));
    CHECK(signals[3].at("wave") == "=..=...=");
    CHECK(signals[3].at("data") == nlohmann::json({"IDLE", "BUSY", "DONE"}));
    CHECK(json.at("head").at("tick") == 0);

    std::ostringstream part;
    rtl::write_wavedrom(trace, part, {.names = {"toggle"}, .first_cycle = 3, .end_cycle = 6});
    const auto cut = nlohmann::json::parse(part.str());
    CHECK(cut.at("signal")[1].at("wave") == "101");
    CHECK(cut.at("head").at("tick") == 3);
}

// Every operator's result width and value, narrow and wide, against BigInt arithmetic.
#include "random_circuit.hpp"
#include "rtl/rtl.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <functional>
#include <random>

using rtl::BigInt;

namespace {

using Build = std::function<rtl::WireVector(const rtl::WireVector&, const rtl::WireVector&)>;
using Reference = std::function<BigInt(const BigInt&, const BigInt&, int, int)>;

// Builds out = build(a, b) for many width pairs in one design (one compile in compiled mode), checks
// each result's width, then compares 40 random cycles against `reference`.
void check_binary(const char* what, const Build& build, const Reference& reference,
                  const std::function<int(int, int)>& expected_width)
{
    std::mt19937_64 rng(std::hash<std::string>{}(what));
    struct Case {
        int wa, wb, width;
        std::string a, b, out;
    };
    std::vector<Case> cases;
    rtl::BlockScope scope;
    for (int wa : {1, 3, 8, 31, 32, 63, 64, 65, 100, 130}) {
        for (int wb : {1, 5, 64, 70}) {
            Case k{wa,
                   wb,
                   0,
                   fmt::format("a_{}_{}", wa, wb),
                   fmt::format("b_{}_{}", wa, wb),
                   fmt::format("out_{}_{}", wa, wb)};
            rtl::Input a(wa, k.a), b(wb, k.b);
            rtl::WireVector result = build(a, b);
            INFO(what << " with widths " << wa << ", " << wb);
            REQUIRE(result.bitwidth() == expected_width(wa, wb));
            k.width = result.bitwidth();
            rtl::Output out(result.bitwidth(), k.out);
            out <<= result;
            cases.push_back(k);
        }
    }
    rtl::Simulation sim(rtl::SimulationOptions{.trace = false});
    for (int i = 0; i < 40; ++i) {
        rtl::InputValues inputs;
        std::vector<std::pair<BigInt, BigInt>> values;
        for (const auto& k : cases) {
            BigInt x = test_tools::random_bits(rng, k.wa), y = test_tools::random_bits(rng, k.wb);
            inputs[k.a] = x;
            inputs[k.b] = y;
            values.emplace_back(x, y);
        }
        sim.step(inputs);
        for (std::size_t c = 0; c < cases.size(); ++c) {
            const auto& [x, y] = values[c];
            BigInt want = rtl::truncate_value(reference(x, y, cases[c].wa, cases[c].wb), cases[c].width);
            INFO(what << " with widths " << cases[c].wa << ", " << cases[c].wb << ": a=" << x << " b=" << y);
            REQUIRE(sim.inspect(cases[c].out) == want);
        }
    }
}

int n(int a, int b)
{
    return std::max(a, b);
}

}  // namespace

TEST_CASE("arithmetic operators follow PyRTL's width rules and values")
{
    check_binary(
        "+", [](auto& a, auto& b) { return a + b; }, [](auto& x, auto& y, int, int) { return x + y; },
        [](int a, int b) { return n(a, b) + 1; });
    check_binary(
        "-", [](auto& a, auto& b) { return a - b; }, [](auto& x, auto& y, int, int) { return x - y; },
        [](int a, int b) { return n(a, b) + 1; });
    check_binary(
        "*", [](auto& a, auto& b) { return a * b; }, [](auto& x, auto& y, int, int) { return x * y; },
        [](int a, int b) { return 2 * n(a, b); });
}

TEST_CASE("bitwise operators and comparisons")
{
    auto same = [](int a, int b) { return n(a, b); };
    auto one = [](int, int) { return 1; };
    check_binary(
        "&", [](auto& a, auto& b) { return a & b; }, [](auto& x, auto& y, int, int) { return x & y; }, same);
    check_binary(
        "|", [](auto& a, auto& b) { return a | b; }, [](auto& x, auto& y, int, int) { return x | y; }, same);
    check_binary(
        "^", [](auto& a, auto& b) { return a ^ b; }, [](auto& x, auto& y, int, int) { return x ^ y; }, same);
    check_binary(
        "nand", [](auto& a, auto& b) { return a.nand(b); },
        [](auto& x, auto& y, int wa, int wb) { return rtl::bitmask(n(wa, wb)) ^ (x & y); }, same);
    check_binary(
        "==", [](auto& a, auto& b) { return a == b; }, [](auto& x, auto& y, int, int) { return BigInt(x == y); }, one);
    check_binary(
        "!=", [](auto& a, auto& b) { return a != b; }, [](auto& x, auto& y, int, int) { return BigInt(x != y); }, one);
    check_binary(
        "<", [](auto& a, auto& b) { return a < b; }, [](auto& x, auto& y, int, int) { return BigInt(x < y); }, one);
    check_binary(
        "<=", [](auto& a, auto& b) { return a <= b; }, [](auto& x, auto& y, int, int) { return BigInt(x <= y); }, one);
    check_binary(
        ">", [](auto& a, auto& b) { return a > b; }, [](auto& x, auto& y, int, int) { return BigInt(x > y); }, one);
    check_binary(
        ">=", [](auto& a, auto& b) { return a >= b; }, [](auto& x, auto& y, int, int) { return BigInt(x >= y); }, one);
}

TEST_CASE("signed helpers use two's complement")
{
    auto s = [](const BigInt& v, int w) { return rtl::val_to_signed_integer(v, w); };
    check_binary(
        "signed_add", [](auto& a, auto& b) { return rtl::signed_add(a, b); },
        [&](auto& x, auto& y, int wa, int wb) { return s(x, wa) + s(y, wb); },
        [](int a, int b) { return n(a, b) + 1; });
    check_binary(
        "signed_sub", [](auto& a, auto& b) { return rtl::signed_sub(a, b); },
        [&](auto& x, auto& y, int wa, int wb) { return s(x, wa) - s(y, wb); },
        [](int a, int b) { return n(a, b) + 1; });
    check_binary(
        "signed_mult", [](auto& a, auto& b) { return rtl::signed_mult(a, b); },
        [&](auto& x, auto& y, int wa, int wb) { return s(x, wa) * s(y, wb); }, [](int a, int b) { return a + b; });
    check_binary(
        "signed_lt", [](auto& a, auto& b) { return rtl::signed_lt(a, b); },
        [&](auto& x, auto& y, int wa, int wb) { return BigInt(s(x, wa) < s(y, wb)); }, [](int, int) { return 1; });
    check_binary(
        "signed_ge", [](auto& a, auto& b) { return rtl::signed_ge(a, b); },
        [&](auto& x, auto& y, int wa, int wb) { return BigInt(s(x, wa) >= s(y, wb)); }, [](int, int) { return 1; });
    check_binary(
        "signed_gt", [](auto& a, auto& b) { return rtl::signed_gt(a, b); },
        [&](auto& x, auto& y, int wa, int wb) { return BigInt(s(x, wa) > s(y, wb)); }, [](int, int) { return 1; });
    check_binary(
        "signed_le", [](auto& a, auto& b) { return rtl::signed_le(a, b); },
        [&](auto& x, auto& y, int wa, int wb) { return BigInt(s(x, wa) <= s(y, wb)); }, [](int, int) { return 1; });
}

TEST_CASE("shifts by wires behave like shifts by constants")
{
    check_binary(
        "<< wire", [](auto& a, auto& b) { return a << b; },
        [](auto& x, auto& y, int, int) { return y >= 4096 ? BigInt(0) : BigInt(x << static_cast<unsigned>(y)); },
        [](int a, int) { return a; });
    check_binary(
        ">> wire", [](auto& a, auto& b) { return a >> b; },
        [](auto& x, auto& y, int, int) { return y >= 4096 ? BigInt(0) : BigInt(x >> static_cast<unsigned>(y)); },
        [](int a, int) { return a; });
    check_binary(
        "shift_right_arithmetic", [](auto& a, auto& b) { return rtl::shift_right_arithmetic(a, b); },
        [](auto& x, auto& y, int wa, int) {
            BigInt sx = rtl::val_to_signed_integer(x, wa);
            unsigned amount = y >= BigInt(wa) ? static_cast<unsigned>(wa) : static_cast<unsigned>(y);
            return sx < 0 ? BigInt(-((-sx - 1) >> amount) - 1) : BigInt(sx >> amount);
        },
        [](int a, int) { return a; });
}

TEST_CASE("slicing concatenation and extension")
{
    rtl::BlockScope scope;
    rtl::Input a(8, "a");
    rtl::Input wide(100, "wide");
    CHECK(a[0].bitwidth() == 1);
    CHECK(a(7, 4).bitwidth() == 4);
    rtl::Output lsb(1, "lsb"), msb(1, "msb"), high(4, "high"), cat(12, "cat"), sx(12, "sx"), zx(12, "zx");
    rtl::Output wide_slice(40, "wide_slice"), rev(8, "rev");
    lsb <<= a[0];
    msb <<= a[-1];
    high <<= a(7, 4);
    cat <<= rtl::concat(a(3, 0), a);
    sx <<= a.sign_extended(12);
    zx <<= a.zero_extended(12);
    wide_slice <<= wide(99, 60);
    rev <<= a.select_bits({7, 6, 5, 4, 3, 2, 1, 0});
    rtl::Simulation sim;
    BigInt big = (BigInt(0xABCDE) << 80) | 12345;
    sim.step({{"a", 0xA5}, {"wide", big}});
    CHECK(sim.inspect("lsb") == 1);
    CHECK(sim.inspect("msb") == 1);
    CHECK(sim.inspect("high") == 0xA);
    CHECK(sim.inspect("cat") == 0x5A5);
    CHECK(sim.inspect("sx") == 0xFA5);
    CHECK(sim.inspect("zx") == 0x0A5);
    CHECK(sim.inspect("wide_slice") == (big >> 60));
    CHECK(sim.inspect("rev") == 0xA5);  // 1010'0101 reversed is 1010'0101
    CHECK_THROWS_AS(a[8], rtl::WidthError);
    CHECK_THROWS_AS(a(2, 5), rtl::WidthError);
    CHECK_THROWS_AS(a.truncate(9), rtl::WidthError);
    CHECK_THROWS_AS(a.zero_extended(4), rtl::WidthError);
}

TEST_CASE("connections truncate and zero-extend constants must fit")
{
    rtl::BlockScope scope;
    rtl::Input a(8, "a");
    rtl::Output narrow(4, "narrow"), widened(12, "widened");
    narrow <<= a;
    widened <<= a;
    rtl::WireVector inferred;
    inferred <<= a + 1;
    CHECK(inferred.bitwidth() == 9);
    rtl::Output o(4, "o");
    CHECK_THROWS_AS(o <<= 0x1F3, rtl::WidthError);
    o <<= 15;
    rtl::Simulation sim;
    sim.step({{"a", 0xAB}});
    CHECK(sim.inspect("narrow") == 0xB);
    CHECK(sim.inspect("widened") == 0xAB);
    CHECK(sim.inspect("o") == 15);
}

TEST_CASE("mux select and reductions")
{
    rtl::BlockScope scope;
    rtl::Input sel(3, "sel"), bit(1, "bit"), x(8, "x");
    rtl::Output m(8, "m"), s(8, "s"), any(1, "any"), all(1, "all"), parity(1, "parity");
    m <<= rtl::mux(sel, {1, 2, 3}, 0);
    s <<= rtl::select(bit, x, 7);
    any <<= rtl::or_all_bits(x);
    all <<= rtl::and_all_bits(x);
    parity <<= rtl::xor_all_bits(x);
    rtl::Simulation sim;
    std::vector<int> expected_mux = {1, 2, 3, 0, 0, 0, 0, 0};
    for (int i = 0; i < 8; ++i) {
        sim.step({{"sel", i}, {"bit", i % 2}, {"x", i == 7 ? 255 : i * 3}});
        CHECK(sim.inspect("m") == expected_mux[static_cast<std::size_t>(i)]);
        CHECK(sim.inspect("s") == (i % 2 ? (i == 7 ? 255 : i * 3) : 7));
        int v = i == 7 ? 255 : i * 3;
        CHECK(sim.inspect("any") == (v != 0));
        CHECK(sim.inspect("all") == (v == 255));
        CHECK(sim.inspect("parity") == (__builtin_popcount(static_cast<unsigned>(v)) % 2));
    }
    CHECK_THROWS_AS(rtl::mux(sel, {1, 2, 3}), rtl::WidthError);
    CHECK_THROWS_AS(rtl::select(x, 1, 2), rtl::WidthError);
}

TEST_CASE("WireStruct and WireMatrix pack the first field or element into the MSBs")
{
    rtl::BlockScope scope;
    rtl::Input r(8, "r"), g(8, "g"), b(8, "b"), word(24, "word");
    rtl::WireStruct pixel({{"r", 8}, {"g", 8}, {"b", 8}}, "pixel", {{"r", r}, {"g", g}, {"b", b}});
    rtl::WireStruct unpacked({{"high", 4}, {"low", 20}}, "unpacked", word);
    rtl::WireMatrix bytes(8, 3, "bytes", word);
    rtl::WireMatrix packed(4, "packed", {r(3, 0), g(3, 0)});
    rtl::Output o1(24, "o1"), o2(4, "o2"), o3(8, "o3"), o4(8, "o4");
    o1 <<= pixel.value();
    o2 <<= unpacked["high"];
    o3 <<= bytes[0];
    o4 <<= packed.value();
    rtl::Simulation sim;
    sim.step({{"r", 0x12}, {"g", 0x34}, {"b", 0x56}, {"word", 0xABCDEF}});
    CHECK(sim.inspect("o1") == 0x123456);
    CHECK(sim.inspect("o2") == 0xA);
    CHECK(sim.inspect("o3") == 0xAB);
    CHECK(sim.inspect("o4") == 0x24);
    CHECK(sim.inspect("pixel.g") == 0x34);
    CHECK(sim.inspect("bytes[2]") == 0xEF);
    CHECK_THROWS_AS(unpacked["nope"], rtl::ConnectionError);
    CHECK_THROWS_AS(rtl::WireStruct({{"x", 4}}, "bad", {{"y", r}}), rtl::ConnectionError);
    CHECK_THROWS_AS(rtl::WireMatrix(8, 2, "short", word), rtl::WidthError);
}

// Constant inference and value conversion, checked against PyRTL's documented cases.
#include "rtl/error.hpp"
#include "rtl/value.hpp"

#include <catch2/catch.hpp>

using rtl::BigInt;

TEST_CASE("infer_val_and_bitwidth matches PyRTL for unsigned and signed values")
{
    auto width = [](long long v, bool s = false) {
        return rtl::infer_val_and_bitwidth(BigInt(v), std::nullopt, s).bitwidth;
    };
    CHECK(width(0) == 1);
    CHECK(width(1) == 1);
    CHECK(width(2) == 2);
    CHECK(width(3) == 2);
    CHECK(width(4) == 3);
    CHECK(width(0, true) == 1);
    CHECK(width(1, true) == 2);
    CHECK(width(2, true) == 3);
    CHECK(width(3, true) == 3);
    CHECK(width(4, true) == 4);
    CHECK(width(5, true) == 4);
    CHECK(width(-1, true) == 1);
    CHECK(width(-2, true) == 2);
    CHECK(width(-3, true) == 3);
    CHECK(width(-4, true) == 3);
    CHECK(width(-5, true) == 4);
    auto enc = rtl::infer_val_and_bitwidth(BigInt(-3), 5);
    CHECK(enc.value == 29);
    CHECK(enc.bitwidth == 5);
    CHECK(rtl::infer_val_and_bitwidth(BigInt(-5), std::nullopt, true).value == 11);
    CHECK(rtl::infer_val_and_bitwidth(BigInt(-1), 5).value == 31);
    CHECK_THROWS_AS(rtl::infer_val_and_bitwidth(BigInt(-4)), rtl::ValueError);
    CHECK_THROWS_AS(rtl::infer_val_and_bitwidth(BigInt(5), 2), rtl::WidthError);
    CHECK_THROWS_AS(rtl::infer_val_and_bitwidth(BigInt(-4), 2), rtl::WidthError);
    CHECK_THROWS_AS(rtl::infer_val_and_bitwidth(BigInt(1), 0), rtl::WidthError);
}

TEST_CASE("Verilog-style literals parse as in PyRTL")
{
    auto parse = [](const char* s) { return rtl::parse_verilog_literal(s); };
    CHECK(parse("1'1").value == 1);
    CHECK(parse("5'3").bitwidth == 5);
    CHECK(parse("5'b11").value == 3);
    CHECK(parse("-5'b11").value == 29);
    CHECK(parse("16'xff").value == 255);
    CHECK(parse("16'HFF").value == 255);
    CHECK(parse("5'b0_11").value == 3);
    CHECK(parse("5'02_1").value == 21);
    CHECK(parse("8'B 0110_1100").value == 108);
    for (const char* bad :
         {"1", "-1", "1bx", "1'bx", "1'z0", "1'b10", "4'h12", "-'h1", "'", "'1", "1'", "-2'b10", "-8'd200"})
        CHECK_THROWS_AS(parse(bad), rtl::ValueError);
    CHECK_THROWS_AS(rtl::parse_verilog_literal("2'b01", 3), rtl::WidthError);
}

TEST_CASE("val_to_signed_integer reinterprets two's complement bits")
{
    CHECK(rtl::val_to_signed_integer(7, 3) == -1);
    CHECK(rtl::val_to_signed_integer(3, 3) == 3);
    CHECK(rtl::val_to_signed_integer(4, 3) == -4);
    CHECK(rtl::val_to_signed_integer(0x80, 8) == -128);
    BigInt wide = BigInt(1) << 99;
    CHECK(rtl::val_to_signed_integer(wide, 100) == -wide);
    CHECK(rtl::truncate_value(-1, 3) == 7);
    CHECK(rtl::truncate_value(9, 3) == 1);
}

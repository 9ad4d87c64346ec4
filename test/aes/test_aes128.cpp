// The AES-128 example core against published known answers (FIPS-197, NIST SP 800-38A, and blocks
// encrypted by OpenSSL), in both simulation modes, and its emitted Verilog under Verilator and Icarus.
#include "aes128.hpp"
#include "verilog_tools.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

namespace {

struct KnownAnswer {
    const char* key;
    const char* plaintext;
    const char* ciphertext;
};

const std::vector<KnownAnswer> kKnownAnswers = {
    // FIPS-197 Appendix C.1 and Appendix B.
    {"000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff", "69c4e0d86a7b0430d8cdb78070b4c55a"},
    {"2b7e151628aed2a6abf7158809cf4f3c", "3243f6a8885a308d313198a2e0370734", "3925841d02dc09fbdc118597196a0b32"},
    // NIST SP 800-38A F.1.1 (ECB-AES128.Encrypt), blocks 1 to 4.
    {"2b7e151628aed2a6abf7158809cf4f3c", "6bc1bee22e409f96e93d7e117393172a", "3ad77bb40d7a3660a89ecaf32466ef97"},
    {"2b7e151628aed2a6abf7158809cf4f3c", "ae2d8a571e03ac9c9eb76fac45af8e51", "f5d3d58503b9699de785895a96fdbaaf"},
    {"2b7e151628aed2a6abf7158809cf4f3c", "30c81c46a35ce411e5fbc1191a0a52ef", "43b1cd7f598ece23881b00e3ed030688"},
    {"2b7e151628aed2a6abf7158809cf4f3c", "f69f2445df4f9b17ad2b417be66c3710", "7b0c785e27e8ad3f8223207104725dd4"},
    // All zeros, and random blocks encrypted with `openssl enc -aes-128-ecb -nopad`.
    {"00000000000000000000000000000000", "00000000000000000000000000000000", "66e94bd4ef8a2c3b884cfa59ca342b2e"},
    {"38885c5367663b299c0b03469d22ad9e", "4bf400ecbfb28ebd7482f34aaf9e33e0", "04bb6f3c04e44f6172819a8edc3472d4"},
    {"0c3e7082cfb2f816905b5e73a0b5f037", "b022a13eac9b0c82c6e4f6d5d140e187", "bcd81e5bb03ce4b964b9bf1a0d9d3cee"},
    {"070e63874c650f2b3ee9dbedd46686af", "8fd8be702c603cc88ecdc1b77d41c5b1", "c84c324a9921b396cb2cc5e788719e98"},
};

std::vector<aes128::BlockInput> known_inputs()
{
    std::vector<aes128::BlockInput> blocks;
    for (const KnownAnswer& k : kKnownAnswers)
        blocks.push_back({aes128::parse_block(k.key), aes128::parse_block(k.plaintext)});
    return blocks;
}

const char* mode_name(rtl::SimulationMode mode)
{
    return mode == rtl::SimulationMode::Compiled ? "compiled" : "interpreter";
}

}  // namespace

TEST_CASE("the S-box the AES core computes is the table of FIPS-197 Figure 7")
{
    // FIPS-197 Figure 7, row x, column y at index 16x + y.
    const std::array<std::uint8_t, 256> figure7 = {
        0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76, 0xca, 0x82,
        0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0, 0xb7, 0xfd, 0x93, 0x26,
        0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15, 0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96,
        0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75, 0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0,
        0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84, 0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb,
        0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf, 0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f,
        0x50, 0x3c, 0x9f, 0xa8, 0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff,
        0xf3, 0xd2, 0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
        0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb, 0xe0, 0x32,
        0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79, 0xe7, 0xc8, 0x37, 0x6d,
        0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08, 0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6,
        0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a, 0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e,
        0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e, 0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e,
        0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf, 0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f,
        0xb0, 0x54, 0xbb, 0x16};
    CHECK(aes128::sbox() == figure7);
}

TEST_CASE("AES-128 core: FIPS-197 and SP 800-38A known answers in both simulation modes", "[both-modes]")
{
    for (const auto mode : {rtl::SimulationMode::Interpreter, rtl::SimulationMode::Compiled}) {
        INFO("simulation: " << mode_name(mode));
        rtl::BlockScope scope;
        aes128::build_core_with_ports();
        rtl::Simulation sim(scope.block(), {.mode = mode, .trace = false});
        REQUIRE(sim.is_compiled() == (mode == rtl::SimulationMode::Compiled));
        const std::vector<rtl::BigInt> ciphertexts = aes128::encrypt(sim, known_inputs());
        REQUIRE(ciphertexts.size() == kKnownAnswers.size());
        for (std::size_t i = 0; i < kKnownAnswers.size(); ++i) {
            INFO("key " << kKnownAnswers[i].key << " plaintext " << kKnownAnswers[i].plaintext);
            CHECK(aes128::format_block(ciphertexts[i]) == kKnownAnswers[i].ciphertext);
        }
    }
}

TEST_CASE("AES-128 core protocol: done after 11 cycles and held; start ignored while busy", "[both-modes]")
{
    for (const auto mode : {rtl::SimulationMode::Interpreter, rtl::SimulationMode::Compiled}) {
        INFO("simulation: " << mode_name(mode));
        rtl::BlockScope scope;
        aes128::build_core_with_ports();
        rtl::Simulation sim(scope.block(), {.mode = mode, .trace = false});
        const KnownAnswer& a = kKnownAnswers[0];
        const KnownAnswer& b = kKnownAnswers[1];
        sim.step({{"key", 0}, {"plaintext", 0}, {"start", 0}});
        CHECK(sim.inspect_u64("ready") == 1);
        CHECK(sim.inspect_u64("done") == 0);
        // Start in cycle 1; another start with other inputs 4 cycles later must change nothing.
        sim.step({{"key", aes128::parse_block(a.key)}, {"plaintext", aes128::parse_block(a.plaintext)}, {"start", 1}});
        for (int cycle = 1; cycle < aes128::kLatencyCycles; ++cycle) {
            const bool restart = cycle == 4;
            if (restart)
                sim.step({{"key", aes128::parse_block(b.key)},
                          {"plaintext", aes128::parse_block(b.plaintext)},
                          {"start", 1}});
            else sim.step({{"start", 0}});
            INFO("cycle " << cycle << " after start");
            CHECK(sim.inspect_u64("done") == 0);
            CHECK(sim.inspect_u64("ready") == 0);
        }
        sim.step({{"start", 0}});
        CHECK(sim.inspect_u64("done") == 1);
        CHECK(sim.inspect_u64("ready") == 1);
        CHECK(aes128::format_block(sim.inspect("ciphertext")) == a.ciphertext);
        sim.step_many(20);  // the result stays until the next start
        CHECK(sim.inspect_u64("done") == 1);
        CHECK(aes128::format_block(sim.inspect("ciphertext")) == a.ciphertext);
        // A start in the cycle done is seen is accepted at once (one block every 11 cycles when held).
        const std::uint64_t first = sim.cycle();
        sim.step({{"key", aes128::parse_block(b.key)}, {"plaintext", aes128::parse_block(b.plaintext)}, {"start", 1}});
        const std::uint64_t steps = sim.run_until("done", 40, {{"start", 0}});
        CHECK(sim.cycle() - first == static_cast<std::uint64_t>(aes128::kLatencyCycles) + 1);
        CHECK(steps == static_cast<std::uint64_t>(aes128::kLatencyCycles));
        CHECK(aes128::format_block(sim.inspect("ciphertext")) == b.ciphertext);
    }
}

TEST_CASE("AES-128 block text: 32 hex digits either way and a typed error otherwise")
{
    CHECK(aes128::parse_block("0x00112233 44556677 8899AABB CCDDEEFF") ==
          aes128::parse_block("00112233445566778899aabbccddeeff"));
    CHECK(aes128::format_block(aes128::parse_block("000102030405060708090a0b0c0d0e0f")) ==
          "000102030405060708090a0b0c0d0e0f");
    CHECK(aes128::parse_block("000000000000000000000000000000ff") == 255);
    CHECK_THROWS_AS(aes128::parse_block("0011"), rtl::ValueError);
    CHECK_THROWS_AS(aes128::parse_block("00112233445566778899aabbccddeeff00"), rtl::ValueError);
    CHECK_THROWS_AS(aes128::parse_block("00112233445566778899aabbccddeefg"), rtl::ValueError);
    CHECK_THROWS_WITH(aes128::parse_block("xyz"), Catch::Contains("'xyz' is not a 128-bit block"));
    CHECK_THROWS_AS(aes128::format_block(rtl::BigInt(1) << 128), rtl::ValueError);
    rtl::BlockScope scope;
    rtl::Input narrow(64, "key"), plaintext(128, "plaintext"), start(1, "start");
    CHECK_THROWS_AS(aes128::build_core(narrow, plaintext, start), rtl::WidthError);
}

TEST_CASE("AES-128 core as Verilog: lint-clean and Verilator and Icarus give the simulated ciphertexts", "[verilator]")
{
    rtl::BlockScope scope;
    aes128::build_core_with_ports();
    rtl::Simulation sim(scope.block(), {.mode = rtl::SimulationMode::Interpreter});
    // The known answers and random blocks, with a start pulse while busy now and then.
    std::vector<aes128::BlockInput> blocks = known_inputs();
    std::mt19937_64 rng(128);
    auto random_block = [&rng] { return (rtl::BigInt(rng()) << 64) | rtl::BigInt(rng()); };
    for (int i = 0; i < 6; ++i) blocks.push_back({random_block(), random_block()});
    std::ostringstream expected;
    auto record = [&] {
        expected << sim.inspect_u64("done") << ' ' << sim.inspect_u64("ready") << ' '
                 << aes128::format_block(sim.inspect("ciphertext")) << '\n';
    };
    std::vector<std::string> simulated;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        sim.step({{"key", blocks[i].key}, {"plaintext", blocks[i].plaintext}, {"start", 1}});
        record();
        for (int cycle = 1; cycle <= aes128::kLatencyCycles; ++cycle) {
            sim.step(
                {{"key", random_block()}, {"plaintext", random_block()}, {"start", cycle == 3 && i % 2 == 0 ? 1 : 0}});
            record();
        }
        REQUIRE(sim.inspect_u64("done") == 1);
        simulated.push_back(aes128::format_block(sim.inspect("ciphertext")));
    }
    for (std::size_t i = 0; i < kKnownAnswers.size(); ++i) CHECK(simulated[i] == kKnownAnswers[i].ciphertext);

    const auto dir = test_tools::scratch_dir("aes128_verilog");
    std::ostringstream module, bench;
    rtl::output_to_verilog(module, scope.block(), {.module_name = "aes128"});
    rtl::output_verilog_testbench(
        bench, sim.trace(), scope.block(),
        {.module_name = "aes128", .cmd = "$display(\"%0d %0d %h\", done, ready, ciphertext);"});
    test_tools::write_file(dir / "aes128.v", module.str());
    test_tools::write_file(dir / "tb.v", bench.str());
    const auto lint = test_tools::verilator_lint(dir / "aes128.v", "aes128");
    INFO(lint.output);
    CHECK(lint.exit_code == 0);
    CHECK(lint.output.find("%Warning") == std::string::npos);

    // Keep the testbench's lines ("<done> <ready> <32 hex digits>") and drop the tools' own messages.
    auto lines_of = [](const std::string& output) {
        std::istringstream in(output);
        std::string line, kept;
        while (std::getline(in, line))
            if (line.size() == 36 && line[1] == ' ' && line[3] == ' ') kept += line + '\n';
        return kept;
    };
    const auto verilator = test_tools::verilator_run(dir, dir / "tb.v", dir / "aes128.v");
    INFO(verilator.output.substr(0, 3000));
    REQUIRE(verilator.exit_code == 0);
    CHECK(lines_of(verilator.output) == expected.str());
    const auto icarus = test_tools::iverilog_run(dir, dir / "tb.v", dir / "aes128.v");
    INFO(icarus.output.substr(0, 3000));
    REQUIRE(icarus.exit_code == 0);
    CHECK(lines_of(icarus.output) == expected.str());
}

// aes128: builds the AES-128 core of aes128.hpp, simulates it with rtlnet and encrypts FIPS-197's
// example blocks (Appendix B and C.1), or a block given on the command line.
//   aes128 [--simulation interpreter|compiled] [--key HEX --plaintext HEX] [--rounds] [--verilog FILE]
// --rounds prints the state at the start of every round, as FIPS-197's appendices list it.
#include "aes128.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fstream>
#include <iostream>

namespace {

struct Example {
    const char* source;
    const char* key;
    const char* plaintext;
    const char* ciphertext;
};

// The published examples: FIPS-197 Appendix B (the cipher example) and Appendix C.1 (AES-128).
constexpr Example kExamples[] = {
    {"FIPS-197 Appendix B", "2b7e151628aed2a6abf7158809cf4f3c", "3243f6a8885a308d313198a2e0370734",
     "3925841d02dc09fbdc118597196a0b32"},
    {"FIPS-197 Appendix C.1", "000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff",
     "69c4e0d86a7b0430d8cdb78070b4c55a"},
};

// One block, cycle by cycle: the state at the start of each round and the round key it is given
// (FIPS-197 Appendix B and C list the same lines).
void print_rounds(rtl::Simulation& sim, const aes128::BlockInput& block)
{
    sim.step({{"key", block.key}, {"plaintext", block.plaintext}, {"start", 1}});
    sim.step({{"start", 0}});
    while (sim.inspect_u64("done") == 0) {
        const std::uint64_t round = sim.inspect_u64("aes_round");
        fmt::print("  round[{:2}].start  {}\n  round[{:2}].k_sch  {}\n", round,
                   aes128::format_block(sim.inspect("aes_state")), round,
                   aes128::format_block(sim.inspect("aes_key_schedule")));
        sim.step();
    }
    fmt::print("  round[10].output {}\n", aes128::format_block(sim.inspect("ciphertext")));
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app("Encrypt with an AES-128 core built and simulated by rtlnet");
    std::string simulation = "interpreter", key, plaintext, verilog;
    bool rounds = false;
    app.add_option("--simulation", simulation, "interpreter or compiled")
        ->capture_default_str()
        ->check(CLI::IsMember({"interpreter", "compiled"}));
    app.add_option("--key", key, "a 128-bit key as 32 hex digits, byte 0 first (with --plaintext)");
    app.add_option("--plaintext", plaintext, "a block to encrypt as 32 hex digits (with --key)");
    app.add_flag("--rounds", rounds, "print the state at the start of every round");
    app.add_option("--verilog", verilog, "also write the core as Verilog (module aes128) to this file");
    CLI11_PARSE(app, argc, argv);

    try {
        if (key.empty() != plaintext.empty()) {
            std::cerr << "error: --key and --plaintext go together\n";
            return 2;
        }
        std::vector<Example> examples(std::begin(kExamples), std::end(kExamples));
        if (!key.empty()) examples = {{"your block", key.c_str(), plaintext.c_str(), nullptr}};
        std::vector<aes128::BlockInput> blocks;
        for (const Example& e : examples)
            blocks.push_back({aes128::parse_block(e.key), aes128::parse_block(e.plaintext)});

        aes128::build_core_with_ports();
        rtl::Simulation sim(
            {.mode = simulation == "compiled" ? rtl::SimulationMode::Compiled : rtl::SimulationMode::Interpreter,
             .trace = false});
        const std::vector<rtl::BigInt> ciphertexts = aes128::encrypt(sim, blocks);
        bool all_match = true;
        for (std::size_t i = 0; i < examples.size(); ++i) {
            const std::string got = aes128::format_block(ciphertexts[i]);
            fmt::print("{}\n  key        {}\n  plaintext  {}\n  ciphertext {}", examples[i].source,
                       aes128::format_block(blocks[i].key), aes128::format_block(blocks[i].plaintext), got);
            if (examples[i].ciphertext) {
                const bool match = got == examples[i].ciphertext;
                all_match = all_match && match;
                fmt::print(" ({})",
                           match ? "as published" : fmt::format("MISMATCH: published {}", examples[i].ciphertext));
            }
            fmt::print("\n");
            if (rounds) print_rounds(sim, blocks[i]);
        }
        fmt::print("{} cycles per block (simulation: {})\n", aes128::kLatencyCycles + 1,
                   sim.is_compiled() ? "compiled" : "interpreter");
        if (!verilog.empty()) {
            std::ofstream out(verilog);
            rtl::output_to_verilog(out, rtl::working_block(), {.module_name = "aes128"});
            if (!out.flush()) {
                std::cerr << "error: cannot write " << verilog << "\n";
                return 1;
            }
            fmt::print("Wrote {}\n", verilog);
        }
        return all_match ? 0 : 1;
    } catch (const rtl::ValueError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    } catch (const rtl::Error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}

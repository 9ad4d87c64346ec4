#pragma once
// Random circuits for differential testing: ops of every kind, registers, memories, ROMs, wide values and
// conditional assignments, built through the public API so PyRTL's width rules apply.

#include "rtl/rtl.hpp"

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace test_tools {

struct RandomCircuit {
    std::vector<std::pair<std::string, int>> inputs;  // name, bitwidth
    std::vector<std::string> outputs;
    std::map<std::string, std::map<std::uint64_t, rtl::BigInt>> memory_init;
};

/// Adds one random circuit to the working block; every name starts with `prefix`.
RandomCircuit add_random_circuit(std::mt19937_64& rng, const std::string& prefix, int num_ops = 14, int max_width = 96);

/// Many random circuits in one block, simulated by rtlnet: the expected output lines ("name hexvalue",
/// one per output per cycle) with the Verilog module and a testbench that prints the same lines.
struct DifferentialBatch {
    std::string expected, module, testbench;
};
DifferentialBatch make_differential_batch(std::uint64_t seed, int circuits, int cycles,
                                          rtl::SimulationMode mode = rtl::SimulationMode::Interpreter);

/// The lines of a simulator's output that are circuit outputs (as printed by the testbench).
std::string output_lines(const std::string& text);

/// "identical", or the first differing line (which names the circuit and output).
std::string first_difference(const std::string& want, const std::string& got);

/// A random value of `bits` bits, biased towards edge values.
rtl::BigInt random_bits(std::mt19937_64& rng, int bits);

}  // namespace test_tools

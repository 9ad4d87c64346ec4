#include "random_circuit.hpp"

#include <sstream>

namespace test_tools {

using rtl::BigInt;
using rtl::WireVector;

BigInt random_bits(std::mt19937_64& rng, int bits)
{
    BigInt v = 0;
    for (int i = 0; i < bits; i += 64) v = (v << 64) | BigInt(rng());
    switch (rng() % 8) {
    case 0: return 0;
    case 1: return rtl::bitmask(bits);
    case 2: return BigInt(1) << (bits - 1);
    default: return v & rtl::bitmask(bits);
    }
}

RandomCircuit add_random_circuit(std::mt19937_64& rng, const std::string& prefix, int num_ops, int max_width)
{
    RandomCircuit circuit;
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    auto width = [&]() {
        switch (pick(4)) {
        case 0: return 1 + pick(4);
        case 1: return 1 + pick(16);
        case 2: return 1 + pick(64);
        default: return 1 + pick(max_width);
        }
    };
    std::vector<WireVector> pool;
    auto any = [&]() { return pool[static_cast<std::size_t>(pick(static_cast<int>(pool.size())))]; };
    auto recent = [&]() {
        int n = static_cast<int>(pool.size());
        return pool[static_cast<std::size_t>(n - 1 - pick(std::min(n, 4)))];
    };
    auto bit = [&]() { return any()[pick(any().bitwidth()) % 1]; };
    auto cap = [&](WireVector w) { return w.bitwidth() > max_width ? w.truncate(max_width) : w; };
    int names = 0;
    auto name = [&](const char* kind) { return prefix + kind + std::to_string(names++); };

    for (int i = 0, n = 1 + pick(3); i < n; ++i) {
        rtl::Input in(width(), name("in"));
        circuit.inputs.emplace_back(in.name(), in.bitwidth());
        pool.push_back(in);
    }
    pool.push_back(rtl::Const(random_bits(rng, 1 + pick(70)), 0));
    std::vector<rtl::Register> registers;
    for (int i = 0, n = pick(3); i < n; ++i) {
        int w = width();
        rtl::Register r(w, name("reg"), random_bits(rng, w));
        registers.push_back(r);
        pool.push_back(r);
    }

    for (int op = 0; op < num_ops; ++op) {
        WireVector a = op % 2 ? recent() : any(), b = any();
        WireVector result = a;
        switch (pick(20)) {
        case 0: result = a + b; break;
        case 1: result = a - b; break;
        case 2: result = cap(a * b); break;
        case 3: result = a & b; break;
        case 4: result = a | b; break;
        case 5: result = a ^ b; break;
        case 6: result = rtl::concat(a<b, a> b, a == b, a <= b, a != b); break;
        case 7: result = ~a; break;
        case 8: {
            int hi = pick(a.bitwidth()), lo = pick(hi + 1);
            result = a(hi, lo);
            break;
        }
        case 9: result = cap(rtl::concat(a, b, rtl::Const(pick(8), 3))); break;
        case 10: result = rtl::select(b[pick(b.bitwidth())], a, recent()); break;
        case 11:
            result = b.bitwidth() >= 2 ? rtl::mux(b(1, 0), {a, any(), recent(), 5}) : rtl::mux(b, {a, recent()});
            break;
        case 12: result = cap(rtl::signed_mult(a, b)); break;
        case 13: result = rtl::concat(rtl::signed_lt(a, b), rtl::signed_ge(a, b), rtl::signed_add(a, b)[0]); break;
        case 14: result = cap(a.sign_extended(a.bitwidth() + pick(40))); break;
        case 15: result = a >> b(std::min(b.bitwidth(), 7) - 1, 0); break;
        case 16: {  // a memory with one read and one write port, random initial contents
            int aw = 1 + pick(4), dw = width();
            rtl::MemBlock mem(dw, aw, name("mem"));
            auto& init = circuit.memory_init[mem.name()];
            for (std::uint64_t addr = 0; addr < (std::uint64_t{1} << aw); ++addr) init[addr] = random_bits(rng, dw);
            mem[a.truncate(std::min(a.bitwidth(), aw))] <<=
                rtl::EnabledWrite{b.truncate(std::min(b.bitwidth(), dw)), bit()};
            WireVector raddr = recent();
            result = mem[raddr.truncate(std::min(raddr.bitwidth(), aw))];
            break;
        }
        case 17: {
            int aw = 1 + pick(3), dw = width();
            std::vector<BigInt> data;
            for (int i = 0; i < (1 << aw) - pick(2); ++i) data.push_back(random_bits(rng, dw));
            rtl::RomBlock rom(dw, aw, data, name("rom"));
            result = rom[a.truncate(std::min(a.bitwidth(), aw))];
            break;
        }
        case 18: {  // conditional assignment of a wire
            WireVector w(std::max(a.bitwidth(), b.bitwidth()), name("cond"));
            rtl::when(a[0], [&] { w |= b; }).elsewhen(b[-1], [&] { w |= a; });
            result = w;
            break;
        }
        default: result = rtl::signed_sub(a, b); break;
        }
        // Some intermediate values get names: simulation must keep those exactly, export may narrow them.
        if (result.name().starts_with("tmp") && pick(4) == 0) result.rename(name("w"));
        pool.push_back(result);
    }
    for (auto& r : registers) {
        if (pick(2)) r.next <<= any();
        else rtl::when(any()[0], [&] { r.next |= recent(); });
    }
    for (int i = 0, n = 1 + pick(3); i < n; ++i) {
        WireVector src = i == 0 ? pool.back() : any();
        rtl::Output out(src.bitwidth(), name("out"));
        out <<= src;
        circuit.outputs.push_back(out.name());
    }
    for (const auto& r : registers) {
        rtl::Output out(r.bitwidth(), name("out"));
        out <<= r;
        circuit.outputs.push_back(out.name());
    }
    return circuit;
}

DifferentialBatch make_differential_batch(std::uint64_t seed, int count, int cycles, rtl::SimulationMode mode)
{
    rtl::BlockScope scope;
    std::mt19937_64 rng(seed);
    std::vector<RandomCircuit> circuits;
    std::map<std::string, std::map<std::uint64_t, BigInt>> memory_init;
    for (int i = 0; i < count; ++i) {
        circuits.push_back(add_random_circuit(rng, "c" + std::to_string(i) + "_"));
        memory_init.insert(circuits.back().memory_init.begin(), circuits.back().memory_init.end());
    }
    rtl::Simulation sim(rtl::SimulationOptions{.mode = mode, .memory_values = memory_init});
    std::vector<std::string> outputs;
    for (const auto& c : circuits) outputs.insert(outputs.end(), c.outputs.begin(), c.outputs.end());
    DifferentialBatch batch;
    std::ostringstream expected;
    for (int cycle = 0; cycle < cycles; ++cycle) {
        rtl::InputValues inputs;
        for (const auto& c : circuits)
            for (const auto& [name, width] : c.inputs) inputs[name] = random_bits(rng, width);
        sim.step(inputs);
        for (const auto& o : outputs) expected << o << " " << std::hex << sim.inspect(o) << std::dec << "\n";
    }
    batch.expected = expected.str();
    std::string cmd;
    for (const auto& o : outputs) cmd += "$display(\"" + o + " %0h\", " + o + ");";
    std::ostringstream module, bench;
    rtl::output_to_verilog(module, scope.block(), {.memory_init = memory_init});
    rtl::output_verilog_testbench(bench, sim.trace(), scope.block(), {.cmd = cmd});
    batch.module = module.str();
    batch.testbench = bench.str();
    return batch;
}

std::string output_lines(const std::string& text)
{
    std::istringstream in(text);
    std::string line, out;
    while (std::getline(in, line))
        if (!line.empty() && line[0] == 'c' && line.find("_out") != std::string::npos) out += line + "\n";
    return out;
}

std::string first_difference(const std::string& want, const std::string& got)
{
    std::istringstream a(want), b(got);
    std::string x, y;
    for (int line = 1;; ++line) {
        bool more_a = static_cast<bool>(std::getline(a, x)), more_b = static_cast<bool>(std::getline(b, y));
        if (!more_a && !more_b) return "identical";
        if (!more_a || !more_b || x != y)
            return "line " + std::to_string(line) + ": expected \"" + (more_a ? x : "<end>") + "\", got \"" +
                (more_b ? y : "<end>") + "\"";
    }
}

}  // namespace test_tools

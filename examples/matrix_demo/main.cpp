// Computes x · (y − y_zero) + a with a systolic array, shows the waveform of the streams and the
// processing elements, and checks the result against plain C++ (as pyrtlnet's pyrtl_matrix.py).
// With --verilog it also writes the module and a testbench that replays this simulation.
#include "linalg/elementwise.hpp"
#include "linalg/systolic_array.hpp"
#include "rtl/waveform.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fstream>
#include <iostream>

namespace {

bool check(const std::string& what, const linalg::IntMatrix& expected, const linalg::IntMatrix& actual)
{
    if (expected == actual) {
        fmt::print("Correct result for {} tensor:\n{}\n\n", what, linalg::to_string(actual));
        return true;
    }
    fmt::print("{} results DO NOT MATCH!\n\nExpected {} tensor is:\n{}\n\nActual {} tensor is:\n{}\n\n", what, what,
               linalg::to_string(expected), what, linalg::to_string(actual));
    return false;
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app("Systolic-array demo: x · (y - y_zero) + a");
    std::vector<int> x_shape = {2, 3}, y_shape = {3, 4}, a_shape = {2, 4};
    int x_start = 1, y_start = 7, a_start = 1, y_zero = 0;
    bool verilog = false;
    std::string waveform_svg;
    app.add_option("--x_shape", x_shape, "shape of x (rows cols)")->expected(2)->check(CLI::PositiveNumber);
    app.add_option("--x_start", x_start, "first value of x (then increasing)");
    app.add_option("--y_shape", y_shape, "shape of y (rows cols)")->expected(2)->check(CLI::PositiveNumber);
    app.add_option("--y_start", y_start, "first value of y");
    app.add_option("--y_zero", y_zero, "zero point subtracted from y");
    app.add_option("--a_shape", a_shape, "shape of a (rows cols)")->expected(2)->check(CLI::PositiveNumber);
    app.add_option("--a_start", a_start, "first value of a");
    app.add_flag("--verilog", verilog, "write matrix_demo.v and matrix_demo_test.v");
    app.add_option("--waveform_svg", waveform_svg, "also write the waveform as an SVG timing diagram to this file");
    CLI11_PARSE(app, argc, argv);

    try {
        if (x_shape[1] != y_shape[0])
            throw rtl::Error(fmt::format("x has {} columns but y has {} rows", x_shape[1], y_shape[0]));
        if (a_shape[0] != x_shape[0] || a_shape[1] != y_shape[1])
            throw rtl::Error(fmt::format("a must be {}x{} (the shape of x · y)", x_shape[0], y_shape[1]));
        auto x = linalg::iota_matrix(x_shape[0], x_shape[1], x_start);
        auto y = linalg::iota_matrix(y_shape[0], y_shape[1], y_start);
        auto a = linalg::iota_matrix(a_shape[0], a_shape[1], a_start);
        linalg::IntMatrix y_zero_matrix = {{y_zero}};
        int ib = std::max({linalg::minimum_bitwidth(x), linalg::minimum_bitwidth(y),
                           linalg::minimum_bitwidth(y_zero_matrix)}) +
            1;

        fmt::print(
            "Computing x · (y - y_zero)\nx (left) shape=({}, {}):\n{}\ny (top) shape=({}, {}):\n{}\ny_zero: {}\n\n",
            x_shape[0], x_shape[1], linalg::to_string(x), y_shape[0], y_shape[1], linalg::to_string(y), y_zero);

        // y streams from a memory (as the MNIST accelerator's input does); x is a constant ROM.
        int bits = linalg::systolic_counter_bitwidth({x_shape[0], x_shape[1]}, {y_shape[0], y_shape[1]});
        rtl::MemBlock y_memory(ib * y_shape[1], bits, "y_memory");
        auto y_matrix = linalg::WireMatrix2D::from_memory(y_memory, y_shape[0], y_shape[1], ib, "y");
        y_matrix.valid <<= 1;
        auto xy = linalg::make_systolic_array("mm0", x, y_matrix, y_zero, ib, 32);
        xy.make_outputs("matrix_xy");
        auto a_matrix = linalg::WireMatrix2D::from_values(a, ib, "a");
        auto xya = linalg::make_elementwise_add("add0", xy, a_matrix, 32);
        xya.make_outputs("matrix_xya");
        xya.ready <<= 0;  // hold the result
        rtl::Output valid(1, "valid");
        valid <<= xya.valid;

        std::map<std::uint64_t, rtl::BigInt> words;
        auto data = linalg::make_input_memblock_data(linalg::transpose(y), ib, bits);
        for (std::size_t i = 0; i < data.size(); ++i) words[i] = data[i];
        rtl::Simulation sim(rtl::SimulationOptions{.memory_values = {{"y_memory", words}}});
        sim.step_until([&] { return sim.inspect_u64("add0.output.valid") == 1; }, 10000);

        // The waveform: streams, processing elements, state and valid, as signed values.
        std::vector<std::string> names;
        for (const auto& prefix : {"mm0.left[", "mm0.top[", "mm0.pe[", "mm0.state", "mm0.output.valid"})
            for (const auto& s : sim.trace().signals())
                if (s.name.rfind(prefix, 0) == 0 && s.name.find("chain") == std::string::npos) names.push_back(s.name);
        const rtl::RenderOptions waves{
            .names = names, .format = rtl::ValueFormat::Signed, .style = rtl::TraceStyle::Utf8};
        rtl::render_trace(sim.trace(), std::cout, waves);
        std::cout << "\n";
        if (!waveform_svg.empty()) {
            std::ofstream svg(waveform_svg);
            rtl::write_svg(sim.trace(), svg, waves);
            if (!svg.flush()) throw rtl::Error(fmt::format("cannot write {}", waveform_svg));
            fmt::print("Wrote the waveform to {}\n\n", waveform_svg);
        }

        bool ok = check("x ⋅ y", linalg::matmul(x, y, y_zero), xy.inspect(sim, "matrix_xy"));
        fmt::print("Computing x · (y - y_zero) + a\na shape=({}, {}):\n{}\n\n", a_shape[0], a_shape[1],
                   linalg::to_string(a));
        auto expected = linalg::matmul(x, y, y_zero);
        for (std::size_t r = 0; r < expected.size(); ++r)
            for (std::size_t c = 0; c < expected[r].size(); ++c) expected[r][c] += a[r][c];
        ok = check("x ⋅ y + a", expected, xya.inspect(sim, "matrix_xya")) && ok;

        if (verilog) {
            std::ofstream module("matrix_demo.v"), bench("matrix_demo_test.v");
            rtl::output_to_verilog(module, rtl::working_block(),
                                   {.module_name = "matrix_demo", .memory_init = sim.trace().initial_memories});
            std::string format = "matrix_xya:", args;
            for (int r = 0; r < a_shape[0]; ++r) {
                format += "\\n[";
                for (int c = 0; c < a_shape[1]; ++c) {
                    format += c ? " %4d" : "%4d";
                    args += fmt::format(", $signed(matrix_xya_{}_{})", r, c);
                }
                format += "]";
            }
            rtl::output_verilog_testbench(bench, sim.trace(), rtl::working_block(),
                                          {.module_name = "matrix_demo",
                                           .testbench_name = "matrix_demo_test",
                                           .toplevel_include = "matrix_demo.v",
                                           .vcd = "matrix_demo.vcd",
                                           .cmd = fmt::format("if (valid) $display(\"{}\"{});", format, args)});
            fmt::print("Wrote matrix_demo.v and matrix_demo_test.v; run them with\n"
                       "  iverilog -g2012 -o demo matrix_demo_test.v && vvp demo\n");
        }
        return ok ? 0 : 1;
    } catch (const rtl::Error& e) {
        fmt::print(stderr, "error: {}\n", e.what());
        return 2;
    }
}

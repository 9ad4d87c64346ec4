#include "verilator_runner.hpp"

#include "rtl/tools.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace bench {

VerilatorHarness build_verilator(const rtl::Block& block, const std::string& name,
                                 const std::vector<std::map<std::string, std::uint64_t>>& stimulus,
                                 std::uint64_t cycles, const std::vector<std::string>& outputs,
                                 const std::filesystem::path& dir, int threads)
{
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    {
        std::ofstream v(dir / (name + ".v"));
        rtl::output_to_verilog(v, block, {.module_name = name});
    }
    // The inputs of each cycle as direct assignments in a switch: no per-cycle indirection that a
    // hand-written harness would not have either.
    std::string table;
    for (std::size_t i = 0; i < stimulus.size(); ++i) {
        table += fmt::format("        case {}:", i);
        for (const auto& [input, value] : stimulus[i])
            table += fmt::format(" top.{} = {}ull;", rtl::verilog_identifier(block, input), value);
        table += " break;\n";
    }
    std::string print;
    for (const auto& o : outputs)
        print += fmt::format("    std::printf(\"{} %llu\\n\", static_cast<unsigned long long>(top.{}));\n", o,
                             rtl::verilog_identifier(block, o));
    std::string harness = fmt::format(R"(#include "V{name}.h"
#include "verilated.h"
#include <chrono>
#include <cstdio>
int main()
{{
    VerilatedContext context;
    V{name} top{{&context}};
    top.clk = 0;
    auto begin = std::chrono::steady_clock::now();
    const unsigned long long cycles = {cycles}ull;
    // rtlnet's step: the clock edge of the previous cycle, then this cycle's inputs and logic, so that
    // the outputs read at the end are those of the last cycle before its edge.
    for (unsigned long long c = 0; c < cycles; ++c) {{
        if (c > 0) {{
            top.clk = 1;
            top.eval();
            top.clk = 0;
        }}
        switch (c % {count}) {{
{table}        }}
        top.eval();
    }}
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    std::printf("seconds %.9f\n", seconds);
{print}    return 0;
}}
)",
                                      fmt::arg("name", name), fmt::arg("table", table), fmt::arg("cycles", cycles),
                                      fmt::arg("count", stimulus.size()), fmt::arg("print", print));
    {
        std::ofstream h(dir / "harness.cpp");
        h << harness;
    }
    rtl::VerilatorBuild build{.dir = dir,
                              .sources = {name + ".v", "harness.cpp"},
                              .top = name,
                              .executable = "harness",
                              .flags = rtl::verilator_fast_flags()};
    build.flags.emplace_back("-Wno-fatal");
    if (threads > 1) {
        build.flags.emplace_back("--threads");
        build.flags.emplace_back(std::to_string(threads));
    }
    VerilatorHarness result;
    result.command = rtl::verilator_command(build);
    result.executable = rtl::verilator_executable(build);
    auto begin = std::chrono::steady_clock::now();
    auto built = rtl::verilator_build(build);
    result.build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    if (built.exit_code != 0) throw std::runtime_error("Verilator build failed:\n" + built.output);
    std::istringstream log(built.output);
    for (std::string line; std::getline(log, line);)
        if (line.find("__ALL.cpp") != std::string::npos && line.find(" -c ") != std::string::npos) {
            result.compile_line = line;
            break;
        }
    return result;
}

HarnessRun run_harness(const VerilatorHarness& harness)
{
    auto out = rtl::run_command(rtl::shell_quote(harness.executable.string()));
    if (out.exit_code != 0) throw std::runtime_error("Verilator run failed:\n" + out.output);
    HarnessRun result;
    std::istringstream lines(out.output);
    std::string key;
    while (lines >> key) {
        if (key == "seconds") lines >> result.seconds;
        else lines >> result.outputs[key];
    }
    return result;
}

std::string machine_description()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line, model = "unknown CPU";
    while (std::getline(cpuinfo, line))
        if (line.rfind("model name", 0) == 0) {
            model = line.substr(line.find(':') + 2);
            break;
        }
    return fmt::format("{}, {} cores", model, std::thread::hardware_concurrency());
}

}  // namespace bench

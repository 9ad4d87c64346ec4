#include "verilog_tools.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

namespace test_tools {

std::filesystem::path scratch_dir(const std::string& name)
{
    auto dir = std::filesystem::path(RTLNET_BINARY_DIR) / "test-scratch" / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

void write_file(const std::filesystem::path& path, const std::string& text)
{
    std::ofstream out(path);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

RunResult verilator_lint(const std::filesystem::path& module_file, const std::string& top)
{
    // The emitted Verilog must be clean on its own: a suppression pragma would hide what lint measures.
    std::ifstream in(module_file);
    std::stringstream text;
    text << in.rdbuf();
    if (text.str().find("lint_off") != std::string::npos)
        return {1, module_file.string() + " contains a verilator lint_off pragma"};
    return run("verilator --lint-only -Wall --top-module " + top + " " + module_file.string());
}

RunResult verilator_run(const std::filesystem::path& dir, const std::filesystem::path& testbench_file,
                        const std::filesystem::path& module_file)
{
    auto obj = dir / "obj_dir";
    RunResult build = run("verilator --binary -j 2 -Wno-fatal -Wno-lint -Wno-style --top-module tb -Mdir " +
                          obj.string() + " -o sim " + testbench_file.string() + " " + module_file.string());
    if (build.exit_code != 0) return build;
    return run((obj / "sim").string());
}

RunResult iverilog_run(const std::filesystem::path& dir, const std::filesystem::path& testbench_file,
                       const std::filesystem::path& module_file)
{
    auto exe = dir / "icarus.vvp";
    RunResult build =
        run("iverilog -g2012 -s tb -o " + exe.string() + " " + testbench_file.string() + " " + module_file.string());
    if (build.exit_code != 0) return build;
    return run("vvp -n " + exe.string());
}

}  // namespace test_tools

#include "verilog_tools.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

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
    return rtl::verilator_lint(module_file, top);
}

RunResult verilator_run(const std::filesystem::path& dir, const std::filesystem::path& testbench_file,
                        const std::filesystem::path& module_file)
{
    const rtl::VerilatorBuild build{.dir = dir,
                                    .sources = {testbench_file, module_file},
                                    .top = "tb",
                                    .binary = true,
                                    .flags = {"-Wno-fatal", "-Wno-lint", "-Wno-style"}};
    RunResult built = rtl::verilator_build(build);
    if (built.exit_code != 0) return built;
    return rtl::run_command(rtl::shell_quote(rtl::verilator_executable(build).string()));
}

RunResult iverilog_run(const std::filesystem::path& dir, const std::filesystem::path& testbench_file,
                       const std::filesystem::path& module_file)
{
    return rtl::icarus_run(dir, {testbench_file, module_file}, "tb");
}

RunResult yosys_equivalence(const rtl::Block& block, const std::filesystem::path& dir,
                            const std::map<std::string, std::map<std::uint64_t, rtl::BigInt>>& memory_init)
{
    std::ostringstream gold, gate;
    rtl::output_to_verilog(gold, block, {.module_name = "gold", .memory_init = memory_init, .pipeline = "none"});
    auto optimized = rtl::optimize(block);
    rtl::output_to_verilog(gate, *optimized, {.module_name = "gate", .memory_init = memory_init, .pipeline = "none"});
    write_file(dir / "gold.v", gold.str());
    write_file(dir / "gate.v", gate.str());
    // Every declared name that is not a wire of the user's design is the writer's own: blacklisted.
    std::set<std::string> user;
    for (const auto& [name, identifier] : rtl::verilog_identifiers(block, "none"))
        if (!name.starts_with("tmp")) user.insert(identifier);
    std::set<std::string> own;
    for (const std::string& text : {gold.str(), gate.str()}) {
        std::istringstream in(text);
        std::string line;
        while (std::getline(in, line)) {
            std::istringstream words(line);
            std::string kind, word, last;
            words >> kind;
            if (kind != "wire" && kind != "reg") continue;
            while (words >> word && word != "=") last = word;
            if (!last.empty() && last.back() == ';') last.pop_back();
            if (!last.empty() && !user.contains(last)) own.insert(last);
        }
    }
    std::string blacklist;
    for (const auto& name : own) blacklist += name + "\n";
    write_file(dir / "blacklist.txt", blacklist);
    write_file(dir / "equiv.ys",
               "read_verilog -mem2reg gold.v\nread_verilog -mem2reg gate.v\nproc\nopt_clean\n"
               "equiv_make -blacklist blacklist.txt gold gate equiv\nhierarchy -top equiv\n"
               "opt -fast\nequiv_simple -short\nequiv_induct\nequiv_status -assert\n");
    return rtl::yosys_run(dir, "script equiv.ys");
}

std::string lines_starting_with(const std::string& output, const std::vector<std::string>& prefixes)
{
    std::istringstream in(output);
    std::string line, out;
    while (std::getline(in, line))
        for (const auto& p : prefixes)
            if (line.rfind(p, 0) == 0) {
                out += line + "\n";
                break;
            }
    return out;
}

}  // namespace test_tools

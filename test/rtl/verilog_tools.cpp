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
    return run("cd " + dir.string() + " && yosys -q equiv.ys");
}

}  // namespace test_tools

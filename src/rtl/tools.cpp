#include "rtl/tools.hpp"

#include "rtl/error.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>

namespace rtl {

namespace {

std::string quoted_paths(const std::vector<std::filesystem::path>& paths)
{
    std::string out;
    for (const auto& p : paths) out += " " + shell_quote(p.string());
    return out;
}

std::string joined_flags(const std::vector<std::string>& flags)
{
    std::string out;
    for (const auto& f : flags) out += " " + shell_quote(f);
    return out;
}

}  // namespace

CommandResult run_command(const std::string& command)
{
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return {-1, "cannot start a shell for: " + command};
    std::string output;
    std::array<char, 4096> buffer{};
    while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
    int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, std::move(output)};
}

std::string shell_quote(std::string_view text)
{
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string tool_version(const std::string& tool)
{
    CommandResult r = run_command(shell_quote(tool) + " --version");
    if (r.exit_code != 0)
        throw Error(tool + " is not installed or does not run (scripts/install-deps installs it): " + r.output);
    return r.output.substr(0, r.output.find('\n'));
}

CommandResult verilator_lint(const std::filesystem::path& file, std::string_view top,
                             const std::vector<std::string>& extra_flags)
{
    // In the file's folder, so that `include "..." of its neighbours resolves as it does for a user.
    const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : ".";
    std::string command = "cd " + shell_quote(folder.string()) + " && verilator --lint-only -Wall";
    if (!top.empty()) command += " --top-module " + shell_quote(top);
    return run_command(command + joined_flags(extra_flags) + " " + shell_quote(file.filename().string()));
}

std::string verilator_command(const VerilatorBuild& b)
{
    return "cd " + shell_quote(b.dir.string()) + " && verilator " + (b.binary ? "--binary" : "--cc --exe --build") +
        " -j " + std::to_string(b.jobs) + joined_flags(b.flags) + " --top-module " + shell_quote(b.top) +
        " -Mdir obj -o " + shell_quote(b.executable) + quoted_paths(b.sources);
}

CommandResult verilator_build(const VerilatorBuild& b)
{
    return run_command(verilator_command(b));
}

std::vector<std::string> verilator_fast_flags()
{
    return {"-O3",  "--x-assign", "fast",       "--x-initial",
            "fast", "--noassert", "-MAKEFLAGS", "OPT_FAST=-O2 OPT_SLOW=-O2 OPT_GLOBAL=-O2"};
}

std::filesystem::path verilator_executable(const VerilatorBuild& build)
{
    return build.dir / "obj" / build.executable;
}

CommandResult icarus_run(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& sources,
                         std::string_view top)
{
    return run_command("cd " + shell_quote(dir.string()) + " && iverilog -g2012 -s " + shell_quote(top) +
                       " -o icarus.vvp" + quoted_paths(sources) + " && vvp -n icarus.vvp");
}

CommandResult yosys_run(const std::filesystem::path& dir, std::string_view commands)
{
    return run_command("cd " + shell_quote(dir.string()) + " && yosys -q -p " + shell_quote(commands));
}

std::uint64_t fnv1a(std::string_view text, std::uint64_t h)
{
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    return h;
}

}  // namespace rtl

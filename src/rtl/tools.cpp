#include "rtl/tools.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>

namespace rtl {

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

std::uint64_t fnv1a(std::string_view text, std::uint64_t h)
{
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
    return h;
}

}  // namespace rtl

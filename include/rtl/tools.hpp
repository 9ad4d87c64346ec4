#pragma once
/// \file tools.hpp
/// The one way rtlnet runs external tools (Verilator, Icarus Verilog, yosys, a shell command), used by
/// the Verilator inference, the tests and the benchmarks; and a hash for keying build caches.
///
/// Every path and argument is quoted for /bin/sh, so directories with spaces work. The functions
/// return the tool's exit code and its combined output rather than throwing: a caller decides
/// whether a failure is an error (the Verilator inference throws `rtl::Error`) or a test result.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace rtl {

/// What an external command did.
struct CommandResult {
    int exit_code{};  ///< the command's exit status (-1 if it did not exit normally)
    std::string output{};  ///< standard output and standard error together
};

/// Runs `command` with /bin/sh and captures its output (standard error included).
/// \param command a shell command (quote its words with `shell_quote`).
/// \return the exit code and output; a failing command is not an exception.
CommandResult run_command(const std::string& command);

/// `text` as one /bin/sh word (single-quoted, with embedded quotes escaped).
/// \param text any text.
/// \return the quoted word, e.g. `'it'\''s'` for `it's`.
std::string shell_quote(std::string_view text);

/// The first line `tool --version` prints.
/// \param tool the program, e.g. `"verilator"`.
/// \return the version line.
/// \throws Error saying the tool is not installed or does not run.
std::string tool_version(const std::string& tool);

/// `verilator --lint-only -Wall` on `file`, run in the file's folder (so `` `include`` of a neighbour
/// resolves), with `--top-module top` when `top` is not empty.
/// \param file the Verilog file.
/// \param top the top module, or empty.
/// \param extra_flags further Verilator flags.
/// \return Verilator's exit code and messages (0 and no output when the file is lint-clean).
CommandResult verilator_lint(const std::filesystem::path& file, std::string_view top = {},
                             const std::vector<std::string>& extra_flags = {});

/// A Verilator build of an executable from Verilog and C++ sources.
struct VerilatorBuild {
    std::filesystem::path dir{};  ///< working directory; the build goes to `dir/obj`
    std::vector<std::filesystem::path> sources{};  ///< .v/.sv and .cpp files (relative to `dir` or absolute)
    std::string top{};  ///< the top module
    std::string executable = "sim";  ///< name of the built program, in `dir/obj`
    /// true: `--binary` (a Verilog testbench drives the design, timing on); false: `--cc --exe --build`
    /// with a C++ harness among the sources.
    bool binary = false;
    int jobs = 2;  ///< parallel C++ compile jobs (`-j`)
    /// Further flags, e.g. the optimisation flags `-O3 --x-assign fast --x-initial fast` and `-CFLAGS -O2`.
    std::vector<std::string> flags{};
};

/// Verilator's flags for the fastest simulation, as a performance-minded user sets them: `-O3`, X
/// handling without randomisation (`--x-assign fast --x-initial fast`), no assertions (`--noassert`),
/// and the generated C++ at `-O2` everywhere (`OPT_FAST`, `OPT_SLOW` and `OPT_GLOBAL`; Verilator's
/// own default is `-Os`, which a `-CFLAGS -O2` would not override because it comes later on the
/// compile line).
/// \return the flags, for `VerilatorBuild::flags`.
std::vector<std::string> verilator_fast_flags();

/// The shell command `verilator_build` runs (for recording it with a measurement).
/// \param build the build.
/// \return the command line.
std::string verilator_command(const VerilatorBuild& build);

/// Runs the build; on success `dir/obj/<executable>` exists.
/// \param build what to build and how.
/// \return Verilator's (and the C++ compiler's) exit code and output.
CommandResult verilator_build(const VerilatorBuild& build);

/// The program `verilator_build` builds.
/// \param build the build description.
/// \return `build.dir / "obj" / build.executable`.
std::filesystem::path verilator_executable(const VerilatorBuild& build);

/// Compiles `sources` with `iverilog -g2012 -s top` in `dir` and runs them with `vvp -n`.
/// \param dir the working directory.
/// \param sources the Verilog files.
/// \param top the top module (usually the testbench).
/// \return the exit code and output of the compile, or of the run when the compile succeeded.
CommandResult icarus_run(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& sources,
                         std::string_view top);

/// Runs yosys quietly (`-q`) in `dir` on `commands` (a `;`-separated yosys script, e.g.
/// `"read_verilog t.v; synth -top t"` or `"script equiv.ys"`).
/// \param dir the working directory.
/// \param commands the yosys script.
/// \return yosys's exit code and output.
CommandResult yosys_run(const std::filesystem::path& dir, std::string_view commands);

/// 64-bit FNV-1a hash of `text`, continuing from `seed` (for cache keys; not cryptographic).
/// \param text the bytes to hash.
/// \param seed the hash so far (default: the FNV offset basis).
/// \return the hash.
std::uint64_t fnv1a(std::string_view text, std::uint64_t seed = 1469598103934665603ull);

}  // namespace rtl

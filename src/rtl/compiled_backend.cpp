#include "compiled_backend.hpp"

#include "limb_ops_source.hpp"
#include "rtl/tools.hpp"

#include <dlfcn.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace rtl::program {

namespace {

std::string hex(u64 v)
{
    return fmt::format("0x{:x}ull", v);
}

// Bits [pos, pos+len) of the source of `run`, in the low bits (len <= 64).
std::string chunk(const Run& run, std::uint32_t offset, std::uint32_t len)
{
    std::string mask = hex(limbs::mask64(static_cast<int>(len)));
    if (run.replicate)
        return fmt::format("(((v[{}] >> {}) & 1) ? {} : 0ull)", run.src + run.src_pos / 64, run.src_pos % 64, mask);
    std::uint32_t pos = run.src_pos + offset;
    if (run.src_n == 1) return fmt::format("((v[{}] >> {}) & {})", run.src, pos, mask);
    return fmt::format("(L::extract64(v + {}, {}, {}) & {})", run.src, run.src_n, pos, mask);
}

// A narrow op's C expression (as written in RTLNET_NARROW_OPS) with its operands a, b, c replaced.
std::string operands(std::string_view expr, const std::string& a, const std::string& b, const std::string& c)
{
    std::string out;
    for (std::size_t i = 0; i < expr.size(); ++i) {
        char ch = expr[i];
        bool alone = (i == 0 || !std::isalnum(static_cast<unsigned char>(expr[i - 1]))) &&
            (i + 1 == expr.size() || !std::isalnum(static_cast<unsigned char>(expr[i + 1])));
        if (alone && ch == 'a') out += a;
        else if (alone && ch == 'b') out += b;
        else if (alone && ch == 'c') out += c;
        else out += ch;
    }
    return "(" + out + ")";
}

void emit(std::string& out, const Instr& in, const Program& p, const std::vector<MemoryState>& memories)
{
    const std::string d = fmt::format("v[{}]", in.d), a = fmt::format("v[{}]", in.a), b = fmt::format("v[{}]", in.b),
                      c = fmt::format("v[{}]", in.c);
    const bool full = in.mask == ~u64{0};
    auto masked = [&](const std::string& expr) { return full ? expr : fmt::format("({}) & {}", expr, hex(in.mask)); };
    auto line = [&](const std::string& s) { out += "    " + s + "\n"; };
    // A wide bitwise op: its expression (RTLNET_WIDE_BITWISE_OPS) once per limb, the top limb masked.
    auto emit_wide_bitwise = [&](const Instr& w, std::string_view expr) {
        const std::uint32_t dn = limbs::count(w.dbits);
        for (std::uint32_t i = 0; i < dn; ++i) {
            std::string e = operands(expr, fmt::format("v[{}]", w.a + i), fmt::format("v[{}]", w.b + i), "");
            const u64 top = i + 1 == dn ? limbs::top_mask(w.dbits) : ~u64{0};
            line(fmt::format("v[{}] = {};", w.d + i, top == ~u64{0} ? e : "(" + e + ") & " + hex(top)));
        }
    };
    switch (in.kind) {
#define RTLNET_EMIT(name, expr, is_masked)                                                                             \
    case Kind::name: {                                                                                                 \
        std::string e = operands(#expr, a, b, c);                                                                      \
        line(d + " = " + ((is_masked) ? masked(e) : e) + ";");                                                         \
        break;                                                                                                         \
    }
        RTLNET_NARROW_OPS(RTLNET_EMIT)
#undef RTLNET_EMIT
    case Kind::Shift: line(d + " = " + masked(fmt::format("{} >> {}", a, in.aux)) + ";"); break;
    case Kind::Gather: {
        std::string expr;
        for (std::uint32_t r = in.aux; r < in.aux + in.aux2; ++r) {
            const Run& run = p.runs[r];
            expr += (expr.empty() ? "" : " | ") + fmt::format("({} << {})", chunk(run, 0, run.len), run.dst_pos);
        }
        line(d + " = " + expr + ";");
        break;
    }
    case Kind::MemRead: line(fmt::format("{} = m[{}][{} * {}];", d, in.aux, a, memories[in.aux].word_limbs)); break;
    case Kind::WCopy: line(fmt::format("L::copy(v + {}, {}, v + {}, {});", in.d, in.dbits, in.a, in.n)); break;
#define RTLNET_EMIT_WIDE(name, expr)                                                                                   \
    case Kind::name: emit_wide_bitwise(in, #expr); break;
        RTLNET_WIDE_BITWISE_OPS(RTLNET_EMIT_WIDE)
#undef RTLNET_EMIT_WIDE
    case Kind::WAdd:
        line(fmt::format("L::add(v + {}, {}, v + {}, v + {}, {});", in.d, in.dbits, in.a, in.b, in.n));
        break;
    case Kind::WSub:
        line(fmt::format("L::sub(v + {}, {}, v + {}, v + {}, {});", in.d, in.dbits, in.a, in.b, in.n));
        break;
    case Kind::WMul:
        line(fmt::format("L::mul(v + {}, {}, v + {}, v + {}, {});", in.d, in.dbits, in.a, in.b, in.n));
        break;
    case Kind::WLt: line(fmt::format("{} = L::compare(v + {}, v + {}, {}) < 0;", d, in.a, in.b, in.n)); break;
    case Kind::WGt: line(fmt::format("{} = L::compare(v + {}, v + {}, {}) > 0;", d, in.a, in.b, in.n)); break;
    case Kind::WEq: line(fmt::format("{} = L::compare(v + {}, v + {}, {}) == 0;", d, in.a, in.b, in.n)); break;
    case Kind::WMux:
        line(fmt::format("L::copy(v + {}, {}, v + ({} ? {} : {}), {});", in.d, in.dbits, a, in.c, in.b, in.n));
        break;
    case Kind::WRuns: {
        line(fmt::format("L::zero(v + {}, {});", in.d, limbs::count(in.dbits)));
        for (std::uint32_t r = in.aux; r < in.aux + in.aux2; ++r) {
            const Run& run = p.runs[r];
            for (std::uint32_t done = 0; done < run.len; done += 64) {
                std::uint32_t len = std::min<std::uint32_t>(64, run.len - done);
                line(fmt::format("L::deposit_chunk(v + {}, {}, {}, {});", in.d, run.dst_pos + done,
                                 chunk(run, done, len), len));
            }
        }
        break;
    }
    case Kind::WMemRead:
        line(fmt::format("std::memcpy(v + {}, m[{}] + {} * {}, {});", in.d, in.aux, a, memories[in.aux].word_limbs,
                         memories[in.aux].word_limbs * 8));
        break;
    }
}

}  // namespace

std::string generate_source(const Program& p, const std::vector<MemoryState>& memories)
{
    std::string helpers = kLimbOpsSource;
    if (auto pos = helpers.find("#pragma once"); pos != std::string::npos) helpers.erase(pos, 12);
    std::string out = "// Generated by rtlnet: one design's simulation, compiled.\n" + helpers +
        "\nusing u64 = std::uint64_t;\nnamespace L = rtl::limbs;\n\n";
    // The logic is split into functions of a bounded size: compilers take superlinear time on huge
    // functions, and the calls cost nothing next to the work in each.
    constexpr std::size_t kPart = 1500;
    std::size_t parts = 0;
    for (std::size_t first = 0; first < p.instructions.size(); first += kPart, ++parts) {
        out += fmt::format(
            "static void __attribute__((noinline)) part{}(u64* __restrict v, u64* const* __restrict m)\n{{\n", parts);
        for (std::size_t i = first; i < std::min(p.instructions.size(), first + kPart); ++i)
            emit(out, p.instructions[i], p, memories);
        out += "    (void)m;\n}\n\n";
    }
    out += "extern \"C\" void rtlnet_eval(u64* __restrict v, u64* const* __restrict m)\n{\n";
    for (std::size_t i = 0; i < parts; ++i) out += fmt::format("    part{}(v, m);\n", i);
    out += "    (void)v;\n    (void)m;\n}\n\nextern \"C\" std::uint64_t rtlnet_run(u64* __restrict v, u64* const* "
           "__restrict m, u64* __restrict next, "
           "std::uint64_t cycles, int apply_first, std::int64_t stop)\n{\n"
           "    for (std::uint64_t cycle = 0; cycle < cycles; ++cycle) {\n"
           "        if (cycle > 0 || apply_first) {\n";
    for (const RegisterSlot& r : p.registers)
        for (std::uint32_t i = 0; i < limbs::count(r.bits); ++i)
            out += fmt::format("            v[{}] = next[{}];\n", r.reg + i, r.buf + i);
    out += "        }\n        rtlnet_eval(v, m);\n";
    for (const WriteSlot& w : p.writes)
        out += fmt::format("        if (v[{}] & 1) std::memcpy(m[{}] + v[{}] * {}, v + {}, {});\n", w.enable, w.mem,
                           w.addr, memories[w.mem].word_limbs, w.data, memories[w.mem].word_limbs * 8);
    for (const RegisterSlot& r : p.registers) {
        if (r.bits <= 64 && r.next_n == 1)
            out += fmt::format("        next[{}] = v[{}] & {};\n", r.buf, r.next, hex(limbs::mask64(r.bits)));
        else out += fmt::format("        L::copy(next + {}, {}, v + {}, {});\n", r.buf, r.bits, r.next, r.next_n);
    }
    out += "        if (stop >= 0 && v[stop]) return cycle + 1;\n    }\n    return cycles;\n}\n";
    return out;
}

std::filesystem::path default_cache_dir()
{
    if (const char* dir = std::getenv("RTLNET_CACHE_DIR"); dir && *dir) return std::filesystem::path(dir) / "compiled";
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "rtlnet" / "compiled";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".cache" / "rtlnet" / "compiled";
    return ".rtlnet-cache/compiled";
}

std::unique_ptr<CompiledProgram> CompiledProgram::build(const Program& program,
                                                        const std::vector<MemoryState>& memories,
                                                        const std::filesystem::path& cache_dir, std::string& why_not)
{
    const char* env_cxx = std::getenv("RTLNET_CXX");
    std::string compiler = env_cxx && *env_cxx ? env_cxx : "c++";
    auto version = run_command(compiler + " --version");
    if (version.exit_code != 0) {
        why_not = fmt::format("no C++ compiler (\"{}\" could not be run; set RTLNET_CXX to choose one)", compiler);
        return nullptr;
    }
    std::string source = generate_source(program, memories);
    // Large designs compile much faster at -O1 with little loss in speed.
    std::string level = program.instructions.size() > 8000 ? "-O1" : "-O2";
    std::string flags = "-std=c++17 " + level + " -shared -fPIC -w";
    std::uint64_t hash = fnv1a(flags, fnv1a(version.output, fnv1a(source)));
    std::filesystem::path dir = cache_dir / fmt::format("{:016x}", hash);
    auto result = std::unique_ptr<CompiledProgram>(new CompiledProgram);
    result->library_ = dir / "sim.so";
    std::error_code ec;
    if (std::filesystem::exists(result->library_, ec)) {
        result->cached_ = true;
    } else {
        std::filesystem::create_directories(dir, ec);
        if (ec) {
            why_not = fmt::format("cannot create the cache directory {}: {}", dir.string(), ec.message());
            return nullptr;
        }
        // Unique temporary names, then a rename: concurrent simulations may build the same design.
        std::string tag = fmt::format("{}-{}", static_cast<long>(::getpid()), static_cast<const void*>(result.get()));
        auto src = dir / ("sim-" + tag + ".cpp"), tmp = dir / ("sim-" + tag + ".so");
        {
            std::ofstream file(src);
            file << source;
            if (!file) {
                why_not = "cannot write " + src.string();
                return nullptr;
            }
        }
        auto compile = run_command(fmt::format("{} {} -o '{}' '{}'", compiler, flags, tmp.string(), src.string()));
        if (compile.exit_code != 0) {
            why_not =
                fmt::format("compiling the simulation failed ({}):\n{}", src.string(), compile.output.substr(0, 4000));
            return nullptr;
        }
        std::filesystem::rename(tmp, result->library_, ec);
        std::filesystem::rename(src, dir / "sim.cpp", ec);
    }
    result->handle_ = dlopen(result->library_.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!result->handle_) {
        why_not = fmt::format("cannot load {}: {}", result->library_.string(), dlerror());
        return nullptr;
    }
    result->eval_ = reinterpret_cast<EvalFn>(dlsym(result->handle_, "rtlnet_eval"));
    result->run_ = reinterpret_cast<RunFn>(dlsym(result->handle_, "rtlnet_run"));
    if (!result->eval_ || !result->run_) {
        why_not = "the compiled simulation library lacks its entry points: " + result->library_.string();
        return nullptr;
    }
    return result;
}

CompiledProgram::~CompiledProgram()
{
    if (handle_) dlclose(handle_);
}

}  // namespace rtl::program

#include "compiled_backend.hpp"

#include "limb_ops_source.hpp"
#include "rtl/tools.hpp"

#include <dlfcn.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

namespace rtl::program {

namespace {

std::string hex(u64 v)
{
    return fmt::format("0x{:x}ull", v);
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

// Where each value lives in the generated code. Like Verilator's temporaries, a compiler temporary
// (Instr::temp) of one limb that is read only by value, only inside the function that computes it, is
// a local variable the C++ compiler can keep in a register; everything else is in the state array
// `v`, where the interpreter, traces, inspection and the register and memory updates find it.
//
// The decision is made by emitting the program twice: the first pass records how every value is
// read (by value or through a pointer, and in which function); the second pass emits with locals.
// So the rule cannot drift from what the emitter actually writes.
class Storage {
public:
    explicit Storage(std::uint32_t total_limbs) : uses_(total_limbs) {}

    // Recording pass.
    void defined(std::uint32_t offset, std::size_t part, bool temp)
    {
        uses_[offset].part = part;
        uses_[offset].temp = temp;
    }
    void read_by_value(std::uint32_t offset, std::size_t part, std::size_t instruction)
    {
        if (uses_[offset].part != part) uses_[offset].pinned = true;
        uses_[offset].first_reader = std::min(uses_[offset].first_reader, instruction);
    }
    void pin(std::uint32_t offset) { uses_[offset].pinned = true; }
    void decide()
    {
        recording_ = false;
        for (auto& u : uses_) u.local = u.temp && !u.pinned;
    }

    bool recording() const { return recording_; }
    // The first instruction that reads the value at `offset` by value (kNone: none does).
    static constexpr std::size_t kNone = ~std::size_t{0};
    std::size_t first_reader(std::uint32_t offset) const { return uses_[offset].first_reader; }
    bool local(std::uint32_t offset) const { return !recording_ && uses_[offset].local; }
    std::size_t locals() const
    {
        std::size_t n = 0;
        for (const auto& u : uses_) n += u.local ? 1 : 0;
        return n;
    }

private:
    struct Use {
        std::size_t part = ~std::size_t{0};  // the function that computes it
        bool temp = false;
        bool pinned = false;  // read through a pointer, from another function, or after the logic
        bool local = false;
        std::size_t first_reader = kNone;
    };
    std::vector<Use> uses_;
    bool recording_ = true;
};

// A limb in memory, by value and by address: a register's in the current register bank `r` (the
// registers fill the first `bank_limbs` offsets, see Program), anything else's in the state array `v`.
std::string limb(std::uint32_t offset, std::uint32_t bank_limbs)
{
    return fmt::format("{}[{}]", offset < bank_limbs ? 'r' : 'v', offset);
}
std::string limb_address(std::uint32_t offset, std::uint32_t bank_limbs)
{
    return fmt::format("{} + {}", offset < bank_limbs ? 'r' : 'v', offset);
}

class Emitter {
public:
    // `direct[offset]`: the registers whose next value is the result written at `offset`; it goes to
    // the next-state buffer `n` as soon as it is computed.
    Emitter(const Program& p, const std::vector<MemoryState>& memories, Storage& storage,
            const std::vector<std::vector<const RegisterSlot*>>& direct)
        : p_(p), memories_(memories), storage_(storage), direct_(direct)
    {}

    // The instruction in function `part`, appended to `out` (nothing is written while recording).
    void emit(std::string& out, const Instr& in, std::size_t part);
    /// Instructions [begin, end) into function `part`.
    void emit_range(std::string& out, std::size_t begin, std::size_t end, std::size_t part);
    /// The registers whose next value is a one-limb value already in memory (another register, an
    /// Input): `copies[i]` are written to the next-state buffer right after instruction i, the first
    /// that reads that value. Then the C++ compiler uses the value while it holds it in a register;
    /// written after the logic, the values were kept live through it (with `__restrict`, the compiler
    /// reuses the earlier load) and spilled to the stack.
    void place_copies(std::vector<std::vector<const RegisterSlot*>> copies) { copies_ = std::move(copies); }
    /// `n[buf + i] = next[i]` for each limb of a register, the top one masked when its next value is
    /// wider.
    void emit_next_write(const RegisterSlot& r);

private:
    // A one-limb value read by value: a constant as a literal, for the C++ compiler to fold.
    std::string val(std::uint32_t offset)
    {
        if (p_.is_literal[offset]) return hex(p_.literal[offset]);
        if (storage_.recording()) storage_.read_by_value(offset, part_, index_);
        return storage_.local(offset) ? fmt::format("t{}", offset) : slot(offset);
    }
    // A value of `limbs` limbs read or written through a pointer (by the limb helpers): in memory.
    std::string ptr(std::uint32_t offset, std::uint32_t limbs)
    {
        if (storage_.recording())
            for (std::uint32_t i = 0; i < limbs; ++i) storage_.pin(offset + i);
        return limb_address(offset, p_.next_state_limbs);
    }
    // The destination of a one-limb result: a new local, or its slot in memory.
    std::string dst(const Instr& in)
    {
        if (storage_.recording()) storage_.defined(in.d, part_, in.temp);
        return storage_.local(in.d) ? fmt::format("const u64 t{}", in.d) : slot(in.d);
    }
    std::string slot(std::uint32_t offset) const { return limb(offset, p_.next_state_limbs); }
    // The destination of limb i of a wide result written limb by limb: like `dst`, a temporary's limb
    // that is only read by value becomes a local of its own.
    std::string dst_limb(const Instr& in, std::uint32_t i)
    {
        if (storage_.recording()) storage_.defined(in.d + i, part_, in.temp);
        return storage_.local(in.d + i) ? fmt::format("const u64 t{}", in.d + i) : slot(in.d + i);
    }
    // Limb i of an operand of `limbs` limbs, read by value (0 past its end).
    std::string limb_value(std::uint32_t offset, std::uint32_t limbs, std::uint32_t i)
    {
        return i < limbs ? val(offset + i) : "0ull";
    }
    std::string chunk(const Run& run, std::uint32_t offset, std::uint32_t len);
    void line(const std::string& s)
    {
        if (!storage_.recording()) *out_ += "    " + s + "\n";
    }

    std::string sign_extension(const Instr& in);
    void emit_wide_select(const Instr& in, const std::string& select, std::uint32_t one, std::uint32_t zero);
    void emit_next_writes(const Instr& in);

    const Program& p_;
    const std::vector<MemoryState>& memories_;
    Storage& storage_;
    const std::vector<std::vector<const RegisterSlot*>>& direct_;
    std::vector<std::vector<const RegisterSlot*>> copies_;
    std::string* out_ = nullptr;
    std::size_t part_ = 0;
    std::size_t index_ = 0;  // of the instruction being emitted
};

// Bits [pos, pos+len) of the source of `run`, in the low bits (len <= 64).
std::string Emitter::chunk(const Run& run, std::uint32_t offset, std::uint32_t len)
{
    std::string mask = hex(limbs::mask64(static_cast<int>(len)));
    if (run.replicate)
        return fmt::format("((({} >> {}) & 1) ? {} : 0ull)", val(run.src + run.src_pos / 64), run.src_pos % 64, mask);
    const std::uint32_t pos = run.src_pos + offset, low = pos / 64, shift = pos % 64;
    // Read by value, limb by limb, so that a wide temporary can stay in locals.
    const std::string first = val(run.src + low);
    if (shift == 0 || shift + len <= 64) return fmt::format("(({} >> {}) & {})", first, shift, mask);
    return fmt::format("((({} >> {}) | ({} << {})) & {})", first, shift, limb_value(run.src, run.src_n, low + 1),
                       64 - shift, mask);
}

// A gather that sign-extends bits [p, p+len) of one limb (a select such as {{9{x[7]}}, x[7:0]}, or
// {x[7], x[7:0]}, where the sign bit is a run of its own), as two shifts; empty for any other gather.
std::string Emitter::sign_extension(const Instr& in)
{
    if (in.aux2 != 2) return {};
    const Run &low = p_.runs[in.aux], &high = p_.runs[in.aux + 1];
    if (low.replicate || !(high.replicate || high.len == 1) || low.src != high.src || low.src_n != 1 ||
        low.dst_pos != 0 || high.dst_pos != low.len || high.src_pos != low.src_pos + low.len - 1)
        return {};
    const std::uint32_t total = low.len + high.len;
    std::string e = fmt::format("static_cast<u64>(static_cast<long long>({} << {}) >> {})", val(low.src),
                                64 - low.src_pos - low.len, 64 - low.len);
    return total >= 64 ? e : fmt::format("({}) & {}", e, hex(limbs::mask64(static_cast<int>(total))));
}

// A wide copy (`select` empty: `one` is the source) or two-way select, limb by limb: `one` if the
// one-limb `select` is nonzero, else `zero`. The operands have `in.n` limbs (zero past them) and the
// top limb of the result is masked to its width.
void Emitter::emit_wide_select(const Instr& in, const std::string& select, std::uint32_t one, std::uint32_t zero)
{
    const std::uint32_t dn = limbs::count(in.dbits);
    for (std::uint32_t i = 0; i < dn; ++i) {
        std::string e = limb_value(one, in.n, i);
        if (!select.empty()) e = fmt::format("({} ? {} : {})", select, e, limb_value(zero, in.n, i));
        const u64 top = i + 1 == dn ? limbs::top_mask(in.dbits) : ~u64{0};
        line(fmt::format("{} = {};", dst_limb(in, i), top == ~u64{0} ? e : "(" + e + ") & " + hex(top)));
    }
}

void Emitter::emit(std::string& out, const Instr& in, std::size_t part)
{
    out_ = &out;
    part_ = part;
    const bool full = in.mask == ~u64{0};
    auto masked = [&](const std::string& expr) { return full ? expr : fmt::format("({}) & {}", expr, hex(in.mask)); };
    // A narrow op reads only the operands its expression names.
    auto narrow_operand = [&](std::string_view expr, char name, std::uint32_t offset) {
        return operands(expr, "\x01", "\x02", "\x03")
                    .find(name == 'a'       ? '\x01'
                              : name == 'b' ? '\x02'
                                            : '\x03') != std::string::npos
            ? val(offset)
            : std::string();
    };
    // A wide bitwise op: its expression (RTLNET_WIDE_BITWISE_OPS) once per limb, the top limb masked.
    auto emit_wide_bitwise = [&](const Instr& w, std::string_view expr) {
        const std::uint32_t dn = limbs::count(w.dbits);
        const bool reads_b = operands(expr, "\x01", "\x02", "").find('\x02') != std::string::npos;
        for (std::uint32_t i = 0; i < dn; ++i) {
            std::string e = operands(expr, val(w.a + i), reads_b ? val(w.b + i) : "", "");
            const u64 top = i + 1 == dn ? limbs::top_mask(w.dbits) : ~u64{0};
            line(fmt::format("{} = {};", dst_limb(w, i), top == ~u64{0} ? e : "(" + e + ") & " + hex(top)));
        }
    };
    switch (in.kind) {
#define RTLNET_EMIT(name, expr, is_masked)                                                                             \
    case Kind::name: {                                                                                                 \
        std::string e = operands(#expr, narrow_operand(#expr, 'a', in.a), narrow_operand(#expr, 'b', in.b),            \
                                 narrow_operand(#expr, 'c', in.c));                                                    \
        line(dst(in) + " = " + ((is_masked) ? masked(e) : e) + ";");                                                   \
        break;                                                                                                         \
    }
        RTLNET_NARROW_OPS(RTLNET_EMIT)
#undef RTLNET_EMIT
    case Kind::Shift: {
        std::string e = masked(fmt::format("{} >> {}", val(in.a), in.aux));
        line(dst(in) + " = " + e + ";");
        break;
    }
    case Kind::Gather: {
        std::string expr = sign_extension(in);
        if (!expr.empty()) {
            line(dst(in) + " = " + expr + ";");
            break;
        }
        for (std::uint32_t r = in.aux; r < in.aux + in.aux2; ++r) {
            const Run& run = p_.runs[r];
            expr += (expr.empty() ? "" : " | ") + fmt::format("({} << {})", chunk(run, 0, run.len), run.dst_pos);
        }
        line(dst(in) + " = " + expr + ";");
        break;
    }
    case Kind::MemRead: {
        std::string address = val(in.a);
        line(fmt::format("{} = m[{}][{} * {}];", dst(in), in.aux, address, memories_[in.aux].word_limbs));
        break;
    }
    case Kind::AsyncReset: {
        std::string assign;  // the register lives in memory: its readers may be anywhere
        for (std::uint32_t i = 0; i < in.n; ++i)
            assign += fmt::format(" {} = {};", slot(in.d + i), hex(p_.constants[in.aux2 + i]));
        line(fmt::format("if ({} == {}) {{{} }}", val(in.a), in.aux, assign));
        break;
    }
    case Kind::WCopy: emit_wide_select(in, "", in.a, in.a); break;
#define RTLNET_EMIT_WIDE(name, expr)                                                                                   \
    case Kind::name: emit_wide_bitwise(in, #expr); break;
        RTLNET_WIDE_BITWISE_OPS(RTLNET_EMIT_WIDE)
#undef RTLNET_EMIT_WIDE
    case Kind::WAdd:
        line(fmt::format("L::add({}, {}, {}, {}, {});", ptr(in.d, limbs::count(in.dbits)), in.dbits, ptr(in.a, in.n),
                         ptr(in.b, in.n), in.n));
        break;
    case Kind::WSub:
        line(fmt::format("L::sub({}, {}, {}, {}, {});", ptr(in.d, limbs::count(in.dbits)), in.dbits, ptr(in.a, in.n),
                         ptr(in.b, in.n), in.n));
        break;
    case Kind::WMul:
        line(fmt::format("L::mul({}, {}, {}, {}, {});", ptr(in.d, limbs::count(in.dbits)), in.dbits, ptr(in.a, in.n),
                         ptr(in.b, in.n), in.n));
        break;
    case Kind::WLt:
    case Kind::WGt:
    case Kind::WEq: {
        const char* relation = in.kind == Kind::WLt ? "< 0" : in.kind == Kind::WGt ? "> 0" : "== 0";
        std::string e = fmt::format("L::compare({}, {}, {}) {}", ptr(in.a, in.n), ptr(in.b, in.n), in.n, relation);
        line(dst(in) + " = " + e + ";");
        break;
    }
    case Kind::WMux: {
        emit_wide_select(in, val(in.a), in.c, in.b);
        break;
    }
    case Kind::WRuns: {
        // Each destination limb as one expression: the chunks that land in it, shifted and or-ed. (Or-ing
        // them into memory one by one made a chain of stores, each waiting for the one before.)
        std::vector<std::string> terms(limbs::count(in.dbits));
        auto add = [&](std::uint32_t limb, const std::string& term) {
            terms[limb] += (terms[limb].empty() ? "" : " | ") + term;
        };
        for (std::uint32_t r = in.aux; r < in.aux + in.aux2; ++r) {
            const Run& run = p_.runs[r];
            for (std::uint32_t done = 0; done < run.len; done += 64) {
                const std::uint32_t len = std::min<std::uint32_t>(64, run.len - done);
                const std::uint32_t pos = run.dst_pos + done, low = pos / 64, shift = pos % 64;
                const std::string piece = chunk(run, done, len);
                add(low, shift == 0 ? piece : fmt::format("({} << {})", piece, shift));
                if (shift != 0 && shift + len > 64) add(low + 1, fmt::format("({} >> {})", piece, 64 - shift));
            }
        }
        for (std::uint32_t i = 0; i < terms.size(); ++i)
            line(fmt::format("{} = {};", dst_limb(in, i), terms[i].empty() ? "0ull" : terms[i]));
        break;
    }
    case Kind::WMemRead: {
        std::string address = val(in.a);
        line(fmt::format("std::memcpy({}, m[{}] + {} * {}, {});", ptr(in.d, memories_[in.aux].word_limbs), in.aux,
                         address, memories_[in.aux].word_limbs, memories_[in.aux].word_limbs * 8));
        break;
    }
    }
    if (in.kind != Kind::AsyncReset) emit_next_writes(in);
}

void Emitter::emit_next_write(const RegisterSlot& r)
{
    const std::uint32_t n = limbs::count(r.bits);
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::string value = limb_value(r.next, r.next_n, i);
        const bool masked = i + 1 == n && r.next_bits > r.bits;
        line(fmt::format("n[{}] = {};", r.buf + i,
                         masked ? fmt::format("{} & {}", value, hex(limbs::top_mask(r.bits))) : value));
    }
}

// The next-state writes of the registers whose next value `in` computes.
void Emitter::emit_next_writes(const Instr& in)
{
    for (const RegisterSlot* r : direct_[in.d]) emit_next_write(*r);
}

void Emitter::emit_range(std::string& out, std::size_t begin, std::size_t end, std::size_t part)
{
    for (std::size_t i = begin; i < end; ++i) {
        index_ = i;
        emit(out, p_.instructions[i], part);
        if (i < copies_.size())
            for (const RegisterSlot* r : copies_[i]) emit_next_write(*r);
    }
}

// The logic is split into functions of a bounded size: compilers take superlinear time on huge
// functions, and the calls cost nothing next to the work in each.
constexpr std::size_t kPart = 1500;

}  // namespace

std::vector<std::string> generate_source(const Program& p, const std::vector<MemoryState>& memories,
                                         std::vector<char>* locals, std::size_t units_wanted)
{
    Storage storage(p.total_limbs);
    // A register whose next value an instruction computes gets it in the next-state buffer from that
    // instruction, limb by limb; one whose next value is another one-limb value in memory gets it
    // right after the first instruction that reads that value (Emitter::place_copies); the others are
    // copied after the logic.
    std::vector<char> computed(p.total_limbs, 0);
    for (const Instr& in : p.instructions)
        if (in.kind != Kind::AsyncReset) computed[in.d] = 1;  // (an AsyncReset writes a register itself)
    std::vector<std::vector<const RegisterSlot*>> direct(p.total_limbs);
    std::vector<const RegisterSlot*> copied;
    for (const RegisterSlot& r : p.registers) {
        if (computed[r.next]) direct[r.next].push_back(&r);
        else copied.push_back(&r);
    }
    // What the register and memory updates and the stop test read after the logic stays in `v`.
    for (const RegisterSlot* r : copied)
        for (std::uint32_t i = 0; i < r->next_n; ++i) storage.pin(r->next + i);
    for (const WriteSlot& w : p.writes) {
        storage.pin(w.enable);
        storage.pin(w.addr);
        for (std::uint32_t i = 0; i < memories[w.mem].word_limbs; ++i) storage.pin(w.data + i);
    }
    for (std::uint32_t offset : p.observed) storage.pin(offset);
    Emitter emitter(p, memories, storage, direct);
    std::string ignored;
    for (std::size_t begin = 0; begin < p.instructions.size(); begin += kPart)
        emitter.emit_range(ignored, begin, std::min(p.instructions.size(), begin + kPart), begin / kPart);
    storage.decide();
    std::vector<std::vector<const RegisterSlot*>> placed(p.instructions.size());
    std::erase_if(copied, [&](const RegisterSlot* r) {
        if (r->bits > 64 || r->next_n != 1 || p.is_literal[r->next]) return false;
        const std::size_t reader = storage.first_reader(r->next);
        if (reader == Storage::kNone) return false;
        placed[reader].push_back(r);
        return true;
    });
    emitter.place_copies(std::move(placed));
    if (locals) {
        locals->assign(p.total_limbs, 0);
        for (std::uint32_t offset = 0; offset < p.total_limbs; ++offset) (*locals)[offset] = storage.local(offset);
    }

    std::string helpers = kLimbOpsSource;
    if (auto pos = helpers.find("#pragma once"); pos != std::string::npos) helpers.erase(pos, 12);
    const std::string prologue = "// Generated by rtlnet: one design's simulation, compiled.\n" + helpers +
        "\n#include <utility>\n\nusing u64 = std::uint64_t;\nnamespace L = rtl::limbs;\n\n";
    const std::size_t parts = (p.instructions.size() + kPart - 1) / kPart;
    // Unit 0 holds the entry points; with several parts and several compile jobs, the parts are
    // spread over further units that the compiler works on in parallel.
    const std::size_t extra_units = parts > 1 ? std::min(parts, std::max<std::size_t>(units_wanted, 1)) : 0;
    std::vector<std::string> units(1 + extra_units, prologue);
    units[0] += fmt::format("// {} instructions in {} functions over {} units; {} temporaries kept in locals.\n",
                            p.instructions.size(), parts, units.size(), storage.locals());
    const char* linkage = extra_units > 0 ? "" : "static ";
    const char* signature =
        "void part{}(u64* __restrict v, u64* const* __restrict m, u64* __restrict r, u64* __restrict n)";
    // One function holds a small design's whole cycle (below); a large one's logic is in parts.
    const bool one_part = parts <= 1;
    for (std::size_t part = 0; part < parts && !one_part; ++part) {
        std::string& out = extra_units > 0 ? units[1 + part * extra_units / parts] : units[0];
        if (extra_units > 0) units[0] += fmt::format(fmt::runtime(signature), part) + ";\n";
        out += fmt::format("{}__attribute__((noinline)) {}\n{{\n", linkage, fmt::format(fmt::runtime(signature), part));
        emitter.emit_range(out, part * kPart, std::min(p.instructions.size(), (part + 1) * kPart), part);
        out += "    (void)v;\n    (void)m;\n    (void)r;\n    (void)n;\n}\n\n";
    }
    const std::uint32_t bank_limbs = p.next_state_limbs;
    auto at = [&](std::uint32_t offset) { return limb(offset, bank_limbs); };
    auto address = [&](std::uint32_t offset) { return limb_address(offset, bank_limbs); };
    // One cycle: the logic, the memory writes, and the next values the logic did not write itself.
    std::string cycle;
    if (one_part) emitter.emit_range(cycle, 0, p.instructions.size(), 0);
    else
        for (std::size_t i = 0; i < parts; ++i) cycle += fmt::format("    part{}(v, m, r, n);\n", i);
    for (const WriteSlot& w : p.writes)
        cycle += fmt::format("    if ({} & 1) std::memcpy(m[{}] + {} * {}, {}, {});\n", at(w.enable), w.mem, at(w.addr),
                             memories[w.mem].word_limbs, address(w.data), memories[w.mem].word_limbs * 8);
    for (const RegisterSlot* reg : copied) {
        if (reg->bits <= 64 && reg->next_n == 1)
            cycle += fmt::format("    n[{}] = {}{};\n", reg->buf, at(reg->next),
                                 reg->next_bits > reg->bits ? " & " + hex(limbs::mask64(reg->bits)) : "");
        else
            cycle +=
                fmt::format("    L::copy(n + {}, {}, {}, {});\n", reg->buf, reg->bits, address(reg->next), reg->next_n);
    }
    std::string& out = units[0];
    // banks[0] holds the registers' values in the last cycle, banks[1] the next values computed then.
    // A clock edge swaps the two: nothing is copied.
    // The one-cycle entry point (rtlnet_cycle); the caller swaps the banks before it.
    out += "extern \"C\" __attribute__((noinline)) void rtlnet_cycle(u64* __restrict v, u64* const* __restrict m, "
           "u64* __restrict r, u64* __restrict n)\n{\n" +
        cycle + "    (void)v;\n    (void)m;\n    (void)r;\n    (void)n;\n}\n\n";
    out +=
        fmt::format("extern \"C\" std::uint64_t rtlnet_run(u64* __restrict v, u64* const* __restrict m, u64** banks, "
                    "std::uint64_t cycles, int apply_first, std::int64_t stop)\n{{\n"
                    "    u64* r = banks[0];\n    u64* n = banks[1];\n    std::uint64_t done = 0;\n"
                    "    while (done < cycles) {{\n"
                    "        if (done > 0 || apply_first) std::swap(r, n);\n"
                    "        rtlnet_cycle(v, m, r, n);\n"
                    "        ++done;\n        if (stop >= 0 && (stop < {} ? r : v)[stop]) break;\n    }}\n"
                    "    banks[0] = r;\n    banks[1] = n;\n    return done;\n}}\n",
                    bank_limbs);
    return units;
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
    auto result = std::unique_ptr<CompiledProgram>(new CompiledProgram);
    // One translation unit per core (at most 4): large designs compile in parallel.
    const std::size_t jobs = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
    const std::vector<std::string> units = generate_source(program, memories, &result->locals_, jobs);
    // -O2 without the passes that cost the most compile time on straight-line code and gain it nothing:
    // the second instruction scheduler, global CSE, partial redundancy elimination and code hoisting.
    // Measured on the 16x16 systolic array (5,830 nets, two units on two cores): 1.5 s to compile and
    // 258 ns per cycle, against 2.3 s and 335 ns at plain -O2, and 1.2 s and 532 ns at -O1.
    // -fno-semantic-interposition: rtlnet_run calls the exported rtlnet_cycle directly, not through
    // the PLT (an indirect jump every cycle; nothing ever interposes it).
    std::string flags = "-std=c++17 -O2 -fno-schedule-insns2 -fno-gcse -fno-tree-pre -fno-code-hoisting -fPIC "
                        "-fno-semantic-interposition -w";
    std::uint64_t hash = fnv1a(flags, fnv1a(version.output));
    for (const auto& unit : units) hash = fnv1a(unit, hash);
    std::filesystem::path dir = cache_dir / fmt::format("{:016x}", hash);
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
        std::vector<std::filesystem::path> sources, objects;
        for (std::size_t u = 0; u < units.size(); ++u) {
            sources.push_back(dir / fmt::format("sim-{}-{}.cpp", tag, u));
            objects.push_back(dir / fmt::format("sim-{}-{}.o", tag, u));
            std::ofstream file(sources.back());
            file << units[u];
            if (!file) {
                why_not = "cannot write " + sources.back().string();
                return nullptr;
            }
        }
        std::vector<CommandResult> compiled(units.size());
        {
            std::vector<std::thread> workers;
            for (std::size_t u = 0; u < units.size(); ++u)
                workers.emplace_back([&, u] {
                    compiled[u] =
                        run_command(fmt::format("{} {} -c -o {} {}", compiler, flags, shell_quote(objects[u].string()),
                                                shell_quote(sources[u].string())));
                });
            for (auto& w : workers) w.join();
        }
        for (std::size_t u = 0; u < units.size(); ++u)
            if (compiled[u].exit_code != 0) {
                why_not = fmt::format("compiling the simulation failed ({}):\n{}", sources[u].string(),
                                      compiled[u].output.substr(0, 4000));
                return nullptr;
            }
        const auto tmp = dir / ("sim-" + tag + ".so");
        std::string link = fmt::format("{} -shared -o {}", compiler, shell_quote(tmp.string()));
        for (const auto& o : objects) link += " " + shell_quote(o.string());
        if (auto linked = run_command(link); linked.exit_code != 0) {
            why_not = fmt::format("linking the simulation failed:\n{}", linked.output.substr(0, 4000));
            return nullptr;
        }
        std::filesystem::rename(tmp, result->library_, ec);
        for (std::size_t u = 0; u < units.size(); ++u) {
            std::filesystem::rename(sources[u], dir / (u == 0 ? std::string("sim.cpp") : fmt::format("sim-{}.cpp", u)),
                                    ec);
            std::filesystem::remove(objects[u], ec);
        }
    }
    result->handle_ = dlopen(result->library_.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!result->handle_) {
        why_not = fmt::format("cannot load {}: {}", result->library_.string(), dlerror());
        return nullptr;
    }
    result->run_ = reinterpret_cast<RunFn>(dlsym(result->handle_, "rtlnet_run"));
    result->cycle_ = reinterpret_cast<CycleFn>(dlsym(result->handle_, "rtlnet_cycle"));
    if (!result->run_ || !result->cycle_) {
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

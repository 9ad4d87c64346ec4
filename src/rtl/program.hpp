#pragma once
// The schedule lowered to a flat instruction list over a flat array of 64-bit limbs. The interpreter
// executes it; the compiled backend translates the same instructions to C++. Sharing this lowering is
// what keeps the two simulators from drifting apart.

#include "limb_ops.hpp"
#include "rtl/ir.hpp"
#include "rtl/schedule.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace rtl::program {

using limbs::u64;

// The one definition of every narrow op (operands and destination in one limb): its Kind, its value as
// a C expression over the operand limbs a, b, c, and whether the result is masked to the destination
// width. The interpreter (evaluate) and the compiled backend (emit) are both generated from this list,
// so a new op or a fix cannot reach one simulator and not the other.
#define RTLNET_NARROW_OPS(X)                                                                                           \
    X(Copy, a, true)                                                                                                   \
    X(Not, ~a, true)                                                                                                   \
    X(And, a& b, true)                                                                                                 \
    X(Or, a | b, true)                                                                                                 \
    X(Xor, a ^ b, true)                                                                                                \
    X(Nand, ~(a & b), true)                                                                                            \
    X(Add, a + b, true)                                                                                                \
    X(Sub, a - b, true)                                                                                                \
    X(Mul, a* b, true)                                                                                                 \
    X(Lt, a < b, false)                                                                                                \
    X(Gt, a > b, false)                                                                                                \
    X(Eq, a == b, false)                                                                                               \
    X(Mux, a ? c : b, true)

// The wide bitwise ops, defined the same way: the C expression applied to each limb pair a, b of the
// operands (the top limb is masked to the destination width afterwards).
#define RTLNET_WIDE_BITWISE_OPS(X) X(WNot, ~a) X(WAnd, a& b) X(WOr, a | b) X(WXor, a ^ b) X(WNand, ~(a & b))

#define RTLNET_KIND(name, expr, masked) name,
enum class Kind : std::uint8_t {
    // every operand and the destination fit in one limb
    RTLNET_NARROW_OPS(RTLNET_KIND) Shift,
    Gather,
    MemRead,
    // a register with an asynchronous reset, any width: d = reset value while the signal a is active
    AsyncReset,
    // general (any width)
    WCopy,
#define RTLNET_WIDE_KIND(name, expr) name,
    RTLNET_WIDE_BITWISE_OPS(RTLNET_WIDE_KIND)
#undef RTLNET_WIDE_KIND
        WAdd,
    WSub,
    WMul,
    WLt,
    WGt,
    WEq,
    WMux,
    WRuns,
    WMemRead,
};
#undef RTLNET_KIND

struct Instr {
    Kind kind{};
    int dbits{};  // destination width
    std::uint32_t d{};  // destination offset
    std::uint32_t a{}, b{}, c{};  // argument offsets
    std::uint32_t n{};  // limbs of the (matched) arguments
    std::uint32_t aux{};  // Shift: shift amount; Gather/WRuns: first run; MemRead: memory index;
                          // AsyncReset: the active level (0 or 1)
    std::uint32_t aux2{};  // Gather/WRuns: number of runs; AsyncReset: first limb in Program::constants
    u64 mask{};  // destination mask (narrow)
    bool temp{};  // the destination is a compiler temporary (a "tmp" wire): nobody outside the logic reads it
};

// A run of bits copied from a source wire into the destination (concat and bit-select). A
// replicated run repeats one source bit `len` times (sign extension).
struct Run {
    std::uint32_t src{};  // source offset
    std::uint32_t src_n{};  // source limbs
    std::uint32_t src_pos{};  // first source bit
    std::uint32_t dst_pos{};  // first destination bit
    std::uint32_t len{};
    bool replicate = false;
};

// The run's bits, in the low `len` bits (len <= 64).
inline u64 run_chunk(const u64* v, const Run& run, std::uint32_t offset, std::uint32_t len)
{
    if (run.replicate)
        return ((v[run.src + run.src_pos / 64] >> (run.src_pos % 64)) & 1) ? limbs::mask64(static_cast<int>(len)) : 0;
    return limbs::extract64(v + run.src, run.src_n, run.src_pos + offset) & limbs::mask64(static_cast<int>(len));
}

struct RegisterSlot {
    std::uint32_t reg{};  // register offset
    std::uint32_t next{};  // offset of the next-value wire
    std::uint32_t next_n{};
    std::uint32_t buf{};  // offset in the next-state buffer
    int bits{};
    int next_bits{};  // width of the next-value wire
};

struct MemoryState {
    std::string name{};
    int bitwidth{};
    int addrwidth{};
    std::uint32_t word_limbs{};
    std::vector<u64> data{};
};

struct WriteSlot {
    std::uint32_t mem{}, addr{}, data{}, enable{};
};

/// Everything a backend needs to simulate a block.
struct Program {
    std::vector<Instr> instructions{};  // combinational logic in schedule order
    std::vector<Run> runs{};
    std::vector<RegisterSlot> registers{};
    // The registers fill offsets [0, next_state_limbs) of the state array, in buffer order (reg ==
    // buf): that region and the next-state buffer are two banks of the same layout, so the compiled
    // code can take turns between them instead of copying one into the other at each clock edge.
    std::uint32_t next_state_limbs = 0;
    std::vector<WriteSlot> writes{};
    std::uint32_t total_limbs = 0;  // size of the state array
    std::vector<std::uint32_t> observed{};  // limbs read from outside the logic besides the above (traces)
    std::vector<u64> constants{};  // limbs of the asynchronous reset values
    // Per offset: whether it holds a Const of at most 64 bits, and its value (the compiled code
    // writes such a read as a literal, so that the C++ compiler folds it).
    std::vector<char> is_literal{};
    std::vector<u64> literal{};
};

/// Lets a wire that is a plain copy of another share its storage: the copy needs no instruction, and
/// reading either wire reads the same limbs (values are kept masked, so a zero extension within the
/// same limbs is a copy too). Copies of Inputs keep their own storage, so that an input set between
/// steps is not seen through the copy before the next step. Changes `schedule.offset`; call before
/// `lower`, which then skips the copies.
void share_copies(const Block& block, Schedule& schedule);

/// Lowers `schedule` of `block` (offsets from the schedule's storage layout).
Program lower(const Block& block, const Schedule& schedule);

/// Runs the combinational instructions once over `v` (the interpreter).
void evaluate(const Program& program, u64* v, const std::vector<MemoryState>& memories);

}  // namespace rtl::program

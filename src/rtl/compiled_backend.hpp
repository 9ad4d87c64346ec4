#pragma once
// The compiled simulator backend: the lowered program (program.hpp) translated to straight-line C++,
// compiled with the system compiler into a shared library (cached by a hash of the source) and loaded
// with dlopen. It works on the interpreter's own state arrays, so the two backends are interchangeable
// cycle by cycle.

#include "program.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <utility>

namespace rtl::program {

class CompiledProgram {
public:
    /// Generates, compiles (or finds in `cache_dir`) and loads the program. Returns nullptr and sets
    /// `why_not` when no compiler is available or compilation fails.
    static std::unique_ptr<CompiledProgram> build(const Program& program, const std::vector<MemoryState>& memories,
                                                  const std::filesystem::path& cache_dir, std::string& why_not);
    ~CompiledProgram();
    CompiledProgram(const CompiledProgram&) = delete;
    CompiledProgram& operator=(const CompiledProgram&) = delete;

    /// Up to `cycles` whole cycles with inputs held. `banks[0]` holds the registers' values in the
    /// last cycle (offsets [0, next_state_limbs) of the state array, see Program), `banks[1]` the next
    /// values computed then; each cycle makes the pending values current by swapping the two (except
    /// before the very first cycle, when `apply_first` is 0), evaluates the logic into `values` and
    /// the new pending bank, and writes the memories. Stops after a cycle in which the 1-limb value at
    /// `stop_offset` is nonzero (stop_offset < 0: never). Returns the cycles run; `banks` is updated.
    std::uint64_t run(u64* values, u64* const* memories, u64** banks, std::uint64_t cycles, int apply_first,
                      std::int64_t stop_offset) const
    {
        return run_(values, memories, banks, cycles, apply_first, stop_offset);
    }
    /// One cycle, as `run(values, memories, banks, 1, apply, -1)` does, with less overhead.
    void step(u64* values, u64* const* memories, u64** banks, int apply) const
    {
        if (apply) std::swap(banks[0], banks[1]);
        cycle_(values, memories, banks[0], banks[1]);
    }
    /// The compiled one-cycle function: the logic over `values`, the current register bank `r` and
    /// the pending one `n` (the caller swaps the banks at a clock edge), and the memory writes.
    using CycleFn = void (*)(u64* values, u64* const* memories, u64* r, u64* n);
    CycleFn cycle_function() const { return cycle_; }
    /// Where the shared library lives, and whether it was found in the cache.
    const std::filesystem::path& library() const { return library_; }
    bool was_cached() const { return cached_; }
    /// Whether the value at `offset` is a temporary held in a local of the generated code (so its
    /// slot in the state array is not updated and must not be read).
    bool is_local(std::uint32_t offset) const { return offset < locals_.size() && locals_[offset]; }

private:
    using RunFn = std::uint64_t (*)(u64*, u64* const*, u64**, std::uint64_t, int, std::int64_t);
    CompiledProgram() = default;
    void* handle_ = nullptr;
    RunFn run_ = nullptr;
    CycleFn cycle_ = nullptr;
    std::filesystem::path library_;
    bool cached_ = false;
    std::vector<char> locals_;
};

/// The C++ source for a program (exposed for tests and for reading): translation unit 0 with the
/// entry points, then up to `units` units holding the logic's functions (none for a small design), to
/// be compiled in parallel and linked together. With `locals`, marks the offsets of the temporaries
/// the generated code keeps in local variables (their slots in `v` stay stale).
std::vector<std::string> generate_source(const Program& program, const std::vector<MemoryState>& memories,
                                         std::vector<char>* locals = nullptr, std::size_t units = 1);

/// The default cache: $RTLNET_CACHE_DIR, else $XDG_CACHE_HOME/rtlnet, else ~/.cache/rtlnet, else ./.rtlnet-cache.
std::filesystem::path default_cache_dir();

}  // namespace rtl::program

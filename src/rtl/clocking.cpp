// Register resets as the user writes them (clocking.hpp): the reset constructors, the scope stack
// that gives registers a default reset, and the clock's name. The IR keeps a reset as the register
// net's second argument plus its kind and polarity (ir.hpp).

#include "rtl/clocking.hpp"

#include "rtl/error.hpp"

#include <fmt/format.h>

#include <vector>

namespace rtl {

namespace {

Reset make_reset(const WireVector& signal, ResetKind kind, Polarity polarity)
{
    if (signal.bitwidth() != 1)
        throw WidthError(fmt::format("a reset signal must be 1 bit, but {} is {} bits",
                                     signal.block().describe(signal.id()), signal.bitwidth()));
    return {signal, kind, polarity};
}

// The open ResetScopes of this thread, innermost last (a scope applies to its signal's block).
std::vector<Reset>& scopes()
{
    thread_local std::vector<Reset> open;
    return open;
}

}  // namespace

Reset sync_reset(const WireVector& signal, Polarity polarity)
{
    return make_reset(signal, ResetKind::Synchronous, polarity);
}

Reset async_reset(const WireVector& signal, Polarity polarity)
{
    return make_reset(signal, ResetKind::Asynchronous, polarity);
}

ResetScope::ResetScope(Reset reset)
{
    scopes().push_back(std::move(reset));
}

ResetScope::~ResetScope()
{
    scopes().pop_back();
}

const Reset* scoped_reset(const Block& block)
{
    auto& open = scopes();
    for (auto it = open.rbegin(); it != open.rend(); ++it)
        if (&it->signal.block() == &block) return &*it;
    return nullptr;
}

void set_clock_name(std::string name, Block* block)
{
    (block ? *block : working_block()).set_clock_name(std::move(name));
}

}  // namespace rtl

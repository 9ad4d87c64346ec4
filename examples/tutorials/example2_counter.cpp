// Registers: a 3-bit counter built from a ripple-carry adder written as ordinary C++ functions.
#include "rtl/rtl.hpp"

#include <iostream>

namespace {

// One full adder: returns {sum, carry}.
std::pair<rtl::WireVector, rtl::WireVector> full_adder(const rtl::WireVector& a, const rtl::WireVector& b,
                                                       const rtl::WireVector& c)
{
    return {a ^ b ^ c, (a & b) | (b & c) | (a & c)};
}

// A ripple-carry adder, one full adder per bit: C++ loops elaborate hardware.
rtl::WireVector ripple_add(const rtl::WireVector& a, const rtl::WireVector& b)
{
    std::vector<rtl::WireVector> bits;
    rtl::WireVector carry = rtl::Const(0, 1);
    for (int i = 0; i < a.bitwidth(); ++i) {
        auto [s, c] = full_adder(a[i], b[i], carry);
        bits.push_back(s);
        carry = c;
    }
    return rtl::concat_list(bits);
}

}  // namespace

int main()
{
    rtl::Register counter(3, "counter");
    counter.next <<= ripple_add(counter, rtl::Const(1, 3));
    rtl::Simulation sim;
    bool ok = true;
    for (int cycle = 0; cycle < 15; ++cycle) {
        sim.step();
        ok = ok && sim.inspect("counter") == cycle % 8;
    }
    rtl::render_trace(sim.trace(), std::cout, {.format = rtl::ValueFormat::Unsigned});
    return ok ? 0 : 1;
}

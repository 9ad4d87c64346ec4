// A state machine with conditional assignment: a vending machine that takes tokens and dispenses
// after three, or refunds on request. `when/elsewhen/otherwise` chains are if / else-if / else.
// (PyRTL's example3, where `with conditional_assignment:` and `with a:` blocks do the same job.)
#include "rtl/rtl.hpp"

#include <iostream>

// The states, as a C++ enum: their values 0..4 are what the state register holds.
enum class State { Wait, Tok1, Tok2, Dispense, Refund };

int main()
{
    rtl::Input token(1, "token"), req_refund(1, "req_refund");
    rtl::Output dispense(1, "dispense"), refund(1, "refund");
    // A state register: one name per state, in the enum's order. Its width is the smallest that
    // holds 5 values (3 bits), it starts in the first state, and traces show the names.
    rtl::Register state("state", {"WAIT", "TOK1", "TOK2", "DISPENSE", "REFUND"});

    // when(condition, body) runs `body` once, now, while building: every `|=` inside it becomes
    // "this assignment holds only when the condition is 1". `state == State::Refund` style
    // comparisons turn the enum into a constant. `.next |=` is the conditional form of `.next <<=`.
    // The chain is priority-ordered: a refund request wins over a token.
    rtl::when(req_refund, [&] { state.next |= State::Refund; })
        .elsewhen(token,
                  [&] {
                      // Chains nest: this inner chain applies only when `token` is 1 (and no refund).
                      rtl::when(state == State::Wait, [&] { state.next |= State::Tok1; })
                          .elsewhen(state == State::Tok1, [&] { state.next |= State::Tok2; })
                          .elsewhen(state == State::Tok2, [&] { state.next |= State::Dispense; })
                          .otherwise([&] { state.next |= State::Tok1; });  // token in DISPENSE/REFUND: a new round
                  })
        // `|` of two 1-bit comparisons is a logical OR: leave DISPENSE or REFUND after one cycle.
        .elsewhen((state == State::Dispense) | (state == State::Refund), [&] { state.next |= State::Wait; });
    // When nothing above applies, the state register holds.
    // (An unassigned plain wire would be 0 instead.) The outputs decode the state unconditionally.
    dispense <<= state == State::Dispense;
    refund <<= state == State::Refund;

    rtl::Simulation sim;
    // Three tokens, a pause, two tokens, then a refund request in cycle 8.
    std::vector<rtl::BigInt> tokens = {0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0}, refunds = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0};
    sim.step_multiple({{"token", tokens}, {"req_refund", refunds}});
    // The waveform names the states. A register shows in cycle c what it took at the end of c-1, so
    // the third token (cycle 3) makes `dispense` 1 in cycle 4 and the refund request shows in cycle 9.
    rtl::render_trace(sim.trace(), std::cout);
    bool ok = sim.trace().values("dispense") == std::vector<rtl::BigInt>{0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0} &&
        sim.trace().values("refund")[9] == 1;
    std::cout << (ok ? "vending machine behaves\n" : "MISMATCH\n");
    return ok ? 0 : 1;
}

// A state machine with conditional assignment: a vending machine that takes tokens and dispenses
// after three, or refunds on request. `when/elsewhen/otherwise` chains are if / else-if / else.
#include "rtl/rtl.hpp"

#include <iostream>

enum class State { Wait, Tok1, Tok2, Dispense, Refund };

int main()
{
    rtl::Input token(1, "token"), req_refund(1, "req_refund");
    rtl::Output dispense(1, "dispense"), refund(1, "refund");
    rtl::Register state("state", {"WAIT", "TOK1", "TOK2", "DISPENSE", "REFUND"});

    rtl::when(req_refund, [&] { state.next |= State::Refund; })
        .elsewhen(token,
                  [&] {
                      rtl::when(state == State::Wait, [&] { state.next |= State::Tok1; })
                          .elsewhen(state == State::Tok1, [&] { state.next |= State::Tok2; })
                          .elsewhen(state == State::Tok2, [&] { state.next |= State::Dispense; })
                          .otherwise([&] { state.next |= State::Tok1; });  // token in DISPENSE/REFUND: a new round
                  })
        .elsewhen((state == State::Dispense) | (state == State::Refund), [&] { state.next |= State::Wait; });
    // When nothing above applies, the state register holds.
    dispense <<= state == State::Dispense;
    refund <<= state == State::Refund;

    rtl::Simulation sim;
    std::vector<rtl::BigInt> tokens = {0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0}, refunds = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0};
    sim.step_multiple({{"token", tokens}, {"req_refund", refunds}});
    rtl::render_trace(sim.trace(), std::cout);
    bool ok = sim.trace().values("dispense") == std::vector<rtl::BigInt>{0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0} &&
        sim.trace().values("refund")[9] == 1;
    std::cout << (ok ? "vending machine behaves\n" : "MISMATCH\n");
    return ok ? 0 : 1;
}

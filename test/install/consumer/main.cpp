// Builds and simulates a small systolic-array product through the installed rtlnet package.
#include "linalg/systolic_array.hpp"

#include <iostream>

int main()
{
    auto product = linalg::make_systolic_array("mm", linalg::IntMatrix{{1, 2}, {3, 4}},
                                               linalg::IntMatrix{{5, 6}, {7, 8}}, 0, 8, 32);
    product.ready <<= 1;
    product.make_outputs("out");
    rtl::Simulation sim(rtl::SimulationOptions{.mode = rtl::SimulationMode::Interpreter});  // the README's style
    sim.step_until([&] { return sim.inspect_u64("mm.output.valid") == 1; }, 100);
    bool ok = product.inspect(sim, "out") == linalg::IntMatrix{{19, 22}, {43, 50}};
    std::cout << (ok ? "consumer: correct\n" : "consumer: WRONG\n");
    return ok ? 0 : 1;
}

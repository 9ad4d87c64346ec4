#pragma once
// A model of the Zynq side of the AXI interfaces for rtlnet's simulator: sends stream frames and does
// AXI-Lite reads and writes, with random gaps and random ready/valid timing.

#include "rtl/rtl.hpp"

#include <random>
#include <vector>

namespace test_axi {

class AxiDriver {
public:
    AxiDriver(rtl::Simulation& sim, std::uint64_t seed);

    /// Sends one frame, one word per beat, tlast on the last; tvalid drops at random.
    void send_frame(const std::vector<rtl::BigInt>& words);
    /// One AXI-Lite read: returns {data, resp}.
    std::pair<std::uint64_t, std::uint64_t> read(std::uint64_t address);
    /// One AXI-Lite write (address and data in a random order); returns the response.
    std::uint64_t write(std::uint64_t address, std::uint64_t data);
    void step();

    rtl::InputValues inputs;
    std::uint64_t cycles = 0;

private:
    bool coin() { return rng_() % 3 != 0; }
    rtl::Simulation& sim_;
    std::mt19937_64 rng_;
};

}  // namespace test_axi

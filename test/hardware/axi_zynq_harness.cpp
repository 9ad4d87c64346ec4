// Built by Verilator together with the accelerator's AXI top (module mnist_inference_axi): acts as the
// Zynq, with random tvalid gaps and random AXI-Lite handshake timing. Reads a script on stdin:
//   frame <n> <hex word>...       send one stream frame (tlast on the last word)
//   poll <address> <count>        read <address> until bit 0 is set and bits 31..16 equal <count>
//   read <address>                print "read <address> <data> <resp>"
#include "Vmnist_inference_axi.h"
#include "verilated.h"

#include <cstdint>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>

namespace {

Vmnist_inference_axi* top;
std::mt19937_64 rng(12345);
unsigned long long cycles = 0;

bool coin()
{
    return rng() % 3 != 0;
}

// Settle the inputs of this cycle (outputs now show this cycle's values), then the clock edge.
void settle()
{
    top->eval();
}
void edge()
{
    top->clk = 1;
    top->eval();
    top->clk = 0;
    top->eval();
    ++cycles;
}

void send_frame(const std::vector<std::uint64_t>& words)
{
    for (std::size_t i = 0; i < words.size();) {
        bool valid = coin();
        top->s0_axis_tvalid = valid;
        top->s0_axis_tdata = valid ? words[i] : 0;
        top->s0_axis_tlast = valid && i + 1 == words.size();
        settle();
        bool taken = valid && top->s0_axis_tready;
        edge();
        if (taken) ++i;
    }
    top->s0_axis_tvalid = 0;
    top->s0_axis_tlast = 0;
}

std::pair<std::uint32_t, int> read(std::uint32_t address)
{
    while (!coin()) edge();
    top->s0_axi_araddr = address;
    top->s0_axi_arvalid = 1;
    for (;;) {
        settle();
        bool taken = top->s0_axi_arready;
        edge();
        if (taken) break;
    }
    top->s0_axi_arvalid = 0;
    for (;;) {
        bool ready = coin();
        top->s0_axi_rready = ready;
        settle();
        bool done = ready && top->s0_axi_rvalid;
        std::uint32_t data = top->s0_axi_rdata;
        int resp = top->s0_axi_rresp;
        edge();
        if (done) {
            top->s0_axi_rready = 0;
            return {data, resp};
        }
    }
}

}  // namespace

int main(int argc, char** argv)
{
    VerilatedContext context;
    context.commandArgs(argc, argv);
    top = new Vmnist_inference_axi{&context};
    top->clk = 0;
    top->s0_axis_aresetn = 1;
    top->s0_axi_aresetn = 1;
    top->eval();
    std::string command;
    while (std::cin >> command) {
        if (command == "frame") {
            std::size_t n;
            std::cin >> n;
            std::vector<std::uint64_t> words(n);
            for (auto& w : words) std::cin >> std::hex >> w >> std::dec;
            send_frame(words);
        } else if (command == "poll") {
            std::uint32_t address, count;
            std::cin >> address >> count;
            for (int i = 0;; ++i) {
                auto [status, resp] = read(address);
                if ((status & 1) && (status >> 16) == count) break;
                if (i > 100000) {
                    std::printf("timeout polling %u\n", address);
                    return 1;
                }
            }
        } else if (command == "read") {
            std::uint32_t address;
            std::cin >> address;
            auto [data, resp] = read(address);
            std::printf("read %u %u %d\n", address, data, resp);
        }
    }
    std::printf("cycles %llu\n", cycles);
    top->final();
    delete top;
    return 0;
}

#include "axi_driver.hpp"

namespace test_axi {

AxiDriver::AxiDriver(rtl::Simulation& sim, std::uint64_t seed) : sim_(sim), rng_(seed)
{
    for (const char* name :
         {"s0_axis_tdata", "s0_axis_tvalid", "s0_axis_tlast", "s0_axi_araddr", "s0_axi_arvalid", "s0_axi_rready",
          "s0_axi_awaddr", "s0_axi_awvalid", "s0_axi_wdata", "s0_axi_wvalid", "s0_axi_wstrb", "s0_axi_bready"})
        inputs[name] = 0;
    inputs["s0_axis_aresetn"] = 1;
    inputs["s0_axi_aresetn"] = 1;
    // A design may have only one of the two interfaces.
    for (auto it = inputs.begin(); it != inputs.end();) {
        try {
            sim_.wire_id(it->first);
            ++it;
        } catch (const rtl::SimulationError&) {
            it = inputs.erase(it);
        }
    }
}

void AxiDriver::step()
{
    sim_.step(inputs);
    ++cycles;
}

void AxiDriver::send_frame(const std::vector<rtl::BigInt>& words)
{
    for (std::size_t i = 0; i < words.size();) {
        bool valid = coin();
        inputs["s0_axis_tvalid"] = valid;
        inputs["s0_axis_tdata"] = valid ? words[i] : rtl::BigInt(0);
        inputs["s0_axis_tlast"] = valid && i + 1 == words.size();
        step();
        if (valid && sim_.inspect_u64("s0_axis_tready")) ++i;  // the beat was taken in this cycle
    }
    inputs["s0_axis_tvalid"] = 0;
    inputs["s0_axis_tlast"] = 0;
}

std::pair<std::uint64_t, std::uint64_t> AxiDriver::read(std::uint64_t address)
{
    while (!coin()) step();
    inputs["s0_axi_araddr"] = address;
    inputs["s0_axi_arvalid"] = 1;
    for (;;) {
        step();
        if (sim_.inspect_u64("s0_axi_arready")) break;
    }
    inputs["s0_axi_arvalid"] = 0;
    inputs["s0_axi_araddr"] = 0;
    for (;;) {
        bool ready = coin();
        inputs["s0_axi_rready"] = ready;
        step();
        if (ready && sim_.inspect_u64("s0_axi_rvalid")) break;
    }
    auto result = std::make_pair(sim_.inspect_u64("s0_axi_rdata"), sim_.inspect_u64("s0_axi_rresp"));
    inputs["s0_axi_rready"] = 0;
    return result;
}

std::uint64_t AxiDriver::write(std::uint64_t address, std::uint64_t data)
{
    bool address_sent = false, data_sent = false;
    int order = static_cast<int>(rng_() % 3);  // 0: together, 1: address first, 2: data first
    while (!address_sent || !data_sent) {
        bool send_address = !address_sent && order != 2, send_data = !data_sent && order != 1;
        if (order != 0 && !send_address && !send_data) send_address = !address_sent, send_data = !data_sent;
        inputs["s0_axi_awvalid"] = send_address;
        inputs["s0_axi_awaddr"] = send_address ? address : 0;
        inputs["s0_axi_wvalid"] = send_data;
        inputs["s0_axi_wdata"] = send_data ? data : 0;
        step();
        if (send_address && sim_.inspect_u64("s0_axi_awready")) address_sent = true;
        if (send_data && sim_.inspect_u64("s0_axi_wready")) data_sent = true;
        if (order == 1 && address_sent) order = 0;
        if (order == 2 && data_sent) order = 0;
    }
    inputs["s0_axi_awvalid"] = 0;
    inputs["s0_axi_wvalid"] = 0;
    for (;;) {
        bool ready = coin();
        inputs["s0_axi_bready"] = ready;
        step();
        if (ready && sim_.inspect_u64("s0_axi_bvalid")) break;
    }
    std::uint64_t resp = sim_.inspect_u64("s0_axi_bresp");
    inputs["s0_axi_bready"] = 0;
    return resp;
}

}  // namespace test_axi

#include "rtl/axi.hpp"

#include "rtl/conditional.hpp"
#include "rtl/corecircuits.hpp"
#include "rtl/error.hpp"
#include "rtl/module.hpp"

#include <fmt/format.h>

namespace rtl {

namespace {
enum class ReadState { Idle, Respond };
enum class WriteState { Idle, HaveData, HaveAddress, Respond };
enum class StreamState { Load, Done };

// The instance name of a subordinate with port prefix `p` ("s0_axi_" gives "s0_axi").
std::string instance_name(std::string p, const char* fallback)
{
    while (!p.empty() && p.back() == '_') p.pop_back();
    return p.empty() ? fallback : p;
}
}  // namespace

AxiLiteSubordinate make_axi_lite_subordinate(int num_registers, int num_writable, const std::string& p)
{
    if (num_registers < 1 || num_writable < 0 || num_writable > num_registers)
        throw WidthError(fmt::format("AXI-Lite: need 1 or more registers and 0..{} writable ones (got {} and {})",
                                     num_registers, num_registers, num_writable));
    AxiLiteSubordinate axi;
    const int index_bits = std::max(1, bit_length(num_registers - 1));
    axi.address_bits = index_bits + 2;
    for (int i = 0; i < num_registers; ++i) axi.registers.emplace_back(32, fmt::format("{}register{}", p, i));

    Input aresetn(1, p + "aresetn"), araddr(axi.address_bits, p + "araddr"), arvalid(1, p + "arvalid"),
        rready(1, p + "rready"), awaddr(axi.address_bits, p + "awaddr"), awvalid(1, p + "awvalid"),
        wdata(32, p + "wdata"), wvalid(1, p + "wvalid"), wstrb(4, p + "wstrb"), bready(1, p + "bready");
    Output arready(1, p + "arready"), rdata(32, p + "rdata"), rresp(2, p + "rresp"), rvalid(1, p + "rvalid"),
        awready(1, p + "awready"), wready(1, p + "wready"), bresp(2, p + "bresp"), bvalid(1, p + "bvalid");
    WireVector reset = ~aresetn;
    auto in_range = [&](const WireVector& addr) { return addr(axi.address_bits - 1, 2) < num_registers; };
    // The handshakes are a module of their own (the register file stays with the design that fills it).
    ModuleScope module("axi_lite_subordinate", instance_name(p, "axi_lite"));

    // Read channel: IDLE takes an address, RESPOND presents the register until the manager takes it.
    Register read_state("read_state", {"IDLE", "RESPOND"});
    Register read_index(index_bits, "read_index"), read_ok(1, "read_ok");
    WireVector ar_ready(1), r_valid(1);
    when(reset,
         [&] {
             read_state.next |= ReadState::Idle;
             read_index.next |= 0;
             read_ok.next |= 0;
         })
        .elsewhen(read_state == ReadState::Idle,
                  [&] {
                      ar_ready |= 1;
                      when(arvalid, [&] {
                          read_index.next |= araddr(axi.address_bits - 1, 2).truncate(index_bits);
                          read_ok.next |= in_range(araddr);
                          read_state.next |= ReadState::Respond;
                      });
                  })
        .otherwise([&] {
            r_valid |= 1;
            when(rready, [&] { read_state.next |= ReadState::Idle; });
        });
    std::vector<Operand> values(axi.registers.begin(), axi.registers.end());
    WireVector selected = num_registers == 1 ? WireVector(axi.registers.front()) : mux(read_index, values, 0);
    arready <<= ar_ready;
    rvalid <<= r_valid;
    rdata <<= select(read_ok, selected, 0);
    rresp <<= select(read_ok, static_cast<int>(AxiResp::Okay), static_cast<int>(AxiResp::DecErr));

    // Write channel: address and data may come in either order; the register changes when the
    // response is taken.
    Register write_state("write_state", {"IDLE", "HAVE_DATA", "HAVE_ADDRESS", "RESPOND"});
    Register write_addr(axi.address_bits, "write_addr"), write_data(32, "write_data");
    WireVector aw_ready(1), w_ready(1), b_valid(1);
    when(reset,
         [&] {
             write_state.next |= WriteState::Idle;
             write_addr.next |= 0;
             write_data.next |= 0;
         })
        .elsewhen(write_state == WriteState::Idle,
                  [&] {
                      aw_ready |= 1;
                      w_ready |= 1;
                      when(awvalid & wvalid,
                           [&] {
                               write_addr.next |= awaddr;
                               write_data.next |= wdata;
                               write_state.next |= WriteState::Respond;
                           })
                          .elsewhen(awvalid,
                                    [&] {
                                        write_addr.next |= awaddr;
                                        write_state.next |= WriteState::HaveAddress;
                                    })
                          .elsewhen(wvalid, [&] {
                              write_data.next |= wdata;
                              write_state.next |= WriteState::HaveData;
                          });
                  })
        .elsewhen(write_state == WriteState::HaveData,
                  [&] {
                      aw_ready |= 1;
                      when(awvalid, [&] {
                          write_addr.next |= awaddr;
                          write_state.next |= WriteState::Respond;
                      });
                  })
        .elsewhen(write_state == WriteState::HaveAddress,
                  [&] {
                      w_ready |= 1;
                      when(wvalid, [&] {
                          write_data.next |= wdata;
                          write_state.next |= WriteState::Respond;
                      });
                  })
        .otherwise([&] {
            b_valid |= 1;
            when(bready, [&] { write_state.next |= WriteState::Idle; });
        });
    awready <<= aw_ready;
    wready <<= w_ready;
    bvalid <<= b_valid;
    bresp <<= select(in_range(write_addr), static_cast<int>(AxiResp::Okay), static_cast<int>(AxiResp::DecErr));
    WireVector commit = (write_state == WriteState::Respond) & bready & ~reset;
    WireVector write_index = write_addr(axi.address_bits - 1, 2);
    for (int i = 0; i < num_writable; ++i) {
        Register& r = axi.registers[static_cast<std::size_t>(i)];
        r.next <<= select(reset, 0, select(commit & (write_index == i), write_data, r));
    }
    (void)wstrb;
    return axi;
}

AxiStreamSubordinate make_axi_stream_subordinate(const MemBlock& memory, const WireVector& accept, const std::string& p)
{
    if (accept.bitwidth() != 1) throw WidthError("AXI-Stream: `accept` must be a 1-bit wire");
    const int aw = memory.addrwidth();
    Input aresetn(1, p + "aresetn"), tdata(memory.bitwidth(), p + "tdata"), tvalid(1, p + "tvalid"),
        tlast(1, p + "tlast");
    Output tready(1, p + "tready");
    WireVector reset = ~aresetn;
    ModuleScope module("axi_stream_subordinate", instance_name(p, "axi_stream"));
    Register state("state", {"LOAD", "DONE"});
    Register addr(aw, "addr"), started(1, "started");
    // The write is registered (address, data, enable), so the memory write port sees register outputs.
    Register write_addr(aw, "write_addr_reg"), write_data(memory.bitwidth(), "write_data_reg"),
        write_enable(1, "write_enable_reg");
    WireVector ready = (state == StreamState::Load) & accept & aresetn;
    WireVector beat = ready & tvalid;
    WireVector last = tlast | (addr == ((std::uint64_t{1} << aw) - 1));
    when(reset,
         [&] {
             state.next |= StreamState::Load;
             addr.next |= 0;
             started.next |= 0;
         })
        .elsewhen(state == StreamState::Done,
                  [&] {
                      state.next |= StreamState::Load;  // re-arm for the next frame
                      addr.next |= 0;
                      started.next |= 0;
                  })
        .elsewhen(beat, [&] {
            started.next |= 1;
            when(last, [&] { state.next |= StreamState::Done; }).otherwise([&] { addr.next |= addr + 1; });
        });
    write_addr.next <<= addr;
    write_data.next <<= tdata;
    write_enable.next <<= beat;
    memory[write_addr] <<= EnabledWrite{write_data, write_enable};
    tready <<= ready;
    // `done` rises once the last beat's (registered) write has reached the memory.
    Register done_reg(1, "done");
    done_reg.next <<= (state == StreamState::Done) & ~reset;
    return {done_reg, started & (state == StreamState::Load)};
}

}  // namespace rtl

#pragma once
/// \file axi.hpp
/// AXI4-Lite and AXI4-Stream subordinates (slaves), reusable by any design. Port names follow Xilinx's
/// conventions (`<prefix>araddr`, `<prefix>tdata`, ...) so Vivado's IP packager infers the interfaces.
/// All logic is clocked by the design's implicit clock; `aresetn` is an active-low synchronous reset of
/// the interface state machines.

#include "rtl/memory.hpp"
#include "rtl/wire.hpp"

#include <string>
#include <vector>

namespace rtl {

/// AXI response codes.
enum class AxiResp { Okay = 0, ExOkay = 1, SlvErr = 2, DecErr = 3 };

/// What `make_axi_lite_subordinate` built.
struct AxiLiteSubordinate {
    /// The 32-bit registers, register i at byte address 4·i. Registers at index >= num_writable are
    /// read-only: the caller drives their `.next` (writes to them are acknowledged and ignored).
    std::vector<Register> registers{};
    int address_bits = 0;  ///< width of `araddr` and `awaddr`
};

/// An AXI4-Lite subordinate with `num_registers` 32-bit registers, the first `num_writable` of them
/// writable. Address and data of a write may arrive in either order (or together); every transfer
/// gets OKAY, except addresses past the last register, which get DECERR (reads return 0).
/// Ports: inputs `<p>aresetn <p>araddr <p>arvalid <p>rready <p>awaddr <p>awvalid <p>wdata <p>wvalid
/// <p>wstrb <p>bready`, outputs `<p>arready <p>rdata <p>rresp <p>rvalid <p>awready <p>wready <p>bresp
/// <p>bvalid` (p = `prefix`). `wstrb` is accepted but whole words are written. The handshake logic is
/// an instance of module `axi_lite_subordinate` named after the prefix (`s0_axi`, see module.hpp); the
/// registers belong to the enclosing design.
/// \param num_registers the number of registers (at least 1).
/// \param num_writable how many of them (from register 0) the bus may write (0 .. num_registers).
/// \param prefix the prefix of every port name.
/// \return the registers and the address width.
/// \throws WidthError if the register counts are out of range.
/// \throws ConnectionError if a port name is already used in the working block.
AxiLiteSubordinate make_axi_lite_subordinate(int num_registers, int num_writable,
                                             const std::string& prefix = "s0_axi_");

/// What `make_axi_stream_subordinate` built.
struct AxiStreamSubordinate {
    /// 1 in the cycle after the last beat of a frame was written (a one-cycle pulse).
    WireVector done{};
    /// 1 while a frame is being received (at least one beat taken, frame not complete).
    WireVector receiving{};
};

/// An AXI4-Stream subordinate that writes one beat per cycle into `memory` (tdata is as wide as a
/// word), at addresses 0, 1, 2, ...; a frame ends with `tlast` or when the last address is written.
/// It accepts beats only while `accept` is 1 (so a consumer can hold it off), and re-arms itself for the
/// next frame without a reset. Ports: inputs `<p>aresetn <p>tdata <p>tvalid <p>tlast`, output `<p>tready`.
/// Its logic is an instance of module `axi_stream_subordinate` named after the prefix (`s0_axis`).
/// \param memory the memory the frame is written into (its block is the one built in).
/// \param accept a 1-bit wire: beats are taken only while it is 1.
/// \param prefix the prefix of every port name.
/// \return the frame's `done` pulse and `receiving` status.
/// \throws WidthError if `accept` is not 1 bit.
/// \throws MemoryError if `memory` has no write port left.
AxiStreamSubordinate make_axi_stream_subordinate(const MemBlock& memory, const WireVector& accept,
                                                 const std::string& prefix = "s0_axis_");

}  // namespace rtl

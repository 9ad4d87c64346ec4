#pragma once
/// \file memory.hpp
/// Memories: `MemBlock` (RAM: combinational read, write at the clock edge) and `RomBlock`.
///
/// \code
///   rtl::MemBlock mem(8, 4, "mem");          // 16 words of 8 bits
///   rtl::WireVector q = mem[raddr];          // a read port (combinational)
///   mem[waddr] <<= wdata;                    // an unconditional write port
///   mem[waddr] <<= rtl::EnabledWrite{wdata, we};
///   rtl::when(we, [&] { mem[waddr] |= wdata; });   // a conditional write
/// \endcode
/// A read of the address being written in the same cycle returns the old word.

#include "rtl/wire.hpp"

#include <optional>
#include <vector>

namespace rtl {

/// Data plus a 1-bit enable for a memory write.
struct EnabledWrite {
    WireVector data;
    WireVector enable;
};

class MemBlock;

/// `mem[addr]`: converts to a read port (made once, on first use) or takes a write with `<<=` / `|=`.
class MemIndex {
public:
    operator WireVector() const { return read(); }
    WireVector read() const;
    void operator<<=(const WireVector& data) const;
    void operator<<=(const EnabledWrite& write) const;
    void operator|=(const WireVector& data) const;
    template <ConstLike T>
    void operator<<=(T value) const
    {
        *this <<= data_const(const_value_of(value));
    }
    template <ConstLike T>
    void operator|=(T value) const
    {
        *this |= data_const(const_value_of(value));
    }

private:
    friend class MemBlock;
    MemIndex(const MemBlock& mem, WireVector addr) : mem_(&mem), addr_(addr) {}
    WireVector data_const(const BigInt& value) const;
    const MemBlock* mem_;
    WireVector addr_;
    mutable std::optional<WireVector> read_;
};

/// A RAM of 2^addrwidth words of `bitwidth` bits. Initial contents come from the simulation's memory
/// map (all zero otherwise). `max_read_ports`/`max_write_ports` < 0 mean unlimited.
class MemBlock {
public:
    MemBlock(int bitwidth, int addrwidth, std::string name = {}, int max_read_ports = 2, int max_write_ports = 1,
             Block* block = nullptr, rtl::source_location where = rtl::source_location::current());

    /// A handle onto an existing memory of a block.
    static MemBlock wrap(Block& block, int index) { return MemBlock(&block, index); }

    MemIndex operator[](const WireVector& addr) const { return MemIndex(*this, addr); }
    template <ConstLike T>
    MemIndex operator[](T addr) const
    {
        return MemIndex(*this, address_const(const_value_of(addr)));
    }

    /// A new read port at `addr` (zero-extended if narrower than the address width).
    WireVector read(const WireVector& addr) const;
    /// A new unconditional write port.
    void write(const WireVector& addr, const WireVector& data, const WireVector& enable) const;

    Block& block() const { return *block_; }
    int index() const { return index_; }
    const MemoryInfo& info() const { return block_->memories().at(static_cast<std::size_t>(index_)); }
    const std::string& name() const { return info().name; }
    int bitwidth() const { return info().bitwidth; }
    int addrwidth() const { return info().addrwidth; }

protected:
    MemBlock(Block* block, int index) : block_(block), index_(index) {}
    friend class MemIndex;
    WireVector address_const(const BigInt& addr) const;
    WireVector fit_address(const WireVector& addr) const;
    WireVector fit_data(const WireVector& data) const;

    BlockRef block_;
    int index_;
};

/// A read-only memory holding `data` (word i at address i; missing words are 0). Values may be negative
/// (stored in two's complement) but must fit `bitwidth`.
class RomBlock : public MemBlock {
public:
    RomBlock(int bitwidth, int addrwidth, const std::vector<BigInt>& data, std::string name = {},
             int max_read_ports = 2, Block* block = nullptr,
             rtl::source_location where = rtl::source_location::current());
};

}  // namespace rtl

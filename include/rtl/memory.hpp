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
    WireVector data{};  ///< the word to write (zero-extended to the memory's width)
    WireVector enable{};  ///< 1 bit: the write happens at the clock edge only when it is 1
};

class MemBlock;

/// `mem[addr]`: converts to a read port (made once, on first use) or takes a write with `<<=` / `|=`.
/// Every write throws `MemoryError` if the address is wider than the memory's address width or the
/// data wider than its words (narrower ones are zero-extended), if the memory is a ROM, or if the
/// memory already has `max_write_ports` write ports.
class MemIndex {
public:
    /// Reads `mem[addr]` as a wire (see `read`).
    /// \return the read port's data wire.
    operator WireVector() const { return read(); }  // NOLINT: implicit, as PyRTL's mem[addr]
    /// The read port at this address: made on first use, the same wire afterwards.
    /// \return a wire of the memory's word width: the word at the address, combinationally.
    /// \throws MemoryError if the address is too wide or the memory has no read port left (naming the
    ///         line of this `mem[addr]`).
    WireVector read() const;
    /// An unconditional write port: `mem[addr] <<= data` writes at every clock edge.
    /// \param data the word to write.
    /// \throws MemoryError as described for the class.
    void operator<<=(Located<WireVector> data) const;
    /// A write port with an enable: `mem[addr] <<= EnabledWrite{data, we}`.
    /// \param write the data and its 1-bit enable.
    /// \throws MemoryError as described for the class, or if the enable is not 1 bit.
    void operator<<=(Located<EnabledWrite> write) const;
    /// An unconditional write of a constant (an integer or enumerator; negative values are written in
    /// two's complement).
    /// \param value the word.
    /// \throws MemoryError if `value` does not fit the words, or as described for the class.
    void operator<<=(LocatedConst value) const;
    /// A conditional write: inside a `when` body, writes `data` when the body's condition holds.
    /// \param data the word to write.
    /// \throws ConditionalError outside a `when` body, or under a conflicting condition.
    /// \throws MemoryError as described for the class.
    void operator|=(Located<WireVector> data) const;
    /// A conditional write with an enable (PyRTL's `mem[addr] |= EnabledWrite(data, enable)`): inside a
    /// `when` body, writes when the body's condition holds and `enable` is 1.
    /// \param write the data and its 1-bit enable.
    /// \throws ConditionalError outside a `when` body, or under a conflicting condition.
    /// \throws MemoryError as described for the class, or if the enable is not 1 bit.
    void operator|=(Located<EnabledWrite> write) const;
    /// A conditional write of a constant (see the WireVector overload).
    /// \param value the word.
    /// \throws MemoryError if `value` does not fit the words; ConditionalError outside a `when` body.
    void operator|=(LocatedConst value) const;

private:
    friend class MemBlock;
    MemIndex(const MemBlock& mem, WireVector addr, SourceLocation where)
        : mem_(&mem), addr_(std::move(addr)), where_(std::move(where))
    {}
    WireVector data_const(const BigInt& value) const;
    void conditional_write(const WireVector& data, const SourceLocation& where) const;
    const MemBlock* mem_;
    WireVector addr_;
    SourceLocation where_;  // the user's line of `mem[addr]`
    mutable std::optional<WireVector> read_;
};

/// A RAM of 2^addrwidth words of `bitwidth` bits. Initial contents come from the simulation's memory
/// map (all zero otherwise). `max_read_ports`/`max_write_ports` < 0 mean unlimited.
/// PyRTL's `MemBlock`: `mem[addr]` reads, `mem[addr] <<= data` writes (see the example of memory.hpp).
class MemBlock {
public:
    /// A new RAM in the working block (or `block`).
    /// \param bitwidth the width of each word (at least 1).
    /// \param addrwidth the address width (at least 1): the memory has 2^addrwidth words.
    /// \param name the memory's name (the key of `SimulationOptions::memory_values` and
    ///        `Simulation::inspect_mem`); empty gives a generated name.
    /// \param max_read_ports how many read ports it may have (negative: unlimited).
    /// \param max_write_ports how many write ports it may have (negative: unlimited).
    /// \param block the block to build in; null means the working block.
    /// \param where the caller's source line (leave the default).
    /// \throws WidthError if `bitwidth` or `addrwidth` is less than 1.
    /// \throws MemoryError if the memory would exceed `kMaxMemoryBits` or the name is already used.
    MemBlock(int bitwidth, int addrwidth, std::string name = {}, int max_read_ports = 2, int max_write_ports = 1,
             Block* block = nullptr, rtl::source_location where = rtl::source_location::current());

    /// A handle onto an existing memory of a block.
    /// \param block the block that holds it.
    /// \param index its index in `block.memories()`.
    /// \return a handle; nothing is built or checked.
    static MemBlock wrap(Block& block, int index) { return MemBlock(&block, index); }

    /// `mem[addr]`: a read (convert it to a wire) or a write (`<<=`, `|=`) at `addr`.
    /// \param addr the address; narrower than the address width is zero-extended.
    /// \return the indexed port, which builds nothing until it is read or written.
    MemIndex operator[](Located<WireVector> addr) const
    {
        return MemIndex(*this, addr.value, SourceLocation::from(addr.where));
    }
    /// `mem[3]`: a read or write at a constant address (an integer or enumerator).
    /// \param addr the address.
    /// \return the indexed port.
    /// \throws MemoryError if `addr` is negative or not below 2^addrwidth.
    MemIndex operator[](LocatedConst addr) const
    {
        return MemIndex(*this, address_const(addr.value), SourceLocation::from(addr.where));
    }

    /// A new read port at `addr` (zero-extended if narrower than the address width).
    /// \param addr the address wire.
    /// \param where the caller's line, named if the memory has no read port left (leave the default).
    /// \return the word at `addr`, combinationally (a write in the same cycle is seen the next cycle).
    /// \throws MemoryError if `addr` is wider than the address width or belongs to another block, or
    ///         the memory has no read port left.
    WireVector read(const WireVector& addr, rtl::source_location where = rtl::source_location::current()) const;
    /// A new write port: at each clock edge where `enable` is 1, `data` is written at `addr`.
    /// \param addr the address wire.
    /// \param data the data wire.
    /// \param enable a 1-bit write enable.
    /// \param where the caller's line, for messages (leave the default).
    /// \throws MemoryError if `enable` is not 1 bit, `addr` or `data` is too wide or in another block,
    ///         the memory is a ROM, or it has no write port left.
    void write(const WireVector& addr, const WireVector& data, const WireVector& enable,
               rtl::source_location where = rtl::source_location::current()) const;

    /// The block the memory belongs to.
    /// \return the block.
    /// \throws StaleHandleError if that block has ended.
    Block& block() const { return *block_; }
    /// The memory's index in its block.
    /// \return the index into `Block::memories()`.
    int index() const { return index_; }
    /// Everything the IR records about the memory.
    /// \return its entry in the block.
    const MemoryInfo& info() const { return block_->memories().at(static_cast<std::size_t>(index_)); }
    /// The memory's name.
    /// \return the name.
    const std::string& name() const { return info().name; }
    /// The word width.
    /// \return bits per word.
    int bitwidth() const { return info().bitwidth; }
    /// The address width.
    /// \return address bits (the memory has 2^addrwidth words).
    int addrwidth() const { return info().addrwidth; }

protected:
    /// \cond INTERNAL
    MemBlock(Block* block, int index) : block_(block), index_(index) {}
    friend class MemIndex;
    WireVector address_const(const BigInt& addr) const;
    WireVector fit_address(const WireVector& addr) const;
    WireVector fit_data(const WireVector& data) const;
    WireVector read_at(const WireVector& addr, const SourceLocation& where) const;
    void write_at(const WireVector& addr, const WireVector& data, const WireVector& enable,
                  const SourceLocation& where) const;

    BlockRef block_;
    int index_;
    /// \endcond
};

/// A read-only memory holding `data` (word i at address i; missing words are 0). Values may be negative
/// (stored in two's complement) but must fit `bitwidth`.
/// \code
///   rtl::RomBlock squares(8, 2, {0, 1, 4, 9}, "squares");
///   rtl::WireVector y = squares[x];
/// \endcode
class RomBlock : public MemBlock {
public:
    /// A new ROM in the working block (or `block`).
    /// \param bitwidth the width of each word (at least 1).
    /// \param addrwidth the address width (at least 1).
    /// \param data the contents: word i at address i, missing words 0.
    /// \param name the ROM's name; empty gives a generated name.
    /// \param max_read_ports how many read ports it may have (negative: unlimited).
    /// \param block the block to build in; null means the working block.
    /// \param where the caller's source line (leave the default).
    /// \throws WidthError if `bitwidth` or `addrwidth` is less than 1.
    /// \throws MemoryError if `data` has more than 2^addrwidth words or a word does not fit `bitwidth`.
    RomBlock(int bitwidth, int addrwidth, const std::vector<BigInt>& data, std::string name = {},
             int max_read_ports = 2, Block* block = nullptr,
             rtl::source_location where = rtl::source_location::current());
};

}  // namespace rtl

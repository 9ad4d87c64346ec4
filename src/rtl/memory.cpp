#include "rtl/memory.hpp"

#include "rtl/conditional.hpp"
#include "rtl/error.hpp"

#include <fmt/format.h>

namespace rtl {

MemBlock::MemBlock(int bitwidth, int addrwidth, std::string name, int max_read_ports, int max_write_ports, Block* block,
                   rtl::source_location where)
    : block_(block ? block : &working_block()), index_(-1)
{
    MemoryInfo info;
    info.name = std::move(name);
    info.bitwidth = bitwidth;
    info.addrwidth = addrwidth;
    info.max_read_ports = max_read_ports;
    info.max_write_ports = max_write_ports;
    info.where = SourceLocation::from(where);
    index_ = block_->add_memory(std::move(info));
}

WireVector MemBlock::address_const(const BigInt& addr) const
{
    if (addr < 0 || bit_length(addr) > addrwidth())
        throw MemoryError(fmt::format("address {} is out of range for memory \"{}\" ({} words)", addr.str(), name(),
                                      BigInt(1) << addrwidth()));
    return Const(addr, addrwidth(), false, {}, &*block_);
}

WireVector MemBlock::fit_address(const WireVector& addr) const
{
    if (&addr.block() != &*block_)
        throw MemoryError(fmt::format("address of memory \"{}\" is in another block", name()));
    if (addr.bitwidth() > addrwidth())
        throw MemoryError(fmt::format("memory \"{}\" has a {}-bit address, but {} is {} bits wide", name(), addrwidth(),
                                      block_->describe(addr.id()), addr.bitwidth()));
    return addr.zero_extended(addrwidth());
}

WireVector MemBlock::fit_data(const WireVector& data) const
{
    if (&data.block() != &*block_)
        throw MemoryError(fmt::format("write data of memory \"{}\" is in another block", name()));
    if (data.bitwidth() > bitwidth())
        throw MemoryError(fmt::format("memory \"{}\" holds {}-bit words, but the write data {} is {} bits wide", name(),
                                      bitwidth(), block_->describe(data.id()), data.bitwidth()));
    return data.zero_extended(bitwidth());
}

WireVector MemBlock::read(const WireVector& addr, rtl::source_location where) const
{
    return read_at(addr, SourceLocation::from(where));
}

WireVector MemBlock::read_at(const WireVector& addr, const SourceLocation& where) const
{
    WireVector a = fit_address(addr);
    WireVector data(bitwidth(), {}, &*block_);
    block_->add_net({Op::MemRead, {a.id()}, data.id(), {}, index_}, where);
    return data;
}

void MemBlock::write(const WireVector& addr, const WireVector& data, const WireVector& enable,
                     rtl::source_location where) const
{
    write_at(addr, data, enable, SourceLocation::from(where));
}

void MemBlock::write_at(const WireVector& addr, const WireVector& data, const WireVector& enable,
                        const SourceLocation& where) const
{
    if (enable.bitwidth() != 1)
        throw MemoryError(fmt::format("write enable of memory \"{}\" must be 1 bit, but {} is {} bits", name(),
                                      block_->describe(enable.id()), enable.bitwidth()));
    block_->add_net({Op::MemWrite, {fit_address(addr).id(), fit_data(data).id(), enable.id()}, kNoWire, {}, index_},
                    where);
}

WireVector MemIndex::read() const
{
    if (!read_) read_ = mem_->read_at(addr_, where_);
    return *read_;
}

WireVector MemIndex::data_const(const BigInt& value) const
{
    try {
        auto vb = infer_val_and_bitwidth(value, mem_->bitwidth(), value < 0);
        return Const(vb.value, vb.bitwidth, false, {}, &mem_->block());
    } catch (const Error&) {
        throw MemoryError(fmt::format("constant {} does not fit the {}-bit words of memory \"{}\"", value.str(),
                                      mem_->bitwidth(), mem_->name()));
    }
}

void MemIndex::operator<<=(Located<WireVector> data) const
{
    mem_->write_at(addr_, data.value, Const(1, 1, false, {}, &mem_->block()), SourceLocation::from(data.where));
}

void MemIndex::operator<<=(Located<EnabledWrite> write) const
{
    mem_->write_at(addr_, write.value.data, write.value.enable, SourceLocation::from(write.where));
}

void MemIndex::operator<<=(LocatedConst value) const
{
    mem_->write_at(addr_, data_const(value.value), Const(1, 1, false, {}, &mem_->block()),
                   SourceLocation::from(value.where));
}

void MemIndex::operator|=(Located<WireVector> data) const
{
    conditional_write(data.value, SourceLocation::from(data.where));
}

void MemIndex::operator|=(LocatedConst value) const
{
    conditional_write(data_const(value.value), SourceLocation::from(value.where));
}

void MemIndex::operator|=(Located<EnabledWrite> write) const
{
    const EnabledWrite& w = write.value;
    if (w.enable.bitwidth() != 1)
        throw MemoryError(fmt::format("write enable of memory \"{}\" must be 1 bit, but {} is {} bits", mem_->name(),
                                      mem_->block().describe(w.enable.id()), w.enable.bitwidth()));
    if (!mem_->block().conditional().under_condition())
        throw ConditionalError(fmt::format("mem[addr] |= EnabledWrite{{...}} for memory \"{}\" is only valid inside a "
                                           "when() body; use <<= for an unconditional write",
                                           mem_->name()));
    // Written when the enclosing condition holds and the enable is 1: a nested condition.
    when(w.enable, [&] { conditional_write(w.data, SourceLocation::from(write.where)); });
}

void MemIndex::conditional_write(const WireVector& data, const SourceLocation& where) const
{
    Block& block = mem_->block();
    if (!block.conditional().under_condition())
        throw ConditionalError(fmt::format("mem[addr] |= data for memory \"{}\" is only valid inside a when() body; "
                                           "use <<= for an unconditional write{}",
                                           mem_->name(), where.file.empty() ? "" : " (at " + where.str() + ")"));
    if (mem_->info().is_rom) throw MemoryError(fmt::format("\"{}\" is a ROM and cannot be written", mem_->name()));
    block.conditional().write_memory(block, mem_->index(), mem_->fit_address(addr_).id(), mem_->fit_data(data).id(),
                                     where);
}

RomBlock::RomBlock(int bitwidth, int addrwidth, const std::vector<BigInt>& data, std::string name, int max_read_ports,
                   Block* block, rtl::source_location where)
    : MemBlock(bitwidth, addrwidth, std::move(name), max_read_ports, 0, block, where)
{
    auto& info = block_->memory_mut(index_);
    info.is_rom = true;
    if (addrwidth < 63 && data.size() > (std::size_t{1} << addrwidth))
        throw MemoryError(fmt::format("ROM \"{}\" has {} words of data but only {} addresses", info.name, data.size(),
                                      std::size_t{1} << addrwidth));
    info.romdata.reserve(data.size());
    for (std::size_t i = 0; i < data.size(); ++i) {
        try {
            info.romdata.push_back(infer_val_and_bitwidth(data[i], bitwidth, data[i] < 0).value);
        } catch (const Error&) {
            throw MemoryError(
                fmt::format("ROM \"{}\" word {} = {} does not fit in {} bits", info.name, i, data[i].str(), bitwidth));
        }
    }
}

}  // namespace rtl

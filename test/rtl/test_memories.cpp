// Memories: combinational reads, clocked writes, enables, read-during-write, ROMs, port limits.
#include "rtl/rtl.hpp"

#include <catch2/catch.hpp>

using rtl::BigInt;

TEST_CASE("a memory reads combinationally and writes at the clock edge - read-during-write gives the old word")
{
    rtl::BlockScope scope;
    rtl::Input waddr(2, "waddr"), wdata(8, "wdata"), we(1, "we"), raddr(2, "raddr");
    rtl::Output q(8, "q");
    rtl::MemBlock mem(8, 2, "mem");
    q <<= mem[raddr];
    mem[waddr] <<= rtl::EnabledWrite{wdata, we};
    rtl::Simulation sim;
    sim.step({{"waddr", 1}, {"wdata", 42}, {"we", 1}, {"raddr", 1}});
    CHECK(sim.inspect("q") == 0);  // old value while it is being written
    CHECK(sim.inspect_mem("mem") == std::map<std::uint64_t, BigInt>{{1, 42}});
    sim.step({{"waddr", 1}, {"wdata", 7}, {"we", 0}, {"raddr", 1}});
    CHECK(sim.inspect("q") == 42);
    sim.step({{"waddr", 1}, {"wdata", 7}, {"we", 0}, {"raddr", 1}});
    CHECK(sim.inspect("q") == 42);  // disabled write changed nothing
}

TEST_CASE("initial memory contents and conditional writes")
{
    rtl::BlockScope scope;
    rtl::Input addr(3, "addr"), data(16, "data"), go(1, "go");
    rtl::Output q(16, "q");
    rtl::MemBlock mem(16, 3, "mem");
    q <<= mem[addr];
    rtl::when(go, [&] { mem[addr] |= data; });
    // Address 0 holds a word too: a write that ignored its condition would store the default data (0)
    // at the default address (0) as readily as the step's data at the step's address.
    rtl::Simulation sim(rtl::SimulationOptions{.memory_values = {{"mem", {{0, 4242}, {2, 1000}, {5, 0xFFFF}}}}});
    // Every disabled step is followed by a read of the address it would have written.
    sim.step({{"addr", 5}, {"data", 1}, {"go", 0}});
    CHECK(sim.inspect("q") == 0xFFFF);
    sim.step({{"addr", 5}, {"data", 2}, {"go", 0}});
    CHECK(sim.inspect("q") == 0xFFFF);  // the disabled write of 1 did not happen
    sim.step({{"addr", 2}, {"data", 77}, {"go", 1}});
    CHECK(sim.inspect("q") == 1000);
    sim.step({{"addr", 2}, {"data", 0}, {"go", 0}});
    CHECK(sim.inspect("q") == 77);
    sim.step({{"addr", 2}, {"data", 3}, {"go", 0}});
    CHECK(sim.inspect("q") == 77);  // nor the disabled write of 0
    sim.step({{"addr", 0}, {"data", 9}, {"go", 0}});
    CHECK(sim.inspect("q") == 4242);
    sim.step({{"addr", 0}, {"data", 9}, {"go", 0}});
    CHECK(sim.inspect("q") == 4242);
    CHECK(sim.inspect_mem("mem") == std::map<std::uint64_t, BigInt>{{0, 4242}, {2, 77}, {5, 0xFFFF}});
}

TEST_CASE("wide ROM words and negative ROM data")
{
    rtl::BlockScope scope;
    rtl::Input addr(2, "addr");
    rtl::Output q(200, "q"), s(8, "s");
    BigInt big = (BigInt(1) << 199) | 12345;
    rtl::RomBlock rom(200, 2, {1, big, 3}, "rom");
    rtl::RomBlock small(8, 2, {-1, -128, 127}, "small");
    q <<= rom[addr];
    s <<= small[addr];
    rtl::Simulation sim;
    sim.step({{"addr", 1}});
    CHECK(sim.inspect("q") == big);
    CHECK(sim.inspect("s") == 128);
    sim.step({{"addr", 0}});
    CHECK(sim.inspect("s") == 255);
    sim.step({{"addr", 3}});
    CHECK(sim.inspect("q") == 0);  // missing ROM words read as 0
    CHECK_THROWS_AS(rtl::RomBlock(4, 2, {16}), rtl::MemoryError);
}

TEST_CASE("memory port limits and widths are enforced")
{
    rtl::BlockScope scope;
    rtl::Input addr(2, "addr"), wide_addr(3, "wide_addr"), data(9, "data");
    rtl::MemBlock mem(8, 2, "mem", 1, 1);
    CHECK(mem.read(addr).bitwidth() == 8);
    CHECK_THROWS_AS(mem.read(addr), rtl::MemoryError);  // max_read_ports = 1
    rtl::MemBlock mem2(8, 2, "mem2");
    CHECK_THROWS_AS(mem2.read(wide_addr), rtl::MemoryError);
    CHECK_THROWS_AS(mem2[addr] <<= data, rtl::MemoryError);
    rtl::RomBlock rom(8, 2, {1, 2}, "rom");
    rtl::Input d8(8, "d8");
    CHECK_THROWS_AS(rom[addr] <<= d8, rtl::MemoryError);
}

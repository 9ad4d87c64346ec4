// Formal equivalence (yosys) of designs before and after the optimization pipeline: a proof for all
// inputs and all cycles, where the differential tests sample some.
#include "random_circuit.hpp"
#include "verilog_tools.hpp"

#include <catch2/catch.hpp>

TEST_CASE("yosys proves random circuits equivalent before and after the pipeline", "[formal]")
{
    // 40 batches of 5 circuits (narrow, so that the SAT problems with multipliers stay small).
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        rtl::BlockScope scope;
        std::mt19937_64 rng(seed * 104729);
        std::map<std::string, std::map<std::uint64_t, rtl::BigInt>> memories;
        for (int i = 0; i < 5; ++i) {
            auto c = test_tools::add_random_circuit(rng, "c" + std::to_string(i) + "_", 14, 8);
            memories.insert(c.memory_init.begin(), c.memory_init.end());
        }
        auto result = test_tools::yosys_equivalence(scope.block(),
                                                    test_tools::scratch_dir("formal" + std::to_string(seed)), memories);
        INFO("seed " << seed << "\n" << result.output.substr(0, 3000));
        CHECK(result.exit_code == 0);
    }
}

TEST_CASE("yosys finds a difference that the pipeline did not make", "[formal]")
{
    // The check itself must be able to fail: two designs that differ in one Output bit.
    auto build = [](int mask) {
        rtl::Input a(4, "a"), b(4, "b");
        rtl::Register r(4, "r");
        r.next <<= a + b;
        rtl::Output o(4, "o");
        o <<= r ^ mask;
    };
    rtl::BlockScope scope;
    build(1);
    auto dir = test_tools::scratch_dir("formal_negative");
    REQUIRE(test_tools::yosys_equivalence(scope.block(), dir).exit_code == 0);
    rtl::BlockScope other;
    build(3);
    std::ostringstream gate;
    rtl::output_to_verilog(gate, other.block(), {.module_name = "gate", .pipeline = "none"});
    test_tools::write_file(dir / "gate.v", gate.str());
    CHECK(rtl::yosys_run(dir, "script equiv.ys").exit_code != 0);
}

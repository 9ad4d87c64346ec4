// libFuzzer target: qnn::parse_npz (the zip reader and every member's .npy).
#include "fuzz_support.hpp"
#include "qnn/npz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    rtlnet_fuzz::expect_only_qnn_errors([&] {
        for (const auto& [name, array] : qnn::parse_npz(rtlnet_fuzz::bytes(data, size), "fuzz.npz")) {
            (void)name;
            (void)array.to_double();
        }
    });
    return 0;
}

// libFuzzer target: qnn::parse_image_set_npz (pyrtlnet's mnist_test_data.npz layout).
#include "fuzz_support.hpp"
#include "qnn/mnist.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    rtlnet_fuzz::expect_only_qnn_errors([&] {
        const qnn::ImageSet set = qnn::parse_image_set_npz(rtlnet_fuzz::bytes(data, size), "fuzz.npz");
        if (set.pixels.size() != set.size() * set.image_size()) __builtin_trap();
        for (std::size_t i = 0; i < set.size(); ++i) (void)set.image(i);
    });
    return 0;
}

// libFuzzer target: qnn::read_idx_images and read_idx_labels on the input as a file (plain or gzip:
// the reader streams both).
#include "fuzz_support.hpp"
#include "qnn/mnist.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto path = rtlnet_fuzz::input_file(data, size, ".idx");
    rtlnet_fuzz::expect_only_qnn_errors([&] {
        const qnn::IdxImages images = qnn::read_idx_images(path);
        if (images.pixels.size() !=
            images.count * static_cast<std::size_t>(images.rows) * static_cast<std::size_t>(images.cols))
            __builtin_trap();
    });
    rtlnet_fuzz::expect_only_qnn_errors([&] { (void)qnn::read_idx_labels(path); });
    return 0;
}

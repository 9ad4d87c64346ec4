// libFuzzer target: qnn::parse_npy and the element conversions of what it accepts.
#include "fuzz_support.hpp"
#include "qnn/npz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    rtlnet_fuzz::expect_only_qnn_errors([&] {
        const qnn::NpyArray array = qnn::parse_npy(rtlnet_fuzz::bytes(data, size), "fuzz.npy");
        (void)array.shape_string();
        (void)array.to_double();
        if (array.dtype != qnn::DType::float32 && array.dtype != qnn::DType::float64) (void)array.to_int64();
        if (array.dtype == qnn::DType::float32) (void)array.to_float32();
    });
    return 0;
}

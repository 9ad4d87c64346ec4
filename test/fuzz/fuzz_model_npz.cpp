// libFuzzer target: qnn::parse_model_npz (pyrtlnet's quantized.npz layout and validate_model).
#include "fuzz_support.hpp"
#include "qnn/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    rtlnet_fuzz::expect_only_qnn_errors([&] {
        const qnn::QuantizedModel model = qnn::parse_model_npz(rtlnet_fuzz::bytes(data, size), "fuzz.npz");
        (void)qnn::model_to_json(model);
    });
    return 0;
}

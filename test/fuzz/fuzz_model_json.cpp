// libFuzzer target: qnn::model_from_json, and model_to_json of what it accepts (which must read back).
#include "fuzz_support.hpp"
#include "qnn/model.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    rtlnet_fuzz::expect_only_qnn_errors([&] {
        const std::string text(reinterpret_cast<const char*>(data), size);
        const qnn::QuantizedModel model = qnn::model_from_json(text, "fuzz.json");
        const std::string again = qnn::model_to_json(model);
        if (qnn::model_to_json(qnn::model_from_json(again, "round-trip.json")) != again) __builtin_trap();
    });
    return 0;
}

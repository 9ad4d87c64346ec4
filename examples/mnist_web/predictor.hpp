#pragma once
// One prediction for the web page: a drawing (or a test image) through the MNIST recipe, the network
// input, every implementation, and the accelerator's waveform. No HTTP here (see server.hpp).

#include "accel/hardware_inference.hpp"
#include "qnn/inference.hpp"
#include "qnn/reference.hpp"

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace web {

struct PredictorOptions {
    int hardware_pool = 2;  ///< accelerator simulations, one per request in flight (more requests wait)
    rtl::SimulationMode mode = rtl::SimulationMode::Interpreter;
    /// A simulation is rebuilt after this many runs, so that its trace does not grow without bound.
    int runs_per_simulation = 200;
};

struct Prediction {
    std::vector<float> image28{};  ///< what the network's input was made from (after the MNIST recipe, if asked)
    std::vector<float> image12{};  ///< the network's float input (12x12)
    std::vector<std::int8_t> quantized{};  ///< the network's int8 input, as the accelerator reads it
    std::vector<std::string> layer_names{};
    std::vector<std::vector<std::int8_t>> layers{};  ///< software's outputs of every layer (the last: scores)
    int prediction = -1;  ///< software's
    std::map<std::string, int> implementations{};  ///< name -> predicted digit
    bool agree = false;  ///< every implementation has the same prediction and layer outputs
    std::uint64_t cycles = 0;  ///< accelerator cycles from start to valid
    std::string waveform_svg{};
};

/// Thread-safe: any number of threads may call predict at once.
class Predictor {
public:
    explicit Predictor(qnn::QuantizedModel model, PredictorOptions options = {});
    ~Predictor();

    /// `pixels`: 784 values in [0, 1] (28x28, row-major, 1 = ink). With `normalize` the MNIST recipe
    /// (qnn::normalize_drawing) runs first; without, the image is used as a data-set image is.
    /// \throws qnn::DataError for a wrong size or a value that is not finite.
    Prediction predict(std::span<const float> pixels, bool normalize) const;

    /// The wires the waveform shows.
    static std::vector<std::string> waveform_wires(const qnn::QuantizedModel& model);

private:
    struct Slot {
        std::unique_ptr<accel::HardwareInference> hardware{};
        int runs = 0;
    };
    std::unique_ptr<Slot> acquire() const;
    void release(std::unique_ptr<Slot> slot) const;
    std::unique_ptr<accel::HardwareInference> make_hardware() const;

    qnn::QuantizedModel model_;
    PredictorOptions options_;
    qnn::SoftwareInference software_;
    qnn::ReferenceInference reference_;
    mutable std::mutex mutex_;
    mutable std::condition_variable available_;
    mutable std::vector<std::unique_ptr<Slot>> free_;
};

}  // namespace web

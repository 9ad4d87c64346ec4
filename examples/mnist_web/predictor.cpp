#include "predictor.hpp"

#include "qnn/digit_image.hpp"
#include "qnn/error.hpp"
#include "rtl/waveform.hpp"

#include <fmt/format.h>

#include <cmath>
#include <sstream>

namespace web {

Predictor::Predictor(qnn::QuantizedModel model, PredictorOptions options)
    : model_(model), options_(options), software_(model), reference_(model)
{
    if (options_.hardware_pool < 1) options_.hardware_pool = 1;
    for (int i = 0; i < options_.hardware_pool; ++i) free_.push_back(nullptr);  // built on first use
}

Predictor::~Predictor() = default;

std::vector<std::string> Predictor::waveform_wires(const qnn::QuantizedModel& model)
{
    std::vector<std::string> wires = {"start", "input_ready"};
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const std::string name = qnn::layer_name(model, i);
        wires.push_back(name + "_matmul.state");
        if (i == 0) wires.push_back(name + "_matmul.counter");
        wires.push_back(name + ".output.valid");
    }
    wires.insert(wires.end(), {"valid", "argmax_0"});
    return wires;
}

std::unique_ptr<accel::HardwareInference> Predictor::make_hardware() const
{
    return std::make_unique<accel::HardwareInference>(model_, accel::HardwareOptions{.batch_size = 1}, options_.mode,
                                                      waveform_wires(model_));
}

std::unique_ptr<Predictor::Slot> Predictor::acquire() const
{
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !free_.empty(); });
    std::unique_ptr<Slot> slot = std::move(free_.back());
    free_.pop_back();
    return slot;
}

void Predictor::release(std::unique_ptr<Slot> slot) const
{
    {
        std::lock_guard lock(mutex_);
        free_.push_back(std::move(slot));
    }
    available_.notify_one();
}

Prediction Predictor::predict(std::span<const float> pixels, bool normalize) const
{
    Prediction p;
    p.image28 = normalize ? qnn::normalize_drawing(pixels) : std::vector<float>(pixels.begin(), pixels.end());
    p.image12 = qnn::network_image(p.image28);  // checks the size (and, with normalize, finiteness was checked)
    for (float v : p.image12)
        if (!std::isfinite(v)) throw qnn::DataError("the image has a value that is not a finite number");
    const std::vector<qnn::ImageView> batch{qnn::ImageView(p.image12)};
    const qnn::Int8Matrix input = qnn::quantize_batch(model_, batch);
    p.quantized = input.data;

    const qnn::BatchResult sw = software_.run_quantized(input);
    p.layer_names = sw.layer_names;
    for (std::size_t i = 0; i < sw.layer_outputs.size(); ++i) {
        const auto row = sw.output(i, 0);
        p.layers.emplace_back(row.begin(), row.end());
    }
    p.prediction = sw.predictions.at(0);
    p.implementations["software"] = p.prediction;
    p.implementations["reference"] = reference_.run_batch(batch).predictions.at(0);

    // The accelerator: one simulation per request in flight; a slot comes back even if the run throws.
    std::unique_ptr<Slot> slot = acquire();
    struct Return {
        const Predictor* self;
        std::unique_ptr<Slot>& slot;
        ~Return()
        {
            if (!slot) slot = std::make_unique<Slot>();
            self->release(std::move(slot));
        }
    } give_back{this, slot};
    if (!slot) slot = std::make_unique<Slot>();
    if (!slot->hardware || slot->runs >= options_.runs_per_simulation) {
        slot->hardware.reset();
        slot->hardware = make_hardware();
        slot->runs = 0;
    }
    const qnn::BatchResult hw = slot->hardware->run_quantized(input);
    ++slot->runs;
    p.implementations["hardware"] = hw.predictions.at(0);
    p.cycles = slot->hardware->last_cycles();
    std::ostringstream svg;
    rtl::write_svg(slot->hardware->simulation().trace(), svg, slot->hardware->last_batch_options(),
                   {.cycle_width = 6, .row_height = 22});
    p.waveform_svg = svg.str();

    p.agree = true;
    for (const auto& [name, digit] : p.implementations) p.agree = p.agree && digit == p.prediction;
    for (std::size_t i = 0; i < hw.layer_outputs.size(); ++i)
        p.agree = p.agree && hw.layer_outputs[i].data == sw.layer_outputs[i].data;
    return p;
}

}  // namespace web

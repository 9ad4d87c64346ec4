// Simulates the accelerator batch by batch in one long-lived simulation.

#include "accel/hardware_inference.hpp"

#include <fmt/format.h>

namespace accel {

HardwareInference::HardwareInference(qnn::QuantizedModel model, HardwareOptions options, rtl::SimulationMode mode,
                                     std::vector<std::string> traced)
    : block_(std::make_shared<rtl::Block>()), mode_(mode)
{
    auto begin = std::chrono::steady_clock::now();
    accelerator_ = std::make_shared<const HardwareAccelerator>(model, options, *block_);
    simulate(std::move(traced));
    elaboration_time_ = std::chrono::steady_clock::now() - begin;
}

HardwareInference::HardwareInference(ReplicaTag, const HardwareInference& design, std::vector<std::string> traced)
    : block_(design.block_), accelerator_(design.accelerator_), mode_(design.mode_)
{
    auto begin = std::chrono::steady_clock::now();
    simulate(std::move(traced));
    elaboration_time_ = std::chrono::steady_clock::now() - begin;
}

std::unique_ptr<HardwareInference> HardwareInference::replica(std::vector<std::string> traced) const
{
    return std::unique_ptr<HardwareInference>(new HardwareInference(ReplicaTag{}, *this, std::move(traced)));
}

void HardwareInference::simulate(std::vector<std::string> traced)
{
    // Nothing is traced unless asked: a batch is hundreds of cycles and tracing costs time.
    bool trace = !traced.empty();
    traced_ = traced;
    simulation_ = std::make_unique<rtl::Simulation>(
        *block_, rtl::SimulationOptions{.mode = mode_, .trace = trace, .traced_wires = std::move(traced)});
    const auto& m = accelerator_->model();
    const int batch_size = accelerator_->options().batch_size;
    for (std::size_t i = 0; i < m.layers.size(); ++i) {
        const std::string name = qnn::layer_name(m, i);
        std::vector<rtl::WireId> ids;
        for (int r = 0; r < m.layers[i].rows; ++r)
            for (int c = 0; c < batch_size; ++c)
                ids.push_back(simulation_->wire_id(fmt::format("{}_{}_{}", name, r, c)));
        layer_outputs_.push_back(std::move(ids));
    }
    for (int c = 0; c < batch_size; ++c) argmax_.push_back(simulation_->wire_id(fmt::format("argmax_{}", c)));
    start_ = simulation_->wire_id("start");
    for (const char* port : {"flat_batch_write_addr", "flat_batch_write_data", "flat_batch_write_enable"})
        simulation_->set_input(simulation_->wire_id(port), 0);
    simulation_->set_input(start_, 0);
}

HardwareInference::~HardwareInference() = default;

qnn::BatchResult HardwareInference::run_batch(std::span<const qnn::ImageView> images)
{
    return run_quantized(qnn::quantize_batch(accelerator_->model(), images));
}

qnn::BatchResult HardwareInference::run_quantized(const qnn::Int8Matrix& inputs)
{
    auto begin = std::chrono::steady_clock::now();
    const auto& model = accelerator_->model();
    const int B = accelerator_->options().batch_size;
    const int n = inputs.cols;
    auto words = accelerator_->input_memory_words(inputs);
    for (std::size_t addr = 0; addr < words.size(); ++addr) simulation_->write_memory("flat_batch", addr, words[addr]);

    last_start_cycle_ = simulation_->cycle();
    // In the start cycle `valid` may still show the previous batch's result; it drops at that edge.
    simulation_->set_input(start_, 1);
    simulation_->step();
    simulation_->set_input(start_, 0);
    const std::uint64_t limit = static_cast<std::uint64_t>(accelerator_->latency_cycles()) * 4 + 16;
    last_cycles_ = 1 + simulation_->run_until("valid", limit);

    qnn::BatchResult result;
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const qnn::DenseLayer& layer = model.layers[i];
        result.layer_names.push_back(qnn::layer_name(model, i));
        qnn::Int8Matrix out(n, layer.rows);
        for (int r = 0; r < layer.rows; ++r)
            for (int k = 0; k < n; ++k)
                out.at(k, r) = static_cast<std::int8_t>(
                    simulation_->value_u64(layer_outputs_[i][static_cast<std::size_t>(r * B + k)]));
        result.layer_outputs.push_back(std::move(out));
    }
    for (int k = 0; k < n; ++k)
        result.predictions.push_back(static_cast<int>(simulation_->value_u64(argmax_[static_cast<std::size_t>(k)])));
    simulation_time_ += std::chrono::steady_clock::now() - begin;
    return result;
}

rtl::RenderOptions HardwareInference::last_batch_options(std::size_t first, std::size_t end) const
{
    auto start = static_cast<std::size_t>(last_start_cycle_);
    if (end == 0 || end > last_cycles_) end = static_cast<std::size_t>(last_cycles_);
    rtl::RenderOptions options{.names = traced_,
                               .format = rtl::ValueFormat::Unsigned,
                               .style = rtl::TraceStyle::Utf8,
                               .first_cycle = start + first,
                               .end_cycle = start + end};
    for (const auto& name : traced_)
        if (name.find(".pe[") != std::string::npos) options.format_per_name[name] = rtl::ValueFormat::Signed;
    return options;
}

void HardwareInference::render_last_batch(std::ostream& out, std::size_t first, std::size_t end) const
{
    rtl::render_trace(simulation_->trace(), out, last_batch_options(first, end));
}

}  // namespace accel

// Streams images through the simulated tiled accelerator and collects its outputs.

#include "accel/tiled_inference.hpp"

#include "tiled_collector.hpp"

#include <fmt/format.h>

namespace accel {

TiledInference::TiledInference(qnn::QuantizedModel model, TiledOptions options, rtl::SimulationMode mode,
                               std::vector<std::string> traced)
    : block_(std::make_shared<rtl::Block>()), mode_(mode)
{
    auto begin = std::chrono::steady_clock::now();
    accelerator_ = std::make_shared<const TiledAccelerator>(model, options, *block_);
    simulate(std::move(traced));
    elaboration_time_ = std::chrono::steady_clock::now() - begin;
}

TiledInference::TiledInference(ReplicaTag, const TiledInference& design)
    : block_(design.block_), accelerator_(design.accelerator_), mode_(design.mode_)
{
    auto begin = std::chrono::steady_clock::now();
    simulate({});
    elaboration_time_ = std::chrono::steady_clock::now() - begin;
}

TiledInference::~TiledInference() = default;

std::unique_ptr<TiledInference> TiledInference::replica() const
{
    return std::unique_ptr<TiledInference>(new TiledInference(ReplicaTag{}, *this));
}

void TiledInference::simulate(std::vector<std::string> traced)
{
    const bool trace = !traced.empty();
    simulation_ = std::make_unique<rtl::Simulation>(
        *block_, rtl::SimulationOptions{.mode = mode_, .trace = trace, .traced_wires = std::move(traced)});
    const TiledPorts& names = accelerator_->ports();
    pixels_ = simulation_->wire_id(names.pixels);
    pixels_valid_ = simulation_->wire_id(names.pixels_valid);
    pixels_last_ = simulation_->wire_id(names.pixels_last);
    pixels_ready_ = simulation_->wire_id(names.pixels_ready);
    result_valid_ = simulation_->wire_id(names.result_valid);
    result_ = simulation_->wire_id(names.result);
    for (int q = 0; accelerator_->options().observe && q < accelerator_->plan().shape().requantizers; ++q)
        requant_.push_back({simulation_->wire_id(fmt::format("requant{}_valid", q)),
                            simulation_->wire_id(fmt::format("requant{}_lane", q)),
                            simulation_->wire_id(fmt::format("requant{}_index", q)),
                            simulation_->wire_id(fmt::format("requant{}_value", q))});
    simulation_->set_input(pixels_, 0);
    simulation_->set_input(pixels_valid_, 0);
    simulation_->set_input(pixels_last_, 0);
    simulation_->set_input(simulation_->wire_id(names.result_ready), 1);  // always ready here
    if (names.reset) simulation_->set_input(simulation_->wire_id(names.reset), 1);  // not in reset
}

qnn::BatchResult TiledInference::run_batch(std::span<const qnn::ImageView> images)
{
    return run_quantized(qnn::quantize_batch(accelerator_->model(), images));
}

qnn::BatchResult TiledInference::run_quantized(const qnn::Int8Matrix& inputs)
{
    auto begin = std::chrono::steady_clock::now();
    const qnn::QuantizedModel& model = accelerator_->model();
    const TiledPlan& plan = accelerator_->plan();
    const int n = inputs.cols, C = plan.shape().cols;
    if (inputs.rows != model.input_size())
        throw rtl::Error(
            fmt::format("input matrix has {} rows, the model expects {} inputs", inputs.rows, model.input_size()));
    detail::TiledCollector collector(*accelerator_, n);
    if (n == 0) return collector.take();

    std::vector<std::uint64_t> words;
    for (int k = 0; k < n; ++k)
        for (const rtl::BigInt& w : accelerator_->image_words(inputs, k))
            words.push_back(static_cast<std::uint64_t>(w));
    std::vector<std::uint64_t> result_cycle;
    std::size_t next_word = 0;
    std::uint64_t first_input = 0, last_input = 0;
    // Generous: sixteen times every group's schedule with its loading and draining.
    const std::uint64_t limit = 16 *
        (static_cast<std::uint64_t>(plan.cycles_per_group()) + static_cast<std::uint64_t>(plan.words_per_image()) * C +
         64) *
        (static_cast<std::uint64_t>(n) / static_cast<std::uint64_t>(C) + 2);
    for (std::uint64_t steps = 0; !collector.done(); ++steps) {
        if (steps > limit)
            throw rtl::Error(fmt::format("the tiled accelerator delivered {} of {} results in {} cycles",
                                         collector.results(), n, steps));
        const bool sending = next_word < words.size();
        simulation_->set_input_u64(pixels_, sending ? words[next_word] : 0);
        simulation_->set_input_u64(pixels_valid_, sending ? 1 : 0);
        simulation_->set_input_u64(pixels_last_, sending && next_word + 1 == words.size() ? 1 : 0);
        const std::uint64_t cycle = simulation_->cycle();
        simulation_->step();
        if (sending && simulation_->value_u64(pixels_ready_) != 0) {
            if (next_word == 0) first_input = cycle;
            if (next_word + 1 == words.size()) last_input = cycle;
            ++next_word;
        }
        for (const RequantPorts& port : requant_)
            if (simulation_->value_u64(port.valid) != 0)
                collector.requantized(simulation_->value_u64(port.lane), simulation_->value_u64(port.index),
                                      simulation_->value_u64(port.value));
        if (simulation_->value_u64(result_valid_) != 0) {
            collector.classified(simulation_->value_u64(result_));
            result_cycle.push_back(cycle);
        }
    }
    last_latency_ = result_cycle.back() - last_input;
    last_cycles_ = result_cycle.back() - first_input + 1;
    if (n >= 2 * C) {
        const std::size_t first_group_end = static_cast<std::size_t>(C) - 1;
        const std::size_t last_full = static_cast<std::size_t>(n / C * C) - 1;
        last_cycles_per_image_ = static_cast<double>(result_cycle[last_full] - result_cycle[first_group_end]) /
            static_cast<double>(last_full - first_group_end);
    } else {
        last_cycles_per_image_ = static_cast<double>(last_cycles_) / n;
    }
    simulation_time_ += std::chrono::steady_clock::now() - begin;
    return collector.take();
}

}  // namespace accel

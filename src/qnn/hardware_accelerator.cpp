// Builds the quantized network as hardware from linalg's generators.

#include "qnn/hardware_inference.hpp"

#include "linalg/elementwise.hpp"
#include "linalg/systolic_array.hpp"
#include "qnn/error.hpp"

#include <fmt/format.h>

namespace qnn {

namespace {

linalg::IntMatrix weight_matrix(const DenseLayer& layer)
{
    linalg::IntMatrix w(static_cast<std::size_t>(layer.rows), std::vector<std::int64_t>(static_cast<std::size_t>(layer.cols)));
    for (int r = 0; r < layer.rows; ++r)
        for (int c = 0; c < layer.cols; ++c) w[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] = layer.w(r, c);
    return w;
}

}  // namespace

HardwareAccelerator::HardwareAccelerator(const QuantizedModel& model, HardwareOptions options, rtl::Block& block)
    : model_(model), options_(options), block_(&block)
{
    validate_model(model_, "hardware model");
    const int B = options_.batch_size;
    if (B < 1) throw rtl::Error(fmt::format("batch size must be at least 1, got {}", B));
    if (options_.accumulator_bitwidth != 32)
        throw rtl::Error("the requantization stage assumes 32-bit accumulators (accumulator_bitwidth = 32)");
    rtl::BlockScope scope(block);
    const int ib = options_.input_bitwidth;

    // The input memory: B images, streamed by the first systolic array.
    const DenseLayer& first = model_.layers.front();
    linalg::Shape in_shape{first.cols, B};
    input_addrwidth_ = linalg::systolic_counter_bitwidth({first.rows, first.cols}, in_shape);
    rtl::MemBlock flat_batch(ib * B, input_addrwidth_, "flat_batch");
    rtl::Input write_addr(input_addrwidth_, "flat_batch_write_addr"), write_data(ib * B, "flat_batch_write_data"),
        write_enable(1, "flat_batch_write_enable"), start(1, "start");
    flat_batch[write_addr] <<= rtl::EnabledWrite{write_data, write_enable};
    auto input = linalg::WireMatrix2D::from_memory(flat_batch, first.cols, B, ib, "flat_batch");
    input.valid <<= start;
    rtl::Output input_ready(1, "input_ready");
    input_ready <<= input.ready;

    linalg::WireMatrix2D activations = input;
    for (std::size_t i = 0; i < model_.layers.size(); ++i) {
        const DenseLayer& layer = model_.layers[i];
        const std::string name = layer.name.empty() ? fmt::format("layer{}", i) : layer.name;
        auto product = linalg::make_systolic_array(name + "_matmul", weight_matrix(layer), activations,
                                                   model_.layer_input_zero(i), ib, options_.accumulator_bitwidth);
        latency_ += linalg::num_systolic_array_cycles({layer.rows, layer.cols}, {layer.cols, B});
        linalg::IntMatrix bias(static_cast<std::size_t>(layer.rows));
        for (int r = 0; r < layer.rows; ++r) bias[static_cast<std::size_t>(r)] = {layer.bias[static_cast<std::size_t>(r)]};
        auto bias_matrix = linalg::WireMatrix2D::from_values(bias, linalg::minimum_bitwidth(bias), name + "_bias");
        auto sum = linalg::make_elementwise_add(name + "_add", product, bias_matrix, options_.accumulator_bitwidth);
        linalg::WireMatrix2D rectified = layer.relu ? linalg::make_elementwise_relu(name + "_relu", sum) : sum;
        std::vector<std::uint32_t> m0;
        std::vector<int> n;
        for (const Multiplier& m : layer_multipliers(model_, i)) {
            m0.push_back(m.m0);
            n.push_back(m.n);
        }
        activations = linalg::make_elementwise_normalize(name, rectified, m0, n, {layer.output_zero}, ib);
        activations.make_outputs(name);
    }
    auto best = linalg::make_argmax("argmax", activations);
    for (int c = 0; c < B; ++c) {
        rtl::Output out(best.bitwidth(), fmt::format("argmax_{}", c));
        out <<= best.at(0, c);
    }
    rtl::Output valid(1, "valid");
    valid <<= best.valid;
    // The result holds until the next batch starts.
    best.ready <<= start;
}

std::vector<rtl::BigInt> HardwareAccelerator::input_memory_words(const Int8Matrix& inputs) const
{
    const int B = options_.batch_size;
    if (inputs.rows != model_.input_size() || inputs.cols > B)
        throw rtl::Error(fmt::format("input batch is {}x{}, expected {} inputs for at most {} images", inputs.rows,
                                     inputs.cols, model_.input_size(), B));
    linalg::IntMatrix streams(static_cast<std::size_t>(B), std::vector<std::int64_t>(static_cast<std::size_t>(inputs.rows), 0));
    for (int k = 0; k < inputs.cols; ++k)
        for (int j = 0; j < inputs.rows; ++j) streams[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)] = inputs.at(j, k);
    return linalg::make_input_memblock_data(streams, options_.input_bitwidth, input_addrwidth_);
}

}  // namespace qnn

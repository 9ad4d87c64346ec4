// Builds the quantized network as hardware from linalg's generators.

#include "accel/hardware_inference.hpp"
#include "accel/requantizer.hpp"
#include "accel/tiled_plan.hpp"
#include "linalg/elementwise.hpp"
#include "linalg/systolic_array.hpp"
#include "qnn/error.hpp"
#include "rtl/axi.hpp"

#include <fmt/format.h>

namespace accel {

namespace {

linalg::IntMatrix weight_matrix(const qnn::DenseLayer& layer)
{
    linalg::IntMatrix w(static_cast<std::size_t>(layer.rows),
                        std::vector<std::int64_t>(static_cast<std::size_t>(layer.cols)));
    for (int r = 0; r < layer.rows; ++r)
        for (int c = 0; c < layer.cols; ++c)
            w[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] = layer.w(r, c);
    return w;
}

}  // namespace

HardwareAccelerator::HardwareAccelerator(const qnn::QuantizedModel& model, HardwareOptions options, rtl::Block& block)
    : model_(model), options_(options), block_(&block)
{
    qnn::validate_model(model_, "hardware model");
    const int B = options_.batch_size;
    if (B < 1) throw rtl::Error(fmt::format("batch size must be at least 1, got {}", B));
    if (options_.accumulator_bitwidth != 32)
        throw rtl::Error("the requantization stage assumes 32-bit accumulators (accumulator_bitwidth = 32)");
    rtl::BlockScope scope(block);
    const int ib = options_.input_bitwidth;

    // The input memory: B images, streamed by the first systolic array.
    const qnn::DenseLayer& first = model_.layers.front();
    linalg::Shape in_shape{first.cols, B};
    input_addrwidth_ = linalg::systolic_counter_bitwidth({first.rows, first.cols}, in_shape);
    rtl::MemBlock flat_batch(ib * B, input_addrwidth_, "flat_batch");
    auto input = linalg::WireMatrix2D::from_memory(flat_batch, first.cols, B, ib, "flat_batch");
    rtl::WireVector start(1, "start_pulse");
    std::optional<rtl::AxiStreamSubordinate> stream;
    if (options_.axi) {
        // Images arrive over the stream while the first layer waits; a complete frame starts it.
        stream = rtl::make_axi_stream_subordinate(flat_batch, input.ready);
        start <<= stream->done;
    } else {
        rtl::Input write_addr(input_addrwidth_, "flat_batch_write_addr"), write_data(ib * B, "flat_batch_write_data"),
            write_enable(1, "flat_batch_write_enable"), start_in(1, "start");
        flat_batch[write_addr] <<= rtl::EnabledWrite{write_data, write_enable};
        start <<= start_in;
        rtl::Output input_ready(1, "input_ready");
        input_ready <<= input.ready;
    }
    input.valid <<= start;

    const DatapathWidths widths = prove_widths(model_);
    linalg::WireMatrix2D activations = input;
    std::vector<linalg::WireMatrix2D> layer_outputs;
    for (std::size_t i = 0; i < model_.layers.size(); ++i) {
        const qnn::DenseLayer& layer = model_.layers[i];
        const std::string name = qnn::layer_name(model_, i);
        auto product = linalg::make_systolic_array(name + "_matmul", weight_matrix(layer), activations,
                                                   model_.layer_input_zero(i), ib, options_.accumulator_bitwidth);
        latency_ += linalg::num_systolic_array_cycles({layer.rows, layer.cols}, {layer.cols, B});
        linalg::IntMatrix bias(static_cast<std::size_t>(layer.rows));
        for (int r = 0; r < layer.rows; ++r)
            bias[static_cast<std::size_t>(r)] = {layer.bias[static_cast<std::size_t>(r)]};
        auto bias_matrix = linalg::WireMatrix2D::from_values(bias, linalg::minimum_bitwidth(bias), name + "_bias");
        auto sum = linalg::make_elementwise_add(name + "_add", product, bias_matrix, options_.accumulator_bitwidth);
        linalg::WireMatrix2D rectified = layer.relu ? linalg::make_elementwise_relu(name + "_relu", sum) : sum;
        // Requantization at the narrowest widths the model allows (a 22x24 product for MNIST, not
        // pyrtlnet's 65-bit one), bit-exact with qnn::requantize (requantizer.hpp).
        activations = linalg::map_elements(name, rectified, ib, [&](int r, int c) {
            return requantize_row(rectified.at(r, c), row_parameters(model_, widths, static_cast<int>(i), r), widths);
        });
        layer_outputs.push_back(activations);
        if (!options_.axi) activations.make_outputs(name);
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

    if (options_.axi) {
        // Results over AXI4-Lite: argmax, every layer's outputs, then the status register.
        int index = B;
        for (const auto& layer : layer_outputs) {
            layer_base_.push_back(index);
            index += layer.rows() * B;
        }
        status_register_ = index;
        auto axi = rtl::make_axi_lite_subordinate(status_register_ + 1, 0);
        auto& regs = axi.registers;
        for (int c = 0; c < B; ++c) regs[static_cast<std::size_t>(c)].next <<= best.at(0, c);
        for (std::size_t l = 0; l < layer_outputs.size(); ++l)
            for (int r = 0; r < layer_outputs[l].rows(); ++r)
                for (int c = 0; c < B; ++c)
                    regs[static_cast<std::size_t>(layer_register(l, r, c))].next <<= layer_outputs[l].at(r, c);
        rtl::Register results(16, "results_count");
        rtl::Register valid_before(1, "valid_before");
        valid_before.next <<= best.valid;
        results.next <<= rtl::select(best.valid & ~valid_before, results + 1, results);
        rtl::WireVector busy = ~input.ready | stream->receiving | stream->done;
        regs[static_cast<std::size_t>(status_register_)].next <<=
            rtl::concat(results, rtl::Const(0, 14), busy, best.valid);
    }
}

int HardwareAccelerator::layer_register(std::size_t layer, int row, int image) const
{
    if (layer >= layer_base_.size()) throw rtl::Error("layer_register: only AXI accelerators have a register map");
    return layer_base_[layer] + row * options_.batch_size + image;
}

std::vector<rtl::BigInt> HardwareAccelerator::input_memory_words(const qnn::Int8Matrix& inputs) const
{
    const int B = options_.batch_size;
    if (inputs.rows != model_.input_size() || inputs.cols > B)
        throw rtl::Error(fmt::format("input batch is {}x{}, expected {} inputs for at most {} images", inputs.rows,
                                     inputs.cols, model_.input_size(), B));
    linalg::IntMatrix streams(static_cast<std::size_t>(B),
                              std::vector<std::int64_t>(static_cast<std::size_t>(inputs.rows), 0));
    for (int k = 0; k < inputs.cols; ++k)
        for (int j = 0; j < inputs.rows; ++j)
            streams[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)] = inputs.at(j, k);
    return linalg::make_input_memblock_data(streams, options_.input_bitwidth, input_addrwidth_);
}

}  // namespace accel

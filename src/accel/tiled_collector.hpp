#pragma once
// Turns what the tiled accelerator's ports show, cycle by cycle, into a qnn::BatchResult: the
// requantizers' outputs (lane, row-parameter index, value) and the result stream. Shared by the
// built-in simulation (tiled_inference.cpp) and the Verilator harness (tiled_verilator.cpp), so both
// read the hardware the same way.

#include "accel/tiled_accelerator.hpp"
#include "qnn/inference.hpp"

#include <fmt/format.h>

namespace accel::detail {

class TiledCollector {
public:
    TiledCollector(const TiledAccelerator& accelerator, int images) : plan_(accelerator.plan()), images_(images)
    {
        const qnn::QuantizedModel& model = accelerator.model();
        for (std::size_t i = 0; i < model.layers.size(); ++i) {
            result_.layer_names.push_back(qnn::layer_name(model, i));
            result_.layer_outputs.emplace_back(images, model.layers[i].rows);
        }
        group_of_lane_.assign(static_cast<std::size_t>(plan_.shape().cols), 0);
    }

    // A requantizer's output. Lanes see their groups in order, so the lane's group count names the image.
    void requantized(std::uint64_t lane, std::uint64_t index, std::uint64_t value)
    {
        if (lane >= group_of_lane_.size() || index >= plan_.row_parameters().size())
            throw rtl::Error(
                fmt::format("the tiled accelerator showed lane {} and row index {}, which do not exist", lane, index));
        const RowParameters& p = plan_.row_parameters()[index];
        const int image = group_of_lane_[lane] * plan_.shape().cols + static_cast<int>(lane);
        if (image < images_)
            result_.layer_outputs[static_cast<std::size_t>(p.layer)].at(image, p.row) = static_cast<std::int8_t>(value);
        if (p.last_out) ++group_of_lane_[lane];
    }

    // A class on the result stream.
    void classified(std::uint64_t digit) { result_.predictions.push_back(static_cast<int>(digit)); }

    bool done() const { return result_.predictions.size() >= static_cast<std::size_t>(images_); }
    std::size_t results() const { return result_.predictions.size(); }
    qnn::BatchResult take() { return std::move(result_); }

private:
    const TiledPlan& plan_;
    int images_;
    qnn::BatchResult result_;
    std::vector<int> group_of_lane_;
};

}  // namespace accel::detail

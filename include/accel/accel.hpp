#pragma once
/// \file accel.hpp
/// Everything of rtlnet's MNIST accelerator (namespace accel) in one include: the quantized network
/// of a `qnn` model built as hardware on the DSL, in two architectures: the tiled accelerator (one
/// shared systolic array, accel::TiledAccelerator, its plan accel::TiledPlan, simulation
/// accel::TiledInference and Verilator run accel::TiledVerilatorInference) and the per-layer one
/// (pyrtlnet's: accel::HardwareAccelerator, accel::HardwareInference, accel::VerilatorInference).
/// It depends on `rtlnet::qnn` and `rtlnet::linalg` (and so on `rtlnet::rtl`).

#include "accel/hardware_inference.hpp"
#include "accel/requantizer.hpp"
#include "accel/tiled_accelerator.hpp"
#include "accel/tiled_inference.hpp"
#include "accel/tiled_plan.hpp"
#include "accel/tiled_verilator.hpp"
#include "accel/verilator_inference.hpp"
#include "accel/verilog_export.hpp"

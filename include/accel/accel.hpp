#pragma once
/// \file accel.hpp
/// Everything of rtlnet's MNIST accelerator (namespace accel) in one include: the quantized network
/// of a `qnn` model built as hardware on the DSL (accel::HardwareAccelerator), its simulation
/// (accel::HardwareInference), its Verilog and its run under Verilator (accel::VerilatorInference).
/// It depends on `rtlnet::qnn` and `rtlnet::linalg` (and so on `rtlnet::rtl`).

#include "accel/hardware_inference.hpp"
#include "accel/verilator_inference.hpp"

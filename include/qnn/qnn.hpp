#pragma once
/// \file qnn.hpp
/// Everything of rtlnet's quantized-neural-network library (namespace qnn) in one include.
/// It holds the software side (data, model files, quantized arithmetic, training, software and
/// reference inference) and the hardware side built on the DSL (the accelerator, its simulation and
/// its Verilator run), so it depends on `rtlnet::linalg` and `rtlnet::rtl`.

#include "qnn/cli.hpp"
#include "qnn/digit_image.hpp"
#include "qnn/display.hpp"
#include "qnn/error.hpp"
#include "qnn/hardware_cli.hpp"
#include "qnn/hardware_inference.hpp"
#include "qnn/inference.hpp"
#include "qnn/mnist.hpp"
#include "qnn/model.hpp"
#include "qnn/npz.hpp"
#include "qnn/parallel_batches.hpp"
#include "qnn/progress.hpp"
#include "qnn/quantize.hpp"
#include "qnn/random.hpp"
#include "qnn/reference.hpp"
#include "qnn/registry.hpp"
#include "qnn/session.hpp"
#include "qnn/training.hpp"
#include "qnn/training_run.hpp"
#include "qnn/verilator_inference.hpp"

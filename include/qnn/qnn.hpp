#pragma once
/// \file qnn.hpp
/// Everything of rtlnet's quantized-neural-network library (namespace qnn) in one include.
/// The library is pure software: it does not depend on the hardware DSL.

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
#include "qnn/progress.hpp"
#include "qnn/quantize.hpp"
#include "qnn/random.hpp"
#include "qnn/reference.hpp"
#include "qnn/registry.hpp"
#include "qnn/session.hpp"
#include "qnn/training.hpp"
#include "qnn/training_run.hpp"
#include "qnn/verilator_inference.hpp"

#pragma once
/// \file qnn.hpp
/// Everything of rtlnet's quantized-neural-network library (namespace qnn) in one include: the
/// software side (data, model files, quantized arithmetic, training, software and reference
/// inference). It builds no hardware; the accelerator built from these models is the `accel` part
/// (accel/accel.hpp, `rtlnet::accel`).

#include "qnn/digit_image.hpp"
#include "qnn/error.hpp"
#include "qnn/inference.hpp"
#include "qnn/mnist.hpp"
#include "qnn/model.hpp"
#include "qnn/npz.hpp"
#include "qnn/quantize.hpp"
#include "qnn/random.hpp"
#include "qnn/reference.hpp"
#include "qnn/training.hpp"

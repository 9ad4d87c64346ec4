#pragma once
/// \file error.hpp
/// The exceptions the hardware libraries (rtl, linalg, and accel for its hardware) throw. Every error a
/// user can cause there is one of these, with a message that names the wires, widths and (where known)
/// the source line involved. The qnn library has its own family, `qnn::Error` (qnn/error.hpp), which
/// accel throws too for models and files; a program that uses both catches `rtl::Error` and `qnn::Error`.

#include <stdexcept>
#include <string>

namespace rtl {

/// Base of every rtl and linalg error: catch `rtl::Error` to handle them all.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A bitwidth is missing, zero, too small for a value, or two widths that must agree do not.
class WidthError : public Error {
public:
    using Error::Error;
};

/// A constant or value could not be interpreted (bad Verilog-style literal, negative without width, ...).
class ValueError : public Error {
public:
    using Error::Error;
};

/// The netlist is malformed: a wire driven twice, used but never driven, an Output read, and so on.
class ConnectionError : public Error {
public:
    using Error::Error;
};

/// A handle (`WireVector`, `MemBlock`, ...) was used after its block ended (its `BlockScope` closed, or
/// `reset_working_block()` replaced it).
class StaleHandleError : public ConnectionError {
public:
    using ConnectionError::ConnectionError;
};

/// The combinational logic contains a loop that does not pass through a register.
class CombinationalLoopError : public ConnectionError {
public:
    using ConnectionError::ConnectionError;
};

/// A memory is misused: too many ports, an address or data of the wrong width, a write to a ROM.
class MemoryError : public Error {
public:
    using Error::Error;
};

/// Conditional assignment misuse (`|=` outside a condition, conflicting conditions, non-1-bit predicate).
class ConditionalError : public Error {
public:
    using Error::Error;
};

/// Simulation misuse: a missing or out-of-range input, an unknown wire name.
class SimulationError : public Error {
public:
    using Error::Error;
};

/// An `rtl_assert` failed during simulation.
class AssertionFailure : public SimulationError {
public:
    using SimulationError::SimulationError;
};

/// A design cannot be written as Verilog (an illegal option, a reserved port name).
class ExportError : public Error {
public:
    using Error::Error;
};

}  // namespace rtl

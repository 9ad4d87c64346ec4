#pragma once
/// \file error.hpp
/// The exceptions the qnn library (and the accel library built on it) throws. Every error a user can
/// cause (a missing or malformed data file, an invalid model, a bad command-line value) is one of
/// these, with a message that names the file or flag involved and what was wrong.

#include <stdexcept>
#include <string>

namespace qnn {

/// Base of every qnn error: catch `qnn::Error` to handle them all.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A data file (MNIST IDX, `.npz`, `.npy`) is missing, truncated or malformed.
class DataError : public Error {
public:
    using Error::Error;
};

/// A quantized model is missing, malformed or numerically unusable (bad shape, scale, range, ...).
class ModelError : public Error {
public:
    using Error::Error;
};

/// A caller-supplied option is out of range (e.g. `--start_image` past the end of the data set).
/// Command-line programs map it to exit status 2.
class UsageError : public Error {
public:
    using Error::Error;
};

}  // namespace qnn

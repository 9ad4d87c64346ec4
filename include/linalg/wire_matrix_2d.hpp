#pragma once
/// \file wire_matrix_2d.hpp
/// A 2-D matrix of equally wide wires, with a ready/valid handshake. Elements are addressed row-major;
/// concatenated, element [0][0] sits in the most significant bits (as in pyrtlnet).
///
/// The producer of a matrix drives `valid` ("safe to read") and the consumer drives `ready` ("safe to
/// write"). The generators in this library drive the handshake wires of the matrices they make and
/// consume; at the ends of a pipeline the user drives them (e.g. `out.ready <<= 1`).

#include "linalg/int_matrix.hpp"
#include "rtl/rtl.hpp"

#include <optional>
#include <string>
#include <vector>

namespace linalg {

class WireMatrix2D {
public:
    /// A matrix of fresh Inputs named `name[r][c]`.
    static WireMatrix2D inputs(const std::string& name, int rows, int cols, int bitwidth);
    /// Elements sliced from one concatenated wire of rows·cols·bitwidth bits.
    static WireMatrix2D from_concatenated(const rtl::WireVector& value, int rows, int cols, int bitwidth,
                                          const std::string& name);
    /// Elements from wires (each truncated or zero-extended to `bitwidth`).
    static WireMatrix2D from_wires(const std::vector<std::vector<rtl::WireVector>>& elements, int bitwidth,
                                   const std::string& name);
    /// Constant elements (two's complement in `bitwidth` bits). Its `valid` is driven to 1.
    static WireMatrix2D from_values(const IntMatrix& values, int bitwidth, const std::string& name);
    /// A matrix held in a memory with one row per word (used by the systolic array, which streams it;
    /// the memory holds `make_input_memblock_data` of the streams). Elements are not addressable as wires.
    static WireMatrix2D from_memory(const rtl::MemBlock& memory, int rows, int cols, int bitwidth,
                                    const std::string& name);

    int rows() const { return rows_; }
    int cols() const { return cols_; }
    Shape shape() const { return {rows_, cols_}; }
    int bitwidth() const { return bitwidth_; }
    const std::string& name() const { return name_; }
    bool is_memory_backed() const { return memory_.has_value(); }
    /// The backing memory (throws if the matrix is wire-backed).
    const rtl::MemBlock& memory() const;

    /// Element [r][c] (throws for memory-backed matrices).
    const rtl::WireVector& at(int r, int c) const;
    /// Row r concatenated, element [r][0] in the MSBs.
    rtl::WireVector row(int r) const;
    /// All elements concatenated, element [0][0] in the MSBs.
    rtl::WireVector concatenated() const;

    /// The transpose, sharing this matrix's ready and valid wires. A memory-backed matrix keeps its
    /// memory: the data is taken to be laid out transposed already.
    WireMatrix2D transpose() const;

    /// Outputs named `name_r_c` driven by the elements.
    void make_outputs(const std::string& output_name) const;
    /// Reads the Outputs made by `make_outputs(output_name)` as signed integers.
    IntMatrix inspect(const rtl::Simulation& sim, const std::string& output_name) const;
    /// Reads the elements' wires (by name) as signed integers.
    IntMatrix inspect_elements(const rtl::Simulation& sim) const;
    /// Input values for a matrix made by `inputs()`.
    rtl::InputValues provided_inputs(const IntMatrix& values) const;

    /// Handshake: the producer drives `valid`, the consumer drives `ready` (1 bit each).
    rtl::WireVector ready;
    rtl::WireVector valid;

private:
    WireMatrix2D(std::string name, int rows, int cols, int bitwidth, rtl::WireVector ready, rtl::WireVector valid);
    std::string name_;
    int rows_, cols_, bitwidth_;
    std::vector<rtl::WireVector> elements_;  // row-major; empty when memory-backed
    std::optional<rtl::MemBlock> memory_;
    bool is_input_ = false;
};

}  // namespace linalg

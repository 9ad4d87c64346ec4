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

/// \code
///   auto x = linalg::WireMatrix2D::inputs("x", 2, 3, 8);        // Inputs x[0][0] .. x[1][2]
///   auto y = linalg::WireMatrix2D::from_values({{1}, {2}, {3}}, 8, "y");
///   rtl::Simulation sim;
///   sim.step(x.provided_inputs({{1, 2, 3}, {4, 5, 6}}));
/// \endcode
/// Constructors throw `rtl::WidthError` if rows, cols or bitwidth is less than 1.
class WireMatrix2D {
public:
    /// A matrix of fresh Inputs named `name[r][c]`.
    /// \param name the matrix's name.
    /// \param rows the number of rows.
    /// \param cols the number of columns.
    /// \param bitwidth the width of each element.
    /// \return the matrix; its `valid` is driven to 1.
    /// \throws rtl::WidthError if a size is less than 1.
    static WireMatrix2D inputs(const std::string& name, int rows, int cols, int bitwidth);
    /// Elements sliced from one concatenated wire of rows·cols·bitwidth bits.
    /// \param value the wire, element [0][0] in the MSBs.
    /// \param rows the number of rows.
    /// \param cols the number of columns.
    /// \param bitwidth the width of each element.
    /// \param name the matrix's name.
    /// \return the matrix (its handshake wires are left to the caller).
    /// \throws rtl::WidthError if a size is less than 1 or `value` has the wrong width.
    static WireMatrix2D from_concatenated(const rtl::WireVector& value, int rows, int cols, int bitwidth,
                                          const std::string& name);
    /// Elements from wires (each truncated or zero-extended to `bitwidth`).
    /// \param elements the wires, row by row.
    /// \param bitwidth the width of each element.
    /// \param name the matrix's name.
    /// \return the matrix.
    /// \throws rtl::WidthError if there is no element or the rows differ in length.
    static WireMatrix2D from_wires(const std::vector<std::vector<rtl::WireVector>>& elements, int bitwidth,
                                   const std::string& name);
    /// Constant elements (two's complement in `bitwidth` bits). Its `valid` is driven to 1.
    /// \param values the elements.
    /// \param bitwidth the width of each element.
    /// \param name the matrix's name.
    /// \return the matrix.
    /// \throws rtl::WidthError if `values` is empty or ragged, or an element does not fit `bitwidth`.
    static WireMatrix2D from_values(const IntMatrix& values, int bitwidth, const std::string& name);
    /// A matrix held in a memory with one row per word (used by the systolic array, which streams it;
    /// the memory holds `make_input_memblock_data` of the streams). Elements are not addressable as wires.
    /// \param memory the memory.
    /// \param rows the number of rows.
    /// \param cols the number of columns.
    /// \param bitwidth the width of each element.
    /// \param name the matrix's name.
    /// \return the matrix.
    /// \throws rtl::WidthError if a size is less than 1.
    static WireMatrix2D from_memory(const rtl::MemBlock& memory, int rows, int cols, int bitwidth,
                                    const std::string& name);

    /// The number of rows.
    /// \return rows.
    int rows() const { return rows_; }
    /// The number of columns.
    /// \return cols.
    int cols() const { return cols_; }
    /// The shape.
    /// \return {rows, cols}.
    Shape shape() const { return {rows_, cols_}; }
    /// The width of each element.
    /// \return bits per element.
    int bitwidth() const { return bitwidth_; }
    /// The matrix's name (the prefix of its wires).
    /// \return the name.
    const std::string& name() const { return name_; }
    /// Whether the elements are held in a memory rather than wires.
    /// \return true for `from_memory` matrices.
    bool is_memory_backed() const { return memory_.has_value(); }
    /// The backing memory.
    /// \return the memory.
    /// \throws rtl::Error if the matrix is wire-backed.
    const rtl::MemBlock& memory() const;

    /// Element [r][c].
    /// \param r the row.
    /// \param c the column.
    /// \return the element's wire.
    /// \throws rtl::Error for a memory-backed matrix.
    /// \throws rtl::WidthError if [r][c] is out of range.
    const rtl::WireVector& at(int r, int c) const;
    /// Row r concatenated, element [r][0] in the MSBs.
    /// \param r the row.
    /// \return a cols·bitwidth-bit wire.
    /// \throws rtl::Error, rtl::WidthError as `at`.
    rtl::WireVector row(int r) const;
    /// All elements concatenated, element [0][0] in the MSBs.
    /// \return a rows·cols·bitwidth-bit wire.
    /// \throws rtl::Error for a memory-backed matrix.
    rtl::WireVector concatenated() const;

    /// The transpose, sharing this matrix's ready and valid wires. A memory-backed matrix keeps its
    /// memory: the data is taken to be laid out transposed already.
    /// \return the cols×rows matrix.
    WireMatrix2D transpose() const;

    /// Outputs named `name_r_c` driven by the elements.
    /// \param output_name the prefix of the Outputs' names.
    /// \throws rtl::Error for a memory-backed matrix.
    /// \throws rtl::ConnectionError if a name is already used.
    void make_outputs(const std::string& output_name) const;
    /// Reads the Outputs made by `make_outputs(output_name)` as signed integers.
    /// \param sim the simulation.
    /// \param output_name the prefix given to `make_outputs`.
    /// \return the values in the last simulated cycle.
    /// \throws rtl::SimulationError if the Outputs are not in the simulated design.
    IntMatrix inspect(const rtl::Simulation& sim, const std::string& output_name) const;
    /// Reads the elements' wires (by name) as signed integers.
    /// \param sim the simulation.
    /// \return the values in the last simulated cycle.
    /// \throws rtl::SimulationError if an element's wire is not in the simulated design.
    IntMatrix inspect_elements(const rtl::Simulation& sim) const;
    /// Input values for a matrix made by `inputs()`, for `Simulation::step`.
    /// \param values the elements (negative values in two's complement).
    /// \return the value of every element's Input, by name.
    /// \throws rtl::Error if the matrix was not made by `inputs()`.
    /// \throws rtl::WidthError if `values` has another shape.
    rtl::InputValues provided_inputs(const IntMatrix& values) const;

    rtl::WireVector ready;  ///< 1 bit, driven by the consumer: it can take a new matrix
    rtl::WireVector valid;  ///< 1 bit, driven by the producer: the elements hold a matrix

private:
    WireMatrix2D(std::string name, int rows, int cols, int bitwidth, rtl::WireVector ready, rtl::WireVector valid);
    std::string name_;
    int rows_, cols_, bitwidth_;
    std::vector<rtl::WireVector> elements_;  // row-major; empty when memory-backed
    std::optional<rtl::MemBlock> memory_;
    bool is_input_ = false;
};

}  // namespace linalg

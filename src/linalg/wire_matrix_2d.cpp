#include "linalg/wire_matrix_2d.hpp"

#include <fmt/format.h>

namespace linalg {

namespace {

void check_shape(int rows, int cols, int bitwidth, const std::string& name)
{
    if (rows < 1 || cols < 1 || bitwidth < 1)
        throw rtl::WidthError(
            fmt::format("WireMatrix2D \"{}\" needs rows, cols and bitwidth >= 1 (got {}x{} of {} bits)", name, rows,
                        cols, bitwidth));
}

std::string element_name(const std::string& name, int r, int c)
{
    return fmt::format("{}[{}][{}]", name, r, c);
}

}  // namespace

WireMatrix2D::WireMatrix2D(std::string name, int rows, int cols, int bitwidth, rtl::WireVector ready_wire,
                           rtl::WireVector valid_wire)
    : ready(ready_wire), valid(valid_wire), name_(std::move(name)), rows_(rows), cols_(cols), bitwidth_(bitwidth)
{}

WireMatrix2D WireMatrix2D::inputs(const std::string& name, int rows, int cols, int bitwidth)
{
    check_shape(rows, cols, bitwidth, name);
    WireMatrix2D m(name, rows, cols, bitwidth, rtl::WireVector(1, name + ".ready"),
                   rtl::WireVector(1, name + ".valid"));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) m.elements_.push_back(rtl::Input(bitwidth, element_name(name, r, c)));
    m.is_input_ = true;
    return m;
}

WireMatrix2D WireMatrix2D::from_concatenated(const rtl::WireVector& value, int rows, int cols, int bitwidth,
                                             const std::string& name)
{
    check_shape(rows, cols, bitwidth, name);
    if (value.bitwidth() != rows * cols * bitwidth)
        throw rtl::WidthError(fmt::format("WireMatrix2D \"{}\": a {}x{} matrix of {}-bit elements needs a {}-bit wire, "
                                          "but {} is {} bits",
                                          name, rows, cols, bitwidth, rows * cols * bitwidth,
                                          value.block().describe(value.id()), value.bitwidth()));
    std::vector<std::vector<rtl::WireVector>> elements;
    int top = value.bitwidth();
    for (int r = 0; r < rows; ++r) {
        elements.emplace_back();
        for (int c = 0; c < cols; ++c, top -= bitwidth) elements.back().push_back(value(top - 1, top - bitwidth));
    }
    return from_wires(elements, bitwidth, name);
}

WireMatrix2D WireMatrix2D::from_wires(const std::vector<std::vector<rtl::WireVector>>& elements, int bitwidth,
                                      const std::string& name)
{
    if (elements.empty() || elements.front().empty())
        throw rtl::WidthError(fmt::format("WireMatrix2D \"{}\" needs at least one element", name));
    int rows = static_cast<int>(elements.size()), cols = static_cast<int>(elements.front().size());
    check_shape(rows, cols, bitwidth, name);
    WireMatrix2D m(name, rows, cols, bitwidth, rtl::WireVector(1, name + ".ready"),
                   rtl::WireVector(1, name + ".valid"));
    for (int r = 0; r < rows; ++r) {
        if (static_cast<int>(elements[static_cast<std::size_t>(r)].size()) != cols)
            throw rtl::WidthError(fmt::format("WireMatrix2D \"{}\": row {} has {} elements, row 0 has {}", name, r,
                                              elements[static_cast<std::size_t>(r)].size(), cols));
        for (int c = 0; c < cols; ++c) {
            rtl::WireVector e(bitwidth, element_name(name, r, c));
            e <<= elements[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
            m.elements_.push_back(e);
        }
    }
    return m;
}

WireMatrix2D WireMatrix2D::from_values(const IntMatrix& values, int bitwidth, const std::string& name)
{
    Shape s = shape_of(values);
    std::vector<std::vector<rtl::WireVector>> elements;
    for (const auto& row : values) {
        elements.emplace_back();
        for (auto v : row) {
            try {
                elements.back().push_back(rtl::Const(v, bitwidth, true));
            } catch (const rtl::Error&) {
                throw rtl::WidthError(
                    fmt::format("WireMatrix2D \"{}\": value {} does not fit in {} bits", name, v, bitwidth));
            }
        }
    }
    WireMatrix2D m = from_wires(elements, bitwidth, name);
    (void)s;
    m.valid <<= 1;
    return m;
}

WireMatrix2D WireMatrix2D::from_memory(const rtl::MemBlock& memory, int rows, int cols, int bitwidth,
                                       const std::string& name)
{
    check_shape(rows, cols, bitwidth, name);
    WireMatrix2D m(name, rows, cols, bitwidth, rtl::WireVector(1, name + ".ready", &memory.block()),
                   rtl::WireVector(1, name + ".valid", &memory.block()));
    m.memory_ = memory;
    return m;
}

const rtl::MemBlock& WireMatrix2D::memory() const
{
    if (!memory_) throw rtl::Error(fmt::format("WireMatrix2D \"{}\" is not memory-backed", name_));
    return *memory_;
}

const rtl::WireVector& WireMatrix2D::at(int r, int c) const
{
    if (memory_)
        throw rtl::Error(
            fmt::format("WireMatrix2D \"{}\" is memory-backed: its elements are streamed, not wires", name_));
    if (r < 0 || r >= rows_ || c < 0 || c >= cols_)
        throw rtl::WidthError(
            fmt::format("element [{}][{}] is outside the {}x{} matrix \"{}\"", r, c, rows_, cols_, name_));
    return elements_[static_cast<std::size_t>(r * cols_ + c)];
}

rtl::WireVector WireMatrix2D::row(int r) const
{
    std::vector<rtl::WireVector> parts;
    for (int c = 0; c < cols_; ++c) parts.push_back(at(r, c));
    return rtl::concat(parts);
}

rtl::WireVector WireMatrix2D::concatenated() const
{
    std::vector<rtl::WireVector> parts;
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < cols_; ++c) parts.push_back(at(r, c));
    return rtl::concat(parts);
}

WireMatrix2D WireMatrix2D::transpose() const
{
    WireMatrix2D t(name_ + ".transposed", cols_, rows_, bitwidth_, ready, valid);
    t.memory_ = memory_;
    if (!memory_)
        for (int c = 0; c < cols_; ++c)
            for (int r = 0; r < rows_; ++r) t.elements_.push_back(at(r, c));
    return t;
}

void WireMatrix2D::make_outputs(const std::string& output_name) const
{
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < cols_; ++c) {
            const rtl::WireVector& e = at(r, c);
            rtl::Output out(bitwidth_, fmt::format("{}_{}_{}", output_name, r, c), &e.block());
            out <<= e;
        }
}

IntMatrix WireMatrix2D::inspect(const rtl::Simulation& sim, const std::string& output_name) const
{
    IntMatrix m(static_cast<std::size_t>(rows_), std::vector<std::int64_t>(static_cast<std::size_t>(cols_)));
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < cols_; ++c)
            m[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] = static_cast<std::int64_t>(
                rtl::val_to_signed_integer(sim.inspect(fmt::format("{}_{}_{}", output_name, r, c)), bitwidth_));
    return m;
}

IntMatrix WireMatrix2D::inspect_elements(const rtl::Simulation& sim) const
{
    IntMatrix m(static_cast<std::size_t>(rows_), std::vector<std::int64_t>(static_cast<std::size_t>(cols_)));
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < cols_; ++c)
            m[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] =
                static_cast<std::int64_t>(rtl::val_to_signed_integer(sim.inspect(at(r, c).name()), bitwidth_));
    return m;
}

rtl::InputValues WireMatrix2D::provided_inputs(const IntMatrix& values) const
{
    if (!is_input_) throw rtl::Error(fmt::format("WireMatrix2D \"{}\" was not made by inputs()", name_));
    if (shape_of(values) != shape())
        throw rtl::WidthError(fmt::format("provided_inputs: \"{}\" is {}x{} but the values are {}x{}", name_, rows_,
                                          cols_, values.size(), values.front().size()));
    rtl::InputValues in;
    for (int r = 0; r < rows_; ++r)
        for (int c = 0; c < cols_; ++c)
            in[element_name(name_, r, c)] =
                rtl::truncate_value(values[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)], bitwidth_);
    return in;
}

}  // namespace linalg

#pragma once
/// \file wire_struct.hpp
/// Named groups of wires that are also one concatenated wire, as PyRTL's `wire_struct` and
/// `wire_matrix`: the first field (element 0) sits in the most significant bits.
/// \code
///   rtl::WireStruct pixel({{"r", 8}, {"g", 8}, {"b", 8}}, "pixel", {{"r", red}, {"g", green}, {"b", blue}});
///   out <<= pixel.value();          // 24 bits, r in the MSBs
///   rtl::WireStruct unpacked({{"r", 8}, {"g", 8}, {"b", 8}}, "rgb", word);   // slices a 24-bit wire
///   rtl::WireVector g = unpacked["g"];
///   rtl::WireMatrix row(8, 4, "row", packed32);                               // row[0] = packed32(31, 24)
/// \endcode

#include "rtl/wire.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace rtl {

/// Named fields of given widths, first field in the MSBs. Field wires are named `name.field`.
class WireStruct {
public:
    using Layout = std::vector<std::pair<std::string, int>>;

    /// Built from a value for every field (each truncated or zero-extended to its width).
    WireStruct(Layout layout, const std::string& name, const std::map<std::string, WireVector>& fields);
    /// Built by slicing one wire as wide as all fields together.
    WireStruct(Layout layout, const std::string& name, const WireVector& whole);

    const WireVector& operator[](const std::string& field) const;
    /// All fields concatenated (named `name`).
    const WireVector& value() const { return whole_; }
    int bitwidth() const { return whole_.bitwidth(); }
    const Layout& layout() const { return layout_; }

private:
    Layout layout_;
    std::map<std::string, WireVector> fields_;
    WireVector whole_;
};

/// `size` elements of `element_width` bits, element 0 in the MSBs. Element wires are named `name[i]`.
class WireMatrix {
public:
    /// Built from one value per element.
    WireMatrix(int element_width, const std::string& name, const std::vector<WireVector>& elements);
    /// Built by slicing one wire of element_width·size bits.
    WireMatrix(int element_width, int size, const std::string& name, const WireVector& whole);

    const WireVector& operator[](int index) const;
    int size() const { return static_cast<int>(elements_.size()); }
    const WireVector& value() const { return whole_; }

private:
    std::vector<WireVector> elements_;
    WireVector whole_;
};

}  // namespace rtl

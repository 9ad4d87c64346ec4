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
    /// Field names and widths, most significant first.
    using Layout = std::vector<std::pair<std::string, int>>;

    /// Built from a value for every field (each truncated or zero-extended to its width).
    /// \param layout the fields, most significant first.
    /// \param name the name of the whole wire (fields are `name.field`).
    /// \param fields a value for every field, by field name.
    /// \throws WidthError if `layout` is empty or a width is not positive.
    /// \throws ConnectionError if a field has no value or a value names no field.
    WireStruct(Layout layout, const std::string& name, const std::map<std::string, WireVector>& fields);
    /// Built by slicing one wire as wide as all fields together.
    /// \param layout the fields, most significant first.
    /// \param name the name of the whole wire (fields are `name.field`).
    /// \param whole the wire to slice.
    /// \throws WidthError if `layout` is empty, a width is not positive, or `whole` is not as wide as
    ///         the fields together.
    WireStruct(Layout layout, const std::string& name, const WireVector& whole);

    /// One field.
    /// \param field the field's name.
    /// \return its wire.
    /// \throws ConnectionError if there is no such field.
    const WireVector& operator[](const std::string& field) const;
    /// All fields concatenated (named `name`).
    /// \return the whole wire, first field in the MSBs.
    const WireVector& value() const { return whole_; }
    /// The total width.
    /// \return the sum of the field widths.
    int bitwidth() const { return whole_.bitwidth(); }
    /// The fields.
    /// \return the layout given at construction.
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
    /// \param element_width the width of each element.
    /// \param name the name of the whole wire (elements are `name[i]`).
    /// \param elements the values, element 0 first (in the MSBs); each truncated or zero-extended.
    /// \throws WidthError if `element_width` is not positive or `elements` is empty.
    WireMatrix(int element_width, const std::string& name, const std::vector<WireVector>& elements);
    /// Built by slicing one wire of element_width·size bits.
    /// \param element_width the width of each element.
    /// \param size the number of elements.
    /// \param name the name of the whole wire (elements are `name[i]`).
    /// \param whole the wire to slice.
    /// \throws WidthError if a size is not positive or `whole` has the wrong width.
    WireMatrix(int element_width, int size, const std::string& name, const WireVector& whole);

    /// One element.
    /// \param index the element, 0 (the MSBs) to size()-1.
    /// \return its wire.
    /// \throws WidthError if `index` is out of range.
    const WireVector& operator[](int index) const;
    /// The number of elements.
    /// \return the size.
    int size() const { return static_cast<int>(elements_.size()); }
    /// All elements concatenated (named `name`).
    /// \return the whole wire, element 0 in the MSBs.
    const WireVector& value() const { return whole_; }

private:
    std::vector<WireVector> elements_;
    WireVector whole_;
};

}  // namespace rtl

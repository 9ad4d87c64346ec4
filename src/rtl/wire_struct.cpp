#include "rtl/wire_struct.hpp"

#include "rtl/corecircuits.hpp"
#include "rtl/error.hpp"

#include <fmt/format.h>

namespace rtl {

namespace {

int total_width(const WireStruct::Layout& layout, const std::string& name)
{
    if (layout.empty()) throw WidthError(fmt::format("WireStruct \"{}\" needs at least one field", name));
    int total = 0;
    for (const auto& [field, width] : layout) {
        if (width < 1)
            throw WidthError(fmt::format("field \"{}\" of WireStruct \"{}\" needs a positive width", field, name));
        total += width;
    }
    return total;
}

}  // namespace

WireStruct::WireStruct(Layout layout, const std::string& name, const std::map<std::string, WireVector>& fields)
    : layout_(std::move(layout)), whole_(total_width(layout_, name), name)
{
    std::vector<WireVector> parts;
    for (const auto& [field, width] : layout_) {
        auto it = fields.find(field);
        if (it == fields.end())
            throw ConnectionError(fmt::format("WireStruct \"{}\": no value given for field \"{}\"", name, field));
        WireVector w(width, fmt::format("{}.{}", name, field));
        w <<= it->second;
        fields_.emplace(field, w);
        parts.push_back(w);
    }
    if (fields.size() != layout_.size())
        for (const auto& [field, value] : fields)
            if (!fields_.contains(field))
                throw ConnectionError(fmt::format("WireStruct \"{}\" has no field \"{}\"", name, field));
    whole_ <<= concat(parts);
}

WireStruct::WireStruct(Layout layout, const std::string& name, const WireVector& whole)
    : layout_(std::move(layout)), whole_(total_width(layout_, name), name)
{
    if (whole.bitwidth() != whole_.bitwidth())
        throw WidthError(fmt::format("WireStruct \"{}\" is {} bits, but {} is {} bits", name, whole_.bitwidth(),
                                     whole.block().describe(whole.id()), whole.bitwidth()));
    whole_ <<= whole;
    int top = whole_.bitwidth();
    for (const auto& [field, width] : layout_) {
        WireVector w(width, fmt::format("{}.{}", name, field));
        w <<= whole_(top - 1, top - width);
        fields_.emplace(field, w);
        top -= width;
    }
}

const WireVector& WireStruct::operator[](const std::string& field) const
{
    auto it = fields_.find(field);
    if (it == fields_.end())
        throw ConnectionError(fmt::format("WireStruct \"{}\" has no field \"{}\"", whole_.name(), field));
    return it->second;
}

WireMatrix::WireMatrix(int element_width, const std::string& name, const std::vector<WireVector>& elements)
    : whole_(element_width * static_cast<int>(elements.size()), name)
{
    if (element_width < 1 || elements.empty())
        throw WidthError(
            fmt::format("WireMatrix \"{}\" needs a positive element width and at least one element", name));
    for (std::size_t i = 0; i < elements.size(); ++i) {
        WireVector w(element_width, fmt::format("{}[{}]", name, i));
        w <<= elements[i];
        elements_.push_back(w);
    }
    whole_ <<= concat(elements_);
}

WireMatrix::WireMatrix(int element_width, int size, const std::string& name, const WireVector& whole)
    : whole_(element_width * size, name)
{
    if (element_width < 1 || size < 1)
        throw WidthError(fmt::format("WireMatrix \"{}\" needs a positive element width and size", name));
    if (whole.bitwidth() != element_width * size)
        throw WidthError(fmt::format("WireMatrix \"{}\" of {} x {} bits needs a {}-bit wire, but {} is {} bits", name,
                                     size, element_width, element_width * size, whole.block().describe(whole.id()),
                                     whole.bitwidth()));
    whole_ <<= whole;
    for (int i = 0, top = whole_.bitwidth(); i < size; ++i, top -= element_width) {
        WireVector w(element_width, fmt::format("{}[{}]", name, i));
        w <<= whole_(top - 1, top - element_width);
        elements_.push_back(w);
    }
}

const WireVector& WireMatrix::operator[](int index) const
{
    if (index < 0 || index >= size())
        throw WidthError(
            fmt::format("element {} of WireMatrix \"{}\" is out of range (size {})", index, whole_.name(), size()));
    return elements_[static_cast<std::size_t>(index)];
}

}  // namespace rtl

// ModuleScope (module.hpp): instances and their declared ports. The hierarchy itself is a table in
// the Block and a field of each wire (ir.hpp); the Verilog writer turns it into modules.

#include "rtl/module.hpp"

#include "rtl/error.hpp"

#include <fmt/format.h>

namespace rtl {

ModuleScope::ModuleScope(std::string module, std::string instance, Block* block, rtl::source_location where)
    : block_(block ? block : &working_block()), index_(kTopInstance), previous_(block_->current_instance())
{
    index_ =
        block_->enter_instance({std::move(instance), std::move(module), kTopInstance, SourceLocation::from(where)});
}

ModuleScope::~ModuleScope()
{
    block_->set_current_instance(previous_);
}

// A new port wire of the instance named `name`, driven by `value` (what `input` and `output` share).
WireVector ModuleScope::make_port(const Located<WireVector>& value, std::string name, PortKind kind) const
{
    const char* what = kind == PortKind::In ? "input" : "output";
    const WireVector& v = value.value;
    if (&v.block() != block_)
        throw ConnectionError(
            fmt::format("{} \"{}\" of instance \"{}\": the value belongs to another block", what, name, path()));
    if (v.bitwidth() == 0)
        throw WidthError(fmt::format("{} \"{}\" of instance \"{}\": {} has no bitwidth yet", what, name, path(),
                                     block_->describe(v.id())));
    const int current = block_->current_instance();
    block_->set_current_instance(index_);
    WireVector port(v.bitwidth(), std::move(name), block_, value.where);
    block_->set_current_instance(current);
    port <<= v;
    block_->set_wire_instance(port.id(), index_, kind);
    return port;
}

WireVector ModuleScope::input(Located<WireVector> outer, std::string name) const
{
    return make_port(outer, std::move(name), PortKind::In);
}

WireVector ModuleScope::output(Located<WireVector> inner, std::string name) const
{
    const WireVector& value = inner.value;
    if (&value.block() == block_) {
        const WireInfo& info = value.info();
        if (info.instance == index_ && info.name == path() + "." + name && info.kind != WireKind::Const) {
            block_->set_wire_instance(value.id(), index_, PortKind::Out);  // already the port's wire
            return value;
        }
    }
    return make_port(inner, std::move(name), PortKind::Out);
}

}  // namespace rtl

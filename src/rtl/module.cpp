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

WireVector ModuleScope::input(Located<WireVector> outer, std::string name) const
{
    const WireVector& value = outer.value;
    if (&value.block() != block_)
        throw ConnectionError(
            fmt::format("input \"{}\" of instance \"{}\": the value belongs to another block", name, path()));
    if (value.bitwidth() == 0)
        throw WidthError(fmt::format("input \"{}\" of instance \"{}\": {} has no bitwidth yet", name, path(),
                                     block_->describe(value.id())));
    const int current = block_->current_instance();
    block_->set_current_instance(index_);
    WireVector port(value.bitwidth(), std::move(name), block_, outer.where);
    block_->set_current_instance(current);
    port <<= value;
    block_->set_wire_instance(port.id(), index_, PortKind::In);
    return port;
}

WireVector ModuleScope::output(Located<WireVector> inner, std::string name) const
{
    const WireVector& value = inner.value;
    if (&value.block() != block_)
        throw ConnectionError(
            fmt::format("output \"{}\" of instance \"{}\": the value belongs to another block", name, path()));
    const WireInfo& info = value.info();
    if (info.instance == index_ && info.name == path() + "." + name && info.kind != WireKind::Const) {
        block_->set_wire_instance(value.id(), index_, PortKind::Out);
        return value;
    }
    if (value.bitwidth() == 0)
        throw WidthError(fmt::format("output \"{}\" of instance \"{}\": {} has no bitwidth yet", name, path(),
                                     block_->describe(value.id())));
    const int current = block_->current_instance();
    block_->set_current_instance(index_);
    WireVector port(value.bitwidth(), std::move(name), block_, inner.where);
    block_->set_current_instance(current);
    port <<= value;
    block_->set_wire_instance(port.id(), index_, PortKind::Out);
    return port;
}

}  // namespace rtl

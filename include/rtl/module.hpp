#pragma once
/// \file module.hpp
/// Hierarchy: a module is ordinary C++ that builds hardware inside a `ModuleScope`; each scope is
/// one instance. Simulation sees the flattened design, with every named wire of an instance under
/// its path (`layer0.pe_2_3.acc`); `output_to_verilog` writes one Verilog module per distinct
/// module (instances whose logic is the same share one definition) and instantiates it.
/// \code
///   // A multiply-accumulate processing element.
///   rtl::WireVector pe(const rtl::WireVector& a, const rtl::WireVector& b, const std::string& name)
///   {
///       rtl::ModuleScope m("pe", name);                 // module "pe", instance `name`
///       rtl::WireVector x = m.input(a, "a"), y = m.input(b, "b");
///       rtl::Register acc(16, "acc");
///       acc.next <<= acc + x * y;
///       return m.output(acc, "acc");                    // read outside as `<name>.acc`
///   }
/// \endcode
/// Ports are what the scope declares with `input` and `output`; a wire of an instance read outside
/// it (or an outside wire read inside) without a declared port gets a port made for it, so any
/// design can be written hierarchically. Declared ports are kept by the optimizer as they are,
/// which keeps identical instances identical.

#include "rtl/wire.hpp"

#include <string>

namespace rtl {

/// One instance of a module: while it lives, wires, registers and memories made in its block belong
/// to the instance, and named ones are prefixed with its path. Scopes nest (an instance inside an
/// instance).
class ModuleScope {
public:
    /// Starts an instance.
    /// \param module the module's name (a Verilog identifier; instances of one module whose logic
    ///        is identical share one Verilog module named so).
    /// \param instance the instance's name, unique among its siblings (an identifier).
    /// \param block the block to build in; null means the working block.
    /// \param where the caller's line (leave the default).
    /// \throws ConnectionError if a name is not an identifier or the instance name is taken.
    ModuleScope(std::string module, std::string instance, Block* block = nullptr,
                rtl::source_location where = rtl::source_location::current());
    /// Ends the instance: wires made from now on belong to the enclosing one again.
    ~ModuleScope();
    ModuleScope(const ModuleScope&) = delete;
    ModuleScope& operator=(const ModuleScope&) = delete;

    /// An input port: a wire of this instance named `name`, driven by `outer` (a wire of the
    /// enclosing instance).
    /// \param outer the value from outside; the port takes its width.
    /// \param name the port's name inside the instance.
    /// \return the port wire, to use inside the instance.
    /// \throws ConnectionError if `name` is taken in the instance or `outer` is in another block.
    /// \throws WidthError if `outer` has no width yet.
    WireVector input(Located<WireVector> outer, std::string name) const;
    /// An output port named `name`: `inner` itself when it is a wire of this instance with that name,
    /// else a new wire of the instance driven by `inner`.
    /// \param inner the value to show outside.
    /// \param name the port's name.
    /// \return the port wire, to read outside the instance.
    /// \throws ConnectionError if `name` is taken by another wire, or `inner` is in another block.
    /// \throws WidthError if `inner` has no width yet.
    WireVector output(Located<WireVector> inner, std::string name) const;

    /// The instance's path, e.g. `layer0.pe_2_3`.
    /// \return the dotted path.
    std::string path() const { return block_->instance_path(index_); }
    /// The instance's index in `Block::instances()`.
    /// \return the index.
    int index() const { return index_; }

private:
    WireVector make_port(const Located<WireVector>& value, std::string name, PortKind kind) const;
    Block* block_;
    int index_;
    int previous_;
};

}  // namespace rtl

// The implementation registry and the built-in software/reference entries.

#include "qnn/registry.hpp"

#include "qnn/error.hpp"
#include "qnn/reference.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <memory>
#include <stdexcept>

namespace qnn {

void ImplementationRegistry::add(Implementation implementation)
{
    if (implementation.name.empty()) throw UsageError("implementation name must not be empty");
    if (find(implementation.name) != nullptr) {
        throw UsageError(fmt::format("implementation '{}' is already registered", implementation.name));
    }
    implementations_.push_back(std::move(implementation));
}

const Implementation* ImplementationRegistry::find(std::string_view name) const
{
    for (const Implementation& impl : implementations_) {
        if (impl.name == name) return &impl;
    }
    return nullptr;
}

const Implementation& ImplementationRegistry::get(std::string_view name) const
{
    if (const Implementation* impl = find(name)) return *impl;
    throw UsageError(fmt::format("unknown implementation '{}'; choose one of: {}", name, choices()));
}

std::vector<std::string> ImplementationRegistry::names() const
{
    std::vector<std::string> result;
    for (const Implementation& impl : implementations_) result.push_back(impl.name);
    return result;
}

std::string ImplementationRegistry::choices() const
{
    return fmt::format("{}", fmt::join(names(), ", "));
}

ImplementationRegistry builtin_implementations()
{
    ImplementationRegistry registry;
    registry.add({"software", "Software Inference", "bit-exact integer inference (pyrtlnet's NumPy semantics)",
                  [](const QuantizedModel& model) -> BatchRunner {
                      auto engine = std::make_shared<const SoftwareInference>(model);
                      return [engine](std::span<const ImageView> images) { return engine->run_batch(images); };
                  }});
    registry.add({"reference", "Reference Inference", "TFLite/gemmlowp arithmetic (may differ by +-1 per output)",
                  [](const QuantizedModel& model) -> BatchRunner {
                      auto engine = std::make_shared<const ReferenceInference>(model);
                      return [engine](std::span<const ImageView> images) { return engine->run_batch(images); };
                  }});
    return registry;
}

}  // namespace qnn

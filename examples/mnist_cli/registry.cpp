// The implementation registry and the built-in software/reference entries.

#include "mnist_cli/registry.hpp"

#include "qnn/error.hpp"
#include "qnn/reference.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <memory>
#include <stdexcept>

namespace mnist_cli {

void ImplementationRegistry::add(Implementation implementation)
{
    if (implementation.name.empty()) throw qnn::UsageError("implementation name must not be empty");
    if (find(implementation.name) != nullptr) {
        throw qnn::UsageError(fmt::format("implementation '{}' is already registered", implementation.name));
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
    throw qnn::UsageError(fmt::format("unknown implementation '{}'; choose one of: {}", name, choices()));
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

namespace {

// An implementation whose engine is a const object built from the model (one per runner, so workers
// share nothing).
template <class Engine>
Implementation engine_implementation(std::string name, std::string display_name, std::string description)
{
    auto make_runner = [](const qnn::QuantizedModel& model) -> BatchRunner {
        auto engine = std::make_shared<const Engine>(model);
        return [engine](std::span<const qnn::ImageView> images) { return engine->run_batch(images); };
    };
    return {std::move(name), std::move(display_name), std::move(description), make_runner,
            [make_runner](const qnn::QuantizedModel& model, std::size_t) -> WorkerFactory {
                return [make_runner, model](std::ostream&) { return make_runner(model); };
            }};
}

}  // namespace

ImplementationRegistry builtin_implementations()
{
    ImplementationRegistry registry;
    registry.add(engine_implementation<qnn::SoftwareInference>(
        "software", "Software Inference", "bit-exact integer inference (pyrtlnet's NumPy semantics)"));
    registry.add(engine_implementation<qnn::ReferenceInference>(
        "reference", "Reference Inference", "TFLite/gemmlowp arithmetic (may differ by +-1 per output)"));
    return registry;
}

}  // namespace mnist_cli

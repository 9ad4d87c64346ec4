#pragma once
/// \file registry.hpp
/// Named inference implementations ("strategies") for command-line programs. Each entry turns a
/// model into a BatchRunner, a function from a batch of images to a qnn::BatchResult. Programs start
/// from builtin_implementations() (software, reference) and may add their own, e.g. a hardware
/// simulation:
/// \code
///   mnist_cli::ImplementationRegistry registry = mnist_cli::builtin_implementations();
///   registry.add({"pyrtl", "PyRTL Inference", "simulated hardware",
///                 [](const qnn::QuantizedModel& m) -> mnist_cli::BatchRunner { ... }});
///   const mnist_cli::Implementation& impl = registry.get("software");   // qnn::UsageError if unknown
///   mnist_cli::BatchRunner run = impl.make_runner(model);
/// \endcode

#include "qnn/inference.hpp"
#include "qnn/model.hpp"

#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mnist_cli {

/// Runs one batch of images (B >= 1) and returns B results.
using BatchRunner = std::function<qnn::BatchResult(std::span<const qnn::ImageView> images)>;

/// Makes the runner of one worker thread of a session run on several threads (SessionOptions::jobs).
/// Anything the runner prints must go to `log`: the session keeps it per batch and prints it just
/// before that batch's results, so the output stays in image order.
using WorkerFactory = std::function<BatchRunner(std::ostream& log)>;

/// One selectable implementation.
struct Implementation {
    std::string name{};  ///< Value of `--impl`, e.g. "software".
    std::string display_name{};  ///< Shown in output headers, e.g. "Software Inference".
    std::string description{};  ///< One line for `--help`.
    std::function<BatchRunner(const qnn::QuantizedModel&)> make_runner{};  ///< Builds the runner for a model.
    /// Optional: how the implementation runs on several threads. Called once per session with the model
    /// and the size of the session's first (largest) batch; the factory it returns is called once per
    /// worker, on the session's thread before the workers start, and each runner it makes is called from
    /// one worker thread only. Empty: the implementation runs on one thread whatever `jobs` says.
    std::function<WorkerFactory(const qnn::QuantizedModel&, std::size_t batch_size)> make_workers{};
};

/// An ordered set of implementations, looked up by name.
class ImplementationRegistry {
public:
    /// Adds an implementation.
    /// \param implementation the entry.
    /// \throws qnn::UsageError if the name is empty or taken.
    void add(Implementation implementation);
    /// Looks an implementation up.
    /// \param name its name.
    /// \return the implementation called `name`, or nullptr.
    [[nodiscard]] const Implementation* find(std::string_view name) const;
    /// The implementation called `name`.
    /// \param name its name.
    /// \return the implementation.
    /// \throws qnn::UsageError listing the valid names.
    [[nodiscard]] const Implementation& get(std::string_view name) const;
    /// Names in registration order.
    /// \return the names.
    [[nodiscard]] std::vector<std::string> names() const;
    /// "software, reference" (for messages).
    /// \return the names, comma-separated.
    [[nodiscard]] std::string choices() const;
    /// Every implementation, in registration order.
    /// \return the entries.
    [[nodiscard]] const std::vector<Implementation>& all() const { return implementations_; }

private:
    std::vector<Implementation> implementations_;
};

/// "software" (qnn::SoftwareInference) and "reference" (qnn::ReferenceInference), both able to run on several
/// threads (one engine per worker).
/// \return a registry holding the two.
ImplementationRegistry builtin_implementations();

}  // namespace mnist_cli

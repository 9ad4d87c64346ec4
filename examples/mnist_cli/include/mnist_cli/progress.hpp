#pragma once
/// \file progress.hpp
/// Console reporting of training progress: a Keras-like progress bar redrawn in place on a
/// terminal, and one tidy line per epoch otherwise (logs, pipes, CI).

#include "qnn/training.hpp"

#include <cstdio>
#include <ostream>
#include <string>

namespace mnist_cli {

/// Whether a C stream is attached to a terminal.
/// \param stream e.g. stderr.
/// \return true for a terminal.
bool is_terminal(std::FILE* stream);

/// Formats and prints qnn::TrainingProgress events. Use it as a qnn::ProgressCallback:
/// `qnn::train_model(train, &test, options, mnist_cli::TrainingReporter(std::cerr, mnist_cli::is_terminal(stderr)))`.
class TrainingReporter {
public:
    /// A reporter writing to `out`.
    /// \param out where to write.
    /// \param interactive  redraw a progress bar in place with a carriage return (only sensible on a terminal).
    TrainingReporter(std::ostream& out, bool interactive) : out_(&out), interactive_(interactive) {}

    /// Reports one event: redraws the bar (interactive) or prints a line at the end of an epoch.
    /// \param progress the event.
    void operator()(const qnn::TrainingProgress& progress);

    /// One line, e.g. "Epoch  3/10 [float] 1875/1875 [==============================] 0.6 s - loss 0.2512 - accuracy
    /// 0.9274".
    /// \param progress the event.
    /// \return the line.
    static std::string format(const qnn::TrainingProgress& progress);

private:
    std::ostream* out_;
    bool interactive_;
    std::size_t last_drawn_ = 0;
};

}  // namespace mnist_cli

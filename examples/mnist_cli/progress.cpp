// Training progress output.

#include "mnist_cli/progress.hpp"

#include <fmt/format.h>

#include <algorithm>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

namespace mnist_cli {

bool is_terminal(std::FILE* stream)
{
#if defined(__unix__) || defined(__APPLE__)
    return stream != nullptr && isatty(fileno(stream)) != 0;
#else
    (void)stream;
    return false;
#endif
}

std::string TrainingReporter::format(const qnn::TrainingProgress& p)
{
    constexpr std::size_t kWidth = 30;
    const std::size_t filled = p.steps == 0 ? kWidth : kWidth * p.step / p.steps;
    std::string bar(filled, '=');
    if (filled < kWidth) bar += '>';
    bar.resize(kWidth, '.');
    const int digits = static_cast<int>(fmt::formatted_size("{}", p.epochs));
    const int step_digits = static_cast<int>(fmt::formatted_size("{}", p.steps));
    return fmt::format("Epoch {:>{}}/{} [{}] {:>{}}/{} [{}] {:.1f} s - loss {:.4f} - accuracy {:.4f}", p.epoch, digits,
                       p.epochs, p.phase, p.step, step_digits, p.steps, bar, p.epoch_seconds, p.loss, p.accuracy);
}

void TrainingReporter::operator()(const qnn::TrainingProgress& p)
{
    if (p.epoch_done) {
        *out_ << (interactive_ ? "\r\033[2K" : "") << format(p) << '\n' << std::flush;
        last_drawn_ = 0;
        return;
    }
    if (!interactive_) return;
    // Redraw about 50 times per epoch.
    const std::size_t every = std::max<std::size_t>(1, p.steps / 50);
    if (p.step == 1 || p.step - last_drawn_ >= every) {
        *out_ << "\r\033[2K" << format(p) << std::flush;
        last_drawn_ = p.step;
    }
}

}  // namespace mnist_cli

// Float training and quantization-aware fine-tuning (mini-batch Adam, softmax cross-entropy).

#include "qnn/training.hpp"

#include "fake_quant.hpp"
#include "qnn/error.hpp"
#include "qnn/inference.hpp"
#include "qnn/random.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

namespace qnn {

void TrainingOptions::validate() const
{
    const auto fail = [](const std::string& why) { throw UsageError(why); };
    if (epochs < 0) fail(fmt::format("--epochs must be >= 0 (got {})", epochs));
    if (qat_epochs < 0) fail(fmt::format("--qat_epochs must be >= 0 (got {})", qat_epochs));
    if (batch_size <= 0) fail(fmt::format("--batch_size must be >= 1 (got {})", batch_size));
    if (!(learning_rate > 0.0f) || !std::isfinite(learning_rate)) {
        fail(fmt::format("--learning_rate must be > 0 (got {})", learning_rate));
    }
    if (!(qat_learning_rate > 0.0f) || !std::isfinite(qat_learning_rate)) {
        fail(fmt::format("--qat_learning_rate must be > 0 (got {})", qat_learning_rate));
    }
    if (!(beta1 >= 0.0f && beta1 < 1.0f) || !(beta2 >= 0.0f && beta2 < 1.0f) || !(epsilon > 0.0f)) {
        fail("Adam parameters must satisfy 0 <= beta1, beta2 < 1 and epsilon > 0");
    }
    if (!(range_decay >= 0.0f && range_decay < 1.0f)) fail("range_decay must be in [0, 1)");
    for (int width : hidden) {
        if (width <= 0) fail(fmt::format("hidden layer widths must be >= 1 (got {})", width));
    }
    if (calibration_images == 0) fail("calibration_images must be >= 1");
}

namespace {

using Clock = std::chrono::steady_clock;

// One vector per layer, shaped like the network's weights or biases.
struct Params {
    std::vector<std::vector<float>> w;
    std::vector<std::vector<float>> b;

    explicit Params(const FloatNetwork& net)
    {
        for (const FloatDense& layer : net.layers) {
            w.emplace_back(layer.weight.size(), 0.0f);
            b.emplace_back(layer.bias.size(), 0.0f);
        }
    }
    void zero()
    {
        for (auto& v : w) std::fill(v.begin(), v.end(), 0.0f);
        for (auto& v : b) std::fill(v.begin(), v.end(), 0.0f);
    }
};

// Keras' legacy Adam: lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t); p -= lr_t * m / (sqrt(v) + eps).
class Adam {
public:
    Adam(const FloatNetwork& net, const TrainingOptions& options, float learning_rate)
        : m_(net), v_(net), options_(options), learning_rate_(learning_rate)
    {}

    void set_learning_rate(double learning_rate) { learning_rate_ = learning_rate; }

    void step(FloatNetwork& net, const Params& grad)
    {
        ++t_;
        const double t = static_cast<double>(t_);
        const auto lr_t = static_cast<float>(learning_rate_ * std::sqrt(1.0 - std::pow(double{options_.beta2}, t)) /
                                             (1.0 - std::pow(double{options_.beta1}, t)));
        for (std::size_t l = 0; l < net.layers.size(); ++l) {
            update(net.layers[l].weight, grad.w[l], m_.w[l], v_.w[l], lr_t);
            update(net.layers[l].bias, grad.b[l], m_.b[l], v_.b[l], lr_t);
        }
    }

private:
    void update(std::vector<float>& p, const std::vector<float>& g, std::vector<float>& m, std::vector<float>& v,
                float lr_t) const
    {
        const float b1 = options_.beta1;
        const float b2 = options_.beta2;
        for (std::size_t i = 0; i < p.size(); ++i) {
            m[i] = b1 * m[i] + (1.0f - b1) * g[i];
            v[i] = b2 * v[i] + (1.0f - b2) * g[i] * g[i];
            p[i] -= lr_t * m[i] / (std::sqrt(v[i]) + options_.epsilon);
        }
    }

    Params m_;
    Params v_;
    const TrainingOptions& options_;
    double learning_rate_;
    long t_ = 0;
};

// Runs epochs of mini-batch training over a data set, optionally with fake quantization.
class Trainer {
public:
    Trainer(FloatNetwork& net, const ImageSet& data, const TrainingOptions& options, Rng& rng)
        : net_(net), data_(data), options_(options), rng_(rng), grad_(net)
    {
        const std::size_t layers = net.layers.size();
        acts_.resize(layers + 1);
        pass_.resize(layers);
        delta_.resize(layers);
        acts_[0].resize(data.image_size());
        for (std::size_t l = 0; l < layers; ++l) {
            const auto rows = static_cast<std::size_t>(net.layers[l].rows);
            acts_[l + 1].resize(rows);
            pass_[l].resize(rows);
            delta_[l].resize(rows);
        }
        effective_.resize(layers);
        order_.resize(data.size());
        std::iota(order_.begin(), order_.end(), 0u);
    }

    // Quantization-aware mode: fake-quantized inputs, weights and activations; ranges start
    // from `ranges` and follow an exponential moving average of the batch ranges.
    void enable_qat(InputQuantization input, std::vector<Range> ranges)
    {
        qat_ = true;
        input_ = input;
        ranges_ = std::move(ranges);
    }

    void run(const std::string& phase, int epochs, float learning_rate, bool cosine_decay,
             const ProgressCallback& progress, std::vector<TrainingProgress>& history)
    {
        Adam adam(net_, options_, learning_rate);
        const auto batch = static_cast<std::size_t>(options_.batch_size);
        const std::size_t steps = (data_.size() + batch - 1) / batch;
        for (int epoch = 1; epoch <= epochs; ++epoch) {
            const auto start = Clock::now();
            rng_.shuffle(order_);
            TrainingProgress p{phase, epoch, epochs, 0, steps, 0.0, 0.0, false, 0.0};
            double loss_sum = 0.0;
            std::size_t correct = 0;
            std::size_t seen = 0;
            for (std::size_t step = 0; step < steps; ++step) {
                const std::size_t first = step * batch;
                const std::size_t count = std::min(batch, data_.size() - first);
                if (cosine_decay) {
                    const double done = static_cast<double>(static_cast<std::size_t>(epoch - 1) * steps + step) /
                        static_cast<double>(static_cast<std::size_t>(epochs) * steps);
                    adam.set_learning_rate(0.5 * learning_rate * (1.0 + std::cos(std::numbers::pi * done)));
                }
                loss_sum += train_batch(std::span<const std::uint32_t>(order_).subspan(first, count), correct);
                adam.step(net_, grad_);
                seen += count;
                p.step = step + 1;
                p.loss = loss_sum / static_cast<double>(step + 1);
                p.accuracy = static_cast<double>(correct) / static_cast<double>(seen);
                p.epoch_seconds = std::chrono::duration<double>(Clock::now() - start).count();
                p.epoch_done = step + 1 == steps;
                if (progress) progress(p);
            }
            history.push_back(p);
        }
    }

private:
    // Forward + backward over one mini-batch; leaves the mean gradient in grad_ and returns the
    // mean loss.
    double train_batch(std::span<const std::uint32_t> indices, std::size_t& correct)
    {
        grad_.zero();
        prepare_batch();
        const float inv_batch = 1.0f / static_cast<float>(indices.size());
        double loss = 0.0;
        for (const std::uint32_t index : indices) {
            forward(data_.image(index));
            loss += output_delta(data_.labels[index], inv_batch, correct);
            backward();
        }
        if (qat_) {
            const float decay = options_.range_decay;
            for (std::size_t l = 0; l < ranges_.size(); ++l) {
                ranges_[l].min = decay * ranges_[l].min + (1.0f - decay) * batch_ranges_[l].min;
                ranges_[l].max = decay * ranges_[l].max + (1.0f - decay) * batch_ranges_[l].max;
            }
        }
        return loss / static_cast<double>(indices.size());
    }

    // The weights and activation quantizers of this batch's forward passes.
    void prepare_batch()
    {
        fake_.clear();
        for (std::size_t l = 0; l < net_.layers.size(); ++l) {
            if (qat_) {
                detail::fake_quantize_weights(net_.layers[l], effective_[l]);
                fake_.emplace_back(ranges_[l]);
            } else {
                effective_[l] = net_.layers[l].weight;
            }
        }
        batch_ranges_.assign(net_.layers.size(),
                             Range{std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest()});
    }

    // Fills acts_ (and, in QAT, records the batch ranges) and pass_ for one image.
    void forward(std::span<const float> image)
    {
        for (std::size_t j = 0; j < image.size(); ++j) {
            acts_[0][j] = qat_ ? detail::fake_quantize_input(image[j], input_) : image[j];
        }
        const std::size_t layers = net_.layers.size();
        for (std::size_t l = 0; l < layers; ++l) {
            const FloatDense& layer = net_.layers[l];
            const bool hidden = l + 1 < layers;
            const auto cols = static_cast<std::size_t>(layer.cols);
            const float* a = acts_[l].data();
            for (std::size_t i = 0; i < static_cast<std::size_t>(layer.rows); ++i) {
                const float* w = effective_[l].data() + i * cols;
                float sum = layer.bias[i];
                for (std::size_t j = 0; j < cols; ++j) sum += w[j] * a[j];
                float out = hidden ? std::max(sum, 0.0f) : sum;
                bool pass = !hidden || sum > 0.0f;
                if (qat_) {
                    batch_ranges_[l].min = std::min(batch_ranges_[l].min, out);
                    batch_ranges_[l].max = std::max(batch_ranges_[l].max, out);
                    pass = pass && fake_[l].passes(out);
                    out = fake_[l](out);
                }
                pass_[l][i] = pass ? 1.0f : 0.0f;
                acts_[l + 1][i] = out;
            }
        }
    }

    // Softmax cross-entropy of the logits: sets the last layer's delta (scaled by 1/batch) and
    // returns the loss.
    double output_delta(int label, float inv_batch, std::size_t& correct)
    {
        const std::vector<float>& logits = acts_.back();
        const auto label_index = static_cast<std::size_t>(label);
        const float top = *std::max_element(logits.begin(), logits.end());
        double total = 0.0;
        for (float z : logits) total += std::exp(static_cast<double>(z - top));
        const auto predicted =
            static_cast<std::size_t>(std::max_element(logits.begin(), logits.end()) - logits.begin());
        correct += predicted == label_index ? 1 : 0;
        std::vector<float>& delta = delta_.back();
        for (std::size_t i = 0; i < logits.size(); ++i) {
            const auto p = static_cast<float>(std::exp(static_cast<double>(logits[i] - top)) / total);
            delta[i] = (p - (i == label_index ? 1.0f : 0.0f)) * inv_batch * pass_.back()[i];
        }
        return std::log(total) - static_cast<double>(logits[label_index] - top);
    }

    // Accumulates the gradients of one image from the last layer's delta down.
    void backward()
    {
        for (std::size_t l = net_.layers.size(); l-- > 0;) {
            const FloatDense& layer = net_.layers[l];
            const auto rows = static_cast<std::size_t>(layer.rows);
            const auto cols = static_cast<std::size_t>(layer.cols);
            const float* a = acts_[l].data();
            for (std::size_t i = 0; i < rows; ++i) {
                const float d = delta_[l][i];
                if (d == 0.0f) continue;
                float* g = grad_.w[l].data() + i * cols;
                for (std::size_t j = 0; j < cols; ++j) g[j] += d * a[j];
                grad_.b[l][i] += d;
            }
            if (l == 0) break;
            std::vector<float>& below = delta_[l - 1];
            std::fill(below.begin(), below.end(), 0.0f);
            for (std::size_t i = 0; i < rows; ++i) {
                const float d = delta_[l][i];
                if (d == 0.0f) continue;
                const float* w = effective_[l].data() + i * cols;
                for (std::size_t j = 0; j < cols; ++j) below[j] += w[j] * d;
            }
            for (std::size_t j = 0; j < below.size(); ++j) below[j] *= pass_[l - 1][j];
        }
    }

    FloatNetwork& net_;
    const ImageSet& data_;
    const TrainingOptions& options_;
    Rng& rng_;
    Params grad_;
    std::vector<std::vector<float>> acts_;  // acts_[0] = input, acts_[l + 1] = output of layer l
    std::vector<std::vector<float>> pass_;  // 1 where the gradient passes ReLU / fake quantization
    std::vector<std::vector<float>> delta_;  // d loss / d pre-activation of layer l
    std::vector<std::vector<float>> effective_;  // weights used in the forward pass (fake-quantized in QAT)
    std::vector<std::uint32_t> order_;
    std::vector<detail::ActivationFakeQuant> fake_;  // per layer, in QAT
    std::vector<Range> batch_ranges_;  // observed in the current batch, in QAT
    bool qat_ = false;
    InputQuantization input_;
    std::vector<Range> ranges_;
};

}  // namespace

TrainingResult train_model(const ImageSet& full_train, const ImageSet* test, const TrainingOptions& options,
                           const ProgressCallback& progress)
{
    options.validate();
    const auto begin = Clock::now();
    const ImageSet* train = &full_train;
    ImageSet subset;
    if (options.max_train_images != 0 && options.max_train_images < full_train.size()) {
        subset = full_train.slice(0, options.max_train_images);
        train = &subset;
    }
    if (train->size() == 0 || train->image_size() == 0) throw DataError("train_model: the training set is empty");
    if (train->pixels.size() != train->size() * train->image_size()) {
        throw DataError("train_model: the training set's pixel count does not match its labels and image size");
    }
    int classes = 0;
    for (std::uint8_t label : train->labels) classes = std::max(classes, int{label} + 1);
    classes = std::max(classes, 10);

    TrainingResult result;
    result.network = FloatNetwork::glorot(static_cast<int>(train->image_size()), options.hidden, classes, options.seed);
    Rng rng(options.seed ^ 0x9e3779b9u);
    Trainer trainer(result.network, *train, options, rng);
    trainer.run("float", options.epochs, options.learning_rate, false, progress, result.history);
    if (test != nullptr) result.float_test_accuracy = float_accuracy(result.network, *test);

    const InputQuantization input{};
    if (options.qat_epochs > 0) {
        trainer.enable_qat(input, calibrate_ranges(result.network, *train, options.calibration_images, input));
        trainer.run("qat", options.qat_epochs, options.qat_learning_rate, options.qat_cosine_decay, progress,
                    result.history);
    }
    const auto ranges = calibrate_ranges(result.network, *train, options.calibration_images, input);
    result.model = convert_to_int8(result.network, ranges, input);
    if (test != nullptr) result.quantized_test_accuracy = accuracy(SoftwareInference(result.model), *test);
    result.seconds = std::chrono::duration<double>(Clock::now() - begin).count();
    return result;
}

}  // namespace qnn

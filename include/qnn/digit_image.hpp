#pragma once
/// \file digit_image.hpp
/// A hand-drawn digit made to look like an MNIST image, so that the network sees what it was
/// trained on. MNIST's own recipe (LeCun et al.): the digit's bounding box is scaled, keeping its
/// aspect ratio, to fit a 20x20 box with grey levels from anti-aliasing, then placed in a 28x28
/// field so that its centre of mass is at the centre. After that the drawing takes the data set's
/// path: the 28x28 -> 12x12 bilinear resize of load_mnist.
///
/// \code
///   std::vector<float> mnist_like = qnn::normalize_drawing(canvas_pixels);   // 784 values in [0, 1]
///   std::vector<float> input = qnn::network_image(mnist_like);             // 144 values, as load_mnist
/// \endcode

#include <span>
#include <vector>

namespace qnn {

/// Side of an MNIST image.
inline constexpr int kMnistSide = 28;
/// Side of the box MNIST scales every digit into.
inline constexpr int kMnistDigitBox = 20;

/// MNIST's normalization of a drawing of kMnistSide x kMnistSide pixels (row-major, 0 = background,
/// 1 = ink; values are clamped to [0, 1]):
/// 1. the bounding box of the non-zero pixels is cut out (an empty drawing stays empty);
/// 2. it is resampled by area averaging (a box filter: each output pixel is the mean of the input
///    area it covers) so that its longer side is kMnistDigitBox pixels and the shorter one keeps
///    the aspect ratio (rounded, at least 1);
/// 3. it is pasted into a blank 28x28 image, shifted by whole pixels so that its centre of mass
///    (pixel centres weighted by grey level) is as close as possible to the image centre (14, 14);
///    whatever falls outside is dropped;
/// 4. values are rounded to 8-bit grey levels and converted as the data set is (pixel_to_unit).
/// \param pixels the drawing, 784 values.
/// \return 784 values in [0, 1], MNIST-like.
/// \throws DataError if `pixels` does not have 784 values or one is not finite.
std::vector<float> normalize_drawing(std::span<const float> pixels);

/// The network's input for a 28x28 image: resize_bilinear to kMnistResizedSize squared, exactly as
/// load_mnist prepares the data set (so a test image gives the same pixels as load_mnist's).
/// \param image a 28x28 image, 784 values.
/// \return the network input, kMnistResizedSize squared values.
/// \throws DataError if `image` does not have 784 values.
std::vector<float> network_image(std::span<const float> image);

}  // namespace qnn

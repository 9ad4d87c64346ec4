"""Pure logic of the Pynq Z2 driver for rtlnet's MNIST accelerator (no pynq needed, unit-tested here).

The accelerator's AXI top (mnist_inference_axi.v, written by `mnist_inference --verilog --axi`, the
tiled architecture) streams images in and classes out, any number per DMA transfer:
- in, AXI4-Stream s0_axis: 32-bit words of 4 pixels, the image's int8 pixels in order (pixel 4w + i in
  byte i of word w, i.e. the pixels' bytes as they are in memory), each image padded with zeros to a
  whole word; tlast on the last word of the transfer;
- out, AXI4-Stream m0_axis: one byte per image, its class (0-9), in input order; tlast on the last.
"""

import gzip
import json
import struct

import numpy as np

WORD_BYTES = 4  # pixels per input word (mnist_inference --pixels_per_word, 4 for the FPGA build)


def load_model_params(model_json_path):
    """Returns (input_scale, input_zero, layer_rows) from rtlnet's JSON model file."""
    with open(model_json_path, encoding="utf-8") as f:
        model = json.load(f)
    if model.get("format") != "rtlnet-qnn":
        raise ValueError(f"{model_json_path}: not an rtlnet model file (format is {model.get('format')!r})")
    layer_rows = [len(layer["weight"]) for layer in model["layers"]]
    return np.float32(model["input"]["scale"]), int(model["input"]["zero"]), layer_rows


def read_idx(path):
    """Reads an IDX file (optionally .gz): returns a numpy uint8 array of its shape."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != 8:
        raise ValueError(f"{path}: not an IDX file of unsigned bytes")
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4 : 4 + 4 * dims])
    body = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims)
    if body.size != int(np.prod(shape)):
        raise ValueError(f"{path}: expected {int(np.prod(shape))} bytes of data, found {body.size}")
    return body.reshape(shape)


def resize_bilinear(image, out_rows=12, out_cols=12):
    """TensorFlow's default tf.image.resize (bilinear, half-pixel centres, no antialias) in float32,
    of an image already divided by 255."""
    image = np.asarray(image, dtype=np.float32)
    in_rows, in_cols = image.shape

    def axis(out_size, in_size):
        scale = np.float32(in_size) / np.float32(out_size)
        positions = []
        for i in range(out_size):
            x = (np.float32(i) + np.float32(0.5)) * scale - np.float32(0.5)
            lower = max(int(np.floor(x)), 0)
            upper = min(int(np.ceil(x)), in_size - 1)
            positions.append((lower, upper, np.float32(x - np.floor(x))))
        return positions

    out = np.zeros((out_rows, out_cols), dtype=np.float32)
    for r, (top, bottom, yl) in enumerate(axis(out_rows, in_rows)):
        for c, (left, right, xl) in enumerate(axis(out_cols, in_cols)):
            tl, tr = image[top, left], image[top, right]
            bl, br = image[bottom, left], image[bottom, right]
            upper = np.float32(tl + (tr - tl) * xl)
            lower = np.float32(bl + (br - bl) * xl)
            out[r, c] = np.float32(upper + (lower - upper) * yl)
    return out


def preprocess(image_u8):
    """A 28x28 uint8 MNIST image -> 12x12 float32 in [0, 1]."""
    return resize_bilinear(np.asarray(image_u8, dtype=np.float32) / np.float32(255.0))


def quantize(image_f32, input_scale, input_zero):
    """pyrtlnet's input quantization: int8(trunc(x / scale + zero)) in float64, flattened row-major."""
    x = np.asarray(image_f32, dtype=np.float64).reshape(-1) / np.float64(input_scale) + input_zero
    return np.clip(np.trunc(x), -128, 127).astype(np.int8)


def words_per_image(pixels, word_bytes=WORD_BYTES):
    """Input words of one image of `pixels` pixels."""
    return (pixels + word_bytes - 1) // word_bytes


def stream_bytes(quantized_images, word_bytes=WORD_BYTES):
    """The send buffer for images (an n x pixels int8 array): each image's pixels as bytes, padded with
    zeros to a whole number of words."""
    images = np.atleast_2d(np.asarray(quantized_images, dtype=np.int8))
    n, pixels = images.shape
    padded = np.zeros((n, words_per_image(pixels, word_bytes) * word_bytes), dtype=np.uint8)
    padded[:, :pixels] = images.view(np.uint8)
    return padded.reshape(-1)


def decode_results(received, count):
    """The classes of `count` images from the receive buffer (one byte each)."""
    received = np.asarray(received, dtype=np.uint8)
    if received.size < count:
        raise ValueError(f"received {received.size} results for {count} images")
    return [int(v) for v in received[:count]]


def format_result(expected, actual):
    return f"Expected: {expected} | Actual: {actual}"


def format_accuracy(correct, total):
    return f"{correct}/{total} correct predictions, {100.0 * correct / total:.1f}% accuracy"

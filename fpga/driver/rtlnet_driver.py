"""Pure logic of the Pynq Z2 driver for rtlnet's MNIST accelerator (no pynq needed, unit-tested here).

The accelerator's AXI top (mnist_inference_axi.v, written by `mnist_inference --verilog --axi`) takes
one image per AXI-Stream frame of 2**addrwidth one-byte beats (batch size 1) and exposes its results
as 32-bit AXI-Lite registers: the argmax at index 0, layer 0's outputs at 1..18, layer 1's at 19..28
(raw int8), then a status register (bit 0 valid, bit 1 busy, bits 31..16 results produced).
"""

import gzip
import json
import struct

import numpy as np

INPUT_ADDRWIDTH = 8  # 144 + 18 + 1 - 1 = 162 < 256: the first layer's counter width


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


def stream_bytes(quantized, addrwidth=INPUT_ADDRWIDTH):
    """The AXI-Stream frame for one image (batch size 1): its int8 pixels as bytes, then zeros."""
    words = np.zeros(2**addrwidth, dtype=np.uint8)
    words[: len(quantized)] = np.asarray(quantized, dtype=np.int8).view(np.uint8)
    return words


def register_map(layer_rows, batch_size=1):
    """Byte addresses: {'argmax': [...], 'layers': [[...], ...], 'status': addr} (image 0 of the batch)."""
    index = batch_size
    layers = []
    for rows in layer_rows:
        layers.append([4 * (index + r * batch_size) for r in range(rows)])
        index += rows * batch_size
    return {"argmax": [4 * c for c in range(batch_size)], "layers": layers, "status": 4 * index}


def to_int8(value):
    """A register holding raw 8-bit two's complement -> Python int."""
    value &= 0xFF
    return value - 256 if value >= 128 else value


def decode_status(value):
    """(valid, busy, results produced mod 2**16) from the status register."""
    return bool(value & 1), bool(value & 2), (value >> 16) & 0xFFFF


def format_result(expected, actual):
    return f"Expected: {expected} | Actual: {actual}"


def format_accuracy(correct, total):
    return f"{correct}/{total} correct predictions, {100.0 * correct / total:.1f}% accuracy"

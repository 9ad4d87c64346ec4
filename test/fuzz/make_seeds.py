#!/usr/bin/env python3
"""Writes the seed corpora of the libFuzzer targets, with NumPy and from the real MNIST files.

Usage: make_seeds.py OUTPUT_DIR [MNIST_DIR]

One folder per target (npy, npz, model_json, model_npz, idx, image_set_npz). Seeds are made at fuzz
time rather than committed, so no binary .npz is tracked in the repository.
"""
import gzip
import io
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "qnn"))
import make_numpy_fixtures as fixtures  # noqa: E402


def write(folder, name, data):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def npz_bytes(arrays, compressed):
    buffer = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(buffer, **arrays)
    return buffer.getvalue()


def npy_bytes(array, version=None):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, version=version)
    return buffer.getvalue()


def model_json(arrays):
    layers = []
    i = 0
    while "layer%d.weight" % i in arrays:
        p = "layer%d." % i
        w = np.ascontiguousarray(arrays[p + "weight"])
        layers.append({
            "name": "layer%d" % i,
            "relu": "layer%d.weight" % (i + 1) in arrays,
            "output_scale": float(arrays[p + "output.scale"][0]),
            "output_zero": int(arrays[p + "output.zero"][0]),
            "weight_scale": [float(v) for v in arrays[p + "weight.scale"]],
            "weight_zero": [int(v) for v in arrays[p + "weight.zero"]],
            "bias": [int(v) for v in arrays[p + "bias"].reshape(-1)],
            "weight": w.astype(int).tolist(),
        })
        i += 1
    doc = {"format": "rtlnet-qnn", "version": 1,
           "input": {"scale": float(arrays["input.scale"][0]), "zero": int(arrays["input.zero"][0])},
           "layers": layers}
    return json.dumps(doc, indent=1).encode()


def idx_seeds(out, mnist_dir):
    """The first images and labels of the real MNIST test set (header count patched), plain and gzip."""
    if not mnist_dir:
        return
    images_path = os.path.join(mnist_dir, "t10k-images-idx3-ubyte.gz")
    labels_path = os.path.join(mnist_dir, "t10k-labels-idx1-ubyte.gz")
    if not (os.path.exists(images_path) and os.path.exists(labels_path)):
        return
    with gzip.open(images_path, "rb") as f:
        images = f.read(16 + 2 * 784)
    with gzip.open(labels_path, "rb") as f:
        labels = f.read(8 + 10)
    images = images[:4] + (2).to_bytes(4, "big") + images[8:]
    labels = labels[:4] + (10).to_bytes(4, "big") + labels[8:]
    write(os.path.join(out, "idx"), "images2.idx", images)
    write(os.path.join(out, "idx"), "images2.idx.gz", gzip.compress(images))
    write(os.path.join(out, "idx"), "labels10.idx", labels)
    write(os.path.join(out, "idx"), "labels10.idx.gz", gzip.compress(labels))
    pixels = np.frombuffer(images[16:], dtype=np.uint8).reshape(2, 28, 28).astype(np.float64) / 255.0
    real = {"test_images": pixels.astype(np.float32),
            "test_labels": np.frombuffer(labels[8:10], dtype=np.uint8).copy()}
    write(os.path.join(out, "image_set_npz"), "real2.npz", npz_bytes(real, True))


def main():
    out = sys.argv[1]
    mnist_dir = sys.argv[2] if len(sys.argv) > 2 else ""
    arrays = fixtures.arrays()
    for name, array in arrays.items():
        write(os.path.join(out, "npy"), name + ".npy", npy_bytes(array))
    write(os.path.join(out, "npy"), "v2.npy", npy_bytes(np.arange(6, dtype="<i2").reshape(2, 3), (2, 0)))
    write(os.path.join(out, "npy"), "empty.npy", npy_bytes(np.zeros((0, 3), dtype="<f4")))
    small = {k: v for k, v in arrays.items() if k.startswith(("c_", "f_"))}
    write(os.path.join(out, "npz"), "stored.npz", npz_bytes(small, False))
    write(os.path.join(out, "npz"), "deflated.npz", npz_bytes(small, True))
    model = fixtures.tiny_model()
    write(os.path.join(out, "model_npz"), "quantized.npz", npz_bytes(model, True))
    write(os.path.join(out, "model_npz"), "quantized_stored.npz", npz_bytes(model, False))
    write(os.path.join(out, "model_json"), "tiny.json", model_json(model))
    synthetic = {"test_images": (np.arange(2 * 12 * 12, dtype=np.float32) / np.float32(288)).reshape(2, 12, 12),
                 "test_labels": np.array([7, 2], dtype=np.uint8)}
    write(os.path.join(out, "image_set_npz"), "synthetic.npz", npz_bytes(synthetic, True))
    write(os.path.join(out, "idx"), "tiny_images.idx",
          bytes([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4]))
    idx_seeds(out, mnist_dir)


if __name__ == "__main__":
    main()

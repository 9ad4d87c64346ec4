#!/usr/bin/env python3
"""Writes .npz fixtures with NumPy itself (not rtlnet's writer) for test_numpy_fixtures.cpp.

Usage: make_numpy_fixtures.py OUTPUT_DIR

  arrays.npz / arrays_compressed.npz  np.savez / np.savez_compressed of every supported dtype, as
                                      C-ordered, Fortran-ordered and transposed arrays
  quantized.npz                       pyrtlnet's model layout for the test suite's tiny_model(),
                                      its weights saved transposed (fortran_order: True)
  mnist_test_data.npz                 pyrtlnet's test-data layout: 3 float32 12x12 images
"""
import os
import sys

import numpy as np

DTYPES = ["<f4", "<f8", "|i1", "|u1", "<i2", "<i4", "<i8", "|b1"]


def arrays():
    out = {}
    for dt in DTYPES:
        name = np.dtype(dt).name
        offset = 0 if dt == "|u1" else 3
        base = (np.arange(24) % 7 - offset).reshape(2, 3, 4).astype(dt)
        out["c_" + name] = base
        out["f_" + name] = np.asfortranarray(base)
        out["t_" + name] = base.reshape(6, 4).T  # shape (4, 6), Fortran-contiguous
        out["v_" + name] = base.reshape(24)
    out["scalar"] = np.array(42, dtype="<i4")
    return out


def tiny_model():
    f4, i4 = np.float32, np.int32
    w0 = np.array([[1, -2, 3], [-128, 127, 0]], dtype=np.int8)
    w1 = np.array([[5, -7], [9, 11]], dtype=np.int8)
    return {
        "input.scale": np.array([1.0 / 255.0], dtype=f4),
        "input.zero": np.array([-128], dtype=i4),
        "layer0.weight": w0.T.copy().T,  # Fortran order, as np.savez(weight=w.T) writes a transpose
        "layer0.bias": np.array([[100], [-200]], dtype=i4),
        "layer0.weight.scale": np.array([0.0123456789, 0.01], dtype=f4),
        "layer0.weight.zero": np.array([0, 0], dtype=i4),
        "layer0.output.scale": np.array([0.05], dtype=f4),
        "layer0.output.zero": np.array([-128], dtype=i4),
        "layer1.weight": np.asfortranarray(w1),
        "layer1.bias": np.array([[-3], [4]], dtype=i4),
        "layer1.weight.scale": np.array([0.02], dtype=f4),
        "layer1.weight.zero": np.array([0], dtype=i4),
        "layer1.output.scale": np.array([0.1], dtype=f4),
        "layer1.output.zero": np.array([3], dtype=i4),
    }


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    data = arrays()
    np.savez(os.path.join(out, "arrays.npz"), **data)
    np.savez_compressed(os.path.join(out, "arrays_compressed.npz"), **data)
    np.savez_compressed(os.path.join(out, "quantized.npz"), **tiny_model())
    images = (np.arange(3 * 12 * 12, dtype=np.float32) / np.float32(432)).reshape(3, 12, 12)
    np.savez_compressed(os.path.join(out, "mnist_test_data.npz"), test_images=images,
                        test_labels=np.array([7, 2, 1], dtype=np.uint8))


if __name__ == "__main__":
    main()

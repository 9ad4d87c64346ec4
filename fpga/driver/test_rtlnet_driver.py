"""Unit tests of the driver's pure logic (run by ctest: python3 -m unittest in fpga/driver)."""

import gzip
import json
import os
import struct
import tempfile
import unittest

import numpy as np

import rtlnet_driver as drv


class ResizeTest(unittest.TestCase):
    def test_hand_computed_pixels(self):
        # in = (i + 0.5) * 28/12 - 0.5; output 0 samples rows/cols 0 and 1 with weight 2/3 on the second.
        image = np.zeros((28, 28), dtype=np.float32)
        image[0, 1] = 1.0
        out = drv.resize_bilinear(image)
        lerp = np.float32((np.float32(0.5) * (np.float32(28) / np.float32(12))) - np.float32(0.5))
        self.assertAlmostEqual(float(out[0, 0]), float(lerp * (np.float32(1) - lerp)), places=6)
        self.assertEqual(out.dtype, np.float32)
        self.assertEqual(out.shape, (12, 12))

    def test_constant_image_stays_constant(self):
        out = drv.resize_bilinear(np.full((28, 28), 0.25, dtype=np.float32))
        self.assertTrue(np.all(out == np.float32(0.25)))

    def test_last_pixel_clamps_to_the_edge(self):
        image = np.zeros((28, 28), dtype=np.float32)
        image[27, 27] = 1.0
        out = drv.resize_bilinear(image)
        # i = 11: in = 11.5 * 28/12 - 0.5 = 26.333..: rows 26 and 27 with weight 1/3 on 27.
        x = np.float32(np.float32(11.5) * (np.float32(28) / np.float32(12)) - np.float32(0.5))
        w = np.float32(x - np.floor(x))
        self.assertAlmostEqual(float(out[11, 11]), float(w * w), places=6)


class QuantizeAndLayoutTest(unittest.TestCase):
    def test_quantize_truncates_like_numpy_astype(self):
        scale = np.float32(1.0 / 255.0)
        q = drv.quantize(np.array([0.0, 1.0, 0.5, 0.00392]), scale, -128)
        # 1 / float32(1/255) = 254.99999... in float64, so a white pixel truncates to 126, not 127
        # (as pyrtlnet's astype(np.int8)); 0.5 -> 127.499.. - 128 -> -0.5 -> 0; 0.00392 -> -127.0003 -> -127.
        self.assertEqual(list(q), [-128, 126, 0, -127])

    def test_stream_bytes_pad_each_image_to_whole_words(self):
        images = np.array([[-128, -1, 0, 5, 127], [1, 2, 3, 4, 5]], dtype=np.int8)
        sent = drv.stream_bytes(images)
        # 5 pixels -> 2 words of 4 bytes per image, the pixel bytes in order then zeros.
        self.assertEqual(drv.words_per_image(5), 2)
        self.assertEqual(list(sent), [0x80, 0xFF, 0, 5, 0x7F, 0, 0, 0, 1, 2, 3, 4, 5, 0, 0, 0])
        # 144 MNIST pixels fill 36 words exactly.
        self.assertEqual(len(drv.stream_bytes(np.zeros((3, 144), dtype=np.int8))), 3 * 144)

    def test_results_and_messages(self):
        self.assertEqual(drv.decode_results(np.array([7, 2, 1, 9], dtype=np.uint8), 3), [7, 2, 1])
        with self.assertRaises(ValueError):
            drv.decode_results(np.array([7], dtype=np.uint8), 2)
        self.assertEqual(drv.format_result(7, 7), "Expected: 7 | Actual: 7")
        self.assertEqual(drv.format_accuracy(9, 10), "9/10 correct predictions, 90.0% accuracy")


class FilesTest(unittest.TestCase):
    def test_idx_and_model_files(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "images.gz")
            with gzip.open(path, "wb") as f:
                f.write(bytes([0, 0, 8, 3]) + struct.pack(">III", 2, 2, 3) + bytes(range(12)))
            images = drv.read_idx(path)
            self.assertEqual(images.shape, (2, 2, 3))
            self.assertEqual(int(images[1, 1, 2]), 11)
            bad = os.path.join(d, "bad")
            with open(bad, "wb") as f:
                f.write(bytes([0, 0, 8, 1]) + struct.pack(">I", 10) + bytes(3))
            with self.assertRaises(ValueError):
                drv.read_idx(bad)
            model = os.path.join(d, "m.json")
            with open(model, "w", encoding="utf-8") as f:
                json.dump({"format": "rtlnet-qnn", "input": {"scale": 0.5, "zero": -128},
                           "layers": [{"weight": [[1]] * 18}, {"weight": [[1]] * 10}]}, f)
            scale, zero, rows = drv.load_model_params(model)
            self.assertEqual((float(scale), zero, rows), (0.5, -128, [18, 10]))


if __name__ == "__main__":
    unittest.main()

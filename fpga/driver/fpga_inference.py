"""Runs MNIST test images through rtlnet's accelerator on a Pynq Z2 and prints mnist_inference's output.

Needs only pynq and numpy on the board. Copy rtlnet.bit, rtlnet.hwh, this folder, the model file
(models/mnist_q8.json) and t10k-images-idx3-ubyte.gz / t10k-labels-idx1-ubyte.gz to the board, then:
    sudo -E python3 fpga_inference.py --model mnist_q8.json --data_dir . --num_images 100
"""

import argparse
import os
import sys
import time

import numpy as np

import rtlnet_driver as drv


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bitstream", default="rtlnet.bit")
    parser.add_argument("--model", default="mnist_q8.json")
    parser.add_argument("--data_dir", default=".")
    parser.add_argument("--start_image", type=int, default=0)
    parser.add_argument("--num_images", type=int, default=1)
    args = parser.parse_args()

    scale, zero, layer_rows = drv.load_model_params(args.model)
    images = drv.read_idx(os.path.join(args.data_dir, "t10k-images-idx3-ubyte.gz"))
    labels = drv.read_idx(os.path.join(args.data_dir, "t10k-labels-idx1-ubyte.gz"))
    if not 0 <= args.start_image < len(images):
        sys.exit(f"--start_image must be in [0, {len(images)})")
    if args.num_images <= 0:
        sys.exit("--num_images must be positive")
    end = min(len(images), args.start_image + args.num_images)
    addresses = drv.register_map(layer_rows)

    start = time.time()
    print("Importing pynq... ", end="", flush=True)
    import pynq  # noqa: E402 (slow; only on the board)

    print(f"done ({time.time() - start:.2f} s)")
    start = time.time()
    print("Loading bitstream... ", end="", flush=True)
    overlay = pynq.Overlay(args.bitstream)  # once: the accelerator runs image after image
    print(f"done ({time.time() - start:.2f} s)")
    dma = overlay.dma
    accelerator = overlay.mnist_inference_axi_0
    buffer = pynq.allocate(shape=(2**drv.INPUT_ADDRWIDTH,), dtype=np.uint8)

    correct = 0
    _, _, produced = drv.decode_status(accelerator.read(addresses["status"]))
    for index in range(args.start_image, end):
        pixels = drv.quantize(drv.preprocess(images[index]), scale, zero)
        buffer[:] = drv.stream_bytes(pixels)
        buffer.flush()
        dma.sendchannel.transfer(buffer)
        dma.sendchannel.wait()
        # Poll until the accelerator reports a new result (no guessing at its latency).
        while True:
            valid, _, count = drv.decode_status(accelerator.read(addresses["status"]))
            if valid and count == (produced + 1) & 0xFFFF:
                produced = count
                break
        actual = accelerator.read(addresses["argmax"][0])
        print(f"PyRTL FPGA image_index {index}")
        if args.num_images == 1:
            for layer, regs in enumerate(addresses["layers"]):
                print(f"layer{layer} output:", [drv.to_int8(accelerator.read(a)) for a in regs])
        print(drv.format_result(int(labels[index]), actual))
        print()
        correct += int(actual == labels[index])
    if end - args.start_image > 1:
        print(drv.format_accuracy(correct, end - args.start_image))


if __name__ == "__main__":
    main()

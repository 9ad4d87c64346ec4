"""Runs MNIST test images through rtlnet's accelerator on a Pynq Z2 and prints mnist_inference's output.

Needs only pynq and numpy on the board. Copy rtlnet.bit, rtlnet.hwh, this folder, the model file
(models/mnist_q8.json) and t10k-images-idx3-ubyte.gz / t10k-labels-idx1-ubyte.gz to the board, then:
    sudo -E python3 fpga_inference.py --model mnist_q8.json --data_dir . --num_images 10000
Images stream through the DMA --batch_size at a time (default: all of them in one transfer each way).
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
    parser.add_argument("--batch_size", type=int, default=0, help="images per DMA transfer (0: all)")
    args = parser.parse_args()

    scale, zero, _ = drv.load_model_params(args.model)
    images = drv.read_idx(os.path.join(args.data_dir, "t10k-images-idx3-ubyte.gz"))
    labels = drv.read_idx(os.path.join(args.data_dir, "t10k-labels-idx1-ubyte.gz"))
    if not 0 <= args.start_image < len(images):
        sys.exit(f"--start_image must be in [0, {len(images)})")
    if args.num_images <= 0 or args.batch_size < 0:
        sys.exit("--num_images must be positive and --batch_size not negative")
    end = min(len(images), args.start_image + args.num_images)
    batch = args.batch_size or end - args.start_image

    start = time.time()
    print("Importing pynq... ", end="", flush=True)
    import pynq  # noqa: E402 (slow; only on the board)

    print(f"done ({time.time() - start:.2f} s)")
    start = time.time()
    print("Loading bitstream... ", end="", flush=True)
    overlay = pynq.Overlay(args.bitstream)  # once: the accelerator streams run after run
    print(f"done ({time.time() - start:.2f} s)")
    dma = overlay.dma

    correct = 0
    streaming = 0.0
    for first in range(args.start_image, end, batch):
        last = min(end, first + batch)
        pixels = np.stack([drv.quantize(drv.preprocess(images[i]), scale, zero) for i in range(first, last)])
        sent = drv.stream_bytes(pixels)
        send = pynq.allocate(shape=sent.shape, dtype=np.uint8)
        receive = pynq.allocate(shape=(last - first,), dtype=np.uint8)
        send[:] = sent
        send.flush()
        begin = time.time()
        dma.recvchannel.transfer(receive)  # ready for the results before the images go out
        dma.sendchannel.transfer(send)
        dma.sendchannel.wait()
        dma.recvchannel.wait()
        streaming += time.time() - begin
        receive.invalidate()
        for index, actual in zip(range(first, last), drv.decode_results(receive, last - first)):
            print(f"PyRTL FPGA image_index {index}")
            print(drv.format_result(int(labels[index]), actual))
            print()
            correct += int(actual == labels[index])
        send.freebuffer()
        receive.freebuffer()
    if end - args.start_image > 1:
        print(drv.format_accuracy(correct, end - args.start_image))
        print(f"streamed {end - args.start_image} images in {streaming:.3f} s")


if __name__ == "__main__":
    main()

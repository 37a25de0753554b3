"""Writes a random U-Net (tests/python/random_unet.py) as .qrsm plus PyTorch's outputs for a few
unit-scale inputs, for tests/js/torch_parity.test.mjs.

    python3 torch_reference.py OUT_DIR SEED LENGTH...

OUT_DIR gets model.qrsm, in_<LENGTH>.f32 (input) and out_<LENGTH>.f32 (PyTorch output, [length, 2]
channels last). Inputs are zero-padded to the model's length multiple before the forward pass and
the output cropped, which is what the engine does with such lengths.
"""
import json
import os
import struct
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from random_unet import export_random_unet  # noqa: E402


def length_multiple(model_path):
    with open(model_path, "rb") as f:
        head = f.read(16)
        header_length = struct.unpack("<I", head[12:16])[0]
        return int(json.loads(f.read(header_length))["length_multiple"])


def main():
    out_dir, seed, lengths = sys.argv[1], int(sys.argv[2]), [int(n) for n in sys.argv[3:]]
    model_path = os.path.join(out_dir, "model.qrsm")
    net = export_random_unet(seed, model_path)
    multiple = length_multiple(model_path)
    rng = np.random.default_rng(seed)
    for n in lengths:
        x = rng.standard_normal(n).astype(np.float32)
        padded = np.zeros(-(-n // multiple) * multiple, np.float32)
        padded[:n] = x
        with torch.no_grad():
            y = net(torch.from_numpy(padded)[None, None]).numpy()[0].T[:n]
        x.tofile(os.path.join(out_dir, f"in_{n}.f32"))
        np.ascontiguousarray(y, dtype=np.float32).tofile(os.path.join(out_dir, f"out_{n}.f32"))


if __name__ == "__main__":
    main()

"""Turns a .qrsm model into what the peer engines of the browser benchmark load.

    /usr/bin/python3 bench/wasm/export_peers.py [MODEL.qrsm] [OUT_DIR]

Writes OUT_DIR (default build/wasm-perf/bench-peers/):
  model.onnx    the same layer list as a PyTorch module exported by torch.onnx (ONNX Runtime Web)
  layers.json   the .qrsm layer list plus, per weight, its offset in weights.bin (TensorFlow.js
  weights.bin   builds the graph from these with tf ops, so both peers run the file's own weights)

The PyTorch module below interprets the .qrsm layer list directly (conv1d with its fused
activation, maxpool1d, nearest upsampling, concat): no second copy of the architecture that could
drift from the shipped file.
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, SOURCE)
from training.export.qrsm import read_qrsm  # noqa: E402


class LayerListNet(torch.nn.Module):
    def __init__(self, header, tensors):
        super().__init__()
        self.layers = header["layers"]
        self.input_name, self.output_name = header["input"], header["output"]
        self.params = torch.nn.ParameterDict()
        for name, value in tensors.items():
            self.params[name.replace(".", "_")] = torch.nn.Parameter(torch.from_numpy(value.copy()),
                                                                     requires_grad=False)

    def tensor(self, name):
        return self.params[name.replace(".", "_")]

    def forward(self, x):
        values = {self.input_name: x}
        for l in self.layers:
            ins = [values[i] for i in l["inputs"]]
            if l["op"] == "conv1d":
                left, right = l["padding"]
                h = F.pad(ins[0], (left, right)) if left or right else ins[0]
                bias = self.tensor(l["bias"]) if l.get("bias") else None
                h = F.conv1d(h, self.tensor(l["weight"]), bias, stride=l["stride"],
                             dilation=l["dilation"])
                if l.get("activation") == "relu":
                    h = torch.relu(h)
                elif l.get("activation") == "sigmoid":
                    h = torch.sigmoid(h)
            elif l["op"] == "maxpool1d":
                h = F.max_pool1d(ins[0], l["kernel"], l["stride"])
            elif l["op"] == "upsample_nearest1d":
                h = F.interpolate(ins[0], scale_factor=float(l["scale"]), mode="nearest")
            elif l["op"] == "concat":
                h = torch.cat(ins, dim=1)
            else:
                raise SystemExit(f"export_peers.py: op {l['op']} is not handled")
            values[l["output"]] = h
        return values[self.output_name]


def main():
    model = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SOURCE, "model_weights", "qrs_unet.qrsm")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(SOURCE, "build", "wasm-perf", "bench-peers")
    os.makedirs(out, exist_ok=True)
    header, tensors = read_qrsm(model)
    net = LayerListNet(header, tensors).eval()
    example = torch.zeros(12, 1, 2512)
    torch.onnx.export(net, example, os.path.join(out, "model.onnx"), input_names=["x"],
                      output_names=["y"], opset_version=13,
                      dynamic_axes={"x": {0: "batch", 2: "length"}, "y": {0: "batch", 2: "length"}})

    offsets, blob = {}, bytearray()
    for name, value in tensors.items():
        offsets[name] = {"offset": len(blob) // 4, "shape": list(value.shape)}
        blob += np.ascontiguousarray(value, dtype="<f4").tobytes()
    with open(os.path.join(out, "weights.bin"), "wb") as f:
        f.write(blob)
    with open(os.path.join(out, "layers.json"), "w") as f:
        json.dump({"name": header["name"], "input": header["input"], "output": header["output"],
                   "layers": header["layers"], "tensors": offsets}, f)

    # The reference the page compares every engine with: PyTorch on a fixed input.
    rng = np.random.default_rng(5)
    x = rng.standard_normal((12, 1, 2512)).astype(np.float32)
    with torch.no_grad():
        y = net(torch.from_numpy(x)).numpy()
    x.tofile(os.path.join(out, "input.bin"))
    y.astype(np.float32).tofile(os.path.join(out, "torch_output.bin"))
    print(f"export_peers.py: {header['name']} -> {out} (model.onnx, layers.json, weights.bin)")


if __name__ == "__main__":
    main()

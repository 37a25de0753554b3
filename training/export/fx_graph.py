"""torch.nn.Module -> the layer list of a .qrsm model (docs/model_format.md), via torch.fx.

The module is traced symbolically (torch 1.13 torch.fx), every node is mapped to one engine op,
then two rewrites make the graph what the engine runs fastest:
  * BatchNorm1d after a conv (whose output nothing else reads) is folded into that conv's weight
    and bias; a BatchNorm1d anywhere else becomes a 1-tap conv1d with a diagonal weight;
  * ReLU / sigmoid after a conv (whose output nothing else reads) becomes the conv's activation.
Anything without an engine equivalent raises ExportError naming the node, so a model that exports
is a model the engine can run.
"""
import math
import operator
from fractions import Fraction
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch
import torch.fx
import torch.nn.functional as F
from torch import nn


class ExportError(ValueError):
    pass


def _np(t: Optional[torch.Tensor]) -> Optional[np.ndarray]:
    return None if t is None else t.detach().to(torch.float64).cpu().numpy()


def _single(v, what: str, node) -> int:
    if isinstance(v, (tuple, list)):
        if len(v) != 1:
            raise ExportError(f"{node.name}: {what} {v} is not one-dimensional")
        v = v[0]
    return int(v)


def _channel_dim_ok(dim) -> bool:
    return dim in (1, -2)


class _Builder:
    def __init__(self, gm: torch.fx.GraphModule):
        self.gm = gm
        self.layers: List[dict] = []
        self.value_of: Dict[torch.fx.Node, str] = {}
        self.input_name: Optional[str] = None
        self.input_channels: Optional[int] = None

    # -- helpers -------------------------------------------------------------------------------
    def val(self, arg, node) -> str:
        if not isinstance(arg, torch.fx.Node):
            raise ExportError(f"{node.name}: argument {arg!r} is not a tensor computed by the model")
        return self.value_of[arg]

    def emit(self, node, op: str, inputs: List[str], **fields) -> None:
        layer = {"op": op, "inputs": inputs, "output": node.name}
        layer.update(fields)
        self.layers.append(layer)
        self.value_of[node] = node.name

    def alias(self, node, arg) -> None:
        self.value_of[node] = self.val(arg, node)

    # -- modules ---------------------------------------------------------------------------------
    def conv1d(self, node, m: nn.Conv1d, x: str) -> None:
        if m.groups != 1:
            raise ExportError(f"{node.name}: Conv1d groups={m.groups} (only 1 is supported)")
        if m.padding_mode != "zeros":
            raise ExportError(f"{node.name}: Conv1d padding_mode={m.padding_mode!r} (only zeros)")
        k, d, s = m.kernel_size[0], m.dilation[0], m.stride[0]
        if isinstance(m.padding, str):
            if m.padding == "valid":
                left = right = 0
            else:  # "same" (stride 1): PyTorch puts the odd extra zero on the right
                total = d * (k - 1)
                left, right = total // 2, total - total // 2
        else:
            left = right = _single(m.padding, "padding", node)
        if self.input_channels is None and x == self.input_name:
            self.input_channels = m.in_channels
        self.emit(node, "conv1d", [x], weight=_np(m.weight), bias=_np(m.bias), stride=s,
                  dilation=d, padding=[left, right], groups=1, activation="none",
                  _module=node.target)

    def conv_transpose1d(self, node, m: nn.ConvTranspose1d, x: str) -> None:
        if m.groups != 1:
            raise ExportError(f"{node.name}: ConvTranspose1d groups={m.groups} (only 1)")
        if m.padding_mode != "zeros":
            raise ExportError(f"{node.name}: ConvTranspose1d padding_mode={m.padding_mode!r}")
        if len(node.args) > 1 or node.kwargs.get("output_size") is not None:
            raise ExportError(f"{node.name}: ConvTranspose1d output_size is not supported")
        if self.input_channels is None and x == self.input_name:
            self.input_channels = m.in_channels
        self.emit(node, "conv_transpose1d", [x], weight=_np(m.weight), bias=_np(m.bias),
                  stride=m.stride[0], padding=m.padding[0], output_padding=m.output_padding[0],
                  dilation=m.dilation[0], groups=1, activation="none", _module=node.target)

    def batch_norm(self, node, m: nn.BatchNorm1d, x: str) -> None:
        if m.running_mean is None or m.running_var is None:
            raise ExportError(f"{node.name}: BatchNorm1d without running statistics")
        scale = 1.0 / np.sqrt(_np(m.running_var) + m.eps)
        if m.affine:
            scale = scale * _np(m.weight)
        shift = -_np(m.running_mean) * scale + (_np(m.bias) if m.affine else 0.0)
        if self.input_channels is None and x == self.input_name:
            self.input_channels = m.num_features
        self.emit(node, "batch_norm", [x], scale=scale, shift=shift, _module=node.target)

    def max_pool(self, node, kernel, stride, padding, dilation, ceil_mode, x: str) -> None:
        kernel = _single(kernel, "kernel_size", node)
        stride = kernel if stride is None or stride == [] or stride == () else _single(stride, "stride", node)
        if _single(padding, "padding", node) != 0 or _single(dilation, "dilation", node) != 1 or ceil_mode:
            raise ExportError(f"{node.name}: MaxPool1d needs padding=0, dilation=1, ceil_mode=False")
        self.emit(node, "maxpool1d", [x], kernel=kernel, stride=stride)

    def upsample(self, node, size, scale, mode, x: str) -> None:
        if mode != "nearest":
            raise ExportError(f"{node.name}: upsampling mode {mode!r} (only 'nearest')")
        if size is not None or scale is None:
            raise ExportError(f"{node.name}: upsampling by size is not supported; give scale_factor")
        scale = float(scale[0] if isinstance(scale, (tuple, list)) else scale)
        if scale != int(scale) or scale < 1:
            raise ExportError(f"{node.name}: upsampling scale {scale} is not a positive integer")
        self.emit(node, "upsample_nearest1d", [x], scale=int(scale))

    def call_module(self, node) -> None:
        m = self.gm.get_submodule(node.target)
        x = self.val(node.args[0], node)
        if isinstance(m, nn.Conv1d):
            self.conv1d(node, m, x)
        elif isinstance(m, nn.ConvTranspose1d):
            self.conv_transpose1d(node, m, x)
        elif isinstance(m, nn.BatchNorm1d):
            self.batch_norm(node, m, x)
        elif isinstance(m, nn.ReLU):
            self.emit(node, "relu", [x])
        elif isinstance(m, nn.Sigmoid):
            self.emit(node, "sigmoid", [x])
        elif isinstance(m, nn.Softmax):
            if not _channel_dim_ok(m.dim):
                raise ExportError(f"{node.name}: Softmax over dim {m.dim} (only channels, dim=1)")
            self.emit(node, "softmax", [x])
        elif isinstance(m, nn.MaxPool1d):
            self.max_pool(node, m.kernel_size, m.stride, m.padding, m.dilation, m.ceil_mode, x)
        elif isinstance(m, nn.Upsample):
            self.upsample(node, m.size, m.scale_factor, m.mode, x)
        elif isinstance(m, (nn.Identity, nn.Dropout)):
            self.alias(node, node.args[0])
        else:
            raise ExportError(f"{node.name}: module {type(m).__name__} ({node.target}) has no "
                              "engine equivalent")

    # -- functions -------------------------------------------------------------------------------
    def call_function(self, node) -> None:
        f, a, kw = node.target, node.args, node.kwargs
        if f in (torch.relu, F.relu):
            self.emit(node, "relu", [self.val(a[0], node)])
        elif f in (torch.sigmoid, F.sigmoid):
            self.emit(node, "sigmoid", [self.val(a[0], node)])
        elif f in (torch.softmax, F.softmax):
            dim = a[1] if len(a) > 1 else kw.get("dim")
            if not _channel_dim_ok(dim):
                raise ExportError(f"{node.name}: softmax over dim {dim} (only channels, dim=1)")
            self.emit(node, "softmax", [self.val(a[0], node)])
        elif f in (torch.cat, getattr(torch, "concat", torch.cat)):
            dim = a[1] if len(a) > 1 else kw.get("dim", 0)
            if not _channel_dim_ok(dim):
                raise ExportError(f"{node.name}: torch.cat over dim {dim} (only channels, dim=1)")
            inputs = [self.val(t, node) for t in a[0]]
            if len(inputs) == 1:
                self.value_of[node] = inputs[0]
            else:
                self.emit(node, "concat", inputs)
        elif f in (operator.add, torch.add):
            if len(a) != 2 or kw.get("alpha", 1) != 1:
                raise ExportError(f"{node.name}: only a plain sum of two tensors is supported")
            self.emit(node, "add", [self.val(a[0], node), self.val(a[1], node)])
        elif f is F.max_pool1d:
            names = ["kernel_size", "stride", "padding", "dilation", "ceil_mode"]
            defaults = [None, None, 0, 1, False]
            vals = [a[i + 1] if len(a) > i + 1 else kw.get(n, d) for i, (n, d) in enumerate(zip(names, defaults))]
            if kw.get("return_indices"):
                raise ExportError(f"{node.name}: max_pool1d return_indices is not supported")
            self.max_pool(node, *vals, self.val(a[0], node))
        elif f is F.interpolate:
            names = ["size", "scale_factor", "mode"]
            defaults = [None, None, "nearest"]
            vals = [a[i + 1] if len(a) > i + 1 else kw.get(n, d) for i, (n, d) in enumerate(zip(names, defaults))]
            self.upsample(node, *vals, self.val(a[0], node))
        elif f is F.dropout:
            self.alias(node, a[0])
        else:
            raise ExportError(f"{node.name}: function {getattr(f, '__name__', f)} has no engine "
                              "equivalent")

    def call_method(self, node) -> None:
        name, a = node.target, node.args
        if name in ("relu", "sigmoid"):
            self.emit(node, name, [self.val(a[0], node)])
        elif name == "softmax":
            dim = a[1] if len(a) > 1 else node.kwargs.get("dim")
            if not _channel_dim_ok(dim):
                raise ExportError(f"{node.name}: softmax over dim {dim} (only channels, dim=1)")
            self.emit(node, "softmax", [self.val(a[0], node)])
        elif name in ("contiguous", "clone"):
            self.alias(node, a[0])
        elif name == "add" and len(a) == 2 and not node.kwargs:
            self.emit(node, "add", [self.val(a[0], node), self.val(a[1], node)])
        else:
            raise ExportError(f"{node.name}: tensor method .{name}() has no engine equivalent")

    def build(self) -> Tuple[List[dict], str, str]:
        output = None
        for node in self.gm.graph.nodes:
            if node.op == "placeholder":
                if self.input_name is not None:
                    raise ExportError("the model must take exactly one input tensor")
                self.input_name = node.name
                self.value_of[node] = node.name
            elif node.op == "call_module":
                self.call_module(node)
            elif node.op == "call_function":
                self.call_function(node)
            elif node.op == "call_method":
                self.call_method(node)
            elif node.op == "output":
                if not isinstance(node.args[0], torch.fx.Node):
                    raise ExportError("the model must return a single tensor")
                output = self.val(node.args[0], node)
            else:  # get_attr: a raw tensor used outside a supported module
                raise ExportError(f"{node.name}: {node.op} {node.target} is not supported")
        if self.input_name is None or output is None:
            raise ExportError("the traced graph has no input or no output")
        return self.layers, self.input_name, output


def _consumers(layers: List[dict], value: str) -> List[dict]:
    return [l for l in layers if value in l["inputs"]]


def _fold_batch_norms(layers: List[dict], output: str) -> List[dict]:
    out = []
    for layer in layers:
        if layer["op"] != "batch_norm":
            out.append(layer)
            continue
        src = layer["inputs"][0]
        prev = next((l for l in out if l["output"] == src), None)
        alone = prev is not None and len(_consumers(layers, src)) == 1 and src != output
        scale, shift = layer["scale"], layer["shift"]
        if alone and prev["op"] in ("conv1d", "conv_transpose1d") and prev["activation"] == "none":
            w = prev["weight"]
            prev["weight"] = w * (scale[:, None, None] if prev["op"] == "conv1d" else scale[None, :, None])
            bias = prev["bias"] if prev["bias"] is not None else np.zeros_like(scale)
            prev["bias"] = bias * scale + shift
            prev["output"] = layer["output"]
            continue
        c = scale.shape[0]
        out.append({"op": "conv1d", "inputs": [src], "output": layer["output"],
                    "weight": np.diag(scale).reshape(c, c, 1), "bias": shift, "stride": 1,
                    "dilation": 1, "padding": [0, 0], "groups": 1, "activation": "none",
                    "_module": layer["_module"]})
    return out


def _fuse_activations(layers: List[dict], output: str) -> List[dict]:
    out = []
    for layer in layers:
        if layer["op"] in ("relu", "sigmoid") and out:
            src = layer["inputs"][0]
            prev = next((l for l in out if l["output"] == src), None)
            if (prev is not None and prev["op"] in ("conv1d", "conv_transpose1d")
                    and prev["activation"] == "none" and src != output
                    and len(_consumers(layers, src)) == 1):
                prev["activation"] = layer["op"]
                prev["output"] = layer["output"]
                continue
        out.append(layer)
    return out


def _length_multiple(layers: List[dict], input_name: str) -> int:
    """lcm of every value's stride relative to the input (2^poolings for a U-Net)."""
    stride = {input_name: Fraction(1)}
    multiple = 1
    for l in layers:
        s = stride[l["inputs"][0]]
        if l["op"] in ("conv1d", "maxpool1d"):
            s = s * l["stride"]
        elif l["op"] == "conv_transpose1d":
            s = s / l["stride"]
        elif l["op"] == "upsample_nearest1d":
            s = s / l["scale"]
        stride[l["output"]] = s
        if s.denominator == 1:
            multiple = multiple * int(s) // math.gcd(multiple, int(s))
    return multiple


def trace_layers(module: nn.Module) -> Tuple[List[dict], str, str, int, int]:
    """(layers, input name, output name, channels_in, computed length multiple)."""
    gm = torch.fx.symbolic_trace(module)
    builder = _Builder(gm)
    layers, input_name, output = builder.build()
    layers = _fold_batch_norms(layers, output)
    layers = _fuse_activations(layers, output)
    return layers, input_name, output, builder.input_channels or 1, _length_multiple(layers, input_name)

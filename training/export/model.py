"""export_model(): trace, rewrite, check against PyTorch itself, and write the .qrsm file."""
import datetime
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
from torch import nn

from .fx_graph import ExportError, trace_layers
from .qrsm import write_qrsm


def model_header_and_tensors(module: nn.Module, *, name: str, sample_rate_hz: float,
                             outputs: Sequence[str], preprocess: dict,
                             training_info: Optional[dict] = None,
                             length_multiple: Optional[int] = None
                             ) -> Tuple[dict, Dict[str, np.ndarray]]:
    if module.training:
        raise ExportError("call model.eval() before exporting (batch norm and dropout differ)")
    layers, input_name, output_name, channels_in, multiple = trace_layers(module)
    if length_multiple is None:
        length_multiple = multiple
    elif length_multiple % multiple:
        raise ExportError(f"length_multiple {length_multiple} is not a multiple of the model's "
                          f"pooling grid {multiple}")

    # Probe once in PyTorch: output channels must match `outputs` and length must be preserved.
    with torch.no_grad():
        probe_len = 4 * length_multiple * max(1, 64 // length_multiple)
        y = module(torch.zeros(1, channels_in, probe_len))
    if not isinstance(y, torch.Tensor) or y.dim() != 3:
        raise ExportError("the model must return one [batch, channels, length] tensor")
    if y.shape[1] != len(outputs) or y.shape[2] != probe_len:
        raise ExportError(f"the model maps [1, {channels_in}, {probe_len}] to {list(y.shape)}; "
                          f"expected [1, {len(outputs)}, {probe_len}] for outputs {list(outputs)}")

    tensors: Dict[str, np.ndarray] = {}
    rename = {input_name: "x", output_name: "y"}
    header_layers: List[dict] = []
    for i, l in enumerate(layers):
        entry = {k: v for k, v in l.items() if not k.startswith("_") and k not in ("weight", "bias")}
        entry["inputs"] = [rename.get(v, v) for v in l["inputs"]]
        entry["output"] = rename.get(l["output"], l["output"])
        if "weight" in l:
            base = l.get("_module") or f"layer{i}"
            while base + ".weight" in tensors:
                base += "_"
            tensors[base + ".weight"] = l["weight"].astype(np.float32)
            entry["weight"] = base + ".weight"
            entry["bias"] = None
            if l["bias"] is not None:
                tensors[base + ".bias"] = l["bias"].astype(np.float32)
                entry["bias"] = base + ".bias"
        header_layers.append(entry)

    header = {
        "format": "qrs-annotator-model",
        "name": name,
        "created": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sample_rate_hz": float(sample_rate_hz),
        "channels_in": int(channels_in),
        "outputs": list(outputs),
        "length_multiple": int(length_multiple),
        "preprocess": dict(preprocess),
        "input": "x",
        "output": "y",
        "tensors": [],  # filled by encode_qrsm
        "layers": header_layers,
        "training": training_info if training_info is not None else {},
    }
    return header, tensors


def export_model(module: nn.Module, path: str, *, name: str, sample_rate_hz: float,
                 outputs: Sequence[str], preprocess: dict, training_info: Optional[dict] = None,
                 length_multiple: Optional[int] = None) -> dict:
    """Writes `module` (already in eval mode) to `path`; returns the header that was written."""
    header, tensors = model_header_and_tensors(
        module, name=name, sample_rate_hz=sample_rate_hz, outputs=outputs, preprocess=preprocess,
        training_info=training_info, length_multiple=length_multiple)
    write_qrsm(path, header, tensors)
    return header

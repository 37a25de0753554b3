"""The shipped model in PyTorch (model_weights/qrs_unet.pt, the checkpoint model_weights/
qrs_unet.qrsm was exported from) and real LUDB leads preprocessed as the engine does, for the
parity tests of the shipped weights (native: test_shipped_model_parity.py; wasm:
tests/js/shipped_model_parity.test.mjs, which runs this file as a script).

    python3 shipped_model.py OUT_DIR   writes lead_<k>.in.f32 (model input) and lead_<k>.out.f32
                                       (PyTorch output, [length, 2] channels last) for each lead
"""
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from ludb_io import SOURCE_DIR, read_ludb  # noqa: E402

sys.path.insert(0, SOURCE_DIR)
from training.export import read_qrsm  # noqa: E402
from training.model import EventNet, UNet1d  # noqa: E402
from training.preprocess import preprocess_lead  # noqa: E402

CHECKPOINT = os.path.join(SOURCE_DIR, "model_weights", "qrs_unet.pt")
QRSM = os.path.join(SOURCE_DIR, "model_weights", "qrs_unet.qrsm")
# The noise reader (MODEL_CARD.md, "A second reader for noisy records") and its checkpoint.
NOISE_CHECKPOINT = os.path.join(SOURCE_DIR, "model_weights", "qrs_unet_noisy.pt")
NOISE_QRSM = os.path.join(SOURCE_DIR, "model_weights", "qrs_unet_noisy.qrsm")
FS_MODEL = 250.0
# Real leads with different morphology: normal (1/ii), inverted (1/avr), RBBB-like and noisy ones.
LEADS = [(1, "ii"), (1, "avr"), (77, "v1"), (150, "iii"), (33, "v5")]


def load_net(checkpoint=CHECKPOINT):
    state = torch.load(checkpoint)
    cfg = state["config"]
    unet = UNet1d(cfg["channels"], cfg["kernel"], cfg["convs_per_level"])
    unet.load_state_dict(state["model"])
    return EventNet(unet.eval()).eval(), unet.length_multiple


def cases(checkpoint=CHECKPOINT, qrsm=QRSM):
    """[(label, model input float32 [n], PyTorch output float32 [n, 2])] for LEADS."""
    net, multiple = load_net(checkpoint)
    spec = read_qrsm(qrsm)[0]["preprocess"]  # what the engine will do to the same leads
    out = []
    for record, lead in LEADS:
        fs, leads = read_ludb(record)
        x = preprocess_lead(leads[lead], fs, FS_MODEL, spec)
        padded = np.zeros(-(-x.size // multiple) * multiple, np.float32)
        padded[:x.size] = x
        with torch.no_grad():
            y = net(torch.from_numpy(padded)[None, None]).numpy()[0].T[:x.size]
        out.append((f"{record}/{lead}", x, np.ascontiguousarray(y, dtype=np.float32)))
    return out


if __name__ == "__main__":
    out_dir = sys.argv[1]
    for k, (label, x, y) in enumerate(cases()):
        x.astype("<f4").tofile(os.path.join(out_dir, f"lead_{k}.in.f32"))
        y.astype("<f4").tofile(os.path.join(out_dir, f"lead_{k}.out.f32"))
        print(f"lead_{k}: LUDB {label}, {x.size} model samples")

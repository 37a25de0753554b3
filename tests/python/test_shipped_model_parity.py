"""The engine reproduces the shipped models' PyTorch forward pass on real LUDB leads (issue 3,
item 3): model_weights/qrs_unet.qrsm and the noise reader qrs_unet_noisy.qrsm run by both native
backends (qrs-nn-run, default windowing;
XNNPACK also split over 3 threads)
against model_weights/qrs_unet.pt in PyTorch, on whole preprocessed 10 s leads, within 1e-4.
A re-export that drifts from its checkpoint, or a backend that drifts from PyTorch, fails here.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from shipped_model import CHECKPOINT, NOISE_CHECKPOINT, NOISE_QRSM, QRSM, cases  # noqa: E402
from test_parity_pytorch import BACKENDS, backend_args, tool  # noqa: E402

TOLERANCE = 1e-4


def main():
    exe = tool()
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        src, dst = os.path.join(work, "in.f32"), os.path.join(work, "out.f32")
        models = ((CHECKPOINT, QRSM), (NOISE_CHECKPOINT, NOISE_QRSM))
        for qrsm, (label, x, want) in [(q, c) for p, q in models for c in cases(p, q)]:
            x.tofile(src)
            for backend in BACKENDS:
                subprocess.run([exe, qrsm, src, dst] + backend_args(backend), check=True)
                got = np.fromfile(dst, np.float32).reshape(x.size, -1)
                err = float(np.abs(got - want).max())
                ok = got.shape == want.shape and err <= TOLERANCE
                failures += not ok
                print(f"{'ok  ' if ok else 'FAIL'} {os.path.basename(qrsm)} LUDB {label} "
                      f"backend={backend} max|engine - PyTorch|={err:.2e} "
                      f"(peak prob {want.max():.2f})")
    print("FAILED" if failures else "shipped model parity passed")
    return 1 if failures else 0

if __name__ == "__main__":
    sys.exit(main())

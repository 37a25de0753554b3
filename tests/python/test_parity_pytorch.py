"""The engine (both native backends) computes what PyTorch computes, for models exported by
training/export: a random U-Net with every supported op (tests/python/random_unet.py), on
unit-scale inputs, through a single pass, through windowed runs (small windows force stitching)
and for lengths that are not multiples of the pooling grid (zero-padded like the engine does).
Tolerance: max |engine - PyTorch| <= 1e-4.

Needs the native tool qrs-nn-run in $QRS_BUILD_DIR (ctest sets it).
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from random_unet import export_random_unet  # noqa: E402
from training.export import ExportError, export_model, read_qrsm  # noqa: E402
from training.model import EventNet, UNet1d  # noqa: E402  (the shipped architecture)

TOLERANCE = 1e-4


def tool() -> str:
    build = os.environ.get("QRS_BUILD_DIR")
    if not build:
        sys.exit("QRS_BUILD_DIR is not set (run through ctest or set it to the native build dir)")
    path = os.path.join(build, "qrs-nn-run")
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: build the qrs-nn-run target")
    return path


def backends(tool_path: str, model: str):
    info = subprocess.run([tool_path, model, "--info", "--backend", "auto"], check=True,
                          capture_output=True, text=True).stdout
    return ["builtin", "xnnpack"] if '"backend": "xnnpack"' in info else ["builtin"]


def run_engine(tool_path, model, x, backend, workdir, window=None, single=False):
    src, dst = os.path.join(workdir, "in.f32"), os.path.join(workdir, "out.f32")
    x.astype(np.float32).tofile(src)
    cmd = [tool_path, model, src, dst, "--backend", backend]
    if window:
        cmd += ["--window", str(window)]
    if single:
        cmd.append("--single")
    subprocess.run(cmd, check=True)
    return np.fromfile(dst, np.float32).reshape(len(x), -1)


def run_torch(net, x, multiple):
    padded = np.zeros(-(-len(x) // multiple) * multiple, np.float32)
    padded[:len(x)] = x
    with torch.no_grad():
        y = net(torch.from_numpy(padded)[None, None]).numpy()[0].T
    return y[:len(x)]


def check_shipped_architecture(exe, work) -> int:
    """training/model.py's U-Net (random weights, randomised BN statistics) exports and runs."""
    torch.manual_seed(5)
    unet = UNet1d((8, 16, 32, 64), 9, 2)
    with torch.no_grad():
        for m in unet.modules():
            if isinstance(m, torch.nn.BatchNorm1d):
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 2.0)
    net = EventNet(unet).eval()
    model = os.path.join(work, "shipped.qrsm")
    header = export_model(net, model, name="shipped-arch", sample_rate_hz=250.0,
                          outputs=["onset", "offset"], preprocess={"scale": 1.0})
    header_back, tensors = read_qrsm(model)
    failures = 0
    ops = [l["op"] for l in header_back["layers"]]
    if "batch_norm" in ops or ops.count("relu") or header["length_multiple"] != 8:
        print(f"FAIL shipped architecture not folded/fused as expected: {ops}")
        failures += 1
    x = np.random.RandomState(9).randn(3000).astype(np.float32)
    for backend in backends(exe, model):
        err = float(np.abs(run_engine(exe, model, x, backend, work, window=512) -
                           run_torch(net, x, 8)).max())
        ok = err <= TOLERANCE
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} shipped UNet1d backend={backend} max|diff|={err:.2e}")
    return failures


def check_export_errors(work) -> int:
    """A module with no engine equivalent is refused with a message naming the node."""
    net = torch.nn.Sequential(torch.nn.Conv1d(1, 2, 3, padding=1), torch.nn.GELU()).eval()
    try:
        export_model(net, os.path.join(work, "bad.qrsm"), name="bad", sample_rate_hz=250,
                     outputs=["a", "b"], preprocess={})
    except ExportError as e:
        ok = "GELU" in str(e)
        print(f"{'ok  ' if ok else 'FAIL'} unsupported module refused: {e}")
        return 0 if ok else 1
    print("FAIL exporting a GELU model did not raise ExportError")
    return 1


def main() -> int:
    exe = tool()
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        for seed, softmax in [(1, False), (2, False), (3, True)]:
            model = os.path.join(work, f"m{seed}.qrsm")
            net = export_random_unet(seed, model, softmax=softmax)
            rng = np.random.RandomState(seed)
            for backend in backends(exe, model):
                cases = [(512, None, True), (1, None, False), (3, None, False), (257, None, False),
                         (1000, 64, False), (3001, 128, False), (5000, None, False)]
                for n, window, single in cases:
                    x = rng.randn(n).astype(np.float32)
                    got = run_engine(exe, model, x, backend, work, window, single)
                    want = run_torch(net, x, 4)
                    err = float(np.abs(got - want).max())
                    ok = err <= TOLERANCE
                    failures += not ok
                    print(f"{'ok  ' if ok else 'FAIL'} seed={seed} softmax={softmax} "
                          f"backend={backend} n={n} window={window} single={single} "
                          f"max|diff|={err:.2e}")
        failures += check_shipped_architecture(exe, work)
        failures += check_export_errors(work)
    print("FAILED" if failures else "all parity checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""A small random 1-D U-Net covering every op the exporter maps, for parity tests (native and
wasm). Importable: `from random_unet import make_random_unet, export_random_unet` with
tests/python on sys.path.

The batch-norm statistics are randomised so folding is really exercised; weights are scaled so
activations stay near unit scale (the parity tolerance is absolute).
"""
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
from training.export import export_model  # noqa: E402


def _block(c_in, c_out, kernel, dilation=1):
    pad = dilation * (kernel - 1) // 2
    return nn.Sequential(nn.Conv1d(c_in, c_out, kernel, padding=pad, dilation=dilation, bias=False),
                         nn.BatchNorm1d(c_out), nn.ReLU())


class RandomUNet(nn.Module):
    """enc(1->c0) pool enc(c0->c1) pool enc(c1->c2) | up(nearest) cat dec | convT cat dec | head."""

    def __init__(self, c=(6, 10, 12), kernel=5, softmax=False):
        super().__init__()
        self.enc0 = _block(1, c[0], kernel)
        self.enc1 = _block(c[0], c[1], kernel, dilation=2)
        self.mid = nn.Sequential(_block(c[1], c[2], kernel), nn.Conv1d(c[2], c[2], 3, padding=1))
        self.pool = nn.MaxPool1d(2)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.dec1 = _block(c[2] + c[1], c[1], kernel)
        self.upt = nn.ConvTranspose1d(c[1], c[1], 2, stride=2)
        self.bn_cat = nn.BatchNorm1d(c[1] + c[0])  # after a concat: stays a layer
        self.dec0 = _block(c[1] + c[0], c[0], kernel)
        self.res = nn.Conv1d(c[0], c[0], 1)
        self.head = nn.Conv1d(c[0], 2, 1)
        self.softmax = softmax

    def forward(self, x):
        e0 = self.enc0(x)
        e1 = self.enc1(self.pool(e0))
        m = F.relu(self.mid(self.pool(e1)))
        d1 = self.dec1(torch.cat([self.up(m), e1], dim=1))
        d0 = self.dec0(self.bn_cat(torch.cat([self.upt(d1), e0], dim=1)))
        d0 = d0 + self.res(d0)
        logits = self.head(d0)
        return torch.softmax(logits, dim=1) if self.softmax else torch.sigmoid(logits)


def make_random_unet(seed: int, softmax: bool = False) -> nn.Module:
    torch.manual_seed(seed)
    net = RandomUNet(softmax=softmax)
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.BatchNorm1d):
                m.running_mean.uniform_(-0.3, 0.3)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    return net.eval()


def export_random_unet(seed: int, path: str, softmax: bool = False) -> nn.Module:
    """Builds the random U-Net for `seed`, writes it to `path`, returns the module (eval mode)."""
    net = make_random_unet(seed, softmax)
    export_model(net, path, name=f"random-unet-{seed}", sample_rate_hz=250.0,
                 outputs=["onset", "offset"],
                 preprocess={"baseline_window_s": 1.0, "scale": 1.0, "clip": 10.0},
                 training_info={"note": "random weights for parity tests"})
    return net

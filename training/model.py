"""Single-lead 1-D U-Net that marks QRS onsets and offsets per sample.

Built only from ops the engine implements (docs/model_format.md): Conv1d (+BatchNorm1d, folded at
export), ReLU, MaxPool1d, nearest Upsample, torch.cat and sigmoid. forward() is plain tensor code
with no data-dependent Python control flow, so training/export can trace it with torch.fx.

Heads: "onset" and "offset" heat-maps (what the engine reads) and an auxiliary "qrs"
segmentation used only as a training signal; ``EventNet`` wraps the trained net for export and
returns just sigmoid(onset, offset), channels in that order.
"""
from typing import Dict, List, Sequence

import torch
from torch import nn

EVENT_OUTPUTS = ["onset", "offset"]


def conv_block(c_in: int, c_out: int, kernel: int, convs: int) -> nn.Sequential:
    layers = []
    for i in range(convs):
        layers += [nn.Conv1d(c_in if i == 0 else c_out, c_out, kernel, padding=kernel // 2,
                             bias=False),
                   nn.BatchNorm1d(c_out), nn.ReLU()]
    return nn.Sequential(*layers)


class UNet1d(nn.Module):
    """Encoder levels ``channels[0..d-1]`` with d-1 max-pools; decoder mirrors with skip concat."""

    def __init__(self, channels: Sequence[int] = (8, 16, 32, 64), kernel: int = 9,
                 convs_per_level: int = 2, wave_heads: bool = False):
        super().__init__()
        self.config = {"channels": list(channels), "kernel": kernel,
                       "convs_per_level": convs_per_level}
        if wave_heads:  # only then: older checkpoints' configs and initialisation stay as they were
            self.config["wave_heads"] = True
        self.depth = len(channels) - 1
        self.encoders = nn.ModuleList()
        c_prev = 1
        for c in channels:
            self.encoders.append(conv_block(c_prev, c, kernel, convs_per_level))
            c_prev = c
        self.pool = nn.MaxPool1d(2)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.decoders = nn.ModuleList()
        for level in range(self.depth - 1, -1, -1):
            self.decoders.append(conv_block(channels[level + 1] + channels[level],
                                            channels[level], kernel, convs_per_level))
        self.events = nn.Conv1d(channels[0], 2, 1)   # onset, offset logits
        self.segment = nn.Conv1d(channels[0], 1, 1)  # QRS-inside logit (training aid)
        # P-inside and T-inside logits: more supervision from the same annotation files.
        self.waves = nn.Conv1d(channels[0], 2, 1) if wave_heads else None

    @property
    def length_multiple(self) -> int:
        return 2 ** self.depth

    def features(self, x: torch.Tensor) -> torch.Tensor:
        skips: List[torch.Tensor] = []
        for level, encoder in enumerate(self.encoders):
            x = encoder(x)
            if level < self.depth:
                skips.append(x)
                x = self.pool(x)
        for decoder in self.decoders:
            x = decoder(torch.cat([self.up(x), skips.pop()], dim=1))
        return x

    def forward(self, x: torch.Tensor) -> Dict[str, torch.Tensor]:
        f = self.features(x)
        out = {"events": self.events(f), "qrs": self.segment(f)}
        if self.waves is not None:
            out["waves"] = self.waves(f)
        return out


class EventNet(nn.Module):
    """What ships: [batch, 1, length] -> sigmoid [batch, 2, length] (onset, offset)."""

    def __init__(self, unet: UNet1d):
        super().__init__()
        self.unet = unet

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.unet.events(self.unet.features(x)))


def flops_per_lead_second(channels: Sequence[int], kernel: int, convs_per_level: int,
                          fs: float = 250.0) -> float:
    """Multiply-adds x 2 per second of one lead at fs (convolutions only; they dominate)."""
    depth = len(channels) - 1
    per_sample = 0.0

    def block(c_in, c_out, rate):
        total, c = 0.0, c_in
        for _ in range(convs_per_level):
            total += 2.0 * kernel * c * c_out * rate
            c = c_out
        return total

    c_prev = 1
    for level, c in enumerate(channels):
        per_sample += block(c_prev, c, 0.5 ** level)
        c_prev = c
    for level in range(depth - 1, -1, -1):
        per_sample += block(channels[level + 1] + channels[level], channels[level], 0.5 ** level)
    per_sample += 2.0 * channels[0] * 2  # event head
    return per_sample * fs


def parameter_count(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())

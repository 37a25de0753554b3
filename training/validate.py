"""Validation of a model on whole LUDB leads with the engine's post-processing and scoring.

The leads are preprocessed once (no augmentation), run through the model in one batch, mapped
back to 500 Hz like the engine does, and scored with training/scoring.py for several detection
thresholds; the best threshold (by ``cost``) is what training reports and ships.
"""
import numpy as np
import torch

from training import dataset, pacing, postprocess, scoring
from training.preprocess import preprocess_lead, to_input_rate

THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)


def cost(summary):
    """Lower is better: SDs and |mean| in ms, plus 2 ms per percent of lost Se or PPV."""
    total = 0.0
    for kind in scoring.KINDS:
        s = summary[kind]
        total += s["sd_ms"] + 0.5 * abs(s["mean_ms"]) + 2.0 * ((100 - s["se"]) + (100 - s["ppv"]))
    return total


def _without_spikes(mv):
    """A lead as the engine feeds it to the network: pacemaker spikes cut out (training/pacing.py)."""
    return pacing.remove_spikes(mv, pacing.find_spike_candidates(mv, dataset.FS_RAW))


class ValidationSet:
    def __init__(self, items, preprocess_spec, length_multiple, remove_spikes=False):
        self.items = items
        xs = [preprocess_lead(_without_spikes(it.mv) if remove_spikes else it.mv.astype(np.float32),
                              dataset.FS_RAW, dataset.FS_MODEL, preprocess_spec) for it in items]
        self.n_model = xs[0].size
        padded = -(-self.n_model // length_multiple) * length_multiple
        self.x = np.zeros((len(xs), 1, padded), dtype=np.float32)
        for i, x in enumerate(xs):
            self.x[i, 0, :x.size] = x

    def probabilities(self, net, chunk=48):
        with torch.no_grad():
            return np.concatenate([net(torch.from_numpy(self.x[i:i + chunk])).numpy()
                                   for i in range(0, len(self.x), chunk)])

    def evaluate(self, net, thresholds=THRESHOLDS):
        prob = self.probabilities(net)[:, :, :self.n_model]
        curves = []
        for it, p in zip(self.items, prob):
            n = it.mv.size
            curves.append((to_input_rate(p[0], dataset.FS_MODEL, n, dataset.FS_RAW),
                           to_input_rate(p[1], dataset.FS_MODEL, n, dataset.FS_RAW)))
        by_record = {}
        for i, it in enumerate(self.items):
            by_record.setdefault(it.record, []).append(i)
        best = None
        for thr in thresholds:
            opts = postprocess.EventOptions(threshold=thr)
            scores = []
            for indices in by_record.values():
                scores += self._score_record(indices, curves, opts)
            summary = scoring.summarise(scores)
            c = cost(summary)
            if best is None or c < best["cost"]:
                best = {"cost": c, "threshold": thr, "summary": summary}
        best["summary_short"] = {
            k: [round(best["summary"][k][f], 2) for f in ("se", "ppv", "mean_ms", "sd_ms")]
            for k in scoring.KINDS}
        return best

    def _score_record(self, indices, curves, opts):
        """Scores of one record's leads (items[indices]) through the engine's post-processing:
        each lead's events, the record's beats, then the blend with the leads' conventions."""
        events, _ = postprocess.record_events([curves[i] for i in indices], dataset.FS_RAW, opts)
        return [scoring.score_lead(self.items[i].ref, on, off, dataset.FS_RAW)
                for i, (on, off) in zip(indices, events)]

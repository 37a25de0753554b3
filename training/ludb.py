"""LUDB reader in plain numpy: WFDB headers, format-16 signals and MIT-format annotations.

LUDB (Lobachevsky University Database, PhysioNet v1.0.1) holds 200 ten-second 12-lead
records at 500 Hz. Every lead has its own annotation file ``<record>.<lead>`` with wave
boundaries '(' and ')' around peak marks ('p', 'N', 't'). We parse the binary annotation
format ourselves (no wfdb package on this machine) so training and scoring agree on
exactly one reading of the reference.

Public entry points: ``ludb_dir``, ``read_record``, ``read_annotation``,
``lead_reference``, ``TEST_RECORDS``, ``LEADS``.
"""
import os
from dataclasses import dataclass
from typing import List, Tuple

import numpy as np

from training.scoring import QrsReference

LEADS = ["i", "ii", "iii", "avr", "avl", "avf", "v1", "v2", "v3", "v4", "v5", "v6"]
ALL_RECORDS = list(range(1, 201))
# Fixed by the accuracy protocol (docs: DESIGN.md): never trained on, never used to choose.
TEST_RECORDS = list(range(5, 201, 5))

# MIT annotation codes (WFDB ecgcodes.h) that LUDB uses, and the pseudo-codes that carry data.
_CODE_TO_SYMBOL = {1: "N", 24: "p", 27: "t", 39: "(", 40: ")"}
_SKIP, _NUM, _SUB, _CHAN, _AUX = 59, 60, 61, 62, 63


class LudbError(Exception):
    """A LUDB file is missing or does not parse; the message names the file."""


def ludb_dir() -> str:
    """The LUDB directory: $ECG_LUDB_DIR or the shared copy. Fails loudly when absent."""
    # The shared copy sits beside the repository (../shared/data/ludb), wherever it is cloned.
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.environ.get("ECG_LUDB_DIR") or os.path.join(repo, "..", "shared", "data", "ludb")
    if not os.path.isfile(os.path.join(path, "1.hea")):
        raise LudbError(f"LUDB not found in {path} (set ECG_LUDB_DIR to the directory holding 1.hea)")
    return path


# What a header comment says of a paced record (P-synchrony is a pacing mode).
PACING_WORDS = ("pacing", "p-synchrony")


def header_mentions(record: int, directory: str, words) -> bool:
    """Whether the comment lines of a record's header mention one of `words` (lower case): LUDB
    states each record's rhythm and diagnoses there (pacing, extrasystoles, ...)."""
    with open(os.path.join(directory, f"{record}.hea"), encoding="ascii", errors="replace") as f:
        comments = " ".join(line for line in f if line.startswith("#")).lower()
    return any(word in comments for word in words)


@dataclass
class SignalSpec:
    file_name: str
    fmt: str
    gain: float       # ADC units per mV
    baseline: int     # ADC value that means 0 mV
    units: str
    description: str


@dataclass
class Record:
    name: str
    fs: float
    leads: List[str]          # lower-case lead names, as the annotation file suffixes
    signals_mv: np.ndarray    # [n_leads, n_samples] float64, millivolts


def _parse_gain(field: str, adc_zero: int, path: str) -> Tuple[float, int, str]:
    """'1716(6)/mV' -> (1716.0, 6, 'mV'); baseline defaults to ADC zero, gain 0 means 200."""
    units = "mV"
    if "/" in field:
        field, units = field.split("/", 1)
    baseline = adc_zero
    if "(" in field:
        field, rest = field.split("(", 1)
        if not rest.endswith(")"):
            raise LudbError(f"{path}: malformed gain field '{field}({rest}'")
        baseline = int(rest[:-1])
    try:
        gain = float(field)
    except ValueError:
        raise LudbError(f"{path}: gain '{field}' is not a number") from None
    return (gain if gain != 0 else 200.0), baseline, units


def read_header(path: str):
    """Parse a single-segment WFDB header into (fs, n_samples, [SignalSpec])."""
    try:
        with open(path, "r", encoding="ascii", errors="replace") as f:
            lines = [ln.strip() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    except OSError as e:
        raise LudbError(f"{path}: cannot read header ({e.strerror})") from None
    if not lines:
        raise LudbError(f"{path}: empty header")
    head = lines[0].split()
    if len(head) < 4:
        raise LudbError(f"{path}: record line needs name, signal count, rate and length")
    n_sig = int(head[1])
    fs = float(head[2].split("/")[0].split("(")[0])
    n_samples = int(head[3])
    if len(lines) < 1 + n_sig:
        raise LudbError(f"{path}: header announces {n_sig} signals but lists {len(lines) - 1}")
    specs = []
    for ln in lines[1:1 + n_sig]:
        parts = ln.split()
        if len(parts) < 9:
            raise LudbError(f"{path}: signal line '{ln}' has fewer than 9 fields")
        adc_zero = int(parts[4])
        gain, baseline, units = _parse_gain(parts[2], adc_zero, path)
        specs.append(SignalSpec(parts[0], parts[1], gain, baseline, units, " ".join(parts[8:])))
    return fs, n_samples, specs


def read_record(record: int, directory: str = None) -> Record:
    """Read all leads of one LUDB record in millivolts."""
    directory = directory or ludb_dir()
    hea = os.path.join(directory, f"{record}.hea")
    fs, n_samples, specs = read_header(hea)
    by_file = {}
    for i, s in enumerate(specs):
        if s.fmt != "16":
            raise LudbError(f"{hea}: signal {s.description} uses format {s.fmt}; only format 16 is read")
        by_file.setdefault(s.file_name, []).append(i)
    out = np.zeros((len(specs), n_samples), dtype=np.float64)
    for file_name, idx in by_file.items():
        dat = os.path.join(directory, file_name)
        try:
            raw = np.fromfile(dat, dtype="<i2")
        except OSError as e:
            raise LudbError(f"{dat}: cannot read signal file ({e.strerror})") from None
        need = n_samples * len(idx)
        if raw.size < need:
            raise LudbError(f"{dat}: {raw.size} samples, header needs {need}")
        frames = raw[:need].reshape(n_samples, len(idx))
        for col, i in enumerate(idx):
            s = specs[i]
            scale = 1000.0 if s.units.lower() == "uv" else 1.0
            out[i] = (frames[:, col].astype(np.float64) - s.baseline) / s.gain / scale
    leads = [s.description.strip().lower() for s in specs]
    return Record(str(record), fs, leads, out)


def read_annotation(path: str) -> List[Tuple[int, str]]:
    """Parse an MIT-format annotation file into (sample, symbol) pairs in file order.

    Each annotation is a little-endian 16-bit word: 6-bit type code, 10-bit time step.
    Code 59 (SKIP) is followed by a 32-bit step stored high half first; codes 60-62 carry
    sub-fields we do not need; 63 (AUX) is followed by I bytes of text padded to even length.
    The word 0 ends the file.
    """
    try:
        data = np.fromfile(path, dtype=np.uint8)
    except OSError as e:
        raise LudbError(f"{path}: cannot read annotation file ({e.strerror})") from None
    if data.size % 2:
        raise LudbError(f"{path}: odd file length {data.size}, not an MIT annotation file")
    marks = []
    t = 0
    pos = 0
    n = data.size
    while pos + 1 < n:
        word = int(data[pos]) | (int(data[pos + 1]) << 8)
        pos += 2
        code, step = word >> 10, word & 0x3FF
        if code == 0 and step == 0:
            return marks
        if code == _SKIP:
            if pos + 4 > n:
                raise LudbError(f"{path}: truncated SKIP at byte {pos - 2}")
            hi = int(data[pos]) | (int(data[pos + 1]) << 8)
            lo = int(data[pos + 2]) | (int(data[pos + 3]) << 8)
            skip = (hi << 16) | lo
            if skip >= 1 << 31:
                skip -= 1 << 32
            t += skip
            pos += 4
        elif code == _AUX:
            pos += step + (step & 1)
        elif code in (_NUM, _SUB, _CHAN):
            pass
        else:
            t += step
            marks.append((t, _CODE_TO_SYMBOL.get(code, f"#{code}")))
    if pos != n:
        raise LudbError(f"{path}: annotation ends inside a field")
    return marks  # files without the end word are accepted: all their marks were complete


def reference_from_marks(marks: List[Tuple[int, str]], source: str) -> QrsReference:
    """QRS reference from a lead's marks: onset = '(' just before 'N', offset = ')' just after."""
    if not marks:
        raise LudbError(f"{source}: no annotations")
    peaks, onsets, offsets = [], [], []
    for k, (t, sym) in enumerate(marks):
        if sym != "N":
            continue
        peaks.append(t)
        onsets.append(marks[k - 1][0] if k > 0 and marks[k - 1][1] == "(" else np.nan)
        offsets.append(marks[k + 1][0] if k + 1 < len(marks) and marks[k + 1][1] == ")" else np.nan)
    return QrsReference(
        peaks=np.asarray(peaks, dtype=np.float64),
        onsets=np.asarray(onsets, dtype=np.float64),
        offsets=np.asarray(offsets, dtype=np.float64),
        span=(float(marks[0][0]), float(marks[-1][0])),
    )


def wave_spans(marks: List[Tuple[int, str]], symbol: str) -> np.ndarray:
    """[k, 2] (onset, offset) samples of every ``symbol`` wave ('p' or 't') with both marks."""
    spans = [(marks[k - 1][0], marks[k + 1][0]) for k, (_, sym) in enumerate(marks)
             if sym == symbol and 0 < k < len(marks) - 1
             and marks[k - 1][1] == "(" and marks[k + 1][1] == ")"]
    return np.asarray(spans, dtype=np.float64).reshape(-1, 2)


def lead_marks(record: int, lead: str, directory: str = None) -> Tuple[List[Tuple[int, str]], str]:
    """(marks, path) of one lead's annotation file; positions at the record rate (500 Hz)."""
    path = os.path.join(directory or ludb_dir(), f"{record}.{lead}")
    return read_annotation(path), path


def lead_reference(record: int, lead: str, directory: str = None) -> QrsReference:
    """The QRS reference of one lead of one record, in samples at the record rate (500 Hz)."""
    return reference_from_marks(*lead_marks(record, lead, directory))

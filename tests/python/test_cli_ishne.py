"""ISHNE Holter files (.ecg) end to end through the CLI: a file written here from LUDB record 5's
leads ii and v5 (its own header writer, the CRC from Python's binascii.crc_hqx, independent of
the C++ reader) is read, named, and gives the beats of the same samples as WFDB; the header's
pacemaker reaches the JSON's warnings; a damaged file is refused naming it.
Run: /usr/bin/python3 tests/python/test_cli_ishne.py."""
import binascii
import os
import struct
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_run import run, run_json  # noqa: E402
from failures import run_test_functions  # noqa: E402
from ludb_io import read_ludb  # noqa: E402

TMP = tempfile.mkdtemp(prefix="qrs_cli_ishne_")
RESOLUTION_NV = 1000  # one unit is 1 uV
SPECIFICATION = {"ii": 6, "v5": 15}  # the ISHNE Holter standard's lead table


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def digital_leads():
    fs, leads = read_ludb(5)
    return fs, {name: np.round(leads[name] * 1e6 / RESOLUTION_NV).astype(np.int16)
                for name in ("ii", "v5")}


def ishne_bytes(fs, leads, pacemaker=0):
    """The ISHNE Holter file of `leads` ({name: int16 array}): magic, CRC, 512-byte header, no
    variable-length block, samples interleaved."""
    names = list(leads)
    length = len(leads[names[0]])
    header = bytearray(512)  # bytes 10..521 of the file
    struct.pack_into("<iiiih", header, 0, 0, length, 522, 522, 1)
    header[18:22] = b"Test"
    struct.pack_into("<h", header, 146, len(names))
    for i in range(12):
        used = i < len(names)
        struct.pack_into("<h", header, 148 + 2 * i, SPECIFICATION[names[i]] if used else -9)
        struct.pack_into("<h", header, 172 + 2 * i, 1 if used else -9)
        struct.pack_into("<h", header, 196 + 2 * i, RESOLUTION_NV if used else -9)
    struct.pack_into("<h", header, 220, pacemaker)
    header[222:229] = b"digital"
    struct.pack_into("<h", header, 262, int(fs))
    crc = binascii.crc_hqx(bytes(header), 0xFFFF)
    samples = np.stack([leads[n] for n in names], axis=1).astype("<i2").tobytes()
    return b"ISHNE1.0" + struct.pack("<H", crc) + bytes(header) + samples


def write_wfdb(folder, name, fs, leads):
    """The same samples as a WFDB record (format 16, 1000 units per mV)."""
    names = list(leads)
    length = len(leads[names[0]])
    lines = ["%s %d %d %d" % (name, len(names), fs, length)]
    for n in names:
        checksum = int(np.sum(leads[n].astype(np.int64))) & 0xFFFF
        checksum = checksum - 0x10000 if checksum >= 0x8000 else checksum
        lines.append("%s.dat 16 %g/mV 16 0 %d %d 0 %s"
                     % (name, 1e6 / RESOLUTION_NV, leads[n][0], checksum, n))
    with open(os.path.join(folder, name + ".hea"), "w") as f:
        f.write("\n".join(lines) + "\n")
    np.stack([leads[n] for n in names], axis=1).astype("<i2").tofile(os.path.join(folder, name + ".dat"))
    return os.path.join(folder, name + ".hea")


def write(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def test_an_ishne_file_gives_the_beats_of_the_same_samples_in_wfdb():
    fs, leads = digital_leads()
    doc = run_json([write("ludb5.ecg", ishne_bytes(fs, leads))])
    check(doc["record"] == "ludb5", "record %r" % doc["record"])
    check(doc["fs"] == 500, "fs %r" % doc["fs"])
    check([l["name"] for l in doc["leads"]] == ["II", "V5"], "leads %r" % [l["name"] for l in doc["leads"]])
    check(doc["warnings"] == [], "warnings %r" % doc["warnings"])
    ref = run_json([write_wfdb(TMP, "same", fs, leads)])
    check(len(doc["beats"]) == len(ref["beats"]) and len(ref["beats"]) >= 8,
          "%d beats from ISHNE, %d from WFDB" % (len(doc["beats"]), len(ref["beats"])))
    for a, b in zip(doc["beats"], ref["beats"]):
        check(abs(a["onset"] - b["onset"]) <= 1 and abs(a["offset"] - b["offset"]) <= 1,
              "ISHNE beat %s vs WFDB %s" % (a, b))


def test_the_headers_pacemaker_reaches_the_warnings():
    fs, leads = digital_leads()
    doc = run_json([write("paced.ecg", ishne_bytes(fs, leads, pacemaker=4))])
    check(any("paced.ecg: the header says the patient has a pacemaker (single chamber bipolar)" in w
              for w in doc["warnings"]), "warnings %r" % doc["warnings"])


def test_a_damaged_file_is_refused_naming_it():
    fs, leads = digital_leads()
    status, _, err = run([write("cut.ecg", ishne_bytes(fs, leads)[:300]), "--json"])
    check(status != 0 and "cut.ecg: only 300 bytes, too short for an ISHNE header (522 bytes)" in err,
          "exit %d, stderr %r" % (status, err))
    broken = bytearray(ishne_bytes(fs, leads))
    struct.pack_into("<h", broken, 10 + 262, 0)  # sampling rate 0
    status, _, err = run([write("norate.ecg", bytes(broken)), "--json"])
    check(status != 0 and "norate.ecg: sampling rate 0 Hz is out of range" in err,
          "exit %d, stderr %r" % (status, err))


def main():
    return run_test_functions(globals(), "ISHNE CLI tests")


if __name__ == "__main__":
    sys.exit(main())

"""How the CLI finds and loads a record's files (src/cli/input_files.cpp): signal files a header
names in a folder of their own, files too large for the readers refused before they are read, and
signal files cut short. Run: /usr/bin/python3 tests/python/test_cli_file_loading.py."""
import json
import os
import resource
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_run import ludb_dir, run, run_json  # noqa: E402
from failures import run_test_functions  # noqa: E402

LUDB = ludb_dir()
HEA5 = os.path.join(LUDB, "5.hea")
TMP = tempfile.mkdtemp(prefix="qrs_cli_loading_")
# Sparse files larger than the native readers accept (1.2 G samples, formats/readers.h): 4 GiB of
# format-16 samples or 500 Hz EDF data records is 2.1 G samples.
GB4 = 4 * 1024 ** 3


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def ludb5_lines():
    with open(HEA5) as f:
        return f.read().splitlines()


def beats(doc):
    return [(b["onset"], b["offset"]) for b in doc["beats"]]


def test_signal_file_in_a_folder_the_header_names():
    # A header naming "signals/5.dat" (WFDB resolves it from the header's folder), and one
    # naming its file by an absolute path.
    reference = beats(run_json([HEA5]))
    lines = ludb5_lines()
    folder = os.path.join(TMP, "nested")
    os.makedirs(os.path.join(folder, "signals"), exist_ok=True)
    shutil.copy(os.path.join(LUDB, "5.dat"), os.path.join(folder, "signals", "5.dat"))
    for name, reference_name in (("rel", "signals/5.dat"),
                                 ("abs", os.path.join(folder, "signals", "5.dat"))):
        header = os.path.join(folder, name + ".hea")
        with open(header, "w") as f:
            f.write("\n".join([name + lines[0][1:]] +
                              [reference_name + line[len("5.dat"):] for line in lines[1:13]]) + "\n")
        status, out, err = run([header, "--json"])
        check(status == 0, "%s: exit %d, %s" % (name, status, err))
        check(beats(json.loads(out)) == reference, "%s: other beats than 5.hea" % name)


def sparse_file(path, size):
    with open(path, "wb") as f:
        f.truncate(size)  # sparse: no disk space, no page cache, but gigabytes to read


def peak_child_rss_kb():
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def check_refused_unread(args, expected, what):
    # Refusing must not read the file: the CLI's peak memory stays far below the file's size
    # (before, a 2 GB file was read whole, 3.9 GB at the peak, and refused after 30 s). RUSAGE_
    # CHILDREN is the largest child so far, so the bound covers every run before this one too.
    status, _, err = run(args)
    check(status == 1, "%s: exit %d, expected 1" % (what, status))
    check(expected in err, "%s: stderr %r lacks %r" % (what, err, expected))
    check(peak_child_rss_kb() < 512 * 1024, "%s: the CLI used %d MB refusing a 4 GB file: it read it"
          % (what, peak_child_rss_kb() // 1024))


def test_files_too_large_are_refused_before_they_are_read():
    folder = os.path.join(TMP, "large")
    os.makedirs(folder, exist_ok=True)
    # A WFDB header that declares too many samples; and one with no length, whose 4 GB signal
    # file would hold too many.
    sparse_file(os.path.join(folder, "long.dat"), GB4)
    with open(os.path.join(folder, "long.hea"), "w") as f:
        f.write("long 1 500 1500000000\nlong.dat 16 200/mV 16 0 0 0 0 ii\n")
    check_refused_unread([os.path.join(folder, "long.hea")],
                         "long.hea: 1500000000 samples per signal is more than the 1200000000 this "
                         "reader accepts; split the recording into shorter records", "long.hea")
    check_refused_unread([os.path.join(folder, "long.dat")],
                         "long.hea: 1500000000 samples per signal is more than", "long.dat alone")
    sparse_file(os.path.join(folder, "open.dat"), GB4)
    with open(os.path.join(folder, "open.hea"), "w") as f:
        f.write("open 1 500\nopen.dat 16 200/mV 16 0 0 0 0 ii\n")
    check_refused_unread([os.path.join(folder, "open.hea")],
                         "open.hea: 2147483648 samples per signal is more than", "open.hea")
    # An EDF whose header declares 4 GB of data records of one 500 Hz signal.
    records = (GB4 - 512) // 1000
    header = (b"0".ljust(8) + b"X".ljust(80) + b"X".ljust(80) + b"01.01.20" + b"00.00.00" +
              b"512".ljust(8) + b"".ljust(44) + str(records).encode().ljust(8) + b"1".ljust(8) +
              b"1".ljust(4) + b"ECG II".ljust(16) + b"".ljust(80) + b"uV".ljust(8) +
              b"-3276".ljust(8) + b"3276".ljust(8) + b"-32768".ljust(8) + b"32767".ljust(8) +
              b"".ljust(80) + b"500".ljust(8) + b"".ljust(32))
    check(len(header) == 512, "EDF header is %d bytes" % len(header))
    edf = os.path.join(folder, "big.edf")
    sparse_file(edf, 512 + records * 1000)
    with open(edf, "r+b") as f:
        f.write(header)
    check_refused_unread([edf], "big.edf: %d samples per signal is more than" % (records * 500),
                         "big.edf")
    # The files beside them are still read.
    status, out, err = run([os.path.join(folder, "long.hea"), HEA5, "--json"])
    docs = json.loads(out)  # two files named: an array, of the one read
    check(status == 1 and [d["record"] for d in docs] == ["5"], "5.hea beside long.hea: exit %d" % status)


def test_a_signal_file_cut_short_is_read_to_its_end():
    # A download that stopped: the first 4 of LUDB 5's 10 seconds. Read, with a warning, and the
    # beats of those seconds are 5.hea's beats there.
    folder = os.path.join(TMP, "cut")
    os.makedirs(folder, exist_ok=True)
    shutil.copy(HEA5, os.path.join(folder, "5.hea"))
    with open(os.path.join(LUDB, "5.dat"), "rb") as f:
        data = f.read()
    frame_bytes = 12 * 2
    with open(os.path.join(folder, "5.dat"), "wb") as f:
        f.write(data[:2000 * frame_bytes + 5])  # and a frame cut in the middle
    status, out, err = run([os.path.join(folder, "5.hea"), "--json"])
    check(status == 0, "cut-short 5.dat: exit %d, %s" % (status, err))
    check("5.dat holds only 2000 of the 5000 samples per signal the header declares (cut short?)"
          in err, "no cut-short warning: %r" % err)
    doc = json.loads(out)
    whole = [b for b in beats(run_json([HEA5])) if b[1] < 1900]
    got = [b for b in beats(doc) if b[1] < 1900]
    check(len(got) == len(whole) and len(got) >= 2, "beats in the first 3.8 s: %d, 5.hea has %d"
          % (len(got), len(whole)))
    for (a_on, a_off), (b_on, b_off) in zip(got, whole):
        check(abs(a_on - b_on) <= 2 and abs(a_off - b_off) <= 2,
              "beat %s against 5.hea's %s" % ((a_on, a_off), (b_on, b_off)))


def test_a_signal_file_named_alone_is_read_through_its_header():
    # PhysioNet Challenge 2020/2021 records: "A0001.hea" naming "A0001.mat 16+24" (a MATLAB v4
    # file: a 20-byte matrix header and the 4-byte name "val\0", then the samples). Naming the
    # .mat alone reads the record through the header beside it, as a .dat named alone does; a
    # .mat the header beside it does not name stays unread.
    folder = os.path.join(TMP, "challenge")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(LUDB, "5.dat"), "rb") as f:
        samples = f.read()
    with open(os.path.join(folder, "A0001.mat"), "wb") as f:
        f.write(bytes(24) + samples)
    lines = ludb5_lines()
    with open(os.path.join(folder, "A0001.hea"), "w") as f:
        f.write("\n".join(["A0001" + lines[0][1:]] +
                          ["A0001.mat 16+24" + line[len("5.dat 16"):] for line in lines[1:13]]) + "\n")
    shutil.copy(os.path.join(folder, "A0001.mat"), os.path.join(folder, "A0002.mat"))
    status, out, err = run([os.path.join(folder, "A0001.mat"), "--json"])
    check(status == 0, "A0001.mat named alone: exit %d, %s" % (status, err))
    check(beats(json.loads(out)) == beats(run_json([HEA5])), "A0001.mat: other beats than 5.hea")
    status, out, err = run([os.path.join(folder, "A0002.mat"), "--json"])
    check(status != 0 and "A0002.mat" in err, "A0002.mat (no header names it): exit %d, %s"
          % (status, err))


def main():
    status = run_test_functions(globals(), "CLI file-loading tests")
    shutil.rmtree(TMP, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())

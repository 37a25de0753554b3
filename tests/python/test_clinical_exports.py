"""Clinical ECG exports (HL7 aECG, GE MUSE and Philips SierraECG XML, DICOM waveform, SCP-ECG) are
refused by the CLI and the Python module saying what each is and how to convert it
(src/formats/clinical_exports.h; the messages word for word: tests/cpp/formats/
clinical_exports_test.cpp). Before, all five got "unrecognised file format (supported: ...)".
The files carry each format's signature, made here. Run: /usr/bin/python3
tests/python/test_clinical_exports.py."""
import os
import shutil
import struct
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_run import run  # noqa: E402
from failures import run_test_functions  # noqa: E402
import python_module  # noqa: E402,F401  (puts the built module on the path)
import qrs_annotator  # noqa: E402

TMP = tempfile.mkdtemp(prefix="qrs_clinical_")
UID_12_LEAD = b"1.2.840.10008.5.1.4.1.1.9.1.1\0"
FILES = {  # name: (bytes, what the message says the file is)
    "ecg_hl7_aecg.xml": (b'<?xml version="1.0"?>\n<AnnotatedECG xmlns="urn:hl7-org:v3">\n'
                         b"</AnnotatedECG>\n", "an HL7 aECG file (XML <AnnotatedECG>)"),
    "MUSE_20240101.xml": (b'<?xml version="1.0" encoding="ISO-8859-1"?>\n'
                          b'<!DOCTYPE RestingECG SYSTEM "restecg.dtd">\n<RestingECG>\n</RestingECG>\n',
                          "a GE MUSE ECG file (XML <RestingECG>)"),
    "philips.xml": (b'<?xml version="1.0" encoding="utf-8"?>\n'
                    b'<restingecgdata xmlns="http://www3.medical.philips.com">\n</restingecgdata>\n',
                    "a Philips SierraECG file (XML <restingecgdata>)"),
    "ECG_12lead.dcm": (b"\0" * 128 + b"DICM" + struct.pack("<HH2sH", 2, 2, b"UI", len(UID_12_LEAD))
                       + UID_12_LEAD, "a DICOM ECG waveform file"),
    "ecg_0001.scp": (struct.pack("<HIHHIBB", 0xBEEF, 2000, 0, 0, 136, 20, 20) + b"SCPECG"
                     + bytes(2000 - 22), "an SCP-ECG file (EN 1064)"),
}


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def test_the_cli_names_each():
    for name, (_, what) in FILES.items():
        status, out, err = run([os.path.join(TMP, name)])
        check(status == 1 and not out, "%s: exit %d" % (name, status))
        prefix = "ecg-annotate: %s: %s, which this tool does not read yet; " % (name, what)
        check(err.startswith(prefix) and err.count("\n") == 1, "%s: stderr %r" % (name, err))


def test_the_python_module_names_each():
    for name, (_, what) in FILES.items():
        try:
            qrs_annotator.read_file(os.path.join(TMP, name))
            raise AssertionError("%s: read" % name)
        except qrs_annotator.AnnotationError as e:
            check(str(e).startswith("%s: %s, which this tool does not read yet; " % (name, what)),
                  "%s: %s" % (name, e))


if __name__ == "__main__":
    try:
        for file_name, (content, _) in FILES.items():
            with open(os.path.join(TMP, file_name), "wb") as f:
                f.write(content)
        status = run_test_functions(globals(), "clinical-export tests")
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    sys.exit(status)

"""Finds the built Python module (build/native/python, or $QRS_BUILD_DIR/python) for the tests of
qrs_annotator and qrs_batch, and fails loudly when it is not built."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ludb_io import SOURCE_DIR  # noqa: E402


def python_dir():
    build = os.environ.get("QRS_BUILD_DIR") or os.path.join(SOURCE_DIR, "build", "native")
    path = os.path.join(build, "python")
    built = os.path.isdir(path) and any(
        n.startswith("qrs_annotator") and n.endswith(".so") for n in os.listdir(path))
    if not built:
        sys.exit(f"FAIL: the qrs_annotator module is not built in {path} (make native)")
    return path


sys.path.insert(0, python_dir())

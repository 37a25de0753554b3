"""What README.md promises each build holds (tests/required_parts.json): the tests run every
promised backend by name, so one missing from the build fails them instead of being skipped."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ludb_io import SOURCE_DIR  # noqa: E402


def promised(target="native"):
    """{"backends": [...], "codecs": [...]} promised for `target` ("native", or "wasm <variant>")."""
    with open(os.path.join(SOURCE_DIR, "tests", "required_parts.json")) as f:
        return json.load(f)[target]

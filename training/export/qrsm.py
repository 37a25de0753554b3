"""Byte container of the .qrsm model file (docs/model_format.md is the definition).

write_qrsm(path, header, tensors) lays out magic, version, header length, the JSON header, zero
padding to 16, the float32 tensors (each at a 16-byte aligned offset) and the CRC-32 (zlib's).
read_qrsm(path_or_bytes) checks all of that back and returns (header, {name: ndarray}); the tests
use it, and it is the Python twin of src/nn/model_file.cpp.
"""
import json
import os
import struct
import zlib
from typing import Dict, Tuple, Union

import numpy as np

MAGIC = b"QRSMODEL"
VERSION = 1
FORMAT = "qrs-annotator-model"


def _align16(n: int) -> int:
    return (n + 15) // 16 * 16


def encode_qrsm(header: dict, tensors: Dict[str, np.ndarray]) -> bytes:
    """Bytes of a .qrsm file. header["tensors"] is (re)written from `tensors`, in its order."""
    header = dict(header)
    header["format"] = FORMAT
    entries, blobs, offset = [], [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4")
        if not np.all(np.isfinite(data)):
            raise ValueError(f"tensor {name!r} holds non-finite values")
        entries.append({"name": name, "shape": [int(d) for d in data.shape], "offset": offset})
        blob = data.tobytes()
        blob += b"\0" * (_align16(len(blob)) - len(blob))
        blobs.append(blob)
        offset += len(blob)
    header["tensors"] = entries
    text = json.dumps(header, indent=1, allow_nan=False, ensure_ascii=False).encode("utf-8")
    body = MAGIC + struct.pack("<II", VERSION, len(text)) + text
    body += b"\0" * (_align16(len(body)) - len(body))
    body += b"".join(blobs)
    return body + struct.pack("<I", zlib.crc32(body) & 0xFFFFFFFF)


def write_qrsm(path: str, header: dict, tensors: Dict[str, np.ndarray]) -> None:
    data = encode_qrsm(header, tensors)
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def read_qrsm(source: Union[str, bytes]) -> Tuple[dict, Dict[str, np.ndarray]]:
    """(header, tensors) of a .qrsm file or its bytes; raises ValueError on any damage."""
    if isinstance(source, (bytes, bytearray)):
        data = source
    else:
        with open(source, "rb") as f:
            data = f.read()
    if len(data) < 20:
        raise ValueError("too short to be a QRS model file")
    if data[:8] != MAGIC:
        raise ValueError("not a QRS model file")
    version, header_len = struct.unpack_from("<II", data, 8)
    if version != VERSION:
        raise ValueError(f"format version {version} is not supported")
    if 16 + header_len + 4 > len(data):
        raise ValueError("header length is larger than the file")
    (crc,) = struct.unpack_from("<I", data, len(data) - 4)
    if zlib.crc32(data[:-4]) & 0xFFFFFFFF != crc:
        raise ValueError("damaged: checksum mismatch")
    header = json.loads(data[16:16 + header_len].decode("utf-8"))
    start = _align16(16 + header_len)
    section = data[start:len(data) - 4]
    tensors = {}
    for entry in header["tensors"]:
        shape = tuple(entry["shape"])
        count = int(np.prod(shape)) if shape else 1
        off = entry["offset"]
        if off % 16 or off < 0 or off + 4 * count > len(section):
            raise ValueError(f"tensor {entry['name']!r} lies outside the data section")
        tensors[entry["name"]] = np.frombuffer(section, "<f4", count, off).reshape(shape).copy()
    return header, tensors

"""A copy of a .qrsm model file with one stored weight changed and the checksum recomputed, so
the engine loads it as a sound file that simply holds a slightly different model (the accuracy
gate's degradation check). The bytes are patched in place, not re-encoded: everything but the one
float and the CRC stays as the exporter wrote it (docs/model_format.md gives the layout)."""
import json
import struct
import zlib


def perturbed_copy(source, destination, tensor, index, factor):
    """Writes `source` to `destination` with float `index` (flat, row-major) of tensor `tensor`
    multiplied by `factor`; returns (old value, new value)."""
    with open(source, "rb") as f:
        data = bytearray(f.read())
    header_len = struct.unpack_from("<I", data, 12)[0]
    header = json.loads(data[16:16 + header_len].decode("utf-8"))
    entry = next(e for e in header["tensors"] if e["name"] == tensor)
    count = 1
    for d in entry["shape"]:
        count *= d
    if not 0 <= index < count:
        raise IndexError("%s has %d values, no index %d" % (tensor, count, index))
    data_start = (16 + header_len + 15) // 16 * 16
    at = data_start + entry["offset"] + 4 * index
    old = struct.unpack_from("<f", data, at)[0]
    new = old * factor
    struct.pack_into("<f", data, at, new)
    struct.pack_into("<I", data, len(data) - 4, zlib.crc32(bytes(data[:-4])) & 0xFFFFFFFF)
    with open(destination, "wb") as f:
        f.write(data)
    return old, new

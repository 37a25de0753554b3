"""python3 -m training.export FILE.qrsm : check a model file and print a summary of it.

(Exporting is done from Python with training.export.export_model; training/train.py calls it.)
"""
import argparse
import sys

import numpy as np

from .qrsm import read_qrsm


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python3 -m training.export", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model", help=".qrsm file to check and summarise")
    args = p.parse_args(argv)
    try:
        header, tensors = read_qrsm(args.model)
    except (OSError, ValueError) as e:
        print(f"{args.model}: {e}", file=sys.stderr)
        return 1
    params = sum(int(np.prod(t.shape)) for t in tensors.values())
    print(f"{args.model}: {header['name']!r}, {header['sample_rate_hz']} Hz, "
          f"outputs {header['outputs']}, length multiple {header.get('length_multiple', 1)}, "
          f"{len(header['layers'])} layers, {params} parameters, created {header.get('created')}")
    for layer in header["layers"]:
        shape = list(tensors[layer["weight"]].shape) if layer.get("weight") else ""
        print(f"  {layer['op']:<20} {','.join(layer['inputs']):<40} -> {layer['output']:<24} "
              f"{shape} {layer.get('activation', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

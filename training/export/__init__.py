"""Export a trained PyTorch module to the engine's .qrsm model file (docs/model_format.md).

    from training.export import export_model
    info = export_model(model.eval(), "model_weights/qrs.qrsm", name="qrs-unet-16",
                        sample_rate_hz=250, outputs=["onset", "offset"],
                        preprocess={"baseline_window_s": 1.0, "scale": 1.0, "clip": 10.0},
                        training_info={...}, length_multiple=None)

read_qrsm(path) reads a file back (header dict, {name: float32 ndarray}).
"""
from .model import export_model, model_header_and_tensors
from .fx_graph import ExportError
from .qrsm import encode_qrsm, read_qrsm, write_qrsm

__all__ = ["export_model", "model_header_and_tensors", "ExportError", "encode_qrsm", "read_qrsm",
           "write_qrsm"]

"""Is ONNX Runtime worth it for MiniLM? Speed and agreement with PyTorch's vectors.

Extracts the statements of the first N PolNeAR train articles, embeds them on one thread with the
packaged sentence-transformers model (PyTorch) and with the same transformer exported to ONNX and run by
ONNX Runtime (mean pooling and L2 normalization as the model's own modules do), and prints one JSON line:
seconds, speed-up, cosine between the two vectors of each statement, and how often a statement's nearest
neighbour is the same under both. Needs ``pip install onnxruntime onnx`` (not dependencies of atodds). Not a
unit test; run by hand (the README's "Performance" quotes it).

Usage: python bench/onnx_embedding.py [--articles N] [--data ../shared/data/benchmarks/polnear/train]
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from quantize_embedding import agreement, setup, timed_encode  # bench/ is on sys.path when run as a script


class _Hidden(torch.nn.Module):
    """The transformer called by keyword, returning its last hidden states (what the exporter traces)."""

    def __init__(self, transformer: Any) -> None:
        super().__init__()
        self.transformer = transformer

    def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
        out = self.transformer(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        )
        return out.last_hidden_state


def export(model: Any, path: Path) -> None:
    """The transformer under the sentence-transformers wrapper, as ONNX with dynamic batch and length."""
    transformer = _Hidden(model[0].auto_model.eval()).eval()
    sample = model.tokenize(["a sample sentence for tracing"])
    names = ["input_ids", "attention_mask", "token_type_ids"]
    args = tuple(sample[n] for n in names)
    axes = {n: {0: "batch", 1: "tokens"} for n in names}
    with torch.no_grad():
        torch.onnx.export(
            transformer,
            args,
            str(path),
            input_names=names,
            output_names=["hidden"],
            dynamic_axes={**axes, "hidden": {0: "batch", 1: "tokens"}},
            opset_version=17,
            dynamo=False,
        )


def onnx_encode(model: Any, session: Any, texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Mean-pooled, normalized vectors from ONNX Runtime, batched as sentence-transformers batches."""
    order = np.argsort([-len(t) for t in texts])
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for lo in range(0, len(texts), batch_size):
        idx = order[lo : lo + batch_size]
        enc = model.tokenize([texts[i] for i in idx])
        feeds = {k: enc[k].numpy() for k in ("input_ids", "attention_mask", "token_type_ids")}
        hidden = session.run(["hidden"], feeds)[0]
        mask = feeds["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(1) / np.clip(mask.sum(1), 1e-9, None)
        out[idx] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
    return out


def main() -> None:
    import onnxruntime as ort

    texts, model = setup(__doc__.splitlines()[0])
    v_torch, t_torch = timed_encode(model, texts)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "minilm.onnx"
        export(model, path)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        onnx_encode(model, session, texts[:8])  # warm-up
        started = time.perf_counter()
        v_onnx = onnx_encode(model, session, texts)
        t_onnx = time.perf_counter() - started
    speed = {
        "torch_seconds": round(t_torch, 2),
        "onnxruntime_seconds": round(t_onnx, 2),
        "speedup": round(t_torch / t_onnx, 2),
    }
    similar = {**agreement(v_torch, v_onnx, 6), "max_abs_difference": float(np.abs(v_torch - v_onnx).max())}
    print(json.dumps({"statements": len(texts), **speed, **similar, "onnxruntime": ort.__version__}))


if __name__ == "__main__":
    main()

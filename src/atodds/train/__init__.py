"""Training commands: models that atodds learns from annotated corpora (``atodds train ...``).

``atodds.train.extract`` trains the learned attribution classifier (``train_extract``, ``main``). The
import is lazy so that ``python -m atodds.train.extract`` runs cleanly.
"""

from __future__ import annotations

from typing import Any

__all__ = ["train_extract"]


def __getattr__(name: str) -> Any:
    if name == "train_extract":
        from .extract import train_extract

        return train_extract
    raise AttributeError(name)

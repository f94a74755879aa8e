"""atodds: who said what in news coverage, for which side, and where the sides' accounts are at odds.

>>> import atodds
>>> result = atodds.analyze(["articles/"])          # paths, or article texts
>>> [(r.label, r.a, r.b) for r in result.relations]
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .config import Options, load_config
from .errors import AtoddsError
from .records import Actor, Article, Frame, Relation, Result, Speaker, Statement, StatementGroup, Topic

__version__ = "0.1.0"
__all__ = [
    "Actor",
    "Article",
    "AtoddsError",
    "Frame",
    "Options",
    "Relation",
    "Result",
    "Speaker",
    "Statement",
    "StatementGroup",
    "Topic",
    "__version__",
    "analyze",
    "load_store",
]

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def _items(paths_or_texts: Iterable[str | Path], options: Options) -> list[Article | object]:
    from .ingest import article_id, read_articles
    from .ingest.common import title_from_first_line

    items: list[Article | object] = []
    for n, item in enumerate(paths_or_texts):
        text = str(item)
        if isinstance(item, Path) or ("\n" not in text and len(text) < 4096 and _looks_like_path(text)):
            items.extend(read_articles([text], options))
        else:
            items.append(
                Article(
                    article_id(text), f"<text {n + 1}>", text, title_from_first_line(text), source_kind="text"
                )
            )
    return items


def _looks_like_path(text: str) -> bool:
    return text == "-" or Path(text).exists() or any(ch in text for ch in "*?[")


def analyze(
    paths_or_texts: Iterable[str | Path] | str,
    *,
    db: str | Path | None = None,
    options: Options | None = None,
    config: str | Path | None = None,
) -> Result:
    """Analyze files, folders, globs or article texts; store in ``db`` when given. Returns a ``Result``."""
    from .run import run_analysis
    from .store import Store

    if isinstance(paths_or_texts, str | Path):
        paths_or_texts = [paths_or_texts]
    options = options or Options.from_config(load_config(config))
    items = _items(paths_or_texts, options)
    store = Store.open(db) if db else None
    try:
        return run_analysis(items, options, store)  # type: ignore[arg-type]
    finally:
        if store is not None:
            store.close()


def load_store(db: str | Path = "atodds.db") -> Result:
    """Everything an ``atodds.db`` holds, as a ``Result``."""
    from .store import Store

    with Store.open(db, read_only=True) as store:
        return store.load_result()

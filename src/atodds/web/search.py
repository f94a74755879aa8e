"""Full-text search over the FTS5 index of schema v3: user text only ever reaches SQLite as quoted strings.

Every word of the query becomes an FTS5 string literal (``"word"*``, quotes doubled), joined by AND, and
the whole expression is a bound parameter; so FTS5 operators, column filters, quotes and SQL in a query
are searched for as text, never interpreted.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

MAX_CHARS = 200
MAX_TERMS = 12
MAX_HITS = 200
SEARCH_KINDS = ("statement", "article", "actor")


class SearchError(ValueError):
    """A query that cannot be searched for; the message says why and what to do."""


@dataclass(frozen=True)
class Hit:
    """One search result: which record (``kind`` and ``ref``, its id) and its rank (lower is better)."""

    kind: str
    ref: str
    rank: float


def _clean(query: str) -> str:
    """Drop control characters and unpaired surrogates."""
    query = query.encode("utf-8", "replace").decode("utf-8", "replace")
    return "".join(" " if unicodedata.category(ch) in {"Cc", "Cs"} else ch for ch in query)


def terms(query: str) -> list[str]:
    """The words of a query that can match (each with at least one letter or digit)."""
    query = _clean(query)
    if len(query) > MAX_CHARS:
        raise SearchError(f"The search is too long: use at most {MAX_CHARS} characters.")
    words = query.split()
    if len(words) > MAX_TERMS:
        raise SearchError(f"The search has too many words: use at most {MAX_TERMS}.")
    found = [w for w in words if any(ch.isalnum() for ch in w)]
    if words and not found:
        raise SearchError("Search for words or names: punctuation alone matches nothing.")
    return found


def fts_query(words: list[str]) -> str:
    """An FTS5 expression: every word as a quoted prefix string, all required."""
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def search(db: Path, query: str, kind: str = "", limit: int = MAX_HITS) -> list[Hit]:
    """Records matching ``query`` (optionally of one ``kind``), best first. Raises ``SearchError``."""
    if kind and kind not in SEARCH_KINDS:
        raise SearchError(f"kind must be one of {', '.join(SEARCH_KINDS)}.")
    words = terms(query)
    if not words:
        return []
    sql = "SELECT kind, ref, rank FROM search_fts WHERE search_fts MATCH ?"
    params: list[object] = [fts_query(words)]
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    sql += " ORDER BY rank LIMIT ?"
    params.append(max(1, min(limit, MAX_HITS)))
    try:
        conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, timeout=5.0)
    except sqlite3.Error as exc:
        raise SearchError(f"The database cannot be opened for searching ({exc}).") from exc
    try:
        rows = conn.execute(sql, params).fetchall()
    except sqlite3.Error as exc:
        raise SearchError(f"The search could not be run ({exc}); try plain words.") from exc
    finally:
        conn.close()
    return [Hit(str(k), str(r), float(rank)) for k, r, rank in rows]


def highlight(text: str, words: list[str]) -> Markup:
    """``text`` escaped, with the words of the query (case-insensitive prefixes) in ``<mark>``."""
    needles = [re.escape(w) for w in (_clean(w).strip("\"'*()") for w in words) if w]
    if not needles:
        return escape(text)
    pattern = re.compile(r"\b(?:" + "|".join(needles) + r")\w*", re.IGNORECASE)
    out, pos = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[pos : match.start()]))
        out.append(Markup("<mark>") + escape(match.group(0)) + Markup("</mark>"))
        pos = match.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)

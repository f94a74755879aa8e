"""RSS and Atom feeds through feedparser: one article per item."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import feedparser

from ..config import Options
from ..records import Article, Failure
from .common import build_article, failure, iso_date, join_title, read_limited
from .html import fragment_to_text

# character references to surrogates ('&#xD800;', '&#55296;') make feedparser raise UnicodeEncodeError
_SURROGATE_REF = re.compile(
    rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*(?:5529[6-9]|55[3-9]\d\d|56\d{3}|57[0-2]\d\d|573[0-3]\d|5734[0-3]));"
)


def _field(mapping: Any, key: str) -> Any:
    """``mapping[key]`` or None, read as a plain dict: feedparser's own ``get`` maps some missing keys to
    others (``updated`` to ``published``) with a DeprecationWarning."""
    return dict.get(mapping, key) if isinstance(mapping, dict) else None


def _entry_text(entry: Any) -> str:
    """The plain text of an entry's content, else of its summary."""
    details = list(_field(entry, "content") or [])
    if _field(entry, "summary_detail"):
        details.append(_field(entry, "summary_detail"))
    elif _field(entry, "summary"):
        details.append({"type": "text/html", "value": _field(entry, "summary")})
    for detail in details:
        value = _field(detail, "value") or ""
        kind = _field(detail, "type") or "text/html"
        text = (
            fragment_to_text(value) if "html" in kind else "\n\n".join(p.strip() for p in value.split("\n\n"))
        )
        if text.strip():
            return text.strip()
    return ""


def read_feed(path: str, options: Options) -> Iterator[Article | Failure]:
    """One article per feed item; E008 when the feed cannot be parsed or has no items."""
    raw = read_limited(path, options)
    if isinstance(raw, Failure):
        yield raw
        return
    try:
        parsed = feedparser.parse(_SURROGATE_REF.sub(b"&#xFFFD;", raw))
    except Exception as exc:  # feedparser's lenient parsers still raise on some hostile input
        yield failure(path, "E008", path=path, detail=f"{type(exc).__name__}: {exc}")
        return
    entries = _field(parsed, "entries") or []
    if not entries:
        problem = _field(parsed, "bozo_exception") if _field(parsed, "bozo") else "no items"
        yield failure(path, "E008", path=path, detail=problem or "no items")
        return
    outlet = " ".join(str(_field(_field(parsed, "feed") or {}, "title") or "").split())
    for index, entry in enumerate(entries, start=1):
        source = f"{path}#{index}"
        title = " ".join(str(_field(entry, "title") or "").split())
        published = None
        for key in ("published_parsed", "updated_parsed", "published", "updated"):
            published = published or iso_date(_field(entry, key))
        yield build_article(
            source,
            join_title(title, _entry_text(entry)),
            options,
            kind="feed",
            title=title,
            url=str(_field(entry, "link") or ""),
            outlet=outlet,
            published=published,
        )

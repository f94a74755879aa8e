"""RSS and Atom feeds through feedparser: one article per item."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import feedparser

from ..config import Options
from ..records import Article, Failure
from .common import build_article, failure, iso_date, join_title, read_limited
from .html import fragment_to_text


def _entry_text(entry: Any) -> str:
    """The plain text of an entry's content, else of its summary."""
    details = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        details.append(entry["summary_detail"])
    elif entry.get("summary"):
        details.append({"type": "text/html", "value": entry["summary"]})
    for detail in details:
        value = detail.get("value") or ""
        kind = detail.get("type") or "text/html"
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
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # feedparser's own internal deprecations
        parsed = feedparser.parse(raw)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else "no items"
        yield failure(path, "E008", path=path, detail=problem or "no items")
        return
    outlet = " ".join(str(parsed.get("feed", {}).get("title") or "").split())
    for index, entry in enumerate(entries, start=1):
        source = f"{path}#{index}"
        title = " ".join(str(entry.get("title") or "").split())
        published = iso_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        if published is None:
            published = iso_date(entry.get("published") or entry.get("updated"))
        yield build_article(
            source,
            join_title(title, _entry_text(entry)),
            options,
            kind="feed",
            title=title,
            url=str(entry.get("link") or ""),
            outlet=outlet,
            published=published,
        )

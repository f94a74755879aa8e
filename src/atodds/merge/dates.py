"""When each statement was made: the article's publication date, or an expression near the statement
("on Tuesday", "yesterday", "last night", "on May 6") resolved against it.

Expressions inside the statement's own words are skipped (they date what is talked about, not the
remark). Weekday names go back to the latest such day on or before publication; the rest goes through
``dateparser`` with the publication date as its base, preferring the past.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

from ..records import Article, Statement, StatementDate

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?"
)
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
EXPRESSION = re.compile(
    rf"\b(?:(?:on|last|this|late|early)\s+)?{_DAY}(?:\s+(?:morning|afternoon|evening|night))?\b"
    rf"|\b(?:on\s+)?(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
    rf"|\b(?:on\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})(?:\s+\d{{4}})?\b"
    r"|\b(?:yesterday|today|tonight|last\s+night|this\s+(?:morning|afternoon|evening)"
    r"|earlier\s+(?:today|this\s+week|this\s+month)|last\s+(?:week|month)"
    r"|(?:two|three|four|five|six|\d)\s+days\s+ago)\b",
    re.IGNORECASE,
)
APPROXIMATE = re.compile(r"\b(?:week|month)\b", re.IGNORECASE)
BOUNDARY = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘A-Z0-9])|\n")


def _published(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def resolve_expression(expression: str, published: date) -> date | None:
    """The day ``expression`` names, seen from an article published on ``published``."""
    text = " ".join(expression.split()).casefold()
    base = datetime(published.year, published.month, published.day, 12)
    for i, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", text):
            back = (published.weekday() - i) % 7
            if text.startswith("last ") and back == 0:
                back = 7
            return published - timedelta(days=back)
    if text == "earlier this week":
        return published - timedelta(days=published.weekday())
    if text == "earlier this month":
        return published.replace(day=1)
    if text in ("today", "tonight", "earlier today") or text.startswith("this "):
        return published
    if text == "last night":
        return published - timedelta(days=1)
    import dateparser  # imported here: it takes a moment to load and most runs date nothing

    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(re.sub(r"^on\s+", "", text), languages=["en"], settings=settings)
    if parsed is None:
        return None
    found = parsed.date()
    return found if found <= published + timedelta(days=1) else None


def _window(text: str, starts: Iterable[int], ends: Iterable[int]) -> tuple[int, int]:
    """From the start of the sentence holding the earliest position to the end of the one holding the
    latest."""
    first, last = min(starts), max(ends)
    begin = 0
    for m in BOUNDARY.finditer(text, max(0, first - 400), first):
        begin = m.end()
    end_match = BOUNDARY.search(text, last)
    return begin, end_match.start() if end_match else len(text)


def date_statement(article: Article, statement: Statement) -> StatementDate | None:
    """The statement's date, or None when its article has no publication date."""
    published = _published(article)
    if published is None:
        return None
    spans = [s for s in (statement.cue, statement.speaker.mention) if s is not None] or [statement.content]
    lo, hi = _window(article.text, [s.start for s in spans], [s.end for s in spans])
    content = statement.content
    anchor = spans[0].start
    best: tuple[int, StatementDate] | None = None
    for m in EXPRESSION.finditer(article.text, lo, hi):
        if m.start() < content.end and m.end() > content.start:
            continue  # inside the statement's own words
        day = resolve_expression(m.group(0), published)
        if day is None:
            continue
        distance = min(abs(m.start() - anchor), abs(m.end() - anchor))
        found = StatementDate(day.isoformat(), "expression", m.group(0), bool(APPROXIMATE.search(m.group(0))))
        if best is None or distance < best[0]:
            best = (distance, found)
    return best[1] if best else StatementDate(published.isoformat(), "published")


def date_statements(articles: Iterable[Article], statements: Iterable[Statement]) -> dict[str, StatementDate]:
    """Statement id -> date, for statements whose article has a publication date."""
    by_id = {a.id: a for a in articles}
    dates: dict[str, StatementDate] = {}
    for st in statements:
        article = by_id.get(st.article_id)
        found = date_statement(article, st) if article is not None else None
        if found is not None:
            dates[st.id] = found
    return dates

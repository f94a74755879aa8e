"""Small HTML building blocks; every piece of text goes through ``e`` (html.escape, quotes included)."""

from __future__ import annotations

from html import escape

from atodds.records import Article
from atodds.report.model import View, clean, safe_url


def e(text: object) -> str:
    """HTML-escape anything, quotes included."""
    return escape(str(text), quote=True)


def link(text: str, url: str) -> str:
    """An external link for http(s) URLs; anything else is shown as escaped text, never as a link."""
    href = safe_url(url)
    label = e(clean(text) or clean(url))
    if not href:
        return label
    return f'<a href="{e(href)}" rel="noopener noreferrer nofollow">{label}</a>'


def badge(view: View, side: str) -> str:
    """A side name in its colour."""
    return f'<span class="badge" style="--side:{view.colour(side)}">{e(side)}</span>'


def article_line(article: Article | None, show_url: bool = False) -> str:
    """``Title · Outlet · date``, the title linked when the URL is http(s); other URLs as text if asked."""
    if article is None:
        return '<span class="muted">unknown article</span>'
    parts = [link(article.title or article.source, article.url)]
    parts += [e(clean(x)) for x in (article.outlet, article.published or "") if clean(x)]
    if show_url and clean(article.url) and not safe_url(article.url):
        parts.append(f'<span class="url">{e(clean(article.url))}</span>')
    return " · ".join(parts)


def section(anchor: str, heading: str, body: str, count: int | None = None) -> str:
    """A top-level report section; ``anchor`` and ``heading`` are fixed strings, not article text."""
    badge_html = f' <span class="count">{count}</span>' if count is not None else ""
    return f'<section id="{e(anchor)}"><h2>{e(heading)}{badge_html}</h2>{body}</section>'


def empty(message: str) -> str:
    """A muted 'nothing here' line."""
    return f'<p class="muted">{e(message)}</p>'

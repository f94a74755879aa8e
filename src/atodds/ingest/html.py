"""HTML pages through trafilatura: body text, title, date, outlet and URL; plus HTML fragments to text."""

from __future__ import annotations

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from ..config import Options
from ..records import Article, Failure
from .common import binary_reason, build_article, failure, iso_date, join_title, read_limited

_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
        "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_DROPPED = ("script", "style", "noscript", "template")


def _paragraphs(text: str) -> str:
    """Whitespace collapsed inside lines, one blank line between paragraphs."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(line for line in lines if line)


def html_to_article(
    content: bytes | str,
    source: str,
    options: Options,
    *,
    kind: str = "html",
    url: str = "",
    fallback_date: str | None = None,
) -> Article | Failure:
    """Extract the main text and metadata of an HTML page; E010 when no text comes out."""
    try:
        document = trafilatura.bare_extraction(
            content, url=url or None, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # trafilatura raises many types on hostile markup; one bad page must not stop us
        return failure(source, "E010", path=source, detail=f"{type(exc).__name__}: {exc}")
    if document is None or isinstance(document, dict):
        return failure(source, "E010", path=source, detail="the page has no main text")
    body = _paragraphs(document.text or "")
    if not body:
        return failure(source, "E010", path=source, detail="the page has no main text")
    title = " ".join((document.title or "").split())
    return build_article(
        source,
        join_title(title, body),
        options,
        kind=kind,
        title=title,
        url=url or document.url or "",
        outlet=document.sitename or document.hostname or "",
        published=iso_date(document.date) or fallback_date,
    )


def read_html_file(path: str, options: Options) -> Article | Failure:
    """One article from an .html/.htm file."""
    raw = read_limited(path, options)
    if isinstance(raw, Failure):
        return raw
    if not raw.strip():
        return failure(path, "E003", path=path)
    reason = binary_reason(raw)
    if reason:
        return failure(path, "E004", path=path, detail=reason)
    return html_to_article(raw, path, options)


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's content), paragraphs separated by blank lines."""
    if not fragment.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _paragraphs(fragment)
    for element in list(root.iter(*_DROPPED)):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return _paragraphs(root.text_content())

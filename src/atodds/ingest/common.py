"""Helpers shared by the ingest readers: ids, decoding, sniffing, limits and article building."""

from __future__ import annotations

import hashlib
import os
import re
import time
import unicodedata
from datetime import datetime
from email.utils import parsedate_to_datetime

from ..config import Options
from ..errors import error
from ..records import Article, Failure

BINARY_SAMPLE = 8192
CONTROL_RATIO = 0.1
MAX_TITLE_CHARS = 300
_TEXT_CONTROLS = {9, 10, 12, 13, 27}  # tab, newline, form feed, carriage return, escape
_SURROGATE = re.compile("[\ud800-\udfff]")

SUFFIX_KINDS: dict[str, str] = {
    ".txt": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".arc": "warc",
    ".warc.gz": "warc",
    ".arc.gz": "warc",
}


def suffix_of(path: str) -> str:
    """The lower-cased suffix that picks the reader ('.warc.gz' counts as one), or '' if none."""
    name = os.path.basename(path).lower()
    for double in (".warc.gz", ".arc.gz"):
        if name.endswith(double) and len(name) > len(double):
            return double
    stem, dot, ext = name.rpartition(".")
    return f".{ext}" if dot and stem else ""


def article_id(text: str) -> str:
    """Hash of the normalized text (NFC, casefolded, whitespace collapsed): sha256 hex, first 16 chars."""
    normal = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def _escape_surrogate(match: re.Match[str]) -> str:
    point = ord(match.group())
    return f"\\x{point - 0xDC00:02x}" if 0xDC80 <= point <= 0xDCFF else "\ufffd"


def printable(value: str) -> str:
    """``value`` with lone surrogates removed, so that it can be encoded as UTF-8 (stored, hashed, printed).

    A file name byte that is not UTF-8 (which Python reads as U+DC80..U+DCFF) becomes ``\\xNN``; any
    other lone surrogate (a JSON ``\\ud800`` escape, an XML character reference) becomes U+FFFD.
    """
    return _SURROGATE.sub(_escape_surrogate, value) if _SURROGATE.search(value) else value


def clean_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD: one character for one, so offsets hold."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def failure(source: str, code: str, **fields: object) -> Failure:
    """A ``Failure`` for ``source`` with the catalogued message of ``code`` (printable: see ``printable``)."""
    return Failure(printable(source), code, printable(error(code, **fields).message))


def binary_reason(head: bytes) -> str | None:
    """Why ``head`` (the first bytes of a file) looks binary, or None when it looks like text."""
    sample = head[:BINARY_SAMPLE]
    if b"\x00" in sample:
        return "NUL bytes in the first 8 KB"
    if sample:
        controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
        if controls / len(sample) > CONTROL_RATIO:
            return f"{controls} control characters in the first {len(sample)} bytes"
    return None


def decode_text(raw: bytes) -> str:
    """Decode ``raw`` as ``Path.read_text(encoding='utf-8')`` would (universal newlines), falling back
    to cp1252. Raises the UTF-8 ``UnicodeDecodeError`` when neither fits."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise utf8_error from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def title_from_first_line(text: str, markdown: bool = False) -> str:
    """The first line when a blank line follows it (and it is short enough to be a headline), else ''."""
    lines = text.lstrip("\ufeff").split("\n", 2)
    if len(lines) < 2 or lines[1].strip():
        return ""
    title = lines[0].strip()
    if markdown:
        title = title.lstrip("#").strip()
    return title if len(title) <= MAX_TITLE_CHARS else ""


def iso_date(value: object) -> str | None:
    """A date as 'YYYY-MM-DD' from an ISO string, an RFC 2822 string or a ``time.struct_time``."""
    if isinstance(value, time.struct_time):
        return time.strftime("%Y-%m-%d", value)
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.strptime(value[:10], "%Y-%m-%d").date().isoformat()
    except ValueError:
        return None


def join_title(title: str, body: str) -> str:
    """``title + "\\n\\n" + body`` when there is a title (and the body does not already start with it)."""
    title, body = title.strip(), body.strip()
    if not title:
        return body
    first, _, rest = body.partition("\n")
    if first.strip() == title:
        body = rest.strip()
    return f"{title}\n\n{body}" if body else title


def build_article(
    source: str,
    text: str,
    options: Options,
    *,
    kind: str,
    title: str = "",
    url: str = "",
    outlet: str = "",
    published: str | None = None,
) -> Article | Failure:
    """An ``Article``, or a ``Failure`` when the text is empty (E003) or too long (E021).

    Lone surrogates (from JSON escapes or character references) become U+FFFD in every field."""
    text, source = clean_text(text), printable(source)
    if not text.strip():
        return failure(source, "E003", path=source)
    if len(text) > options.max_document_chars:
        return failure(source, "E021", path=source, size=len(text), limit=options.max_document_chars)
    return Article(
        id=article_id(text),
        source=source,
        text=text,
        title=clean_text(title.strip()),
        url=clean_text(url.strip()),
        outlet=clean_text(outlet.strip()),
        published=published,
        source_kind=kind,
    )


def read_limited(path: str, options: Options) -> bytes | Failure:
    """The bytes of the file at ``path``, or a Failure: missing (E001), unreadable (E002), too big (E005)."""
    try:
        size = os.stat(path).st_size
        if os.path.isdir(path):
            return failure(path, "E002", path=path, detail="it is a directory")
        if size > options.max_document_bytes:
            return failure(path, "E005", path=path, size=size, limit=options.max_document_bytes)
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return failure(path, "E001", path=path)
    except OSError as exc:
        return failure(path, "E002", path=path, detail=exc.strerror or exc)


def sniff_kind(head: bytes) -> str | None:
    """'feed' or 'html' when the first bytes of a file look like one, else None."""
    start = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    roots = (b"<rss", b"<feed", b"<rdf:rdf")
    if start.startswith(roots) or (start.startswith(b"<?xml") and any(root in start for root in roots)):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None

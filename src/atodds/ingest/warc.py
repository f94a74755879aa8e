"""WARC/ARC archives through warcio: one article per HTML response; damage ends the file with E009."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from warcio.archiveiterator import ArchiveIterator, WARCIterator
from warcio.limitreader import LimitReader

from ..config import Options
from ..records import Article, Failure
from .common import failure, iso_date, printable
from .html import html_to_article

_TRAILER = 16  # an uncompressed archive may end with a few blank lines after the last record


def _is_html_ok(record: Any) -> bool:
    """A ``response`` record carrying an HTTP 200 HTML page."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return "html" in content_type


def _damage(record: Any) -> str | None:
    """Why ``record`` (already read to its end) is damaged, or None."""
    if record.format == "warc":
        missing = [
            name for name in ("WARC-Type", "Content-Length") if not record.rec_headers.get_header(name)
        ]
        if missing:
            return f"a record header lacks {', '.join(missing)}"
    stream = record.raw_stream
    if isinstance(stream, LimitReader) and stream.limit > 0:
        return f"a record ends {stream.limit} bytes early"
    return None


def _gzip_cut(records: ArchiveIterator) -> str | None:
    """Why the gzip member just read is incomplete (its end and checksum are missing), or None."""
    decompressor = getattr(getattr(records, "reader", None), "decompressor", None)
    if decompressor is not None and getattr(decompressor, "eof", True) is False:
        return "a gzip member ends early"
    return None


def _trailing_garbage(path: str, end: int) -> str | None:
    """Why the bytes after the last record's ``end`` offset are not just blank lines, or None."""
    size = os.path.getsize(path)
    if size - end > _TRAILER:
        return f"{size - end} unreadable bytes after offset {end}"
    with open(path, "rb") as handle:
        handle.seek(end)
        if handle.read().strip():
            return f"unreadable bytes after offset {end}"
    return None


def read_warc(path: str, options: Options) -> Iterator[Article | Failure]:
    """One article per HTML response record, in archive order."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - opened apart so open errors are told from read errors
    except FileNotFoundError:
        yield failure(path, "E001", path=path)
        return
    except OSError as exc:
        yield failure(path, "E002", path=path, detail=exc.strerror or exc)
        return
    end = 0
    pages = 0
    problem: str | None = None
    with handle:
        if os.fstat(handle.fileno()).st_size == 0:
            yield failure(path, "E003", path=path)
            return
        is_arc = path.lower().endswith((".arc", ".arc.gz"))
        records = ArchiveIterator(handle, arc2warc=True) if is_arc else WARCIterator(handle)
        try:
            for record in records:
                result = _read_record(record, path, options)
                offset = records.get_record_offset()  # reads the record to its end
                end = offset + records.get_record_length()
                problem = _damage(record) or _gzip_cut(records)
                if problem:
                    break
                if result is not None:
                    pages += 1
                    yield _with_source(result, f"{path}#{offset}")
        except Exception as exc:  # warcio fails in many ways on damaged input; all mean "damaged"
            problem = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    if problem is None:
        problem = _trailing_garbage(path, end)
    if problem:
        yield failure(path, "E009", path=path, detail=problem)
    elif not pages:
        yield failure(path, "E013", path=path)


def _read_record(record: Any, path: str, options: Options) -> Article | Failure | None:
    """The article in one record, a Failure, or None when the record is not an HTML page."""
    if not _is_html_ok(record):
        return None
    length = int(record.rec_headers.get_header("Content-Length") or 0)
    if length > options.max_document_bytes:
        return failure(path, "E005", path=path, size=length, limit=options.max_document_bytes)
    content = record.content_stream().read()
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    date = iso_date(record.rec_headers.get_header("WARC-Date") or "")
    return html_to_article(content, path, options, kind="warc", url=uri, fallback_date=date)


def _with_source(result: Article | Failure, source: str) -> Article | Failure:
    """``result`` re-labelled with the record's source (a Failure's message names the record too)."""
    source = printable(source)
    if isinstance(result, Failure):
        return Failure(source, result.code, result.reason.replace(result.source, source, 1))
    return replace(result, source=source)

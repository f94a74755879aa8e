"""JSON Lines: one article per line, streamed so that a multi-GB file never sits in memory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from ..config import Options
from ..records import Article, Failure
from .common import build_article, failure, iso_date

OPTIONAL_FIELDS = ("title", "url", "published", "outlet")


def _lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, line) pairs; a line over ``limit`` bytes comes as its size and is skipped unread."""
    line_no = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        line_no += 1
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
                size += len(line)
            yield line_no, size
        else:
            yield line_no, line


def _record(line: bytes) -> dict[str, Any] | str:
    """The JSON object on ``line``, or why it is not a valid record."""
    try:
        value = json.loads(line)
    except (UnicodeDecodeError, ValueError) as exc:
        return f"invalid JSON: {exc}"
    except RecursionError:  # '[[[[...' nested deeper than the parser's stack
        return "invalid JSON: nested too deeply"
    if not isinstance(value, dict):
        return f"a JSON {type(value).__name__}, not an object"
    if "text" not in value:
        return "no 'text' field"
    if not isinstance(value["text"], str):
        return f"'text' is a {type(value['text']).__name__}, not a string"
    for key in OPTIONAL_FIELDS:
        if value.get(key) is not None and not isinstance(value[key], str):
            return f"'{key}' is a {type(value[key]).__name__}, not a string"
    return value


def read_jsonl(path: str, options: Options) -> Iterator[Article | Failure]:
    """One article per line; a bad line gives a Failure (E007, E003, E005) and the others are still read.
    A file with no non-blank line gives E003."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - opened apart so open errors are told from read errors
    except FileNotFoundError:
        yield failure(path, "E001", path=path)
        return
    except OSError as exc:
        yield failure(path, "E002", path=path, detail=exc.strerror or exc)
        return
    records = 0
    with handle:
        for line_no, line in _lines(handle, options.max_document_bytes):
            source = f"{path}#L{line_no}"
            if isinstance(line, int):
                records += 1
                yield failure(source, "E005", path=source, size=line, limit=options.max_document_bytes)
                continue
            if not line.strip():
                continue
            records += 1
            record = _record(line)
            if isinstance(record, str):
                yield failure(source, "E007", path=path, line=line_no, detail=record)
                continue
            title = record.get("title") or ""
            text = (
                f"{title}\n\n{record['text']}" if title.strip() and record["text"].strip() else record["text"]
            )
            yield build_article(
                source,
                text,
                options,
                kind="jsonl",
                title=title,
                url=record.get("url") or "",
                outlet=record.get("outlet") or "",
                published=iso_date(record.get("published")),
            )
    if not records:
        yield failure(path, "E003", path=path)

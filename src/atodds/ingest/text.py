"""Plain text (.txt, .md, no suffix) and stdin: the text exactly as read, so offsets index into the file."""

from __future__ import annotations

from typing import TextIO

from ..config import Options
from ..records import Article, Failure
from .common import binary_reason, build_article, decode_text, failure, read_limited, title_from_first_line


def read_text_file(path: str, options: Options) -> Article | Failure:
    """One article from a text file: ``text`` equals ``Path(path).read_text(encoding='utf-8')``."""
    raw = read_limited(path, options)
    if isinstance(raw, Failure):
        return raw
    reason = binary_reason(raw)
    if reason:
        return failure(path, "E004", path=path, detail=reason)
    try:
        text = decode_text(raw)
    except UnicodeDecodeError as exc:
        return failure(path, "E006", path=path, detail=exc)
    title = title_from_first_line(text, markdown=path.lower().endswith(".md"))
    return build_article(path, text, options, kind="txt", title=title)


def read_stdin(stream: TextIO, options: Options, source: str = "-") -> Article | Failure:
    """One plain-text article from ``stream`` (standard input)."""
    try:
        text = stream.read()
    except UnicodeDecodeError as exc:
        return failure(source, "E006", path=source, detail=exc)
    except OSError as exc:
        return failure(source, "E002", path=source, detail=exc.strerror or exc)
    if "\x00" in text[:8192]:
        return failure(source, "E004", path=source, detail="NUL characters in the input")
    return build_article(source, text, options, kind="stdin", title=title_from_first_line(text))

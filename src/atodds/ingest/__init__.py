"""Ingest: turn paths (files, folders, globs, '-') into ``Article`` records, or ``Failure`` records.

Nothing here raises for bad input: every unreadable file or record becomes a ``Failure`` with its code,
and the batch goes on. Reading is lazy, so a large JSONL or WARC file is streamed.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

from ..config import Options
from ..records import Article, Failure
from .common import SUFFIX_KINDS, article_id, failure, sniff_kind, suffix_of
from .feeds import read_feed
from .html import read_html_file
from .jsonl import read_jsonl
from .text import read_stdin, read_text_file
from .warc import read_warc

__all__ = ["SUFFIX_KINDS", "article_id", "expand_inputs", "read_articles", "read_path"]

DEFAULT_OPTIONS = Options()
STDIN = "-"


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _walk(folder: str) -> list[str]:
    """Supported files under ``folder``, recursively, hidden files and folders skipped, sorted."""
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not _hidden(name)]
        for name in files:
            path = os.path.join(root, name)
            if not _hidden(name) and suffix_of(name) in SUFFIX_KINDS and os.path.isfile(path):
                found.append((tuple(os.path.relpath(path, folder).split(os.sep)), path))
    return [path for _, path in sorted(found)]


def _glob(pattern: str) -> list[str]:
    """Files matching ``pattern`` (``**`` recurses); a matching folder is walked."""
    found: list[str] = []
    for match in sorted(glob.glob(pattern, recursive=True)):
        if os.path.isdir(match):
            found.extend(_walk(match))
        elif os.path.isfile(match):
            found.append(match)
    return found


def expand_inputs(paths: Sequence[str]) -> Iterator[str]:
    """Files from ``paths``: a file, a folder (recursive, sorted, hidden entries and unsupported suffixes
    skipped), a glob pattern, or '-' for stdin. A path or pattern that matches nothing is yielded as
    given, so that ``read_articles`` reports it (E001)."""
    if isinstance(paths, str):
        paths = [paths]
    seen: set[str] = set()
    for given in paths:
        found: Iterable[str]
        if given == STDIN:
            found = [STDIN]
        elif os.path.isdir(given):
            found = _walk(given)
        elif not os.path.lexists(given) and glob.has_magic(given):
            found = _glob(given) or [given]
        else:
            found = [given]
        for path in found:
            if path not in seen:
                seen.add(path)
                yield path


def _kind(path: str) -> str | Failure:
    """The reader for ``path``: by suffix, else by sniffing the first bytes."""
    suffix = suffix_of(path)
    if suffix in SUFFIX_KINDS:
        return SUFFIX_KINDS[suffix]
    try:
        with open(path, "rb") as handle:
            head = handle.read(2048)
    except FileNotFoundError:
        return failure(path, "E001", path=path)
    except IsADirectoryError:
        return failure(path, "E002", path=path, detail="it is a directory")
    except OSError as exc:
        return failure(path, "E002", path=path, detail=exc.strerror or exc)
    sniffed = sniff_kind(head)
    if sniffed:
        return sniffed
    if suffix:
        return failure(path, "E012", path=path, suffix=suffix)
    return "txt"


def read_path(
    path: str, options: Options = DEFAULT_OPTIONS, stdin: TextIO | None = None
) -> Iterator[Article | Failure]:
    """Articles (or Failures) from one input file, or from stdin when ``path`` is '-'."""
    if path == STDIN:
        yield read_stdin(stdin if stdin is not None else sys.stdin, options)
        return
    if not os.path.exists(path):
        yield failure(path, "E001", path=path)
        return
    kind = _kind(path)
    if isinstance(kind, Failure):
        yield kind
    elif kind == "txt":
        yield read_text_file(path, options)
    elif kind == "html":
        yield read_html_file(path, options)
    elif kind == "jsonl":
        yield from read_jsonl(path, options)
    elif kind == "feed":
        yield from read_feed(path, options)
    else:
        yield from read_warc(path, options)


def _guarded(path: str, options: Options, stdin: TextIO | None) -> Iterator[Article | Failure]:
    """``read_path`` that turns any unexpected error into a Failure, so one input never stops the batch."""
    try:
        yield from read_path(path, options, stdin)
    except OSError as exc:
        yield failure(path, "E002", path=path, detail=exc.strerror or exc)
    except Exception as exc:  # a bug or a hostile file: report it and go on with the next input
        yield failure(path, "E020", path=path, detail=f"{type(exc).__name__}: {exc}")


def read_articles(
    paths: Sequence[str], options: Options = DEFAULT_OPTIONS, stdin: TextIO | None = None
) -> Iterator[Article | Failure]:
    """Lazily yield one Article per article found (a JSONL, feed or WARC file gives many), or a Failure
    for every input or record that cannot be read. When no input at all is found, one Failure E011."""
    if isinstance(paths, str):
        paths = [paths]
    found = False
    for path in expand_inputs(paths):
        found = True
        yield from _guarded(path, options, stdin)
    if not found:
        listed = ", ".join(paths) or "(no paths)"
        yield failure(listed, "E011", paths=listed)

"""Presentation: terminal summary lines, a Markdown report and a self-contained HTML report."""

from __future__ import annotations

from pathlib import Path

from atodds.records import Result
from atodds.report.html import render_html
from atodds.report.markdown import render_markdown
from atodds.report.summary import summarize

__all__ = ["render_html", "render_markdown", "summarize", "write_markdown", "write_report"]


def _write(path: str | Path, text: str) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def write_report(result: Result, path: str | Path, title: str = "atodds report") -> Path:
    """Write the HTML report to ``path`` (parent folders are created) and return the path."""
    return _write(path, render_html(result, title=title))


def write_markdown(result: Result, path: str | Path) -> Path:
    """Write the Markdown report to ``path`` (parent folders are created) and return the path."""
    return _write(path, render_markdown(result))

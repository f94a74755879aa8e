"""``atodds export``: statements, actors or relations from a database as CSV, JSON Lines or Markdown.

CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) get a leading apostrophe; Markdown cells are escaped with the report's ``md``.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from atodds.records import RelationLabel, Result
from atodds.report.markdown import md, table
from atodds.report.model import View
from atodds.store import Store

FORMATS = ("csv", "jsonl", "markdown")
WHAT = ("statements", "actors", "relations")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def statement_rows(result: Result) -> list[dict[str, Any]]:
    """One row per statement: speaker, side, quote, article, topic."""
    view = View(result)
    rows = []
    for st in result.statements:
        art = view.article(st)
        rows.append(
            {
                "id": st.id,
                "article": st.article_id,
                "title": art.title if art else "",
                "outlet": art.outlet if art else "",
                "published": (art.published or "") if art else "",
                "url": art.url if art else "",
                "speaker": view.name(st),
                "role": view.role(st),
                "side": view.side(st),
                "actor": result.statement_actor.get(st.id, ""),
                "kind": st.kind,
                "topic": view.topic(st),
                "content": st.content.text,
                "start": st.content.start,
                "end": st.content.end,
                "cue": st.cue.text if st.cue else "",
                "nested_source": st.nested_source or "",
            }
        )
    return rows


def actor_rows(result: Result) -> list[dict[str, Any]]:
    """One row per actor, with the number of statements attributed to them."""
    counts: dict[str, int] = {}
    for actor_id in result.statement_actor.values():
        counts[actor_id] = counts.get(actor_id, 0) + 1
    return [
        {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "side": a.side,
            "roles": list(a.roles),
            "aliases": list(a.aliases),
            "statements": counts.get(a.id, 0),
        }
        for a in result.actors
    ]


def relation_rows(result: Result) -> list[dict[str, Any]]:
    """One row per relation: label, score, both speakers, sides and quotes, and the evidence."""
    view = View(result)
    rows = []
    labels: tuple[RelationLabel, ...] = ("contradict", "agree")
    for label in labels:
        for pair in view.pairs(label):
            rel = pair.relation
            rows.append(
                {
                    "label": rel.label,
                    "score": round(rel.score, 4),
                    "a": rel.a,
                    "speaker_a": view.name(pair.left),
                    "side_a": pair.left_side,
                    "quote_a": pair.left.content.text,
                    "b": rel.b,
                    "speaker_b": view.name(pair.right),
                    "side_b": pair.right_side,
                    "quote_b": pair.right.content.text,
                    "evidence": list(rel.evidence),
                    "model": rel.model,
                }
            )
    return rows


ROWS = {"statements": statement_rows, "actors": actor_rows, "relations": relation_rows}
FIELDS = {
    "statements": ["id", "article", "title", "outlet", "published", "url", "speaker", "role", "side", "actor",
                   "kind", "topic", "content", "start", "end", "cue", "nested_source"],
    "actors": ["id", "name", "kind", "side", "roles", "aliases", "statements"],
    "relations": ["label", "score", "a", "speaker_a", "side_a", "quote_a", "b", "speaker_b", "side_b",
                  "quote_b", "evidence", "model"],
}  # fmt: skip
HEADERS = {
    "statements": ["speaker", "role", "side", "kind", "content", "topic", "outlet", "published", "title"],
    "actors": ["name", "kind", "side", "roles", "statements"],
    "relations": ["label", "score", "side_a", "speaker_a", "quote_a", "side_b", "speaker_b", "quote_b"],
}


def _flat(value: Any) -> Any:
    return "; ".join(str(v) for v in value) if isinstance(value, list) else value


def safe_cell(value: Any) -> Any:
    """A CSV value that no spreadsheet runs as a formula (lists joined with '; ')."""
    value = _flat(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_rows(rows: list[dict[str, Any]], fmt: str, what: str, out: TextIO) -> None:
    """Write ``rows`` (of ``what``) to ``out`` as ``fmt``."""
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        fields = list(rows[0]) if rows else FIELDS[what]
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    else:
        header = HEADERS[what]
        cells = [[md(str(_flat(row[k]))) for k in header] for row in rows]
        out.write("\n".join([f"# atodds {what} ({len(rows)})", "", *table(header, cells)]) + "\n")


@contextmanager
def _target(output: str | Path | None, fmt: str) -> Iterator[TextIO]:
    if output is None or str(output) == "-":
        yield sys.stdout
        return
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="" if fmt == "csv" else None) as handle:
        yield handle


def export(
    db: str | Path, fmt: str = "csv", what: str = "statements", output: str | Path | None = None
) -> int:
    """Export ``what`` from the database ``db`` (opened read-only) as ``fmt`` to ``output`` (stdout when
    None or '-'); return the number of rows written. Raises ``ValueError`` for an unknown format or kind,
    and the store's coded errors when the database cannot be read."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    if what not in WHAT:
        raise ValueError(f"unknown kind of record {what!r}: use {', '.join(WHAT)}")
    with Store.open(db, read_only=True) as store:
        result = store.load_result()
    rows = ROWS[what](result)
    with _target(output, fmt) as out:
        write_rows(rows, fmt, what, out)
    return len(rows)

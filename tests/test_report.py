"""Tests for atodds.report: terminal summary, Markdown and the self-contained HTML report."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import cast

import pytest

from atodds.records import (
    Actor,
    Article,
    Failure,
    Frame,
    Relation,
    Result,
    Span,
    Speaker,
    Statement,
    StatementKind,
    Topic,
)
from atodds.report import render_html, render_markdown, summarize, write_markdown, write_report
from atodds.report.model import safe_url, sentence_context
from payloads import span

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'

PORTS_TEXT = (
    "Velm harbour closed after storm\n\n"
    "VELM - The Nordland Ministry of Ports said on Monday that the closure of Velm harbour is temporary. "
    '"The harbour will reopen within two weeks," said Ilse Marten, a spokeswoman for the ministry. '
    '"The storm destroyed part of the eastern pier," Marten added. '
    "Dockworkers in Sudmark disputed that account."
)
UNION_TEXT = (
    '"This closure is permanent and everyone on the docks knows it," said Jonas Brekk, a spokesperson '
    "for the Sudmark Dockworkers Union. The two accounts of the closure are at odds. "
    "Brekk agreed that the storm damaged the eastern pier."
)


def statement(sid: str, art: Article, content: str, name: str, side: str, role: str, kind: str) -> Statement:
    mention = span(art.text, name) if name in art.text else None
    speaker = Speaker(mention, name, role=role, side=side, resolution="named")
    return Statement(sid, art.id, span(art.text, content), None, speaker, cast(StatementKind, kind))


N, S = "Nordland", "Sudmark"
Q1, Q2 = (
    "The harbour will reopen within two weeks",
    "This closure is permanent and everyone on the docks knows it",
)
Q3, Q4 = "the closure of Velm harbour is temporary", "The storm destroyed part of the eastern pier"
Q5 = "the storm damaged the eastern pier"
UNION_ROLE = "spokesperson, Sudmark Dockworkers Union"
STATEMENTS = [  # id, article index, content, speaker, side, role, kind
    ("s1", 0, Q1, "Ilse Marten", N, "spokeswoman", "direct"),
    ("s2", 1, Q2, "Jonas Brekk", S, "", "direct"),
    ("s3", 0, Q3, "Nordland Ministry of Ports", N, "", "indirect"),
    ("s4", 0, Q4, "Marten", N, "", "direct"),
    ("s5", 1, Q5, "Brekk", S, "", "indirect"),
]


def build(title: str = "Velm harbour closed after storm", url: str = "https://herald.example/velm") -> Result:
    """Two invented articles: Nordland's ministry says the closure is temporary, a Sudmark union says not."""
    articles = [
        Article("a1", "ports.txt", PORTS_TEXT, title, url, "Harbour Herald", "2031-03-03"),
        Article(
            "a2", "union.txt", UNION_TEXT, "Union: Velm will not reopen", "", "Sudmark Courier", "2031-03-04"
        ),
    ]
    statements = [
        statement(sid, articles[i], q, who, side, r, k) for sid, i, q, who, side, r, k in STATEMENTS
    ]
    relations = [
        Relation("s3", "s2", "contradict", 0.71, ("temporary vs permanent",), "test"),
        Relation("s1", "s2", "contradict", 0.83, ("reopen within two weeks vs permanent", "antonym"), "test"),
        Relation("s4", "s5", "agree", 0.64, ("both: storm damaged the pier",)),
        Relation("s1", "missing", "contradict", 0.99),
    ]
    actors = [
        Actor("p1", "Ilse Marten", ("Marten",), "person", ("spokeswoman",), "Nordland"),
        Actor("p2", "Jonas Brekk", ("Brekk",), "person", (UNION_ROLE,), "Sudmark"),
        Actor("o1", "Nordland Ministry of Ports", (), "organization", (), "Nordland"),
    ]
    frames = [
        Frame("a1", span(PORTS_TEXT, "Dockworkers in Sudmark disputed that account."), ("Sudmark",)),
        Frame("a2", span(UNION_TEXT, "The two accounts of the closure are at odds."), ()),
    ]
    return Result(
        articles=articles,
        statements=statements,
        actors=actors,
        topics=[Topic("t1", "harbour closure", ("s1", "s2", "s3"))],
        relations=relations,
        frames=frames,
        statement_actor={"s1": "p1", "s2": "p2", "s3": "o1", "s4": "p1", "s5": "p2"},
        statement_topic={"s1": "t1", "s2": "t1", "s3": "t1"},
    )


def hostile() -> Result:
    """Every field that reaches the page carries a script or attribute-breaking payload."""
    text = f'{SCRIPT} said. "{IMG} is the plan," said {SCRIPT} Man. Officials "deny {SCRIPT}".'
    art = Article("h1", f"{IMG}.txt", text, SCRIPT, "javascript:alert(1)", IMG, SCRIPT)
    s1 = statement("h1s1", art, f"{IMG} is the plan", f"{SCRIPT} Man", IMG, SCRIPT, "direct")
    s2 = statement("h1s2", art, f"deny {SCRIPT}", "Officials", SCRIPT, "", "direct")
    return Result(
        articles=[art],
        statements=[s1, s2],
        actors=[Actor("x", SCRIPT, (), "person", (IMG,), IMG)],
        topics=[Topic("tx", IMG, ("h1s1",))],
        relations=[Relation("h1s1", "h1s2", "contradict", 0.9, (SCRIPT, IMG), IMG)],
        frames=[Frame("h1", span(text, SCRIPT), (IMG,))],
        failures=[Failure(IMG, SCRIPT, IMG)],
        statement_actor={"h1s1": "x"},
        statement_topic={"h1s1": "tx"},
    )


class Tags(HTMLParser):
    """Collects every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


def test_summary_counts_and_who_disagrees() -> None:
    lines = summarize(build())
    assert lines[0] == (
        "2 articles, 5 statements, 3 speakers, 2 sides, 2 contradictions, 1 agreement, 0 failures"
    )
    top = lines[2]
    assert top.startswith("  Nordland (Ilse Marten, spokeswoman) vs Sudmark (Jonas Brekk, spokesperson")
    assert '"The harbour will reopen within two weeks"' in top
    assert top.endswith("(score 0.83)")
    assert "(score 0.71)" in lines[3] and "Nordland Ministry of Ports" in lines[3]
    assert "  Nordland vs Sudmark: 2 contradictions, 1 agreement" in lines


def test_summary_is_deterministic_and_limited() -> None:
    result = build()
    first = summarize(result, limit=1)
    random.Random(7).shuffle(result.relations)
    assert summarize(result, limit=1) == first
    assert "  … and 1 more" in first
    assert sum("(score" in line for line in first) == 1
    long = "word " * 60
    art = Article("a9", "long.txt", long, "Long")
    result.articles.append(art)
    result.statements.append(statement("s9", art, long.strip(), "Nobody", N, "", "direct"))
    result.relations.append(Relation("s9", "s2", "contradict", 0.99))
    line = summarize(result)[2]
    assert "…" in line and len(line) < 260


def test_markdown_has_disagreement_and_escapes_pipes() -> None:
    md = render_markdown(build(title="Velm | harbour\nclosed"))
    assert "## Disagreements" in md
    assert "### 1. Nordland vs Sudmark (score 0.83)" in md
    assert "“The harbour will reopen within two weeks”" in md
    assert "“This closure is permanent and everyone on the docks knows it”" in md
    assert "Ilse Marten" in md and "Jonas Brekk" in md and "Harbour Herald" in md
    assert "- reopen within two weeks vs permanent" in md
    assert r"Velm \| harbour closed" in md
    assert render_markdown(build(title="A &amp; B *now*")).count(r"[A &amp;amp; B \*now\*](https") == 3
    assert "Velm | harbour" not in md
    for line in md.splitlines():
        if line.startswith("|"):
            assert line.endswith("|")
    rows = [line for line in md.splitlines() if line.startswith("| 1 |")]
    assert rows and len(re.findall(r"(?<!\\)\|", rows[0])) == 6
    assert "Dockworkers in Sudmark disputed that account." in md
    assert "said on Monday that **the closure of Velm harbour is temporary**." in md
    assert "1. **Nordland** (Ilse Marten, spokeswoman): “The storm destroyed part of the eastern pier”" in md
    assert "the closure of Velm harbour is temporary (indirect)" in md


def test_html_has_quotes_context_and_csp() -> None:
    page = render_html(build(), title="Velm harbour")
    assert page.startswith("<!DOCTYPE html>")
    assert "“The harbour will reopen within two weeks”" in page
    assert "“This closure is permanent and everyone on the docks knows it”" in page
    assert (
        "&quot;<mark>The harbour will reopen within two weeks</mark>,&quot; said Ilse Marten, "
        "a spokeswoman for the ministry." in page
    )
    context = re.search(r'<p class="context">(.*?)</p>', page)
    assert context and "said on Monday" not in context.group(1)
    metas = [a for t, a in tags(page) if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert metas and metas[0]["content"] == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert "<svg" in page and "Statements per side" in page and 'class="matrix"' in page
    assert "Dockworkers in Sudmark disputed that account." in page and "reopen within two weeks vs" in page
    assert page.index("contradiction-1") < page.index("contradiction-2")
    assert page == render_html(build(), title="Velm harbour")  # deterministic, side colours included
    colours = dict(re.findall(r'<div class="side-card" style="--side:(#[0-9a-f]{6})"><h3>(\w+)</h3>', page))
    assert sorted(colours.values()) == ["Nordland", "Sudmark"]  # one distinct colour per side


def test_html_loads_nothing_from_the_network() -> None:
    result = build()
    page = render_html(result)
    allowed = {a.url for a in result.articles if a.url}
    for tag, attrs in tags(page):
        assert tag not in {"script", "img", "iframe", "link", "object", "embed", "base"}
        assert "src" not in attrs and "srcset" not in attrs
        href = attrs.get("href")
        if href is not None:
            assert tag == "a" and (href.startswith("#") or href in allowed), href
    assert '<a href="https://herald.example/velm"' in page
    assert "url(" not in page and "@import" not in page


def test_html_escapes_hostile_text() -> None:
    page = render_html(hostile(), title=SCRIPT)
    assert SCRIPT not in page and IMG not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    for tag, attrs in tags(page):
        assert tag not in {"script", "img"}
        assert not any(name.startswith("on") for name in attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript")
    assert "<mark>&quot;&gt;&lt;img src=x onerror=alert(1)&gt; is the plan</mark>" in page


def test_markdown_and_summary_escape_or_keep_hostile_text_inert() -> None:
    md = render_markdown(hostile())
    assert "<script" not in md and "<img" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "](javascript:" not in md
    assert any("vs" in line for line in summarize(hostile()))


def test_javascript_url_is_text_not_link() -> None:
    page = render_html(build(url="javascript:alert(1)"))
    assert all(not (a.get("href") or "").startswith("javascript") for _, a in tags(page))
    assert (
        "Velm harbour closed after storm" in page and '<span class="url">javascript:alert(1)</span>' in page
    )
    assert "](javascript:" not in render_markdown(build(url="javascript:alert(1)"))
    assert "[Velm harbour closed after storm](https://herald.example/velm)" in render_markdown(build())
    assert safe_url(" https://ok.example/x ") == "https://ok.example/x"
    assert safe_url("JAVASCRIPT:alert(1)") == safe_url("data:text/html,x") == safe_url("//evil.example") == ""


def test_sentence_context_bounds() -> None:
    text = 'First one. "Second part," she said. Third.'
    assert sentence_context(text, span(text, "Second part")) == ('"', "Second part", '," she said.')
    assert sentence_context(text, Span(0, 5, "nope!")) is None


def test_empty_result_renders() -> None:
    empty = Result()
    page = render_html(empty)
    assert "No contradictions found." in page and "</html>" in page
    assert "No contradictions found." in render_markdown(empty)
    assert summarize(empty) == [
        "0 articles, 0 statements, 0 speakers, 0 sides, 0 contradictions, 0 agreements, 0 failures"
    ]


def test_failures_are_listed() -> None:
    result = build()
    result.failures.append(Failure("broken.html", "E010", "no article text could be extracted"))
    page, md = render_html(result), render_markdown(result)
    assert "<code>E010</code>" in page and "broken.html" in page
    assert "| broken.html | E010 | no article text could be extracted |" in md
    assert summarize(result)[0].endswith("1 failure")


@pytest.mark.parametrize("writer", [write_report, write_markdown])
def test_writers_create_parent_folders(tmp_path: Path, writer: Callable[[Result, Path], Path]) -> None:
    target = tmp_path / "deep" / "er" / "report.out"
    written = writer(build(), target)
    assert written == target and target.read_text(encoding="utf-8").strip()


def test_actor_graph_links_the_speakers_who_disagree() -> None:
    import html

    from atodds.report.graph import actor_graph
    from atodds.report.model import View

    result = build()
    svg = actor_graph(View(result))
    assert svg.startswith("<svg") and 'stroke="#dc2626"' in svg
    related = {rel.a for rel in result.relations} | {rel.b for rel in result.relations}
    for st in result.statements:
        if st.id in related:
            assert html.escape(st.speaker.name) in svg
    assert actor_graph(View(Result())) == ""
    hostile_svg = actor_graph(View(hostile()))
    assert "<script" not in hostile_svg and "<img" not in hostile_svg

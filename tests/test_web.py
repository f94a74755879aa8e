"""The served UI and JSON API (``atodds serve``) through FastAPI's TestClient, on hand-made databases."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from atodds.errors import AtoddsError
from atodds.records import Result
from atodds.web import create_app
from atodds.web.search import fts_query, terms
from payloads import PAYLOADS, SCRIPT_PAYLOADS, build_db, example_corpus, hostile_corpus

PAGES = ["/", "/topics", "/actors", "/articles", "/relations", "/timeline", "/search", "/docs"]
FILTERED = ["/", "/topics", "/actors", "/articles", "/relations"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("web") / "example.db", example_corpus())


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = build_db(tmp_path_factory.mktemp("web") / "hostile.db", hostile_corpus(PAYLOADS))
    with TestClient(create_app(path)) as c:
        yield c


class _Tags(HTMLParser):
    """Collects every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


ACTIVE_TAGS = {
    "script",
    "iframe",
    "img",
    "object",
    "embed",
    "base",
    "video",
    "audio",
    "source",
    "frame",
    "math",
}
LOCAL_LINKS = {"/static/report.css", "/static/web.css", "data:,"}


def assert_inert(html: str) -> None:
    """No element that runs or loads anything, no event handler, no script URL: the payloads stayed text."""
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ACTIVE_TAGS, (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "http-equiv" not in attrs, (tag, attrs)
        for name in ("href", "src", "action", "formaction", "data", "srcdoc"):
            value = attrs.get(name, "").strip().lower()
            assert not value.startswith(("javascript:", "vbscript:", "data:text")), (tag, attrs)
        if tag == "link":
            assert attrs.get("href") in LOCAL_LINKS, attrs
        if tag == "form":
            assert attrs.get("action", "/").startswith("/"), attrs
        if tag == "a" and attrs.get("href", "").startswith(("http:", "https:")):
            assert "noopener" in attrs.get("rel", ""), attrs


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_security_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script" not in csp and "unsafe-inline" in csp
    assert "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script" not in r.text.lower()


def test_overview_shows_the_disagreement(client: TestClient) -> None:
    html = client.get("/").text
    for text in (
        "Elena Marsh",
        "Tomas Brek",
        "Varland",
        "Kestria",
        "political decision",
        "routine maintenance",
    ):
        assert text in html
    assert "antonymous predicates: political vs routine" in html
    assert 'class="matrix"' in html


def test_topic_actor_article_relation_pages(client: TestClient) -> None:
    topic = client.get("/topics/t1").text
    assert "Orlen dam closure" in topic and "Harbour Gazette" in topic and "Foreign Minister" in topic
    actor = client.get("/actors/actor-tomas-brek").text
    assert "routine maintenance" in actor and "flow normally" in actor
    article = client.get("/articles/art-gazette").text
    assert '<mark id="st-st-marsh"' in article and "offered conflicting accounts" in article
    assert client.get("/relations?kind=agree").text.count('<article class="pair') == 1
    for missing in ("/topics/nope", "/actors/nope", "/articles/nope", "/api/articles/nope", "/nope"):
        r = client.get(missing)
        assert r.status_code == 404 and "content-security-policy" in r.headers


def test_api_shapes(client: TestClient) -> None:
    overview = client.get("/api/overview").json()
    assert overview["counts"]["statements"] == 4 and overview["counts"]["contradictions"] == 1
    assert overview["matrix"]["contradict"] == [{"a": "Kestria", "b": "Varland", "count": 1}]
    top = overview["top_disagreements"][0]
    assert top["label"] == "contradict" and {s["speaker"] for s in top["statements"]} == {
        "Elena Marsh",
        "Tomas Brek",
    }
    topics = client.get("/api/topics").json()["items"]
    assert [t["id"] for t in topics] == ["t1", "t2"]
    assert {p["side"] for p in topics[0]["positions"]} == {"Varland", "Kestria"}
    actors = {a["key"]: a for a in client.get("/api/actors").json()["items"]}
    assert actors["actor-tomas-brek"]["statements"] == 2 and actors["actor-tomas-brek"]["side"] == "Kestria"
    article = client.get("/api/articles/art-gazette").json()
    for st in article["statements"]:
        content = st["content"]
        assert article["text"][content["start"] : content["end"]] == content["text"]
    assert len(client.get("/api/relations").json()["items"]) == 2
    page = client.get("/api/statements?limit=1&offset=1").json()
    assert page["total"] == 4 and [s["id"] for s in page["items"]] == ["st-brek"]
    assert client.get("/api/actors/actor-amara-osei").json()["items"][0]["id"] == "st-osei"
    schema = client.get("/openapi.json").json()
    assert "/api/search" in schema["paths"] and "/api/topics/{topic_id}" in schema["paths"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("side=Kestria", {"st-brek", "st-brek-2"}),
        ("actor=actor-elena-marsh", {"st-marsh"}),
        ("topic=t2", {"st-osei"}),
        ("outlet=River+Times", {"st-osei", "st-brek-2"}),
        ("date_from=2026-05-12", {"st-osei", "st-brek-2"}),
        ("date_to=2026-05-11", {"st-marsh", "st-brek"}),
        ("date_from=2026-05", {"st-marsh", "st-brek", "st-osei", "st-brek-2"}),
        ("side=Nowhere", set()),
    ],
)
def test_filters(client: TestClient, query: str, expected: set[str]) -> None:
    items = client.get(f"/api/statements?{query}").json()["items"]
    assert {s["id"] for s in items} == expected
    for path in FILTERED:
        assert client.get(f"{path}?{query}").status_code == 200


def test_relation_kind_filter_and_bad_filters(client: TestClient) -> None:
    kinds = {r["label"] for r in client.get("/api/relations?kind=contradict").json()["items"]}
    assert kinds == {"contradict"}
    assert client.get("/relations?kind=agree").text.count("agrees with") == 1
    assert client.get("/api/statements?limit=abc").status_code == 400
    for bad in ("kind=<script>", "date_from=yesterday", "date_to=2026-13-99x"):
        for path in ("/api/statements", "/relations"):
            r = client.get(f"{path}?{bad}")
            assert r.status_code == 400, (path, bad)
        assert_inert(client.get(f"/relations?{bad}").text)


def test_search_finds_statements_speakers_and_titles(client: TestClient) -> None:
    items = client.get("/api/search?q=routine+gates").json()["items"]
    assert [i["ref"] for i in items] == ["st-brek"]
    kinds = {i["kind"] for i in client.get("/api/search?q=brek").json()["items"]}
    assert kinds == {"statement", "actor"}
    titles = client.get("/api/search?q=inspect&kind=article").json()["items"]
    assert [i["ref"] for i in titles] == ["art-times"]
    html = client.get("/search?q=maint").text
    assert "<mark>maintenance</mark>" in html


@pytest.mark.parametrize("query", PAYLOADS)
def test_hostile_search_never_fails(client: TestClient, query: str) -> None:
    for path in ("/search", "/api/search"):
        r = client.get(path, params={"q": query})
        assert r.status_code in (200, 400), r.text[:300]
        if r.status_code == 400:
            detail = r.json()["detail"] if path.startswith("/api") else r.text
            assert "search" in detail.lower()
        if path == "/search":
            assert_inert(r.text)


def test_fts_query_quotes_everything() -> None:
    assert fts_query(terms('gates NEAR( "x" OR')) == '"gates"* "NEAR("* """x"""* "OR"*'
    assert terms("  ") == []
    assert terms("a\x00b") == ["a", "b"]


@pytest.mark.parametrize("path", [*PAGES, "/articles/hostile-0", "/topics/topic-h3", "/actors/actor-h7"])
def test_hostile_data_is_escaped(hostile: TestClient, path: str) -> None:
    r = hostile.get(path)
    assert r.status_code == 200
    assert_inert(r.text)


def test_hostile_api_returns_payloads_verbatim(hostile: TestClient) -> None:
    titles = {a["title"] for a in hostile.get("/api/articles").json()["items"]}
    assert set(SCRIPT_PAYLOADS) <= titles


def test_server_is_read_only(db: Path, client: TestClient) -> None:
    before = digest(db)
    for method in ("post", "put", "patch", "delete"):
        for path in ("/", "/api/topics", "/search", "/api/search"):
            r = client.request(method.upper(), path, json={"q": "x"})
            assert r.status_code == 405, (method, path)
            assert "read-only" in r.text
    assert digest(db) == before
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM statements").fetchone()[0] == 4


def test_no_paths_outside_what_it_serves(client: TestClient) -> None:
    assert client.get("/static/web.css").headers["content-type"].startswith("text/css")
    for path in ("/static/../pyproject.toml", "/static/%2e%2e%2fpyproject.toml", "/static/page.html",
                 "/../../etc/passwd", "/static/", "/docs/oauth2-redirect", "/redoc"):  # fmt: skip
        assert client.get(path).status_code == 404, path


def test_loopback_only_answers_local_host_names(db: Path) -> None:
    with TestClient(create_app(db, allowed_hosts=["127.0.0.1", "testserver"])) as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "evil.example"}).status_code == 400


def test_missing_or_old_database_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(AtoddsError) as excinfo:
        create_app(tmp_path / "missing.db")
    assert excinfo.value.code == "E053"


def test_snapshot_follows_new_writes(tmp_path: Path) -> None:
    analyses, result = example_corpus()
    path = build_db(tmp_path / "grow.db", (analyses[:1], _only(result, analyses[0].article.id)))
    with TestClient(create_app(path)) as c:
        assert c.get("/api/overview").json()["counts"]["statements"] == 2
        build_db(path, (analyses[1:], result))
        assert c.get("/api/overview").json()["counts"]["statements"] == 4
        assert [i["ref"] for i in c.get("/api/search?q=inspection&kind=statement").json()["items"]] == [
            "st-osei"
        ]


def _only(result: Result, article_id: str) -> Result:
    keep = [s for s in result.statements if s.article_id == article_id]
    ids = {s.id for s in keep}
    return Result(
        articles=[a for a in result.articles if a.id == article_id],
        statements=keep,
        actors=result.actors,
        statement_actor={k: v for k, v in result.statement_actor.items() if k in ids},
    )

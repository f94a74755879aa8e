"""The UI in a real browser (Playwright + Debian's Chromium): it renders, links and filters work, nothing
logs an error, and no payload from ``payloads.py`` ever runs. Skipped without Chromium or Playwright.

Screenshots go to ``test-artifacts/``; with ``ATODDS_UPDATE_SCREENSHOTS=1`` the overview is also written to
``docs/web-ui.png``.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and shutil.which("chromium") is None,
    reason="Chromium is not installed (apt-get install chromium); the browser tests need it",
)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed")

from atodds.report import write_report  # noqa: E402
from atodds.web import create_app  # noqa: E402
from payloads import PAYLOADS, build_db, drift_corpus, example_corpus, hostile_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]  # fmt: skip
NOT_RUN = "typeof window.__xss === 'undefined'"


@dataclass
class Watch:
    """What a page did that it should not: console errors, page errors, dialogs, requests elsewhere."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def clean(self) -> bool:
        return not (self.errors or self.dialogs or self.outside)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_api.sync_playwright() as pw:
        exe = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
        browser = pw.chromium.launch(executable_path=exe, args=ARGS)
        yield browser
        browser.close()


def _serve(db: Path) -> Iterator[str]:
    port = _free_port()
    app = create_app(db, allowed_hosts=["127.0.0.1"])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(build_db(tmp_path_factory.mktemp("ui") / "example.db", example_corpus()))


@pytest.fixture(scope="module")
def drift_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(build_db(tmp_path_factory.mktemp("ui") / "drift.db", drift_corpus()))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(build_db(tmp_path_factory.mktemp("ui") / "hostile.db", hostile_corpus(PAYLOADS)))


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch()

    def route(r: Route) -> None:
        target = r.request.url
        if target.startswith(("http://127.0.0.1:", "file://", "data:")):
            r.continue_()
        else:
            watch.outside.append(target)
            r.abort()

    context.set_default_timeout(10_000)
    context.route("**/*", route)
    pg = context.new_page()
    pg.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    pg.on("dialog", lambda d: (watch.dialogs.append(d.message), d.dismiss()))
    yield pg, watch
    context.close()


def _shot(pg: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_overview_shows_the_disagreement(site: str, page: tuple[Page, Watch]) -> None:
    pg, watch = page
    pg.goto(site + "/")
    cards = pg.locator("#disagreements article.pair")
    assert cards.count() == 1
    text = cards.first.inner_text()
    assert "Elena Marsh" in text and "Tomas Brek" in text and "routine maintenance" in text
    assert pg.locator("table.matrix").count() == 2
    _shot(pg, "web-overview.png")
    if os.environ.get("ATODDS_UPDATE_SCREENSHOTS") == "1":
        pg.screenshot(path=str(ROOT / "docs" / "web-ui.png"), full_page=True)
    assert watch.clean(), watch


def test_navigation_filters_and_search(site: str, page: tuple[Page, Watch]) -> None:
    pg, watch = page
    pg.goto(site + "/")
    pg.click("nav >> text=Topics")
    assert pg.url.endswith("/topics")
    assert set(pg.locator(".position h3").all_inner_texts()) == {"Varland", "Kestria", "United Nations"}
    pg.select_option("form.filters select[name=side]", "Kestria")
    pg.click("form.filters button")
    assert "side=Kestria" in pg.url
    assert pg.locator(".position h3").all_inner_texts() == ["Kestria"]
    _shot(pg, "web-topics-kestria.png")
    pg.click(".stmt .who a >> nth=0")
    assert "/actors/actor-tomas-brek" in pg.url
    pg.click(".stmt .source a >> nth=0")
    assert "/articles/art-gazette" in pg.url
    assert pg.locator(".article-text mark").count() == 2
    _shot(pg, "web-article.png")
    pg.click("nav >> text=Search")
    pg.fill("input[name=q]", "routine gates")
    pg.click("form.search button")
    assert pg.locator("ol.hits li").count() == 1
    assert pg.locator("ol.hits mark").first.inner_text().lower() == "gates"
    pg.click("nav >> text=API")
    assert "/api/search" in pg.inner_text("main")
    assert watch.clean(), watch


def test_static_report_renders_from_file(tmp_path: Path, page: tuple[Page, Watch]) -> None:
    pg, watch = page
    ARTIFACTS.mkdir(exist_ok=True)
    for name, corpus in (("example", example_corpus()), ("hostile", hostile_corpus(PAYLOADS))):
        report = write_report(corpus[1], tmp_path / f"{name}.html")
        pg.goto(report.resolve().as_uri())
        assert pg.locator("#disagreements article.pair").count() >= 1
        assert pg.evaluate(NOT_RUN)
        pg.screenshot(path=str(ARTIFACTS / f"report-{name}.png"))
        if name == "example" and os.environ.get("ATODDS_UPDATE_SCREENSHOTS") == "1":
            pg.set_viewport_size({"width": 1280, "height": 1800})
            pg.screenshot(path=str(ROOT / "docs" / "report.png"))
    assert watch.clean(), watch


def test_timeline_and_quote_drift_render(drift_site: str, tmp_path: Path, page: tuple[Page, Watch]) -> None:
    pg, watch = page
    pg.goto(drift_site + "/")
    pg.click("nav >> text=Timeline")
    items = pg.locator("#timeline .timeline li")
    assert items.count() == 1  # one remark, reported twice: one entry with both outlets
    assert "2031-03-11" in items.first.inner_text() and "Valley Star" in items.first.inner_text()
    drift = pg.locator("#groups .drift")
    assert drift.count() == 1
    assert drift.locator("del").first.inner_text() == "not"
    assert "negation" in drift.locator(".flag").first.inner_text()
    _shot(pg, "web-timeline.png")
    report = write_report(drift_corpus()[1], tmp_path / "drift.html")
    pg.goto(report.resolve().as_uri())
    assert pg.locator("#timeline .timeline li").count() == 1
    assert pg.locator("#groups .drift del").first.is_visible()
    pg.screenshot(path=str(ARTIFACTS / "report-drift.png"), full_page=True)
    assert watch.clean(), watch


def test_payloads_never_run(hostile_site: str, page: tuple[Page, Watch]) -> None:
    pg, watch = page
    paths = ["/", "/topics", "/actors", "/articles", "/relations", "/relations?kind=contradict", "/timeline"]
    paths += ["/docs"]
    paths += [f"/articles/hostile-{i}" for i in range(0, len(PAYLOADS), 5)]
    paths += [f"/actors/actor-h{i}" for i in range(0, len(PAYLOADS), 7)]
    paths += [f"/topics/topic-h{i}" for i in range(0, len(PAYLOADS), 9)]
    paths += [f"/search?q={quote(p, safe='')}" for p in PAYLOADS]
    paths += [f"/search?kind=article&q={quote(p[:60], safe='')}" for p in PAYLOADS[::6]]
    for path in paths:
        pg.goto(hostile_site + path)
        assert pg.evaluate(NOT_RUN), path
    _shot(pg, "web-hostile-search.png")
    for payload in PAYLOADS[:12]:  # typed into the form, too
        pg.goto(hostile_site + "/search")
        pg.fill("input[name=q]", payload[:200])
        pg.click("form.search button")
        assert pg.evaluate(NOT_RUN), payload
    pg.goto(hostile_site + "/")
    _shot(pg, "web-hostile-overview.png")
    assert watch.clean(), watch

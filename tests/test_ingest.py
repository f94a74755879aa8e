"""Tests for the ingest stage: every input format, the failure codes, and the offset invariant."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from atodds.config import Options
from atodds.ingest import article_id, expand_inputs, read_articles, read_path
from atodds.records import Article, Failure

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

QUAY_PAGE = """<!DOCTYPE html><html><head><title>Quay works start</title>
<meta name="date" content="2024-05-06"></head><body><article>
<p>Work on the old quay began on Monday, three years after it was first promised.</p>
<p>"We have waited long enough," said harbormaster Ines Vale as the cranes arrived.</p>
</article></body></html>"""

MARKET_PAGE = """<!DOCTYPE html><html><head><title>Market stays open</title></head><body><article>
<p>The covered market will stay open on Sundays, the trade association said on Friday.</p>
<p>"Sunday is our busiest day by far," one fishmonger said.</p>
</article></body></html>"""


def read_all(paths: list[str], options: Options | None = None) -> list[Article | Failure]:
    return list(read_articles(paths, options or Options()))


def codes(items: list[Article | Failure]) -> list[str]:
    """Each item's failure code, or 'ok' for an article."""
    return [item.code if isinstance(item, Failure) else "ok" for item in items]


def only_article(paths: list[str], options: Options | None = None) -> Article:
    (item,) = read_all(paths, options)
    assert isinstance(item, Article), item
    return item


def only_failure(paths: list[str], options: Options | None = None) -> Failure:
    (item,) = read_all(paths, options)
    assert isinstance(item, Failure), item
    return item


# --- plain text -------------------------------------------------------------------------------------


def test_txt_text_is_exactly_read_text_and_title_is_first_line(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text('Dam vote delayed\n\n"We need more time," the mayor said.\n', encoding="utf-8")
    article = only_article([str(path)])
    assert article.text == path.read_text(encoding="utf-8")
    assert article.title == "Dam vote delayed"
    assert article.source == str(path)
    assert article.source_kind == "txt"
    assert article.id == article_id(article.text)


def test_crlf_file_keeps_offsets_of_read_text(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b'Levee report\r\n\r\n"It will hold," the engineer said.\r\nOld Mac line\rend\r\n')
    article = only_article([str(path)])
    expected = path.read_text(encoding="utf-8")
    assert article.text == expected
    assert "\r" not in article.text
    start = expected.index('"It will hold,"')
    assert article.text[start : start + 15] == '"It will hold,"'
    assert article.title == "Levee report"


def test_no_title_without_blank_line_and_markdown_title(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("The council met.\nIt voted no.\n", encoding="utf-8")
    notes = tmp_path / "notes.md"
    notes.write_text("# Pier repairs\n\nThe pier reopens Friday, the port said.\n", encoding="utf-8")
    assert only_article([str(plain)]).title == ""
    article = only_article([str(notes)])
    assert article.title == "Pier repairs"
    assert article.text.startswith("# Pier repairs\n\n")


def test_file_without_suffix_is_text(tmp_path: Path) -> None:
    path = tmp_path / "NOTE"
    path.write_text("Short wire item: the strike ended, union leaders said.", encoding="utf-8")
    assert only_article([str(path)]).source_kind == "txt"


def test_cp1252_file_falls_back_and_undecodable_is_e006(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Café owner: \u201cWe are closing,\u201d she said.\r\n".encode("cp1252"))
    article = only_article([str(legacy)])
    assert article.text == "Café owner: \u201cWe are closing,\u201d she said.\n"
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"Bad bytes \x81\x8d\x8f\x90 in a file that is neither UTF-8 nor cp1252.")
    failure = only_failure([str(broken)])
    assert failure.code == "E006"
    assert failure.source == str(broken)


def test_binary_files_are_e004(tmp_path: Path) -> None:
    nul = tmp_path / "image.txt"
    nul.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    controls = tmp_path / "controls.txt"
    controls.write_bytes(bytes(range(1, 9)) * 20 + b"some text")
    assert codes(read_all([str(nul), str(controls)])) == ["E004", "E004"]


def test_empty_and_blank_files_are_e003(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\t\n", encoding="utf-8")
    items = read_all([str(tmp_path / "empty.txt"), str(tmp_path / "blank.txt")])
    assert codes(items) == ["E003", "E003"]


def test_size_limits_e005_and_e021(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("The minister said the plan was fair. " * 10, encoding="utf-8")
    too_big = only_failure([str(path)], Options(max_document_bytes=100))
    assert too_big.code == "E005"
    assert "100" in too_big.reason
    assert only_failure([str(path)], Options(max_document_chars=50)).code == "E021"
    assert isinstance(only_article([str(path)], Options(max_document_bytes=1000)), Article)


def test_missing_unreadable_and_unsupported(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    sheet = tmp_path / "table.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    items = read_all([missing, str(sheet)])
    assert [(i.source, c) for i, c in zip(items, codes(items), strict=True)] == [
        (missing, "E001"),
        (str(sheet), "E012"),
    ]


def test_directory_given_to_read_path_is_e002(tmp_path: Path) -> None:
    (item,) = list(read_path(str(tmp_path)))
    assert isinstance(item, Failure)
    assert item.code == "E002"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_e002(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Officials declined to comment.", encoding="utf-8")
    path.chmod(0)
    try:
        assert only_failure([str(path)]).code == "E002"
    finally:
        path.chmod(0o644)


def test_stdin_is_plain_text() -> None:
    stream = io.StringIO('Flood warning\n\n"Stay home," police said.\n')
    (article,) = list(read_articles(["-"], Options(), stdin=stream))
    assert isinstance(article, Article)
    assert article.source == "-"
    assert article.source_kind == "stdin"
    assert article.title == "Flood warning"
    assert article.text == 'Flood warning\n\n"Stay home," police said.\n'


def test_same_text_same_id() -> None:
    base = article_id("The Mayor said: “No.”")
    assert base == article_id("  the  mayor\nsaid:  “NO.”\n")
    assert article_id("Cafe\u0301 opens") == article_id("Caf\u00e9 opens")
    assert base != article_id("The Mayor said: “Yes.”")
    assert len(base) == 16
    assert int(base, 16) >= 0


def test_same_file_twice_gives_same_id(tmp_path: Path) -> None:
    one = tmp_path / "a.txt"
    two = tmp_path / "b.txt"
    one.write_text("Strike ends\n\nWorkers return on Monday.", encoding="utf-8")
    two.write_text("Strike  ends\n\nWorkers   return on Monday.\n", encoding="utf-8")
    first, second = read_all([str(one), str(two)])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == second.id


# --- HTML -------------------------------------------------------------------------------------------


def test_html_page_text_and_metadata() -> None:
    source = str(FIXTURES / "harbor.html")
    article = only_article([source])
    assert article.source == source
    assert article.source_kind == "html"
    assert article.title == "Harbor plan splits council"
    assert article.outlet == "Lakeside Ledger"
    assert article.published == "2024-03-14"
    assert article.url == "https://ledger.example/2024/03/harbor-plan"
    assert article.text.startswith("Harbor plan splits council\n\nThe city council voted 5-4")
    assert article.text.count("Harbor plan splits council") == 1
    assert '"This will bring the ferries back within two years," said Mayor Dana Ortiz' in article.text
    assert "Home" not in article.text and "All rights reserved" not in article.text


def test_html_without_text_is_e010(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><div></div></body></html>", encoding="utf-8")
    assert only_failure([str(path)]).code == "E010"


# --- JSONL ------------------------------------------------------------------------------------------


def test_jsonl_bad_lines_fail_alone(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps(
            {
                "text": '"Prices will fall," the minister said.',
                "title": "Prices",
                "url": "https://a.example/1",
                "published": "2024-01-09T10:00:00Z",
                "outlet": "Daily Tide",
            }
        ),
        '{"text": "unterminated',
        "",
        json.dumps({"text": 42}),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Plain body, no title.", "published": "Wed, 10 Jan 2024 08:00:00 GMT"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all([str(path)])
    assert [(i.source, c) for i, c in zip(items, codes(items), strict=True)] == [
        (f"{path}#L1", "ok"),
        (f"{path}#L2", "E007"),
        (f"{path}#L4", "E007"),
        (f"{path}#L5", "E007"),
        (f"{path}#L6", "ok"),
    ]
    first, last = items[0], items[-1]
    assert isinstance(first, Article) and isinstance(last, Article)
    assert first.text == 'Prices\n\n"Prices will fall," the minister said.'
    assert (first.title, first.url, first.outlet, first.published) == (
        "Prices",
        "https://a.example/1",
        "Daily Tide",
        "2024-01-09",
    )
    assert first.source_kind == "jsonl"
    assert last.text == "Plain body, no title."
    assert last.published == "2024-01-10"
    assert isinstance(items[2], Failure)
    assert "line 4" in items[2].reason


def test_jsonl_oversized_line_is_skipped_alone(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(
        json.dumps({"text": "x " * 200}) + "\n" + json.dumps({"text": "Short item, an aide said."}) + "\n",
        encoding="utf-8",
    )
    items = read_all([str(path)], Options(max_document_bytes=100))
    assert codes(items) == ["E005", "ok"]
    assert items[1].source == f"{path}#L2"


def test_reading_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "lazy.jsonl"
    path.write_text(json.dumps({"text": "First item, the agency said."}) + "\n", encoding="utf-8")
    items = read_articles([str(path)])
    with path.open("a", encoding="utf-8") as handle:  # written after the call: only iteration reads
        handle.write(json.dumps({"text": "Second item, the agency added."}) + "\n")
    assert len(list(items)) == 2


# --- feeds ------------------------------------------------------------------------------------------


def test_rss_feed_items() -> None:
    path = str(FIXTURES / "courier.rss")
    first, second = read_all([path])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.source, second.source) == (f"{path}#1", f"{path}#2")
    assert first.text == (
        'Bridge closure extended\n\n"Repairs will take another month," said engineer Lia Moss.'
        "\n\nCommuters were not pleased."
    )
    assert first.url == "https://courier.example/news/bridge"
    assert first.outlet == "Valley Courier"
    assert first.published == "2024-03-04"
    assert first.source_kind == "feed"
    assert second.published == "2024-03-05"
    assert second.title == "School budget approved"


def test_atom_feed_items() -> None:
    first, second = read_all([str(FIXTURES / "wire.atom")])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == (
        "Mill to close in June\n\nThe owners said the mill had lost money for three years."
        '\n\n"We were never told," a union steward said.'
    )
    assert (first.outlet, first.published, first.url) == (
        "North Wire",
        "2024-04-01",
        "https://wire.example/mill",
    )
    assert second.text == "Ferry fares rise\n\nFares will rise by ten percent, the operator announced."
    assert second.published == "2024-04-02"


def test_feed_sniffed_without_suffix_and_bad_feeds(tmp_path: Path) -> None:
    sniffed = tmp_path / "feed"
    sniffed.write_bytes((FIXTURES / "courier.rss").read_bytes())
    assert [getattr(i, "source_kind", "") for i in read_all([str(sniffed)])] == ["feed", "feed"]
    empty = tmp_path / "empty.rss"
    empty.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>')
    garbage = tmp_path / "garbage.xml"
    garbage.write_text("this is not xml at all <<<", encoding="utf-8")
    assert codes(read_all([str(empty), str(garbage)])) == ["E008", "E008"]


# --- WARC -------------------------------------------------------------------------------------------


def _response(
    writer: WARCWriter, uri: str, body: str, status: str = "200 OK", ctype: str = "text/html"
) -> None:
    payload = body.encode("utf-8")
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(payload),
        length=len(payload),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": "2024-06-01T12:00:00Z"},
    )
    writer.write_record(record)


def _write_warc(path: Path, gzip: bool) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        _response(writer, "https://quay.example/works", QUAY_PAGE)
        _response(writer, "https://quay.example/logo.png", "not html", ctype="image/png")
        _response(writer, "https://quay.example/gone", MARKET_PAGE, status="404 Not Found")
        _response(writer, "https://market.example/sundays", MARKET_PAGE)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path, gzip=name.endswith(".gz"))
    items = read_all([str(path)])
    assert all(isinstance(i, Article) for i in items), items
    quay, market = items
    assert isinstance(quay, Article) and isinstance(market, Article)
    assert quay.source == f"{path}#0"
    assert market.source.startswith(f"{path}#") and int(market.source.rsplit("#", 1)[1]) > 0
    assert quay.url == "https://quay.example/works"
    assert market.url == "https://market.example/sundays"
    assert quay.published == "2024-05-06"  # from the page
    assert market.published == "2024-06-01"  # from WARC-Date
    assert quay.text.startswith("Quay works start\n\nWork on the old quay began")
    assert '"We have waited long enough," said harbormaster Ines Vale' in quay.text
    assert quay.source_kind == "warc"


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
def test_truncated_warc_yields_records_before_damage_then_e009(tmp_path: Path, name: str) -> None:
    whole = tmp_path / f"whole-{name}"
    _write_warc(whole, gzip=name.endswith(".gz"))
    data = whole.read_bytes()
    cut = tmp_path / name
    cut.write_bytes(data[: len(data) - 60])
    items = read_all([str(cut)])
    assert codes(items) == ["ok", "E009"]
    first = items[0]
    assert isinstance(first, Article)
    assert first.url == "https://quay.example/works"
    assert items[1].source == str(cut)


def test_not_a_warc_is_e009(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("hello, this is not an archive\n", encoding="utf-8")
    assert only_failure([str(path)]).code == "E009"
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    assert only_failure([str(empty)]).code == "E003"


# --- paths ------------------------------------------------------------------------------------------


def _tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text("A story.", encoding="utf-8")
    (root / "b" / "c.txt").write_text("C story.", encoding="utf-8")
    (root / "b" / "d.jsonl").write_text('{"text": "D story."}\n', encoding="utf-8")
    (root / "b" / "e.pdf").write_bytes(b"%PDF-1.4")
    (root / ".secret.txt").write_text("hidden", encoding="utf-8")
    (root / ".hidden" / "f.txt").write_text("hidden", encoding="utf-8")


def test_folder_recursion_sorted_and_hidden_skipped(tmp_path: Path) -> None:
    root = tmp_path / "news"
    _tree(root)
    folder = str(root) + "/"
    assert list(expand_inputs([folder])) == [
        os.path.join(folder, "a.txt"),
        os.path.join(folder, "b", "c.txt"),
        os.path.join(folder, "b", "d.jsonl"),
    ]
    sources = [i.source for i in read_all([folder])]
    assert sources == [
        os.path.join(folder, "a.txt"),
        os.path.join(folder, "b", "c.txt"),
        f"{folder}b/d.jsonl#L1",
    ]


def test_glob_patterns(tmp_path: Path) -> None:
    root = tmp_path / "news"
    _tree(root)
    pattern = str(root / "**" / "*.txt")
    assert list(expand_inputs([pattern])) == [str(root / "a.txt"), str(root / "b" / "c.txt")]
    nothing = str(root / "*.html")
    assert list(expand_inputs([nothing])) == [nothing]
    assert only_failure([nothing]).code == "E001"


def test_duplicates_once_and_batch_continues(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The port reopened, officials said.", encoding="utf-8")
    items = read_all([str(tmp_path / "missing.txt"), str(good), str(good), str(tmp_path / "x.bin")])
    assert codes(items) == ["E001", "ok", "E001"]


def test_nothing_found_is_e011(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    failure = only_failure([str(tmp_path / "empty")])
    assert failure.code == "E011"
    assert list(expand_inputs(str(tmp_path / "empty"))) == []

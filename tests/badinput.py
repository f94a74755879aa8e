"""A deterministic generator of malformed inputs for the ingest and analyze stages.

``generate(folder, seed)`` writes well over 1,000 files (empty, blank, binary, NUL bytes, wrong and mixed
encodings, huge single lines, hostile HTML, damaged gzip and WARC, broken JSON Lines, broken feeds,
unbalanced quotes, right-to-left and combining text, emoji, very long quotes, tiny files, odd names)
and returns one ``BadInput`` per file with its category. Every byte is generated here; nothing is
copied from elsewhere. ``GOOD_ARTICLES`` are five short articles written for these tests.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

BIG_LINE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class BadInput:
    """One generated file: where it is, what kind of damage it carries, and how large it is."""

    path: Path
    category: str
    size: int


GOOD_ARTICLES: tuple[tuple[str, str], ...] = (
    (
        "good-bridge.txt",
        "Bridge repairs to start in spring\n\n"
        '"The old crossing cannot carry another winter of lorries," transport minister Halvard Nyqvist '
        "said on Tuesday.\n\n"
        'Opposition leader Marit Esker said the plan came far too late. "We warned them two years ago '
        'and nothing happened," she told reporters.\n',
    ),
    (
        "good-harbour.txt",
        "Harbour strike ends after talks\n\n"
        "Dock workers returned to the cranes on Friday after a week-long stoppage. "
        '"We got most of what we asked for," union steward Tomas Randel said outside the gates.\n\n'
        "The port authority said the new shifts would begin next month.\n",
    ),
    (
        "good-school.txt",
        "Village school stays open\n\n"
        "The regional council voted to keep the village school open for three more years. "
        '"Children should not ride a bus for an hour each morning," councillor Ane Brekke said.\n\n'
        "According to the education office, the school has forty-one pupils.\n",
    ),
    (
        "good-water.txt",
        "Water prices to rise\n\n"
        '"Prices will rise by four percent from January," the utility\'s director, Johan Lidal, said '
        "on Monday. He said the money would pay for new pipes under the town centre.\n",
    ),
    (
        "good-forest.txt",
        "Forest fire contained\n\n"
        "Firefighters contained the blaze near the northern ridge late on Sunday. "
        '"The wind turned in our favour just before midnight," fire chief Sigrid Moen told the '
        "local radio station. No homes were lost, the county said.\n",
    ),
)


# --- building blocks ---------------------------------------------------------------------------------

WORDS = (
    "the minister said council harbour vote bridge police report strike talks spokesman denied claims "
    "army ceasefire election budget court ruling protest mayor agreed warned would could never always"
).split()
QUOTES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "\u201a",
          "\u2039", "\u203a", "\u300c", "\u300d", "`", "``", "''", "\u2033", "\uff02"]  # fmt: skip
RTL = ["\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u202e", "\u202b", "\u200f", "\u2067",
       "\u2069", "\u061c", "\u0627\u0644\u0648\u0632\u064a\u0631 \u0642\u0627\u0644"]  # fmt: skip
COMBINING = [chr(c) for c in range(0x0300, 0x036F)] + ["\u20dd", "\u0489", "\u1ab0", "\ufe20"]
EMOJI = ["\U0001f600", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f1fa\U0001f1e6",
         "\U0001f44d\U0001f3fd", "\u2764\ufe0f", "\U0001f3f3\ufe0f\u200d\U0001f308", "\U0001faf6",
         "\U0001f9d1\u200d\U0001f680", "#\ufe0f\u20e3"]  # fmt: skip
ODD_SPACES = [" ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u2028", "\u2029", "\u3000", "\u200b", "\ufeff",
              "\x0b", "\x0c", "\u2003", "\u180e"]  # fmt: skip


def sentence(rng: random.Random, words: int = 8) -> str:
    body = " ".join(rng.choice(WORDS) for _ in range(words))
    return body[0].upper() + body[1:] + "."


def quoted_article(rng: random.Random, sentences: int = 4) -> str:
    parts = []
    for _ in range(sentences):
        q = rng.choice(QUOTES)
        parts.append(f"{q}{sentence(rng)}{rng.choice(QUOTES)} {rng.choice(['he', 'she', 'Ola Berg'])} said.")
    return "Headline\n\n" + " ".join(parts) + "\n"


def html_page(body: str, title: str = "A page") -> str:
    head = f"<!DOCTYPE html><html><head><title>{title}</title></head>"
    return f"{head}<body><article>{body}</article></body></html>"


def rss(items: str, extra: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{extra}<rss version="2.0"><channel><title>Wire</title>'
        f"{items}</channel></rss>"
    )


def rss_item(title: str, description: str) -> str:
    return f"<item><title>{title}</title><description>{description}</description></item>"


def atom(entries: str) -> str:
    return (
        f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>{entries}</feed>'
    )


def warc_bytes(pages: list[str], gz: bool, rng: random.Random) -> bytes:
    """A WARC archive (gzipped per record when ``gz``) with one HTML response per page, built by hand."""
    out = []
    for i, page in enumerate(pages):
        ctype = rng.choice(["text/html", "text/html; charset=utf-8"])
        block = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n\r\n".encode() + page.encode("utf-8")
        head = (
            "WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Target-URI: http://example.test/{i}\r\nWARC-Date: 2024-03-0{i % 9 + 1}T10:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{i:012d}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
        ).encode()
        record = head + block + b"\r\n\r\n"
        out.append(gzip.compress(record, mtime=0) if gz else record)
    return b"".join(out)


# --- categories: each yields (relative name, bytes) ---------------------------------------------------

Gen = Iterator[tuple[str, bytes]]
SUFFIXES = [".txt", ".md", ".html", ".htm", ".jsonl", ".xml", ".rss", ".atom", ".warc", ".warc.gz", ""]


def gen_empty(rng: random.Random) -> Gen:
    for i, suffix in enumerate([*SUFFIXES, ".ndjson", ".xhtml", ".arc", ".arc.gz"]):
        yield f"empty/e{i}{suffix}", b""


def gen_whitespace(rng: random.Random) -> Gen:
    for i in range(40):
        text = "".join(rng.choice(ODD_SPACES) for _ in range(rng.randint(1, 200)))
        yield f"blank/w{i}{rng.choice(SUFFIXES)}", text.encode("utf-8")


def gen_binary(rng: random.Random) -> Gen:
    magic = [b"", b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n", b"PK\x03\x04", b"\x1f\x8b\x08\x00", b"\x7fELF",
             b"<html>", b"<?xml", b"<rss>", b"WARC/1.0\r\n", b"{\"text\": \""]  # fmt: skip
    for i in range(80):
        junk = rng.choice(magic) + rng.randbytes(rng.choice([1, 7, 100, 3000, 70000]))
        yield f"binary/b{i}{rng.choice(SUFFIXES)}", junk


def gen_nul(rng: random.Random) -> Gen:
    for i in range(50):
        base = quoted_article(rng)
        cut = rng.randrange(len(base))
        nul = "\x00" * rng.choice([1, 3, 100])
        text = base[:cut] + nul + base[cut:]
        kind = i % 5
        if kind == 0:
            yield f"nul/n{i}.txt", text.encode("utf-8")
        elif kind == 1:
            yield f"nul/n{i}.html", html_page(f"<p>{text}</p>").encode("utf-8")
        elif kind == 2:
            yield f"nul/n{i}.jsonl", (json.dumps({"text": text}) + "\n").encode("utf-8")
        elif kind == 3:
            yield f"nul/n{i}.rss", rss(rss_item("T", text)).encode("utf-8")
        else:
            yield f"nul/n{i}.txt", (base + "\x00" * 9000 + base).encode("utf-8")  # NUL after the 8 KB sniff


INVALID_UTF8 = [b"\x80", b"\xbf", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
                b"\xfe", b"\xff", b"\xc3", b"\xe2\x82", b"\xf0\x9f\x98", b"\x81\x8d\x8f\x90\x9d"]  # fmt: skip


def gen_encodings(rng: random.Random) -> Gen:
    specials = (
        "Caf\u00e9 \u00fcber na\u00efve \u2018quoted\u2019 \u201cdouble\u201d \u20ac5 \u2014 r\u00e9sum\u00e9"
    )
    codecs = ["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig", "cp1251",
              "mac-roman", "shift_jis", "koi8-r"]  # fmt: skip
    i = 0
    for codec in codecs:
        for wrap in ("txt", "html", "jsonl", "rss"):
            for _ in range(3):
                body = f"{quoted_article(rng)} {specials}"
                if wrap == "html":
                    body = html_page(f"<p>{body}</p>")
                elif wrap == "jsonl":
                    body = json.dumps({"text": body}, ensure_ascii=False) + "\n"
                elif wrap == "rss":
                    body = rss(rss_item("Title", body))
                data = body.encode(codec, errors="replace")
                suffix = {"txt": ".txt", "html": ".html", "jsonl": ".jsonl", "rss": ".xml"}[wrap]
                yield f"enc/{codec}-{i}{suffix}", data
                i += 1
    for j in range(60):  # invalid UTF-8 sequences inside otherwise valid text
        raw = quoted_article(rng).encode("utf-8")
        for _ in range(rng.randint(1, 4)):
            cut = rng.randrange(len(raw))
            raw = raw[:cut] + rng.choice(INVALID_UTF8) + raw[cut:]
        suffix = rng.choice([".txt", ".html", ".jsonl", ".xml", ".md"])
        if suffix == ".jsonl":
            raw = b'{"text": "' + raw.replace(b'"', b"'").replace(b"\n", b" ") + b'"}\n'
        yield f"enc/invalid-{j}{suffix}", raw
    for j in range(20):  # mixed: a UTF-8 part, then a latin-1 part, then a UTF-16 part
        parts = [quoted_article(rng).encode("utf-8"), specials.encode("latin-1", errors="replace")]
        if j % 2:
            parts.append(specials.encode("utf-16"))
        yield f"enc/mixed-{j}.txt", b"\n".join(parts)
    for j in range(10):  # lone surrogates, written as JSON escapes (valid JSON, invalid Unicode)
        text = f"He said \\ud800 \\udfff and \\u201c{sentence(rng)}\\u201d \\ud83d, the aide said."
        yield f"enc/surrogate-{j}.jsonl", f'{{"text": "{text}", "title": "T\\udc80"}}\n'.encode()


def gen_huge(rng: random.Random) -> Gen:
    line = ("word " * (BIG_LINE_BYTES // 5 + 1))[:BIG_LINE_BYTES]
    yield "huge/ten-mb-single-line.txt", line.encode("ascii")
    yield "huge/ten-mb-line.jsonl", (json.dumps({"text": line[: BIG_LINE_BYTES - 20]}) + "\n").encode("ascii")
    yield "huge/just-under-limit.txt", ('"' + "a " * 499_000 + '" he said.').encode("ascii")


def gen_html(rng: random.Random) -> Gen:
    for i in range(30):
        depth = rng.choice([50, 500, 3000, 20000])
        tag = rng.choice(["div", "span", "b", "table", "ul", "blockquote", "p"])
        close = f"</{tag}>" * depth if i % 2 else ""  # half of them never close
        body = f"<{tag}>" * depth + f"<p>{quoted_article(rng)}</p>" + close
        yield f"html/nested-{i}.html", html_page(body).encode("utf-8")
    for i in range(30):
        snippets = ["<p", "<div class=\"a", "<!--", "<script>", "<![CDATA[", "</html>", "<title>",
                    "<a href='", "&#xD800;", "&#0;", "&#x110000;", "&bogus;", "<svg><foreignObject>",
                    "<math><mi>", "<table><tr><td>", "<iframe srcdoc=\"<p>", "\x0c",
                    "<p>\u202e</p>"]  # fmt: skip
        body = "".join(rng.choice(snippets) + sentence(rng) for _ in range(rng.randint(1, 30)))
        head = rng.choice(["<!DOCTYPE html><html><body>", "<html>", "", "<!doctype html>"])
        yield f"html/broken-{i}.html", (head + body).encode("utf-8")
    for i in range(10):  # markup only, no text
        yield f"html/notext-{i}.htm", html_page("<div><img src=x></div>" * rng.randint(1, 50)).encode()


def truncations(data: bytes, rng: random.Random, count: int) -> list[bytes]:
    cuts = sorted({rng.randrange(1, max(2, len(data))) for _ in range(count)})
    return [data[:cut] for cut in cuts]


def gen_archives(rng: random.Random) -> Gen:
    pages = [html_page(f"<p>{quoted_article(rng)}</p><p>{sentence(rng, 30)}</p>") for _ in range(3)]
    for gz in (False, True):
        whole = warc_bytes(pages, gz, rng)
        suffix = ".warc.gz" if gz else ".warc"
        for j, cut in enumerate(truncations(whole, rng, 40)):
            yield f"warc/cut-{j}{suffix}", cut
        for j in range(10):  # flipped bytes in the middle
            damaged = bytearray(whole)
            for _ in range(rng.randint(1, 20)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            yield f"warc/flipped-{j}{suffix}", bytes(damaged)
    plain = warc_bytes(pages[:1], False, rng)
    yield "warc/wrong-length.warc", plain.replace(b"Content-Length: ", b"Content-Length: 9", 1)
    yield "warc/short-length.warc", plain.replace(b"Content-Length: ", b"Content-Length: 1", 1)
    yield "warc/no-html.warc", b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n"
    yield "warc/text-as-warc.warc", quoted_article(rng).encode()
    yield "warc/text-as-warc.warc.gz", quoted_article(rng).encode()
    yield "warc/gzip-of-text.warc.gz", gzip.compress(quoted_article(rng).encode())
    text_gz = gzip.compress((quoted_article(rng) * 20).encode())
    for j, cut in enumerate(truncations(text_gz, rng, 10)):  # truncated gzip streams
        yield f"gzip/cut-{j}.warc.gz", cut
    for j in range(5):
        yield f"gzip/not-gzip-{j}.arc.gz", rng.randbytes(500)


def gen_jsonl(rng: random.Random) -> Gen:
    bad_lines = [
        "{", "}", "[]", "null", "42", '"text"', '{"text": 5}', '{"text": null}', '{"text": ["a"]}',
        '{"text": {"a": 1}}', '{"title": "no text"}', '{"text": "ok", "title": 7}',
        '{"text": "ok", "url": []}',
        '{"text": "ok", "published": 2024}', '{"text": "ok", "published": "not a date"}',
        '{"text": "ok", "published": "2024-13-45"}', '{"text": "ok", "published": "9999999-01-01"}',
        '{"text": "unterminated}', "{'text': 'single quotes'}", '{"text": NaN}', '{"text": "a",}',
        '{"text": "\\x41"}', '{"text": "a"} trailing', '{"text": ""}', '{"text": "   \\n\\t "}',
        '{"text": "a", "text": 5}', "\ufeff{\"text\": \"BOM line with enough words to count\"}",
        "[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000, "1" * 5000,
        '{"text": "' + "\\u0000" * 10 + '"}', '{"text": "\\ud800 lone surrogate"}', '{"published": {}}',
    ]  # fmt: skip
    good_line = json.dumps({"text": quoted_article(rng), "title": "Ok line", "outlet": "Wire"})
    for i in range(120):
        lines = [rng.choice(bad_lines) for _ in range(rng.randint(1, 6))]
        if i % 3 == 0:
            lines.insert(rng.randrange(len(lines) + 1), good_line.replace("Ok line", f"Ok line {i}"))
        ending = rng.choice(["\n", "\r\n", "", "\n\n"])
        yield f"jsonl/j{i}.jsonl", (ending or "\n").join(lines).encode("utf-8") + ending.encode()
    yield "jsonl/only-blank-lines.jsonl", b"\n\n   \n\t\n"
    yield "jsonl/truncated.jsonl", (good_line + "\n" + good_line[: len(good_line) // 2]).encode()


def gen_feeds(rng: random.Random) -> Gen:
    variants: list[Callable[[], str]] = [
        lambda: rss(""),
        lambda: atom(""),
        lambda: rss(rss_item("T", quoted_article(rng)))[: rng.randrange(20, 200)],
        lambda: rss(rss_item("T", "")),
        lambda: rss(rss_item("", "")),
        lambda: rss("<item></item>" * rng.randint(1, 5)),
        lambda: rss(rss_item("<b>unclosed", "<p>" + quoted_article(rng))),
        lambda: rss(rss_item("T", "&lt;p&gt;" + quoted_article(rng) + "&lt;div&gt;" * 300)),
        lambda: rss(rss_item("T", quoted_article(rng)).replace("</item>", "")),
        lambda: rss(rss_item("T", "&undefined; &#xD800; &#0; " + sentence(rng))),
        lambda: rss(rss_item("T", "<![CDATA[" + quoted_article(rng) + "]]>")),
        lambda: rss(rss_item("T", "<![CDATA[" + quoted_article(rng))),
        lambda: atom(
            "<entry><title>T</title><content type='xhtml'><div>" + sentence(rng) + "</content></entry>"
        ),
        lambda: atom("<entry><title>T</title><updated>yesterday</updated><summary>x</summary></entry>"),
        lambda: rss(rss_item("T", sentence(rng)).replace("<item>", "<item><pubDate>32 Foo 99999</pubDate>")),
        lambda: rss(
            rss_item("T", "&lol3;"),
            extra='<!DOCTYPE r [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
            '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>',
        ),
        lambda: rss(rss_item("T", "&xxe;"), extra='<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
        lambda: "<rss><channel>" + "<item>" * 500,
        lambda: "<feed>" + "<entry><title>x" * 200,
        lambda: "<rdf:RDF>" + sentence(rng),
    ]
    for i in range(90):
        make = variants[i % len(variants)]
        suffix = rng.choice([".xml", ".rss", ".atom"])
        yield f"feeds/f{i}{suffix}", make().encode("utf-8")


def gen_quotes(rng: random.Random) -> Gen:
    for i in range(80):
        pieces = []
        for _ in range(rng.randint(1, 40)):
            pieces.append(rng.choice([rng.choice(QUOTES), rng.choice(WORDS), " ", ", ", ".", "\n", "\n\n",
                                      " said ", " he said. ", " according to ", ": "]))  # fmt: skip
        yield f"quotes/q{i}.txt", ("Title\n\n" + "".join(pieces)).encode("utf-8")


def gen_scripts(rng: random.Random) -> Gen:
    for i in range(60):
        parts = []
        for _ in range(rng.randint(3, 40)):
            pick = rng.random()
            if pick < 0.3:
                parts.append(rng.choice(RTL))
            elif pick < 0.5:
                parts.append(
                    rng.choice(WORDS) + "".join(rng.choice(COMBINING) for _ in range(rng.randint(1, 30)))
                )
            elif pick < 0.6:
                parts.append(rng.choice(QUOTES))
            else:
                parts.append(rng.choice(WORDS))
        text = " ".join(parts)
        yield f"scripts/rtl-combining-{i}{rng.choice(['.txt', '.md'])}", f'"{text}," he said.\n'.encode()
    for i in range(40):
        parts = [rng.choice(EMOJI + WORDS + QUOTES) for _ in range(rng.randint(3, 60))]
        yield f"scripts/emoji-{i}.txt", ("Emoji " + rng.choice(EMOJI) + "\n\n" + " ".join(parts)).encode()


def gen_long_quotes(rng: random.Random) -> Gen:
    for i in range(20):
        words = rng.choice([2_000, 8_000, 30_000])
        inner = " ".join(rng.choice(WORDS) for _ in range(words))
        close = "" if i % 4 == 0 else "\u201d"
        yield f"longquote/l{i}.txt", f"Long\n\n\u201c{inner}{close} minister Ola Berg said.\n".encode()


def gen_tiny(rng: random.Random) -> Gen:
    alphabet = ['"', "a", " ", "\n", ".", "\u201c", "\u00e9", "\U0001f600", "<", "{", "\x00", "\xff"]
    for i in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        yield f"tiny/t{i:03d}{rng.choice(SUFFIXES)}", text.encode("utf-8", errors="surrogatepass")


def gen_odd_names(rng: random.Random) -> Gen:
    body = quoted_article(rng).encode()
    names = ["with space.txt", "  leading spaces.txt", "trailing space .txt", "-starts-with-dash.txt",
             "--db.txt", "caf\u00e9 \u00fcber.txt", "\u65b0\u95fb.txt", "\u05d7\u05d3\u05e9\u05d5\u05ea.txt",
             "\U0001f4f0 news.txt", "e\u0301-decomposed.txt", "UPPER.TXT", "Page.HTML", "double.txt.txt",
             "semi;colon.txt", "quote\"mark.txt", "apos'trophe.txt", "back\\slash.txt", "star*.txt",
             "question?.txt", "[brackets].txt", "dollar$HOME.txt", "percent%20.txt", "new\nline.txt",
             "tab\there.txt", "a" * 200 + ".txt", "x.txt.gz", "noext", "dots...txt", "\u202eevil.txt",
             "zero\u200bwidth.txt", ".hidden.txt", "#hash#.txt", "~tilde.txt", "a.b.c.jsonl"]  # fmt: skip
    for i, name in enumerate(names):
        yield f"names/{name}", body.replace(b"Headline", f"Headline {i}".encode())
    yield "names/\u00e9t\u00e9 folder/inside.txt", body + b" folder"
    yield "names/deep/" + "/".join(f"d{k}" for k in range(30)) + "/deep.txt", body + b" deep"


def gen_misc(rng: random.Random) -> Gen:
    for i in range(40):
        base = quoted_article(rng)
        variants = [
            base.replace("\n", "\r"),
            base.replace(" ", "\u2028"),
            base.replace("\n", "\u2029"),
            "\ufeff" + base + "\ufeff" + base,
            "".join(chr(rng.randrange(1, 32)) if rng.random() < 0.05 else c for c in base),
            base + "\x1b[31mred\x1b[0m",
            "\n" * 5000 + base,
            ".\n" * 3000,
            "\u201c" * 3000,
            base.replace(" ", "\u00ad"),
        ]
        yield f"misc/m{i}.txt", variants[i % len(variants)].encode("utf-8")


CATEGORIES: dict[str, Callable[[random.Random], Gen]] = {
    "empty": gen_empty,
    "whitespace": gen_whitespace,
    "binary": gen_binary,
    "nul": gen_nul,
    "encoding": gen_encodings,
    "huge": gen_huge,
    "html": gen_html,
    "archive": gen_archives,
    "jsonl": gen_jsonl,
    "feed": gen_feeds,
    "quotes": gen_quotes,
    "scripts": gen_scripts,
    "long_quote": gen_long_quotes,
    "tiny": gen_tiny,
    "odd_name": gen_odd_names,
    "misc": gen_misc,
}


def generate(folder: Path, seed: int = 0, *, skip: frozenset[str] = frozenset()) -> list[BadInput]:
    """Write every category's files under ``folder`` (each category in its own sub-folder) and list them.

    Deterministic for a given ``seed``. ``skip`` leaves categories out (e.g. {"huge"} to save time).
    A file name that the file system refuses is replaced by a plain one.
    """
    made: list[BadInput] = []
    for category, gen in CATEGORIES.items():
        if category in skip:
            continue
        rng = random.Random(f"{seed}-{category}")
        for rel, data in gen(rng):
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                path.write_bytes(data)
            except OSError:
                path = path.with_name(f"renamed-{len(made)}{''.join(Path(rel).suffixes[-1:])}")
                path.write_bytes(data)
            made.append(BadInput(path, category, len(data)))
    raw_name = os.path.join(os.fsencode(folder / "names"), b"latin1-\xe9t\xe9.txt")
    try:  # a name that is not valid UTF-8: Python sees it with surrogate escapes
        with open(raw_name, "wb") as handle:
            handle.write(b'Raw name\n\n"We will meet again," the envoy said on Monday.\n')
        made.append(BadInput(Path(os.fsdecode(raw_name)), "odd_name", 0))
    except OSError:
        pass
    return made


# --- well-formed articles for the crash-safety and concurrency tests -----------------------------------

_FIRST = ["Ola", "Marit", "Tomas", "Ines", "Halvard", "Sigrid", "Johan", "Ane", "Per", "Liv", "Arne", "Kari"]
_LAST = ["Berg", "Esker", "Randel", "Vale", "Nyqvist", "Moen", "Lidal", "Brekke", "Dahl", "Holm", "Strand"]
_ROLES = [
    "Israeli Defense Minister",
    "White House spokesman",
    "Hamas official",
    "Egyptian Foreign Minister",
    "Qatari mediator",
    "Israeli military spokesman",
    "U.S. envoy",
    "Palestinian Authority official",
]
_CLAIMS = [
    ("the operation in the south is limited and will end within days", "the operation will continue "
     "until every goal is met"),
    ("the ceasefire talks are close to a deal", "there is no deal and the talks have stalled"),
    ("the crossing will open for aid trucks on Monday", "the crossing will stay closed to all trucks"),
    ("civilians were warned before the strike", "no warning was given before the strike"),
    ("the hostages are alive and well", "some of the hostages have died in captivity"),
]  # fmt: skip
_PLACES = ["Rafah", "Khan Younis", "the northern border", "the coastal road", "the old market", "the port"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def news_articles(count: int, seed: int = 0) -> list[tuple[str, str]]:
    """``count`` short, unique news articles (file name, text) with quotes, speakers and opposing claims,
    written from templates for these tests."""
    rng = random.Random(f"news-{seed}")
    out: list[tuple[str, str]] = []
    for i in range(count):
        claim, counter = rng.choice(_CLAIMS)
        a = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        b = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        role_a, role_b = rng.sample(_ROLES, 2)
        place, day = rng.choice(_PLACES), rng.choice(_DAYS)
        lines = [
            f"Report {i}: sides disagree over {place}",
            "",
            f'"{claim[0].upper()}{claim[1:]}," {role_a} {a} said on {day}, speaking near {place}.',
            f"{role_b} {b} told reporters that {counter}.",
            f'"We will not accept this, and we said so {i} times," {b.split()[1]} added.',
        ]
        if i % 3 == 0:
            lines.append(f"According to {role_a} {a}, the figures for item {i} were checked twice.")
        out.append((f"news-{i:04d}.txt", "\n".join(lines) + "\n"))
    return out


if __name__ == "__main__":  # python tests/badinput.py OUT_FOLDER [SEED]
    import sys

    target = Path(sys.argv[1])
    result = generate(target, int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    print(f"{len(result)} files under {target}")

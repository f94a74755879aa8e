"""Hostile strings for the web and export tests, and hand-made corpora (our fictional Varland/Kestria story).

Every script payload tries to set ``window.__xss`` or open a dialog; the browser tests assert that none
ever does. The rest attack FTS5 syntax, SQL, CSV/Markdown consumers, Jinja and URL handling.
"""

from __future__ import annotations

from pathlib import Path

from atodds.records import (
    Actor,
    Article,
    ArticleAnalysis,
    Frame,
    Relation,
    Result,
    Span,
    Speaker,
    Statement,
    StatementKind,
    Topic,
)
from atodds.store import Store

SCRIPT_PAYLOADS: list[str] = [
    "<script>window.__xss=1</script>",
    "<script>alert(1)</script>",
    '"><script>window.__xss=1</script>',
    "'><script>window.__xss=1</script>",
    "</title><script>window.__xss=1</script>",
    "</textarea><script>window.__xss=1</script>",
    "</style><script>window.__xss=1</script>",
    "<img src=x onerror=window.__xss=1>",
    '"><img src=x onerror="window.__xss=1">',
    "'><img src=x onerror='window.__xss=1'>",
    "<svg onload=window.__xss=1>",
    "<svg><script>window.__xss=1</script></svg>",
    "<body onload=window.__xss=1>",
    "<iframe srcdoc='<script>parent.__xss=1</script>'></iframe>",
    "<iframe src=javascript:parent.__xss=1></iframe>",
    "<a href=javascript:window.__xss=1>click</a>",
    "javascript:window.__xss=1",
    "JaVaScRiPt:window.__xss=1",
    " javascript:window.__xss=1",
    "data:text/html,<script>window.__xss=1</script>",
    "vbscript:msgbox(1)",
    "<details open ontoggle=window.__xss=1>",
    "<input autofocus onfocus=window.__xss=1>",
    "<video><source onerror=window.__xss=1></video>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "<object data=javascript:window.__xss=1></object>",
    "<embed src=javascript:window.__xss=1>",
    "<meta http-equiv=refresh content='0;url=javascript:window.__xss=1'>",
    "<base href=javascript:window.__xss=1//>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<form action=javascript:window.__xss=1><button>go</button></form>",
    "<div style=background:url(javascript:window.__xss=1)>x</div>",
    '" style="background:url(javascript:window.__xss=1)" x="',
    "<!--<script>window.__xss=1</script>-->",
    "<![CDATA[<script>window.__xss=1</script>]]>",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E",
    "\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e",
    "<noscript><p title='</noscript><img src=x onerror=window.__xss=1>'>",
    "<template><script>window.__xss=1</script></template>",
    "<marquee onstart=window.__xss=1>",
    'https://example.org/"><script>window.__xss=1</script>',
    "https://example.org/?q=<img src=x onerror=window.__xss=1>",
    "<x onclick=window.__xss=1>click me</x>",
    "<select autofocus onfocus=window.__xss=1>",
    "<keygen autofocus onfocus=window.__xss=1>",
    "<textarea autofocus onfocus=window.__xss=1>",
]

OTHER_PAYLOADS: list[str] = [
    '"',
    "'",
    '""',
    "*",
    "NEAR(",
    "NEAR(a b, 2)",
    "body: gates",
    "kind:statement OR 1",
    "gates OR dam AND NOT maintenance",
    "^gates",
    "(((",
    "a\x00b",
    "'; DROP TABLE statements; --",
    '" OR 1=1 --',
    "1; SELECT * FROM articles",
    "{{ 7*7 }}",
    "{% raw %}{{ config }}{% endraw %}",
    "${7*7}",
    '=HYPERLINK("https://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "[link](javascript:window.__xss=1)",
    "| a | b |\n|---|---|",
    "line\nbreak\r\ncarriage",
    "\u202egnp.exe",
    "\ufeffzero\u200bwidth",
    "🚰 Wasser über Talvik",
    "../../../../etc/passwd",
    "x" * 300,
]

PAYLOADS: list[str] = SCRIPT_PAYLOADS + OTHER_PAYLOADS


def span(text: str, needle: str) -> Span:
    """The span of the first occurrence of ``needle`` in ``text``."""
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


GAZETTE = (
    "Varland and Kestria give conflicting accounts of Orlen dam closure\n\n"
    "Varland and Kestria offered conflicting accounts on Monday of why the sluice gates of the Orlen dam "
    "were closed.\n\n"
    '"This was a political decision to turn off the water of two million people," Foreign Minister Elena '
    "Marsh told reporters in Talvik.\n\n"
    'Kestrian government spokesman Tomas Brek denied it. "The gates were closed for routine maintenance '
    'that was announced weeks ago," he said.\n'
)
TIMES = (
    "Engineers to inspect Orlen dam\n\n"
    "United Nations envoy Amara Osei said both governments had agreed to an inspection. "
    '"An inspection is the fastest way to settle the facts," Osei said.\n\n'
    "Brek said the water would flow normally again by Thursday.\n"
)
MARSH_Q = "This was a political decision to turn off the water of two million people"
BREK_Q = "The gates were closed for routine maintenance that was announced weeks ago"
OSEI_Q = "An inspection is the fastest way to settle the facts"
BREK_R = "the water would flow normally again by Thursday"


def bare_statement(
    sid: str,
    article: str,
    text: str,
    name: str,
    side: str = "",
    resolution: str = "named",
    kind: str = "direct",
) -> Statement:
    """A statement whose content is the whole of ``text`` (no article text needed), for merge tests."""
    speaker = Speaker(None, name, "", side, resolution)  # type: ignore[arg-type]
    return Statement(sid, article, Span(0, len(text), text), None, speaker, kind)  # type: ignore[arg-type]


def _st(
    sid: str, art: Article, quote: str, name: str, role: str, side: str, kind: StatementKind
) -> Statement:
    mention = span(art.text, name.split()[-1])
    speaker = Speaker(mention, name, role=role, side=side, resolution="named")
    return Statement(sid, art.id, span(art.text, quote), None, speaker, kind)


def example_corpus() -> tuple[list[ArticleAnalysis], Result]:
    """Two articles on the Orlen dam: Varland vs Kestria contradict, the UN envoy wants an inspection."""
    gazette = Article(
        "art-gazette", "gazette.txt", GAZETTE, GAZETTE.split("\n")[0],
        "https://example.org/gazette/orlen", "Harbour Gazette", "2026-05-11",
    )  # fmt: skip
    times = Article(
        "art-times", "times.txt", TIMES, "Engineers to inspect Orlen dam", "", "River Times", "2026-05-12"
    )
    marsh = _st("st-marsh", gazette, MARSH_Q, "Elena Marsh", "Foreign Minister", "Varland", "direct")
    brek = _st("st-brek", gazette, BREK_Q, "Tomas Brek", "government spokesman", "Kestria", "direct")
    osei = _st("st-osei", times, OSEI_Q, "Amara Osei", "United Nations envoy", "United Nations", "direct")
    brek2 = _st("st-brek-2", times, BREK_R, "Tomas Brek", "", "Kestria", "indirect")
    framing = span(GAZETTE, "Varland and Kestria offered conflicting accounts")
    analyses = [
        ArticleAnalysis(gazette, (marsh, brek), (Frame(gazette.id, framing, ("Varland", "Kestria")),)),
        ArticleAnalysis(times, (osei, brek2)),
    ]
    evidence = ("antonymous predicates: political vs routine", "article framing: conflicting accounts")
    result = Result(
        articles=[gazette, times],
        statements=[marsh, brek, osei, brek2],
        actors=[
            Actor(
                "actor-elena-marsh", "Elena Marsh", ("Marsh",), roles=("Foreign Minister",), side="Varland"
            ),
            Actor("actor-tomas-brek", "Tomas Brek", ("Brek",), roles=("spokesman",), side="Kestria"),
            Actor("actor-amara-osei", "Amara Osei", roles=("UN envoy",), side="United Nations"),
        ],
        topics=[
            Topic("t1", "Orlen dam closure", (marsh.id, brek.id, brek2.id)),
            Topic("t2", "inspection", (osei.id,)),
        ],
        relations=[
            Relation(marsh.id, brek.id, "contradict", 0.82, evidence, "lexical"),
            Relation(osei.id, brek2.id, "agree", 0.41, ("same predicate: inspection",), "lexical"),
        ],
    )
    result.statement_actor = {
        marsh.id: "actor-elena-marsh",
        brek.id: "actor-tomas-brek",
        brek2.id: "actor-tomas-brek",
        osei.id: "actor-amara-osei",
    }
    return analyses, result


def hostile_corpus(payloads: list[str]) -> tuple[list[ArticleAnalysis], Result]:
    """One article per payload: the payload as title, URL, outlet, quote, speaker, role, side, topic label,
    relation evidence and actor name; each quote contradicts Marsh-like text in the same article."""
    analyses: list[ArticleAnalysis] = []
    result = Result()
    for i, p in enumerate(payloads):
        text = f'{p}\n\n"{p}" said {p}. "{MARSH_Q}" said Elena Marsh.\n'
        art = Article(f"hostile-{i}", f"hostile-{i}.txt", text, p, p, p, "2026-05-13")
        first = len(p) + 3  # after the title line, the blank line and the opening quote
        quote = Span.of(text, first, first + len(p))
        mention = Span.of(text, first + len(p) + 7, first + 2 * len(p) + 7)
        a = Statement(f"h{i}-a", art.id, quote, None, Speaker(mention, p, p, p, "named"), "direct")
        marsh = Speaker(span(text, "Elena Marsh"), "Elena Marsh", "", "Varland", "named")
        b = Statement(f"h{i}-b", art.id, span(text, MARSH_Q), None, marsh, "direct")
        analyses.append(ArticleAnalysis(art, (a, b), (Frame(art.id, quote, (p,)),)))
        result.articles.append(art)
        result.statements += [a, b]
        result.actors.append(Actor(f"actor-h{i}", p, (p,), "person", (p,), p))
        result.statement_actor[a.id] = f"actor-h{i}"
        result.topics.append(Topic(f"topic-h{i}", p, (a.id, b.id)))
        result.relations.append(Relation(a.id, b.id, "contradict", 0.5, (p,), p))
    return analyses, result


def build_db(path: Path, corpus: tuple[list[ArticleAnalysis], Result]) -> Path:
    """Store a hand-made corpus (articles, then the corpus stages) in a new database at ``path``."""
    analyses, result = corpus
    with Store.open(path) as store:
        for analysis in analyses:
            store.save_article(analysis)
        store.save_corpus(result)
    return path


PORT_POST = 'Mayor Ana Ruiz said on Tuesday: "We will not sell the port to any foreign buyer this decade."\n'
PORT_STAR = 'Mayor Ana Ruiz said yesterday: "We will sell the port to any foreign buyer this decade."\n'


def drift_corpus() -> tuple[list[ArticleAnalysis], Result]:
    """Two dated articles quoting one remark, one of them without its "not": through the real corpus
    stages, so the group, its quote drift and the statement dates are the pipeline's own."""
    from atodds.config import Options
    from atodds.pipeline import corpus_stages

    analyses = []
    for aid, text, outlet in (
        ("port-post", PORT_POST, "Harbour Post"),
        ("port-star", PORT_STAR, "Valley Star"),
    ):
        start, cue = text.index('"') + 1, text.index("said")
        speaker = Speaker(span(text, "Ana Ruiz"), "Ana Ruiz", "mayor", "Ostland", "named")
        content = Span.of(text, start, text.rindex('"'))
        st = Statement(f"{aid}:s0", aid, content, Span.of(text, cue, cue + 4), speaker, "direct")
        article = Article(aid, f"{aid}.txt", text, f"Port sale: {outlet}", "", outlet, "2031-03-13")
        analyses.append(ArticleAnalysis(article, (st,)))
    return analyses, corpus_stages(analyses, Options())

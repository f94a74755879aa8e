"""Across articles: quote drift, statement dates, grouping with embeddings, actor aliases, store round trip
and the report's drift and timeline sections, on text of our own writing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from atodds.compare import get_embedder
from atodds.config import Options
from atodds.errors import AtoddsError
from atodds.merge import AliasTable, date_statements, diff_quotes, group_statements, merge_actors
from atodds.merge.dates import resolve_expression
from atodds.pipeline import corpus_stages
from atodds.records import Article, ArticleAnalysis, Span, Speaker, Statement
from atodds.report import render_html, render_markdown
from atodds.store import Store
from payloads import bare_statement

# -- quote drift -------------------------------------------------------------------------------------


def test_dropped_negation_is_flagged() -> None:
    drift = diff_quotes("a", "We will not close the northern gate.", "b", "We will close the northern gate.")
    assert drift is not None and drift.flags == ("negation",) and not drift.trivial
    assert [(o.op, o.a) for o in drift.ops if o.op != "equal"] == [("delete", "not")]


def test_changed_number_and_modal_and_quantifier_are_flagged() -> None:
    number = diff_quotes(
        "a", "The levy rose by 12 percent last year.", "b", "The levy rose by 21 percent last year."
    )
    assert number is not None and number.flags == ("number",)
    modal = diff_quotes(
        "a", "The ferry may stop running in March.", "b", "The ferry will stop running in March."
    )
    assert modal is not None and modal.flags == ("modal",)
    quantifier = diff_quotes("a", "Some of the wells are dry now.", "b", "All of the wells are dry now.")
    assert quantifier is not None and quantifier.flags == ("quantifier",)
    contraction = diff_quotes(
        "a", "We don't accept these terms at all.", "b", "We do accept these terms at all."
    )
    assert contraction is not None and "negation" in contraction.flags


def test_case_punctuation_and_trimmed_ends_are_trivial() -> None:
    drift = diff_quotes(
        "a",
        "Frankly, the harbour deal is a good deal for the town, and we signed it.",
        "b",
        "the harbour deal is a good deal for the town",
    )
    assert drift is not None and drift.trivial and drift.flags == ()
    same = diff_quotes("a", "The plan WORKS.", "b", "the plan works")
    assert same is not None and same.trivial and all(o.op == "equal" for o in same.ops)


def test_unrelated_quotes_have_no_drift() -> None:
    assert (
        diff_quotes("a", "The bridge opens in June.", "b", "Taxes on fishing boats are far too high.") is None
    )


# -- dates ---------------------------------------------------------------------------------------------

PUBLISHED = "2031-03-13"  # a Thursday


def _dated(text: str, quote: str, published: str | None = PUBLISHED) -> tuple[Article, Statement]:
    article = Article("art", "a.txt", text, published=published)
    start = text.index(quote)
    cue = text.index("said")
    st = Statement(
        "s", "art", Span.of(text, start, start + len(quote)), Span.of(text, cue, cue + 4),
        Speaker(None, "Ana Ruiz", "", "", "named"), "direct",
    )  # fmt: skip
    return article, st


@pytest.mark.parametrize(
    ("text", "expected", "basis"),
    [
        ("Ana Ruiz said the levy would stay.", "2031-03-13", "published"),
        ("Ana Ruiz said on Tuesday the levy would stay.", "2031-03-11", "expression"),
        ("Ana Ruiz said yesterday the levy would stay.", "2031-03-12", "expression"),
        ("Ana Ruiz said last night the levy would stay.", "2031-03-12", "expression"),
        ("On March 2, Ana Ruiz said the levy would stay.", "2031-03-02", "expression"),
        ("Ana Ruiz said on Thursday the levy would stay.", "2031-03-13", "expression"),
    ],
)
def test_statement_dates(text: str, expected: str, basis: str) -> None:
    article, st = _dated(text, "the levy would stay")
    found = date_statements([article], [st])["s"]
    assert (found.date, found.basis) == (expected, basis)


def test_last_week_is_approximate_and_no_date_without_publication() -> None:
    article, st = _dated("Ana Ruiz said last week the levy would stay.", "the levy would stay")
    found = date_statements([article], [st])["s"]
    assert found.approximate and found.date < PUBLISHED and found.expression == "last week"
    article, st = _dated(
        "Ana Ruiz said on Tuesday the levy would stay.", "the levy would stay", published=None
    )
    assert date_statements([article], [st]) == {}


def test_expressions_inside_the_quote_date_nothing() -> None:
    article, st = _dated('"We closed it yesterday," Ana Ruiz said.', "We closed it yesterday,")
    assert date_statements([article], [st])["s"].basis == "published"


def test_weekday_and_relative_resolution() -> None:
    thursday = date(2031, 3, 13)
    assert resolve_expression("Monday", thursday) == date(2031, 3, 10)
    assert resolve_expression("last Thursday", thursday) == date(2031, 3, 6)
    assert resolve_expression("earlier this week", thursday) == date(2031, 3, 10)
    assert resolve_expression("two days ago", thursday) == date(2031, 3, 11)


# -- grouping with embeddings ----------------------------------------------------------------------------


def _vectors(sts: list[Statement]):  # type: ignore[no-untyped-def]
    return get_embedder(Options().embedding_model).encode([s.content.text for s in sts])


def test_quote_and_its_paraphrase_in_two_articles_are_one_group() -> None:
    sts = [
        bare_statement(
            "a", "1", "We will not reopen the Kessel mine until the water is clean.", "Ana Ruiz", "Ostland"
        ),
        bare_statement(
            "b",
            "2",
            "the Kessel mine would stay shut until its water was clean",
            "Ana Ruiz",
            "Ostland",
            kind="indirect",
        ),
        bare_statement(
            "c", "2", "Our fishing fleet deserves a fair share of the quota.", "Ana Ruiz", "Ostland"
        ),
        bare_statement(
            "d", "3", "Schools in the valley will get new roofs this summer.", "Ana Ruiz", "Ostland"
        ),
    ]
    actors, link = merge_actors(sts)
    outlets = {"1": "Harbour Post", "2": "Valley Star", "3": "Valley Star"}
    groups, by = group_statements(sts, link, _vectors(sts), actors, {}, outlets)
    assert by["a"] == by["b"]
    assert len({by["a"], by["c"], by["d"]}) == 3
    shared = next(g for g in groups if g.id == by["a"])
    assert shared.outlets == ("Harbour Post", "Valley Star")


def test_similar_remarks_of_different_people_stay_apart() -> None:
    sts = [
        bare_statement("a", "1", "The Kessel mine must stay shut this year.", "Ana Ruiz", "Ostland"),
        bare_statement("b", "2", "The Kessel mine must stay shut this year.", "Piet Moor", "Westmark"),
    ]
    actors, link = merge_actors(sts)
    _, by = group_statements(sts, link, _vectors(sts), actors)
    assert by["a"] != by["b"]


def test_drift_recorded_for_direct_quotes_of_one_remark() -> None:
    sts = [
        bare_statement(
            "a", "1", "We will not sell the port to any foreign buyer this decade.", "Ana Ruiz", "Ostland"
        ),
        bare_statement(
            "b", "2", "We will sell the port to any foreign buyer this decade.", "Ana Ruiz", "Ostland"
        ),
    ]
    actors, link = merge_actors(sts)
    groups, by = group_statements(sts, link, _vectors(sts), actors)
    group = next(g for g in groups if g.id == by["a"])
    assert by["a"] == by["b"] and group.wording_differs
    assert [d.flags for d in group.drift] == [("negation",)]


def test_remarks_dated_weeks_apart_are_not_one_utterance() -> None:
    text = "The levy will stay where it is."
    sts = [
        bare_statement("a", "1", text, "Ana Ruiz", "Ostland"),
        bare_statement("b", "2", text, "Ana Ruiz", "Ostland"),
    ]
    arts = [Article("1", "1", text, published="2031-01-02"), Article("2", "2", text, published="2031-03-02")]
    actors, link = merge_actors(sts)
    _, by = group_statements(sts, link, _vectors(sts), actors, date_statements(arts, sts))
    assert by["a"] != by["b"]


# -- actors ------------------------------------------------------------------------------------------------


def test_packaged_aliases_merge_an_organization() -> None:
    sts = [
        bare_statement("a", "1", "x", "IDF", "Israel", resolution="organization"),
        bare_statement("b", "2", "y", "the Israeli military", "Israel", resolution="organization"),
        bare_statement("c", "3", "z", "Israel Defense Forces", "", resolution="organization"),
    ]
    actors, link = merge_actors(sts)
    assert len(set(link.values())) == 1
    assert actors[0].name == "Israel Defense Forces" and actors[0].kind == "organization"


def test_user_alias_file_extends_the_list(tmp_path: Path) -> None:
    extra = tmp_path / "aliases.yaml"
    extra.write_text("organizations:\n  Ostland Water Board: [OWB, the water board]\n", encoding="utf-8")
    sts = [
        bare_statement("a", "1", "x", "OWB", "Ostland", resolution="organization"),
        bare_statement("b", "2", "y", "the water board", "Ostland", resolution="nominal"),
    ]
    _, link = merge_actors(sts, AliasTable.load(str(extra)))
    assert link["a"] == link["b"] == "actor-ostland-water-board"
    bad = tmp_path / "bad.yaml"
    bad.write_text("organizations: [just, a, list]\n", encoding="utf-8")
    with pytest.raises(AtoddsError) as exc:
        AliasTable.load(str(bad))
    assert exc.value.code == "E046"


def test_shared_surname_without_evidence_is_not_merged() -> None:
    sts = [
        bare_statement("a", "1", "x", "Lena Holt", "Nordland"),
        bare_statement("b", "2", "y", "Marta Holt", "Nordland"),
        bare_statement("c", "3", "z", "Holt", "Nordland"),
        bare_statement("d", "2", "w", "Holt", "Nordland"),
    ]
    _, link = merge_actors(sts)
    assert len({link["a"], link["b"], link["c"]}) == 3  # "Holt" alone could be either
    assert link["d"] == link["b"]  # in Marta Holt's article, "Holt" is her


def test_a_person_whose_role_changes_stays_one_actor() -> None:
    def said(sid: str, article: str, role: str) -> Statement:
        return Statement(
            sid,
            article,
            Span(0, 1, "x"),
            None,
            Speaker(None, "Lena Holt", role, "Nordland", "named"),
            "direct",
        )

    sts = [said("a", "1", "finance minister"), said("b", "2", "prime minister")]
    actors, link = merge_actors(sts)
    assert link["a"] == link["b"] and actors[0].roles == ("finance minister", "prime minister")


# -- store and report ----------------------------------------------------------------------------------------

TEXT_A = 'Mayor Ana Ruiz said on Tuesday: "We will not sell the port to any foreign buyer this decade."\n'
TEXT_B = 'Mayor Ana Ruiz said yesterday: "We will sell the port to any foreign buyer this decade."\n'


def _analysis(aid: str, text: str, outlet: str) -> ArticleAnalysis:
    start = text.index('"') + 1
    end = text.rindex('"')
    cue = text.index("said")
    st = Statement(
        f"{aid}:s0", aid, Span.of(text, start, end), Span.of(text, cue, cue + 4),
        Speaker(Span.of(text, 6, 14), "Ana Ruiz", "mayor", "Ostland", "named"), "direct",
    )  # fmt: skip
    article = Article(
        aid, f"{aid}.txt", text, title=f"Port <b>{aid}</b>", outlet=outlet, published="2031-03-13"
    )
    return ArticleAnalysis(article, (st,))


@pytest.fixture(scope="module")
def port_result():  # type: ignore[no-untyped-def]
    analyses = [_analysis("art-a", TEXT_A, "Harbour Post"), _analysis("art-b", TEXT_B, "Valley <Star>")]
    return analyses, corpus_stages(analyses, Options())


def test_dates_and_drift_survive_the_store(tmp_path: Path, port_result) -> None:  # type: ignore[no-untyped-def]
    analyses, result = port_result
    assert result.statement_date["art-a:s0"].date == "2031-03-11"
    assert result.statement_date["art-b:s0"].date == "2031-03-12"
    with Store.open(tmp_path / "x.db") as store:
        for analysis in analyses:
            store.save_article(analysis)
        store.save_corpus(result)
        back = store.load_result()
    assert back.statement_date == result.statement_date
    assert back.groups == result.groups and back.groups[0].drift[0].flags == ("negation",)
    data = result.to_dict()
    assert data["statements"][0]["date"] == {
        "value": "2031-03-11", "basis": "expression", "expression": "on Tuesday", "approximate": False,
    }  # fmt: skip
    assert data["groups"][0]["outlets"] == ["Harbour Post", "Valley <Star>"]


def test_report_shows_drift_and_timeline_escaped(port_result) -> None:  # type: ignore[no-untyped-def]
    _, result = port_result
    html = render_html(result)
    assert 'id="groups"' in html and 'id="timeline"' in html
    assert "<del>not</del>" in html and "negation added or dropped" in html
    assert "2031-03-11 (“on Tuesday”)" in html
    assert "Valley &lt;Star&gt;" in html and "Valley <Star>" not in html
    md = render_markdown(result)
    assert "~~not~~" in md and "## Timeline" in md and "meaning changes: negation" in md

"""Merging across articles: actors and statement groups, on hand-built statements."""

from __future__ import annotations

from atodds.merge import group_statements, merge_actors, name_key
from payloads import bare_statement


def test_name_key_folds_case_accents_and_the() -> None:
    assert name_key("The Élysée") == name_key("elysee")


def test_surname_and_full_name_are_one_actor() -> None:
    sts = [
        bare_statement("a", "1", "We will stay.", "Lena Holt", "Nordland"),
        bare_statement("b", "2", "We will go.", "Holt", "Nordland"),
        bare_statement("c", "2", "Later.", "Lena Holt", "", resolution="unknown"),
    ]
    actors, link = merge_actors(sts)
    assert len(actors) == 1 and actors[0].name == "Lena Holt" and actors[0].kind == "person"
    assert link["a"] == link["b"] == link["c"]
    assert actors[0].side == "Nordland"


def test_same_surname_different_sides_stay_apart() -> None:
    sts = [
        bare_statement("a", "1", "x", "Lena Holt", "Nordland"),
        bare_statement("b", "1", "y", "Piet Holt", "Sudmark"),
        bare_statement("c", "2", "z", "Holt", "Sudmark"),
    ]
    actors, link = merge_actors(sts)
    assert len(actors) == 2
    assert link["c"] == link["b"] != link["a"]


def test_fuzzy_name_variant() -> None:
    sts = [
        bare_statement("a", "1", "x", "Volodymyr Zelenskyy", "Ukraine"),
        bare_statement("b", "2", "y", "Volodymyr Zelensky", "Ukraine"),
    ]
    actors, _ = merge_actors(sts)
    assert len(actors) == 1 and actors[0].aliases


def test_organizations_merge_by_folded_name() -> None:
    sts = [
        bare_statement("a", "1", "x", "the Harbour Authority", resolution="organization"),
        bare_statement("b", "2", "y", "Harbour Authority", resolution="organization"),
    ]
    actors, _ = merge_actors(sts)
    assert len(actors) == 1 and actors[0].kind == "organization"


def test_same_quote_in_two_outlets_is_one_group_and_wording_difference_flagged() -> None:
    sts = [
        bare_statement("a", "1", "The bridge will reopen in June, not before.", "Lena Holt", "Nordland"),
        bare_statement("b", "2", "The bridge will reopen in June, and not before.", "Lena Holt", "Nordland"),
        bare_statement("c", "2", "Taxes are too high.", "Lena Holt", "Nordland"),
    ]
    _, link = merge_actors(sts)
    groups, by_statement = group_statements(sts, link)
    assert by_statement["a"] == by_statement["b"] != by_statement["c"]
    shared = next(g for g in groups if g.id == by_statement["a"])
    assert shared.wording_differs
    assert shared.canonical_text.startswith("The bridge will reopen")


def test_same_article_statements_never_grouped() -> None:
    sts = [
        bare_statement("a", "1", "The bridge will reopen in June.", "Lena Holt"),
        bare_statement("b", "1", "The bridge will reopen in June.", "Lena Holt"),
    ]
    _, link = merge_actors(sts)
    _, by_statement = group_statements(sts, link)
    assert by_statement["a"] != by_statement["b"]

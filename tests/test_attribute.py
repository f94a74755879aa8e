"""Speaker resolution and side inference on texts of our own writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from atodds.attribute import attribute
from atodds.attribute.sides import YamlSideKnowledge
from atodds.errors import AtoddsError
from atodds.extract import extract


def _speakers(nlp, knowledge, text):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return [
        (s.speaker.name, s.speaker.role, s.speaker.side, s.speaker.resolution)
        for s in attribute(doc, extract(doc), "a1", knowledge)
    ]


def test_named_with_role_and_side_from_title(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = "French Foreign Minister Claire Dubois said the summit would go ahead."
    assert _speakers(nlp, knowledge, text) == [
        ("Claire Dubois", "French Foreign Minister", "France", "named")
    ]


def test_pronoun_and_surname_resolve_to_full_name(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Pentagon spokeswoman Dana Whitfield said the exercise was planned months ago.\n\n"
        '"Nothing about it is new," she said.\n\n'
        "Whitfield added that allies had been informed."
    )
    names = _speakers(nlp, knowledge, text)
    assert [n[0] for n in names] == ["Dana Whitfield"] * 3
    assert [n[3] for n in names] == ["named", "pronoun", "named"]
    assert {n[2] for n in names} == {"United States"}


def test_title_resolves_to_role_holder(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Health Minister Tomas Kral presented the new figures on Monday.\n\n"
        '"Waiting lists are shorter than a year ago," the minister said.'
    )
    assert _speakers(nlp, knowledge, text)[-1][:1] == ("Tomas Kral",)
    assert _speakers(nlp, knowledge, text)[-1][3] == "title"


def test_organization_and_country_alias(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = "The US said the sanctions would stay in place. The Kremlin said they were illegal."
    found = _speakers(nlp, knowledge, text)
    assert ("United States", "", "United States", "organization") in found
    assert any(s[2] == "Russia" for s in found)


def test_nationality_adjective_gives_side(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = "Israeli officials said the crossing would reopen on Sunday."
    name, _role, side, resolution = _speakers(nlp, knowledge, text)[0]
    assert (name, side, resolution) == ("Israeli officials", "Israel", "nominal")


def test_side_from_relative_clause(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = "Chancellor Mira Vogt, who leads the German delegation, said the deal was close."
    assert _speakers(nlp, knowledge, text)[0][2] == "Germany"


def test_user_knowledge_overlays_packaged(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "sides:\n  Varland:\n    aliases: [Varland]\n    adjectives: [Varlandian]\n"
        "  Israel:\n    institutions: [Example Office]\n",
        encoding="utf-8",
    )
    kb = YamlSideKnowledge.load(extra)
    assert kb.side_of("a Varlandian diplomat") == "Varland"
    assert kb.side_of("the Example Office") == "Israel"
    assert kb.side_of("the Knesset") == "Israel"  # packaged terms stay


def test_invalid_knowledge_file_is_a_coded_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("sides:\n  Varland:\n    nicknames: [V]\n", encoding="utf-8")
    with pytest.raises(AtoddsError) as exc:
        YamlSideKnowledge.load(bad)
    assert exc.value.code == "E043"


def test_sides_in_lists_every_side(knowledge) -> None:  # type: ignore[no-untyped-def]
    assert knowledge.sides_in("Washington and Beijing traded barbs; the White House did not reply.") == (
        "United States",
        "China",
    )


def test_officials_of_a_named_organization_speak_for_it(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = "Northwind Airlines executives said the new route would open in March."
    found = _speakers(nlp, knowledge, text)
    assert found and found[0][2] == "Northwind Airlines" and found[0][3] == "nominal"

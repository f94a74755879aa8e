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


def test_name_the_tagger_runs_into_a_title_keeps_role_and_organization(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Harbour Aquarium welcomed two otter pups on Monday.\n\n"
        '"Both pups are feeding well," said Harbour Aquarium Senior Keeper of Mammals Daniel Moreno.\n\n'
        '"We expect them to go on show in the spring," Moreno said.'
    )
    found = _speakers(nlp, knowledge, text)
    assert [f[0] for f in found] == ["Daniel Moreno", "Daniel Moreno"]
    assert all(f[2] == "Harbour Aquarium" for f in found)


def test_common_noun_officials_of_the_organization_the_article_names(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Harbour Aquarium has closed its north wing.\n\n"
        "The wing needs a new roof, aquarium officials said on Monday.\n\n"
        "Officials also said the work would take six weeks."
    )
    found = _speakers(nlp, knowledge, text)
    assert [(f[0], f[2]) for f in found] == [("Harbour Aquarium officials", "Harbour Aquarium")] * 2


def test_possessive_organization_takes_its_canonical_name(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Beijing's coast guard said the vessels had entered its waters without permission.\n\n"
        "Israel called the strike a mistake, and its army said the blast was caused by a second explosion."
    )
    found = _speakers(nlp, knowledge, text)
    assert ("China Coast Guard", "China") in [(f[0], f[2]) for f in found]
    assert ("Israel Defense Forces", "Israel") in [(f[0], f[2]) for f in found]


def test_short_organization_name_takes_the_full_name_the_article_gives(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Caucus of Independent Members has rejected the budget figures.\n\n"
        "The figures leave out two regions, the Caucus says."
    )
    found = _speakers(nlp, knowledge, text)
    assert found[-1][0] == "Caucus of Independent Members"


def test_inverted_speaker_after_a_quote_that_ends_in_a_name(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"It was a fair verdict for the town and, above all, for Marta," said Jonas Lindqvist, '
        "a county prosecutor."
    )
    assert _speakers(nlp, knowledge, text)[0][0] == "Jonas Lindqvist"


def test_pronoun_skips_names_inside_quotes(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Outside the court, Hanna Berglund, now 31, said she was "relieved" by the ruling.\n\n'
        '"I believe Peter Olsen knew what he was doing," she said.'
    )
    assert [f[0] for f in _speakers(nlp, knowledge, text)] == ["Hanna Berglund", "Hanna Berglund"]


def test_country_abbreviation_in_a_headline_is_not_a_pronoun(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = "US warns Ruritania: the border deal could collapse\n\nThe talks resume on Friday."
    found = _speakers(nlp, knowledge, text)
    assert found and found[0][2] == "United States"


def test_protesters_speak_for_themselves(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = "Protesters said the police had used too much force at the rally."
    assert _speakers(nlp, knowledge, text)[0][2] == "protesters"


def test_one_of_a_group_speaks_for_the_group(nlp, knowledge) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Protesters said the police had used too much force at the rally. "
        "One man said the officers had not warned the crowd, and another said the gates were locked."
    )
    sides = [f[2] for f in _speakers(nlp, knowledge, text)]
    assert sides and all(side == "protesters" for side in sides)

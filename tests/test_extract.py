"""Statement extraction on texts of our own writing."""

from __future__ import annotations

import pytest

from atodds.extract import extract
from atodds.extract.quotes import find_quotes


def _contents(nlp, text):  # type: ignore[no-untyped-def]
    return [
        (a.kind, a.content.text, a.cue.text if a.cue else None, a.mention.text if a.mention else None)
        for a in extract(nlp(text))
    ]


def test_quotes_straight_curly_and_mismatched() -> None:
    text = 'He said "alpha beta," then “gamma delta” and "epsilon zeta.”'
    spans = [text[q.start : q.end] for q in find_quotes(text)]
    assert spans == ["alpha beta,", "gamma delta", "epsilon zeta."]


def test_single_curly_quotes_not_apostrophes() -> None:
    text = "Ministry says ‘the bridge will reopen soon’ despite the union’s doubts"
    spans = [text[q.start : q.end] for q in find_quotes(text)]
    assert spans == ["the bridge will reopen soon"]


def test_quote_never_crosses_paragraph() -> None:
    text = "“First part runs on\n“Second paragraph quote.”"
    spans = [(text[q.start : q.end], q.closed) for q in find_quotes(text)]
    assert spans == [("First part runs on", False), ("Second paragraph quote.", True)]


def test_direct_quote_after_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'Mayor Lena Holt said: "The bridge will reopen in June."'
    found = _contents(nlp, text)
    assert ("direct", "The bridge will reopen in June.", "said", "Mayor Lena Holt") in found


def test_direct_quote_before_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“We have no plans to sell the port,” the company's chief executive, Ana Ruiz, said on Friday."
    found = _contents(nlp, text)
    assert len(found) == 1
    kind, content, cue, mention = found[0]
    assert (kind, content, cue) == ("direct", "We have no plans to sell the port,", "said")
    assert mention is not None and "Ana Ruiz" in mention


def test_split_quote_is_one_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"The talks are over," Holt said, "and we will not return to the table."'
    found = _contents(nlp, text)
    assert len(found) == 1
    assert found[0][1].startswith("The talks are over")
    assert found[0][1].endswith("we will not return to the table.")


def test_reported_speech_with_that(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The union said that the strike would continue until wages rose."
    assert _contents(nlp, text) == [
        ("indirect", "the strike would continue until wages rose", "said", "The union")
    ]


def test_mixed_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'The minister told parliament the plan was "dead on arrival."'
    kind, content, cue, mention = _contents(nlp, text)[0]
    assert kind == "mixed"
    assert content.startswith("the plan was") and content.endswith('arrival."')
    assert (cue, mention) == ("told", "The minister")


def test_according_to(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The factory will close in March, according to two senior managers."
    kind, content, cue, mention = _contents(nlp, text)[0]
    assert (kind, content, cue) == ("indirect", "The factory will close in March", "according to")
    assert mention == "two senior managers"


def test_headline_statement_and_paragraph_break(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Harbour authority says port will reopen\n\nShips waited outside the port on Monday."
    found = _contents(nlp, text)
    assert found == [("indirect", "port will reopen", "says", "Harbour authority")]


def test_quote_running_into_next_paragraph_is_one_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"We are ready to talk," Holt said.\n\n"But we will not accept a deal that costs jobs in the valley."'
    )
    atts = extract(nlp(text))
    assert len(atts) == 1
    assert atts[0].content.text.startswith("We are ready") and atts[0].content.text.endswith("valley.")


def test_quote_paragraph_after_reported_speech_continues_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Holt said that the talks would go on.\n\n"We will not accept a deal that costs jobs in the valley."'
    )
    atts = extract(nlp(text))
    assert len(atts) == 2
    assert atts[1].continues_previous and atts[1].mention is None


def test_scare_quotes_are_not_statements(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'The so-called "reform" was passed on Tuesday.'
    assert _contents(nlp, text) == []


def test_nested_source(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"We have been told by our partners in Oslo that the deal is off," the envoy said.'
    atts = extract(nlp(text))
    assert atts[0].nested_source == "our partners in Oslo"


@pytest.mark.parametrize("verb", ["warned", "insisted", "claimed", "denied"])
def test_speech_verb_lexicon(nlp, verb: str) -> None:  # type: ignore[no-untyped-def]
    text = f"The governor {verb} that the budget was balanced."
    found = _contents(nlp, text)
    assert found and found[0][2] == verb


def test_offsets_are_exact(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Intro line\n\n“Café prices – up 5% – will fall,” the baker said.\n"
    for att in extract(nlp(text)):
        assert text[att.content.start : att.content.end] == att.content.text
        assert att.cue is None or text[att.cue.start : att.cue.end] == att.cue.text


def test_content_stops_before_the_conjunction_of_the_next_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("One man said the officers had not warned the crowd, and another said the gates were locked.")
    contents = [a.content.text for a in extract(doc)]
    assert contents == ["the officers had not warned the crowd", "the gates were locked"]


def _triples(nlp, text):  # type: ignore[no-untyped-def]
    return [(a.content.text, a.mention.text if a.mention else None) for a in extract(nlp(text))]


def test_inverted_reporting_clause_parsed_as_a_conjunct(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The new levy was designed to drive small traders out of the market, "
        "Finance Minister Ruth Okafor claimed Monday, hours before the vote."
    )
    assert (
        "The new levy was designed to drive small traders out of the market",
        "Finance Minister Ruth Okafor",
    ) in _triples(nlp, text)


def test_parenthetical_reporting_clause_keeps_the_whole_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'The closures, the union said, have "put hundreds of families at risk" and must end.'
    found = _triples(nlp, text)
    assert found and found[0][1] == "the union" and found[0][0].startswith("The closures")


def test_call_with_a_quoted_description_is_a_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _triples(nlp, 'The council has called the new tower "a blight on the skyline".')
    assert found == [('the new tower "a blight on the skyline"', "The council")]


def test_participle_after_a_comma_starts_a_new_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The mayor has said that the bridge will reopen in May, stressing the need to repair "
        "the eastern ramp first."
    )
    contents = [c for c, _ in _triples(nlp, text)]
    assert "the bridge will reopen in May" in contents
    assert "the need to repair the eastern ramp first" in contents


def test_quotes_signed_after_a_dash(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Readers wrote to us about the harbour bridge.\n\n"
        "“The bridge should have been fixed years ago, and everyone knew it.” ― Marta Lindqvist "
        "“Nobody on the council listened to us at all.” — Tomas Ek\n\n"
        "“Tolls are too high for families.” -- Ana de la Cruz\n\n"
        "“Stop the works now,” she said — and the crowd cheered.\n"
    )
    found = [(a.content.text, a.mention.text if a.mention else None) for a in extract(nlp(text))]
    assert ("The bridge should have been fixed years ago, and everyone knew it.", "Marta Lindqvist") in found
    assert ("Nobody on the council listened to us at all.", "Tomas Ek") in found
    assert ("Tolls are too high for families.", "Ana de la Cruz") in found
    assert ("Stop the works now,", "she") in found  # a dash after the attribution signs nothing


def test_transcript_speaker_labels(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A partial transcript of the interview follows.\n\n"
        '"HOST: Will the mayor attend the hearing tomorrow?\n\n'
        '"OKAFOR: The mayor will not be attending, and she has said so twice.\n'
    )
    found = [(a.content.text, a.mention.text if a.mention else None, a.kind) for a in extract(nlp(text))]
    assert ("Will the mayor attend the hearing tomorrow?", "HOST", "direct") in found
    assert ("The mayor will not be attending, and she has said so twice.", "OKAFOR", "direct") in found


def test_split_quote_around_a_long_attribution_is_one_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Councillor Dana Pryce spoke after the vote. “The levy is unfair to every trader on this street,” "
        "Pryce said at the council hearing on Tuesday night. “It will close small shops within a year.”"
    )
    found = _triples(nlp, text)
    assert len(found) == 1, found
    content, mention = found[0]
    assert content.startswith("The levy is unfair") and content.endswith("within a year.")
    assert mention == "Pryce"


def test_closing_mark_typed_at_a_paragraph_start_opens_a_quote() -> None:
    text = "Readers wrote in.\n”The ferry is always late.” ― Ines Berg\nThe “late” ferry runs at nine.”\n"
    quotes = [text[q.start : q.end] for q in find_quotes(text)]
    assert quotes[0] == "The ferry is always late."
    assert "late" in quotes  # mid-paragraph marks keep their usual reading


def test_split_quote_whose_second_half_the_parse_gives_to_the_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "In a column last month, Mira Holt described the change. "
        '"Rents in the old town have tripled since the harbour reopened," she wrote, '
        '"and the majority of these tenants work in seasonal jobs without contracts."\n'
    )
    found = _triples(nlp, text)
    assert len(found) == 1, found
    assert found[0][0].startswith("Rents in the old town") and found[0][0].endswith("without contracts.")
    assert found[0][1] == "she"

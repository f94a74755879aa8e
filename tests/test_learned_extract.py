"""The learned attribution classifier: shipped model, candidates on invented sentences, training."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from atodds.extract.learned import LearnedModel, jaccard, learned_candidates, load_model, merge_learned
from atodds.extract.reported import Candidate


def _text(doc: Any, span: tuple[int, int] | None) -> str:
    assert span is not None
    return str(doc.text[span[0] : span[1]])


def test_model_file_loads_and_is_small() -> None:
    path = resources.files("atodds.data").joinpath("extract_model.json")
    assert len(path.read_bytes()) < 2_000_000
    model = load_model()
    assert len(model.weights) > 100
    assert 0.0 < model.threshold < 1.0
    assert model.score(["lemma=want", "kind=xcomp"]) > model.score(["lemma=eat", "kind=obj"])


def test_intention_outside_lexicon_gives_candidate(nlp: Any) -> None:
    doc = nlp("The senator wants to cut the fuel tax before the election.")
    cands = learned_candidates(doc)
    assert len(cands) == 1
    assert _text(doc, cands[0].content).startswith("to cut the fuel tax")
    assert _text(doc, cands[0].mention) == "The senator"
    assert _text(doc, cands[0].cue) == "wants"


def test_belief_clause_gives_candidate(nlp: Any) -> None:
    doc = nlp("Most farmers know the new subsidy will never reach them.")  # "know": not in the lexicon
    cands = learned_candidates(doc)
    assert [_text(doc, c.content) for c in cands] == ["the new subsidy will never reach them"]


def test_narrative_sentence_gives_none(nlp: Any) -> None:
    doc = nlp("The bus left the station at noon and reached the coast two hours later.")
    assert learned_candidates(doc) == []


def test_rule_candidates_win() -> None:
    rule = Candidate((10, 40), (0, 4), (0, 3), 1, "clause")
    same = Candidate((12, 40), (5, 9), (0, 3), 2, "learned")
    inside = Candidate((30, 40), (20, 25), (12, 15), 5, "learned")
    apart = Candidate((60, 90), (50, 55), (45, 49), 9, "learned")
    assert merge_learned([rule], [same, inside, apart]) == [apart]
    assert jaccard((0, 10), (5, 15)) == pytest.approx(5 / 15)


def _write_corpus(root: Path) -> None:
    """A tiny brat corpus: intentions and beliefs attributed to invented people."""
    sentences = [
        ("Mayor Lina Ortez", "wants", "to rebuild the old harbor bridge"),
        ("The union", "believes", "the factory will reopen in spring"),
        ("Councillor Dale Brint", "hopes", "to win the district again"),
        ("The farmers", "fear", "the river will flood their fields"),
    ]
    for n in range(6):
        text, ann, t = "", [], 0
        for k, (src, cue, content) in enumerate(sentences):
            src_i = len(text)
            text += f"{src} "
            cue_i = len(text)
            text += f"{cue} "
            con_i = len(text)
            text += f"{content}. The weather was mild on day {n + k}.\n"
            for label, start, piece in (
                ("Source", src_i, src),
                ("Cue", cue_i, cue),
                ("Content", con_i, content),
            ):
                t += 1
                ann.append(f"T{t}\t{label} {start} {start + len(piece)}\t{piece}")
            ann.append(f"E{k + 1}\tAttribution:T{t - 1} Content:T{t} Cue:T{t - 1} Source:T{t - 2}")
        (root / "train" / "text").mkdir(parents=True, exist_ok=True)
        (root / "train" / "attributions").mkdir(parents=True, exist_ok=True)
        (root / "train" / "text" / f"art{n}.txt").write_text(text, encoding="utf-8")
        (root / "train" / "attributions" / f"art{n}_ab12.ann").write_text(
            "\n".join(ann) + "\n", encoding="utf-8"
        )


def test_training_end_to_end(tmp_path: Path, nlp: Any) -> None:
    from atodds.train.extract import load_split, main

    _write_corpus(tmp_path)
    articles = load_split(tmp_path / "train")
    assert len(articles) == 6 and len(articles[0][2]) == 4
    out = tmp_path / "model.json"
    assert main(["--data", str(tmp_path), "--out", str(out), "--seed", "3"]) == 0
    model = LearnedModel.from_json(json.loads(out.read_text(encoding="utf-8")))
    assert model.meta["articles"] == 6 and model.meta["positives"] > 0
    doc = nlp("Mayor Lina Ortez wants to rebuild the old harbor bridge.")
    probs = [c.content for c in learned_candidates(doc, model=model)]
    assert any(_text(doc, p).startswith("to rebuild") for p in probs)

"""The trained stance model: weights round-trip, features, context handling, data splits and metrics."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from atodds.compare import PairContext, get_model
from atodds.compare.stance_features import SCALAR_NAMES, featurize
from atodds.compare.trained import StanceWeights, TrainedModel
from atodds.train.stance_data import emergent, perspectrum, unrelated_short
from atodds.train.stance_metrics import expected_calibration_error, f1_by_class, fnc_score


class HashEmbedder:
    """A deterministic stand-in encoder: bag of hashed words, normalized (no model download)."""

    name = "hash"

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, hash(word.strip(".,")) % 384] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)


def _tiny_weights(width: int, favour: int) -> StanceWeights:
    w = np.zeros((width, 4), dtype=np.float32)
    b = np.zeros(4, dtype=np.float32)
    b[favour] = 3.0
    labels = ("agree", "contradict", "discuss", "unrelated")
    zeros, ones = np.zeros(width, np.float32), np.ones(width, np.float32)
    return StanceWeights(zeros, ones, ((w, b),), 1.0, labels, "hash")


def test_features_have_one_row_per_pair_and_read_long_texts_by_sentence() -> None:
    body = " ".join(f"Sentence number {i} talks about the harbour budget." for i in range(40))
    pairs = [("The harbour budget was cut.", "The harbour budget was not cut."), ("A short claim.", body)]
    x, readable = featurize(pairs, HashEmbedder())
    assert x.shape == (2, 2 * 384 + len(SCALAR_NAMES))
    assert np.isfinite(x).all()
    assert readable[0].negation_mismatch and not readable[1].negation_mismatch
    b_is_long = SCALAR_NAMES.index("b_is_long") + 2 * 384
    assert x[0, b_is_long] == 0.0 and x[1, b_is_long] == 1.0


def test_weights_round_trip_and_reorder_labels(tmp_path: Path) -> None:
    weights = _tiny_weights(2 * 384 + len(SCALAR_NAMES), favour=1)  # "contradict" in the file's order
    path = tmp_path / "model.npz"
    weights.save(path)
    loaded = StanceWeights.load(path)
    assert loaded.labels == weights.labels and loaded.embedder == "hash"
    model = TrainedModel(HashEmbedder(), loaded)
    probs = model.raw_probabilities([("The port opened.", "The port stayed shut.")])
    assert probs.shape == (1, 4) and probs[0].sum() == pytest.approx(1.0)
    assert probs[0].argmax() == 0  # LABELS order: contradict first


def test_context_floor_and_framing_move_the_probabilities() -> None:
    model = TrainedModel(HashEmbedder(), _tiny_weights(2 * 384 + len(SCALAR_NAMES), favour=3))
    pair = [("The ferry will run.", "Nobody knows about the ferry.")]
    plain = model.predict(pair)[0]
    assert plain.label() == "unrelated"
    floored = model.predict(pair, [PairContext(related=0.85)])[0]
    assert floored.unrelated == pytest.approx(0.15)
    assert sum(floored.probabilities().values()) == pytest.approx(1.0)
    framed = model.predict(pair, [PairContext(conflict_frames=("The two accounts conflict.",))])[0]
    assert framed.contradict > plain.contradict
    assert any("article framing" in e for e in framed.evidence)
    assert framed.evidence[0].startswith("model (trained):")


def test_packaged_model_reads_negation_and_unrelated_pairs() -> None:
    model = get_model("trained")
    scores = model.predict(
        [
            ("The council approved the new bridge.", "The council did not approve the new bridge."),
            ("The council approved the new bridge.", "A striker scored twice in the cup final."),
        ]
    )
    assert scores[0].label() == "contradict"
    assert scores[1].label() == "unrelated"


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_emergent_is_split_by_claim_never_by_row(tmp_path: Path) -> None:
    rows = [
        {
            "id": str(i),
            "claimHeadline": f"Claim {i // 3}",
            "articleHeadline": f"Headline {i}",
            "articleHeadlineStance": ("for", "against", "observing")[i % 3],
            "articleId": str(i),
            "claimId": f"claim-{i // 3}",
        }
        for i in range(90)
    ]
    _write_csv(tmp_path / "emergent" / "emergent_train.csv", rows)
    train, dev = emergent(tmp_path)
    assert len(train) + len(dev) == 90 and dev and train
    assert not {p.group for p in train} & {p.group for p in dev}
    assert {p.label for p in train} == {"agree", "contradict", "discuss"}


def test_perspectrum_uses_its_split_file(tmp_path: Path) -> None:
    folder = tmp_path / "perspectrum"
    folder.mkdir()
    pool = [
        {"pId": 1, "text": "Fees keep the parks clean"},
        {"pId": 2, "text": "Fees keep poor families out"},
    ]
    claims = [
        {
            "cId": 7,
            "text": "Parks should charge entry fees",
            "perspectives": [
                {"pids": [1], "stance_label_3": "SUPPORT"},
                {"pids": [2], "stance_label_3": "UNDERMINE"},
            ],
        },
        {"cId": 8, "text": "Other claim", "perspectives": [{"pids": [1], "stance_label_3": "SUPPORT"}]},
    ]
    (folder / "perspective_pool_v1.0.json").write_text(json.dumps(pool))
    (folder / "perspectrum_train_dev.json").write_text(json.dumps(claims))
    (folder / "dataset_split_v1.0.json").write_text(json.dumps({"7": "train", "8": "dev"}))
    train, dev = perspectrum(tmp_path)
    assert [(p.b, p.label) for p in train] == [
        ("Fees keep the parks clean", "agree"),
        ("Fees keep poor families out", "contradict"),
    ]
    assert [p.group for p in dev] == ["8"]
    shuffled = unrelated_short(train + dev, 1.0, seed=3)
    assert shuffled and all(p.label == "unrelated" for p in shuffled)


def test_metrics_on_hand_made_labels() -> None:
    gold = ["unrelated", "agree", "contradict", "discuss"]
    assert fnc_score(gold, gold) == pytest.approx(1.0)
    # right related/unrelated call but wrong stance on the three related ones: 4 x 0.25 of 0.25 + 3
    assert fnc_score(gold, ["unrelated", "discuss", "agree", "agree"]) == pytest.approx(1.0 / 3.25)
    f1 = f1_by_class(gold, ["unrelated", "agree", "agree", "discuss"], ["agree", "contradict"])
    assert f1 == {"agree": pytest.approx(2 / 3), "contradict": 0.0}
    probs = np.array([[0.9, 0.1], [0.9, 0.1], [0.6, 0.4], [0.6, 0.4]])
    calib = expected_calibration_error(probs, np.array([0, 0, 0, 1]))
    assert calib["ece"] == pytest.approx(0.5 * 0.1 + 0.5 * 0.1)


def test_memo_embedder_embeds_each_text_once_and_stays_bounded() -> None:
    from atodds.compare.trained import MemoEmbedder

    calls: list[int] = []

    class Counting(HashEmbedder):
        def encode(self, texts: list[str]) -> np.ndarray:
            calls.append(len(texts))
            return super().encode(texts)

    memo = MemoEmbedder(Counting(), size=3)
    first = memo.encode(["a b", "c d"])
    again = memo.encode(["c d", "a b"])
    assert calls == [2] and np.allclose(first[::-1], again)
    memo.encode(["e f", "g h", "a b"])  # over the bound: cleared, all three embedded afresh
    assert calls == [2, 3] and len(memo.memo) == 3

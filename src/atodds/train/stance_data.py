"""The stance training and dev pairs, read from ``../shared/data/benchmarks`` (``atodds train compare``).

Every dataset maps to atodds's four labels (contradict / agree / discuss / unrelated):

- FNC-1 headline vs body: disagree -> contradict; bodies listed in ``hold_out_ids.txt`` are dev;
- SICK: CONTRADICTION / ENTAILMENT / NEUTRAL; TRAIN rows train, TRIAL rows are dev;
- Emergent claim vs headline: against / for / observing; claims split 4:1 by a hash of the claim id;
- PERSPECTRUM claim vs perspective: undermine / support; the dataset's own train / dev split;
- short unrelated pairs: a claim (or sentence) paired with a text of another claim, so that the model
  also sees unrelated pairs of short statements, which FNC-1 has only for headline vs body.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

csv.field_size_limit(10_000_000)


@dataclass(frozen=True)
class StancePair:
    """One labelled pair: ``dataset`` names where it came from, ``group`` what it must not be split by."""

    a: str
    b: str
    label: str
    dataset: str
    group: str


FNC_LABELS = {"disagree": "contradict", "agree": "agree", "discuss": "discuss", "unrelated": "unrelated"}
SICK_LABELS = {"CONTRADICTION": "contradict", "ENTAILMENT": "agree", "NEUTRAL": "discuss"}
EMERGENT_LABELS = {"against": "contradict", "for": "agree", "observing": "discuss"}
PERSPECTRUM_LABELS = {"UNDERMINE": "contradict", "SUPPORT": "agree"}
DEV_EVERY = 5  # Emergent: one claim in five (by hash) is dev


def _rows(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter=delimiter)


def fnc1(root: Path) -> tuple[list[StancePair], list[StancePair]]:
    """(train, dev) from FNC-1; dev = the bodies in ``hold_out_ids.txt``."""
    folder = root / "fnc1"
    bodies = {r["Body ID"]: r["articleBody"] for r in _rows(folder / "train_bodies.csv")}
    held = set((folder / "hold_out_ids.txt").read_text(encoding="utf-8").split())
    train: list[StancePair] = []
    dev: list[StancePair] = []
    for row in _rows(folder / "train_stances.reconstructed.csv"):
        body_id = row["Body ID"]
        pair = StancePair(row["Headline"], bodies[body_id], FNC_LABELS[row["Stance"]], "fnc1", body_id)
        (dev if body_id in held else train).append(pair)
    return train, dev


def sick(root: Path) -> tuple[list[StancePair], list[StancePair]]:
    """(train, dev) from SICK: TRAIN and TRIAL rows."""
    train: list[StancePair] = []
    dev: list[StancePair] = []
    for row in _rows(root / "sick" / "SICK_train_trial.txt", delimiter="\t"):
        label = SICK_LABELS.get(row["entailment_label"])
        if label is None:
            continue
        pair = StancePair(row["sentence_A"], row["sentence_B"], label, "sick", row["pair_ID"])
        if row["SemEval_set"] == "TRAIN":
            train.append(pair)
        elif row["SemEval_set"] == "TRIAL":
            dev.append(pair)
    return train, dev


def _is_dev(key: str) -> bool:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % DEV_EVERY == 0


def emergent(root: Path) -> tuple[list[StancePair], list[StancePair]]:
    """(train, dev) from Emergent's train claims, split by claim."""
    train: list[StancePair] = []
    dev: list[StancePair] = []
    for row in _rows(root / "emergent" / "emergent_train.csv"):
        label = EMERGENT_LABELS[row["articleHeadlineStance"]]
        pair = StancePair(row["claimHeadline"], row["articleHeadline"], label, "emergent", row["claimId"])
        (dev if _is_dev(row["claimId"]) else train).append(pair)
    return train, dev


def perspectrum(root: Path) -> tuple[list[StancePair], list[StancePair]]:
    """(train, dev) from PERSPECTRUM: claim vs each perspective of its support / undermine clusters."""
    folder = root / "perspectrum"
    pool = {p["pId"]: p["text"] for p in json.loads((folder / "perspective_pool_v1.0.json").read_text())}
    split = json.loads((folder / "dataset_split_v1.0.json").read_text())
    train: list[StancePair] = []
    dev: list[StancePair] = []
    for claim in json.loads((folder / "perspectrum_train_dev.json").read_text()):
        part = split.get(str(claim["cId"]))
        for cluster in claim["perspectives"]:
            label = PERSPECTRUM_LABELS.get(cluster["stance_label_3"].upper())
            if label is None or part not in ("train", "dev"):
                continue
            for pid in cluster["pids"]:
                if pid in pool:
                    pair = StancePair(claim["text"], pool[pid], label, "perspectrum", str(claim["cId"]))
                    (train if part == "train" else dev).append(pair)
    return train, dev


def unrelated_short(pairs: list[StancePair], share: float, seed: int) -> list[StancePair]:
    """Pairs of one item's ``a`` with another group's ``b``, labelled unrelated (``share`` x as many)."""
    rng = random.Random(seed)
    if len({p.group for p in pairs}) < 2:
        return []
    out: list[StancePair] = []
    while len(out) < int(len(pairs) * share):
        x, y = rng.choice(pairs), rng.choice(pairs)
        if x.group != y.group:
            out.append(StancePair(x.a, y.b, "unrelated", f"{x.dataset}-unrelated", x.group))
    return out


def load_all(root: Path, seed: int) -> tuple[list[StancePair], list[StancePair]]:
    """Every training pair and every dev pair, from all datasets (with short unrelated pairs added)."""
    train: list[StancePair] = []
    dev: list[StancePair] = []
    for loader in (fnc1, sick, emergent, perspectrum):
        tr, dv = loader(root)
        train.extend(tr)
        dev.extend(dv)
        if loader is not fnc1:
            train.extend(unrelated_short(tr, 0.25, seed))
            dev.extend(unrelated_short(dv, 0.25, seed + 1))
    return train, dev

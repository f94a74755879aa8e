"""``atodds compare``: label JSON Lines pairs ``{"id", "a", "b"}`` as contradict/agree/discuss/unrelated."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from atodds.config import Options
from atodds.errors import AtoddsError, error

from .model import ContradictionModel, get_model

log = logging.getLogger("atodds.compare")

Pair = tuple[str, str, str]  # id, a, b


def parse_line(line: str, path: str, number: int) -> Pair | None:
    """One input line as (id, a, b); None for a blank line; E060 when it is not a valid pair."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise error("E060", path=path, line=number, detail=f"not JSON: {exc.msg}") from exc
    if not isinstance(record, dict):
        raise error("E060", path=path, line=number, detail=f"got a JSON {type(record).__name__}")
    missing = [k for k in ("id", "a", "b") if k not in record]
    if missing:
        raise error("E060", path=path, line=number, detail=f"missing {', '.join(missing)}")
    pid = record["id"]
    if isinstance(pid, int) and not isinstance(pid, bool):
        pid = str(pid)
    bad = [k for k, v in (("id", pid), ("a", record["a"]), ("b", record["b"])) if not isinstance(v, str)]
    if bad:
        raise error("E060", path=path, line=number, detail=f"{', '.join(bad)} must be strings")
    return pid, record["a"], record["b"]


def read_pairs(handle: IO[str], path: str, on_error: Callable[[AtoddsError], None]) -> Iterator[Pair]:
    """Valid pairs of ``handle`` in order; each broken line goes to ``on_error`` (E060) and is skipped."""
    for number, line in enumerate(handle, start=1):
        try:
            pair = parse_line(line, path, number)
        except AtoddsError as exc:
            on_error(exc)
            continue
        if pair is not None:
            yield pair


@contextmanager
def _open_in(path: str | Path) -> Iterator[IO[str]]:
    if str(path) == "-":
        yield sys.stdin
        return
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except FileNotFoundError as exc:
        raise error("E001", path=path) from exc
    except OSError as exc:
        raise error("E002", path=path, detail=exc) from exc
    with handle:
        yield handle


def _batches(pairs: Iterator[Pair], size: int) -> Iterator[list[Pair]]:
    batch: list[Pair] = []
    for pair in pairs:
        batch.append(pair)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _log_error(exc: AtoddsError) -> None:
    log.warning("%s", exc)


def compare_pairs_file(
    input_path: str | Path,
    output_path: str | Path,
    options: Options,
    model: ContradictionModel | None = None,
    on_error: Callable[[AtoddsError], None] | None = None,
    batch_size: int = 256,
) -> int:
    """Label every pair of ``input_path`` into ``output_path`` ('-' = stdin/stdout); return pairs written.

    Output lines are ``{"id", "label", "scores"}`` with the four label probabilities. Broken lines are
    reported (E060, to ``on_error``, by default logged) and skipped; the batch goes on. No pair at all
    raises E061 and leaves no output file. Pairs are read and written in batches of ``batch_size``.
    """
    report = on_error or _log_error
    name = str(input_path)
    written = 0
    out: IO[str] | None = None
    try:
        with _open_in(input_path) as handle:
            for batch in _batches(read_pairs(handle, name, report), batch_size):
                if model is None:
                    from .embed import get_embedder

                    model = get_model(options.compare_model, get_embedder(options.embedding_model))
                scores = model.predict([(a, b) for _, a, b in batch])
                if out is None:
                    out = sys.stdout if str(output_path) == "-" else open(output_path, "w", encoding="utf-8")  # noqa: SIM115
                for (pid, _, _), score in zip(batch, scores, strict=True):
                    row: dict[str, Any] = {
                        "id": pid,
                        "label": score.label(),
                        "scores": {k: round(v, 4) for k, v in score.probabilities().items()},
                    }
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                written += len(batch)
    finally:
        if out is not None and out is not sys.stdout:
            out.close()
    if written == 0:
        raise error("E061", path=name)
    return written

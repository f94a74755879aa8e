"""The baselines: the bare spaCy parse atodds does (same model, same components, same batch size), and
textacy's ``direct_quotations`` on that parse. Prints one JSON line: tokens, articles, seconds.

Usage: python bench/parse_only.py FOLDER [--textacy]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path


def texts(folder: Path) -> Iterator[str]:
    """The .txt files of ``folder``, sorted, read as atodds reads them (UTF-8)."""
    for path in sorted(folder.glob("*.txt")):
        yield path.read_text(encoding="utf-8")


def main() -> None:
    """Parse every text (and run textacy on it with --textacy); print the counts and timings."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--textacy", action="store_true", help="also run textacy's direct_quotations")
    args = ap.parse_args()
    start = time.perf_counter()
    from atodds.config import Options
    from atodds.nlp import load_nlp

    options = Options()
    nlp = load_nlp(options.model)
    if args.textacy:
        from textacy.extract.triples import direct_quotations
    loaded = time.perf_counter()
    tokens = articles = quotes = 0
    for doc in nlp.pipe(texts(args.folder), batch_size=options.batch_size):
        tokens += len(doc)
        articles += 1
        if args.textacy:
            with suppress(ValueError):  # odd number of quote marks: textacy gives up on the document
                quotes += sum(1 for _ in direct_quotations(doc))
    done = time.perf_counter()
    report: dict[str, float] = {"tokens": tokens, "articles": articles, "quotes": quotes}
    report |= {"load_s": round(loaded - start, 2), "work_s": round(done - loaded, 2)}
    print(json.dumps(report))


if __name__ == "__main__":
    main()

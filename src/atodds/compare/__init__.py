"""The compare stage: topics, pair features, a stance model, relations, framing sentences, pairs files."""

from .embed import (
    DEFAULT_EMBEDDER,
    Embedder,
    MiniLMEmbedder,
    SentenceTransformerEmbedder,
    get_embedder,
    register_embedder,
)
from .features import PairFeatures, pair_features
from .frames import find_frames, frame_kind
from .model import (
    LABELS,
    ContradictionModel,
    LexicalModel,
    LexicalWeights,
    PairContext,
    PairScores,
    get_model,
    register_model,
)
from .pairs import compare_pairs_file
from .relations import compare_statements, embed_statements, find_relations
from .topics import assign_topics

__all__ = [
    "DEFAULT_EMBEDDER",
    "LABELS",
    "ContradictionModel",
    "Embedder",
    "LexicalModel",
    "LexicalWeights",
    "MiniLMEmbedder",
    "PairContext",
    "PairFeatures",
    "PairScores",
    "SentenceTransformerEmbedder",
    "assign_topics",
    "compare_pairs_file",
    "compare_statements",
    "embed_statements",
    "find_frames",
    "find_relations",
    "frame_kind",
    "get_embedder",
    "get_model",
    "pair_features",
    "register_embedder",
    "register_model",
]

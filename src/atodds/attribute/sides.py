"""Side knowledge: which country or organization a name, adjective, institution or person stands for.

The built-in ``YamlSideKnowledge`` reads the packaged ``data/sides.yaml`` (and an optional user file laid
over it). Anything with the same two methods can replace it (``SideKnowledge`` protocol).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Protocol

import yaml

from ..errors import error

FIELDS = ("aliases", "adjectives", "institutions", "people")


class SideKnowledge(Protocol):
    """The interface atodds uses to infer sides."""

    def side_of(self, text: str) -> str | None:
        """The side named first (longest match) in ``text``, or None."""

    def sides_in(self, text: str) -> tuple[str, ...]:
        """Every side named in ``text``, in order of first mention."""


def _validate(data: object, path: str) -> dict[str, dict[str, list[str]]]:
    if not isinstance(data, dict) or not isinstance(data.get("sides"), dict):
        raise error("E043", path=path, detail="the top level must be a mapping with a 'sides' mapping")
    sides: dict[str, dict[str, list[str]]] = {}
    for side, entry in data["sides"].items():
        if not isinstance(entry, dict):
            raise error("E043", path=path, detail=f"side '{side}' must be a mapping")
        unknown = set(entry) - set(FIELDS)
        if unknown:
            raise error("E043", path=path, detail=f"side '{side}' has unknown keys {sorted(unknown)}")
        for key, values in entry.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise error("E043", path=path, detail=f"'{side}.{key}' must be a list of strings")
        sides[str(side)] = {k: list(entry.get(k, [])) for k in FIELDS}
    return sides


class YamlSideKnowledge:
    """Side knowledge from YAML files: terms matched case-sensitively on word boundaries."""

    def __init__(self, sides: dict[str, dict[str, list[str]]]) -> None:
        self.sides = sides
        self.term_side: dict[str, str] = {}
        self.people: dict[str, str] = {}
        for side, entry in sides.items():
            self.term_side.setdefault(side, side)
            for key in ("aliases", "adjectives", "institutions"):
                for term in entry[key]:
                    self.term_side.setdefault(term, side)
            for person in entry["people"]:
                self.people[person.casefold()] = side
        terms = sorted(self.term_side, key=len, reverse=True)
        pattern = "|".join(re.escape(t) for t in terms)
        self._regex = re.compile(rf"(?<![\w.])(?<!New )(?:{pattern})(?![\w])") if terms else None

    @classmethod
    def load(cls, extra: str | Path | None = None) -> YamlSideKnowledge:
        """The packaged knowledge, with ``extra`` (a user YAML file) laid over it."""
        packaged = resources.files("atodds.data").joinpath("sides.yaml").read_text(encoding="utf-8")
        sides = _validate(yaml.safe_load(packaged), "sides.yaml")
        if extra:
            try:
                user = yaml.safe_load(Path(extra).read_text(encoding="utf-8"))
            except FileNotFoundError as exc:
                raise error("E001", path=extra) from exc
            except yaml.YAMLError as exc:
                raise error("E043", path=extra, detail=str(exc).splitlines()[0]) from exc
            for side, entry in _validate(user, str(extra)).items():
                base = sides.setdefault(side, {k: [] for k in FIELDS})
                for key in FIELDS:
                    base[key].extend(v for v in entry[key] if v not in base[key])
        return cls(sides)

    def _matches(self, text: str) -> list[re.Match[str]]:
        return list(self._regex.finditer(text)) if self._regex else []

    def side_of(self, text: str) -> str | None:
        """The side of the first term named in ``text``."""
        matches = self._matches(text)
        return self.term_side[matches[0].group(0)] if matches else None

    def sides_in(self, text: str) -> tuple[str, ...]:
        """Every side named in ``text``, in order."""
        seen: dict[str, None] = {}
        for match in self._matches(text):
            seen.setdefault(self.term_side[match.group(0)], None)
        return tuple(seen)

    def side_of_person(self, name: str) -> str | None:
        """The side of a well-known person (heads of government, foreign ministers)."""
        return self.people.get(name.casefold())

    def canonical(self, text: str) -> str | None:
        """The side's name when ``text`` is exactly one of its aliases ("the US" -> "United States")."""
        bare = re.sub(r"^(?:the|The)\s+", "", text.strip())
        side = self.term_side.get(bare)
        if side and bare in (self.sides[side]["aliases"] + [side]):
            return side
        return None


@lru_cache(maxsize=8)
def load_knowledge(extra: str = "") -> YamlSideKnowledge:
    """The side knowledge for ``extra`` (cached per process)."""
    return YamlSideKnowledge.load(extra or None)

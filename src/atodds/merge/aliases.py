"""Actor aliases: the packaged ``data/actors.yaml`` with an optional user file laid over it, and the
side names of ``sides.yaml`` ("US" -> "United States", "Beijing's coast guard" -> "China coast guard")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..errors import error
from .words import words

if TYPE_CHECKING:
    from ..attribute.sides import YamlSideKnowledge

SECTIONS = ("organizations", "people")
POSSESSIVE = re.compile(r"^(?:the\s+)?(.+?)['’]s\s+(.+)$", re.IGNORECASE)


def _fold(name: str) -> str:
    return " ".join(words(re.sub(r"^\s*the\s+", "", name, flags=re.IGNORECASE)))


def _read(text: str, path: str) -> dict[str, tuple[str, list[str]]]:
    """Canonical name -> (section, other names), from one YAML document (E046 when malformed)."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise error("E046", path=path, detail=str(exc).splitlines()[0]) from exc
    if not isinstance(data, dict) or set(data) - set(SECTIONS):
        raise error("E046", path=path, detail="the top level must map 'organizations' and/or 'people'")
    table: dict[str, tuple[str, list[str]]] = {}
    for section in SECTIONS:
        entries = data.get(section) or {}
        if not isinstance(entries, dict):
            raise error("E046", path=path, detail=f"'{section}' must map names to lists of names")
        for name, others in entries.items():
            if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
                raise error("E046", path=path, detail=f"'{section}.{name}' must be a list of strings")
            table.setdefault(str(name), (section, []))[1].extend(others)
    return table


@dataclass(frozen=True)
class AliasTable:
    """Folded alias -> the canonical name, and the side knowledge for side names."""

    names: dict[str, str]
    people: frozenset[str] = frozenset()
    side_knowledge: str = ""

    @classmethod
    def load(cls, extra: str = "", side_knowledge: str = "") -> AliasTable:
        """The packaged aliases with ``extra`` (a user YAML file of the same layout) laid over them."""
        return _load(extra, side_knowledge)

    def canonical(self, name: str) -> str | None:
        """The actor name ``name`` stands for, or None when it is not a known alias."""
        folded = _fold(name)
        if folded in self.names:
            return self.names[folded]
        knowledge = _knowledge(self.side_knowledge)
        side = knowledge.canonical(name)
        if side:
            return side
        m = POSSESSIVE.match(name.strip())
        if m:
            owner = knowledge.canonical(m.group(1))
            if owner:  # "Beijing's coast guard": try "China coast guard", "Chinese coast guard", ...
                forms = [owner, *knowledge.sides[owner]["aliases"], *knowledge.sides[owner]["adjectives"]]
                for form in forms:
                    found = self.names.get(_fold(f"{form} {m.group(2)}"))
                    if found:
                        return found
                return f"{owner} {m.group(2)}"
        return None

    def is_person(self, canonical: str) -> bool:
        """Whether a canonical name from this table is a person's."""
        return canonical in self.people

    def side_of(self, name: str) -> str:
        """The side a name is itself the name of ("" when none)."""
        return _knowledge(self.side_knowledge).canonical(name) or ""


def _knowledge(extra: str) -> YamlSideKnowledge:
    from ..attribute import load_knowledge  # imported on use: the attribute package loads spaCy

    return load_knowledge(extra)


@lru_cache(maxsize=8)
def _load(extra: str, side_knowledge: str) -> AliasTable:
    packaged = resources.files("atodds.data").joinpath("actors.yaml").read_text(encoding="utf-8")
    table = _read(packaged, "actors.yaml")
    if extra:
        try:
            user = Path(extra).read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise error("E001", path=extra) from exc
        for name, (section, others) in _read(user, extra).items():
            table.setdefault(name, (section, []))[1].extend(others)
    names: dict[str, str] = {}
    for name, (_, others) in table.items():
        for alias in [name, *others]:
            names.setdefault(_fold(alias), name)
    people = frozenset(name for name, (section, _) in table.items() if section == "people")
    return AliasTable(names, people, side_knowledge)

"""Merge across articles: actors and statement groups."""

from .actors import merge_actors, name_key
from .statements import group_statements

__all__ = ["group_statements", "merge_actors", "name_key"]

"""Merge across articles: actors, statement groups with quote drift, and statement dates."""

from .actors import merge_actors, name_key
from .aliases import AliasTable
from .dates import date_statements
from .drift import diff_quotes
from .statements import group_statements

__all__ = ["AliasTable", "date_statements", "diff_quotes", "group_statements", "merge_actors", "name_key"]

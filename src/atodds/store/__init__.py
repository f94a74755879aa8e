"""The SQLite store: ``Store.open(path)`` for articles, statements, failures and the corpus stages."""

from atodds.store.core import DEFAULT_TIMEOUT_S, Store
from atodds.store.schema import SCHEMA_VERSION

__all__ = ["DEFAULT_TIMEOUT_S", "SCHEMA_VERSION", "Store"]

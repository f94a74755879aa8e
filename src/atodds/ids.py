"""Stable ids for records made of other records (topics, statement groups)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def content_id(prefix: str, member_ids: Iterable[str]) -> str:
    """An id from the members, the same in every run, so one run never overwrites another run's record."""
    digest = hashlib.sha256("\n".join(sorted(member_ids)).encode()).hexdigest()[:12]
    return f"{prefix}-{digest}"

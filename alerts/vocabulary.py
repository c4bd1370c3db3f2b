"""The words alerts are described with, each defined once: severities and their order.

Every module that sorts, counts, colours or checks a severity takes it from here, so "worst
first" means the same in the CLI, the desktop, the brief and the rules. Plain data, no
imports from the rest of the package (everything may import it).
"""

from __future__ import annotations

from typing import Iterable

import numpy as np

#: Severity levels, mildest first (a rule's ``min_severity`` compares by this order).
SEVERITIES: tuple[str, ...] = ("low", "medium", "high")
#: The same levels, worst first: how counts and legends are listed.
WORST_FIRST: tuple[str, ...] = tuple(reversed(SEVERITIES))
#: ``severity -> rank`` (1 low .. 3 high); 0 is "no alert" in grids and unknown text.
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES, start=1)}


def severity_rank(values: Iterable[object]) -> np.ndarray:
    """Ranks (1 low .. 3 high, 0 unknown) of severities, as floats for numpy arithmetic."""
    return np.array([SEVERITY_RANK.get(v, 0) for v in values], dtype=float)  # type: ignore[call-overload]


def severity_name(rank: float) -> str:
    """The severity of a rank (the inverse of :func:`severity_rank`); '' for 0."""
    r = int(rank)
    return SEVERITIES[r - 1] if 1 <= r <= len(SEVERITIES) else ""


def at_least(severity: str, floor: str) -> bool:
    """``severity`` is ``floor`` or worse."""
    return SEVERITY_RANK.get(severity, 0) >= SEVERITY_RANK.get(floor, 0)


__all__ = ["SEVERITIES", "SEVERITY_RANK", "WORST_FIRST", "at_least", "severity_name", "severity_rank"]

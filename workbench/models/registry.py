"""The detector registry: each method's function, defaults, threshold, spread unit and name, once.

A detector module registers its methods at import (:func:`register`), and
:mod:`workbench.models.detectors` imports every module of its package and offers the lookups
below, so adding a detector is one module (plus its tests): the models run it (:mod:`workbench.models.signals`), rules may
name it and scale its threshold (``alerts.rules``), explanations name it and its spread unit
(``alerts.episodes``). Plain data; the compiled fast path (:mod:`workbench.models.kernels`)
is optional per method.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from workbench.models.panel import DetectorResult


@dataclass(frozen=True)
class DetectorSpec:
    """One method as the rest of the workbench knows it."""

    name: str  # the stable key rules, alerts and results use
    fn: Callable[..., DetectorResult]
    display: str  # how explanations name it ("robust z-score")
    defaults: Mapping[str, Any] = field(default_factory=dict)  # documented in docs/models.md
    #: the parameter holding the flag threshold in score units (what a rule's ``score_scale``
    #: multiplies); None: the threshold is not the model's to move (the codebook's fixed limit)
    threshold_key: str | None = "threshold"
    #: when the threshold is computed from the parameters instead (Mann-Kendall's alpha)
    threshold_of: Callable[[Mapping[str, Any]], float | None] | None = None
    spread_unit: str = "SDs"  # the unit of "how far above normal" in explanations
    #: carries an alert's state along the series (opens, keeps and ends episodes itself);
    #: runs on the whole panel at once and must be a rule's only method
    stateful: bool = False
    order: int = 1000  # place in listings (the shipped methods keep their historic order)


_REGISTRY: dict[str, DetectorSpec] = {}


def register(spec: DetectorSpec) -> DetectorSpec:
    """Add a method; a second registration of one name replaces the first (a reload)."""
    _REGISTRY[spec.name] = spec
    return spec


def detectors() -> tuple[DetectorSpec, ...]:
    """Every registered method, in listing order (import :mod:`workbench.models.detectors`,
    which registers them all, rather than this module)."""
    return tuple(sorted(_REGISTRY.values(), key=lambda s: (s.order, s.name)))


def spec(name: str) -> DetectorSpec | None:
    return _REGISTRY.get(name)


def display_name(name: str) -> str:
    s = spec(name)
    return s.display if s is not None else name


def spread_unit(name: str) -> str:
    s = spec(name)
    return s.spread_unit if s is not None else "SDs"


def score_threshold(method: str, params: Mapping[str, Any]) -> float | None:
    """A result's flag threshold in score units (None for the fixed codebook limit)."""
    s = spec(method)
    if s is None:
        v = params.get("threshold")
    elif s.threshold_of is not None:
        return s.threshold_of(params)
    elif s.threshold_key is None:
        return None
    else:
        v = params.get(s.threshold_key)
    if isinstance(v, (int, float)) and not isinstance(v, bool) and np.isfinite(v) and v > 0:
        return float(v)
    return None


__all__ = ["DetectorSpec", "detectors", "display_name", "register", "score_threshold", "spec", "spread_unit"]

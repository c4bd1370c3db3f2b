"""The detector registry: each method's function, defaults, threshold, spread unit and name, once.

This module is the one list of methods. Every other list is read from it: the models run
what it names (:mod:`workbench.models.signals`: ``METHODS``, ``DETECTORS``, ``DEFAULT``,
``STATEFUL``), rules accept those names and scale their thresholds (``alerts.rules``),
explanations name them and their spread unit (``alerts.episodes``), the charts run one of
them on a single series (``alerts.overlay``).

It is plain data that imports nothing heavy: a method's function is named by where it
lives (``"workbench.models.detectors.trend:mann_kendall"``) and imported the first time it
is run. Reading a project's rules - which the desktop does while it opens a project - so
never imports a detector or scipy.stats (over a second on a loaded laptop; measured by
``benchmarks/bench_launch.py``).

Adding a detector: its module in ``workbench/models/detectors/``, one :class:`DetectorSpec`
row in :data:`SHIPPED` below, and its tests. A detector kept outside the package (a
partner's, a test's) is added at run time with :func:`register`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workbench.models.panel import DetectorResult

_PACKAGE = "workbench.models.detectors"


@dataclass(frozen=True)
class DetectorSpec:
    """One method as the rest of the workbench knows it."""

    name: str  # the stable key rules, alerts and results use
    #: the function ``panel, **params -> DetectorResult``, or where it lives ("module:name"),
    #: imported on first use (:meth:`function`)
    fn: Callable[..., DetectorResult] | str
    display: str  # how explanations name it ("robust z-score")
    defaults: Mapping[str, Any] = field(default_factory=dict)  # documented in docs/models.md
    #: the parameter holding the flag threshold in score units (what a rule's ``score_scale``
    #: multiplies); None: the threshold is not the model's to move (the codebook's fixed limit)
    threshold_key: str | None = "threshold"
    #: when the threshold is computed from the parameters instead (Mann-Kendall's alpha):
    #: the function, or where it lives ("module:name"), imported on first use
    threshold_of: Callable[[Mapping[str, Any]], float | None] | str | None = None
    spread_unit: str = "SDs"  # the unit of "how far above normal" in explanations
    #: carries an alert's state along the series (opens, keeps and ends episodes itself);
    #: runs on the whole panel at once and must be a rule's only method
    stateful: bool = False
    order: int = 1000  # place in listings (the shipped methods keep their historic order)

    def function(self) -> Callable[..., DetectorResult]:
        """The detector itself (importing its module the first time)."""
        return _resolve(self.fn)


def _resolve(ref: Callable[..., Any] | str) -> Callable[..., Any]:
    if callable(ref):
        return ref
    module, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module), attr)


def _at(module: str, name: str) -> str:
    return f"{_PACKAGE}.{module}:{name}"


#: The shipped methods, in their historic order. Defaults are documented in docs/models.md.
SHIPPED: tuple[DetectorSpec, ...] = (
    DetectorSpec("fixed", _at("thresholds", "fixed"), "fixed threshold", {}, threshold_key=None, order=10),
    DetectorSpec("percentile", _at("thresholds", "percentile"), "percentile threshold",
                 {"q": 0.95, "window": 36, "min_history": 12}, threshold_key="q", spread_unit="IQRs", order=20),
    DetectorSpec("robust_z", _at("thresholds", "robust_z"), "robust z-score",
                 {"window": 24, "guard": 1, "z": 3.5, "min_history": 12}, threshold_key="z", spread_unit="MADs",
                 order=30),
    DetectorSpec("ears_c1", _at("ears", "ears_c1"), "EARS C1", {"threshold": 3.0, "min_history": 5}, order=40),
    DetectorSpec("ears_c2", _at("ears", "ears_c2"), "EARS C2", {"threshold": 3.0, "min_history": 5}, order=50),
    DetectorSpec("ears_c3", _at("ears", "ears_c3"), "EARS C3", {"threshold": 2.0, "min_history": 5}, order=60),
    DetectorSpec("ewma", _at("control", "ewma"), "EWMA",
                 {"lam": 0.1, "L": 2.814, "window": 24, "guard": 3, "min_history": 12}, threshold_key="limit",
                 order=70),
    DetectorSpec("cusum", _at("control", "cusum"), "CUSUM",
                 {"k": 0.5, "h": 5.0, "window": 24, "guard": 3, "min_history": 12}, threshold_key="h", order=80),
    DetectorSpec("mann_kendall", _at("trend", "mann_kendall"), "Mann-Kendall trend",
                 {"window": 12, "alpha": 0.01, "min_history": 8}, threshold_of=_at("trend", "mk_threshold"), order=90),
    DetectorSpec("change_point", _at("changepoint", "change_point"), "change point",
                 {"window": 24, "threshold": 4.5, "min_history": 12}, order=100),
    # Windows, guard, quiet and protracted periods follow the panel's frequency (see
    # workbench/models/detectors/state_monitor.py); give any of them in a rule to override.
    DetectorSpec("monitor", _at("state_monitor", "monitor"), "monitor", {}, threshold_key="limit",
                 stateful=True, order=110),
)

_REGISTRY: dict[str, DetectorSpec] = {s.name: s for s in SHIPPED}


def register(spec: DetectorSpec) -> DetectorSpec:
    """Add a method kept outside :data:`SHIPPED`; a second registration of one name
    replaces the first (a reload)."""
    _REGISTRY[spec.name] = spec
    return spec


def detectors() -> tuple[DetectorSpec, ...]:
    """Every registered method, in listing order."""
    return tuple(sorted(_REGISTRY.values(), key=lambda s: (s.order, s.name)))


def names() -> tuple[str, ...]:
    """The methods' stable names, in listing order (what rules may name)."""
    return tuple(s.name for s in detectors())


def stateful() -> frozenset[str]:
    """The methods that carry an alert's state along the series (a rule's only method)."""
    return frozenset(s.name for s in _REGISTRY.values() if s.stateful)


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
        return _resolve(s.threshold_of)(params)
    elif s.threshold_key is None:
        return None
    else:
        v = params.get(s.threshold_key)
    # Plain float arithmetic (no numpy): finite and positive.
    if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v and 0 < v < float("inf"):
        return float(v)
    return None


__all__ = ["SHIPPED", "DetectorSpec", "detectors", "display_name", "names", "register", "score_threshold", "spec",
           "spread_unit", "stateful"]

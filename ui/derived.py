"""The between-group series an alert can be about - gap, spread, polarization - rebuilt for
the chart.

The alert engine derives these series from the group series at every run
(:mod:`workbench.models.polarization`) and does not store them, so an alert on one
("trust_between_groups:gap:host-displaced") has no series row in the snapshot. This rebuilds
it from the snapshot's group series of that region with the same arithmetic (equal
population shares, as the run uses), so the alert pane can draw what the rule saw.
Plain Python: no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.snapshot import ProjectSnapshot

KINDS = ("gap", "spread", "polarization")
#: How a derived series is named on screen (``%1`` the indicator's name; a gap's ``%2``, ``%3``
#: its two groups), in the language shown.
_LABELS = {
    "gap": QT_TRANSLATE_NOOP("Derived", "%1: gap %2 – %3"),
    "spread": QT_TRANSLATE_NOOP("Derived", "%1: spread between groups"),
    "polarization": QT_TRANSLATE_NOOP("Derived", "%1: polarization (Esteban-Ray)"),
}


def derived_label(name: str, kind: str, a: str = "", b: str = "") -> str:
    """"Trust: polarization (Esteban-Ray)" in the language shown."""
    text = QCoreApplication.translate("Derived", str(_LABELS[kind]))
    return text.replace("%1", name).replace("%2", a).replace("%3", b)


def indicator_label(indicator: str, names: dict[str, str]) -> str:
    """An alert's indicator as people read it: the codebook's name, and for a derived series
    ("trust:polarization", "trust:gap:host-displaced") that name with what was derived."""
    parts = split_name(indicator)
    if parts is None:
        return str(names.get(indicator, indicator))
    base, kind, pair = parts
    a, _, b = pair.partition("-")
    return derived_label(str(names.get(base, base)), kind, a, b)


@dataclass
class DerivedSeries:
    periods: np.ndarray  # datetime64[D], only periods with a value
    values: np.ndarray
    label: str
    freq: str


def split_name(indicator: str) -> tuple[str, str, str] | None:
    """(base indicator key, kind, "g1-g2" for a gap) of a derived series' name, else None."""
    if ":gap:" in indicator:
        base, pair = indicator.rsplit(":gap:", 1)
        return base, "gap", pair
    for kind in ("spread", "polarization"):
        if indicator.endswith(":" + kind):
            return indicator[: -len(kind) - 1], kind, ""
    return None


def derived_series(snap: ProjectSnapshot, region_id: int, indicator: str) -> DerivedSeries | None:
    """The derived series ``indicator`` of one region, or None (not derived, or no data)."""
    from workbench.models.polarization import DEFAULT_ALPHA, derived_name, esteban_ray, group_spread

    parts = split_name(indicator)
    if parts is None or snap.series.empty:
        return None
    base, kind, _ = parts
    s = snap.series
    rows = np.flatnonzero((s["region_id"].to_numpy() == region_id) & (s["indicator"].to_numpy() == base)
                          & (s["group"].to_numpy() != ""))
    if rows.size < 2:
        return None
    freq = s["freq"].iloc[rows].mode().iat[0]  # the run pivots each frequency on its own
    columns = {}
    for r in rows:
        if s["freq"].iat[r] != freq:
            continue
        periods, values = snap.series_values(int(r))
        ok = np.isfinite(values)
        columns[str(s["group"].iat[r])] = pd.Series(values[ok], index=pd.DatetimeIndex(periods[ok]))
    wide = pd.DataFrame(columns).sort_index()
    means = wide.to_numpy(np.float64)
    name = s["indicator_name"].iat[rows[0]]
    where = f"{s['region'].iat[rows[0]]} · {name}"
    if kind == "gap":
        groups = [(a, b) for a in wide.columns for b in wide.columns
                  if a != b and derived_name(base, "gap", (a, b)) == indicator]
        if not groups:
            return None
        a, b = groups[0]
        values = np.abs(wide[a].to_numpy() - wide[b].to_numpy())
        label = derived_label(where, "gap", str(a), str(b))
    elif kind == "spread":
        values = group_spread(means)
        label = derived_label(where, "spread")
    else:
        values = esteban_ray(means, np.full(means.shape[1], np.nan), DEFAULT_ALPHA)
        label = derived_label(where, "polarization")
    keep = np.isfinite(values)
    if not keep.any():
        return None
    return DerivedSeries(wide.index.to_numpy().astype("datetime64[D]")[keep], values[keep], label, str(freq))

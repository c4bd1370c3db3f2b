"""Polarization between population groups, as series the detectors watch like any other.

Where an indicator is reported per group (host community / displaced, youth / elders, ...),
three derived series per region and period say how far apart the groups are:

* ``gap`` - the absolute difference between the means of two named groups, in the
  indicator's own units ("the trust gap between host and displaced widened from 8 to 21
  points"). A wider gap is worse whatever the indicator's direction, so derived series
  always have direction +1. The pair is a configured one (``DEFAULT_PAIRS``, e.g.
  host-displaced, youth-elders) when both groups are present, otherwise the two groups
  with the largest population shares (or, without shares, the two most often reported).
* ``spread`` - the population standard deviation (ddof=0) of the group means: all groups,
  not just two.
* ``polarization`` - the Esteban-Ray (1994) index
  ``P = sum_i sum_j pi_i^(1+alpha) pi_j |y_i - y_j|`` over group means ``y`` and population
  shares ``pi`` (equal shares when unknown). ``alpha`` weighs identification within
  groups against alienation between them: alpha = 0 gives the Gini mean difference (plain
  inequality); Esteban and Ray show the admissible range is (0, 1.6]. The default 1.6 is
  the most polarization-sensitive admissible value, i.e. it rewards few large, distant
  groups most - the pattern that precedes inter-group conflict. With equal shares alpha
  only rescales the index, so comparisons across regions with the same groups are
  unaffected by the choice.

Indicator names of derived series: ``<indicator>:gap:<g1>-<g2>``, ``<indicator>:spread``,
``<indicator>:polarization``; ``group`` is '' and ``kind`` says which.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

DEFAULT_PAIRS: tuple[tuple[str, str], ...] = (
    ("host", "displaced"),
    ("host", "refugee"),
    ("host", "idp"),
    ("youth", "elders"),
    ("youth", "adults"),
    ("men", "women"),
)
DEFAULT_ALPHA = 1.6


def _norm(name: str) -> str:
    return " ".join(str(name).replace("_", " ").replace("-", " ").split()).casefold()


def _matches(group: str, token: str) -> bool:
    g = _norm(group)
    return g == token or g.startswith(token + " ") or g.startswith(token)


def choose_pair(
    groups: Sequence[str],
    counts: Mapping[str, int] | None = None,
    shares: Mapping[str, float] | None = None,
    pairs: Sequence[tuple[str, str]] = DEFAULT_PAIRS,
) -> tuple[str, str] | None:
    """The two groups whose gap is watched: a configured pair if present, else the two largest."""
    groups = [g for g in groups if g]
    if len(groups) < 2:
        return None
    for a, b in pairs:
        ga = next((g for g in groups if _matches(g, _norm(a))), None)
        gb = next((g for g in groups if _matches(g, _norm(b)) and g != ga), None)
        if ga and gb:
            return ga, gb
    size = {g: (shares or {}).get(g, np.nan) for g in groups}
    if all(np.isnan(v) for v in size.values()):
        size = {g: float((counts or {}).get(g, 0)) for g in groups}
    ranked = sorted(groups, key=lambda g: (-np.nan_to_num(size[g], nan=-1.0), g))
    return ranked[0], ranked[1]


def derived_name(indicator: str, kind: str, pair: tuple[str, str] | None = None) -> str:
    """The indicator name of a derived series: ``<indicator>:gap:<g1>-<g2>``,
    ``<indicator>:spread``, ``<indicator>:polarization``."""
    return f"{indicator}:gap:{pair[0]}-{pair[1]}" if kind == "gap" and pair else f"{indicator}:{kind}"


def group_spread(means: np.ndarray) -> np.ndarray:
    """Population standard deviation (ddof=0) of the group means per row of ``means`` (rows x
    groups, NaN = group absent); NaN for rows with fewer than two groups."""
    enough = (~np.isnan(means)).sum(axis=1) >= 2
    # Rows without two groups are zeroed before nanstd so it never warns about them.
    return np.where(enough, np.nanstd(np.where(enough[:, None], means, 0.0), axis=1), np.nan)


def esteban_ray(means: np.ndarray, shares: np.ndarray, alpha: float = DEFAULT_ALPHA) -> np.ndarray:
    """Esteban-Ray polarization per row of ``means`` (rows x groups, NaN = group absent).

    ``shares`` is (groups,) or (rows, groups). Shares are renormalised over the groups present in each row; rows with fewer than two
    groups give NaN.
    """
    ok = ~np.isnan(means)
    shares = np.broadcast_to(np.asarray(shares, np.float64), means.shape)
    # A row with a present group of unknown share falls back to equal shares.
    unknown = (ok & np.isnan(shares)).any(axis=1, keepdims=True)
    pi = np.where(ok, np.where(unknown, 1.0, shares), 0.0)
    total = pi.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        pi = pi / total
    y = np.where(ok, means, 0.0)
    dist = np.abs(y[:, :, None] - y[:, None, :])
    p = np.einsum("ri,rj,rij->r", pi ** (1.0 + alpha), pi, dist)
    return np.where(ok.sum(axis=1) >= 2, p, np.nan)


def share_matrix(
    regions: pd.Series,
    group_names: Sequence[str],
    shares: Mapping[str, float] | None,
    region_shares: pd.DataFrame | None,
) -> np.ndarray:
    """Population shares per row (rows x groups), NaN where unknown."""
    out = np.tile(np.array([(shares or {}).get(g, np.nan) for g in group_names], np.float64),
                  (len(regions), 1))
    if region_shares is not None and len(region_shares):
        table = region_shares.pivot_table(index="region", columns="group", values="share", aggfunc="mean")
        table = table.reindex(index=pd.Index(regions), columns=list(group_names)).to_numpy(np.float64)
        out = np.where(np.isnan(table), out, table)
    return out


def derive_group_series(
    obs: pd.DataFrame,
    pairs: Sequence[tuple[str, str]] = DEFAULT_PAIRS,
    shares: Mapping[str, float] | None = None,
    alpha: float = DEFAULT_ALPHA,
    region_shares: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Long rows (region, indicator, group='', kind, period, value, freq) of derived series.

    ``obs`` is canonical observations; only rows with a non-empty ``group`` are used.
    ``shares`` maps group name to population share (any scale; renormalised per row);
    ``region_shares`` (columns region, group, share) gives them per region and wins where
    present. A row whose present groups lack a share uses equal shares.
    """
    cols = ["region", "indicator", "group", "kind", "period", "value", "freq"]
    g = obs[(obs["group"].astype(str) != "") & obs["value"].notna()]
    if not len(g):
        return pd.DataFrame(columns=cols)
    wide = g.pivot_table(index=["region", "indicator", "freq", "period"], columns="group",
                         values="value", aggfunc="mean", observed=True)
    group_names = list(wide.columns)
    means = wide.to_numpy(np.float64)
    idx = wide.index.to_frame(index=False)
    out = []

    # The gap pair is chosen per indicator so that every region's gap series is the same pair.
    counts = g.groupby(["indicator", "group"]).size()
    for indicator, rows in idx.groupby("indicator", sort=False).groups.items():
        present = [c for c in group_names if c in counts.loc[indicator].index]
        pair = choose_pair(present, counts.loc[indicator].to_dict(), shares, pairs)
        if pair is None:
            continue
        a, b = group_names.index(pair[0]), group_names.index(pair[1])
        sel = np.asarray(rows)
        gap = np.abs(means[sel, a] - means[sel, b])
        part = idx.iloc[sel].copy()
        part["indicator"] = derived_name(indicator, "gap", pair)
        part["kind"] = "gap"
        part["value"] = gap
        out.append(part)

    spread = group_spread(means)
    pol = esteban_ray(means, share_matrix(idx["region"], group_names, shares, region_shares), alpha)
    for kind, values in (("spread", spread), ("polarization", pol)):
        part = idx.copy()
        part["indicator"] = part["indicator"].astype(str) + derived_name("", kind)  # "<indicator>:<kind>"
        part["kind"] = kind
        part["value"] = values
        out.append(part)
    res = pd.concat(out, ignore_index=True)
    res["group"] = ""
    res = res[res["value"].notna()]
    return res[cols]

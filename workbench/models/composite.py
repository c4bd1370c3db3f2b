"""The composite Social Cohesion Index: components, normalisation, weights, aggregation,
coverage, contributions, and a Monte Carlo sensitivity analysis of the ranks.

The index is a *risk* index: every component is oriented so that higher is worse (using
the codebook direction, or the component's own), so a higher score and a rank of 1 mean
"most at risk". The steps follow the OECD/JRC Handbook on Constructing Composite
Indicators (2008):

1. components -> a region x period x component cube of whole-population values; a component
   reported less often than the index (quarterly into monthly) is carried forward as-of for
   at most ``max_age_days``;
2. normalisation, pooled over all regions and periods so scores compare over time:
   ``minmax`` (0..1), ``zscore``, ``rank`` (percentile rank 0..1), ``target`` (distance past
   a target value in component standard deviations; default target: the best 5 % value);
3. weights: ``equal``, ``expert`` (the components' own weights), ``budget`` (several
   experts' point allocations, each normalised then averaged - budget allocation process)
   or ``pca`` (squared loadings of the first principal component of the standardised
   components, which sum to 1);
4. aggregation: ``arithmetic`` (compensatory) or ``geometric`` (less compensatory; values
   are first mapped to 0.01..1 by pooled min-max so logs exist); weights are renormalised
   over the components a region reports, and a region-period needs at least
   ``min_coverage`` of the components;
5. contributions: each component's share of the score, in score points (they sum to it);
6. sensitivity: ``draws`` alternative indices with weights drawn from a Dirichlet centred on
   the chosen ones (``concentration`` per component; higher = closer) and, if
   ``vary_methods``, the normalisation (minmax / zscore / rank) and aggregation drawn at
   random; per region the median rank, the 5-95 % rank interval and the share of draws in
   the top ``top_k``.

Aggregates (World, income groups, world regions, stored with ``is_aggregate``) are left out
of every index: they are totals over the countries beside them, not places to act in, and
would otherwise rank first and stretch the normalisation.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from workbench.errors import WorkbenchError
from workbench.models.series import calendar

NORMALIZATIONS = ("minmax", "zscore", "rank", "target")
WEIGHTINGS = ("equal", "expert", "pca", "budget")
AGGREGATIONS = ("arithmetic", "geometric")
MC_NORMALIZATIONS = ("minmax", "zscore", "rank")


@dataclass
class Component:
    """One indicator in the index; ``direction`` +1/-1 overrides the codebook when given."""

    indicator: str
    weight: float = 1.0
    direction: float | None = None
    target: float | None = None


@dataclass
class IndexDefinition:
    name: str
    components: list[Component]
    normalization: str = "minmax"
    weighting: str = "equal"
    aggregation: str = "arithmetic"
    budgets: list[dict[str, float]] = field(default_factory=list)
    min_coverage: float = 2 / 3
    max_age_days: int = 92
    top_k: int = 5
    draws: int = 1000
    concentration: float = 10.0
    vary_methods: bool = True
    seed: int = 0

    def __post_init__(self) -> None:
        self.components = [c if isinstance(c, Component) else Component(**c) for c in self.components]
        for value, allowed, what in ((self.normalization, NORMALIZATIONS, "normalization"),
                                     (self.weighting, WEIGHTINGS, "weighting"),
                                     (self.aggregation, AGGREGATIONS, "aggregation")):
            if value not in allowed:
                raise WorkbenchError(f"index {self.name!r}: unknown {what} {value!r} (use {', '.join(allowed)})")
        if not self.components:
            raise WorkbenchError(f"index {self.name!r} has no components")
        if not 0 < self.min_coverage <= 1:
            raise WorkbenchError(f"index {self.name!r}: min_coverage must be in (0, 1]")

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> IndexDefinition:
        return cls(**json.loads(text))


# -- data ------------------------------------------------------------------------------

@dataclass
class Cube:
    regions: pd.Index
    periods: pd.DatetimeIndex
    components: list[str]
    values: np.ndarray  # (R, P, C), worse-oriented (higher = worse)


def build_cube(obs: pd.DataFrame, definition: IndexDefinition, codebook: pd.DataFrame | None) -> Cube:
    """Whole-population values of the components on the index calendar, higher = worse."""
    names = [c.indicator for c in definition.components]
    whole = obs[(obs["group"].fillna("") == "") & obs["indicator"].isin(names)]
    missing = sorted(set(names) - set(whole["indicator"]))
    if missing:
        raise WorkbenchError(f"index {definition.name!r}: no data for component(s) {', '.join(missing)}")
    freq = whole["freq"].mode().iloc[0] if "freq" in whole else "M"
    periods = calendar(whole["period"].min(), whole["period"].max(), freq)
    regions = pd.Index(sorted(whole["region"].unique()))
    dirs = {}
    if codebook is not None and len(codebook):
        dirs = dict(zip(codebook["key"], np.where(codebook["direction"] == "higher_is_better", -1.0, 1.0)))
    cube = np.full((len(regions), len(periods), len(names)), np.nan)
    tol = pd.Timedelta(days=definition.max_age_days)
    for k, comp in enumerate(definition.components):  # a few components, each vectorised
        sub = whole[whole["indicator"] == comp.indicator]
        wide = sub.pivot_table(index="region", columns="period", values="value", aggfunc="mean")
        wide = wide.reindex(index=regions)
        wide = wide.T.sort_index().reindex(periods, method="ffill", tolerance=tol).T
        d = comp.direction if comp.direction is not None else dirs.get(comp.indicator, 1.0)
        cube[:, :, k] = wide.to_numpy(np.float64) * d
    return Cube(regions, periods, names, cube)


# -- normalisation, weights, aggregation -------------------------------------------------

def normalize(x: np.ndarray, method: str, targets: np.ndarray | None = None) -> np.ndarray:
    """Normalise each component (last axis) pooled over all other axes; higher stays worse."""
    flat = x.reshape(-1, x.shape[-1])
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "minmax":
            lo, hi = np.nanmin(flat, axis=0), np.nanmax(flat, axis=0)
            rng = hi - lo
            return np.where(rng > 0, (x - lo) / np.where(rng > 0, rng, 1), 0.5)
        if method == "zscore":
            mu, sd = np.nanmean(flat, axis=0), np.nanstd(flat, axis=0, ddof=1)
            return np.where(sd > 0, (x - mu) / np.where(sd > 0, sd, 1), 0.0)
        if method == "rank":
            ranks = pd.DataFrame(flat).rank(pct=True, method="average").to_numpy()
            return ranks.reshape(x.shape)
        if method == "target":
            sd = np.nanstd(flat, axis=0, ddof=1)
            tgt = np.nanquantile(flat, 0.05, axis=0) if targets is None else targets
            tgt = np.where(np.isnan(tgt), np.nanquantile(flat, 0.05, axis=0), tgt)
            return np.where(sd > 0, (x - tgt) / np.where(sd > 0, sd, 1), 0.0)
    raise WorkbenchError(f"unknown normalization {method!r}")


def to_positive(v: np.ndarray) -> np.ndarray:
    """Map normalised values to 0.01..1 (pooled min-max) so a geometric mean is defined."""
    return 0.01 + 0.99 * normalize(v, "minmax")


def weights_for(definition: IndexDefinition, cube: Cube) -> np.ndarray:
    """The chosen weights, summing to 1, in component order."""
    c = len(definition.components)
    if definition.weighting == "equal":
        w = np.ones(c)
    elif definition.weighting == "expert":
        w = np.array([comp.weight for comp in definition.components], np.float64)
    elif definition.weighting == "budget":
        if not definition.budgets:
            raise WorkbenchError(f"index {definition.name!r}: budget weighting needs budgets")
        alloc = np.array([[b.get(n, 0.0) for n in cube.components] for b in definition.budgets], np.float64)
        alloc = alloc / alloc.sum(axis=1, keepdims=True)
        w = alloc.mean(axis=0)
    else:
        w = pca_weights(cube.values)
    if (w < 0).any() or not np.isfinite(w).all() or w.sum() <= 0:
        raise WorkbenchError(f"index {definition.name!r}: weights must be non-negative and not all zero")
    return w / w.sum()


def pca_weights(x: np.ndarray) -> np.ndarray:
    """Squared loadings of the first principal component of the standardised complete cases."""
    flat = x.reshape(-1, x.shape[-1])
    flat = flat[~np.isnan(flat).any(axis=1)]
    if len(flat) < flat.shape[1] + 2:
        raise WorkbenchError("too few complete region-periods to derive PCA weights")
    sd = flat.std(axis=0, ddof=1)
    z = (flat - flat.mean(axis=0)) / np.where(sd > 0, sd, 1)
    corr = np.cov(z, rowvar=False)
    _, vecs = np.linalg.eigh(corr)
    return vecs[:, -1] ** 2


def aggregate(v: np.ndarray, mask: np.ndarray, w: np.ndarray, method: str) -> tuple[np.ndarray, np.ndarray]:
    """Score and per-component contributions (score points) of normalised values ``v`` (..., C).

    ``w`` may be (C,) or (N, C) for N weight draws; the result then has a trailing N axis.
    """
    vv = np.where(mask, v, 0.0)
    wm = mask * w  # weights renormalised over the components present
    total = wm.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = wm / total
        if method == "arithmetic":
            contrib = share * vv
            score = contrib.sum(axis=-1)
        else:
            logs = np.where(mask, np.log(np.where(mask, v, 1.0)), 0.0)
            log_score = (share * logs).sum(axis=-1)
            score = np.exp(log_score)
            part = share * logs
            contrib = np.where(np.abs(log_score[..., None]) > 0, part / log_score[..., None], share) * score[..., None]
    return score, contrib


def coverage_mask(values: np.ndarray, min_coverage: float) -> tuple[np.ndarray, np.ndarray]:
    present = ~np.isnan(values)
    covered = present.mean(axis=-1) >= min_coverage - 1e-12
    return present, covered


# -- the index ---------------------------------------------------------------------------

@dataclass
class IndexResult:
    table: pd.DataFrame  # one row per region at the period: scores, ranks, intervals, contributions
    period: pd.Timestamp
    weights: dict[str, float]
    history: pd.DataFrame  # region, period, score for every covered region-period


def aggregate_names(project: Any) -> set[str]:
    """The names of a project's aggregate regions (World, income groups, world regions):
    totals over many countries, not places to act in (none for a store that does not
    mark them, such as a pool)."""
    names = getattr(project, "aggregate_names", None)
    return set(names()) if names is not None else set()


def compute_index(
    obs: pd.DataFrame,
    definition: IndexDefinition,
    codebook: pd.DataFrame | None = None,
    period: pd.Timestamp | str | None = None,
    *,
    leave_out: Collection[str] = (),
) -> IndexResult:
    """Scores, ranks, contributions and rank sensitivity per region at ``period``.

    By default the period is the latest one at which at least half as many regions are
    covered as at the best-covered period (so one early reporter does not define "latest").
    ``leave_out`` names regions that are neither ranked nor part of the normalisation: the
    aggregates (:func:`aggregate_names`), so that "World" never ranks beside the countries
    it sums.
    """
    if len(leave_out):
        obs = obs[~obs["region"].isin(list(leave_out))]
        if obs.empty:
            raise WorkbenchError(f"index {definition.name!r}: only aggregates (World, income groups, world "
                                 "regions) have data; the index ranks places")
    cube = build_cube(obs, definition, codebook)
    targets = np.array([np.nan if c.target is None else c.target * (c.direction or 1.0)
                        for c in definition.components])
    w = weights_for(definition, cube)
    present, covered = coverage_mask(cube.values, definition.min_coverage)
    norm = normalize(cube.values, definition.normalization, targets)
    if definition.aggregation == "geometric":
        norm = to_positive(norm)
    score, contrib = aggregate(norm, present, w, definition.aggregation)
    score = np.where(covered, score, np.nan)
    n_cov = covered.sum(axis=0)
    if not n_cov.any():
        raise WorkbenchError(f"index {definition.name!r}: no region reports enough components "
                             f"(at least {definition.min_coverage:.0%}) in any period")
    if period is None:
        j = int(np.nonzero(n_cov >= 0.5 * n_cov.max())[0][-1])
    else:
        j = cube.periods.get_indexer([pd.Timestamp(period)])[0]
        if j < 0:
            raise WorkbenchError(f"period {pd.Timestamp(period).date()} is not in the index calendar")
    ok = covered[:, j]
    if not ok.any():
        raise WorkbenchError(f"no region has enough components at {cube.periods[j].date()}")
    s = score[:, j]
    rank = pd.Series(-s).rank(method="min").to_numpy()
    mc = rank_sensitivity(cube, definition, w, j, targets)
    table = pd.DataFrame({"region": cube.regions, "period": cube.periods[j], "score": s, "rank": rank})
    table = pd.concat([table, mc], axis=1)
    for k, name in enumerate(cube.components):
        table[f"contrib:{name}"] = np.where(present[:, j, k] & ok, contrib[:, j, k], np.nan)
    table = table[ok].sort_values(["rank", "region"]).reset_index(drop=True)
    r, p = np.nonzero(covered)
    history = pd.DataFrame({"region": cube.regions[r], "period": cube.periods[p], "score": score[r, p]})
    return IndexResult(table=table, period=cube.periods[j], weights=dict(zip(cube.components, w)),
                       history=history)


def rank_sensitivity(
    cube: Cube, definition: IndexDefinition, w: np.ndarray, j: int, targets: np.ndarray
) -> pd.DataFrame:
    """Monte Carlo over weights (Dirichlet) and methods: rank median, 5-95 % interval, top-k share."""
    rng = np.random.default_rng(definition.seed)
    n = definition.draws
    c = len(w)
    draws = rng.dirichlet(np.maximum(w * definition.concentration * c, 1e-3), size=n)  # (N, C)
    present, covered = coverage_mask(cube.values, definition.min_coverage)
    mask = present[:, j, :]
    ok = covered[:, j]
    if definition.vary_methods:
        norms = list(MC_NORMALIZATIONS)
        aggs = list(AGGREGATIONS)
    else:
        norms, aggs = [definition.normalization], [definition.aggregation]
    combos = [(nm, ag) for nm in norms for ag in aggs]
    pick = rng.integers(0, len(combos), size=n)
    scores = np.full((len(cube.regions), n), np.nan)
    for i, (nm, ag) in enumerate(combos):  # at most six method combinations
        sel = pick == i
        if not sel.any():
            continue
        v = normalize(cube.values, nm, targets)
        if ag == "geometric":
            v = to_positive(v)
        s, _ = aggregate(v[:, j, None, :], mask[:, None, :], draws[sel][None, :, :], ag)
        scores[:, sel] = s
    scores[~ok] = np.nan
    # Rank 1 = highest score; NaN (not covered) regions get no rank.
    order = np.argsort(np.where(np.isnan(scores), np.inf, -scores), axis=0, kind="stable")
    ranks = np.empty_like(order, dtype=np.float64)
    np.put_along_axis(ranks, order, np.arange(1, len(cube.regions) + 1, dtype=np.float64)[:, None], axis=0)
    ranks[~ok] = np.nan
    with np.errstate(invalid="ignore"):
        out = pd.DataFrame({
            "rank_median": np.median(ranks, axis=1),
            "rank_p05": np.percentile(ranks, 5, axis=1, method="nearest"),
            "rank_p95": np.percentile(ranks, 95, axis=1, method="nearest"),
            "top_k_share": np.where(ok, (ranks <= definition.top_k).mean(axis=1), np.nan),
        })
    return out


def default_definition(obs: pd.DataFrame, codebook: pd.DataFrame | None, name: str = "default") -> IndexDefinition:
    """Equal-weight min-max arithmetic index over every indicator most regions report.

    A starting point for the analyst's own definition: all whole-population, observed
    indicators reported by at least half of the regions.
    """
    whole = obs[(obs["group"].fillna("") == "") & obs["value"].notna()]
    if not len(whole):
        raise WorkbenchError("the project has no whole-population observations to build an index from")
    n_regions = whole["region"].nunique()
    reach = whole.groupby("indicator")["region"].nunique()
    names = sorted(reach[reach >= 0.5 * n_regions].index)
    return IndexDefinition(name=name, components=[Component(indicator=n) for n in names])

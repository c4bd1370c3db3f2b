"""A synthetic project of N monthly series for the run benchmark (``bench_run.py``) and the
alert-identity test: districts x 10 indicators, built through the store API.

Per district: six levels (percentages to one decimal: a slow random walk around a district
level plus noise, a yearly season on two of them), three counts (incidents, protests,
fatalities: Poisson or overdispersed, often zero) and one level reported for two groups
(host / displaced, which gives the gap, spread and polarization series the ``polarization``
rule watches); two levels have a codebook threshold (``fixed_threshold``). About 2 % of the values are missing, 5 % of the series start late, and 4 %
carry an escalation (a step of 2-6 spreads, or a burst of counts) somewhere in the last
five years, some lasting long enough to become protracted. Deterministic for a seed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

#: Codebook thresholds (the ``fixed_threshold`` rule watches these two).
THRESHOLDS = {"food_insecurity": 45.0, "youth_unemployment": 55.0}

INDICATORS = [
    # key, unit, direction, kind ("level" | "count" | "group")
    ("trust_in_others", "%", "higher_is_better", "level"),
    ("perceived_discrimination", "%", "higher_is_worse", "level"),
    ("civic_participation", "%", "higher_is_better", "level"),
    ("hate_speech_reports", "per 100k", "higher_is_worse", "level"),
    ("youth_unemployment", "%", "higher_is_worse", "level"),
    ("food_insecurity", "%", "higher_is_worse", "level"),
    ("incidents", "incidents", "higher_is_worse", "count"),
    ("protests", "events", "higher_is_worse", "count"),
    ("fatalities", "deaths", "higher_is_worse", "count"),
    ("feeling_safe", "%", "higher_is_better", "group"),
]
GROUPS = ("host", "displaced")
#: Observed series per district (the grouped indicator counts once per group).
SERIES_PER_DISTRICT = 9 + len(GROUPS) - 1


def _district_values(rng: np.random.Generator, months: int) -> list[tuple[str, str, np.ndarray]]:
    out = []
    t = np.arange(months)
    for key, _unit, _direction, kind in INDICATORS:
        for grp in (GROUPS if kind == "group" else ("",)):
            if kind == "count":
                mean = rng.choice([0.3, 1.0, 3.0, 8.0, 25.0])
                lam = mean * np.exp(0.3 * rng.standard_normal() + 0.2 * rng.standard_normal(months).cumsum() / 4)
                v = rng.poisson(lam).astype(float)
                if rng.random() < 0.04:
                    at = int(rng.integers(months // 2, months))
                    width = int(rng.integers(1, 14))
                    v[at:at + width] += rng.poisson(mean * 4 + 6, size=len(v[at:at + width]))
            else:
                level = rng.uniform(15, 70)
                sd = rng.uniform(0.8, 3.0)
                v = level + 0.15 * sd * rng.standard_normal(months).cumsum() + sd * rng.standard_normal(months)
                if key in ("food_insecurity", "civic_participation"):
                    v += 1.5 * sd * np.sin(2 * np.pi * t / 12)
                if rng.random() < 0.04:
                    at = int(rng.integers(months // 2, months))
                    width = int(rng.integers(2, 30))
                    sign = -1.0 if _direction == "higher_is_better" else 1.0
                    v[at:at + width] += sign * rng.uniform(2, 6) * sd
                v = np.clip(v, 0, 100).round(1)
            v[rng.random(months) < 0.02] = np.nan
            if rng.random() < 0.05:
                v[: int(rng.integers(6, months // 2))] = np.nan
            out.append((key, grp, v))
    return out


def build(path: Path, series: int, months: int = 120, seed: int = 1, chunk: int = 1_000) -> Path:
    """Write the project (``series`` observed series, rounded to whole districts) to ``path``."""
    from workbench.store import open_project

    districts = max(1, series // SERIES_PER_DISTRICT)
    rng = np.random.default_rng(seed)
    periods = pd.date_range("2016-01-01", periods=months, freq="MS").strftime("%Y-%m-%d").to_numpy()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    with open_project(partial, create=True) as project, project.transaction() as conn:
        names = [f"District {i:06d}" for i in range(districts)]
        region_ids = project.ensure_regions(pd.DataFrame({
            "region": names, "province": [f"Province {i // 40:04d}" for i in range(districts)],
            "country": "Benchland"}))
        codebook = pd.DataFrame([{"indicator": k, "unit": u, "direction": d, "domain": "cohesion",
                                  "threshold": THRESHOLDS.get(k, np.nan)} for k, u, d, _ in INDICATORS])
        ind_ids = project.ensure_indicators([k for k, *_ in INDICATORS], codebook)
        import_id = project.record_import(file_name="bench.csv", sha256="0" * 64, sheet=None, mapping={},
                                          report={}, rows_read=0, rows_kept=0, rows_rejected=0)
        for lo in range(0, districts, chunk):
            rid, iid, grp, vals = [], [], [], []
            for d in range(lo, min(districts, lo + chunk)):
                for key, g, v in _district_values(rng, months):
                    rid.append(region_ids[names[d].casefold()])
                    iid.append(ind_ids[key])
                    grp.append(g)
                    vals.append(v)
            k = len(vals)
            frame = pd.DataFrame({
                "region_id": np.repeat(rid, months), "indicator_id": np.repeat(iid, months),
                "period": np.tile(periods, k), "grp": np.repeat(grp, months), "freq": "M",
                "value": np.concatenate(vals),
            })
            project.write_observations(frame, import_id)
        conn.execute("UPDATE import SET rows_read = (SELECT count(*) FROM observation), "
                     "rows_kept = (SELECT count(*) FROM observation) WHERE id = ?", (import_id,))
    partial.replace(path)
    return path

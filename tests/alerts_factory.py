"""Tiny projects with known episodes for the alerts tests, written via the store API."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.store import open_project

START = "2020-01-01"


def noise_series(n: int, seed: int, level: float = 30.0, sd: float = 1.0) -> np.ndarray:
    return level + np.random.default_rng(seed).normal(0, sd, n)


def with_step(values: np.ndarray, onset: int, size: float, length: int | None = None) -> np.ndarray:
    """``values`` with a jump of ``size`` from ``onset`` (for ``length`` periods, or to the end)."""
    out = values.copy()
    stop = len(out) if length is None else onset + length
    out[onset:stop] += size
    return out


def write_series(
    path: Path,
    series: dict[tuple[str, str], np.ndarray],
    *,
    units: dict[str, str] | None = None,
    directions: dict[str, str] | None = None,
    start: str = START,
    file_name: str = "data.csv",
) -> Path:
    """Write monthly ``(region, indicator) -> values`` (NaN = missing) as one import."""
    rows = []
    for (region, indicator), values in series.items():
        periods = pd.date_range(start, periods=len(values), freq="MS").strftime("%Y-%m-%d")
        rows.append(pd.DataFrame({"region": region, "indicator": indicator, "period": periods,
                                  "value": np.asarray(values, float)}))
    frame = pd.concat(rows, ignore_index=True)
    indicators = sorted(frame["indicator"].unique())
    codebook = pd.DataFrame({
        "indicator": indicators,
        "unit": [(units or {}).get(i, "%") for i in indicators],
        "direction": [(directions or {}).get(i, "higher_is_worse") for i in indicators],
    })
    with open_project(path, create=True) as project, project.transaction():
        rid = project.ensure_regions(frame[["region"]])
        iid = project.ensure_indicators(indicators, codebook)
        import_id = project.record_import(
            file_name=file_name, sha256=hashlib.sha256(file_name.encode()).hexdigest(), sheet=None, mapping={},
            report={}, rows_read=len(frame), rows_kept=len(frame), rows_rejected=0,
        )
        project.write_observations(
            pd.DataFrame({
                "region_id": frame["region"].str.casefold().map(rid),
                "indicator_id": frame["indicator"].str.casefold().map(iid),
                "period": frame["period"], "grp": "", "freq": "M", "value": frame["value"],
            }),
            import_id,
        )
    return path


def alert_rows(path: Path) -> list[tuple]:
    """Every alert row, in id order, exactly as stored."""
    with open_project(path, readonly=True) as project:
        return project.conn.execute("SELECT * FROM alert ORDER BY id").fetchall()


def event_rows(path: Path) -> list[tuple]:
    with open_project(path, readonly=True) as project:
        return project.conn.execute("SELECT * FROM alert_event ORDER BY id").fetchall()

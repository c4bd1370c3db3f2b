"""The real conflict-count set: admin1 x month events and fatalities with a documented truth.

Files in ``benchmarks/data/conflict/`` (origin, aggregation and terms in its SOURCES.md; how
the truth table was written, before any alert was looked at, in TRUTH_METHOD.md). Regions
are named ``"ISO3 admin1"`` so that homonyms in two countries stay apart. The truth's
``split`` column was fixed before anything ran: tune on ``tuning``, report ``held_out``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[1] / "data" / "conflict"
INDICATORS = ("events", "fatalities")


@dataclass
class ConflictSet:
    observations: pd.DataFrame
    codebook: pd.DataFrame
    truth: pd.DataFrame  # region, kind (onset|quiet), onset, end, description, source, split
    last_period: dict[str, pd.Timestamp]


def load(split: str | None = None, data: Path = DATA) -> ConflictSet:
    """Observations and truth of one split (``tuning``, ``held_out``) or of all countries."""
    truth = pd.read_csv(data / "truth.csv", dtype=str, keep_default_na=False)
    if split:
        truth = truth[truth["split"] == split]
    countries = sorted(truth["country"].unique())
    frames = []
    for iso3 in countries:
        df = pd.read_csv(data / f"{iso3.lower()}_admin1_monthly.csv", dtype={"admin1_pcode": str})
        df["region"] = iso3 + " " + df["admin1"]
        frames.append(df)
    counts = pd.concat(frames, ignore_index=True)
    obs = counts.melt(id_vars=["region", "month"], value_vars=list(INDICATORS), var_name="indicator",
                      value_name="value")
    obs = obs.rename(columns={"month": "period"})
    obs["period"] = pd.to_datetime(obs["period"])
    obs["group"] = ""
    obs["freq"] = "M"
    obs["value"] = obs["value"].astype(float)
    codebook = pd.DataFrame({
        "id": [1, 2], "key": list(INDICATORS), "name": ["Political violence events", "Fatalities"],
        "domain": "conflict", "unit": "count", "direction": "higher_is_worse", "threshold": float("nan"),
        "description": "",
    })
    truth = truth.assign(region=truth["country"] + " " + truth["admin1"],
                         onset=pd.to_datetime(truth["onset"]), end=pd.to_datetime(truth["end"]))
    last = counts.groupby("region")["month"].max()
    return ConflictSet(obs[["region", "indicator", "group", "period", "value", "freq"]], codebook,
                       truth.reset_index(drop=True), {r: pd.Timestamp(p) for r, p in last.items()})

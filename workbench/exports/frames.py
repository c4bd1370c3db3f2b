"""The observation table as it is exported: stable columns, with the district's province.

Other exports (alerts, history, backtests) live in ``alerts/``; this one belongs to the core
because observations are core data.
"""

from __future__ import annotations

import pandas as pd

from workbench.store.project import Project

#: Column order of ``workbench export --what observations`` (docs/exports.md).
OBSERVATION_COLUMNS = ["region", "province", "indicator", "group", "period", "freq", "value", "unit"]


def region_provinces(regions: pd.DataFrame, *, by: str = "name") -> dict:
    """Region ``by`` (name or id) -> the name of its parent ('' for top-level regions).

    By name, a district wins over a province of the same name: alerts name districts.
    """
    name_of = dict(zip(regions["id"], regions["name"]))
    parent = regions["parent_id"].map(name_of).fillna("")
    order = regions["level"].isin(["district", "other"]).to_numpy().argsort(kind="stable")
    return dict(zip(regions[by].to_numpy()[order], parent.to_numpy()[order]))


def observations_frame(project: Project) -> pd.DataFrame:
    """Every observation, sorted by region, indicator, group and period."""
    df = project.observations(with_ids=True)
    codebook = project.indicators()
    df["province"] = df["region_id"].map(region_provinces(project.regions(), by="id")).fillna("")
    df["unit"] = df["indicator"].map(dict(zip(codebook["key"], codebook["unit"]))).fillna("")
    df = df.sort_values(["region", "indicator", "group", "period"], kind="stable")
    return df[OBSERVATION_COLUMNS].reset_index(drop=True)

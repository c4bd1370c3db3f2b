"""A small project with provinces, hostile region names and known alerts, for the export and
brief tests: written with the store API and run through the real alert engine."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from alerts import lifecycle
from alerts.engine import run_models
from workbench.store import open_project

#: Region names an imported file could carry: each would be a live formula in a spreadsheet.
HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+1", "-2+3", "@SUM(A1)"]
SAFE = ["Kibali", "Lomé"]
PROVINCE = {HOSTILE[0]: "North", HOSTILE[1]: "North", HOSTILE[2]: "South", HOSTILE[3]: "South",
            "Kibali": "North", "Lomé": "South"}
N_MONTHS = 48
ONSET = 40


def build_project(path: Path) -> Path:
    """Six districts x two indicators, monthly; a jump at ``ONSET`` in every district's incidents
    and a negative-valued indicator; run twice with one alert closed in between."""
    rng = np.random.default_rng(7)
    periods = pd.date_range("2021-01-01", periods=N_MONTHS, freq="MS")
    rows = []
    for k, region in enumerate(HOSTILE + SAFE):
        incidents = 10 + rng.normal(0, 1, N_MONTHS)
        incidents[ONSET:] += 8 + k % 3
        change = rng.normal(-1.5, 0.5, N_MONTHS)  # a real negative number, must stay a number
        for ind, vals in (("incidents", incidents), ("net_change", change)):
            rows.append(pd.DataFrame({"region": region, "province": PROVINCE[region], "indicator": ind,
                                      "period": periods.strftime("%Y-%m-%d"), "value": vals}))
    frame = pd.concat(rows, ignore_index=True)
    # Incidents per 10,000 people: a rate (judged as a level), not a raw count.
    codebook = pd.DataFrame({"indicator": ["incidents", "net_change"], "unit": ["per 10k", "points"],
                             "direction": ["higher_is_worse", "higher_is_worse"]})
    with open_project(path, create=True) as project, project.transaction():
        rid = project.ensure_regions(frame[["region", "province"]])
        iid = project.ensure_indicators(["incidents", "net_change"], codebook)
        import_id = project.record_import(
            file_name="partners.xlsx", sha256="0" * 63 + "1", sheet=None, mapping={}, report={},
            rows_read=len(frame), rows_kept=len(frame), rows_rejected=0,
        )
        project.write_observations(pd.DataFrame({
            "region_id": frame["region"].map(lambda r: rid[" ".join(r.split()).casefold()]),
            "indicator_id": frame["indicator"].map(iid),
            "period": frame["period"], "grp": "", "freq": "M", "value": frame["value"],
        }), import_id)
    run_models(path)
    with open_project(path) as project, project.transaction() as conn:
        first = conn.execute("SELECT id FROM alert WHERE region = 'Kibali' ORDER BY id LIMIT 1").fetchone()[0]
        lifecycle.set_status(conn, first, "acknowledged", actor="tester", note="seen")
        lifecycle.set_status(conn, first, "verified", actor="tester", note="confirmed by the field office",
                             likelihood=4, consequence=3, outcome="respond")
        lifecycle.set_status(conn, first, "closed", actor="tester", note="=cmd|' /C calc'!A0")
    run_models(path)
    return path

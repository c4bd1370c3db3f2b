"""One source of truth: the CLI, the desktop's data layer and the brief agree on the sample project.

The sample project (a copy of ``sample_data/sample.wbproj``) is read three ways: by the
command line (``workbench alerts``, ``workbench report``), by the desktop's data layer (the
snapshot the window loads, the inbox's table model, the tree's badges, the heatmap) and by the
brief's data. Lists, counts, severities and heatmap cells must be identical, and the brief
must count what the inbox lists.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "sample.wbproj"

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("truth") / "sample.wbproj"
    shutil.copy(SAMPLE, path)
    return path


@pytest.fixture(scope="module")
def snap(project: Path):
    from ui.snapshot import load_snapshot

    return load_snapshot(project)


def cli_json(run_cli, *args: object) -> list[dict]:
    code, out, err = run_cli(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def inbox_rows(qapp, snap, **view) -> list[dict]:
    """What the desktop inbox lists under a filter, read through its table model."""
    from ui.alerts_inbox import SituationTableModel

    model = SituationTableModel()
    model.set_alerts(snap.alerts)
    model.apply_filter(**{"status": None, "severity": None, **view})
    rows = [model.situation(r) for r in range(model.rowCount())]
    return [{"situation_id": int(s["situation_id"]), "region": s["region"], "severity": s["severity"],
             "alerts": int(s["alerts"]), "alert_ids": sorted(int(i) for i in s["alert_ids"]),
             "first_period": s["first_period"], "last_period": s["last_period"]} for s in rows]


def cli_rows(situations: list[dict]) -> list[dict]:
    return [{"situation_id": s["situation_id"], "region": s["region"], "severity": s["severity"],
             "alerts": s["alerts"], "alert_ids": sorted(int(i) for i in s["alert_ids"].split()),
             "first_period": s["first_period"], "last_period": s["last_period"]} for s in situations]


def by_id(rows: list[dict]) -> dict[int, dict]:
    return {r["situation_id"]: r for r in rows}


def test_every_alert_reads_the_same(run_cli, project: Path, snap) -> None:
    cli = cli_json(run_cli, "alerts", "--project", project)
    assert len(cli) == len(snap.alerts) > 100
    cols = ["id", "severity", "status", "situation_id", "first_period", "last_period", "region", "indicator"]
    desktop = {int(r.id): tuple(getattr(r, c) for c in cols[1:]) for r in snap.alerts.itertuples()}
    assert {a["id"]: tuple(a[c] for c in cols[1:]) for a in cli} == desktop
    active = cli_json(run_cli, "alerts", "--project", project, "--active")
    assert 0 < len(active) < len(cli)
    assert {a["id"] for a in active} == set(snap.alerts.loc[snap.alerts["active"], "id"].astype(int))


@pytest.mark.parametrize("view, args", [
    ({"status": "active"}, ["--active"]),
    ({}, []),
    ({"status": "open"}, ["--status", "open"]),
    ({"status": "acknowledged"}, ["--status", "acknowledged"]),
    ({"status": "active", "severity": "high"}, ["--active", "--severity", "high"]),
    ({"severity": "medium"}, ["--severity", "medium"]),
])
def test_inbox_lists_the_situations_the_cli_lists(run_cli, qapp, project: Path, snap, view, args) -> None:
    cli = cli_rows(cli_json(run_cli, "alerts", "--project", project, "--situations", *args))
    desktop = inbox_rows(qapp, snap, **view)
    assert len(desktop) == len(cli)
    assert by_id(desktop) == by_id(cli)
    if view == {"status": "active"}:
        assert len(cli) >= 5  # the sample has escalations under way at its end
    # The same order when both sort worst first.
    assert [r["severity"] for r in desktop] == [r["severity"] for r in cli]


def test_tree_badges_count_the_active_alerts_the_cli_lists(run_cli, project: Path, snap) -> None:
    from alerts.views import region_risk

    active = pd.DataFrame(cli_json(run_cli, "alerts", "--project", project, "--active"))
    expected = active.groupby("region").size().to_dict()
    names = dict(zip(snap.regions["id"], snap.regions["name"]))
    badges = {names[rid]: count for rid, (_sev, count) in region_risk(snap.alerts).items()}
    assert badges == expected
    # A district's badge is the sum of its situations' alert counts in the Active view.
    sit = cli_rows(cli_json(run_cli, "alerts", "--project", project, "--situations", "--active"))
    per_region = pd.DataFrame(sit).groupby("region")["alerts"].sum().to_dict()
    assert badges == per_region


def test_heatmap_cells_are_the_briefs(project: Path, snap) -> None:
    from alerts.brief_data import collect_brief, risk_grid
    from ui.heatmap import risk_matrix

    desktop = risk_matrix(snap)
    brief = risk_grid(collect_brief(project), months=24)
    assert len(brief.months) == 24 and brief.months[-1] == desktop.months[-1]
    cols = desktop.months.get_indexer(brief.months)
    assert (cols >= 0).all()
    assert brief.regions == desktop.regions and brief.provinces == desktop.provinces
    np.testing.assert_array_equal(brief.strength, desktop.strength[:, cols])
    np.testing.assert_array_equal(brief.alert, desktop.alert[:, cols])
    assert (brief.strength > 0).sum() > 50  # a real picture, not an empty grid


def test_brief_counts_what_the_inbox_lists(run_cli, qapp, project: Path, snap, tmp_path: Path) -> None:
    out = tmp_path / "brief.xlsx"
    code, summary, err = run_cli("report", "--project", project, "--out", out)
    assert code == 0, err
    ws = openpyxl.load_workbook(out)["Summary"]
    rows = {ws.cell(row=r, column=1).value: (ws.cell(row=r, column=2).value, ws.cell(row=r, column=3).value)
            for r in range(9, 13)}
    inbox = inbox_rows(qapp, snap, status="active")
    alerts = snap.alerts[snap.alerts["active"]]
    for sev in ("high", "medium", "low"):
        assert rows[sev] == (sum(r["severity"] == sev for r in inbox), int((alerts["severity"] == sev).sum()))
    assert rows["total active"] == (len(inbox), len(alerts))
    assert f"{len(inbox)} active situation(s) ({len(alerts)} alerts)" in summary

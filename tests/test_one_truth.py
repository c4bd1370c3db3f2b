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


def test_the_meeting_is_the_same_in_the_cli_the_inbox_and_the_brief(run_cli, qapp, project: Path,
                                                                      tmp_path: Path) -> None:
    """What moved since the last meeting: ``workbench alerts --since-meeting``, the inbox's
    landing view and the brief's Meeting sheet list the same situations for the same reasons;
    the decisions taken since are in the brief with who and the risk assessment; writing the
    brief records the meeting, after which nothing has moved. (Last in this module: it decides.)"""
    from alerts.meeting import MARKER_KEY, marker_time, parse_marker
    from ui.alerts_inbox import SituationTableModel
    from ui.snapshot import load_snapshot

    code, _, err = run_cli("meeting", "--project", project, "--set", "2000-01-01", "--actor", "lead")
    assert code == 0, err
    active = cli_json(run_cli, "alerts", "--project", project, "--active")
    target = active[0]["id"]
    code, _, err = run_cli("alert", target, "--project", project, "--set", "acknowledged", "--actor", "amina",
                           "--note", "called the district office")
    assert code == 0, err
    code, _, err = run_cli("alert", target, "--project", project, "--set", "verified", "--likelihood", "4",
                           "--consequence", "3", "--outcome", "respond", "--actor", "amina")
    assert code == 0, err
    code, _, err = run_cli("alert", target, "--project", project, "--correct", "acknowledged", "--actor", "omar",
                           "--note", "verified before the field visit")
    assert code == 0, err

    cli = cli_json(run_cli, "alerts", "--project", project, "--since-meeting", "--situations")
    snap = load_snapshot(project)
    model = SituationTableModel()
    model.set_meeting(snap.events, marker_time(parse_marker(snap.meta.get(MARKER_KEY))))
    model.set_alerts(snap.alerts)
    model.apply_filter(status="meeting", severity=None)
    inbox = {int(model.situation(r)["situation_id"]): model.situation(r)["why"] for r in range(model.rowCount())}
    assert inbox == {s["situation_id"]: s["why"] for s in cli}
    assert len(inbox) >= 5 and any("changed" in w for w in inbox.values())

    out = tmp_path / "meeting.xlsx"
    code, summary, err = run_cli("report", "--project", project, "--out", out)
    assert code == 0, err
    assert "meeting marker set to" in summary
    ws = openpyxl.load_workbook(out)["Meeting"]
    rows = list(ws.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r[0] == "why"))
    brief = {}
    for r in rows[header + 1:]:
        if r[0] is None:
            break
        brief[int(r[1])] = r[0]
    assert brief == inbox
    dec_header = next(i for i, r in enumerate(rows) if r[0] == "at")
    decisions = [r for r in rows[dec_header + 1:] if r[0] is not None]
    mine = [r for r in decisions if r[2] == target]
    assert [(r[1], r[5], r[7]) for r in mine] == [("amina", "transition", "acknowledged"),
                                                 ("amina", "transition", "verified"),
                                                 ("omar", "correction", "acknowledged")]
    assert mine[0][8] == "called the district office" and (mine[1][11], mine[1][12]) == ("high", "respond")
    # The brief recorded the meeting: since then nothing has moved (what stays is only what is
    # still waiting for verification after a week, which depends on the day the test runs).
    code, out_json, err = run_cli("meeting", "--project", project, "--format", "json")
    assert code == 0, err
    assert json.loads(out_json)[0]["source"] == "brief"
    assert {a["why"] for a in cli_json(run_cli, "alerts", "--project", project, "--since-meeting")} <= {"overdue"}

"""Model runs: idempotence, episode extension, withdrawal, linked re-opening, run records."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from alerts_factory import alert_rows, event_rows, noise_series, with_step, write_series

from alerts import lifecycle
from alerts.engine import run_models
from workbench.errors import Cancelled
from workbench.progress import CancelToken
from workbench.store import open_project

KIBALI = ("Kibali", "perceived_discrimination")


def base_series(n: int = 48) -> dict[tuple[str, str], np.ndarray]:
    return {
        KIBALI: with_step(noise_series(48, 1), 40, 8)[:n],
        ("Kibali", "trust"): noise_series(48, 2)[:n],
        ("Arua", "perceived_discrimination"): noise_series(48, 3)[:n],
    }


def alerts_of(path: Path) -> list[dict]:
    with open_project(path, readonly=True) as p:
        p.conn.row_factory = __import__("sqlite3").Row
        return [dict(r) for r in p.conn.execute("SELECT * FROM alert ORDER BY id")]


def test_first_run_opens_an_explained_alert(project_path: Path) -> None:
    write_series(project_path, base_series())
    s = run_models(project_path)
    assert (s.created, s.updated, s.withdrawn, s.series, s.rules) == (1, 0, 0, 3, 3)
    [a] = alerts_of(project_path)
    assert (a["rule"], a["region"], a["indicator"], a["status"]) == ("escalation", "Kibali", "perceived_discrimination", "new")
    assert a["first_period"] == "2023-05-01" and a["last_period"] >= "2023-08-01"
    assert a["severity"] == "high" and a["score"] > 5
    assert a["explanation"].startswith("perceived_discrimination in Kibali rose to ")
    assert "; normally about 30 %;" in a["explanation"] and "spreads above the 3-year baseline" in a["explanation"]
    assert a["opened_run"] == a["updated_run"] == s.run_id
    assert a["situation_id"] == a["id"]
    [e] = event_rows(project_path)
    assert e[4:10] == ("system", None, "new", "opened by run 1", "run", e[9])


def test_rerun_on_same_data_changes_nothing_but_the_run_record(project_path: Path) -> None:
    write_series(project_path, base_series())
    run_models(project_path)
    with open_project(project_path) as p, p.transaction() as conn:
        lifecycle.set_status(conn, 1, "acknowledged", actor="amina")
    before_alerts, before_events = alert_rows(project_path), event_rows(project_path)
    s = run_models(project_path)
    assert (s.created, s.updated, s.withdrawn, s.unchanged) == (0, 0, 0, 1)
    assert alert_rows(project_path) == before_alerts  # byte-for-byte the same rows
    assert event_rows(project_path) == before_events
    with open_project(project_path, readonly=True) as p:
        runs = p.conn.execute("SELECT id, data_fingerprint, ruleset_hash, code_version, counts FROM run").fetchall()
    assert len(runs) == 2 and runs[0][1:4] == runs[1][1:4]
    assert json.loads(runs[1][4])["unchanged"] == 1


def test_new_data_extends_the_ongoing_episode(project_path: Path) -> None:
    write_series(project_path, base_series(44))
    run_models(project_path)
    [first] = alerts_of(project_path)
    assert first["last_period"] == "2023-08-01"
    write_series(project_path, base_series(48), file_name="more.csv")
    s = run_models(project_path)
    assert (s.created, s.updated, s.extended) == (0, 1, 1)
    [later] = alerts_of(project_path)
    assert later["id"] == first["id"] and later["uid"] == first["uid"]
    assert later["first_period"] == first["first_period"]
    assert later["last_period"] == "2023-12-01"
    assert later["updated_run"] == s.run_id and later["opened_run"] == first["opened_run"]
    assert event_rows(project_path)[-1][7] == "episode extended to 2023-12"


def test_correction_that_removes_the_signal_withdraws_the_alert(project_path: Path) -> None:
    write_series(project_path, base_series())
    run_models(project_path)
    corrected = base_series()
    corrected[KIBALI] = noise_series(48, 1)
    write_series(project_path, corrected, file_name="corrected.csv")
    s = run_models(project_path)
    assert (s.created, s.withdrawn) == (0, 1)
    [a] = alerts_of(project_path)
    assert a["status"] == "withdrawn"  # kept, never deleted
    last = event_rows(project_path)[-1]
    assert last[5:7] == ("new", "withdrawn") and "no longer present" in last[7]
    # Running again after the withdrawal changes nothing.
    rows = alert_rows(project_path)
    assert run_models(project_path).withdrawn == 0
    assert alert_rows(project_path) == rows
    # The signal comes back (the correction was itself wrong): a new alert, linked.
    write_series(project_path, base_series(), file_name="restored.csv")
    s = run_models(project_path)
    assert s.created == 1
    new = alerts_of(project_path)[-1]
    assert new["status"] == "new" and new["previous_alert_id"] == 1


def test_signal_after_a_closed_alert_opens_a_linked_new_episode(project_path: Path) -> None:
    write_series(project_path, base_series(44))
    run_models(project_path)
    with open_project(project_path) as p, p.transaction() as conn:
        lifecycle.set_status(conn, 1, "dismissed", actor="amina", reason="known_cause")
    rows = alert_rows(project_path)
    assert run_models(project_path).created == 0  # same data: the decision stands
    assert alert_rows(project_path) == rows
    write_series(project_path, base_series(48), file_name="more.csv")
    s = run_models(project_path)
    assert s.created == 1
    old, new = alerts_of(project_path)
    assert old["status"] == "dismissed" and old["last_period"] == "2023-08-01"
    assert new["previous_alert_id"] == old["id"] and new["status"] == "new"
    assert new["first_period"] == "2023-09-01" and new["last_period"] == "2023-12-01"
    # and it is stable on the next run
    rows = alert_rows(project_path)
    run_models(project_path)
    assert alert_rows(project_path) == rows


def test_rules_are_stored_in_the_project_and_can_be_edited(project_path: Path, run_cli, tmp_path: Path) -> None:
    write_series(project_path, base_series())
    code, out, _ = run_cli("rules", "--project", project_path)
    assert code == 0 and 'name = "escalation"' in out
    custom = tmp_path / "rules.toml"
    custom.write_text('[[rule]]\nname = "escalation"\nmethods = ["robust_z"]\nscore_scale = 20.0\n')
    code, out, err = run_cli("rules", "--project", project_path, "--import", custom)
    assert code == 0, err
    s = run_models(project_path)
    assert s.created == 0  # nothing reaches 70 robust z
    exported = tmp_path / "out.toml"
    assert run_cli("rules", "--project", project_path, "--export", exported)[0] == 0
    assert "score_scale = 20.0" in exported.read_text()


def test_cancel_leaves_the_project_untouched(project_path: Path) -> None:
    write_series(project_path, base_series())
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        run_models(project_path, cancel=token)
    assert alert_rows(project_path) == []
    with open_project(project_path, readonly=True) as p:
        assert p.conn.execute("SELECT count(*) FROM run").fetchone()[0] == 0


def test_cli_run_and_runs(project_path: Path, run_cli) -> None:
    write_series(project_path, base_series())
    code, out, err = run_cli("run", "--project", project_path)
    assert code == 0 and "1 new alerts" in out, err
    code, out, err = run_cli("runs", "--project", project_path, "--format", "json")
    [run] = json.loads(out)
    assert run["code_version"] and run["ruleset_hash"] and json.loads(run["counts"])["created"] == 1
    code, out, err = run_cli("run", "--project", project_path.with_name("missing.wbproj"))
    assert code == 2 and err.startswith("error: ")


def test_a_correction_that_splits_an_episode_keeps_reruns_idempotent(project_path: Path) -> None:
    """One episode corrected into two: the first keeps the alert, the second gets its own,
    and running again on the same data changes nothing."""
    import pandas as pd

    from alerts.engine import _Found
    from alerts.episodes import RuleEvaluation
    from alerts.rules import Rule
    from workbench.models.panel import DetectorResult, SeriesPanel

    write_series(project_path, {("R", "x"): np.arange(8, dtype=float)})
    flags = {"now": [0, 1, 1, 1, 1, 1, 1, 0]}

    def evaluator(obs, codebook, rules, **kw):
        rule = Rule(name=rules[0].name, methods=("robust_z",))
        keys = pd.DataFrame([{"region": "R", "indicator": "x", "group": "", "kind": "observed"}])
        periods = pd.date_range("2024-01-01", periods=8, freq="MS")
        vals = np.arange(8, dtype=float)[None, :]
        f = np.array(flags["now"], bool)[None, :]
        res = DetectorResult("robust_z", score=np.where(f, 5.0, 0.0), flag=f, value=vals,
                             baseline=np.zeros_like(vals), spread=np.ones_like(vals),
                             threshold=np.full_like(vals, 3.0))
        ev = RuleEvaluation(rule, SeriesPanel(keys, periods, "M", vals, np.ones(1)), {"robust_z": res}, None)
        idx = ev.index
        found = []
        for i in range(len(idx)):
            r, s, e, o = int(idx.row[i]), int(idx.start[i]), int(idx.end[i]), int(idx.opened[i])
            found.append(_Found(ev.summarize(r, s, e, o), ev, r, s, e, o))
        return found, 1

    def extents() -> list[tuple[str, str, str]]:
        return [(a["status"], a["first_period"], a["last_period"])
                for a in alerts_of(project_path) if a["region"] == "R"]

    run_models(project_path, evaluator=evaluator)
    assert extents() == [("new", "2024-02-01", "2024-07-01")]
    flags["now"] = [0, 1, 1, 0, 0, 1, 1, 0]
    second = run_models(project_path, evaluator=evaluator)
    assert extents() == [("new", "2024-02-01", "2024-03-01"), ("new", "2024-06-01", "2024-07-01")]
    assert second.created == 1
    third = run_models(project_path, evaluator=evaluator)
    assert third.created == 0 and third.updated == 0
    assert extents() == [("new", "2024-02-01", "2024-03-01"), ("new", "2024-06-01", "2024-07-01")]


def test_a_new_normal_becomes_a_protracted_situation_and_the_next_rise_is_linked(project_path: Path) -> None:
    rng = np.random.default_rng(3)
    x = 30 + rng.normal(0, 1, 120)
    x[60:] += 5  # becomes the new normal ...
    x[96:] += 5  # ... and a further escalation on top of it
    write_series(project_path, {KIBALI: x})
    run_models(project_path)
    alerts = [a for a in alerts_of(project_path) if a["rule"] == "escalation"]
    first = alerts[0]
    later = next(a for a in alerts if a["first_period"] == "2028-01-01")  # the step on top, at once
    details = json.loads(first["details"])
    assert first["first_period"] == "2025-01-01" or first["first_period"] == "2025-02-01"
    assert details["protracted_period"] and details["active_through"] is None
    assert later["previous_alert_id"] == first["id"]
    notes = [e[7] for e in event_rows(project_path) if e[2] == first["id"]]
    assert any(n.startswith("a protracted situation since") for n in notes)
    # Re-running writes nothing new: the protracted event is not repeated.
    before = event_rows(project_path)
    run_models(project_path)
    assert event_rows(project_path) == before
    # Protracted situations are not active: they left the decision inbox.
    from alerts.listing import alerts_frame

    with open_project(project_path, readonly=True) as p:
        active = set(alerts_frame(p.conn, active=True)["id"])
    assert not active & {first["id"], later["id"]}


def test_a_project_on_the_previous_shipped_rules_is_upgraded_by_its_next_run(project_path: Path) -> None:
    from alerts.rules import load_rules_toml, save_rules, stored_rules

    previous = Path(__file__).resolve().parents[1] / "benchmarks" / "warning_quality" / "previous_rules.toml"
    old = load_rules_toml(previous.read_text(encoding="utf-8"))
    write_series(project_path, base_series())
    with open_project(project_path) as p, p.transaction() as conn:
        save_rules(conn, old, "2026-11-25T00:00:00")
    s = run_models(project_path)  # the upgrade happens on this run
    with open_project(project_path, readonly=True) as p:
        names = {r.name for r in stored_rules(p.conn)}
    assert names == {"escalation", "polarization", "fixed_threshold"}
    assert {a["rule"] for a in alerts_of(project_path)} <= names and s.created >= 1


def test_the_upgrade_withdraws_unhandled_alerts_of_retired_rules_only(project_path: Path) -> None:
    import sqlite3
    import uuid

    from alerts.history import append_event
    from alerts.rules import load_rules_toml, save_rules

    previous = Path(__file__).resolve().parents[1] / "benchmarks" / "warning_quality" / "previous_rules.toml"
    write_series(project_path, base_series())
    with open_project(project_path) as p, p.transaction() as conn:
        save_rules(conn, load_rules_toml(previous.read_text(encoding="utf-8")), "2026-11-25T00:00:00")
        for status in ("new", "acknowledged"):
            aid = conn.execute(
                "INSERT INTO alert(uid, rule, region, indicator, grp, kind, status, method, freq, first_period,"
                " last_period, peak_period, severity, score, explanation, details) VALUES"
                " (?, 'sustained_rise', 'Arua', 'perceived_discrimination', '', 'observed', 'new', 'robust_z', 'M',"
                " '2021-01-01', '2021-02-01', '2021-01-01', 'low', 1.0, 'old', '{}')", (uuid.uuid4().hex,)).lastrowid
            append_event(conn, aid, kind="run", actor="system", to_status="new", note="opened by an old run")
            if status == "acknowledged":
                lifecycle.set_status(conn, aid, "acknowledged", actor="amina")
    run_models(project_path)
    with open_project(project_path, readonly=True) as p:
        p.conn.row_factory = sqlite3.Row
        old = {r["status"] for r in p.conn.execute("SELECT status FROM alert WHERE rule = 'sustained_rise'")}
    assert old == {"withdrawn", "acknowledged"}  # the team's decision stays; the unhandled one goes


def test_an_alert_at_the_end_of_its_series_stays_active_when_other_series_go_on(project_path: Path) -> None:
    """Real case: a World Bank GDP file (to 2012) had 74 active alerts; importing a Spanish
    statistics file running to 2023 left 26, all Spain's, because the periods after each
    country's last value counted as quiet ones and ended its alerts (ended_period 2013). A
    series' own data decide when its alert ends, never the calendar other files extend."""
    from alerts.listing import read_alerts

    short = with_step(noise_series(60, 1), 54, 12.0)  # rises at the end of its own data
    write_series(project_path, {KIBALI: short})
    run_models(project_path)
    with open_project(project_path, readonly=True) as p:
        before = read_alerts(p.conn)
    assert before["active"].astype(bool).any()
    alone = before.loc[before["active"].astype(bool), "id"].tolist()

    write_series(project_path, {("Ostin", "protests"): noise_series(96, 2)}, file_name="longer.csv")
    run_models(project_path)
    with open_project(project_path, readonly=True) as p:
        after = read_alerts(p.conn).set_index("id")
        details = {int(i): json.loads(d) for i, d in p.conn.execute("SELECT id, details FROM alert")}
    for alert_id in alone:
        assert bool(after.loc[alert_id, "active"]), after.loc[alert_id].to_dict()
        assert details[alert_id]["ended_period"] is None and details[alert_id]["protracted_period"] is None
        assert details[alert_id]["series_last_period"] == "2024-12-01"  # its own last value

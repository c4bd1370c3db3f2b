"""The listing contract: `alerts` and `history` in table, CSV and JSON, with their filters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from alerts_factory import noise_series, with_step, write_series

from alerts.engine import run_models

CONTRACT = {"id", "region", "indicator", "rule", "method", "first_period", "last_period", "severity", "status",
            "score", "explanation"}
EXTRAS = {"group", "kind", "situation_id", "waiting_days", "previous_alert_id", "snoozed_until", "risk_level"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "p.wbproj"
    write_series(path, {
        ("Kibali", "perceived_discrimination"): with_step(noise_series(48, 1), 36, 8),
        ("Kibali", "hate_speech_reports"): with_step(noise_series(48, 2), 37, 9),
        ("Arua", "perceived_discrimination"): with_step(noise_series(48, 3), 40, 3.5, 4),
        ("Arua", "trust"): noise_series(48, 4),
        ("Álvaro Springs", "trust"): with_step(noise_series(48, 5), 40, 8),
    }, units={"hate_speech_reports": "per 10k"})
    assert run_models(path).created >= 3
    return path


def test_json_is_one_array_with_the_contract_fields(project: Path, run_cli) -> None:
    code, out, err = run_cli("alerts", "--project", project, "--format", "json")
    assert code == 0 and err == ""
    alerts = json.loads(out)
    assert isinstance(alerts, list) and len(alerts) >= 3
    for a in alerts:
        assert CONTRACT | EXTRAS <= set(a)
        assert isinstance(a["id"], int) and isinstance(a["score"], float)
        assert a["severity"] in ("low", "medium", "high") and a["status"] == "new"
        assert len(a["first_period"]) == 10 and a["first_period"] <= a["last_period"]
        assert a["region"] in a["explanation"] and a["indicator"] in a["explanation"]
    kibali = [a for a in alerts if a["region"] == "Kibali"]
    # two indicators of one region in overlapping months: one situation
    assert len({a["situation_id"] for a in kibali}) == 1 and len(kibali) == 2
    hate = next(a for a in kibali if a["indicator"] == "hate_speech_reports")["explanation"]
    assert " per 10k in " in hate and "; normally about " in hate and " per 10k;" in hate


def test_csv_has_the_same_rows_and_fields(project: Path, run_cli) -> None:
    code, out, _ = run_cli("alerts", "--project", project, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    as_json = json.loads(run_cli("alerts", "--project", project, "--format", "json")[1])
    assert CONTRACT | EXTRAS <= set(rows[0])
    assert [int(r["id"]) for r in rows] == [a["id"] for a in as_json]
    assert [r["explanation"] for r in rows] == [a["explanation"] for a in as_json]


def test_filters(project: Path, run_cli) -> None:
    def ids(*args: str) -> list[int]:
        code, out, err = run_cli("alerts", "--project", project, "--format", "json", *args)
        assert code == 0, err
        return [a["id"] for a in json.loads(out)]

    everything = ids()
    assert ids("--region", "kibali") and set(ids("--region", "kibali")) < set(everything)
    assert len(ids("--region", "ÁLVARO  springs")) == 1
    assert ids("--status", "open") == everything and ids("--status", "closed") == []
    assert ids("--status", "new,dismissed") == everything
    highs, others = ids("--severity", "high"), ids("--severity", "low") + ids("--severity", "medium")
    assert sorted(highs + others) == sorted(everything)
    code, _, err = run_cli("alerts", "--project", project, "--status", "finished")
    assert code == 1 and err.startswith("error: unknown status 'finished'")


def test_table_is_readable(project: Path, run_cli) -> None:
    code, out, _ = run_cli("alerts", "--project", project)
    header = out.splitlines()[0].split()
    assert header[:4] == ["id", "situation_id", "severity", "status"] and "explanation" in header
    # most severe situation first
    assert out.splitlines()[1].split()[2] == "high"


def test_history_formats_and_filters(project: Path, run_cli, tmp_path: Path) -> None:
    copy = tmp_path / "h.wbproj"
    copy.write_bytes(project.read_bytes())
    assert run_cli("alert", "1", "--project", copy, "--note", "first look", "--actor", "amina")[0] == 0
    code, out, _ = run_cli("history", "--project", copy, "--format", "json")
    events = json.loads(out)
    assert {"alert_id", "at", "actor", "kind", "from_status", "to_status", "note", "region", "indicator"} <= set(events[0])
    assert events == sorted(events, key=lambda e: (e["at"], e["event_uid"]))
    code, out, _ = run_cli("history", "--project", copy, "--alert", "1", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["note"] for r in rows][-1] == "first look" and {r["alert_id"] for r in rows} == {"1"}
    code, out, _ = run_cli("history", "--project", copy, "--region", "Arua", "--format", "json")
    assert {e["region"] for e in json.loads(out)} == {"Arua"}
    code, out, _ = run_cli("history", "--project", copy, "--region", "álvaro springs", "--format", "json")
    assert {e["region"] for e in json.loads(out)} == {"Álvaro Springs"}
    code, out, _ = run_cli("history", "--project", copy)
    assert code == 0 and "first look" in out and "amina" in out


def test_situations_view_gives_one_row_per_situation(project: Path, run_cli) -> None:
    alerts = json.loads(run_cli("alerts", "--project", project, "--format", "json")[1])
    code, out, err = run_cli("alerts", "--project", project, "--situations", "--format", "json")
    assert code == 0, err
    situations = json.loads(out)
    assert len(situations) == len({a["situation_id"] for a in alerts})
    kibali = next(s for s in situations if s["region"] == "Kibali")
    assert kibali["alerts"] == 2 and set(kibali["indicators"].split(", ")) == {
        "perceived_discrimination", "hate_speech_reports"}
    assert kibali["statuses"] == "new 2"
    assert sum(s["alerts"] for s in situations) == len(alerts)
    assert run_cli("alerts", "--project", project, "--situations")[0] == 0


def test_episode_activity_separates_ongoing_in_progress_and_historical() -> None:
    import pandas as pd

    from alerts.listing import episode_activity

    rows = [  # status, rule, freq, last_period, snoozed_until
        ("new", "sustained_rise", "M", "2025-09-01", None),   # 3 months before the latest: within hysteresis 3
        ("new", "sustained_rise", "M", "2025-08-01", None),   # 4 months: ended, never handled
        ("acknowledged", "sustained_rise", "M", "2019-03-01", None),  # in progress but ended: not active
        ("closed", "sustained_rise", "M", "2025-12-01", None),  # decided: not active
        ("new", "fixed_threshold", "M", "2025-10-01", None),  # 2 months > hysteresis 1: ended
        ("new", "other_projects_rule", "Q", "2025-04-01", None),  # unknown rule: 2 quarters is the default
        ("new", "sustained_rise", "M", "2025-12-01", "2026-03-01"),  # ongoing but snoozed
        ("new", "sustained_rise", "Y", "2024-01-01", None),  # no yearly data: cannot be ongoing
    ]
    frame = pd.DataFrame(rows, columns=["status", "rule", "freq", "last_period", "snoozed_until"])
    state = episode_activity(frame, {"M": "2025-12-01", "Q": "2025-10-01"},
                             {"sustained_rise": 3, "fixed_threshold": 1})
    assert state["periods_since_end"].tolist()[:6] == [3, 4, 81, 0, 2, 2]
    assert state["ongoing"].tolist() == [True, False, False, True, False, True, True, False]
    # Active = still flagged now; a decision on an ended episode does not make it active again.
    assert state["active"].tolist() == [True, False, False, False, False, True, False, False]
    assert state["historical"].tolist() == [False, True, False, False, True, False, False, True]


def test_active_is_per_series_own_latest_data() -> None:
    """A series whose data stop earlier than the project's still has its active alerts: the run
    records each series' own last period and how long the episode stays open without a flag."""
    import pandas as pd

    from alerts.listing import episode_activity

    rows = [  # status, rule, freq, last_period, details
        ("new", "escalation", "M", "2023-06-01", {"series_last_period": "2023-06-01", "active_through": "2023-07-01"}),
        ("new", "escalation", "M", "2023-04-01", {"series_last_period": "2023-06-01", "active_through": None,
                                                  "ended_period": "2023-06-01"}),
        ("acknowledged", "escalation", "M", "2025-11-01",
         {"series_last_period": "2025-12-01", "active_through": "2025-12-01"}),
        ("new", "escalation", "M", "2025-10-01", {"series_last_period": "2025-12-01", "active_through": None,
                                                  "protracted_period": "2025-10-01"}),
    ]
    frame = pd.DataFrame(rows, columns=["status", "rule", "freq", "last_period", "details"])
    frame["snoozed_until"] = None
    state = episode_activity(frame, {"M": "2025-12-01"}, {"escalation": 0})
    # Data of the first series stop in 2023, yet it is flagged in its own latest month: active.
    assert state["active"].tolist() == [True, False, True, False]
    assert state["periods_since_end"].tolist() == [0, 2, 1, 2]
    assert state["protracted"].tolist() == [False, False, False, True]


def test_active_flag_lists_ongoing_and_in_progress_alerts_only(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "a.wbproj"
    write_series(path, {
        ("Kibali", "perceived_discrimination"): with_step(noise_series(48, 1), 40, 8),  # to the end
        ("Arua", "perceived_discrimination"): with_step(noise_series(48, 3), 14, 9, 5),  # years ago
        ("Gulu", "perceived_discrimination"): with_step(noise_series(48, 6), 16, 9, 5),  # years ago
    })
    run_models(path)
    every = json.loads(run_cli("alerts", "--project", path, "--format", "json")[1])
    old = [a for a in every if a["region"] in ("Arua", "Gulu") and a["last_period"] < "2023-01-01"]
    assert any(a["region"] == "Kibali" for a in every) and len({a["region"] for a in old}) == 2
    handled = next(a for a in old if a["region"] == "Gulu")
    assert run_cli("alert", str(handled["id"]), "--project", path, "--set", "acknowledged")[0] == 0
    code, out, err = run_cli("alerts", "--project", path, "--active", "--format", "json")
    assert code == 0 and err == ""
    active = json.loads(out)
    ids = {a["id"] for a in active}
    assert {a["id"] for a in every if a["region"] == "Kibali" and a["last_period"] >= "2023-09-01"} <= ids
    assert handled["id"] not in ids  # acknowledged, but its episode ended years ago
    assert not ids & {a["id"] for a in old}
    # A pooled store keeps observations in Parquet, not in its SQL tables: same answer.
    assert run_cli("pool", path, "--out", tmp_path / "pool")[0] == 0
    pooled = json.loads(run_cli("alerts", "--project", tmp_path / "pool", "--active", "--format", "json")[1])
    assert sorted((a["region"], a["first_period"]) for a in pooled) == sorted(
        (a["region"], a["first_period"]) for a in active)

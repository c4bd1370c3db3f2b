"""One vocabulary: alert states, transitions and severities are defined once and used everywhere.

Each state is one row of ``workbench.vocabulary.STATES``: the lifecycle, the replay of an
alert's history, the desktop's buttons, and the team server's guards all derive from it, and
the store keeps statuses as text with no CHECK list (schema 7), so a new state needs no table
rebuild.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pg_server import pg_server, pg_url  # noqa: F401 - fixtures

from workbench import vocabulary as v
from workbench.store import open_project
from workbench.store.schema import MIGRATIONS, SCHEMA_VERSION, run_sqlite


def test_every_derived_list_follows_the_table() -> None:
    from alerts import lifecycle
    from workbench.store.pg_roles import TRANSITION_ROLE, status_role

    assert v.STATUSES == tuple(s.name for s in v.STATES) == lifecycle.STATUSES
    assert lifecycle.TRANSITIONS is v.TRANSITIONS and lifecycle.OPEN is v.OPEN
    assert set(v.OPEN) | set(v.CLOSED) == set(v.STATUSES) and not set(v.OPEN) & set(v.CLOSED)
    # Every state a person can reach has a button; the system's own has none.
    reachable = {b for s in v.STATES for b in s.next}
    assert reachable - {v.REOPEN} <= set(v.ACTIONS) and v.REOPEN in v.ACTIONS
    assert all(not v.STATE[n].system_only for n in reachable - {v.REOPEN})
    assert all(s.name not in reachable for s in v.STATES if s.system_only)
    # The server's role per move is the vocabulary's (reopen starts a new alert: not a move).
    assert TRANSITION_ROLE == {(a, b): v.STATE[b].role for a, nexts in v.TRANSITIONS.items() for b in nexts
                               if b != v.REOPEN}
    assert status_role("Acknowledged ") == "analyst" and status_role(v.REOPEN) == "coordinator"
    assert v.SEVERITIES == ("low", "medium", "high") and v.WORST_FIRST == ("high", "medium", "low")
    assert v.severity_name(v.severity_rank(["medium"])[0]) == "medium" and v.severity_rank([None, "x"]).sum() == 0


def test_the_guards_spell_no_state_of_their_own() -> None:
    """The server's SQL gets every list of states from the vocabulary."""
    from workbench.store.pg_guards import guard_sql

    sql = "\n".join(guard_sql('"s"', {"analyst": "a", "coordinator": "c", "admin": "d"}))
    assert "@" not in sql.replace("@S@", "")  # every placeholder filled
    needs_reason = [s.name for s in v.STATES if v.REASON in s.needs]
    assert needs_reason == ["dismissed"] and f"ARRAY['{needs_reason[0]}']::text[]" in sql
    assert "ARRAY['closed', 'dismissed', 'withdrawn']::text[]" in sql


def _schema_6_project(path: Path) -> Path:
    """A project file as the version before alert states became data left it."""
    conn = sqlite3.connect(path)
    for statements in MIGRATIONS[:6]:
        for statement in statements:
            run_sqlite(conn, statement)
    conn.execute("PRAGMA user_version = 6")
    conn.execute("INSERT INTO meta(key, value) VALUES ('project_id', 'p'), ('created_at', '2026-01-01')")
    conn.execute("INSERT INTO alert(uid, rule, region, indicator, method, first_period, last_period, peak_period,"
                 " severity, status, explanation) VALUES ('u1', 'r', 'Kibali', 'trust', 'monitor', '2024-01-01',"
                 " '2024-02-01', '2024-02-01', 'high', 'new', 'x')")
    conn.commit()
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("UPDATE alert SET status = 'monitoring'")
    conn.close()
    return path


def test_an_old_file_drops_the_status_check_without_a_rebuild(tmp_path: Path) -> None:
    path = _schema_6_project(tmp_path / "old.wbproj")
    with open_project(path) as p:  # a writable open upgrades it (backed up first)
        assert p.schema_version == SCHEMA_VERSION
        conn = p.conn
        table_sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'alert'").fetchone()[0]
        assert "CHECK (status" not in table_sql and "CHECK (severity IN" in table_sql
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with p.transaction() as c:  # a state a later version might add is storable now
            c.execute("UPDATE alert SET status = 'monitoring' WHERE uid = 'u1'")
            with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
                c.execute("UPDATE alert SET severity = 'extreme' WHERE uid = 'u1'")
        assert conn.execute("SELECT status, region FROM alert").fetchall() == [("monitoring", "Kibali")]
    with open_project(path, readonly=True) as p:  # another connection reads the new schema too
        assert p.conn.execute("SELECT count(*) FROM alert WHERE status = 'monitoring'").fetchone()[0] == 1


@pytest.mark.xdist_group("postgresql")
def test_a_server_project_has_no_status_check(pg_url: str) -> None:
    with open_project(pg_url, create=True) as p:
        found = p.conn.raw.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'alert'::regclass AND contype = 'c'").fetchall()
    names = {r[0] for r in found}
    assert "alert_status_check" not in names and "alert_severity_check" in names


# -- the detector registry: a new detector is its module and one registration ----------------
SPIKE = '''
"""A test detector: the jump from the previous value, in units of 1."""
import numpy as np

from workbench.models.detectors.common import result


def spike(panel, jump=5.0):
    w = panel.worse
    prev = np.concatenate([np.full((w.shape[0], 1), np.nan), w[:, :-1]], axis=1)
    score = w - prev
    return result(panel, "spike", score, score >= jump, prev, np.ones_like(w), prev + jump, {"jump": jump})
'''

RUN = '''
import json, sys
folder, project = sys.argv[1], sys.argv[2]
sys.path.insert(0, folder)
from workbench.models.registry import DetectorSpec, register

# The registration names the function by where it lives, as the shipped rows do: nothing
# is imported until the models run it.
register(DetectorSpec("spike", "spike:spike", "jump detector", {"jump": 5.0}, threshold_key="jump",
                      spread_unit="units"))
assert "spike" not in sys.modules

from alerts.engine import run_models
from alerts.history import now_us
from alerts.listing import alerts_frame
from alerts.rules import Rule, save_rules, scaled_flag
from workbench.models.signals import DEFAULT, METHODS
from workbench.store import open_project

assert "spike" in METHODS and DEFAULT["spike"] == {"jump": 5.0}
with open_project(project) as p, p.transaction() as c:
    c.execute("DELETE FROM rule")
    save_rules(c, [Rule(name="jumps", methods=("spike",))], now_us())
run_models(project)
with open_project(project, readonly=True) as p:
    alerts = alerts_frame(p.conn)
print(json.dumps(alerts[["rule", "method", "first_period", "explanation"]].to_dict("records")))
'''


def test_a_new_detector_is_one_module_and_its_registration(tmp_path: Path) -> None:
    """A detector module and its one registration: the models run it, rules accept it, its
    registration thresholds it and names it in the explanations; nothing else to edit."""
    import json
    import subprocess
    import sys

    from alerts_factory import noise_series, write_series

    folder = tmp_path / "more_detectors"
    folder.mkdir()
    (folder / "spike.py").write_text(SPIKE)
    values = noise_series(36, 4, sd=0.5)
    values[30] += 12.0  # one jump of 12 against noise of 0.5
    project = write_series(tmp_path / "p.wbproj", {("Kibali", "incidents"): values})
    out = subprocess.run([sys.executable, "-c", RUN, str(folder), str(project)], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.returncode == 0, out.stderr
    alerts = json.loads(out.stdout)
    assert [(a["rule"], a["method"], a["first_period"]) for a in alerts] == [("jumps", "spike", "2022-07-01")]
    assert "Methods: jump detector" in alerts[0]["explanation"], alerts[0]


def test_reading_rules_imports_no_detector_and_the_registry_names_real_functions() -> None:
    """The registry is the one list of methods and imports nothing heavy: reading (and
    checking) the shipped rules, as the desktop does while a project opens, loads neither a
    detector module nor scipy; every row names a function that exists and answers to its name."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from alerts.rules import default_rules\n"
        "from alerts.rule_schema import fields_table\n"
        "rules = default_rules(); fields_table()\n"
        "heavy = sorted(m for m in sys.modules if m.startswith(('scipy', 'workbench.models.detectors',"
        " 'workbench.models.signals', 'numba')))\n"
        "print(len(rules), heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.returncode == 0, out.stderr
    n_rules, heavy = out.stdout.split(" ", 1)
    assert int(n_rules) > 0 and heavy.strip() == "[]", out.stdout

    from workbench.models import registry, signals

    assert signals.METHODS == registry.names() and set(signals.DEFAULT) == set(registry.names())
    assert signals.STATEFUL == registry.stateful() == {"monitor"}
    for spec in registry.SHIPPED:
        fn = spec.function()
        assert callable(fn) and fn.__name__ == spec.name, spec
        res = fn(_tiny_panel(), **spec.defaults)
        assert res.method == spec.name
    # Mann-Kendall's threshold: the registry's lazily named function gives the detector's own.
    assert registry.score_threshold("mann_kendall", {"alpha": 0.05}) == pytest.approx(1.6448536269514722, abs=0)


def _tiny_panel():
    import numpy as np
    import pandas as pd

    from workbench.models.panel import SeriesPanel

    rng = np.random.default_rng(3)
    values = rng.poisson(5, size=(2, 40)).astype(float)
    return SeriesPanel(keys=pd.DataFrame({"region": ["a", "b"], "indicator": ["x", "x"], "group": ["", ""],
                                          "kind": ["observed", "observed"]}),
                       periods=pd.date_range("2020-01-01", periods=40, freq="MS"), freq="M", values=values,
                       direction=np.ones(2), threshold=np.array([8.0, np.nan]), count=np.array([True, True]))

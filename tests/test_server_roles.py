"""Roles on a team server, enforced by the real throwaway PostgreSQL (tests/pg_server.py).

Four logins sign in with passwords (from a password file, as docs/deployment.md advises):
``amina`` (analyst), ``jean`` (coordinator), ``boss`` (admin) and ``nobody`` (no role). Each
role's allowed and refused actions are tried through the command line AND through direct
SQL as that login (what ``psql`` would send): a refusal must come from the server, so that
no client, ours or another, can get around it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pg_server import PgServer, pg_server  # noqa: F401 - fixture
from server_team import LOGINS, Team, logins, team  # noqa: F401 - fixtures

pytestmark = pytest.mark.xdist_group("postgresql")

def _ok(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert code == 0, err
    return out


def _refused(result: tuple[int, str, str], *words: str) -> str:
    """One ``error:`` line, exit 1, naming what the login lacks; never a traceback."""
    code, out, err = result
    lines = err.strip().splitlines()
    assert code == 1, (code, out, err)
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "internal error" not in err and "Traceback" not in err
    for w in words:
        assert w in lines[0], (w, lines[0])
    return lines[0]


def _alert_ids(run_cli, url: str) -> list[int]:  # noqa: ANN001
    return [a["id"] for a in json.loads(_ok(run_cli("alerts", "--project", url, "--format", "json")))]


def _events(team: Team) -> list[tuple]:
    with team.sql("boss") as conn:
        return conn.execute("SELECT alert_id, actor, kind, from_status, to_status, note, recorded_by, origin"
                            " FROM alert_event ORDER BY id").fetchall()


def _status(team: Team, alert_id: int) -> str:
    with team.sql("boss") as conn:
        return conn.execute("SELECT status FROM alert WHERE id = %s", (alert_id,)).fetchone()[0]


# -- the command line -------------------------------------------------------------------------
def test_each_role_does_what_it_may_and_is_refused_the_rest(team: Team, run_cli, tmp_path: Path) -> None:  # noqa: ANN001
    amina, jean, boss = team.url("amina"), team.url("jean"), team.url("boss")
    a, b, c, d = _alert_ids(run_cli, amina)[:4]

    # analyst: reads everything ...
    for args in (("alerts", "--active"), ("runs",), ("history",), ("data", "--format", "csv"), ("index",),
                 ("rules",), ("report", "--out", tmp_path / "brief.xlsx"),
                 ("export", "--what", "history", "--out", tmp_path / "history.csv")):
        _ok(run_cli(*args, "--project", amina))
    # ... notes, acknowledges; nothing more, and nothing is written when refused
    _ok(run_cli("alert", a, "--project", amina, "--note", "called the district office"))
    _ok(run_cli("alert", a, "--project", amina, "--set", "acknowledged"))
    before = _events(team)
    verify = ("--set", "verified", "--likelihood", "3", "--consequence", "4", "--outcome", "respond")
    _refused(run_cli("alert", a, "--project", amina, *verify), "amina is an analyst", "needs the coordinator role")
    _refused(run_cli("alert", b, "--project", amina, "--set", "dismissed", "--reason", "false_alarm"),
             "needs the coordinator role")
    _refused(run_cli("alert", b, "--project", amina, "--snooze-until", "2031-01"), "snoozing an alert")
    _refused(run_cli("run", "--project", amina), "running the models needs the admin role")
    rules = tmp_path / "rules.toml"
    _ok(run_cli("rules", "--project", amina, "--export", rules))  # reading the rules is fine
    _refused(run_cli("rules", "--project", amina, "--import", rules), "changing the rules needs the admin role")
    csv = tmp_path / "more.csv"
    csv.write_text("district,indicator,month,value\nKibali,trust,2030-01,40\n", encoding="utf-8")
    _refused(run_cli("import", csv, "--project", amina), "importing data", "needs the admin role")
    assert _events(team) == before

    # --actor cannot name anyone else on a server, whatever the role; repeating one's own login is fine
    for login, url in (("amina", amina), ("boss", boss)):
        _refused(run_cli("alert", b, "--project", url, "--note", "x", "--actor", "jean"), "cannot name someone else")
        _ok(run_cli("alert", b, "--project", url, "--note", f"{login} was here", "--actor", login))
    assert _events(team)[-2:][0][1:3] == ("amina", "note")

    # coordinator: the decisions
    _ok(run_cli("alert", a, "--project", jean, *verify))
    _ok(run_cli("alert", a, "--project", jean, "--set", "escalated"))
    _ok(run_cli("alert", a, "--project", jean, "--set", "closed"))
    _ok(run_cli("alert", b, "--project", jean, "--set", "dismissed", "--reason", "false_alarm"))
    reopened = _ok(run_cli("alert", b, "--project", jean, "--set", "reopen"))
    assert "reopened as alert" in reopened
    _ok(run_cli("alert", c, "--project", jean, "--snooze-until", "2031-01"))
    _ok(run_cli("backtest", "--project", amina))  # verified alerts are its ground truth: a read
    _refused(run_cli("backtest", "--project", amina, "--calibrate", "--apply"), "changing the rules",
             "needs the admin role")
    _refused(run_cli("run", "--project", jean), "jean is a coordinator", "needs the admin role")
    _refused(run_cli("rules", "--project", jean, "--import", rules), "needs the admin role")

    # analyst's offline copy: checked out by her, merged back by an admin
    copy = tmp_path / "field.wbproj"
    _ok(run_cli("checkout", amina, "--out", copy))
    _ok(run_cli("alert", d, "--project", copy, "--note", "seen in the field"))
    _refused(run_cli("merge", copy, "--project", amina), "merging a copy back needs the admin role")
    _refused(run_cli("merge", copy, "--project", jean), "needs the admin role")

    # admin: data (a revised value keeps its revision), models, rules, merge
    _ok(run_cli("import", csv, "--project", boss))
    revised = tmp_path / "revised.csv"
    revised.write_text("district,indicator,month,value\nKibali,trust,2020-01,99\n", encoding="utf-8")
    assert "1 revised" in _ok(run_cli("import", revised, "--project", boss))
    with team.sql("amina") as conn:
        assert conn.execute("SELECT new_value FROM revision").fetchall() == [(99.0,)]
    _ok(run_cli("run", "--project", boss))
    _ok(run_cli("rules", "--project", boss, "--import", rules))
    assert "1 new event(s)" in _ok(run_cli("merge", copy, "--project", boss))

    assert _status(team, a) == "closed" and _status(team, b) == "dismissed"
    events = _events(team)
    by_hand = [e for e in events if e[2] in ("transition", "note") and e[1] != "system"]
    merged = [e for e in by_hand if e[5] == "seen in the field"]
    assert len(merged) == 1 and merged[0][6] == "boss"  # the laptop's actor, recorded by the admin who merged it
    server_office = {e[7] for e in events if e[1] == "system"}
    for e in by_hand:
        if e is not merged[0]:
            assert e[1] == e[6] and e[1] in ("amina", "jean", "boss"), e  # actor IS the login
            assert {e[7]} == server_office
    history = json.loads(_ok(run_cli("history", "--project", amina, "--alert", a, "--format", "json")))
    assert [(h["actor"], h["to_status"]) for h in history if h["kind"] == "transition"] == [
        ("amina", "acknowledged"), ("jean", "verified"), ("jean", "escalated"), ("jean", "closed")]
    assert all(h["recorded_by"] == h["actor"] for h in history if h["kind"] != "run")


def test_a_login_without_a_role_gets_one_clear_line(team: Team, run_cli, tmp_path: Path) -> None:  # noqa: ANN001
    nobody = team.url("nobody")
    for args in (("alerts", "--project", nobody), ("history", "--project", nobody),
                 ("alert", "1", "--project", nobody, "--note", "hello"), ("run", "--project", nobody),
                 ("checkout", nobody, "--out", tmp_path / "x.wbproj")):
        line = _refused(run_cli(*args), "nobody has no role", "workbench server grant nobody analyst")
        assert "pw-" not in line
    assert list(tmp_path.iterdir()) == []  # the refused checkout left nothing behind
    # a role taken away closes the door again
    _ok(run_cli("server", "revoke", "amina", "--project", team.owner_url))
    _refused(run_cli("alerts", "--project", team.url("amina")), "amina has no role")


def test_only_the_owner_sets_roles_up(team: Team, run_cli) -> None:  # noqa: ANN001
    _refused(run_cli("server", "grant", "amina", "admin", "--project", team.url("boss")),
             "boss cannot give roles", "owner")
    _refused(run_cli("server", "init", "--project", team.url("boss")), "boss cannot set up roles")
    listing = json.loads(_ok(run_cli("server", "roles", "--project", team.owner_url, "--format", "json")))
    roles = {r["login"]: r["role"] for r in listing}
    assert {k: roles.get(k) for k in LOGINS} == {"amina": "analyst", "jean": "coordinator", "boss": "admin",
                                                  "nobody": None}
    assert roles["workbench"] == "owner"  # the superuser, listed as not bound by the roles
    again = _ok(run_cli("server", "init", "--project", team.owner_url))  # idempotent: nothing lost
    assert "(created)" not in again
    assert _alert_ids(run_cli, team.url("amina"))
    # the earlier guide's set-up (analysts in the owner's role) is named as a way around the roles
    team.server.admin_sql("GRANT workbench TO amina")
    try:
        listing = json.loads(_ok(run_cli("server", "roles", "--project", team.owner_url, "--format", "json")))
        assert {"login": "amina", "role": "owner", "not_bound_because": "member of the tables' owner workbench"} \
            in listing
    finally:
        team.server.admin_sql("REVOKE workbench FROM amina")


# -- direct SQL, as psql would send it ----------------------------------------------------------
def _denied(conn, statement: str, params: tuple = (), *, words: str = "") -> str:  # noqa: ANN001
    """The server refuses ``statement`` (privilege or the role model's rule: SQLSTATE 42501)."""
    import psycopg

    with pytest.raises(psycopg.Error) as caught:
        conn.execute(statement, params or None)
    err = caught.value
    assert err.sqlstate in ("42501", "P0001"), (statement, err.sqlstate, str(err))
    assert words in str(err), (words, str(err))
    return str(err)


HISTORY_ATTACKS = (
    "UPDATE alert_event SET note = 'rewritten'",
    "UPDATE alert_event SET actor = 'someone else' WHERE kind = 'transition'",
    "DELETE FROM alert_event",
    "TRUNCATE alert_event",
    "TRUNCATE alert_event, alert CASCADE",
    "ALTER TABLE alert_event DISABLE TRIGGER ALL",
    "ALTER TABLE alert_event DISABLE TRIGGER wb_event_guard",
    "DROP TRIGGER alert_event_no_update ON alert_event",
    "ALTER TABLE alert_event ALTER COLUMN actor DROP NOT NULL",
    "CREATE OR REPLACE FUNCTION wb_level() RETURNS int LANGUAGE sql AS 'SELECT 4'",
    "CREATE OR REPLACE FUNCTION alert_event_no_update_fn() RETURNS trigger LANGUAGE plpgsql AS "
    "'BEGIN RETURN NEW; END'",
    "CREATE TRIGGER mine BEFORE INSERT ON alert_event FOR EACH ROW EXECUTE FUNCTION wb_event_guard()",
    "DELETE FROM alert",
    "DELETE FROM observation",
    "DELETE FROM revision",
    "UPDATE revision SET new_value = 0",
    "UPDATE rejected_row SET reason = 'x'",
    "UPDATE import SET file_name = 'x'",
    "UPDATE observation SET region_id = region_id",
    "SET session_replication_role = replica",
    "SET SESSION AUTHORIZATION jean",
    "SET ROLE workbench",
    "CREATE TABLE public.shadow (x int)",
)


@pytest.mark.parametrize("login", ["amina", "jean", "boss"])
def test_no_login_can_rewrite_history_or_borrow_rights_through_sql(team: Team, login: str) -> None:
    import psycopg

    before = _events(team)
    with team.sql(login) as conn:
        for statement in HISTORY_ATTACKS:
            if statement.endswith(login):
                continue
            _denied(conn, statement)
        other = "amina" if login != "amina" else "jean"
        _denied(conn, f"SET ROLE {other}")  # another login's rights
        for role in ("admin", "coordinator", "analyst"):  # a group role above this login's own
            if ["analyst", "coordinator", "admin"].index(role) > ["amina", "jean", "boss"].index(login):
                _denied(conn, f'SET ROLE "{team.database}_{role}"')
        # an event under another login's name, with its origin and a back-dated time
        office = conn.execute("SELECT value FROM meta WHERE key = 'office_id'").fetchone()[0]
        alert_id = conn.execute("SELECT min(id) FROM alert WHERE status = 'new'").fetchone()[0]
        insert = ("INSERT INTO alert_event(event_uid, alert_id, at, actor, from_status, to_status, note, kind,"
                  " origin, details) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, '{}')")
        _denied(conn, insert, (f"forged-{login}", alert_id, "1970-01-01T00:00:00.000000+00:00", other, None, None,
                               "forged", "note", office), words=f"cannot record an event as '{other}'")
        # the state of an alert cannot move without an event in its history (checked at commit)
        _denied(conn, "UPDATE alert SET status = 'closed' WHERE id = %s", (alert_id,),
                words="changes only with an event")
        # the project's identity
        # the lifecycle, for every role: no skipping from new to closed
        _denied(conn, insert.replace("'{}')", "'{\"reason\": \"false_alarm\"}')"),
                (f"skip-{login}", alert_id, "x", login, "new", "closed", None, "transition", office),
                words="cannot go to closed")
        if login == "boss":
            _denied(conn, "UPDATE meta SET value = 'x' WHERE key = 'project_id'", words="identity")
            _denied(conn, "INSERT INTO alert_event(event_uid, alert_id, at, actor, kind, origin)"
                          " VALUES ('f2', %s, 'x', 'system', 'note', %s)", (alert_id, office),
                    words="cannot record an event as 'system'")
            _denied(conn, "UPDATE observation SET value = value + 1", words="without recording its revision")
            _denied(conn, "INSERT INTO alert(uid, rule, region, indicator, method, first_period, last_period,"
                          " peak_period, severity, status, explanation) VALUES ('closed-at-birth', 'r', 'Kibali',"
                          " 'trust', 'm', '2024-01-01', '2024-01-01', '2024-01-01', 'high', 'closed', 'x')",
                    words="changes only with an event")
        else:
            _denied(conn, "UPDATE meta SET value = 'x' WHERE key = 'project_id'")
            _denied(conn, "UPDATE observation SET value = value + 1")
            _denied(conn, "INSERT INTO run(started_at, data_fingerprint, ruleset_hash, code_version)"
                          " VALUES ('x', 'x', 'x', 'x')")
        # a temporary stand-in for the guard's helpers changes nothing (its search_path is fixed)
        if login == "boss":  # only admins may create temporary tables (import staging)
            conn.execute("CREATE TEMP TABLE meta (key text, value text)")
            conn.execute("INSERT INTO meta VALUES ('office_id', 'elsewhere')")
            conn.execute("SET search_path = pg_temp, public")
            _denied(conn, insert, ("forged-temp", alert_id, "x", "amina", None, None, "n", "note", office),
                    words="cannot record an event as 'amina'")
        else:
            _denied(conn, "CREATE TEMP TABLE meta (key text, value text)")
    assert _events(team) == before
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        team.sql("nobody").close()


def test_what_direct_sql_may_do_is_what_the_role_may_do(team: Team) -> None:
    """An analyst's own note by SQL is accepted, but the server stamps it: her login, the
    server's clock and origin; her acknowledgement must move the alert in the same
    transaction; a coordinator cannot invent an alert."""
    with team.sql("amina") as conn:
        office = conn.execute("SELECT value FROM meta WHERE key = 'office_id'").fetchone()[0]
        alert_id = conn.execute("SELECT min(id) FROM alert WHERE status = 'new'").fetchone()[0]
        conn.execute("INSERT INTO alert_event(event_uid, alert_id, at, actor, kind, origin, note, recorded_by)"
                     " VALUES ('by-sql', %s, '1970-01-01T00:00:00.000000+00:00', 'amina', 'note', 'laptop-x',"
                     " 'typed in psql', 'jean')", (alert_id,))
        uid, at, origin, recorded_by = conn.execute(
            "SELECT event_uid, at, origin, recorded_by FROM alert_event WHERE note = 'typed in psql'").fetchone()
        assert at > "2020" and origin == office and recorded_by == "amina"
        assert uid != "by-sql" and len(uid) == 32  # the server's uid: a chosen one could pre-empt a merge
        ack = ("INSERT INTO alert_event(event_uid, alert_id, at, actor, from_status, to_status, kind, origin)"
               " VALUES (%s, %s, 'x', 'amina', 'new', 'acknowledged', 'transition', 'x')")
        _denied(conn, ack, ("ack-alone", alert_id), words="changes only with an event")  # status not moved
        with pytest.raises(Exception, match="a note cannot change the status"), conn.transaction():
            conn.execute(ack.replace("'transition'", "'note'").replace("'acknowledged'", "'closed'"),
                         ("note-closes", alert_id))  # a "note" that closes the alert, ...
            conn.execute("UPDATE alert SET status = 'closed' WHERE id = %s", (alert_id,))  # ... made consistent
        with conn.transaction():
            conn.execute(ack, ("ack", alert_id))
            conn.execute("UPDATE alert SET status = 'acknowledged' WHERE id = %s", (alert_id,))
        assert _status(team, alert_id) == "acknowledged"
        verify = ("INSERT INTO alert_event(event_uid, alert_id, at, actor, from_status, to_status, kind, origin,"
                  " details) VALUES (%s, %s, 'x', %s, 'acknowledged', 'verified', 'transition', 'x',"
                  " '{\"likelihood\": 3, \"consequence\": 3, \"outcome\": \"monitor\"}')")
        _denied(conn, verify, ("v1", alert_id, "amina"), words="needs the coordinator role")
        _denied(conn, "INSERT INTO alert_event(event_uid, alert_id, at, actor, kind, origin, details)"
                      " VALUES ('snz', %s, 'x', 'amina', 'note', 'x', '{\"snoozed_until\": \"2040-01-01\"}')",
                (alert_id,), words="snoozing an alert needs the coordinator role")
        _denied(conn, "INSERT INTO alert_event(event_uid, alert_id, at, actor, kind, origin, details)"
                      " VALUES ('rl', %s, 'x', 'amina', 'note', 'x', '{\"likelihood\": 5}')", (alert_id,),
                words="cannot set likelihood")
    with team.sql("jean") as conn:
        _denied(conn, "INSERT INTO alert_event(event_uid, alert_id, at, actor, from_status, to_status, kind,"
                      " origin) VALUES ('skip', %s, 'x', 'jean', 'acknowledged', 'closed', 'transition', 'x')",
                (alert_id,), words="cannot go to closed")
        _denied(conn, "INSERT INTO alert(uid, rule, region, indicator, method, first_period, last_period,"
                      " peak_period, severity, status, explanation) VALUES ('fake', 'r', 'Kibali', 'trust', 'm',"
                      " '2024-01-01', '2024-01-01', '2024-01-01', 'high', 'new', 'invented')",
                words="only by reopening")
        with conn.transaction():
            conn.execute(verify, ("v2", alert_id, "jean"))
            conn.execute("UPDATE alert SET status = 'verified', likelihood = 3, consequence = 3,"
                         " risk_level = NULL, outcome = 'monitor' WHERE id = %s", (alert_id,))
    assert _status(team, alert_id) == "verified"


# -- the server's copies of the lifecycle agree with the app's -----------------------------------
def test_the_servers_transitions_are_the_lifecycle_s() -> None:
    from alerts.lifecycle import REOPEN, TRANSITIONS
    from workbench.store.pg_roles import TRANSITION_ROLE

    assert set(TRANSITION_ROLE) == {(a, b) for a, nexts in TRANSITIONS.items() for b in nexts if b != REOPEN}


def test_the_servers_replay_of_a_history_is_the_app_s(team: Team) -> None:
    """300 random histories (stale and out-of-order transitions, snoozes, verifications, ties
    in time broken by uid) give the same state in PL/pgSQL (wb_replay) as in Python."""
    import json as js

    import numpy as np

    from alerts.history import replay

    rng = np.random.default_rng(15)
    statuses = [None, "new", "acknowledged", "verified", "escalated", "closed", "dismissed", "withdrawn", ""]
    details = [{}, {"reason": "false_alarm"}, {"snoozed_until": "2031-01-01"}, {"snoozed_until": None},
               {"likelihood": 4, "consequence": 2, "risk_level": "high", "outcome": "respond"},
               {"likelihood": 1, "consequence": 5, "outcome": "monitor"}, {"reason": "known_cause", "x": 1}]
    expected, histories = {}, {}
    with _owner(team) as conn:  # the owner writes anything: the guards let it
        template = conn.execute("SELECT id FROM alert ORDER BY id LIMIT 1").fetchone()[0]
        cols = ("rule", "region", "indicator", "grp", "kind", "freq", "method", "first_period", "last_period",
                "peak_period", "severity", "explanation")
        for n in range(300):
            alert_id = conn.execute(
                f"INSERT INTO alert(uid, status, {', '.join(cols)}) SELECT %s, 'new', {', '.join(cols)}"
                " FROM alert WHERE id = %s RETURNING id", (f"replay-{n}", template)).fetchone()[0]
            events = []
            for k in range(int(rng.integers(0, 9))):
                at = f"2025-01-01T00:00:{int(rng.integers(0, 6)):02d}.000000+00:00"  # ties on purpose
                frm, to = statuses[int(rng.integers(0, len(statuses)))], statuses[int(rng.integers(0, len(statuses)))]
                d = js.dumps(details[int(rng.integers(0, len(details)))], sort_keys=True)
                uid = f"{int(rng.integers(0, 16 ** 6)):06x}-{k}"
                events.append((at, uid, to, d, frm))
                conn.execute("INSERT INTO alert_event(event_uid, alert_id, at, actor, from_status, to_status, kind,"
                             " origin, details) VALUES (%s, %s, %s, 'x', %s, %s, 'transition', 'o', %s)",
                             (f"{n}-{uid}", alert_id, at, frm, to, d))
            histories[alert_id] = [(at, f"{n}-{uid}", to, d, frm) for at, uid, to, d, frm in events]
        for alert_id, events in histories.items():
            s = replay(events)
            expected[alert_id] = (s.status, s.snoozed_until, s.likelihood, s.consequence, s.risk_level, s.outcome,
                                  s.dismiss_reason)
            got = conn.execute("SELECT * FROM wb_replay(%s)", (alert_id,)).fetchone()
            assert tuple(got) == expected[alert_id], (events, got, expected[alert_id])
    assert len({v[0] for v in expected.values()}) >= 5  # the histories reached many different states


def _owner(team: Team):  # noqa: ANN202 - the superuser who set the project up, as psql would
    import psycopg

    return psycopg.connect(team.owner_url, autocommit=True)


def test_an_older_server_is_upgraded_by_its_owner_not_by_an_analyst(pg_server: PgServer, logins: Path,  # noqa: F811
                                                                     run_cli, monkeypatch) -> None:  # noqa: ANN001
    import workbench.store.pg as pg
    from workbench.store.schema import SCHEMA_VERSION

    monkeypatch.setenv("PGPASSFILE", str(logins))
    owner_url = pg_server.new_database()
    with monkeypatch.context() as m:  # set up by the previous version of the workbench
        m.setattr(pg, "SCHEMA_VERSION", SCHEMA_VERSION - 1)
        _ok(run_cli("server", "init", "--project", owner_url))
        _ok(run_cli("server", "grant", "amina", "analyst", "--project", owner_url))
    amina = pg_server.url(owner_url.rsplit("/", 1)[1], "amina")
    code, out, err = run_cli("alerts", "--project", amina)  # a read names who upgrades it
    assert code == 2 and f"older schema ({SCHEMA_VERSION - 1})" in err and "workbench server init" in err, err
    _refused(run_cli("alert", "1", "--project", amina, "--note", "x"), f"older schema ({SCHEMA_VERSION - 1})",
             "amina may not upgrade it", "workbench server init")
    assert f"(schema {SCHEMA_VERSION})" in _ok(run_cli("server", "init", "--project", owner_url))
    assert _ok(run_cli("alerts", "--project", amina, "--format", "json")).strip() == "[]"


def test_a_server_without_roles_refuses_a_stranger_in_one_line(pg_server: PgServer, logins: Path,  # noqa: F811
                                                               run_cli, monkeypatch) -> None:  # noqa: ANN001
    """Before `server init` (a project made by the owner's first import), a login that may
    connect but holds no grant gets one line, not `internal error (InsufficientPrivilege)`."""
    from alerts_factory import noise_series, write_series

    monkeypatch.setenv("PGPASSFILE", str(logins))
    owner_url = pg_server.new_database()
    write_series(owner_url, {("Kibali", "trust"): noise_series(24, 1)})
    stranger = pg_server.url(owner_url.rsplit("/", 1)[1], "nobody")
    for args in (("alerts", "--project", stranger), ("alert", "1", "--project", stranger, "--note", "x")):
        _refused(run_cli(*args), "nobody (no role model on this server) may not do this", "permission denied")


def test_an_analyst_reads_rules_and_the_index_before_anything_was_stored(pg_server: PgServer, logins: Path,  # noqa: F811
                                                                        run_cli, monkeypatch) -> None:  # noqa: ANN001
    """A fresh server (imported, never run): the default rules and index definition are
    computed for an analyst's read, not stored (storing them is an admin's)."""
    from alerts_factory import noise_series, write_series

    monkeypatch.setenv("PGPASSFILE", str(logins))
    owner_url = pg_server.new_database()
    _ok(run_cli("server", "init", "--project", owner_url))
    _ok(run_cli("server", "grant", "amina", "analyst", "--project", owner_url))
    write_series(owner_url, {("Kibali", "trust"): noise_series(24, 1), ("Ruzizi", "trust"): noise_series(24, 2)})
    amina = pg_server.url(owner_url.rsplit("/", 1)[1], "amina")
    assert "[[rule]]" in _ok(run_cli("rules", "--project", amina))
    assert _ok(run_cli("index", "--project", amina)).startswith("region,period,score")
    with psycopg_connect(owner_url) as conn:
        assert conn.execute("SELECT count(*) FROM rule").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM index_definition").fetchone()[0] == 0


def psycopg_connect(url: str):  # noqa: ANN201
    import psycopg

    return psycopg.connect(url, autocommit=True)


def test_a_database_owner_with_createrole_sets_a_project_up_without_a_superuser(
    pg_server: PgServer, logins: Path, run_cli, monkeypatch  # noqa: F811, ANN001
) -> None:
    """The other set-up docs/deployment.md names: a login that owns the database and may
    create roles, instead of the postgres superuser. It is listed as not bound by the roles."""
    import uuid

    monkeypatch.setenv("PGPASSWORD", "dba-pw")  # the password of the one login used here
    monkeypatch.delenv("PGPASSFILE", raising=False)
    pg_server.new_login("dba", "dba-pw")
    pg_server.admin_sql("ALTER ROLE dba CREATEROLE")
    database = f"t_{uuid.uuid4().hex[:12]}"
    pg_server.admin_sql(f'CREATE DATABASE "{database}" OWNER dba')
    dba = pg_server.url(database, "dba")
    _ok(run_cli("server", "init", "--project", dba))
    _ok(run_cli("server", "grant", "amina", "analyst", "--project", dba))
    listing = json.loads(_ok(run_cli("server", "roles", "--project", dba, "--format", "json")))
    assert {"login": "amina", "role": "analyst", "not_bound_because": ""} in listing
    assert {r["login"]: r["not_bound_because"] for r in listing}["dba"] == "owns the project's tables (dba)"
    monkeypatch.setenv("PGPASSFILE", str(logins))
    monkeypatch.delenv("PGPASSWORD")
    assert _ok(run_cli("alerts", "--project", pg_server.url(database, "amina"), "--format", "json")).strip() == "[]"


def test_a_coordinator_corrects_a_decision_on_the_server(team: Team, run_cli) -> None:  # noqa: ANN001
    """Corrections on a team server: the server's guards know them (a coordinator's, with the
    decision it corrects and why), its replay ends in the corrected state, an analyst cannot."""
    amina, jean = team.url("amina"), team.url("jean")
    a = _alert_ids(run_cli, amina)[0]
    _ok(run_cli("alert", a, "--project", amina, "--set", "acknowledged"))
    _ok(run_cli("alert", a, "--project", jean, "--set", "verified", "--likelihood", "3", "--consequence", "4",
                "--outcome", "respond"))
    _refused(run_cli("alert", a, "--project", amina, "--correct", "acknowledged", "--note", "too early"),
             "correcting a decision", "needs the coordinator role")
    assert "verified corrected to acknowledged" in _ok(
        run_cli("alert", a, "--project", jean, "--correct", "acknowledged", "--note", "verified too early"))
    with team.sql("boss") as conn:
        row = conn.execute("SELECT status, likelihood, risk_level FROM alert WHERE id = %s", (a,)).fetchone()
    assert tuple(row) == ("acknowledged", None, None)
    # Straight SQL as the analyst (what psql would send): the server refuses it itself.
    with team.sql("amina") as conn:
        with pytest.raises(Exception, match="coordinator|cannot set"):
            conn.execute("INSERT INTO alert_event(event_uid, alert_id, at, actor, from_status, to_status, note, kind,"
                         " origin, details) VALUES ('x', %s, 'now', 'amina', 'acknowledged', 'new', 'x', 'transition',"
                         " 'o', '{\"correction\": true, \"corrects\": \"y\"}')", (a,))


def _marker(at: str, by: str) -> str:
    return json.dumps({"at": at, "source": "set", "set_by": by, "set_at": at}, sort_keys=True)


def test_a_coordinator_sets_the_meeting_date_and_no_other_setting(team: Team, run_cli, tmp_path: Path) -> None:  # noqa: ANN001
    """The coordinator runs the weekly meeting, so the server lets it move the meeting marker
    (a project setting) - that one key, under its own login - and no other setting; an analyst
    cannot move it. Tried through the command line, a brief, and straight SQL."""
    amina, jean, boss = team.url("amina"), team.url("jean"), team.url("boss")
    with team.sql("boss") as conn:
        settings_before = dict(conn.execute("SELECT key, value FROM meta WHERE key <> 'meeting_marker'").fetchall())
    # the command line: the analyst is refused in one line, the coordinator and the admin may
    _refused(run_cli("meeting", "--project", amina, "--set", "2024-05-03"),
             "setting the meeting date needs the coordinator role")
    assert "meeting marker set to 2024-05-03 00:00 UTC" in _ok(
        run_cli("meeting", "--project", jean, "--set", "2024-05-03"))
    shown = json.loads(_ok(run_cli("meeting", "--project", amina, "--format", "json")))[0]  # everyone reads it
    assert shown["marker"].startswith("2024-05-03") and shown["set_by"] == "jean"
    _refused(run_cli("meeting", "--project", jean, "--set", "2024-05-04", "--actor", "amina"), "cannot name someone else")
    # a brief written by the coordinator records the meeting; the analyst's brief leaves the marker
    out = _ok(run_cli("report", "--project", amina, "--out", str(tmp_path / "a.xlsx")))
    assert "meeting marker was left as it was (moving it needs the coordinator role)" in out
    assert "meeting marker set to" in _ok(run_cli("report", "--project", jean, "--out", str(tmp_path / "j.xlsx")))
    _ok(run_cli("meeting", "--project", boss, "--set", "2024-06-07"))
    with team.sql("boss") as conn:
        raw = conn.execute("SELECT value FROM meta WHERE key = 'meeting_marker'").fetchone()[0]
    assert json.loads(raw)["set_by"] == "boss" and json.loads(raw)["at"].startswith("2024-06-07")

    # straight SQL as the coordinator (what psql would send): the marker, under its own login, only
    with team.sql("jean") as conn:
        conn.execute("UPDATE meta SET value = %s WHERE key = 'meeting_marker'", (_marker("2024-07-01", "jean"),))
        _denied(conn, "UPDATE meta SET value = %s WHERE key = 'meeting_marker'", (_marker("2024-07-02", "boss"),),
                words="cannot record the meeting date as set by boss")
        _denied(conn, "UPDATE meta SET value = 'not json' WHERE key = 'meeting_marker'", words="meeting date")
        for key in [k for k in settings_before if k not in ("project_id", "office_id", "schema_version",
                                                             "created_at", "created_by_version")][:3]:
            _denied(conn, "UPDATE meta SET value = 'x' WHERE key = %s", (key,), words="only the meeting date")
        _denied(conn, "INSERT INTO meta(key, value) VALUES ('geo_boundaries', '{}')", words="only the meeting date")
        _denied(conn, "INSERT INTO meta(key, value) VALUES ('rules', 'x') ON CONFLICT (key) DO UPDATE"
                      " SET value = excluded.value", words="only the meeting date")
        _denied(conn, "UPDATE meta SET key = 'rules' WHERE key = 'meeting_marker'", words="only the meeting date")
        _denied(conn, "UPDATE meta SET value = 'x'")  # every row at once: the first other key stops it
        _denied(conn, "DELETE FROM meta WHERE key = 'meeting_marker'")
        _denied(conn, "UPDATE meta SET value = 'x' WHERE key = 'project_id'", words="identity")
    with team.sql("amina") as conn:
        _denied(conn, "UPDATE meta SET value = %s WHERE key = 'meeting_marker'", (_marker("2030-01-01", "amina"),))
        _denied(conn, "INSERT INTO meta(key, value) VALUES ('meeting_marker', %s) ON CONFLICT (key) DO UPDATE"
                      " SET value = excluded.value", (_marker("2030-01-01", "amina"),))
    with team.sql("boss") as conn:
        after = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    assert json.loads(after.pop("meeting_marker"))["at"] == "2024-07-01"
    assert after == settings_before


def test_an_older_meta_guard_gets_no_coordinator_grant_until_server_init(team: Team, run_cli) -> None:  # noqa: ANN001
    """The coordinator's grant on meta is narrowed by the meta guard: a schema upgrade on a
    server whose guard predates it (no wb_coordinator_meta_keys) must not give the grant alone;
    `server init` installs the guard, then the grant."""
    import psycopg

    from workbench.store.pg_roles import regrant_after_upgrade

    coordinator = f"{team.database}_coordinator"
    may = "SELECT has_table_privilege(%s, 'meta', 'UPDATE'), has_table_privilege(%s, 'meta', 'INSERT')"
    with psycopg.connect(team.owner_url, autocommit=True) as conn:
        assert tuple(conn.execute(may, (coordinator, coordinator)).fetchone()) == (True, True)
        conn.execute("DROP FUNCTION wb_coordinator_meta_keys()")  # the guard of the previous version
        regrant_after_upgrade(conn)
        assert tuple(conn.execute(may, (coordinator, coordinator)).fetchone()) == (False, False)
    _ok(run_cli("server", "init", "--project", team.owner_url))
    with psycopg.connect(team.owner_url, autocommit=True) as conn:
        assert tuple(conn.execute(may, (coordinator, coordinator)).fetchone()) == (True, True)
    assert "meeting marker set" in _ok(run_cli("meeting", "--project", team.url("jean"), "--now"))


def test_the_desktop_sets_the_meeting_date_as_a_coordinator_and_not_as_an_analyst(team: Team, qtbot) -> None:  # noqa: ANN001
    """The app's *Set meeting date…* goes through the same store call: jean (coordinator) moves
    the marker on the server, amina (analyst) gets one refusal and the marker stays."""
    from ui.main_window import MainWindow

    def window(login: str) -> MainWindow:
        w = MainWindow()
        w._headless = True
        qtbot.addWidget(w)
        with qtbot.waitSignal(w.project_loaded, timeout=20_000):
            w.open_project(team.url(login), remember=False)
        qtbot.waitUntil(lambda: not w.runner.is_busy(), timeout=30_000)
        return w

    w = window("jean")
    w.set_meeting("2024-05-03")
    qtbot.waitUntil(lambda: w.inbox.marker is not None, timeout=20_000)
    assert w.inbox.marker.set_by == "jean" and w.inbox.marker.day == "2024-05-03"
    w.close()
    w = window("amina")
    with qtbot.waitSignal(w.runner.failed, timeout=20_000):
        w.set_meeting("2030-01-01")
    assert "needs the coordinator role" in w.last_error
    w.close()
    with team.sql("boss") as conn:
        raw = conn.execute("SELECT value FROM meta WHERE key = 'meeting_marker'").fetchone()[0]
    assert json.loads(raw)["at"].startswith("2024-05-03") and json.loads(raw)["set_by"] == "jean"

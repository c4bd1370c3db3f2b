"""The alert records: every statement that reads or writes the alert tables.

The ``alert``, ``alert_event``, ``rule`` and ``run`` tables (and this office's identity in
``meta``) are read and written here and nowhere else in ``alerts/``: the engine, the
lifecycle, the merge, the listings and the brief call these named functions, so what the
alert tables hold and how they are queried is visible in one module (a test,
``tests/test_store_boundary.py``, fails on SQL anywhere else outside ``workbench/store/``).

Every function takes a connection of an open project (:mod:`workbench.store`): a project
file's ``sqlite3`` connection or a team server's adapter, and writes inside the caller's
transaction. Each statement is written once, as the store's are, with the store's helpers
where the two databases differ (:mod:`workbench.store.dialect`: ``differs``, ``insert_id``,
``for_update``, ``read_frame``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from workbench.store.dialect import differs, for_update, insert_id, read_frame

# -- this copy's identity ----------------------------------------------------------------


def meta_value(conn: Any, key: str) -> str | None:
    """One value of the project's ``meta`` table, or None."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def project_origin(conn: Any) -> str:
    return meta_value(conn, "project_id") or "unknown"


def office_origin(conn: Any) -> str:
    """This copy's identity: copies of one project share ``project_id``, so each copy gets
    its own ``office_id`` the first time it writes an event."""
    found = meta_value(conn, "office_id")
    if found:
        return found
    office = uuid.uuid4().hex
    conn.execute("INSERT INTO meta(key, value) VALUES ('office_id', ?)", (office,))
    return office


# -- events --------------------------------------------------------------------------------


def last_event_time(conn: Any, alert_id: int) -> str | None:
    """The time of an alert's latest event (None before its first)."""
    return conn.execute("SELECT max(at) FROM alert_event WHERE alert_id = ?", (alert_id,)).fetchone()[0]


def insert_event(conn: Any, values: Sequence[Any]) -> None:
    """One event row: ``(event_uid, alert_id, at, actor, from_status, to_status, note, kind,
    origin, details, run_id, recorded_by)``."""
    conn.execute(
        "INSERT INTO alert_event(event_uid, alert_id, at, actor, from_status, to_status, note, kind,"
        " origin, details, run_id, recorded_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        tuple(values),
    )


def insert_events(conn: Any, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Many event rows at once (a merge): ``alert_id`` then ``columns`` in each row."""
    conn.executemany(
        f"INSERT INTO alert_event(alert_id, {', '.join(columns)}) VALUES ({', '.join('?' * (len(columns) + 1))})",
        rows,
    )


def event_log(conn: Any, alert_id: int) -> list[tuple[Any, ...]]:
    """An alert's events as :func:`alerts.history.replay` reads them:
    ``(at, event_uid, to_status, details, from_status)``."""
    return conn.execute(
        "SELECT at, event_uid, to_status, details, from_status FROM alert_event WHERE alert_id = ?",
        (alert_id,),
    ).fetchall()


def creation_time(conn: Any, alert_id: int) -> str | None:
    """When an alert's log says it was created (its earliest creation event)."""
    row = conn.execute("SELECT min(at) FROM alert_event WHERE alert_id = ? AND from_status IS NULL "
                       "AND to_status = 'new'", (alert_id,)).fetchone()
    return row[0] if row and row[0] else None


def events_frame(conn: Any, *, alert_id: int | None = None, alert_ids: Iterable[int] | None = None) -> pd.DataFrame:
    """Events with their alert's series, oldest first (all, one alert's, or some alerts')."""
    where: list[str] = []
    params: list[Any] = []
    if alert_id is not None:
        where.append("e.alert_id = ?")
        params.append(alert_id)
    if alert_ids is not None:  # the events of some alerts (to patch a frame after a decision)
        wanted = sorted({int(i) for i in alert_ids})
        where.append(f"e.alert_id IN ({','.join('?' * len(wanted))})" if wanted else "0")
        params += wanted
    sql = (
        "SELECT e.alert_id, e.at, e.actor, e.kind, e.from_status, e.to_status, e.note,"
        " a.region, a.indicator, a.grp AS \"group\", a.rule, e.details, e.event_uid, e.origin,"
        " e.recorded_by"
        " FROM alert_event e JOIN alert a ON a.id = e.alert_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY e.at, e.event_uid"
    )
    return read_frame(sql, conn, params=params)


# -- alerts --------------------------------------------------------------------------------


def alerts_frame(conn: Any, ids: Iterable[int] | None = None) -> pd.DataFrame:
    """Every alert (or those of ``ids``) with when it opened, was verified and last changed."""
    sql = (
        "SELECT a.id, a.uid, a.region, a.indicator, a.grp AS \"group\", a.kind, a.rule, a.method, a.freq,"
        " a.first_period, a.last_period, a.peak_period, a.severity, a.status, a.score, a.explanation,"
        " a.situation_id, a.previous_alert_id, a.snoozed_until, a.likelihood, a.consequence, a.risk_level,"
        " a.outcome, a.dismiss_reason, a.details,"
        " (SELECT min(at) FROM alert_event e WHERE e.alert_id = a.id) AS opened_at,"
        " (SELECT min(at) FROM alert_event e WHERE e.alert_id = a.id AND e.to_status = 'verified') AS verified_at,"
        " (SELECT max(at) FROM alert_event e WHERE e.alert_id = a.id AND e.to_status IS NOT NULL) AS changed_at"
        " FROM alert a"
    )
    params: list[Any] = []
    if ids is not None:
        wanted = sorted({int(i) for i in ids})
        sql += f" WHERE a.id IN ({','.join('?' * len(wanted))})" if wanted else " WHERE 0"
        params = wanted
    return read_frame(sql, conn, params=params)


def table_rows(conn: Any, table: str, columns: Sequence[str]) -> list[dict[str, Any]]:
    """Every row of ``alert`` or ``alert_event`` as dicts of ``columns``, by id, as the
    database holds them (no conversion)."""
    if table not in ("alert", "alert_event"):
        raise ValueError(f"not an alert table: {table!r}")
    cur = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id")
    return [dict(zip(columns, r)) for r in cur.fetchall()]


def alert_tuples(conn: Any, columns: Sequence[str]) -> list[tuple[Any, ...]]:
    """Every alert's ``columns`` as tuples, by id (tens of thousands: read with the cursor)."""
    return conn.execute(f"SELECT {', '.join(columns)} FROM alert ORDER BY id").fetchall()


def alert_status(conn: Any, alert_id: int) -> tuple[int, str] | None:
    """``(id, status)`` of one alert, locked on a team server until the transaction ends (so a
    concurrent analyst's change waits for this one)."""
    return conn.execute("SELECT id, status FROM alert WHERE id = ?" + for_update(conn), (alert_id,)).fetchone()


def statuses(conn: Any) -> dict[int, str]:
    """``alert id -> status`` of every alert."""
    return dict(conn.execute("SELECT id, status FROM alert").fetchall())


def alert_values(conn: Any, alert_id: int, columns: Sequence[str]) -> tuple[Any, ...] | None:
    """One alert's ``columns``."""
    return conn.execute(f"SELECT {', '.join(columns)} FROM alert WHERE id = ?", (alert_id,)).fetchone()


def open_alert_for(conn: Any, key: Sequence[Any], open_statuses: Sequence[str], first_period: str,
                   last_period: str) -> tuple[int, str] | None:
    """``(id, status)`` of the first alert of the series ``key`` (rule, region, indicator, grp,
    kind) in one of ``open_statuses`` overlapping ``first_period``..``last_period``."""
    return conn.execute(
        f"SELECT id, status FROM alert WHERE rule = ? AND region = ? AND indicator = ? AND grp = ? AND kind = ?"
        f" AND status IN ({', '.join('?' * len(open_statuses))}) AND first_period <= ? AND last_period >= ? ORDER BY id",
        (*key, *open_statuses, last_period, first_period),
    ).fetchone()


def insert_alert(conn: Any, values: Mapping[str, Any]) -> int:
    """A new alert row from ``column -> value``; returns its id."""
    cols = list(values)
    return insert_id(conn, f"INSERT INTO alert({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                     list(values.values()))


def update_alert(conn: Any, alert_id: int, changed: Mapping[str, Any], run_id: int) -> None:
    """Set ``changed`` columns of an alert and mark it updated by ``run_id``."""
    conn.execute(
        f"UPDATE alert SET {', '.join(f'{k} = ?' for k in changed)}, updated_run = ? WHERE id = ?",
        (*changed.values(), run_id, alert_id),
    )


def set_details(conn: Any, alert_id: int, details: str) -> None:
    """Set an alert's details (JSON text) without marking it updated."""
    conn.execute("UPDATE alert SET details = ? WHERE id = ?", (details, alert_id))


def set_updated_run(conn: Any, alert_id: int, run_id: int) -> None:
    conn.execute("UPDATE alert SET updated_run = ? WHERE id = ?", (run_id, alert_id))


def set_previous(conn: Any, alert_id: int, previous: int) -> None:
    conn.execute("UPDATE alert SET previous_alert_id = ? WHERE id = ?", (previous, alert_id))


def write_state(conn: Any, alert_id: int, state: Mapping[str, Any]) -> None:
    """Write an alert's replayed state columns, only where they differ (no needless write)."""
    cols, values = list(state), list(state.values())
    distinct = differs(conn)
    conn.execute(
        f"UPDATE alert SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ? AND ("
        + " OR ".join(f"{c} {distinct} ?" for c in cols) + ")",
        (*values, alert_id, *values),
    )


def new_alerts_of_rules(conn: Any, rules: Sequence[str]) -> list[int]:
    """Ids of the alerts still ``new`` that the named rules raised."""
    marks = ",".join("?" * len(rules))
    return [r[0] for r in conn.execute(f"SELECT id FROM alert WHERE status = 'new' AND rule IN ({marks})",
                                       list(rules)).fetchall()]


def situation_inputs(conn: Any) -> pd.DataFrame:
    """What situations are computed from: every alert not withdrawn."""
    return read_frame(
        "SELECT id, region, first_period, last_period, situation_id FROM alert WHERE status != 'withdrawn'",
        conn,
    )


def set_situations(conn: Any, pairs: list[tuple[int, int]]) -> None:
    """``(situation id, alert id)`` pairs."""
    conn.executemany("UPDATE alert SET situation_id = ? WHERE id = ?", pairs)


def verified_alerts(conn: Any) -> pd.DataFrame:
    """The alerts the team verified, with the series, extent and first verification time."""
    return read_frame(
        "SELECT a.id, a.region, a.indicator, a.grp AS \"group\", a.first_period AS onset, a.last_period AS \"end\","
        " min(e.at) AS verified_at FROM alert a JOIN alert_event e ON e.alert_id = a.id"
        " WHERE e.to_status = 'verified' GROUP BY a.id",
        conn,
    )


# -- rules ---------------------------------------------------------------------------------


def rule_count(conn: Any) -> int:
    return int(conn.execute("SELECT count(*) FROM rule").fetchone()[0])


def rule_rows(conn: Any) -> list[tuple[str, int]]:
    """``(definition JSON, enabled)`` of every stored rule, in the order they were stored."""
    return conn.execute("SELECT definition, enabled FROM rule ORDER BY id").fetchall()


def upsert_rule(conn: Any, name: str, definition: str, enabled: int, now: str) -> None:
    """Insert or replace a rule by name (its row is left alone when nothing differs)."""
    distinct = differs(conn)
    conn.execute(
        "INSERT INTO rule(name, definition, enabled, updated_at) VALUES (?,?,?,?) "
        "ON CONFLICT(name) DO UPDATE SET definition = excluded.definition, "
        "enabled = excluded.enabled, updated_at = excluded.updated_at "
        f"WHERE rule.definition {distinct} excluded.definition OR rule.enabled {distinct} excluded.enabled",
        (name, definition, enabled, now),
    )


def delete_rule(conn: Any, name: str) -> None:
    conn.execute("DELETE FROM rule WHERE name = ?", (name,))


# -- runs ----------------------------------------------------------------------------------


def insert_run(conn: Any, started_at: str, fingerprint: str, ruleset_hash: str, code_version: str) -> int:
    return insert_id(conn, "INSERT INTO run(started_at, data_fingerprint, ruleset_hash, code_version) VALUES (?,?,?,?)",
                     (started_at, fingerprint, ruleset_hash, code_version))


def finish_run(conn: Any, run_id: int, finished_at: str, counts: str) -> None:
    conn.execute("UPDATE run SET finished_at = ?, counts = ? WHERE id = ?", (finished_at, counts, run_id))


def runs_frame(conn: Any) -> pd.DataFrame:
    return read_frame(
        "SELECT id, started_at, finished_at, data_fingerprint, ruleset_hash, code_version, counts"
        " FROM run ORDER BY id",
        conn,
    )


def latest_runs(conn: Any, n: int = 2) -> pd.DataFrame:
    """The newest ``n`` runs, newest first."""
    return read_frame(f"SELECT id, started_at, finished_at, counts FROM run ORDER BY id DESC LIMIT {int(n)}", conn)


def run_times(conn: Any) -> list[tuple[Any, Any, Any]]:
    """``(id, started_at, finished_at)`` of every run, as stored."""
    return conn.execute("SELECT id, started_at, finished_at FROM run").fetchall()


def last_decision(conn: Any, alert_id: int) -> tuple[str, str | None, str] | None:
    """``(event uid, from, to)`` of the latest status change a person made on an alert, or None."""
    row = conn.execute(
        "SELECT event_uid, from_status, to_status FROM alert_event WHERE alert_id = ? AND kind = 'transition'"
        " AND to_status IS NOT NULL AND from_status IS NOT NULL ORDER BY at DESC, event_uid DESC LIMIT 1",
        (alert_id,),
    ).fetchone()
    return None if row is None else (str(row[0]), row[1], str(row[2]))

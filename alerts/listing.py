"""The alert inbox as a table: filters, the contract's fields, and time waiting for verification.

One DataFrame feeds the CLI's table/CSV/JSON and the GUI's inbox model, so both show the
same numbers. ``waiting_days`` is how long an alert has waited for (or waited until) its
verification: from its first event to the verification event, or to now while it is still
``new`` or ``acknowledged``.

*Active* is what needs a decision now (the inbox's default view): an alert in progress
(acknowledged, verified, escalated), or a ``new`` one whose episode is still ongoing — its
last flagged period lies within its rule's hysteresis (the quiet periods an episode
tolerates before it ends) of the project's latest data period of the same frequency, so
the next run could still extend it. After a first run over years of history most ``new``
alerts are episodes that ended long ago; they are *historical*, not active.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

import numpy as np
import pandas as pd

from alerts.lifecycle import OPEN, STATUSES
from alerts.rules import default_rules, stored_rules
from workbench.errors import WorkbenchError
from workbench.store.dialect import read_frame

#: Field order of the JSON/CSV contract (DESIGN.md "alerts --format json" plus extras).
FIELDS = [
    "id", "region", "indicator", "group", "kind", "rule", "method", "freq", "first_period", "last_period",
    "peak_period", "severity", "status", "score", "explanation", "situation_id", "previous_alert_id",
    "snoozed_until", "likelihood", "consequence", "risk_level", "outcome", "dismiss_reason",
    "opened_at", "verified_at", "waiting_days", "uid",
]
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
IN_PROGRESS = ("acknowledged", "verified", "escalated")
#: Quiet periods after which an episode counts as ended when its rule is unknown here
#: (an alert merged from a project with other rules, or a rule since deleted).
DEFAULT_WINDOW = 2
_MONTHS_PER = {"M": 1, "Q": 3, "Y": 12}
_DAYS_PER = {"W": 7, "D": 1}


def alerts_frame(
    conn: sqlite3.Connection,
    *,
    status: str | None = None,
    severity: str | None = None,
    region: str | None = None,
    now: dt.datetime | None = None,
    active: bool = False,
    latest: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Alerts with the contract's fields, most urgent situation first; ``active``: only those
    needing a decision now (see the module docstring), judged against ``latest`` (``freq ->
    latest period with a value``; read from ``conn`` when not given)."""
    where, params = [], []
    if status:
        wanted = [s.strip().casefold() for s in status.split(",") if s.strip()]
        expanded = [x for s in wanted for x in (OPEN if s == "open" else (s,))]
        bad = [s for s in expanded if s not in STATUSES]
        if bad:
            raise WorkbenchError(f"unknown status {bad[0]!r}; use one of: open, {', '.join(STATUSES)}")
        where.append(f"a.status IN ({','.join('?' * len(expanded))})")
        params += expanded
    if severity:
        sev = severity.strip().casefold()
        if sev not in SEVERITY_ORDER:
            raise WorkbenchError(f"unknown severity {severity!r}; use low, medium or high")
        where.append("a.severity = ?")
        params.append(sev)
    sql = (
        "SELECT a.id, a.uid, a.region, a.indicator, a.grp AS \"group\", a.kind, a.rule, a.method, a.freq,"
        " a.first_period, a.last_period, a.peak_period, a.severity, a.status, a.score, a.explanation,"
        " a.situation_id, a.previous_alert_id, a.snoozed_until, a.likelihood, a.consequence, a.risk_level,"
        " a.outcome, a.dismiss_reason, a.details,"
        " (SELECT min(at) FROM alert_event e WHERE e.alert_id = a.id) AS opened_at,"
        " (SELECT min(at) FROM alert_event e WHERE e.alert_id = a.id AND e.to_status = 'verified') AS verified_at,"
        " (SELECT max(at) FROM alert_event e WHERE e.alert_id = a.id AND e.to_status IS NOT NULL) AS changed_at"
        " FROM alert a" + (" WHERE " + " AND ".join(where) if where else "")
    )
    df = read_frame(sql, conn, params=params)
    if region:  # casefold in Python: SQLite's lower() leaves "Álvaro Springs" alone
        df = df[df["region"].str.casefold() == " ".join(region.split()).casefold()].reset_index(drop=True)
    now = now or dt.datetime.now(dt.timezone.utc)
    opened = pd.to_datetime(df["opened_at"], utc=True, format="ISO8601")
    verified = pd.to_datetime(df["verified_at"], utc=True, format="ISO8601")
    changed = pd.to_datetime(df["changed_at"], utc=True, format="ISO8601")
    waiting_open = df["status"].isin(["new", "acknowledged"]).to_numpy()
    until = verified.where(verified.notna(), changed.where(~waiting_open, pd.Timestamp(now)))
    df["waiting_days"] = ((until - opened).dt.total_seconds() / 86400).round(1)
    df = df.drop(columns=["changed_at"])
    for col in ("situation_id", "previous_alert_id", "likelihood", "consequence"):
        df[col] = df[col].astype("Int64")
    df["_sev"] = df["severity"].map(SEVERITY_ORDER)
    df["_sit_sev"] = df.groupby("situation_id", dropna=False)["_sev"].transform("min")
    df = df.sort_values(["_sit_sev", "situation_id", "_sev", "id"]).drop(columns=["_sev", "_sit_sev"])
    if active:
        state = episode_activity(df, latest_periods(conn) if latest is None else latest, rule_windows(conn))
        df = df[state["active"].to_numpy()]
    return df[FIELDS].reset_index(drop=True)


def latest_periods(conn: sqlite3.Connection) -> dict[str, str]:
    """``freq -> latest period with a value`` over the whole project (ISO dates)."""
    rows = conn.execute(
        "SELECT freq, max(period) FROM observation WHERE value IS NOT NULL GROUP BY freq"
    ).fetchall()
    return {str(f): str(p)[:10] for f, p in rows if p is not None}


def project_latest_periods(project: Any) -> dict[str, str]:
    """:func:`latest_periods` of a project, also of a pooled store (whose observations are
    Parquet files, not a table of its connection)."""
    found = latest_periods(project.conn)
    if found or not hasattr(project, "projects"):
        return found
    obs = project.observations()
    obs = obs[obs["value"].notna()]
    return {str(f): pd.Timestamp(p).strftime("%Y-%m-%d") for f, p in obs.groupby("freq")["period"].max().items()}


def rule_windows(conn: sqlite3.Connection) -> dict[str, int]:
    """``rule name -> hysteresis``: the project's rules, or the shipped ones before a first run."""
    return {r.name: int(r.hysteresis) for r in (stored_rules(conn) or default_rules())}


def periods_between(start: pd.Series, end: pd.Series, freq: pd.Series) -> np.ndarray:
    """Whole periods from ``start`` to ``end`` (ISO dates) at each row's frequency; NaN if unknown."""
    a = pd.to_datetime(start.astype("string").str[:10], format="%Y-%m-%d", errors="coerce")
    b = pd.to_datetime(end.astype("string").str[:10], format="%Y-%m-%d", errors="coerce")
    months = ((b.dt.year - a.dt.year) * 12 + (b.dt.month - a.dt.month)).to_numpy(dtype=float)
    days = (b - a).dt.days.to_numpy(dtype=float)
    f = freq.astype(str).to_numpy()
    out = np.full(len(f), np.nan)
    for code, per in _MONTHS_PER.items():
        hit = f == code
        out[hit] = np.floor(months[hit] / per)
    for code, per in _DAYS_PER.items():
        hit = f == code
        out[hit] = np.floor(days[hit] / per)
    return out


def episode_activity(
    alerts: pd.DataFrame,
    latest: dict[str, str],
    windows: dict[str, int],
    *,
    default_window: int = DEFAULT_WINDOW,
) -> pd.DataFrame:
    """Per alert (same index): ``periods_since_end``, ``ongoing``, ``historical``, ``protracted``
    and ``active``.

    *Active* = still flagged at the end of that series' own data: an open alert (new or in
    progress) whose episode has not ended or become a protracted situation, and is not
    snoozed. The run records, per alert, the series' last period with data
    (``details.series_last_period``) and the last period the episode stays open without a
    new flag (``details.active_through``; null once it ended or became protracted), so
    "now" is each series' own latest data, not the project's: a country whose data stop
    earlier than another's still has its active situations.

    Alerts written before runs recorded that (or by rules the project no longer has) fall
    back to the project's latest period of their frequency and their rule's hysteresis.
    ``alerts`` needs ``status``, ``rule``, ``freq``, ``last_period``, ``snoozed_until`` and,
    when available, ``details`` (JSON text or dicts). ``periods_since_end`` counts the periods
    from the episode's last flagged period to the series' (or project's) latest data.
    """
    freq = alerts["freq"].astype(str)
    latest_of = freq.map(latest)
    since = periods_between(alerts["last_period"], latest_of, freq)
    window = alerts["rule"].map(windows).fillna(default_window).to_numpy(dtype=float)
    ongoing = np.isfinite(since) & (since <= window)
    protracted = np.zeros(len(alerts), dtype=bool)
    if "details" in alerts:
        d = alerts["details"].map(_as_dict)
        has = d.map(lambda x: "active_through" in x).to_numpy(dtype=bool)
        if has.any():
            series_last = d.map(lambda x: x.get("series_last_period")).astype("string")
            through = d.map(lambda x: x.get("active_through")).astype("string")
            own_since = periods_between(alerts["last_period"], series_last, freq)
            own_ongoing = (through.notna() & (series_last.fillna("") <= through.fillna(""))).to_numpy(dtype=bool)
            since = np.where(has, own_since, since)
            ongoing = np.where(has, own_ongoing, ongoing)
            protracted = d.map(lambda x: bool(x.get("protracted_period"))).to_numpy(dtype=bool)
            latest_of = latest_of.where(~pd.Series(has, index=alerts.index), series_last)
    status = alerts["status"].to_numpy()
    snoozed_for = periods_between(latest_of, alerts["snoozed_until"], freq)
    snoozed = np.isfinite(snoozed_for) & (snoozed_for > 0)
    active = np.isin(status, OPEN) & ongoing & ~snoozed
    return pd.DataFrame({
        "periods_since_end": since,
        "ongoing": ongoing,
        "historical": (status == "new") & ~ongoing,
        "protracted": protracted,
        "active": active,
    }, index=alerts.index)


def _as_dict(value: Any) -> dict:
    if isinstance(value, dict):
        return value
    if not value:
        return {}
    try:
        out = json.loads(value)
    except (TypeError, ValueError):
        return {}
    return out if isinstance(out, dict) else {}


def situations_frame(alerts: pd.DataFrame) -> pd.DataFrame:
    """One row per situation: what the alert meeting looks at first."""
    cols = ["situation_id", "region", "severity", "alerts", "indicators", "first_period", "last_period",
            "statuses", "alert_ids", "max_score"]
    if alerts.empty:
        return pd.DataFrame(columns=cols)
    df = alerts.copy()
    df["_sev"] = df["severity"].map(SEVERITY_ORDER)
    df["situation_id"] = df["situation_id"].fillna(df["id"]).astype("int64")
    g = df.groupby("situation_id", sort=False)
    out = pd.DataFrame({
        "region": g["region"].first(),
        "severity": g["_sev"].min().map({v: k for k, v in SEVERITY_ORDER.items()}),
        "alerts": g.size(),
        "indicators": g["indicator"].agg(lambda s: ", ".join(dict.fromkeys(s))),
        "first_period": g["first_period"].min(),
        "last_period": g["last_period"].max(),
        "statuses": g["status"].agg(lambda s: ", ".join(f"{k} {v}" for k, v in s.value_counts().items())),
        "alert_ids": g["id"].agg(lambda s: " ".join(str(i) for i in sorted(s))),
        "max_score": g["score"].max(),
        "_sev": g["_sev"].min(),
    }).reset_index()
    out = out.sort_values(["_sev", "last_period", "situation_id"], ascending=[True, False, True])
    return out[cols].reset_index(drop=True)


def to_records(df: pd.DataFrame) -> list[dict]:
    """JSON-ready rows: NaN → null, numpy numbers → Python numbers."""
    out = json.loads(df.to_json(orient="records", date_format="iso"))
    return out


def to_table(df: pd.DataFrame, columns: list[str], widths: dict[str, int] | None = None) -> str:
    """A plain fixed-width table for the terminal: one line per record, whatever the notes and
    names hold (line breaks, tabs, control and bidi characters: :func:`safe_cells.table_cell`)."""
    from workbench.exports.safe_cells import safe_frame

    if df.empty:
        return "(none)"
    view = safe_frame(df[columns], kind="table").astype(object)
    view = view.where(view.notna(), "")
    for col, width in (widths or {}).items():
        text = [str(s) for s in view[col]]
        view[col] = [s if len(s) <= width else s[: width - 1] + "…" for s in text]
    return view.to_string(index=False)


def format_frame(df: pd.DataFrame, fmt: str, table_columns: list[str], widths: dict[str, int] | None = None) -> str:
    """The CLI's table, CSV or JSON of ``df``, each through the one output neutraliser
    (:mod:`workbench.exports.safe_cells`)."""
    from workbench.exports.safe_cells import json_text, safe_frame, safe_header

    if fmt == "json":  # values exact; characters a terminal could act on escaped
        return json_text(to_records(df), indent=1)
    if fmt == "csv":  # text from imported files must never become a spreadsheet formula or split a row
        out = safe_frame(df)
        out.columns = safe_header(list(out.columns))
        return out.to_csv(index=False, lineterminator="\n")
    return to_table(df, table_columns, widths)


__all__ = [
    "FIELDS", "alerts_frame", "episode_activity", "format_frame", "latest_periods", "periods_between",
    "project_latest_periods",
    "rule_windows", "situations_frame", "to_records",
]


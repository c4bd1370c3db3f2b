"""Alerts as every view reads them: one frame, the filters, the contract's fields.

:func:`read_alerts` reads every alert once with what any view needs (the contract's fields,
waiting time, activity, the project's region and indicator ids); :func:`select_alerts` holds
every filter of the CLI and the desktop inbox. ``workbench alerts``, the desktop (inbox,
tree badges, map, heatmap, chart markers) and the brief all start here, so they show the
same alerts with the same status, severity, situation and activity. What is drawn from a
selection (situations, badges, the heatmap, counts) is in :mod:`alerts.views`.

``waiting_days`` is how long an alert has waited for (or waited until) its verification:
from its first event to the verification event, or to now while it is still ``new`` or
``acknowledged``. *Active* (what needs a decision now) is :func:`episode_activity`'s alone.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any, Iterable

import numpy as np
import pandas as pd

from alerts import records
from alerts.rules import default_rules, stored_rules
from workbench.vocabulary import OPEN, SEVERITIES, STATUSES, severity_rank
from workbench.errors import WorkbenchError
from workbench.store.codes import indicator_keys, region_keys
from workbench.store.observations import latest_periods as store_latest_periods
from workbench.store.project import normalize_key

#: Field order of the JSON/CSV contract (docs/cli.md "alerts --format json" plus extras).
FIELDS = [
    "id", "region", "indicator", "group", "kind", "rule", "method", "freq", "first_period", "last_period",
    "peak_period", "severity", "status", "score", "explanation", "situation_id", "previous_alert_id",
    "snoozed_until", "likelihood", "consequence", "risk_level", "outcome", "dismiss_reason",
    "opened_at", "verified_at", "waiting_days", "uid",
]
#: What :func:`read_alerts` adds about each alert's episode (see :func:`episode_activity`);
#: ``months_since_end`` is ``periods_since_end`` in months whatever the frequency.
ACTIVITY_COLUMNS = ("periods_since_end", "months_since_end", "ongoing", "historical", "protracted", "active")
#: Quiet periods after which an episode counts as ended when its rule is unknown here
#: (an alert merged from a project with other rules, or a rule since deleted).
DEFAULT_WINDOW = 2
_MONTHS_PER = {"M": 1, "Q": 3, "Y": 12}
_DAYS_PER = {"W": 7, "D": 1}


def read_alerts(
    conn: sqlite3.Connection,
    *,
    now: dt.datetime | None = None,
    latest: dict[str, str] | None = None,
    regions: pd.DataFrame | None = None,
    indicators: pd.DataFrame | None = None,
    ids: Iterable[int] | None = None,
) -> pd.DataFrame:
    """Every alert, once, as every view reads it: the contract's :data:`FIELDS`, ``details``,
    ``region_id`` / ``indicator_id`` (the project's ids, -1 when unknown), ``age_days`` (since
    its first event) and its activity (:data:`ACTIVITY_COLUMNS`, from :func:`episode_activity`
    judged against ``latest``: ``freq -> latest period with a value``, read from ``conn`` when
    not given). Sorted most urgent situation first (the CLI's order). With ``ids``: only those
    alerts, unsorted, to patch a frame with :func:`replace_alerts` after a decision.

    The CLI (``workbench alerts``), the desktop (inbox, tree, map, heatmap, chart markers) and
    the brief all start from this frame and narrow it with :func:`select_alerts`, so they
    cannot disagree on what an alert's status, severity, situation or activity is.
    """
    df = records.alerts_frame(conn, ids)
    now = now or dt.datetime.now(dt.timezone.utc)
    opened = pd.to_datetime(df["opened_at"], utc=True, format="ISO8601")
    verified = pd.to_datetime(df["verified_at"], utc=True, format="ISO8601")
    changed = pd.to_datetime(df["changed_at"], utc=True, format="ISO8601")
    waiting_open = df["status"].isin(OPEN[:2]).to_numpy()  # not yet verified
    until = verified.where(verified.notna(), changed.where(~waiting_open, pd.Timestamp(now)))
    df["waiting_days"] = ((until - opened).dt.total_seconds() / 86400).round(1)
    df["age_days"] = ((pd.Timestamp(now) - opened).dt.total_seconds() / 86400).fillna(0.0).to_numpy(dtype=float)
    df = df.drop(columns=["changed_at"])
    # An alert outside any situation (withdrawn before it was grouped) is its own situation,
    # numbered by its own id, which no other situation can have.
    df["situation_id"] = df["situation_id"].fillna(df["id"])
    for col in ("situation_id", "previous_alert_id", "likelihood", "consequence"):
        df[col] = df[col].astype("Int64")
    df = _with_ids(df, conn, regions, indicators)
    latest = latest_periods(conn) if latest is None else latest
    state = episode_activity(df, latest, rule_windows(conn))
    for col in state.columns:
        df[col] = state[col].to_numpy()
    latest_of = [latest.get(str(f)) for f in df["freq"]]
    df["months_since_end"] = periods_between(df["last_period"], latest_of, ["M"] * len(df))
    return df if ids is not None else _urgent_first(df)  # a patch is ordered by replace_alerts


def _urgent_first(df: pd.DataFrame) -> pd.DataFrame:
    """The listing's order: worst situation first, then each situation's worst alert."""
    sev = severity_rank(df["severity"])
    sid = df["situation_id"].to_numpy(dtype=np.int64)
    groups, inverse = np.unique(sid, return_inverse=True)
    worst = np.zeros(len(groups))
    np.maximum.at(worst, inverse, sev)
    order = np.lexsort((df["id"].to_numpy(), -sev, sid, -worst[inverse]))
    return df.iloc[order].reset_index(drop=True)


def replace_alerts(alerts: pd.DataFrame, fresh: pd.DataFrame) -> pd.DataFrame:
    """``alerts`` with the rows of ``fresh`` (a :func:`read_alerts` of some ids) put in place of
    theirs and new ones added, in the listing's order: after a decision only the alerts it
    touched are read again."""
    if fresh.empty:
        return alerts
    kept = alerts[~alerts["id"].isin(fresh["id"])]
    return _urgent_first(pd.concat([kept, fresh[alerts.columns]], ignore_index=True))


def _with_ids(df: pd.DataFrame, conn: sqlite3.Connection, regions: pd.DataFrame | None,
              indicators: pd.DataFrame | None) -> pd.DataFrame:
    """``region_id`` and ``indicator_id``: alerts name regions and indicators as the files did;
    a district wins over a province of the same name (alerts are about leaf regions)."""
    if regions is None:
        regions = region_keys(conn)
    if indicators is None:
        indicators = indicator_keys(conn)
    leaf = regions[regions["level"].isin(["district", "other"])]
    by_key = dict(zip(leaf["key"], leaf["id"]))
    by_key.update({k: v for k, v in zip(regions["key"], regions["id"]) if k not in by_key})
    ind = dict(zip(indicators["key"], indicators["id"]))
    df["region_id"] = np.array([by_key.get(normalize_key(r), -1) for r in df["region"]], dtype=np.int64)
    df["indicator_id"] = np.array([ind.get(normalize_key(k), -1) for k in df["indicator"]], dtype=np.int64)
    return df


def select_alerts(
    alerts: pd.DataFrame,
    *,
    status: str | None = None,
    severity: str | None = None,
    region: str | None = None,
    active: bool = False,
    historical: bool = False,
    text: str | None = None,
    raised: tuple[str, float] | None = None,
    region_ids: Iterable[int] | None = None,
) -> pd.DataFrame:
    """The alerts a view lists: every filter of the CLI and the desktop inbox, in one place.

    ``status``: comma-separated statuses or ``open``; ``severity``: one level; ``region``: a
    region's name (case-insensitive, also non-ASCII); ``active`` / ``historical``: see
    :func:`episode_activity`; ``text``: part of the region's name or of the indicator's key (or
    of its codebook name, when the frame has an ``indicator_name`` column, as the desktop's has);
    ``raised``: ``("within", days)`` raised in the last days, ``("over", days)`` longer ago;
    ``region_ids``: the project's ids of the regions to keep (a province and its districts, when
    the desktop's tree narrows the inbox).
    """
    mask = np.ones(len(alerts), dtype=bool)
    if status:
        wanted = [s.strip().casefold() for s in status.split(",") if s.strip()]
        expanded = [x for s in wanted for x in (OPEN if s == "open" else (s,))]
        bad = [s for s in expanded if s not in STATUSES]
        if bad:
            raise WorkbenchError(f"unknown status {bad[0]!r}; use one of: open, {', '.join(STATUSES)}")
        mask &= alerts["status"].isin(expanded).to_numpy()
    if severity:
        sev = severity.strip().casefold()
        if sev not in SEVERITIES:
            raise WorkbenchError(f"unknown severity {severity!r}; use low, medium or high")
        mask &= (alerts["severity"] == sev).to_numpy()
    if region:  # casefold in Python: SQLite's lower() leaves "Álvaro Springs" alone
        mask &= (alerts["region"].str.casefold() == " ".join(region.split()).casefold()).to_numpy()
    if active:
        mask &= alerts["active"].to_numpy(dtype=bool)
    if historical:
        mask &= alerts["historical"].to_numpy(dtype=bool)
    if text:
        hay = alerts["region"].astype(str) + " " + alerts["indicator"].astype(str)
        if "indicator_name" in alerts:  # the name people read (the desktop adds the codebook's)
            hay = hay + " " + alerts["indicator_name"].astype(str)
        hay = hay.str.casefold()
        mask &= hay.str.contains(text.casefold(), regex=False).to_numpy()
    if raised is not None:
        kind, days = raised
        age = alerts["age_days"].to_numpy(dtype=float)
        mask &= (age <= days) if kind == "within" else (age > days)
    if region_ids is not None:
        mask &= alerts["region_id"].isin(list(region_ids)).to_numpy()
    return alerts[mask]


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
    """The contract's fields of the alerts ``workbench alerts`` lists (:func:`read_alerts`
    narrowed by :func:`select_alerts`), most urgent situation first."""
    df = read_alerts(conn, now=now, latest=latest)
    df = select_alerts(df, status=status, severity=severity, region=region, active=active)
    return df[FIELDS].reset_index(drop=True)


def latest_periods(conn: sqlite3.Connection) -> dict[str, str]:
    """``freq -> latest period with a value`` over the whole project (ISO dates)."""
    return store_latest_periods(conn)


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


def _iso_days(values: Iterable[Any]) -> np.ndarray:
    """ISO dates (their first ten characters) as ``datetime64[D]``; NaT where missing or unreadable."""
    text = [v[:10] if isinstance(v, str) and len(v) >= 10 else "NaT" for v in values]
    try:
        return np.array(text, dtype="datetime64[D]")
    except ValueError:  # one unreadable date: read them one by one
        out = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[D]")
        for i, t in enumerate(text):
            try:
                out[i] = np.datetime64(t, "D")
            except ValueError:
                pass
        return out


def periods_between(start: Iterable[Any], end: Iterable[Any], freq: Iterable[Any]) -> np.ndarray:
    """Whole periods from ``start`` to ``end`` (ISO dates) at each row's frequency; NaN if unknown.

    numpy dates, not pandas text: the listing runs this four times per read, and after a
    decision on a handful of alerts a few microseconds matter more than pandas' set-up."""
    a, b = _iso_days(start), _iso_days(end)
    known = ~(np.isnat(a) | np.isnat(b))
    months = np.full(len(a), np.nan)
    days = np.full(len(a), np.nan)
    months[known] = (b[known].astype("datetime64[M]") - a[known].astype("datetime64[M]")).astype(float)
    days[known] = (b[known] - a[known]).astype(float)
    f = np.asarray([str(x) for x in freq], dtype=object)
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
    freq = [str(f) for f in alerts["freq"]]
    latest_of: list[Any] = [latest.get(f) for f in freq]
    last_period = alerts["last_period"].to_numpy(dtype=object)
    since = periods_between(last_period, latest_of, freq)
    window = np.array([windows.get(r, default_window) if isinstance(r, str) else default_window
                       for r in alerts["rule"]], dtype=float)
    ongoing = np.isfinite(since) & (since <= window)
    protracted = np.zeros(len(alerts), dtype=bool)
    if "details" in alerts:
        d = [_as_dict(x) for x in alerts["details"]]
        has = np.array(["active_through" in x for x in d], dtype=bool)
        if has.any():
            series_last = [_text(x.get("series_last_period")) for x in d]
            through = [_text(x.get("active_through")) for x in d]
            own_since = periods_between(last_period, series_last, freq)
            own_ongoing = np.array([t is not None and (s or "") <= t for s, t in zip(series_last, through)], dtype=bool)
            since = np.where(has, own_since, since)
            ongoing = np.where(has, own_ongoing, ongoing)
            protracted = np.array([bool(x.get("protracted_period")) for x in d], dtype=bool)
            latest_of = [s if h else v for s, h, v in zip(series_last, has, latest_of)]
    status = alerts["status"].to_numpy(dtype=object)
    snoozed_for = periods_between(latest_of, alerts["snoozed_until"].to_numpy(dtype=object), freq)
    snoozed = np.isfinite(snoozed_for) & (snoozed_for > 0)
    active = np.isin(status, OPEN) & ongoing & ~snoozed
    return pd.DataFrame({
        "periods_since_end": since,
        "ongoing": ongoing,
        "historical": (status == "new") & ~ongoing,
        "protracted": protracted,
        "active": active,
    }, index=alerts.index)


def _text(value: Any) -> str | None:
    """A details field as text (None stays None), as a string column would hold it."""
    return None if value is None else str(value)


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
    "ACTIVITY_COLUMNS", "FIELDS", "alerts_frame", "episode_activity", "format_frame", "latest_periods",
    "periods_between", "project_latest_periods", "read_alerts", "replace_alerts", "rule_windows", "select_alerts",
    "to_records",
]


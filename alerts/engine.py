"""A model run: signals → episodes → alerts, reconciled with what the project already holds.

Everything is computed first, then written in ONE transaction, so a failed or cancelled
run leaves the project as it was. Reconciliation is idempotent: the same data and rules
produce exactly the same alert rows (only a new ``run`` record). New data extends an
ongoing episode in place; an open alert whose signal vanished after a data correction is
``withdrawn`` (never deleted); a signal after a closed or dismissed alert opens a new
alert linked to it by ``previous_alert_id``.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from alerts import records
from alerts.episodes import Episode, RuleEvaluation
from alerts.evaluation import evaluate_rule
from alerts.history import SYSTEM_ACTOR, append_event, now_us, refresh_alert_state
from alerts.records import office_origin
from workbench.vocabulary import OPEN
from alerts.rules import (
    PREVIOUS_SHIPPED, Rule, default_rules, ruleset_hash, save_rules, stored_rules, upgrade_shipped_rules,
)
from alerts.situations import assign_situations
from workbench import __version__
from workbench.progress import CancelToken, ProgressCallback, no_progress, scaled
from workbench.store import open_project
from workbench.store.access import require_role
from workbench.store.dialect import is_server_connection
from workbench.store.observation_columns import ObservationColumns

_FIELDS = ("method", "freq", "first_period", "last_period", "peak_period", "severity", "score",
           "explanation", "details")


@dataclass
class RunSummary:
    """What a run did, for the CLI line, the GUI's refresh and the run record."""

    run_id: int
    created: int = 0
    updated: int = 0
    extended: int = 0
    withdrawn: int = 0
    unchanged: int = 0
    episodes: int = 0
    series: int = 0
    rules: int = 0
    data_fingerprint: str = ""
    ruleset_hash: str = ""
    seconds: float = 0.0
    changed_alerts: list[int] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        keys = ("created", "updated", "extended", "withdrawn", "unchanged", "episodes", "series", "rules")
        return {k: getattr(self, k) for k in keys}


@dataclass
class _Found:
    episode: Episode
    evaluation: RuleEvaluation
    row: int
    start: int
    end: int
    opened: int


def evaluate(
    obs: pd.DataFrame | None,
    codebook: pd.DataFrame,
    rules: list[Rule],
    *,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    config: dict | None = None,
    calendars: dict[str, pd.DatetimeIndex] | None = None,
    columns: ObservationColumns | None = None,
    panels: list | None = None,
) -> tuple[list[_Found], int]:
    """All rules' episodes over all panels (pure: reads and writes nothing).

    ``calendars`` is for partitions of a larger data set (see :mod:`alerts.dask_run`).
    ``columns`` (a project's observations as read by :meth:`Project.observation_columns`)
    replaces ``obs``: the panels are laid from the arrays without a frame of strings;
    ``panels`` (laid already) replaces both.
    """
    from workbench.models.series import build_panels, panels_from_columns
    from workbench.models.signals import DEFAULT, compute_signals

    if config is None:  # what the rules use, and robust z: the yardstick of the other rules' severity
        needed = {m for r in rules for m in r.methods}
        if any(not r.stateful for r in rules):
            needed.add("robust_z")
        config = {m: DEFAULT[m] for m in sorted(needed) if m in DEFAULT}
    if panels is not None:
        pass
    elif columns is not None and calendars is None:
        panels = panels_from_columns(columns, codebook)
    else:
        panels = build_panels(columns.frame() if obs is None and columns is not None else obs, codebook,
                              calendars=calendars)
    found: list[_Found] = []
    n_series = 0
    for i, panel in enumerate(panels):
        if cancel is not None:
            cancel.raise_if_cancelled()
        progress(i / max(len(panels), 1), f"computing signals ({panel.freq}, {len(panel.keys)} series)")
        signals, sub, sub_signals = _signals(panel, rules, config, compute_signals)
        n_series += len(panel.keys)
        for rule in rules:
            if not rule.stateful and sub is None:
                continue  # no series it watches can flag (see _signals)
            ev = evaluate_rule(rule, panel, signals, codebook) if rule.stateful else \
                evaluate_rule(rule, sub, sub_signals, codebook)
            idx = ev.index
            many = getattr(ev, "summarize_many", None)  # a stateful rule's episodes, summarized together
            episodes = many(idx.row, idx.start, idx.end, idx.opened) if many is not None else None
            for ep_i in range(len(idx)):
                row, s, e, o = (int(idx.row[ep_i]), int(idx.start[ep_i]), int(idx.end[ep_i]), int(idx.opened[ep_i]))
                ep = episodes[ep_i] if episodes is not None else ev.summarize(row, s, e, o)
                if ep is not None and _severe_enough(ep, rule):
                    found.append(_Found(ep, ev, row, s, e, o))
    progress(1.0, "signals computed")
    return found, n_series


def _signals(panel: Any, rules: list[Rule], config: dict, compute: Callable[..., dict]) -> tuple[dict, Any, dict]:
    """(signals for the stateful rules, panel and signals for the others) of one panel.

    A rule of the fixed codebook threshold alone can only flag series that have a threshold:
    when that is all the non-stateful rules are, they (and robust z, their yardstick) are
    computed on those series only. The episodes are the same - every method works series by
    series - and a large project is spared arrays of every value that could never flag
    (four of robust z's at 200,000 series: 1 GB). ``None`` for the panel: no series can flag.
    """
    from workbench.models.panel import SeriesPanel
    from workbench.models.signals import STATEFUL

    others = [r for r in rules if not r.stateful]
    if not others or any(set(r.methods) != {"fixed"} for r in others):
        signals = compute(panel, config)
        return signals, panel, signals
    signals = compute(panel, {m: p for m, p in config.items() if m in STATEFUL})
    threshold = panel.threshold if panel.threshold is not None else np.full(len(panel.keys), np.nan)
    rows = np.flatnonzero(np.isfinite(threshold))
    if not rows.size:
        return signals, None, {}
    sub = panel if rows.size == len(panel.keys) else SeriesPanel(
        panel.keys.iloc[rows].reset_index(drop=True), panel.periods, panel.freq, panel.values[rows],
        panel.direction[rows], threshold[rows], None if panel.count is None else panel.count[rows])
    return signals, sub, compute(sub, {m: p for m, p in config.items() if m not in STATEFUL})


def _severe_enough(ep: Episode, rule: Rule) -> bool:
    from alerts.rules import SEVERITIES

    return SEVERITIES.index(ep.severity) >= SEVERITIES.index(rule.min_severity)


def run_models(
    project_path: str | Path,
    *,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    config: dict | None = None,
    evaluator: Callable[..., tuple[list[_Found], int]] | None = None,
) -> RunSummary:
    """Compute signals, apply the project's rules and update its alerts in one transaction.

    ``evaluator`` replaces :func:`evaluate` (same arguments and result), e.g. the Dask
    engine of :mod:`alerts.dask_run`; reconciliation stays here, single-writer.
    """
    t0 = time.perf_counter()
    started = now_us()
    with open_project(project_path) as project:
        require_role(project, "admin", "running the models")  # before minutes of computing
        # Observations as numpy columns straight from the file (a server or pooled project:
        # its own reader), and the fingerprint the project kept unless the data changed.
        reader = getattr(project, "observation_columns", None)
        columns = reader() if reader is not None and not is_server_connection(project.conn) else None
        codebook = project.indicators()
        fingerprint = project.data_fingerprint(columns) if columns is not None else project.data_fingerprint()
        # Aggregates (World, income groups) are totals over countries, not places to act in:
        # no alert is raised on them (an open one from an earlier run is withdrawn).
        aggregates = project.aggregate_names() if hasattr(project, "aggregate_names") else set()
        if columns is not None and aggregates:
            columns = _without_regions(columns, aggregates)
        seeded = records.rule_count(project.conn) > 0
        stored = stored_rules(project.conn) if seeded else []
        upgrade = seeded and ruleset_hash(stored) in PREVIOUS_SHIPPED and all(r.enabled for r in stored)
        all_rules = stored if seeded and not upgrade else default_rules()
        rules = [r for r in all_rules if r.enabled]
        columnar, newest_import = columns is not None, columns.newest_import if columns is not None else None
        if evaluator is None and columns is not None:
            from workbench.models.series import panels_from_columns

            panels = panels_from_columns(columns, codebook)
            del columns  # the panels hold the values now; the rows' columns can go
            found, n_series = evaluate(None, codebook, rules, progress=scaled(progress, 0.0, 0.9), cancel=cancel,
                                       config=config, panels=panels)
            del panels
        else:
            obs = columns.frame() if columns is not None else project.observations()
            if aggregates and columns is None:
                obs = obs[~obs["region"].isin(list(aggregates))]
            found, n_series = (evaluator or evaluate)(obs, codebook, rules, progress=scaled(progress, 0.0, 0.9),
                                                      cancel=cancel, config=config)
        if cancel is not None:
            cancel.raise_if_cancelled()
        progress(0.92, "updating alerts")
        with project.transaction(backup=True) as conn:
            if not seeded:
                save_rules(conn, all_rules, started)
            retired = upgrade_shipped_rules(conn, started) if upgrade else []
            rs_hash = ruleset_hash(rules)
            run_id = records.insert_run(conn, started, fingerprint, rs_hash, __version__)
            summary = RunSummary(run_id=run_id, data_fingerprint=fingerprint, ruleset_hash=rs_hash,
                                 series=n_series, rules=len(rules), episodes=len(found))
            if columnar:
                project.keep_fingerprint(fingerprint, newest_import)
            reconcile(conn, found, {r.name for r in rules}, run_id, summary)
            _retire(conn, retired, run_id, summary)
            assign_situations(conn)
            summary.seconds = round(time.perf_counter() - t0, 3)
            records.finish_run(conn, run_id, now_us(), json.dumps(summary.counts(), sort_keys=True))
    progress(1.0, "done")
    return summary


def _without_regions(columns: ObservationColumns, names: set[str]) -> ObservationColumns:
    """The observations of every region but those named (the aggregates)."""
    import dataclasses

    ids = [i for i, n in columns.region_names.items() if n in names]
    if not ids:
        return columns
    keep = ~np.isin(columns.region_id, ids)
    rows = {f: getattr(columns, f)[keep] for f in ("region_id", "indicator_id", "period_code", "group_code",
                                                    "value", "freq_code")}
    return dataclasses.replace(columns, **rows)


_STORED = ("id", "rule", "region", "indicator", "grp", "kind", "status", "first_period", "last_period",
           *(f for f in _FIELDS if f not in ("first_period", "last_period")))


def _stored(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every alert's row as a dict (tens of thousands: read with the cursor, not through a frame)."""
    rows = records.alert_tuples(conn, _STORED)
    return [dict(zip(_STORED, row)) for row in rows]


def _row_values(ep: Episode) -> dict[str, Any]:
    """The alert columns an episode sets (read from its fields: ``dataclasses.asdict`` would
    deep-copy every episode's details only for them to be written as JSON)."""
    return {
        "method": ep.method, "freq": ep.freq, "first_period": ep.first_period,
        "last_period": ep.last_period, "peak_period": ep.peak_period, "severity": ep.severity,
        "score": ep.score, "explanation": ep.explanation,
        "details": json.dumps({**ep.details, "opened_period": ep.opened_period}, sort_keys=True),
    }


def reconcile(
    conn: sqlite3.Connection, found: list[_Found], rules_run: set[str], run_id: int, summary: RunSummary
) -> None:
    """Match computed episodes to stored alerts and write the differences (caller's transaction)."""
    try:
        _reconcile(conn, found, rules_run, run_id, summary)
    finally:
        _ORIGIN.pop(id(conn), None)


def _reconcile(
    conn: sqlite3.Connection, found: list[_Found], rules_run: set[str], run_id: int, summary: RunSummary
) -> None:
    stored = _stored(conn)
    by_series: dict[tuple, list[dict]] = {}
    for rec in stored:
        by_series.setdefault((rec["rule"], rec["region"], rec["indicator"], rec["grp"], rec["kind"]), []).append(rec)
    claimed: set[int] = set()
    for f in sorted(found, key=lambda f: (f.episode.series_key, f.episode.first_period)):
        ep = f.episode
        history = by_series.get(ep.series_key, [])
        live = [a for a in history if a["status"] != "withdrawn" and _overlaps(a, ep)]
        latest = max(live, key=lambda a: a["id"]) if live else None
        if latest is not None and latest["id"] not in claimed and latest["status"] in OPEN:
            cutoff = max((a["last_period"] for a in live if a["status"] not in OPEN), default=None)
            target = _clip(f, cutoff)
            claimed.add(latest["id"])
            if target is None:
                continue
            _update(conn, latest, target, run_id, summary)
            # Later episodes of this series are matched against the extent just written,
            # not the one it had before this run.
            latest.update(first_period=target.first_period, last_period=target.last_period)
            continue
        if latest is not None and latest["status"] not in OPEN and ep.last_period <= latest["last_period"]:
            claimed.add(latest["id"])
            continue  # the team already decided about this stretch of signal
        cutoff = latest["last_period"] if latest is not None else None
        target = _clip(f, cutoff)
        if target is None:
            continue
        previous = latest["id"] if latest is not None else (_last_withdrawn(history, ep) or _protracted_before(history, ep))
        values = _row_values(target)
        new_id = _create(conn, target, previous, run_id, values)
        claimed.add(new_id)
        # Later episodes of this series in this run (an escalation on top of a protracted
        # situation) see the alert just written.
        by_series.setdefault(ep.series_key, []).append({
            "id": new_id, "status": "new", "first_period": target.first_period, "last_period": target.last_period,
            "details": values["details"],
        })
        summary.created += 1
        summary.changed_alerts.append(new_id)
    for rec in stored:
        if rec["status"] in OPEN and rec["rule"] in rules_run and rec["id"] not in claimed:
            append_event(conn, rec["id"], kind="run", actor=SYSTEM_ACTOR, from_status=rec["status"],
                         to_status="withdrawn", run_id=run_id,
                         note="the signal is no longer present in the data (corrected or removed)")
            refresh_alert_state(conn, rec["id"])
            records.set_updated_run(conn, rec["id"], run_id)
            summary.withdrawn += 1
            summary.changed_alerts.append(rec["id"])


def _retire(conn: sqlite3.Connection, rules: list[str], run_id: int, summary: RunSummary) -> None:
    """Alerts of shipped rules that an upgrade retired: the ones nobody has handled yet are
    withdrawn (the current rules judge the same data again); handled ones stay for the team."""
    if not rules:
        return
    for alert_id in records.new_alerts_of_rules(conn, rules):
        append_event(conn, alert_id, kind="run", actor=SYSTEM_ACTOR, from_status="new", to_status="withdrawn",
                     run_id=run_id, note="the shipped rule that raised it was replaced by the current rule set")
        refresh_alert_state(conn, alert_id)
        records.set_updated_run(conn, alert_id, run_id)
        summary.withdrawn += 1
        summary.changed_alerts.append(alert_id)


def _overlaps(alert: dict, ep: Episode) -> bool:
    return alert["first_period"] <= ep.last_period and ep.first_period <= alert["last_period"]


def _last_withdrawn(history: list[dict], ep: Episode) -> int | None:
    old = [a for a in history if a["status"] == "withdrawn" and _overlaps(a, ep)]
    return max(a["id"] for a in old) if old else None


def _protracted_before(history: list[dict], ep: Episode) -> int | None:
    """The protracted situation a new escalation grows out of: the latest alert of the series
    that became protracted before this episode began (its level is this one's baseline)."""
    best = None
    for a in history:
        try:
            became = json.loads(a.get("details") or "{}").get("protracted_period")
        except (TypeError, ValueError):
            continue
        if became and became < ep.first_period and (best is None or a["id"] > best):
            best = a["id"]
    return best


def _clip(f: _Found, cutoff: str | None) -> Episode | None:
    """The part of an episode after a decided (closed/dismissed) alert's last period."""
    if cutoff is None or f.episode.first_period > cutoff:
        return f.episode
    periods = f.evaluation.panel.periods
    start = int(np.searchsorted(periods.values, np.datetime64(pd.Timestamp(cutoff)), side="right"))
    if start > f.end:
        return None
    return f.evaluation.summarize(f.row, start, f.end, max(f.opened, start))


def _create(conn: sqlite3.Connection, ep: Episode, previous: int | None, run_id: int,
            v: dict[str, Any] | None = None) -> int:
    v = _row_values(ep) if v is None else v
    cols = ["uid", "rule", "region", "indicator", "grp", "kind", "status", "previous_alert_id",
            "opened_run", "updated_run", *v]
    vals = [uuid.uuid4().hex, ep.rule, ep.region, ep.indicator, ep.group, ep.kind, "new", previous,
            run_id, run_id, *v.values()]
    new_id = records.insert_alert(conn, dict(zip(cols, vals)))
    note = f"opened by run {run_id}" + (f"; follows alert {previous}" if previous else "")
    # The alert was just created: no event of its own to follow, and this office's origin
    # looked up once per run (a first run creates tens of thousands).
    origin = _ORIGIN.get(id(conn)) or _ORIGIN.setdefault(id(conn), office_origin(conn))
    append_event(conn, new_id, kind="run", actor=SYSTEM_ACTOR, from_status=None, to_status="new",
                 note=note, run_id=run_id, origin=origin, first=True)
    _note_protracted(conn, new_id, None, ep, run_id, "new")
    return new_id


#: This office's origin per connection, during a reconcile (see :func:`reconcile`).
_ORIGIN: dict[int, str] = {}


def _note_protracted(conn: sqlite3.Connection, alert_id: int, old_details: Any, ep: Episode, run_id: int,
                     status: str) -> None:
    """One run event when an episode becomes a protracted situation (it leaves the Active view)."""
    became = (ep.details or {}).get("protracted_period")
    if not became:
        return
    try:
        before = json.loads(old_details or "{}").get("protracted_period")
    except (TypeError, ValueError):
        before = None
    if before == became:
        return
    append_event(conn, alert_id, kind="run", actor=SYSTEM_ACTOR, from_status=status, to_status=None,
                 note=f"a protracted situation since {became[:7]}: the new level is now the series' baseline, "
                      "so the alert leaves the Active view; a further rise opens a new alert",
                 run_id=run_id, details={"protracted_period": became})


def _update(conn: sqlite3.Connection, alert: dict, ep: Episode, run_id: int, summary: RunSummary) -> None:
    v = _row_values(ep)
    changed = {k: val for k, val in v.items() if not _same(alert.get(k), val)}
    if list(changed) == ["details"] and _but_explain(alert.get("details")) == _but_explain(v["details"]):
        # Only the explanation's parts are new (an alert written before runs stored them): the
        # alert has not changed, so no run marks it updated; its parts are kept from now on.
        records.set_details(conn, alert["id"], v["details"])
        changed = {}
    if not changed:
        summary.unchanged += 1
        return
    records.update_alert(conn, alert["id"], changed, run_id)
    notes = []
    # What changed, as data (the meeting view reads these: alerts.meeting), besides the note a
    # person reads in the timeline.
    details: dict[str, Any] = {}
    if "last_period" in changed:
        verb = "extended" if v["last_period"] > alert["last_period"] else "shortened"
        notes.append(f"episode {verb} to {v['last_period'][:7]}")
        details.update(episode=verb, last_period_from=alert["last_period"], last_period_to=v["last_period"])
        summary.extended += verb == "extended"
    if "first_period" in changed:
        notes.append(f"episode now starts {v['first_period'][:7]}")
        details.update(first_period_from=alert["first_period"], first_period_to=v["first_period"])
    if "severity" in changed:
        notes.append(f"severity {alert['severity']} → {v['severity']}")
        details.update(severity_from=alert["severity"], severity_to=v["severity"])
    if notes:
        append_event(conn, alert["id"], kind="run", actor=SYSTEM_ACTOR, from_status=alert["status"],
                     to_status=None, note="; ".join(notes), run_id=run_id, details=details)
    if "details" in changed:
        _note_protracted(conn, alert["id"], alert.get("details"), ep, run_id, alert["status"])
    summary.updated += 1
    summary.changed_alerts.append(alert["id"])


def _but_explain(details: Any) -> Any:
    """An alert's details without the explanation's parts (``details["explain"]``)."""
    try:
        d = json.loads(details or "{}")
    except (TypeError, ValueError):
        return details
    if isinstance(d, dict):
        d.pop("explain", None)
    return d


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        try:
            return a is not None and b is not None and abs(float(a) - float(b)) <= 1e-9
        except (TypeError, ValueError):
            return False
    return a == b


def list_runs(conn: sqlite3.Connection) -> pd.DataFrame:
    return records.runs_frame(conn)

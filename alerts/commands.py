"""The alerts' command-line verbs: run, runs, alerts, alert, history, rules, backtest, merge.

Each ``register_*`` adds one sub-parser (they are separate entry points so the dispatcher
lists them like any other command). Handlers import their modules lazily so that
``workbench --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from workbench.arguments import bounded_int, finite_float, row_id
from workbench.locations import add_project_argument

FORMATS = ("table", "csv", "json")


def _text_progress(fraction: float, message: str = "") -> None:
    if sys.stderr.isatty() and message:
        print(f"\r{fraction:4.0%} {message[:70]:<70}", end="", file=sys.stderr, flush=True)


# -- run / runs ---------------------------------------------------------------------------
def register_run(sub: Any) -> None:
    p = sub.add_parser("run", help="run all models and rules, update alerts")
    add_project_argument(p)
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where the models run: this process (default) or a Dask cluster")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the scheduler (tcp://host:8786); default: a 2-worker local cluster")
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from alerts import operations
    from workbench.errors import WorkbenchError

    evaluator = None
    if args.engine == "dask":
        from alerts.dask_run import dask_evaluator

        evaluator = dask_evaluator(args.scheduler)
    elif args.scheduler:
        raise WorkbenchError("--scheduler goes with --engine dask")
    changes = operations.run(args.project, progress=_text_progress, evaluator=evaluator)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print("\n".join(changes.messages))
    return 0


def register_runs(sub: Any) -> None:
    p = sub.add_parser("runs", help="list model runs (time, data fingerprint, rule set, version)")
    add_project_argument(p)
    p.add_argument("--format", choices=FORMATS, default="table")
    p.set_defaults(handler=_runs)


def _runs(args: argparse.Namespace) -> int:
    from alerts.engine import list_runs
    from alerts.listing import format_frame
    from workbench.store import open_project

    with open_project(args.project, readonly=True) as project:
        df = list_runs(project.conn)
    df["data_fingerprint"] = df["data_fingerprint"].str[:12]
    print(format_frame(df, args.format, list(df.columns)))
    return 0


# -- alerts / alert / history ---------------------------------------------------------------
def register_alerts(sub: Any) -> None:
    p = sub.add_parser("alerts", help="list alerts (the inbox)")
    add_project_argument(p)
    p.add_argument("--status", help="new, acknowledged, verified, escalated, closed, dismissed, withdrawn, "
                                    "or 'open' (comma-separated for several)")
    p.add_argument("--severity", choices=("low", "medium", "high"))
    p.add_argument("--region")
    p.add_argument("--active", action="store_true",
                   help="only what needs a decision now: alerts in progress (acknowledged, verified, "
                        "escalated) and new ones whose episode is still ongoing in the latest data")
    p.add_argument("--situations", action="store_true",
                   help="one row per situation (alerts of one region in overlapping months)")
    p.add_argument("--since-meeting", action="store_true",
                   help="only what is new, escalated, changed or overdue since the last meeting (the marker "
                        "'workbench meeting' shows and sets; a week when none is set), with a 'why' column")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.set_defaults(handler=_alerts)


def _alerts(args: argparse.Namespace) -> int:
    from alerts.listing import FIELDS, format_frame, project_latest_periods, read_alerts, select_alerts
    from alerts.views import situations, situations_for_output
    from workbench.store import open_project

    with open_project(args.project, readonly=True) as project:
        every = read_alerts(project.conn, latest=project_latest_periods(project))
        if args.since_meeting:
            from alerts.history import history_frame
            from alerts.meeting import marker_time, read_marker, since_meeting

            every = since_meeting(every, history_frame(project.conn), marker_time(read_marker(project)))
    df = select_alerts(every, status=args.status, severity=args.severity, region=args.region, active=args.active)
    fields = [*FIELDS, "why"] if args.since_meeting else FIELDS
    if args.situations:
        sit = situations_for_output(situations(df))
        if args.since_meeting:
            from alerts.meeting import situation_reasons

            why = situation_reasons(df)
            sit.insert(3, "why", [why.get(int(s), "") for s in sit["situation_id"]])
        print(format_frame(sit, args.format, list(sit.columns), {"indicators": 60, "statuses": 30, "alert_ids": 30}))
        return 0
    cols = ["id", "situation_id", "severity", "status", "region", "indicator", "group", "rule",
            "first_period", "last_period", "score", "waiting_days", "explanation"]
    if args.since_meeting:
        cols.insert(4, "why")
    print(format_frame(df[fields], args.format, cols, {"explanation": 90, "indicator": 30, "rule": 18}))
    return 0


def register_meeting(sub: Any) -> None:
    p = sub.add_parser("meeting", help="show or set the last meeting's date (the team's marker)",
                       description="The meeting marker is kept in the project, so the whole team shares it. "
                                   "Writing a brief sets it; 'alerts --since-meeting' lists what moved since.")
    add_project_argument(p)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--set", dest="at", metavar="DATE", help="the meeting's date (2024-05-03) or time (UTC)")
    g.add_argument("--now", action="store_true", help="the meeting is now")
    p.add_argument("--actor", default=None, help="who set it, in a project file (default: your user name)")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.set_defaults(handler=_meeting)


def _meeting(args: argparse.Namespace) -> int:
    import datetime as dt

    import pandas as pd

    from alerts.history import history_frame
    from alerts.listing import format_frame, project_latest_periods, read_alerts
    from alerts.meeting import REASONS, marker_time, read_marker, since_meeting
    from alerts.operations import set_meeting
    from workbench.store import open_project

    if args.at or args.now:
        when = dt.datetime.now(dt.timezone.utc).isoformat() if args.now else args.at
        print("\n".join(set_meeting(args.project, when, actor=args.actor).messages))
    with open_project(args.project, readonly=True) as project:
        marker = read_marker(project)
        every = read_alerts(project.conn, latest=project_latest_periods(project))
        agenda = since_meeting(every, history_frame(project.conn), marker_time(marker))
    counts = {r: int(agenda["why"].str.contains(r, regex=False).sum()) for r in REASONS}
    row = {"marker": marker.at if marker else None, "source": marker.source if marker else "default (7 days)",
           "set_by": marker.set_by if marker else None, "alerts": len(agenda),
           "situations": int(agenda["situation_id"].nunique()), **counts}
    df = pd.DataFrame([row])
    print(format_frame(df, args.format, list(df.columns)))
    return 0


def register_alert(sub: Any) -> None:
    p = sub.add_parser("alert", help="change an alert's status, add a note or snooze it")
    p.add_argument("id", type=row_id, metavar="ID")
    add_project_argument(p)
    p.add_argument("--set", dest="status", metavar="STATUS",
                   help="acknowledged, verified, escalated, closed, dismissed, or reopen")
    p.add_argument("--note", help="a note (alone: a note without a status change)")
    p.add_argument("--actor", default=None,
                   help="who did it, in a project file (default: your user name); on a server project the "
                        "event is always recorded under your login")
    p.add_argument("--reason", help="why it is dismissed: false_alarm, data_error, known_cause")
    p.add_argument("--likelihood", type=bounded_int(1, 5), help="verification: 1 very unlikely .. 5 almost certain")
    p.add_argument("--consequence", type=bounded_int(1, 5), help="verification: 1 minimal .. 5 severe")
    p.add_argument("--outcome", help="verification: respond, monitor or discard")
    p.add_argument("--snooze-until", metavar="PERIOD", help="hide from the inbox until this period (2024-06)")
    p.add_argument("--correct", metavar="STATUS",
                   help="correct the latest decision: put the alert in STATUS (any state a person sets, backwards "
                        "too) with --note saying why; the history keeps both")
    p.set_defaults(handler=_alert)


def _alert(args: argparse.Namespace) -> int:
    from alerts.operations import correct, decide
    from workbench.errors import WorkbenchError

    if args.correct:
        if args.status or args.snooze_until:
            raise WorkbenchError("--correct goes alone (with --note and what its state records)")
        changes = correct(args.project, args.id, status=args.correct, note=args.note, reason=args.reason,
                          likelihood=args.likelihood, consequence=args.consequence, outcome=args.outcome,
                          actor=args.actor)
        print("\n".join(changes.messages))
        return 0

    changes = decide(args.project, [args.id], status=args.status, note=args.note, snooze_until=args.snooze_until,
                     reason=args.reason, likelihood=args.likelihood, consequence=args.consequence,
                     outcome=args.outcome, actor=args.actor)
    print("\n".join(changes.messages))
    return 0


def register_history(sub: Any) -> None:
    p = sub.add_parser("history", help="the event history of alerts (who did what when)")
    add_project_argument(p)
    p.add_argument("--region")
    p.add_argument("--alert", type=row_id, metavar="ID")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.set_defaults(handler=_history)


def _history(args: argparse.Namespace) -> int:
    from alerts.history import history_frame, shown_kinds
    from alerts.listing import format_frame
    from workbench.store import open_project

    with open_project(args.project, readonly=True) as project:
        df = history_frame(project.conn, region=args.region, alert_id=args.alert)
    if args.format == "table":  # JSON and CSV keep the stored kind with its details ("correction": true)
        df = df.assign(kind=shown_kinds(df))
    cols = ["at", "alert_id", "region", "indicator", "actor", "kind", "from_status", "to_status", "note"]
    print(format_frame(df, args.format, cols, {"note": 70, "indicator": 30}))
    return 0


# -- rules ----------------------------------------------------------------------------------
def register_rules(sub: Any) -> None:
    p = sub.add_parser("rules", help="show, export or import the project's alert rules (TOML)")
    add_project_argument(p)
    g = p.add_mutually_exclusive_group()
    g.add_argument("--export", metavar="F.toml")
    g.add_argument("--import", dest="import_", metavar="F.toml")
    p.set_defaults(handler=_rules)


def _rules(args: argparse.Namespace) -> int:
    from pathlib import Path

    from alerts import records
    from alerts.history import now_us
    from alerts.rule_schema import MAX_RULES
    from alerts.rules import default_rules, dump_rules_toml, read_rules_file, save_rules, stored_rules
    from workbench.errors import WorkbenchError
    from workbench.outputs import check_output_target, write_text_output
    from workbench.store import open_project
    from workbench.store.access import require_role
    from workbench.store import open_for_reading

    if args.import_:
        rules = read_rules_file(Path(args.import_))  # every rule checked before the project is opened
        with open_project(args.project) as project, project.transaction() as conn:
            require_role(project, "admin", "changing the rules")
            # Seed the shipped set first (not parsed: a bad rule stored by an older version is
            # exactly what an import may be replacing).
            if records.rule_count(conn) == 0:
                save_rules(conn, default_rules(), now_us())
            save_rules(conn, rules, now_us())
            total = records.rule_count(conn)
            if total > MAX_RULES:  # raised inside the transaction: nothing is stored
                raise WorkbenchError(f"the project would hold {total:,} rules, more than the {MAX_RULES} allowed; "
                                     "nothing was imported")
        print(f"{len(rules)} rule(s) imported: {', '.join(r.name for r in rules)}")
        return 0
    if args.export:
        check_output_target(args.export, inputs=[args.project], what="rule file")
    # Looking at the rules never writes: a project without stored rules shows the shipped set.
    with open_for_reading(args.project) as project:
        rules = stored_rules(project.conn) or default_rules()
    text = dump_rules_toml(rules)
    if args.export:
        write_text_output(args.export, text, inputs=[args.project], what="rule file")
        print(f"{len(rules)} rule(s) written to {args.export}")
    else:
        print(text, end="")
    return 0


# -- backtest / merge -----------------------------------------------------------------------
def register_backtest(sub: Any) -> None:
    p = sub.add_parser("backtest", help="replay history as if live: detection, false alarms, delay per rule")
    add_project_argument(p)
    p.add_argument("--truth", metavar="FILE", help="ground-truth episodes (CSV: region, indicator, onset, end, ...)")
    p.add_argument("--rule", metavar="NAME", help="only this rule (plus the EARS C2 reference)")
    p.add_argument("--min-magnitude", type=finite_float(0, 100), default=2.0,
                   help="count truth episodes of at least this size in SDs (default 2)")
    p.add_argument("--calibrate", action="store_true", help="find the threshold meeting --budget")
    p.add_argument("--budget", type=finite_float(0, 1000), default=0.1, help="false alarms per series-year (default 0.1)")
    p.add_argument("--apply", action="store_true",
                   help="with --calibrate: store the calibrated thresholds in the project's rules")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.set_defaults(handler=_backtest)


def _backtest(args: argparse.Namespace) -> int:
    from pathlib import Path

    from alerts.backtest import format_report, run_backtest
    from workbench.errors import WorkbenchError

    if args.apply and not args.calibrate:
        raise WorkbenchError("--apply stores a calibration: use it with --calibrate")
    if args.budget < 0:
        raise WorkbenchError("--budget is a number of false alarms per series-year, 0 or more")
    from workbench.locations import is_server_url

    if args.apply and is_server_url(args.project):  # a login's role: refused before minutes of replaying
        from workbench.store import open_project
        from workbench.store.access import require_role

        with open_project(args.project, readonly=True) as project:
            require_role(project, "admin", "changing the rules")
    report = run_backtest(
        args.project, truth=Path(args.truth) if args.truth else None, rule=args.rule,
        min_magnitude=args.min_magnitude, calibrate=args.calibrate, budget=args.budget,
        progress=_text_progress,
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(format_report(report, args.format))
    if args.apply:
        _apply_calibration(args.project, {c.rule: c.scale for c in report.calibrations if c.scale is not None})
    return 0


def _apply_calibration(project: str, scales: dict[str, float]) -> None:
    from alerts.history import now_us
    from alerts.rules import ensure_rules, save_rules
    from workbench.store import open_project

    from workbench.store.access import require_role

    with open_project(project) as p, p.transaction() as conn:
        require_role(p, "admin", "changing the rules")
        rules = ensure_rules(conn, now_us())
        changed = [r.with_scale(scales[r.name]) for r in rules if r.name in scales and r.score_scale != scales[r.name]]
        save_rules(conn, changed, now_us())
    names = ", ".join(f"{r.name} x{r.score_scale:g}" for r in changed) or "none (already calibrated)"
    print(f"calibrated thresholds stored: {names}", file=sys.stderr)


def register_merge(sub: Any) -> None:
    from workbench.commands.curation_cmd import add_merge_arguments

    p = sub.add_parser("merge", help="bring alert events and notes from another office's copy of the project; "
                                     "or merge region|indicator SOURCE TARGET")
    p.add_argument("other", metavar="OTHER.wbproj|region|indicator")
    add_project_argument(p)
    add_merge_arguments(p)
    p.set_defaults(handler=_merge)


def _merge(args: argparse.Namespace) -> int:
    from alerts.merge import merge_projects
    from workbench.errors import WorkbenchError

    if args.other in ("region", "indicator"):
        from workbench.commands.curation_cmd import run_merge

        return run_merge(args)
    if args.names:
        raise WorkbenchError("merge OTHER.wbproj takes no names; to merge names say merge region|indicator SOURCE TARGET")

    r = merge_projects(args.project, args.other)
    print(f"merged {args.other}: {r.events_added} new event(s), {r.alerts_added} new alert(s), "
          f"{r.alerts_changed} alert(s) changed status; {r.events_known} event(s) were already here")
    if r.quarantined:
        reasons: dict[str, int] = {}
        for item in r.quarantined:
            key = f"{item.what}: {item.reason}"
            reasons[key] = reasons.get(key, 0) + 1
        print(f"quarantined (not merged): {len(r.quarantined)}")
        for key, n in sorted(reasons.items(), key=lambda kv: -kv[1]):
            print(f"  {n} {key}")
        for item in r.quarantined[:20]:
            print(f"  {item.what} {item.uid}: {item.reason}")
        raise WorkbenchError(f"{len(r.quarantined)} alert(s) or event(s) of {args.other} failed the checks and were "
                             "not merged (listed above); everything else was")
    return 0

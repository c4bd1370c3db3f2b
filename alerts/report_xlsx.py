"""The Excel brief: a workbook formatted for people, written with openpyxl.

Sheets: Summary (freshness, what needs a decision now — the inbox's active situations and
alerts by severity, active alerts by province with a native bar chart —, what changed since
the previous run, headline alerts), Meeting (what is new, escalated, changed or overdue since the
last meeting — the inbox's landing view — and the decisions taken since, with who, when, notes,
risk assessments and outcomes), Alerts (the contract's fields, severity colours,
filterable), Alert history, Changes, one Indicators sheet per frequency (the last 24 periods
of every series behind an active alert, episode months shaded by severity) and Index (the
composite ranking with its Monte Carlo sensitivity).

Every text cell goes through :func:`workbench.exports.safe_cells.xlsx_text` and is stored
as a string, so a region called ``=HYPERLINK(...)`` from an imported file stays text.

Language: every fixed text — sheet names, titles, headings, column titles, count sentences and
the vocabulary words in cells (statuses, severities, changes, decisions) — is written in the
brief's :class:`workbench.i18n.Language`; names, indicators, notes and the alerts' explanations
are data and stay as written. Under Arabic every sheet is laid out right to left.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import ColorScaleRule, DataBarRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from alerts.brief_data import (
    CHANGE_KINDS, SEVERITIES, BriefData, agenda_sentence, collect_brief, index_note, meeting_title,
)
from alerts.brief_words import cell as word_cell
from alerts.brief_words import title as column_title
from alerts.explain_text import explanation_in
from alerts.history import shown_kinds
from workbench.i18n import N_, Language
from workbench.i18n import language as brief_language
from workbench.vocabulary import OPEN
from workbench.exports.safe_cells import xlsx_text
from workbench.exports.tabular import atomic_path

SEVERITY_FILL = {"high": "F4B6AE", "medium": "F9D8A8", "low": "FBEFB4"}
SEVERITY_STRONG = {"high": "C0392B", "medium": "E67E22", "low": "F1C40F"}
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=16, color="1F4E79")
SECTION_FONT = Font(bold=True, size=12, color="1F4E79")
PERIOD_FORMAT = {"M": "mmm yyyy", "Q": "yyyy-mm", "W": "yyyy-mm-dd", "Y": "yyyy"}
#: Outside English, periods are written as the data write them (2025-03): Excel would show
#: "mmm" in the language of the reader's Excel, an English month name in a French brief.
PERIOD_FORMAT_NUMERIC = {"M": "yyyy-mm", "Q": "yyyy-mm", "W": "yyyy-mm-dd", "Y": "yyyy"}
FREQ_NAME = {"M": N_("monthly"), "Q": N_("quarterly"), "W": N_("weekly"), "Y": N_("yearly")}

ALERT_COLUMNS = [
    ("id", 7, None), ("severity", 9, None), ("status", 12, None), ("region", 16, None), ("province", 16, None),
    ("indicator", 30, None), ("group", 10, None), ("rule", 16, None), ("method", 12, None),
    ("first_period", 11, "yyyy-mm"), ("last_period", 11, "yyyy-mm"), ("score", 8, "0.00"),
    ("situation_id", 9, "0"), ("waiting_days", 9, "0.0"), ("explanation", 90, None),
]
HISTORY_COLUMNS = [
    ("at", 20, "yyyy-mm-dd hh:mm"), ("alert_id", 8, "0"), ("region", 16, None), ("indicator", 30, None),
    ("group", 10, None), ("actor", 12, None), ("kind", 10, None), ("from_status", 12, None),
    ("to_status", 12, None), ("note", 70, None),
]
CHANGE_COLUMNS = [
    ("change", 10, None), ("alert_id", 8, "0"), ("severity", 9, None), ("status", 12, None), ("region", 16, None),
    ("province", 16, None), ("indicator", 30, None), ("group", 10, None), ("first_period", 11, "yyyy-mm"),
    ("last_period", 11, "yyyy-mm"), ("score", 8, "0.00"), ("at", 20, "yyyy-mm-dd hh:mm"), ("actor", 12, None),
    ("note", 60, None),
]


def cell_value(v: Any) -> Any:
    """A value openpyxl stores as data, never as a formula; missing values become empty cells."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, (float, np.floating)):
        return None if not np.isfinite(v) else float(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, pd.Timestamp):
        return v.tz_convert(None).to_pydatetime() if v.tzinfo else v.to_pydatetime()
    if isinstance(v, (int, dt.datetime, dt.date)):
        return v
    return xlsx_text(str(v))


def put(ws: Worksheet, row: int, col: int, value: Any, number_format: str | None = None, **style: Any) -> Any:
    """Write one cell safely (text forced to a string cell) with optional format and style."""
    c = ws.cell(row=row, column=col, value=cell_value(value))
    if c.data_type == "f":  # belt and braces: neutralised text cannot start with '=', but never a formula
        c.data_type = "s"
    if number_format:
        c.number_format = number_format
    for k, v in style.items():
        setattr(c, k, v)
    return c


def _as_dates(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    out = df.copy()
    for c in cols:
        if c in out:
            s = pd.to_datetime(out[c], utc=True, format="ISO8601") if c == "at" else pd.to_datetime(out[c])
            out[c] = s.dt.tz_localize(None) if getattr(s.dt, "tz", None) is not None else s
    return out


def month_format(L: Language) -> str:
    """The number format of a month cell: "Mar 2025" in English, "2025-03" in the others."""
    return "mmm yyyy" if L.code == "en" else "yyyy-mm"


def write_table(ws: Worksheet, df: pd.DataFrame, columns: list[tuple[str, int, str | None]], *,
                top: int = 1, severity_col: str | None = "severity", lang: Language | None = None) -> None:
    """A header row, typed rows, frozen header, auto-filter, widths and severity colours; titles
    and vocabulary words in ``lang``."""
    lang = lang or Language()
    for j, (name, width, _fmt) in enumerate(columns, start=1):
        put(ws, top, j, column_title(lang, name), font=HEADER_FONT, fill=HEADER_FILL,
            alignment=Alignment(vertical="center", wrap_text=True))
        ws.column_dimensions[get_column_letter(j)].width = width
    data = _as_dates(df, [c for c, _w, f in columns if f and ("yy" in f)])
    arrays = [data[c].to_numpy(dtype=object) if c in data else np.full(len(data), None) for c, _w, _f in columns]
    for i, row in enumerate(zip(*arrays), start=top + 1):
        for j, (v, (c, _w, fmt)) in enumerate(zip(row, columns), start=1):
            put(ws, i, j, word_cell(lang, c, v), fmt)
    last_row = top + max(len(df), 1)
    last_col = get_column_letter(len(columns))
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    ws.auto_filter.ref = f"A{top}:{last_col}{last_row}"
    names = [c for c, _w, _f in columns]
    if severity_col in names and len(df):
        letter = get_column_letter(names.index(severity_col) + 1)
        area = f"A{top + 1}:{last_col}{last_row}"
        for sev, colour in SEVERITY_FILL.items():
            ws.conditional_formatting.add(area, FormulaRule(
                formula=[f'${letter}{top + 1}="{lang.word(sev)}"'],
                fill=PatternFill("solid", fgColor=colour, bgColor=colour)))


# -- sheets ---------------------------------------------------------------------------------
def _summary(ws: Worksheet, d: BriefData, L: Language) -> None:
    ws.title = L._("Summary")
    ws.column_dimensions["A"].width = 26
    for col in "BCDEF":
        ws.column_dimensions[col].width = 11
    put(ws, 1, 1, L._("Cohesion early-warning brief"), font=TITLE_FONT)
    rows = [
        (L._("Project"), d.project_name),
        (L._("Written"), d.generated_at.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        (L._("Data up to"), L.month_year(d.latest_period) if d.latest_period is not None else L._("no data")),
        (L._("Last import"), d.last_import_at[:16].replace("T", " ") if d.last_import_at else L._("none")),
        (L._("Last model run"), L._("run {id}, {at}", id=d.last_run["id"],
                                    at=d.last_run["started_at"][:16].replace("T", " "))
         if d.last_run else L._("never: run `workbench run` first")),
    ]
    for i, (k, v) in enumerate(rows, start=2):
        put(ws, i, 1, k, font=Font(bold=True))
        put(ws, i, 2, v)
    r = 8
    put(ws, r, 1, L._("Needs a decision now (the inbox's Active view)"), font=SECTION_FONT)
    put(ws, r, 2, column_title(L, "situations"), font=HEADER_FONT, fill=HEADER_FILL)
    put(ws, r, 3, column_title(L, "alerts"), font=HEADER_FONT, fill=HEADER_FILL)
    sev = d.by_severity()
    for i, s in enumerate(SEVERITIES, start=r + 1):
        put(ws, i, 1, L.word(s), fill=PatternFill("solid", fgColor=SEVERITY_FILL[s]))
        put(ws, i, 2, int(sev.at[s, "situations"]), "0")
        put(ws, i, 3, int(sev.at[s, "alerts"]), "0")
    put(ws, r + 4, 1, L._("total active"), font=Font(bold=True))
    put(ws, r + 4, 2, int(sev["situations"].sum()), "0", font=Font(bold=True))
    put(ws, r + 4, 3, int(sev["alerts"].sum()), "0", font=Font(bold=True))

    r = 14
    put(ws, r, 1, L._("Active alerts by province"), font=SECTION_FONT)
    prov = d.by_province()
    header = ["province", *SEVERITIES, "total"]
    for j, h in enumerate(header, start=1):
        put(ws, r + 1, j, column_title(L, h), font=HEADER_FONT, fill=HEADER_FILL)
    for i, (name, row) in enumerate(prov.iterrows(), start=r + 2):
        put(ws, i, 1, name or L._("(no province)"))
        for j, h in enumerate(header[1:], start=2):
            put(ws, i, j, int(row[h]), "0")
    end = r + 1 + len(prov)
    if len(prov):
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = L._("Active alerts by province")
        chart.y_axis.title = L._("active alerts")
        chart.add_data(Reference(ws, min_col=2, max_col=4, min_row=r + 1, max_row=end), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=r + 2, max_row=end))
        for series, s in zip(chart.series, SEVERITIES):
            series.graphicalProperties.solidFill = SEVERITY_STRONG[s]
            series.graphicalProperties.line.solidFill = SEVERITY_STRONG[s]
        chart.height, chart.width = 7.5, 14
        ws.add_chart(chart, "H2")

    r = max(end + 2, 24)
    put(ws, r, 1, meeting_title(d, L), font=SECTION_FONT)
    put(ws, r + 1, 1, L._("{situations} on the agenda, {decisions}: see the sheet '{sheet}'",
                          situations=L.ngettext("{n} situation", "{n} situations", len(d.agenda_situations())),
                          decisions=L.ngettext("{n} decision or note", "{n} decisions and notes", len(d.decisions)),
                          sheet=L._("Meeting")))
    r += 3
    prev = d.previous_run
    since = (L._("What changed since run {id} ({at})", id=prev["id"],
                 at=(prev["finished_at"] or prev["started_at"])[:16].replace("T", " "))
             if prev else L._("What changed since the project began (first run)"))
    put(ws, r, 1, since, font=SECTION_FONT)
    counts = d.change_counts()
    labels = {"new": L._("new alerts"), "extended": L._("extended alerts"), "withdrawn": L._("withdrawn alerts"),
              "closed": L._("closed alerts"), "dismissed": L._("dismissed alerts")}
    for i, k in enumerate(CHANGE_KINDS, start=r + 1):
        put(ws, i, 1, labels[k])
        put(ws, i, 2, int(counts[k]), "0")
    put(ws, r + len(CHANGE_KINDS) + 1, 1, L._("each change is listed on the sheet '{sheet}'", sheet=L._("Changes")),
        font=Font(italic=True, color="666666"))

    r = r + len(CHANGE_KINDS) + 3
    put(ws, r, 1, L._("Headline alerts (active, most recent and severe first)"), font=SECTION_FONT)
    cols = ["id", "severity", "region", "indicator", "last period", "score", "explanation"]
    for j, h in enumerate(cols, start=1):
        put(ws, r + 1, j, column_title(L, h), font=HEADER_FONT, fill=HEADER_FILL)
    for i, (_, a) in enumerate(d.headline().iterrows(), start=r + 2):
        values = [a["id"], L.word(a["severity"]), a["region"], a["indicator"], pd.Timestamp(a["last_period"]),
                  a["score"], explanation_in(a["explanation"], a.get("details"), L)]
        fmts = ["0", None, None, None, month_format(L), "0.00", None]
        for j, (v, f) in enumerate(zip(values, fmts), start=1):
            c = put(ws, i, j, v, f)
            if j == 2:
                c.fill = PatternFill("solid", fgColor=SEVERITY_FILL.get(a["severity"], "FFFFFF"))
            if j == 7:
                c.alignment = Alignment(wrap_text=False)


def _indicators(wb: Workbook, d: BriefData, L: Language) -> None:
    for block in d.blocks:
        ws = wb.create_sheet(L._("Indicators ({frequency})", frequency=L.word(FREQ_NAME.get(block.freq, block.freq))))
        fixed = [("region", 16), ("province", 16), ("indicator", 30), ("group", 10), ("unit", 8),
                 ("severity", 9), ("alerts", 10)]
        put(ws, 1, 1, L.ngettext("Series behind active alerts: the last period; shaded cells are inside an active "
                                 "alert's episode (colour = severity)",
                                 "Series behind active alerts: the last {n} periods; shaded cells are inside an "
                                 "active alert's episode (colour = severity)", len(block.periods)),
            font=Font(italic=True, color="666666"))
        top = 2
        for j, (name, width) in enumerate(fixed, start=1):
            put(ws, top, j, column_title(L, name), font=HEADER_FONT, fill=HEADER_FILL)
            ws.column_dimensions[get_column_letter(j)].width = width
        fmt = PERIOD_FORMAT.get(block.freq, "yyyy-mm") if L.code == "en" else PERIOD_FORMAT_NUMERIC.get(block.freq,
                                                                                                       "yyyy-mm")
        for k, p in enumerate(block.periods, start=len(fixed) + 1):
            put(ws, top, k, p.to_pydatetime(), fmt, font=HEADER_FONT, fill=HEADER_FILL,
                alignment=Alignment(horizontal="center"))
            ws.column_dimensions[get_column_letter(k)].width = 9.5
        fills = {s: PatternFill("solid", fgColor=c) for s, c in SEVERITY_FILL.items()}
        rank_name = {1: "low", 2: "medium", 3: "high"}
        keys = block.keys[[n for n, _w in fixed]].to_numpy(dtype=object)
        for i in range(len(keys)):
            r = top + 1 + i
            for j, v in enumerate(keys[i], start=1):
                c = put(ws, r, j, L.word(v) if j == 6 else v)
                if j == 6 and v in fills:
                    c.fill = fills[v]
            for k in range(len(block.periods)):
                c = put(ws, r, len(fixed) + 1 + k, block.values[i, k], "0.0##")
                sev = int(block.episode[i, k])
                if sev:
                    c.fill = fills[rank_name[sev]]
        ws.freeze_panes = ws.cell(row=top + 1, column=len(fixed) + 1)
        ws.auto_filter.ref = f"A{top}:{get_column_letter(len(fixed) + len(block.periods))}{top + max(len(keys), 1)}"


def _index(wb: Workbook, d: BriefData, L: Language) -> None:
    ws = wb.create_sheet(L._("Index"))
    put(ws, 1, 1, L._("Composite Social Cohesion Index (risk): ranking and its sensitivity"), font=SECTION_FONT)
    put(ws, 2, 1, index_note(d, L), font=Font(italic=True, color="666666"))
    if d.index_table is None:
        return
    t = d.index_table.copy()
    t["rank interval"] = [L._("{low} to {high}", low=L.count(round(lo)), high=L.count(round(hi)))
                          if np.isfinite(lo) and np.isfinite(hi) else ""
                          for lo, hi in zip(t["rank_p05"], t["rank_p95"])]
    contrib = [c for c in t.columns if c.startswith("contrib:")]
    cols = [("rank", 6, "0"), ("region", 16, None), ("province", 16, None), ("score", 8, "0.000"),
            ("rank_median", 9, "0"), ("rank interval", 11, None), ("rank_p05", 8, "0"), ("rank_p95", 8, "0"),
            ("top_k_share", 9, "0%")] + [(c, 12, "0.000") for c in contrib]
    top = 4
    write_table(ws, t, cols, top=top, severity_col=None, lang=L)
    for j, (name, _w, _f) in enumerate(cols, start=1):
        if name.startswith("contrib:"):
            put(ws, top, j, name.split(":", 1)[1].replace("_", " "), font=HEADER_FONT, fill=HEADER_FILL,
                alignment=Alignment(wrap_text=True, vertical="center"))
    ws.row_dimensions[top].height = 45
    last = top + len(t)
    if len(t):
        ws.conditional_formatting.add(f"D{top + 1}:D{last}",
                                      DataBarRule(start_type="num", start_value=0, end_type="max", color="C0392B"))
        ws.conditional_formatting.add(f"I{top + 1}:I{last}", ColorScaleRule(
            start_type="num", start_value=0, start_color="FFFFFF", end_type="num", end_value=1, end_color="E67E22"))
        chart = BarChart()
        chart.type = "bar"
        chart.title = L._("Index score, 15 most at risk")
        n = min(len(t), 15)
        chart.add_data(Reference(ws, min_col=4, min_row=top, max_row=top + n), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=2, min_row=top + 1, max_row=top + n))
        chart.y_axis.title = column_title(L, "score")
        chart.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top
        chart.legend = None
        chart.height, chart.width = 9, 14
        ws.add_chart(chart, f"{get_column_letter(len(cols) + 2)}{top}")


AGENDA_COLUMNS = [
    ("why", 18, None), ("situation_id", 9, "0"), ("severity", 9, None), ("region", 16, None), ("alerts", 7, "0"),
    ("indicators", 40, None), ("status", 12, None), ("first_period", 11, "yyyy-mm"), ("last_period", 11, "yyyy-mm"),
    ("alert_ids", 20, None),
]
DECISION_COLUMNS = [
    ("at", 17, "yyyy-mm-dd hh:mm"), ("actor", 14, None), ("alert_id", 8, "0"), ("region", 16, None),
    ("indicator", 26, None), ("kind", 11, None), ("from_status", 12, None), ("to_status", 12, None),
    ("note", 50, None), ("likelihood", 9, "0"), ("consequence", 11, "0"), ("risk_level", 10, None),
    ("outcome", 10, None), ("reason", 12, None),
]


def _meeting(wb: Workbook, d: BriefData, L: Language) -> None:
    """The meeting: what is on the agenda since the last one (the inbox's landing view, with
    why) and every decision taken since, with who, when, the note, the risk assessment and the
    outcome."""
    ws = wb.create_sheet(L._("Meeting"), 1)
    put(ws, 1, 1, meeting_title(d, L), font=TITLE_FONT)
    agenda = d.agenda_situations()
    put(ws, 2, 1, agenda_sentence(d, L), font=Font(italic=True, color="555555"))
    put(ws, 4, 1, L._("On the agenda (the inbox's 'Since the last meeting' view)"), font=SECTION_FONT)
    rows = agenda.copy()
    if len(rows):
        rows["alert_ids"] = [" ".join(str(i) for i in sorted(ids)) for ids in rows["alert_ids"]]
    write_table(ws, rows, AGENDA_COLUMNS, top=5, lang=L)
    top = 5 + max(len(rows), 1) + 3
    put(ws, top - 1, 1, L._("Decisions since the last meeting (who, when, notes, risk assessments, outcomes)"),
        font=SECTION_FONT)
    write_table(ws, d.decisions, DECISION_COLUMNS, top=top, severity_col=None, lang=L)
    ws.freeze_panes = None
    ws.auto_filter.ref = None


def build_workbook(d: BriefData, lang: Language | None = None) -> Workbook:
    L = lang or Language()
    wb = Workbook()
    _summary(wb.active, d, L)
    _meeting(wb, d, L)
    alerts = d.alerts.copy()
    alerts["_open"] = alerts["status"].isin(OPEN)
    alerts = alerts.sort_values("_open", ascending=False, kind="stable")
    if L.code != "en" and len(alerts):  # each explanation in the brief's language (English where no parts)
        alerts["explanation"] = [explanation_in(text, details, L)
                                 for text, details in zip(alerts["explanation"], alerts["details"])]
    write_table(wb.create_sheet(L._("Alerts")), alerts, ALERT_COLUMNS, lang=L)
    history = d.history.assign(kind=shown_kinds(d.history))  # a correction reads as one, as in the decisions
    write_table(wb.create_sheet(L._("Alert history")), history, HISTORY_COLUMNS, severity_col=None, lang=L)
    write_table(wb.create_sheet(L._("Changes")), d.changes, CHANGE_COLUMNS, lang=L)
    _indicators(wb, d, L)
    _index(wb, d, L)
    if L.rtl:
        for ws in wb.worksheets:
            ws.sheet_view.rightToLeft = True
    return wb


def write_brief(project: Path, out: Path, *, data: BriefData | None = None, language: str | None = None,
                **_options: Any) -> str:
    """Write the Excel brief of ``project`` (or of ``data`` already collected from it) to
    ``out`` in ``language`` (a code of :data:`workbench.i18n.LANGUAGES`; None: the user's
    setting); returns a one-line summary (in English, like every message of the command line)."""
    L = brief_language(language)
    d = data if data is not None else collect_brief(project)
    wb = build_workbook(d, L)
    with atomic_path(Path(out), inputs=[project], what="brief") as tmp:
        wb.save(tmp)
    c = d.counts
    return (f"Excel brief written to {out}: {len(wb.sheetnames)} sheets, {c.active_situations} active "
            f"situation(s) ({c.active_alerts} alerts), {len(d.changes)} change(s) since the previous run")


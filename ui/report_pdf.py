"""The PDF brief: a few printable pages for an alert meeting, drawn with Qt's own PDF writer.

Page 1 has the freshness line, what needs a decision now (the inbox's active situations by
severity), what changed since the previous
run and the most pressing alerts (each with its explanation and a chart of its series, the
episode shaded); the next page continues the headline alerts; then the meeting (what is on
the agenda since the last meeting, with why, and the decisions taken since); then the risk heatmap
(districts x recent months, coloured by the strongest alert) and the composite index
ranking with its rank interval. A4 or Letter, page numbers on every page. Runs headless
(``QT_QPA_PLATFORM=offscreen`` is chosen when there is no display).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from alerts.brief_data import (
    CHANGE_KINDS, SEVERITIES, BriefData, RiskGrid, alert_series, collect_brief, meeting_title, risk_grid,
)
from workbench.errors import WorkbenchError
from workbench.exports.tabular import atomic_path

PAPERS = ("a4", "letter")
#: Where the headline cards start on page 1 and on the next page (mm), to know how many fit.
CARDS_TOP_FIRST = 70.0
CARDS_TOP_NEXT = 12.0
HEATMAP_MONTHS = 24
INDEX_ROWS_PER_PAGE = 40
CARD_H = 48.0


def _ensure_app() -> Any:
    """The running application (the desktop's, when the app writes the brief), or a new one
    for the command line; fonts need one. Never reconfigured from here: this may run on the
    app's worker thread."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        return app
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import make_app

    return make_app()


def write_brief(project: Path, out: Path, *, paper: str = "a4", data: BriefData | None = None, **_options: Any) -> str:
    """Write the PDF brief of ``project`` (or of ``data`` already collected from it) to ``out``;
    returns a one-line summary. Paints pages and charts with QPainter only, so it may run on a
    worker thread."""
    if paper not in PAPERS:
        raise WorkbenchError(f"unknown paper {paper!r}; use a4 or letter")
    _ensure_app()
    data = data if data is not None else collect_brief(project)
    matrix = risk_grid(data, HEATMAP_MONTHS)
    with atomic_path(Path(out), inputs=[project], what="brief") as tmp:
        pages = render(data, matrix, tmp, paper)
    return f"PDF brief written to {out}: {pages} pages ({paper.upper() if paper == 'a4' else 'Letter'})"


def render(data: BriefData, matrix: RiskGrid, path: Path, paper: str) -> int:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from ui.report_canvas import Canvas

    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.A4 if paper == "a4" else QPageSize.Letter))
    writer.setPageMargins(QMarginsF(14, 12, 14, 12), QPageLayout.Millimeter)
    writer.setTitle(f"Cohesion early-warning brief: {data.project_name}")
    writer.setCreator("Cohesion Early-Warning Workbench")
    canvas = Canvas(writer)
    room = canvas.height_mm - 8
    n1 = max(int((room - CARDS_TOP_FIRST) // CARD_H), 1)
    n2 = max(int((room - CARDS_TOP_NEXT) // CARD_H), 1)
    headline = data.headline(n1 + n2)
    pages: list[Callable[[Canvas], None]] = [lambda c: _page_one(c, data, headline.iloc[:n1])]
    if len(headline) > n1:
        pages.append(lambda c: _more_alerts(c, data, headline.iloc[n1:]))
    pages.append(lambda c: _meeting_page(c, data))
    pages.append(lambda c: _heatmap_page(c, data, matrix))
    index = data.index_table
    if index is None or index.empty:
        pages.append(lambda c: _index_page(c, data, None, 0))
    else:
        for start in range(0, len(index), INDEX_ROWS_PER_PAGE):
            pages.append(lambda c, s=start: _index_page(c, data, index.iloc[s:s + INDEX_ROWS_PER_PAGE], s))
    try:
        for i, draw in enumerate(pages):
            if i:
                writer.newPage()
            draw(canvas)
            _footer(canvas, data, i + 1, len(pages))
    finally:
        canvas.painter.end()
    return len(pages)


# -- page parts ------------------------------------------------------------------------------
def _footer(c: Any, d: BriefData, page: int, total: int) -> None:
    y = c.height_mm - 5
    c.line(0, y - 1, c.width_mm, y - 1)
    c.text(0, y, c.width_mm * 0.7, 5, f"{d.project_name} · written {d.generated_at:%d %b %Y %H:%M} UTC",
           7.5, colour="#666666")
    c.text(c.width_mm * 0.7, y, c.width_mm * 0.3, 5, f"page {page} of {total}", 7.5, colour="#666666",
           align=_align("right"))


def _align(where: str) -> Any:
    from PySide6.QtCore import Qt

    return {"right": Qt.AlignRight | Qt.AlignVCenter, "center": Qt.AlignCenter}[where]


def _heading(c: Any, y: float, title: str, sub: str = "") -> float:
    c.text(0, y, c.width_mm, 8, title, 14, bold=True, colour="#1f4e79")
    y += 8
    if sub:
        used = c.html(0, y, c.width_mm, f"<span style='color:#555555'>{_esc(sub)}</span>", 8.5)
        y += used + 1
    return y + 1


def _esc(s: object) -> str:
    from ui.report_canvas import esc

    return esc(s)


def _page_one(c: Any, d: BriefData, alerts: pd.DataFrame) -> None:
    c.box(0, 0, c.width_mm, 20, "#1f4e79")
    c.text(4, 2, c.width_mm - 8, 9, "Cohesion early-warning brief", 18, bold=True, colour="#ffffff")
    fresh = d.latest_period.strftime("%B %Y") if d.latest_period is not None else "nothing yet"
    run = (f"last model run {d.last_run['started_at'][:10]}" if d.last_run else "models not run yet")
    c.text(4, 12, c.width_mm - 8, 6, f"{d.project_name} · data up to {fresh} · {run}", 9.5, colour="#dfe8f2")
    y = 24
    sev = d.by_severity()
    w = (c.width_mm - 3 * 3) / 4
    for i, s in enumerate(SEVERITIES):
        x = i * (w + 3)
        from ui.report_canvas import SEVERITY_COLOUR, SEVERITY_TEXT

        c.box(x, y, w, 16, SEVERITY_COLOUR[s], radius=1.5)
        n_sit, n_alerts = int(sev.at[s, "situations"]), int(sev.at[s, "alerts"])
        c.text(x + 3, y + 1, w - 6, 9, str(n_sit), 17, bold=True, colour=SEVERITY_TEXT[s])
        c.text(x + 15, y + 3, w - 18, 5, f"situation{'s' if n_sit != 1 else ''}", 7.5, colour=SEVERITY_TEXT[s])
        c.text(x + 3, y + 10, w - 6, 5, f"active, {s} · {n_alerts} alert{'s' if n_alerts != 1 else ''}", 8,
               colour=SEVERITY_TEXT[s])
    x = 3 * (w + 3)
    c.box(x, y, w, 16, "#eef2f6", line="#c5d0dc", radius=1.5)
    counts = d.change_counts()
    prev = (f"since run {d.previous_run['id']}" if d.previous_run
            else "first run" if d.last_run else "no run yet")
    c.text(x + 3, y + 1, w - 6, 5, f"changes ({prev})", 8, bold=True, colour="#1f4e79")
    lines = [f"{int(counts[k])} {k}" for k in CHANGE_KINDS if k != "dismissed"]
    if counts["dismissed"]:
        lines.append(f"{int(counts['dismissed'])} dismissed")
    c.text(x + 3, y + 6, w - 6, 4.5, " · ".join(lines[:2]), 8)
    c.text(x + 3, y + 10.5, w - 6, 4.5, " · ".join(lines[2:]), 8)
    y += 20
    prov = d.by_province()
    if len(prov):
        parts = [f"<b>{_esc(name)}</b> {int(r['total'])} ({int(r['high'])} high)" for name, r in prov.head(6).iterrows()]
        y += c.html(0, y, c.width_mm, "Active alerts by province: " + ", ".join(parts), 8.5) + 3
    y = _heading(c, y, "Headline alerts",
                 "Active alerts (still running at the end of their series' data), most severe first; the shaded "
                 "band on each "
                 "chart is the alert's episode.")
    _cards(c, d, alerts, y)


def _more_alerts(c: Any, d: BriefData, alerts: pd.DataFrame) -> None:
    y = _heading(c, 0, "Headline alerts (continued)")
    _cards(c, d, alerts, y)


def _cards(c: Any, d: BriefData, alerts: pd.DataFrame, y: float) -> None:
    from ui.report_canvas import series_chart

    if alerts.empty:
        c.text(0, y, c.width_mm, 8, "Nothing needs a decision now. Run the models after each import (workbench run).", 10,
               italic=True, colour="#666666")
        return
    text_w = c.width_mm * 0.52
    chart_w = c.width_mm - text_w - 4
    for _, a in alerts.iterrows():
        c.box(0, y, c.width_mm, CARD_H - 3, "#fafbfc", line="#d8dee6", radius=1.5)
        c.badge(3, y + 3, a["severity"])
        group = f" ({a['group']})" if a["group"] else ""
        c.text(21, y + 2.5, text_w - 20, 6, f"{a['region']}{group}", 11, bold=True)
        where = f"{a['province']} · " if a["province"] else ""
        c.text(3, y + 9, text_w - 4, 5, f"{where}{a['indicator']}", 9, colour="#1f4e79")
        period = f"{pd.Timestamp(a['first_period']):%b %Y} to {pd.Timestamp(a['last_period']):%b %Y}"
        c.text(3, y + 14, text_w - 4, 5, f"alert #{a['id']} · {a['status']} · {a['rule']} · {period}", 8,
               colour="#666666")
        c.html(3, y + 20, text_w - 5, _esc(a["explanation"]), 8.5, max_h=CARD_H - 25)
        series = alert_series(d, a)
        if series is not None:
            img = series_chart(series[0], series[1], a["first_period"], a["last_period"], a["severity"],
                               (chart_w, CARD_H - 9))
            c.image(text_w + 1, y + 3, chart_w, CARD_H - 9, img)
        y += CARD_H


MEETING_AGENDA_ROWS = 18
MEETING_DECISION_ROWS = 26


def _table(c: Any, y: float, cols: list[tuple[str, float]], rows: list[list[str]], row_h: float = 4.6) -> float:
    """A plain table with a header row; long cells are cut by the canvas. Returns the y below."""
    c.box(0, y, c.width_mm, row_h, "#1f4e79")
    x = 0.0
    for name, w in cols:
        c.text(x + 1, y, w - 2, row_h, name, 7.5, bold=True, colour="#ffffff")
        x += w
    y += row_h
    for i, cells in enumerate(rows):
        if i % 2:
            c.box(0, y, c.width_mm, row_h, "#f4f6f8")
        x = 0.0
        for (_name, w), text in zip(cols, cells):
            c.text(x + 1, y, w - 2, row_h, text, 7.5)
            x += w
        y += row_h
    return y


def _meeting_page(c: Any, d: BriefData) -> None:
    """The meeting: the agenda since the last one (with why) and the decisions taken since."""
    agenda = d.agenda_situations()
    y = _heading(c, 0, "The meeting", meeting_title(d) + f": {len(agenda)} situation(s) ({len(d.agenda)} alerts) "
                 f"on the agenda, {len(d.decisions)} decision(s) and note(s) since.")
    c.text(0, y, c.width_mm, 6, "On the agenda: new, escalated, changed or overdue", 10.5, bold=True, colour="#1f4e79")
    y += 6
    if agenda.empty:
        c.text(0, y, c.width_mm, 6, "Nothing moved since the last meeting.", 9, italic=True, colour="#666666")
        y += 8
    else:
        w = c.width_mm
        cols = [("why", 30), ("severity", 16), ("region", 32), ("status", 22), ("alerts", 12), ("since", 16),
                ("indicators", w - 128)]
        rows = [[r["why"], r["severity"], r["region"], r["status"], str(r["alerts"]), str(r["first_period"])[:7],
                 r["indicators"]] for _, r in agenda.head(MEETING_AGENDA_ROWS).iterrows()]
        y = _table(c, y, cols, rows) + 1
        if len(agenda) > MEETING_AGENDA_ROWS:
            c.text(0, y, c.width_mm, 4.5, f"and {len(agenda) - MEETING_AGENDA_ROWS} more: the Excel brief's sheet "
                   "'Meeting' lists them all.", 7.5, italic=True, colour="#666666")
            y += 5
        y += 3
    c.text(0, y, c.width_mm, 6, "Decisions since the last meeting", 10.5, bold=True, colour="#1f4e79")
    y += 6
    dec = d.decisions
    if dec.empty:
        c.text(0, y, c.width_mm, 6, "No decision recorded since the last meeting.", 9, italic=True, colour="#666666")
        return
    w = c.width_mm
    cols = [("when (UTC)", 25), ("who", 22), ("alert", 12), ("region", 26), ("decision", 38), ("risk, outcome", 28),
            ("note", w - 151)]
    rows = []
    for _, e in dec.tail(MEETING_DECISION_ROWS).iterrows():
        if isinstance(e["to_status"], str):
            what = f"{e['from_status']} → {e['to_status']}"
            what = f"correction: {what}" if e["kind"] == "correction" else what
        else:
            what = "note"
        risk = f"{e['risk_level']}, {e['outcome']}" if isinstance(e["risk_level"], str) else (
            str(e["reason"]).replace("_", " ") if isinstance(e["reason"], str) else "")
        rows.append([str(e["at"])[:16].replace("T", " "), str(e["actor"]), f"#{e['alert_id']}", str(e["region"]),
                     what, risk, str(e["note"]) if isinstance(e["note"], str) else ""])
    y = _table(c, y, cols, rows)
    if len(dec) > MEETING_DECISION_ROWS:
        c.text(0, y + 1, c.width_mm, 4.5, f"the latest {MEETING_DECISION_ROWS} of {len(dec)}; the Excel brief's "
               "sheet 'Meeting' lists them all.", 7.5, italic=True, colour="#666666")


def _heatmap_page(c: Any, d: BriefData, m: RiskGrid) -> None:
    from ui.report_canvas import SEVERITY_COLOUR

    keep = m.strength.max(axis=1) > 0 if m.strength.size else np.zeros(len(m.regions), bool)
    hidden = int((~keep).sum())
    y = _heading(c, 0, "Risk heatmap",
                 f"Districts with an alert in the last {len(m.months)} months; each cell is the strongest alert "
                 "covering that month (dismissed and withdrawn alerts are left out)."
                 + (f" {hidden} district(s) without an alert in these months are not shown." if hidden else ""))
    names = [n for n, k in zip(m.regions, keep) if k]
    provinces = [p for p, k in zip(m.provinces, keep) if k]
    grid = m.strength[keep]
    if not names:
        c.text(0, y, c.width_mm, 8, "No district has an alert in these months.", 10, italic=True, colour="#666666")
        return
    label_w = 36.0
    cell_w = (c.width_mm - label_w) / max(len(m.months), 1)
    avail = c.height_mm - y - 24
    n_groups = len(set(provinces))
    cell_h = min(5.0, avail / (len(names) + 1.3 * n_groups))
    font = max(min(cell_h * 1.8, 8.0), 5.0)
    for j, mo in enumerate(m.months):
        if mo.month == 1 or j == 0:
            c.text(label_w + j * cell_w, y, 14, 4, f"{mo.year}", 7.5, bold=True, colour="#444444")
        if mo.month % 3 == 1:
            c.text(label_w + j * cell_w, y + 4, cell_w * 3, 4, mo.strftime("%b"), 6.5, colour="#666666")
    y += 9
    colours = {1: SEVERITY_COLOUR["low"], 2: SEVERITY_COLOUR["medium"], 3: SEVERITY_COLOUR["high"]}
    current = None
    for name, prov, row in zip(names, provinces, grid):
        if prov != current:
            current = prov
            c.text(0, y, c.width_mm, cell_h * 1.3, prov or "(no province)", font, bold=True, colour="#1f4e79")
            y += cell_h * 1.3
        c.text(2, y, label_w - 3, cell_h, name, font)
        c.box(label_w, y + 0.15, cell_w * len(m.months), cell_h - 0.3, "#f1f3f5")
        for j, v in enumerate(row):
            if v > 0:
                c.box(label_w + j * cell_w + 0.15, y + 0.15, cell_w - 0.3, cell_h - 0.3, colours[int(v)])
        y += cell_h
    y += 4
    x = label_w
    for s in ("low", "medium", "high"):
        c.box(x, y, 6, 4, SEVERITY_COLOUR[s])
        c.text(x + 7, y, 30, 4, f"{s} severity", 8)
        x += 38


def _index_page(c: Any, d: BriefData, table: pd.DataFrame | None, start: int) -> None:
    title = "Composite index ranking" + (" (continued)" if start else "")
    y = _heading(c, 0, title, d.index_note if not start else "")
    if table is None:
        return
    n_all = len(d.index_table)
    top_k = d.index_top_k
    cols = [("rank", 11), ("region", 34), ("province", 30), ("score", 13), ("score bar", 24), ("rank range", 20)]
    used = sum(w for _n, w in cols)
    rest = c.width_mm - used - 21
    cols += [("rank spread", rest), (f"top-{top_k} share", 21)]
    x = 0.0
    row_h = min(5.2, (c.height_mm - y - 14) / (len(table) + 1))
    c.box(0, y, c.width_mm, row_h, "#1f4e79")
    for name, w in cols:
        c.text(x + 1, y, w - 2, row_h, name, 7.5, bold=True, colour="#ffffff")
        x += w
    y += row_h
    smax = float(np.nanmax(d.index_table["score"])) or 1.0
    for i, (_, r) in enumerate(table.iterrows()):
        if i % 2:
            c.box(0, y, c.width_mm, row_h, "#f4f6f8")
        x = 0.0
        cells = [f"{r['rank']:.0f}", r["region"], r.get("province", ""), f"{r['score']:.3f}"]
        for (_name, w), s in zip(cols[:4], cells):
            c.text(x + 1, y, w - 2, row_h, str(s), 8)
            x += w
        bar_w = cols[4][1] - 3
        c.box(x + 1, y + row_h * 0.25, max(bar_w * float(r["score"]) / smax, 0.3), row_h * 0.5, "#c0392b")
        x += cols[4][1]
        lo, hi, med = r["rank_p05"], r["rank_p95"], r["rank_median"]
        finite = bool(np.isfinite(lo) and np.isfinite(hi))
        c.text(x + 1, y, cols[5][1] - 2, row_h, f"{lo:.0f} to {hi:.0f}" if finite else "", 8)
        x += cols[5][1]
        iw = cols[6][1] - 4
        c.line(x + 2, y + row_h / 2, x + 2 + iw, y + row_h / 2, "#e3e6ea", 0.3)
        if finite:
            def at(v: float, x: float = x, iw: float = iw) -> float:
                return x + 2 + iw * (v - 1) / max(n_all - 1, 1)
            c.line(at(lo), y + row_h / 2, at(hi), y + row_h / 2, "#1f4e79", 1.2)
            c.box(at(med) - 0.8, y + row_h / 2 - 0.8, 1.6, 1.6, "#e67e22", radius=0.8)
        x += cols[6][1]
        share = r["top_k_share"]
        c.text(x + 1, y, cols[7][1] - 2, row_h, "" if pd.isna(share) else f"{share:.0%}", 8)
        y += row_h
    c.text(0, y + 1.5, c.width_mm, 4.5, f"rank spread: the bar spans ranks 5-95 % of the Monte Carlo draws (1 at the "
           f"left, {n_all} at the right); the dot is the median rank.", 7.5, italic=True, colour="#666666")

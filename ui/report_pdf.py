"""The PDF brief: a few printable pages for an alert meeting, drawn with Qt's own PDF writer.

Page 1 has the freshness line, what needs a decision now (the inbox's active situations by
severity), what changed since the previous
run and the most pressing alerts (each with its explanation and a chart of its series, the
episode shaded); the next page continues the headline alerts; then the meeting (what is on
the agenda since the last meeting, with why, and the decisions taken since); then the risk heatmap
(districts x recent months, coloured by the strongest alert) and the composite index
ranking with its rank interval. A4 or Letter, page numbers on every page. Runs headless
(``QT_QPA_PLATFORM=offscreen`` is chosen when there is no display).

Language: the brief's own (``language``: ``workbench report --language``, or the app's
current language when the desktop writes it), whatever the app shows. Every fixed text comes
from the core's gettext catalogues (:class:`workbench.i18n.Language`), dates use CLDR's month
names, digits are Latin in every language; under Arabic the pages are laid out right to left
(:class:`ui.report_canvas.Canvas`). Names, notes and the alerts' explanations are data and are
printed as written (an English explanation stays a left-to-right paragraph).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from alerts.brief_data import (
    CHANGE_KINDS, SEVERITIES, BriefData, RiskGrid, agenda_sentence, alert_series, collect_brief, index_note,
    meeting_title, risk_grid,
)
from alerts.brief_words import cell as word_cell
from alerts.brief_words import rule_word
from alerts.explain_text import explanation_said
from ui.bidi import isolate_numbers
from alerts.brief_words import title as column_title
from workbench.errors import WorkbenchError
from workbench.exports.tabular import atomic_path
from workbench.i18n import RIGHT_TO_LEFT, Language
from workbench.i18n import language as brief_language

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


def write_brief(project: Path, out: Path, *, paper: str = "a4", data: BriefData | None = None,
                language: str | None = None, **_options: Any) -> str:
    """Write the PDF brief of ``project`` (or of ``data`` already collected from it) to ``out``
    in ``language`` (a code of :data:`workbench.i18n.LANGUAGES`; None: the user's setting);
    returns a one-line summary. Paints pages and charts with QPainter only, so it may run on a
    worker thread."""
    if paper not in PAPERS:
        raise WorkbenchError(f"unknown paper {paper!r}; use a4 or letter")
    lang = brief_language(language)
    _ensure_app()
    data = data if data is not None else collect_brief(project)
    matrix = risk_grid(data, HEATMAP_MONTHS)
    with atomic_path(Path(out), inputs=[project], what="brief") as tmp:
        pages = render(data, matrix, tmp, paper, lang)
    return f"PDF brief written to {out}: {pages} pages ({paper.upper() if paper == 'a4' else 'Letter'})"


def render(data: BriefData, matrix: RiskGrid, path: Path, paper: str, lang: Language | None = None) -> int:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from ui.report_canvas import Canvas

    L = lang or Language()
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.A4 if paper == "a4" else QPageSize.Letter))
    writer.setPageMargins(QMarginsF(14, 12, 14, 12), QPageLayout.Millimeter)
    writer.setTitle(L._("Cohesion early-warning brief: {project}", project=data.project_name))
    writer.setCreator("Cohesion Early-Warning Workbench")
    canvas = Canvas(writer, rtl=L.rtl)
    canvas.lang = L
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
    L = c.lang
    y = c.height_mm - 5
    c.line(0, y - 1, c.width_mm, y - 1)
    c.text(0, y, c.width_mm * 0.7, 5, L._("{project} · written {day} {time} UTC", project=d.project_name,
                                           day=L.day(d.generated_at), time=d.generated_at.strftime("%H:%M")),
           7.5, colour="#666666")
    c.text(c.width_mm * 0.7, y, c.width_mm * 0.3, 5, L._("page {page} of {total}", page=page, total=total), 7.5,
           colour="#666666", align=_align("right"))


def _align(where: str) -> Any:
    from PySide6.QtCore import Qt

    return {"right": Qt.AlignRight | Qt.AlignVCenter, "center": Qt.AlignCenter}[where]


def _heading(c: Any, y: float, title: str, sub: str = "") -> float:
    c.text(0, y, c.width_mm, 8, title, 14, bold=True, colour="#1f4e79")
    y += 8
    if sub:
        used = c.html(0, y, c.width_mm, f"<span style='color:#555555'>{_esc(c.bidi(sub))}</span>", 8.5)
        y += used + 1
    return y + 1


def _esc(s: object) -> str:
    from ui.report_canvas import esc

    return esc(s)


def _page_one(c: Any, d: BriefData, alerts: pd.DataFrame) -> None:
    L = c.lang
    c.box(0, 0, c.width_mm, 20, "#1f4e79")
    c.text(4, 2, c.width_mm - 8, 9, L._("Cohesion early-warning brief"), 18, bold=True, colour="#ffffff")
    fresh = L.month_year(d.latest_period) if d.latest_period is not None else L._("nothing yet")
    run = (L._("last model run {day}", day=L.day(d.last_run["started_at"][:10])) if d.last_run
           else L._("models not run yet"))
    c.text(4, 12, c.width_mm - 8, 6, L._("{project} · data up to {month} · {run}", project=d.project_name,
                                         month=fresh, run=run), 9.5, colour="#dfe8f2")
    y = 24
    sev = d.by_severity()
    w = (c.width_mm - 3 * 3) / 4
    for i, s in enumerate(SEVERITIES):
        x = i * (w + 3)
        from ui.report_canvas import SEVERITY_COLOUR, SEVERITY_TEXT

        c.box(x, y, w, 16, SEVERITY_COLOUR[s], radius=1.5)
        n_sit, n_alerts = int(sev.at[s, "situations"]), int(sev.at[s, "alerts"])
        c.text(x + 3, y + 1, w - 6, 9, L.count(n_sit), 17, bold=True, colour=SEVERITY_TEXT[s])
        c.text(x + 15, y + 3, w - 18, 5, L.ngettext("active situation", "active situations", n_sit), 7.5,
               colour=SEVERITY_TEXT[s])
        c.text(x + 3, y + 10, w - 6, 5, L._("{severity} · {alerts}", severity=L.word(s),
                                            alerts=L.ngettext("{n} alert", "{n} alerts", n_alerts)), 8,
               colour=SEVERITY_TEXT[s])
    x = 3 * (w + 3)
    c.box(x, y, w, 16, "#eef2f6", line="#c5d0dc", radius=1.5)
    counts = d.change_counts()
    prev = (L._("changes (since run {id})", id=d.previous_run["id"]) if d.previous_run
            else L._("changes (first run)") if d.last_run else L._("changes (no run yet)"))
    c.text(x + 3, y + 0.5, w - 6, 5, prev, 7.5, bold=True, colour="#1f4e79")
    said = {
        "new": L.ngettext("{n} new", "{n} new", counts["new"]),
        "extended": L.ngettext("{n} extended", "{n} extended", counts["extended"]),
        "withdrawn": L.ngettext("{n} withdrawn", "{n} withdrawn", counts["withdrawn"]),
        "closed": L.ngettext("{n} closed", "{n} closed", counts["closed"]),
        "dismissed": L.ngettext("{n} dismissed", "{n} dismissed", counts["dismissed"]),
    }
    lines = [said[k] for k in CHANGE_KINDS]
    for i, row in enumerate((lines[:2], lines[2:4], lines[4:])):
        c.text(x + 3, y + 5 + 3.6 * i, w - 6, 3.6, " · ".join(row), 7)
    y += 20
    prov = d.by_province()
    if len(prov):
        parts = [f"<b>{_esc(c.bidi(name or L._('(no province)')))}</b> "
                 + _esc(c.bidi(L.ngettext("{total} ({n} high)", "{total} ({n} high)", r["high"],
                                           total=L.count(r["total"]))))
                 for name, r in prov.head(6).iterrows()]
        y += c.html(0, y, c.width_mm, _esc(L._("Active alerts by province:")) + " " + L.join(parts), 8.5) + 3
    y = _heading(c, y, L._("Headline alerts"),
                 L._("Active alerts (still running at the end of their series' data), most severe first; the shaded "
                     "band on each chart is the alert's episode."))
    _cards(c, d, alerts, y)


def _more_alerts(c: Any, d: BriefData, alerts: pd.DataFrame) -> None:
    y = _heading(c, 0, c.lang._("Headline alerts (continued)"))
    _cards(c, d, alerts, y)


def _cards(c: Any, d: BriefData, alerts: pd.DataFrame, y: float) -> None:
    from ui.report_canvas import series_chart

    L = c.lang
    if alerts.empty:
        c.text(0, y, c.width_mm, 8, L._("Nothing needs a decision now. Run the models after each import "
                                        "(workbench run)."), 10, italic=True, colour="#666666")
        return
    text_w = c.width_mm * 0.52
    chart_w = c.width_mm - text_w - 4
    for _, a in alerts.iterrows():
        c.box(0, y, c.width_mm, CARD_H - 3, "#fafbfc", line="#d8dee6", radius=1.5)
        c.badge(3, y + 3, a["severity"], label=L.word(a["severity"]))
        group = f" ({a['group']})" if a["group"] else ""
        c.text(21, y + 2.5, text_w - 20, 6, f"{a['region']}{group}", 11, bold=True)
        where = f"{a['province']} · " if a["province"] else ""
        c.text(3, y + 9, text_w - 4, 5, f"{where}{a['indicator']}", 9, colour="#1f4e79")
        period = L._("{first} to {last}", first=L.month_year_short(a["first_period"]),
                     last=L.month_year_short(a["last_period"]))
        c.text(3, y + 14, text_w - 4, 5, L._("alert #{id} · {status} · {rule} · {period}", id=a["id"],
                                             status=L.word(a["status"]), rule=rule_word(L, a["rule"]), period=period), 8,
               colour="#666666")
        # The explanation in the brief's language (from the parts the run stored); an alert from
        # before those parts keeps its English text, a left-to-right paragraph.
        text, said = explanation_said(a["explanation"], a.get("details"), L)
        rtl = said in RIGHT_TO_LEFT
        c.html(3, y + 20, text_w - 5, _esc(isolate_numbers(text) if rtl else text), 8.5, max_h=CARD_H - 25, rtl=rtl,
               min_size=7)
        series = alert_series(d, a)
        if series is not None:
            img = series_chart(series[0], series[1], a["first_period"], a["last_period"], a["severity"],
                               (chart_w, CARD_H - 9))
            c.image(text_w + 1, y + 3, chart_w, CARD_H - 9, img)
        y += CARD_H


MEETING_AGENDA_ROWS = 18
MEETING_DECISION_ROWS = 26


def _table(c: Any, y: float, cols: list[tuple[str, float]], rows: list[list[str]], row_h: float = 4.6,
           size: float = 7.5) -> float:
    """A plain table with a header row; long cells are cut by the canvas. Returns the y below."""
    c.box(0, y, c.width_mm, row_h, "#1f4e79")
    x = 0.0
    for name, w in cols:
        c.text(x + 1, y, w - 2, row_h, name, size, bold=True, colour="#ffffff")
        x += w
    y += row_h
    for i, cells in enumerate(rows):
        if i % 2:
            c.box(0, y, c.width_mm, row_h, "#f4f6f8")
        x = 0.0
        for (_name, w), text in zip(cols, cells):
            c.text(x + 1, y, w - 2, row_h, text, size)
            x += w
        y += row_h
    return y


def _meeting_page(c: Any, d: BriefData) -> None:
    """The meeting: the agenda since the last one (with why) and the decisions taken since."""
    L = c.lang
    agenda = d.agenda_situations()
    y = _heading(c, 0, L._("The meeting"), meeting_title(d, L) + ": " + agenda_sentence(d, L) + ".")
    c.text(0, y, c.width_mm, 6, L._("On the agenda: new, escalated, changed or overdue"), 10.5, bold=True,
           colour="#1f4e79")
    y += 6
    if agenda.empty:
        c.text(0, y, c.width_mm, 6, L._("Nothing moved since the last meeting."), 9, italic=True, colour="#666666")
        y += 8
    else:
        w = c.width_mm
        cols = [(column_title(L, "why"), 30), (column_title(L, "severity"), 16), (column_title(L, "region"), 32),
                (column_title(L, "status"), 22), (column_title(L, "alerts"), 14), (L._("since"), 16),
                (column_title(L, "indicators"), w - 130)]
        rows = [[L.words(r["why"]), L.word(r["severity"]), r["region"], L.word(r["status"]), L.count(r["alerts"]),
                 str(r["first_period"])[:7], r["indicators"]] for _, r in agenda.head(MEETING_AGENDA_ROWS).iterrows()]
        y = _table(c, y, cols, rows) + 1
        if len(agenda) > MEETING_AGENDA_ROWS:
            c.text(0, y, c.width_mm, 4.5, L._("and {n} more: the Excel brief's sheet '{sheet}' lists them all.",
                                              n=len(agenda) - MEETING_AGENDA_ROWS, sheet=L._("Meeting")),
                   7.5, italic=True, colour="#666666")
            y += 5
        y += 3
    c.text(0, y, c.width_mm, 6, L._("Decisions since the last meeting"), 10.5, bold=True, colour="#1f4e79")
    y += 6
    dec = d.decisions
    if dec.empty:
        c.text(0, y, c.width_mm, 6, L._("No decision recorded since the last meeting."), 9, italic=True,
               colour="#666666")
        return
    w = c.width_mm
    cols = [(L._("when (UTC)"), 26), (L._("who"), 18), (L._("alert"), 11), (column_title(L, "region"), 22),
            (L._("decision"), 44), (L._("risk, outcome"), 30), (column_title(L, "note"), w - 151)]
    rows = []
    for _, e in dec.tail(MEETING_DECISION_ROWS).iterrows():
        if isinstance(e["to_status"], str):
            # the arrow points the way the language reads
            what = L._("{before} → {after}", before=L.word(e["from_status"]), after=L.word(e["to_status"]))
            what = L._("correction: {change}", change=what) if e["kind"] == "correction" else what
        else:
            what = L.word("note")
        risk = (L.join([str(word_cell(L, "risk_level", e["risk_level"])), str(word_cell(L, "outcome", e["outcome"]))])
                if isinstance(e["risk_level"], str)
                else str(word_cell(L, "reason", e["reason"])) if isinstance(e["reason"], str) else "")
        rows.append([str(e["at"])[:16].replace("T", " "), str(e["actor"]), f"#{e['alert_id']}", str(e["region"]),
                     what, risk, str(e["note"]) if isinstance(e["note"], str) else ""])
    y = _table(c, y, cols, rows, size=7)
    if len(dec) > MEETING_DECISION_ROWS:
        c.text(0, y + 1, c.width_mm, 4.5, L._("the latest {shown} of {n}; the Excel brief's sheet '{sheet}' lists "
                                              "them all.", shown=MEETING_DECISION_ROWS, n=len(dec),
                                              sheet=L._("Meeting")), 7.5, italic=True, colour="#666666")


def _heatmap_page(c: Any, d: BriefData, m: RiskGrid) -> None:
    L = c.lang
    keep = m.strength.max(axis=1) > 0 if m.strength.size else np.zeros(len(m.regions), bool)
    hidden = int((~keep).sum())
    sub = L.ngettext("Districts with an alert in the last month; each cell is the strongest alert covering that "
                     "month (dismissed and withdrawn alerts are left out).",
                     "Districts with an alert in the last {n} months; each cell is the strongest alert covering "
                     "that month (dismissed and withdrawn alerts are left out).", len(m.months))
    if hidden:
        sub += " " + L.ngettext("{n} district without an alert in these months is not shown.",
                                "{n} districts without an alert in these months are not shown.", hidden)
    y = _heading(c, 0, L._("Risk heatmap"), sub)
    names = [n for n, k in zip(m.regions, keep) if k]
    provinces = [p for p, k in zip(m.provinces, keep) if k]
    grid = m.strength[keep]
    if not names:
        c.text(0, y, c.width_mm, 8, L._("No district has an alert in these months."), 10, italic=True,
               colour="#666666")
        return
    # The grid is drawn left to right in every language, as the desktop's heatmap: time runs
    # left to right (the headings above and the legend below follow the brief's direction).
    with c.left_to_right():
        _heatmap_grid(c, m, names, provinces, grid, y)


def _heatmap_grid(c: Any, m: RiskGrid, names: list, provinces: list, grid: np.ndarray, y: float) -> None:
    from ui.report_canvas import SEVERITY_COLOUR

    L = c.lang
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
            c.text(label_w + j * cell_w, y + 4, cell_w * 3, 4, L.month_short(mo), 6.5, colour="#666666")
    y += 9
    colours = {1: SEVERITY_COLOUR["low"], 2: SEVERITY_COLOUR["medium"], 3: SEVERITY_COLOUR["high"]}
    current = None
    for name, prov, row in zip(names, provinces, grid):
        if prov != current:
            current = prov
            c.text(0, y, c.width_mm, cell_h * 1.3, prov or L._("(no province)"), font, bold=True, colour="#1f4e79")
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
        c.text(x + 7, y, 30, 4, L._("{severity} severity", severity=L.word(s)), 8)
        x += 38


def _index_page(c: Any, d: BriefData, table: pd.DataFrame | None, start: int) -> None:
    L = c.lang
    title = L._("Composite index ranking (continued)") if start else L._("Composite index ranking")
    y = _heading(c, 0, title, index_note(d, L) if not start else "")
    if table is None:
        return
    n_all = len(d.index_table)
    top_k = d.index_top_k
    cols = [(column_title(L, "rank"), 11), (column_title(L, "region"), 34), (column_title(L, "province"), 30),
            (column_title(L, "score"), 13), (L._("score bar"), 24), (L._("rank range"), 20)]
    used = sum(w for _n, w in cols)
    rest = c.width_mm - used - 21
    cols += [(L._("rank spread"), rest), (L._("top-{k} share", k=top_k), 21)]
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
        cells = [f"{r['rank']:.0f}", r["region"], r.get("province", ""), L.decimal(r["score"], "0.000")]
        for (_name, w), s in zip(cols[:4], cells):
            c.text(x + 1, y, w - 2, row_h, str(s), 8)
            x += w
        bar_w = cols[4][1] - 3
        c.box(x + 1, y + row_h * 0.25, max(bar_w * float(r["score"]) / smax, 0.3), row_h * 0.5, "#c0392b")
        x += cols[4][1]
        lo, hi, med = r["rank_p05"], r["rank_p95"], r["rank_median"]
        finite = bool(np.isfinite(lo) and np.isfinite(hi))
        c.text(x + 1, y, cols[5][1] - 2, row_h, L._("{low} to {high}", low=L.count(round(lo)), high=L.count(round(hi)))
               if finite else "", 8)
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
        c.text(x + 1, y, cols[7][1] - 2, row_h, "" if pd.isna(share) else L.percent(share), 8)
        y += row_h
    # The spread is drawn in the page's direction: rank 1 at the start of the line.
    legend = (L._("rank spread: the bar spans the 5th to 95th percentile of the ranks over the Monte Carlo draws (1 at the right, {n} at the "
                  "left); the dot is the median rank.", n=n_all) if c.rtl else
              L._("rank spread: the bar spans the 5th to 95th percentile of the ranks over the Monte Carlo draws (1 at the left, {n} at the "
                  "right); the dot is the median rank.", n=n_all))
    c.text(0, y + 1.5, c.width_mm, 4.5, legend, 7.5, italic=True, colour="#666666")

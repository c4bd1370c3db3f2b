"""Regions × months coloured by the strongest alert signal: where and when risk rose.

Each cell holds the highest severity (1 low, 2 medium, 3 high) of any alert whose episode
covers that district and month, dismissed and withdrawn alerts excluded; clicking a cell
opens that alert's series. The matrix is built with numpy on the snapshot (no Qt) by
:func:`risk_matrix`, so it is tested headless.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.alerts_data import SEVERITY_RANK
from ui.bidi import numbers_ltr
from ui.snapshot import ProjectSnapshot
from ui.vocabulary import term

IGNORED = ("dismissed", "withdrawn")


@dataclass
class RiskMatrix:
    region_ids: np.ndarray  # rows
    region_names: list[str]
    months: np.ndarray  # datetime64[M], columns
    strength: np.ndarray  # float, rows x months; 0 = no alert
    alert: np.ndarray  # int64 alert id per cell, -1 = none


def risk_matrix(snap: ProjectSnapshot) -> RiskMatrix:
    regions = snap.regions
    leaf = regions[regions["level"].isin(["district", "other"])].copy()
    parent_name = dict(zip(regions["id"], regions["name"]))
    leaf["_p"] = leaf["parent_id"].map(parent_name).fillna("")
    leaf = leaf.sort_values(["_p", "name"])
    ids = leaf["id"].to_numpy(np.int64)
    if snap.n_observations:
        first = snap.first_period.astype("datetime64[M]")
        last = snap.last_period.astype("datetime64[M]")
    else:
        first = last = np.datetime64("today", "M")
    months = np.arange(first, last + 1, dtype="datetime64[M]")
    strength = np.zeros((len(ids), len(months)))
    score = np.full((len(ids), len(months)), -np.inf)
    alert = np.full((len(ids), len(months)), -1, dtype=np.int64)
    a = snap.alerts
    if not a.empty:
        a = a[~a["status"].isin(IGNORED)]
        row_of = {rid: i for i, rid in enumerate(ids)}
        rows = a["region_id"].map(row_of)
        a = a[rows.notna()]
        rows = rows[rows.notna()].astype(int).to_numpy()
        start = pd.to_datetime(a["first_period"]).to_numpy().astype("datetime64[M]")
        stop = pd.to_datetime(a["last_period"]).to_numpy().astype("datetime64[M]")
        c0 = np.clip((start - first).astype(int), 0, len(months))
        c1 = np.clip((stop - first).astype(int) + 1, 0, len(months))
        sev = a["severity"].map(SEVERITY_RANK).fillna(0).to_numpy(float)
        sc = a["score"].fillna(0).to_numpy(float)
        alert_ids = a["id"].to_numpy(np.int64)
        # Order by severity then score so the strongest alert is written last and wins.
        for k in np.lexsort((sc, sev)):
            r, lo, hi = rows[k], c0[k], c1[k]
            cells = slice(lo, hi)
            better = (sev[k] > strength[r, cells]) | ((sev[k] == strength[r, cells]) & (sc[k] >= score[r, cells]))
            strength[r, cells] = np.where(better, sev[k], strength[r, cells])
            score[r, cells] = np.where(better, sc[k], score[r, cells])
            alert[r, cells] = np.where(better, alert_ids[k], alert[r, cells])
    names = [f"{n}" for n in leaf["name"]]
    return RiskMatrix(ids, names, months, strength, alert)


#: Longest district name on the heatmap's axis; a longer one is cut with "…" (the read-out
#: under the map names the hovered district in full).
NAME_CHARS = 22


def short_name(name: str, limit: int = NAME_CHARS) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


class RiskHeatmap(QWidget):
    """Click a cell to open the series behind it; the read-out names the cell under the mouse."""

    alert_requested = Signal(int)
    region_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self.plot = self.view.addPlot()
        self.plot.setMenuEnabled(False)
        self.plot.invertY(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLevels((0, 3))
        self.plot.addItem(self.image)
        small = QFont()
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1.5))
        self.plot.getAxis("left").setStyle(tickFont=small, textFillLimits=[(0, 0.95)])
        self.image.mouseClickEvent = self._clicked
        self.readout = QLabel(" ")
        legend = QLabel(
            self.tr("Colour = strongest alert covering the month: ")
            + f"<span style='background:#f1d36b;color:#1d1f23'>&nbsp;{term('low')}&nbsp;</span> "
            + f"<span style='background:#e67e22;color:white'>&nbsp;{term('medium')}&nbsp;</span> "
            + f"<span style='background:#c0392b;color:white'>&nbsp;{term('high')}&nbsp;</span>"
        )
        legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(legend)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.readout)
        self.matrix: RiskMatrix | None = None
        self.view.setAccessibleName(self.tr("Risk heatmap: districts by month"))
        self.view.setLayoutDirection(Qt.LeftToRight)  # months run left to right in every language
        self.plot.setLayoutDirection(Qt.LeftToRight)
        self.apply_theme()
        self._hover = pg.SignalProxy(self.view.scene().sigMouseMoved, rateLimit=30, slot=self._moved)

    def panes(self) -> list[tuple[QWidget, QWidget]]:
        return [(self.view, self.view)]

    def apply_theme(self) -> None:
        """An empty cell is the chart's background colour, light or dark."""
        from ui.theme import chart_colours, style_plot_item

        c = chart_colours()
        cmap = pg.ColorMap([0, 1 / 3, 2 / 3, 1], [c.background if c.background != "#ffffff" else "#f4f6f8",
                                                  "#f1d36b", "#e67e22", "#c0392b"])
        self.image.setLookupTable(cmap.getLookupTable(0, 1, 256))
        self.view.setBackground(c.background)
        style_plot_item(self.plot)

    def set_snapshot(self, snap: ProjectSnapshot) -> None:
        m = risk_matrix(snap)
        self.matrix = m
        self.readout.setText(" ")
        if not m.strength.size or not len(m.region_ids):  # a new project: no districts or no periods yet
            # Nothing of the previous project may stay: its picture, its names, its years.
            self.matrix = None
            self.image.clear()
            self.plot.getAxis("left").setTicks([[], []])
            self.plot.getAxis("bottom").setTicks([[]])
            self.readout.setText(self.tr("No data yet: import a spreadsheet (Ctrl+I)."))
            return
        self.image.setImage(m.strength, levels=(0, 3), autoLevels=False)
        self.image.setRect(0, 0, len(m.months), len(m.region_ids))
        # Every other name always; the rest too when the rows are tall enough for them
        # (pyqtgraph draws a second tick level only while the labels fit).
        self.plot.getAxis("left").setTicks([
            [(i + 0.5, short_name(name)) for i, name in enumerate(m.region_names) if i % 2 == 0],
            [(i + 0.5, short_name(name)) for i, name in enumerate(m.region_names) if i % 2 == 1],
        ])
        years = [(i, str(mo)[:4]) for i, mo in enumerate(m.months) if str(mo).endswith("-01")]
        self.plot.getAxis("bottom").setTicks([years])
        self.plot.setLimits(xMin=0, xMax=max(len(m.months), 1), yMin=0, yMax=max(len(m.region_ids), 1))
        self.plot.autoRange(padding=0)

    def cell_at(self, col: int, row: int) -> tuple[int, int] | None:
        """(region_id, alert_id or -1) of a cell, or None outside the grid."""
        m = self.matrix
        if m is None or not (0 <= row < len(m.region_ids) and 0 <= col < len(m.months)):
            return None
        return int(m.region_ids[row]), int(m.alert[row, col])

    def open_cell(self, col: int, row: int) -> None:
        cell = self.cell_at(col, row)
        if cell is None:
            return
        region_id, alert_id = cell
        if alert_id >= 0:
            self.alert_requested.emit(alert_id)
        else:
            self.region_requested.emit(region_id)

    def _clicked(self, ev: object) -> None:
        if ev.button() == Qt.LeftButton:
            pos = ev.pos()
            self.open_cell(int(np.floor(pos.x())), int(np.floor(pos.y())))
            ev.accept()

    def _moved(self, event: tuple) -> None:
        m = self.matrix
        if m is None:
            return
        p = self.plot.vb.mapSceneToView(event[0])
        col, row = int(np.floor(p.x())), int(np.floor(p.y()))
        cell = self.cell_at(col, row)
        if cell is None:
            return
        level = ("", "low", "medium", "high")[int(m.strength[row, col])]
        self.readout.setText(numbers_ltr(
            f"{m.region_names[row]} · {m.months[col]} · "
            + (self.tr("alert #%1, %2").replace("%1", str(cell[1])).replace("%2", term(level))
               if cell[1] >= 0 else self.tr("no alert"))
        ))

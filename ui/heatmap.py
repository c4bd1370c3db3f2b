"""Regions × months coloured by the strongest alert signal: where and when risk rose.

Each cell holds the highest severity (1 low, 2 medium, 3 high) of any alert whose episode
covers that district and month, dismissed and withdrawn alerts excluded; a cell only a
protracted situation covers is drawn in its own colour, labelled "protracted" (the inbox
leaves those out, so the heatmap must not show them as a risk to decide on); clicking a cell
opens that alert's series. The grid is :func:`alerts.views.risk_grid` over the project's
whole span, the same grid whose last months the brief prints; the view opens on its last six
months (where risk is rising now), or the last 3 or 12, or the whole history: the choice is kept
in the user's settings.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from alerts.views import RiskGrid, risk_grid
from ui.bidi import numbers_ltr
from ui.snapshot import ProjectSnapshot
from ui.vocabulary import term
from workbench import settings as user_settings
from workbench.vocabulary import severity_name


#: The spans the heatmap offers, in months (0: the whole history); 6 is the default (what rose
#: recently, not where alerts were over the years), the choice kept in the user's settings.
SPANS = user_settings.HEATMAP_MONTHS


#: A protracted situation's cells: a muted slate, apart from the severities' warm colours.
PROTRACTED_COLOUR = "#7f8fa6"
PROTRACTED_LEVEL = 4


def _levels(m: RiskGrid) -> np.ndarray:
    """What the image draws: the severity 0-3 of each cell, :data:`PROTRACTED_LEVEL` where only a
    protracted situation covers it (the inbox leaves those out; drawn as medium, the heatmap
    contradicted the inbox)."""
    if m.protracted is None:
        return m.strength
    return np.where(m.protracted, float(PROTRACTED_LEVEL), m.strength)


def risk_matrix(snap: ProjectSnapshot) -> RiskGrid:
    """The heatmap of a snapshot: from its first month to its latest month with data."""
    return risk_grid(snap.alerts, snap.regions, snap.first_period, snap.latest_period)


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
        self.image.setLevels((0, PROTRACTED_LEVEL))
        self.plot.addItem(self.image)
        small = QFont()
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1.5))
        self.plot.getAxis("left").setStyle(tickFont=small, textFillLimits=[(0, 0.95)])
        self.image.mouseClickEvent = self._clicked
        self.readout = QLabel(" ")
        protracted = self.tr("protracted")  # a literal of its own: lupdate reads no f-string
        legend = QLabel(
            self.tr("Colour = strongest alert covering the month: ")
            + f"<span style='background:#f1d36b;color:#1d1f23'>&nbsp;{term('low')}&nbsp;</span> "
            + f"<span style='background:#e67e22;color:white'>&nbsp;{term('medium')}&nbsp;</span> "
            + f"<span style='background:#c0392b;color:white'>&nbsp;{term('high')}&nbsp;</span> "
            + f"<span style='background:{PROTRACTED_COLOUR};color:white'>&nbsp;{protracted}&nbsp;</span>"
        )
        legend.setToolTip(self.tr("Protracted: a rise that became the series' new normal; it left the inbox, "
                                  "and is drawn apart so the heatmap does not show it as a risk to decide on"))
        legend.setWordWrap(True)
        self.span = QComboBox()
        self.span.setObjectName("heatmap_months")
        self.span.setAccessibleName(self.tr("Months shown"))
        self.span.addItem(self.tr("Last 3 months"), 3)
        self.span.addItem(self.tr("Last 6 months"), 6)
        self.span.addItem(self.tr("Last 12 months"), 12)
        self.span.addItem(self.tr("Whole history"), 0)
        self.span.setCurrentIndex(max(self.span.findData(user_settings.load().heatmap_months), 0))
        self.span.setToolTip(self.tr("Recent months show where risk is rising now; the whole history shows "
                                     "where alerts were over the years"))
        self.span.currentIndexChanged.connect(self._span_changed)
        span_label = QLabel(self.tr("Months shown"))
        span_label.setBuddy(self.span)
        top = QHBoxLayout()
        top.addWidget(span_label)
        top.addWidget(self.span)
        top.addWidget(legend, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.readout)
        self.matrix: RiskGrid | None = None
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
        # Levels 0 none, 1-3 low..high, 4 protracted (:func:`_levels`).
        cmap = pg.ColorMap([0, 1 / 4, 2 / 4, 3 / 4, 1], [c.background if c.background != "#ffffff" else "#f4f6f8",
                                                         "#f1d36b", "#e67e22", "#c0392b", PROTRACTED_COLOUR])
        self.image.setLookupTable(cmap.getLookupTable(0, 1, 256))
        self.view.setBackground(c.background)
        style_plot_item(self.plot)

    def alerts_changed(self, snap: ProjectSnapshot) -> None:
        """The alerts were re-read: draw again now if on screen, else when next shown."""
        if self.isVisible():
            self.set_snapshot(snap)
        else:
            self._pending = snap

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)  # type: ignore[arg-type]
        snap, self._pending = getattr(self, "_pending", None), None
        if snap is not None:
            self.set_snapshot(snap)

    def _span_changed(self) -> None:
        user_settings.update(heatmap_months=int(self.span.currentData() or 0))
        snap = getattr(self, "_snap", None)
        if snap is not None:
            self.set_snapshot(snap)

    def set_snapshot(self, snap: ProjectSnapshot) -> None:
        self._pending = None
        self._snap = snap
        m = risk_matrix(snap)
        months = int(self.span.currentData() or 0)
        if months and m.strength.size:
            m = m.window(months)
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
        self.image.setImage(_levels(m), levels=(0, PROTRACTED_LEVEL), autoLevels=False)
        self.image.setRect(0, 0, len(m.months), len(m.region_ids))
        # Every other name always; the rest too when the rows are tall enough for them
        # (pyqtgraph draws a second tick level only while the labels fit).
        self.plot.getAxis("left").setTicks([
            [(i + 0.5, short_name(name)) for i, name in enumerate(m.regions) if i % 2 == 0],
            [(i + 0.5, short_name(name)) for i, name in enumerate(m.regions) if i % 2 == 1],
        ])
        if len(m.months) <= 12:  # a few months: each one labelled, in the middle of its column
            ticks = [(i + 0.5, f"{mo:%Y-%m}") for i, mo in enumerate(m.months)]
        else:
            ticks = [(i, str(mo.year)) for i, mo in enumerate(m.months) if mo.month == 1]
        self.plot.getAxis("bottom").setTicks([ticks])
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
        level = severity_name(m.strength[row, col])
        if m.protracted is not None and m.protracted[row, col]:
            what = self.tr("alert #%1, a protracted situation (not in the inbox)").replace("%1", str(cell[1]))
        elif cell[1] >= 0:
            what = self.tr("alert #%1, %2").replace("%1", str(cell[1])).replace("%2", term(level))
        else:
            what = self.tr("no alert")
        self.readout.setText(numbers_ltr(f"{m.regions[row]} · {m.months[col]:%Y-%m} · " + what))

"""One series (or several to compare) with what the models saw in it.

Items are created once and updated with ``setData`` when the series changes; re-creating
pyqtgraph items costs far more than the redraw, and switching series must stay under
100 ms. The x axis is seconds since 1970 (what ``DateAxisItem`` expects).

The title and the legend are Qt labels above the plot, not pyqtgraph items inside it: a
legend inside the plot sat on the data of a small chart, and a long district name in the
plot's title widened the chart out of its pane. The title elides and shows the whole name
as a tooltip; the legend lists only what is drawn and wraps.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from pyqtgraph import exporters
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.bidi import numbers_ltr
from ui.elide import ElidedLabel
from ui.overlay import SeriesOverlay
from ui.theme import chart_colours, style_plot_item
from ui.vocabulary import rule_name

COMPARE_COLOURS = ("#e07b39", "#6a9f3a", "#8e63b5", "#c23b6b", "#2a9d8f")
#: Characters of a note written on the chart (the whole note is its tooltip and in the History tab).
NOTE_CHARS = 40


def to_seconds(periods: np.ndarray) -> np.ndarray:
    """datetime64 of any unit -> float seconds since the epoch, for the date axis."""
    return np.asarray(periods).astype("datetime64[s]").astype(np.float64)


class SeriesChart(QWidget):
    """A pyqtgraph plot with its title and legend above it and a read-out line under it."""

    #: ``ui.theme.restyle_plots`` calls :meth:`apply_theme` after a theme switch.
    restyle_with_plots = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ElidedLabel()
        self.title.setObjectName("chart_title")
        self.legend_label = QLabel()
        self.legend_label.setObjectName("chart_legend")
        self.legend_label.setWordWrap(True)
        self.legend_label.setTextFormat(Qt.RichText)
        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        # Time runs left to right in every language, with the values' axis on the left: a
        # right-to-left layout must not mirror it (the plot's own layout follows the scene's).
        self.plot.setLayoutDirection(Qt.LeftToRight)
        self.plot.getPlotItem().setLayoutDirection(Qt.LeftToRight)
        self.plot.setMenuEnabled(False)
        self.plot.setAccessibleName(self.tr("Chart of the series"))
        self.plot.setMinimumHeight(120)
        self.readout = QLabel(" ")
        self.readout.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.readout.setAccessibleName(self.tr("Value under the mouse"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.legend_label)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.readout)

        pi = self.plot.getPlotItem()
        # Band edges get a transparent pen, not None: a PlotDataItem without a pen builds no
        # path, and FillBetweenItem fills between the edges' paths.
        self._band_low = pg.PlotDataItem(pen=pg.mkPen((0, 0, 0, 0)))
        self._band_high = pg.PlotDataItem(pen=pg.mkPen((0, 0, 0, 0)))
        self.band = pg.FillBetweenItem(self._band_low, self._band_high)
        self.baseline = pg.PlotDataItem()
        self.threshold = pg.PlotDataItem()
        self.fixed = pg.PlotDataItem()
        self._fc_low = pg.PlotDataItem(pen=pg.mkPen((0, 0, 0, 0)))
        self._fc_high = pg.PlotDataItem(pen=pg.mkPen((0, 0, 0, 0)))
        self.forecast_band = pg.FillBetweenItem(self._fc_low, self._fc_high)
        self.forecast = pg.PlotDataItem()
        self.values = pg.PlotDataItem(symbol="o", symbolSize=5, symbolPen=None, connect="finite")
        self.values.setDownsampling(auto=True, method="peak")
        self.values.setClipToView(True)
        self.flagged = pg.ScatterPlotItem(size=11, symbol="o", hoverable=True, tip=lambda x, y, data: str(data))
        self.alerts = pg.ScatterPlotItem(size=14, symbol="t1", hoverable=True, tip=lambda x, y, data: str(data))
        # Fills follow their edge curves; leaving them out of the auto-range keeps a NaN gap
        # in an edge from stretching the view to the origin.
        for item in (self.band, self.forecast_band):
            pi.addItem(item, ignoreBounds=True)
        for item in (self._band_low, self._band_high, self._fc_low, self._fc_high, self.baseline,
                     self.threshold, self.fixed, self.forecast, self.values, self.flagged, self.alerts):
            pi.addItem(item)
        self._notes: list[pg.TextItem] = []
        self._compare: list[pg.PlotDataItem] = []
        self._x = np.empty(0)
        self._y = np.empty(0)
        self._label = ""
        self._overlay = SeriesOverlay()
        self.apply_theme()
        self._mouse = pg.SignalProxy(self.plot.scene().sigMouseMoved, rateLimit=30, slot=self._on_mouse)

    # -- look -------------------------------------------------------------------------
    def apply_theme(self) -> None:
        """Colours of the current theme, for every item (also after a switch at run time)."""
        c = chart_colours()
        self.plot.setBackground(c.background)
        pi = self.plot.getPlotItem()
        style_plot_item(pi)
        pi.showGrid(x=True, y=True, alpha=c.grid_alpha)
        self.band.setBrush(pg.mkBrush(*c.band))
        self.baseline.setPen(pg.mkPen(c.baseline, width=1.5, style=Qt.DashLine))
        self.threshold.setPen(pg.mkPen(c.threshold, width=1.6, style=Qt.DotLine))
        self.fixed.setPen(pg.mkPen(c.fixed, width=1.4, style=Qt.DashDotDotLine))
        self.forecast_band.setBrush(pg.mkBrush(*c.forecast_band))
        self.forecast.setPen(pg.mkPen(c.forecast, width=1.5, style=Qt.DashDotLine))
        self.values.setPen(pg.mkPen(c.value, width=2))
        self.values.setSymbolBrush(c.value)
        self.flagged.setPen(pg.mkPen(c.flagged, width=2))
        self.flagged.setBrush(pg.mkBrush(None))
        self.alerts.setBrush(pg.mkBrush(c.alert))
        self.alerts.setPen(pg.mkPen(c.alert_edge, width=1))
        for note in self._notes:
            note.setColor(c.note)
        self._rebuild_legend()

    # -- content ----------------------------------------------------------------------
    def show_series(
        self, periods: np.ndarray, values: np.ndarray, label: str, overlay: SeriesOverlay | None = None
    ) -> None:
        """Replace the main series (and its overlay); comparisons are cleared."""
        self.clear_comparisons()
        self._x = to_seconds(periods)
        self._y = np.asarray(values, dtype=np.float64)
        self._label = label
        self.values.setData(self._x, self._y)
        self.title.setFullText(label)
        self._apply_overlay(overlay or SeriesOverlay())
        self.plot.enableAutoRange()
        self.readout.setText(" ")

    def set_overlay(self, overlay: SeriesOverlay) -> None:
        """Replace the overlay of the series on screen (computed in the background); a forecast
        already drawn stays (it arrives on its own, :meth:`set_forecast`)."""
        cur = self._overlay
        if not overlay.forecast_periods.size and cur.forecast_periods.size:
            overlay = replace(overlay, forecast_periods=cur.forecast_periods, forecast_mean=cur.forecast_mean,
                              forecast_low=cur.forecast_low, forecast_high=cur.forecast_high)
        self._apply_overlay(overlay)

    def clear(self, message: str = "") -> None:
        """Nothing on the chart (another project, or nothing selected)."""
        self.show_series(np.empty(0, "datetime64[D]"), np.empty(0), message)

    def add_comparison(self, periods: np.ndarray, values: np.ndarray, label: str) -> None:
        """Draw another region or indicator over the current one."""
        colour = COMPARE_COLOURS[len(self._compare) % len(COMPARE_COLOURS)]
        item = pg.PlotDataItem(
            to_seconds(periods), np.asarray(values, dtype=np.float64),
            pen=pg.mkPen(colour, width=1.5), name=label, connect="finite",
        )
        self.plot.addItem(item)
        self._compare.append(item)
        self._rebuild_legend()

    def clear_comparisons(self) -> None:
        for item in self._compare:
            self.plot.removeItem(item)
        self._compare.clear()

    @property
    def comparisons(self) -> list[pg.PlotDataItem]:
        return list(self._compare)

    @property
    def overlay(self) -> SeriesOverlay:
        return self._overlay

    def _apply_overlay(self, ov: SeriesOverlay) -> None:
        self._overlay = ov
        x = self._x
        _put(self.baseline, x, ov.baseline)
        has_band = ov.band_low is not None and ov.band_high is not None
        if has_band:
            _put_edges(self._band_low, self._band_high, x, ov.band_low, ov.band_high)
        else:
            _put(self._band_low, x, None)
            _put(self._band_high, x, None)
        self.band.setVisible(has_band)
        _put(self.threshold, x, ov.threshold)
        _put(self.fixed, x, ov.fixed_threshold)
        self._apply_forecast(ov)
        self.flagged.setData(
            x=to_seconds(ov.flagged_periods), y=np.asarray(ov.flagged_values, dtype=float),
            data=np.array(ov.flagged_tips, dtype=object),
        )
        self.flagged.setVisible(bool(len(ov.flagged_tips)))
        self._apply_markers(ov)
        self._rebuild_legend()

    def update_markers(self, ov: SeriesOverlay) -> None:
        """Only the alert markers and notes of the series on screen (after a decision on one of
        its alerts): the series, the rule's lines, the flagged periods and the forecast stay
        as drawn (a decision moves none of them)."""
        had = self.alerts.isVisible()
        # A copy: the overlay drawn may be one kept in ui.overlay's cache for the old alerts.
        self._overlay = replace(self._overlay, alert_periods=ov.alert_periods, alert_values=ov.alert_values,
                                alert_marks=ov.alert_marks, alert_tips=ov.alert_tips, notes=ov.notes)
        self._apply_markers(ov)
        if self.alerts.isVisible() != had:
            self._rebuild_legend()

    def _apply_markers(self, ov: SeriesOverlay) -> None:
        self.alerts.setData(
            x=to_seconds(ov.alert_periods), y=np.asarray(ov.alert_values, dtype=float),
            data=np.array(ov.alert_tips, dtype=object),
        )
        self.alerts.setVisible(bool(len(ov.alert_tips)))
        for note in self._notes:
            self.plot.removeItem(note)
        self._notes = []
        finite = self._y[np.isfinite(self._y)]
        top = float(finite.max()) if finite.size else 0.0
        colour = chart_colours().note
        middle = float(np.mean(self._x[[0, -1]])) if self._x.size else 0.0
        stacked: dict[float, int] = {}  # notes already written at each x
        for when, text in ov.notes:
            x = float(to_seconds(np.array([when]))[0])
            # A note is written at its alert's last period, usually the newest: it runs to the
            # left of that point in the right half of the chart, so it is never cut at the
            # edge; a long note is shortened, the whole of it in the tooltip. Notes at the same
            # period (a decision and its correction) stack downwards, one line each, instead
            # of being written over each other (the anchor counts in the text's own height).
            level = stacked.get(x, 0)
            stacked[x] = level + 1
            short = text if len(text) <= NOTE_CHARS else text[:NOTE_CHARS - 1].rstrip() + "…"
            item = pg.TextItem(short, color=colour, anchor=(1 if x > middle else 0, 1 - level))
            item.setToolTip(text)
            item.setPos(x, top)
            self.plot.addItem(item)
            self._notes.append(item)

    def set_forecast(self, ov: SeriesOverlay) -> None:
        """Add (or replace) the forecast once it has been computed in the background."""
        # A copy: the overlay drawn may be one kept in ui.overlay's cache.
        self._overlay = replace(self._overlay, forecast_periods=ov.forecast_periods, forecast_mean=ov.forecast_mean,
                                forecast_low=ov.forecast_low, forecast_high=ov.forecast_high)
        self._apply_forecast(ov)
        self._rebuild_legend()

    def _apply_forecast(self, ov: SeriesOverlay) -> None:
        x = self._x
        fx = to_seconds(ov.forecast_periods)
        last = np.flatnonzero(np.isfinite(self._y))
        if fx.size and last.size:
            # Join the forecast to the last observed value so the line does not float.
            i = last[-1]
            _put(self.forecast, np.r_[x[i], fx], np.r_[self._y[i], ov.forecast_mean])
        else:
            _put(self.forecast, fx, ov.forecast_mean if fx.size else None)
        _put_edges(self._fc_low, self._fc_high, fx, ov.forecast_low, ov.forecast_high)
        self.forecast_band.setVisible(bool(fx.size))

    def legend_entries(self) -> list[str]:
        """The names of what is drawn, in the legend's order."""
        return [name for _kind, _colour, name in self._legend_items()]

    def _legend_items(self) -> list[tuple[str, str, str]]:
        c = chart_colours()
        band = "#{:02x}{:02x}{:02x}".format(*c.band[:3])
        ov = self._overlay
        rule = f" ({rule_name(ov.rule)})" if ov.rule else ""
        items = [
            (self.values, "line", c.value, self.tr("value")),
            (self.band, "box", band, self.tr("normal range")),
            (self.baseline, "dash", c.baseline, self.tr("baseline")),
            (self.threshold, "dot", c.threshold, self.tr("threshold") + rule),
            (self.fixed, "dash", c.fixed, self.tr("codebook threshold")),
            (self.flagged, "ring", c.flagged, self.tr("flagged")),
            (self.alerts, "triangle", c.alert, self.tr("alert")),
            (self.forecast, "dash", c.forecast, self.tr("forecast")),
        ]
        out = [(kind, colour, name) for item, kind, colour, name in items if item.isVisible()
               and (item is not self.values or self._y.size)]
        out += [("line", item.opts["pen"].color().name(), item.name()) for item in self._compare]
        return out

    def _rebuild_legend(self) -> None:
        """Only what is drawn gets a legend entry, so an empty overlay does not clutter it."""
        symbols = {"line": "━", "dash": "╍", "dot": "┈", "box": "■", "ring": "○", "triangle": "▲"}
        # No break inside an entry: the legend wraps between entries, never inside a name.
        parts = [f"<span style='color:{colour}'>{symbols[kind]}</span>&nbsp;{_html(name).replace(' ', '&nbsp;')}"
                 for kind, colour, name in self._legend_items()]
        if self._overlay.pending:
            parts.append("<i>" + _html(self.tr("baseline and threshold: loading the models…")) + "</i>")
        self.legend_label.setText("&nbsp;&nbsp; ".join(parts))
        self.legend_label.setVisible(bool(parts))
        self.legend_label.setToolTip(self.tr(
            "Normal range: the baseline ± 2 spreads of the rule's method (the monitor: frozen while an "
            "alert is open).\nThreshold: the value one period alone needs to open an alert under the "
            "rule named in brackets; several raised periods together (EWMA) can open one below it.\n"
            "Hover a flagged period for why it was flagged, an alert triangle for its explanation.")
            if self._overlay.method else "")

    # -- interaction ------------------------------------------------------------------
    def _on_mouse(self, event: tuple) -> None:
        if not self._x.size:
            return
        pos = event[0]
        vb = self.plot.getPlotItem().vb
        if not self.plot.sceneBoundingRect().contains(pos):
            return
        x = vb.mapSceneToView(pos).x()
        i = int(np.clip(np.searchsorted(self._x, x), 0, self._x.size - 1))
        if i > 0 and abs(self._x[i - 1] - x) < abs(self._x[i] - x):
            i -= 1
        self.readout.setText(numbers_ltr(self.readout_text(i)))

    def readout_text(self, i: int) -> str:
        day = np.datetime64(int(self._x[i]), "s").astype("datetime64[D]")
        y = self._y[i]
        value = self.tr("missing") if np.isnan(y) else f"{y:,.2f}"
        parts = [f"{self._label}", f"{day}", self.tr("value %1").replace("%1", value)]
        ov = self._overlay
        for name, arr in ((self.tr("baseline %1"), ov.baseline), (self.tr("threshold %1"), ov.threshold)):
            if arr is not None and np.size(arr) == self._y.size and np.isfinite(arr[i]):
                parts.append(name.replace("%1", f"{arr[i]:,.2f}"))
        return "   ".join(parts)

    def export(self, path: str | Path) -> Path:
        """PNG or SVG by the file's suffix, written through :func:`workbench.outputs.atomic_output`
        (never over a project, a device or a folder; never half a file)."""
        from workbench.outputs import atomic_output

        target = Path(path)
        with atomic_output(target, what="chart") as tmp:
            self._export_to(tmp, target.suffix.lower())
        return target

    def _export_to(self, path: Path, suffix: str) -> None:
        if suffix == ".svg":
            # pyqtgraph's SVGExporter cannot parse the path syntax of recent Qt; Qt's own
            # SVG generator renders the same scene as vectors.
            from PySide6.QtGui import QPainter
            from PySide6.QtSvg import QSvgGenerator

            gen = QSvgGenerator()
            gen.setFileName(str(path))
            gen.setSize(self.plot.size())
            gen.setViewBox(self.plot.rect())
            gen.setTitle(self._label)
            painter = QPainter(gen)
            self.plot.render(painter)
            painter.end()
        else:
            from workbench.errors import WorkbenchError

            image = exporters.ImageExporter(self.plot.getPlotItem()).export(toBytes=True)
            if not image.save(str(path), "PNG"):  # the format by name: the temporary file ends in .part
                raise WorkbenchError(f"could not write the chart {path.name}")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _put(item: pg.PlotDataItem, x: np.ndarray, y: np.ndarray | None) -> None:
    """Update in place; hide when empty so it neither draws nor stretches the auto-range."""
    if y is None or not np.size(y) or not np.isfinite(np.asarray(y, dtype=np.float64)).any():
        item.setData(np.empty(0), np.empty(0))
        item.setVisible(False)
        return
    item.setData(x, np.asarray(y, dtype=np.float64))
    item.setVisible(True)


def _put_edges(low: pg.PlotDataItem, high: pg.PlotDataItem, x: np.ndarray, lo: np.ndarray | None,
               hi: np.ndarray | None) -> None:
    """Edges of a filled band: only where both are known, since a NaN breaks the fill's path."""
    if lo is None or hi is None or not np.size(lo):
        _put(low, x, None)
        _put(high, x, None)
        return
    lo, hi = np.asarray(lo, np.float64), np.asarray(hi, np.float64)
    ok = np.isfinite(lo) & np.isfinite(hi)
    _put(low, x[ok], lo[ok] if ok.any() else None)
    _put(high, x[ok], hi[ok] if ok.any() else None)

"""One series (or several to compare) with what the models saw in it.

Items are created once and updated with ``setData`` when the series changes; re-creating
pyqtgraph items costs far more than the redraw, and switching series must stay under
100 ms. The x axis is seconds since 1970 (what ``DateAxisItem`` expects).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from pyqtgraph import exporters
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.overlay import SeriesOverlay

COMPARE_COLOURS = ("#e07b39", "#6a9f3a", "#8e63b5", "#c23b6b", "#2a9d8f")


def to_seconds(periods: np.ndarray) -> np.ndarray:
    """datetime64 of any unit -> float seconds since the epoch, for the date axis."""
    return np.asarray(periods).astype("datetime64[s]").astype(np.float64)


class SeriesChart(QWidget):
    """A pyqtgraph plot with a read-out line under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setMenuEnabled(False)
        self.legend = self.plot.addLegend(offset=(10, 10))
        self.readout = QLabel(" ")
        self.readout.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.readout)

        pi = self.plot.getPlotItem()
        # Band edges get a transparent pen, not None: a PlotDataItem without a pen builds no
        # path, and FillBetweenItem fills between the edges' paths.
        self._band_low = pg.PlotDataItem(pen=pg.mkPen((0, 0, 0, 0)))
        self._band_high = pg.PlotDataItem(pen=pg.mkPen((0, 0, 0, 0)))
        self.band = pg.FillBetweenItem(self._band_low, self._band_high, brush=pg.mkBrush(90, 140, 200, 50))
        self.baseline = pg.PlotDataItem(pen=pg.mkPen("#5a8fc8", width=1.5, style=Qt.DashLine), name=self.tr("baseline"))
        self.threshold = pg.PlotDataItem(pen=pg.mkPen("#c0392b", width=1.5, style=Qt.DotLine), name=self.tr("threshold"))
        self._fc_low = pg.PlotDataItem(pen=pg.mkPen((0, 0, 0, 0)))
        self._fc_high = pg.PlotDataItem(pen=pg.mkPen((0, 0, 0, 0)))
        self.forecast_band = pg.FillBetweenItem(self._fc_low, self._fc_high, brush=pg.mkBrush(160, 160, 160, 70))
        self.forecast = pg.PlotDataItem(pen=pg.mkPen("#777777", width=1.5, style=Qt.DashDotLine), name=self.tr("forecast"))
        # The series must stand out on both palettes (a projector in a dim room uses dark).
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        ink = "#8cc4ff" if app is not None and app.property("workbench_theme") == "dark" else "#1f4e79"
        self.values = pg.PlotDataItem(
            pen=pg.mkPen(ink, width=2), symbol="o", symbolSize=5, symbolBrush=ink,
            symbolPen=None, name=self.tr("value"), connect="finite",
        )
        self.values.setDownsampling(auto=True, method="peak")
        self.values.setClipToView(True)
        self.alerts = pg.ScatterPlotItem(
            size=13, symbol="t1", brush=pg.mkBrush("#d62728"), pen=pg.mkPen("w", width=1),
            hoverable=True, tip=lambda x, y, data: str(data), name=self.tr("alert"),
        )
        # Fills follow their edge curves; leaving them out of the auto-range keeps a NaN gap
        # in an edge from stretching the view to the origin.
        for item in (self.band, self.forecast_band):
            pi.addItem(item, ignoreBounds=True)
        for item in (self._band_low, self._band_high, self._fc_low, self._fc_high, self.baseline,
                     self.threshold, self.forecast, self.values, self.alerts):
            pi.addItem(item)
        self.legend.clear()
        self._notes: list[pg.TextItem] = []
        self._compare: list[pg.PlotDataItem] = []
        self._x = np.empty(0)
        self._y = np.empty(0)
        self._label = ""
        self._mouse = pg.SignalProxy(self.plot.scene().sigMouseMoved, rateLimit=30, slot=self._on_mouse)

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
        self.plot.setTitle(label)
        self._apply_overlay(overlay or SeriesOverlay())
        self.plot.enableAutoRange()
        self.readout.setText(" ")

    def add_comparison(self, periods: np.ndarray, values: np.ndarray, label: str) -> None:
        """Draw another region or indicator over the current one."""
        colour = COMPARE_COLOURS[len(self._compare) % len(COMPARE_COLOURS)]
        item = pg.PlotDataItem(
            to_seconds(periods), np.asarray(values, dtype=np.float64),
            pen=pg.mkPen(colour, width=1.5), name=label, connect="finite",
        )
        self.plot.addItem(item)  # a named item gets its legend entry here
        self._compare.append(item)

    def clear_comparisons(self) -> None:
        for item in self._compare:
            self.plot.removeItem(item)
        self._compare.clear()

    @property
    def comparisons(self) -> list[pg.PlotDataItem]:
        return list(self._compare)

    def _apply_overlay(self, ov: SeriesOverlay) -> None:
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
        self._apply_forecast(ov)
        self._apply_markers(ov)
        self._rebuild_legend()

    def update_markers(self, ov: SeriesOverlay) -> None:
        """Only the alert markers and notes of the series on screen (after a decision on one of
        its alerts): the series, baseline and forecast stay as drawn."""
        had = self.alerts.isVisible()
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
        for when, text in ov.notes:
            item = pg.TextItem(text, color="#8a5a00", anchor=(0, 1))
            item.setPos(float(to_seconds(np.array([when]))[0]), top)
            self.plot.addItem(item)
            self._notes.append(item)

    def set_forecast(self, ov: SeriesOverlay) -> None:
        """Add (or replace) the forecast once it has been computed in the background."""
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

    def _rebuild_legend(self) -> None:
        """Only what is drawn gets a legend entry, so an empty overlay does not clutter it."""
        self.legend.clear()
        for item, name in (
            (self.values, self.tr("value")), (self.baseline, self.tr("baseline")),
            (self.threshold, self.tr("threshold")), (self.forecast, self.tr("forecast")),
            (self.alerts, self.tr("alert")),
        ):
            if item.isVisible():
                self.legend.addItem(item, name)
        for item in self._compare:
            self.legend.addItem(item, item.name())

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
        self.readout.setText(self.readout_text(i))

    def readout_text(self, i: int) -> str:
        day = np.datetime64(int(self._x[i]), "s").astype("datetime64[D]")
        y = self._y[i]
        value = self.tr("missing") if np.isnan(y) else f"{y:,.2f}"
        parts = [f"{self._label}", f"{day}", f"{self.tr('value')} {value}"]
        base = self.baseline.getData()[1]
        if base is not None and base.size == self._y.size and np.isfinite(base[i]):
            parts.append(f"{self.tr('baseline')} {base[i]:,.2f}")
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


def _put(item: pg.PlotDataItem, x: np.ndarray, y: np.ndarray | None) -> None:
    """Update in place; hide when empty so it neither draws nor stretches the auto-range."""
    if y is None or not np.size(y):
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

"""The series tab: pick a region's series on the left, see it (and comparisons) on the right."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.chart import SeriesChart
from ui.overlay import SeriesOverlay, build_overlay, cached_overlay, markers_overlay
from ui.snapshot import ProjectSnapshot


class SeriesView(QWidget):
    """Selecting several series draws the first and compares the others; pins survive region changes."""

    series_shown = Signal(int)  # series row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._snap: ProjectSnapshot | None = None
        self._pinned: list[int] = []
        self.current_row: int | None = None
        self.runner = None  # TaskRunner, set by the window: forecasts are computed on it
        self._forecast_for: tuple[ProjectSnapshot, int] | None = None
        self._forecasts: dict[tuple[int, int], SeriesOverlay | None] = {}  # (snapshot, row) -> forecast
        self._stale = False
        self._forecast_timer = QTimer(self)
        self._forecast_timer.setSingleShot(True)
        self._forecast_timer.setInterval(200)
        self._forecast_timer.timeout.connect(self._start_forecast)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Series of the region"))
        self.list.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.pin_button = QPushButton(self.tr("Keep for comparison"))
        self.pin_button.setToolTip(self.tr("Keep this series on the chart while you look at other regions"))
        self.clear_button = QPushButton(self.tr("Clear comparison"))
        self.export_button = QPushButton(self.tr("Export chart…"))
        self.pin_button.clicked.connect(self.pin_current)
        self.clear_button.clicked.connect(self.clear_pins)
        self.export_button.clicked.connect(self._export_dialog)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.heading)
        ll.addWidget(self.list, 1)
        ll.addWidget(QLabel(self.tr("Ctrl+click to compare indicators")))
        for b in (self.pin_button, self.clear_button, self.export_button):
            ll.addWidget(b)

        self.chart = SeriesChart()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([260, 1000])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)

    def panes(self) -> list[tuple[QWidget, QWidget]]:
        """(container, widget to focus) of each pane, for Ctrl+Tab."""
        return [(self.list.parentWidget(), self.list), (self.chart, self.chart.plot)]

    def set_snapshot(self, snap: ProjectSnapshot) -> None:
        self._snap = snap
        self._forecasts.clear()
        self._pinned.clear()
        self.current_row = None
        self._forecast_timer.stop()
        if self.runner is not None:
            self.runner.cancel("overlay")
            self.runner.cancel("forecast")
        # Nothing of the previous project may stay on screen, whatever this one holds.
        self.list.blockSignals(True)
        self.list.clear()
        self.list.blockSignals(False)
        self.heading.clear()
        self.chart.clear()
        if not len(snap.series):
            self.heading.setText(self.tr("<b>No data yet.</b><br>Import a spreadsheet (File → Import, "
                                         "Ctrl+I) or drop it on this window."))
            return
        districts = snap.regions[snap.regions["level"].isin(["district", "other"])]
        first = int(districts["id"].iloc[0]) if len(districts) else None
        if first is not None and snap.series.size:
            with_data = snap.series["region_id"].unique()
            candidates = districts[districts["id"].isin(with_data)]
            first = int(candidates["id"].iloc[0]) if len(candidates) else first
        if first is not None:
            self.show_region(first)

    def show_region(self, region_id: int) -> None:
        """List the region's series and show the first (or the one matching the current indicator)."""
        snap = self._snap
        if snap is None:
            return
        rows = np.flatnonzero(snap.series["region_id"].to_numpy() == region_id)
        self.heading.setText(f"<b>{snap.region_name(region_id)}</b>")
        self.list.blockSignals(True)
        self.list.clear()
        keep = None
        current_ind = None
        if self.current_row is not None:
            cur = snap.series.iloc[self.current_row]
            current_ind = (cur["indicator_id"], cur["group"])
        for r in rows:
            rec = snap.series.iloc[int(r)]
            text = str(rec["indicator_name"]) + (f" ({rec['group']})" if rec["group"] else "")
            item = QListWidgetItem(text)
            item.setToolTip(text)  # the whole name where the pane cuts it
            item.setData(Qt.UserRole, int(r))
            self.list.addItem(item)
            if current_ind == (rec["indicator_id"], rec["group"]):
                keep = item
        self.list.blockSignals(False)
        if not rows.size:
            self.heading.setText(
                f"<b>{snap.region_name(region_id)}</b><br>" + self.tr("No data for this region yet.")
            )
            return
        target = keep or self.list.item(0)
        self.list.setCurrentItem(target)

    def show_series(self, region_id: int, indicator_id: int, group: str = "") -> bool:
        snap = self._snap
        if snap is None:
            return False
        row = snap.find_series(region_id, indicator_id, group)
        if row is None:
            return False
        self.show_region(region_id)
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.UserRole) == row:
                self.list.setCurrentRow(i)
                break
        return True

    def show_series_row(self, row: int, compare: list[int] | None = None) -> None:
        snap = self._snap
        if snap is None:
            return
        periods, values = snap.series_values(row)
        self.chart.show_series(periods, values, snap.series_label(row), self._quick_overlay(snap, row))
        for other in [*(compare or []), *self._pinned]:
            if other != row:
                p, v = snap.series_values(other)
                self.chart.add_comparison(p, v, snap.series_label(other))
        self.current_row = row
        self._request_overlay(snap, row)
        self._request_forecast(snap, row)
        self.series_shown.emit(row)

    def _quick_overlay(self, snap: ProjectSnapshot, row: int) -> SeriesOverlay:
        """What can be drawn at once: the overlay already computed, else the alert markers."""
        return cached_overlay(snap, ("row", row)) or markers_overlay(snap, row)

    def _request_overlay(self, snap: ProjectSnapshot, row: int) -> None:
        """Baseline, band, threshold and flagged periods run the rule's method on this
        series (tens of milliseconds): on the runner, so paging through series stays fast."""
        if cached_overlay(snap, ("row", row)) is not None:
            return

        def work(progress: object, cancel: object) -> SeriesOverlay:
            return cached_overlay(snap, ("row", row), lambda: build_overlay(snap, row))

        def done(ov: SeriesOverlay) -> None:
            if self.current_row == row and self._snap is snap:
                self.chart.set_overlay(ov)

        if self.runner is None:
            done(work(None, None))
        else:
            self.runner.submit("overlay", work, on_done=done)

    def _request_forecast(self, snap: ProjectSnapshot, row: int) -> None:
        """Forecast once the analyst stops on a series: paging through many must not queue work.
        A series forecast before (in this snapshot) is drawn from memory."""
        known = self._forecasts.get((id(snap), row), False)
        if known is not False:
            if known is not None:
                self.chart.set_forecast(known)
            return
        self._forecast_for = (snap, row)
        self._forecast_timer.start()

    def _start_forecast(self) -> None:
        import sys

        snap, row = self._forecast_for
        if self.runner is None or "workbench.models.forecast" not in sys.modules:
            return
        from ui.overlay import series_forecast

        def done(ov: SeriesOverlay | None) -> None:
            self._forecasts[(id(snap), row)] = ov
            if ov is not None and self.current_row == row and self._snap is snap:
                self.chart.set_forecast(ov)

        self.runner.submit("forecast", lambda progress, cancel: series_forecast(snap, row),
                           title=self.tr("Forecasting"), on_done=done)

    def refresh_overlay(self) -> None:
        """Compute the lines of the series on screen again (the detectors just loaded)."""
        if self.current_row is not None and self._snap is not None:
            self._request_overlay(self._snap, self.current_row)

    def redraw(self) -> None:
        """Draw the current series again (e.g. once the detectors for its baseline are loaded)."""
        self._stale = False
        if self.current_row is not None:
            self._selection_changed()

    def alerts_changed(self) -> None:
        """The alerts were re-read: the markers and notes change at once (the view keeps its
        zoom and comparisons), the rule's flagged periods follow from the runner. Now if on
        screen, else when the tab is next shown."""
        if self.isVisible():
            self._alerts_redraw()
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self._alerts_redraw()

    def _alerts_redraw(self) -> None:
        self._stale = False
        snap, row = self._snap, self.current_row
        if snap is None or row is None:
            return
        full = cached_overlay(snap, ("row", row))
        if full is not None:
            self.chart.set_overlay(full)
        else:
            self.chart.update_markers(markers_overlay(snap, row))
            self._request_overlay(snap, row)

    def pin_current(self) -> None:
        if self.current_row is not None and self.current_row not in self._pinned:
            self._pinned.append(self.current_row)

    def clear_pins(self) -> None:
        self._pinned.clear()
        if self.current_row is not None:
            self.show_series_row(self.current_row)

    def _selection_changed(self) -> None:
        items = self.list.selectedItems()
        if not items:
            return
        current = self.list.currentItem()
        main = current if current in items else items[0]
        others = [int(i.data(Qt.UserRole)) for i in items if i is not main]
        self.show_series_row(int(main.data(Qt.UserRole)), others)

    def _export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export chart"), "chart.png", self.tr("PNG image (*.png);;SVG drawing (*.svg)")
        )
        if path:
            from PySide6.QtWidgets import QMessageBox

            from workbench.errors import WorkbenchError

            try:
                self.chart.export(path)
            except WorkbenchError as err:  # a project, a folder or a full disk as the target
                QMessageBox.warning(self, self.tr("Could not export the chart"), str(err))

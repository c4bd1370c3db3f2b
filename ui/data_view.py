"""The observations table: a model over numpy columns, filtered with numpy masks.

``QSortFilterProxyModel`` asks every row through Python, which is far too slow for a
million observations; here a filter computes one boolean mask over the snapshot's columns
and resets the model with the matching row numbers. ``data()`` formats only the cells
that are on screen.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.flow_layout import FlowLayout
from ui.vocabulary import term
from ui.snapshot import ProjectSnapshot
from ui.table_model import ColumnsTableModel

_Index = QModelIndex | QPersistentModelIndex


# Roles as plain ints: comparing Qt's enum members costs microseconds per cell.
_DISPLAY, _ALIGN, _BACKGROUND, _FOREGROUND = (int(r) for r in (Qt.DisplayRole, Qt.TextAlignmentRole,
                                                                 Qt.BackgroundRole, Qt.ForegroundRole))
_ROLES = frozenset((_DISPLAY, _ALIGN, _BACKGROUND, _FOREGROUND))


class ObservationTableModel(ColumnsTableModel):
    """Rows are positions into the snapshot's observation columns."""

    COLUMNS = ("Region", "Indicator", "Group", "Period", "Value")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._snap: ProjectSnapshot | None = None
        self._rows = np.empty(0, dtype=np.int64)
        self._series_rid = np.empty(0, dtype=np.int64)

    def set_snapshot(self, snap: ProjectSnapshot | None) -> None:
        self.beginResetModel()
        self._snap = snap
        cols = snap.columns if snap is not None else None
        self._rows = np.arange(cols.size, dtype=np.int64) if cols is not None else np.empty(0, np.int64)
        self.endResetModel()

    def apply_filter(
        self,
        *,
        region_ids: list[int] | None = None,
        indicator_id: int | None = None,
        start: np.datetime64 | None = None,
        stop: np.datetime64 | None = None,
    ) -> int:
        """Keep only matching observations; returns the number of rows shown."""
        snap = self._snap
        if snap is None or snap.columns is None:
            return 0
        cols = snap.columns
        series = snap.series
        smask = np.ones(len(series), dtype=bool)
        if region_ids is not None:
            smask &= np.isin(series["region_id"].to_numpy(), region_ids)
        if indicator_id is not None:
            smask &= series["indicator_id"].to_numpy() == indicator_id
        mask = smask[cols.series_code]
        if start is not None:
            mask &= cols.period >= start
        if stop is not None:
            mask &= cols.period <= stop
        self.beginResetModel()
        self._rows = np.flatnonzero(mask)
        self.endResetModel()
        return int(self._rows.size)

    def observation_row(self, row: int) -> int:
        return int(self._rows[row])

    # -- Qt model API ------------------------------------------------------------------
    def row_count(self) -> int:
        return int(self._rows.size)

    def data(self, index: _Index, role: int = Qt.DisplayRole) -> Any:
        role = int(role)
        snap = self._snap
        if role not in _ROLES or snap is None or snap.columns is None or not index.isValid():
            return None
        cols = snap.columns
        obs = self._rows[index.row()]
        col = index.column()
        if role == _DISPLAY:
            s = int(cols.series_code[obs])
            names = self._names(snap)
            if col == 0:
                return names[0][s]
            if col == 1:
                return names[1][s]
            if col == 2:
                return names[2][s] or self.tr("all")
            if col == 3:
                return str(cols.period[obs])
            value = cols.value[obs]
            return self.tr("missing") if np.isnan(value) else f"{value:,.2f}"
        if role == _ALIGN and col == 4:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == _FOREGROUND and col == 4 and np.isnan(cols.value[obs]):
            return QColor(150, 150, 150)
        return None

    def _names(self, snap: ProjectSnapshot) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Region, indicator and group per series as numpy arrays, once per snapshot (a pandas
        lookup per cell made every repaint of the table take tens of milliseconds)."""
        cached = getattr(self, "_names_of", None)
        if cached is None or cached[0] is not snap:
            s = snap.series
            cached = (snap, (s["region"].to_numpy(), s["indicator_name"].to_numpy(), s["group"].to_numpy()))
            self._names_of = cached
        return cached[1]


class CompletenessModel(ColumnsTableModel):
    """Per district: share of expected months with a value, worst first."""

    COLUMNS = ("District", "Complete", "Values")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frame = pd.DataFrame(columns=["region_id", "name", "present", "expected", "completeness"])

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self._frame = frame.sort_values("completeness", kind="stable").reset_index(drop=True)
        self._cells = {c: self._frame[c].to_numpy() for c in ("name", "completeness", "present", "expected")}
        self.endResetModel()

    def region_id(self, row: int) -> int:
        return int(self._frame["region_id"].iat[row])

    def row_count(self) -> int:
        return len(self._frame)

    def data(self, index: _Index, role: int = Qt.DisplayRole) -> Any:
        role = int(role)
        if role not in _ROLES or not index.isValid():
            return None
        cells, row = getattr(self, "_cells", None), index.row()
        if cells is None:
            return None
        share = cells["completeness"][row]
        if role == _DISPLAY:
            if index.column() == 0:
                return cells["name"][row]
            if index.column() == 1:
                # Rounded down, one decimal: 94.96 % must not read "95%" in an amber (< 95 %) cell.
                return "–" if pd.isna(share) else f"{np.floor(share * 1000) / 10:.1f}%"
            return f"{int(cells['present'][row])} / {int(cells['expected'][row])}"
        if role == _BACKGROUND and index.column() == 1 and not pd.isna(share):
            # Red below 80 %, amber below 95 %: the thresholds a field office chases.
            if share < 0.8:
                return QColor(230, 120, 110)
            if share < 0.95:
                return QColor(240, 200, 110)
            return QColor(140, 200, 140)
        if role == _FOREGROUND and index.column() == 1 and not pd.isna(share):
            return QColor(20, 20, 20)
        return None


class DataView(QWidget):
    """Filters on top, the observation table, and data completeness per district beside it."""

    series_requested = Signal(int, int, str)  # region_id, indicator_id, group
    region_requested = Signal(int)
    menu_requested = Signal(int, int, QPoint)  # region_id, indicator_id, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._snap: ProjectSnapshot | None = None
        self.model = ObservationTableModel(self)
        self.completeness = CompletenessModel(self)

        self.region_combo = QComboBox()
        self.indicator_combo = QComboBox()
        self.start_edit = QDateEdit(calendarPopup=True)
        self.stop_edit = QDateEdit(calendarPopup=True)
        for edit in (self.start_edit, self.stop_edit):
            edit.setDisplayFormat("yyyy-MM")
        self.count_label = QLabel()
        # The filters wrap on a narrow window; a long region name elides in its box.
        self.filters = QWidget()
        bar = FlowLayout(self.filters)
        for combo in (self.region_combo, self.indicator_combo):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        for label, widget in (
            (self.tr("Region"), self.region_combo),
            (self.tr("Indicator"), self.indicator_combo),
            (self.tr("From"), self.start_edit),
            (self.tr("To"), self.stop_edit),
        ):
            cell = QWidget()
            cl = QHBoxLayout(cell)
            cl.setContentsMargins(0, 0, 0, 0)
            text = QLabel(label)
            text.setBuddy(widget)
            widget.setAccessibleName(label)
            cl.addWidget(text)
            cl.addWidget(widget)
            bar.addWidget(cell)
        bar.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Observations"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in ((0, 140), (1, 210), (2, 70), (3, 90)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(self._open_row)
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)

        self.complete_table = QTableView()
        self.complete_table.setAccessibleName(self.tr("Data completeness per district"))
        self.complete_table.setModel(self.completeness)
        self.complete_table.verticalHeader().hide()
        self.complete_table.horizontalHeader().setStretchLastSection(True)
        self.complete_table.setColumnWidth(0, 120)
        self.complete_table.setColumnWidth(1, 70)
        self.complete_table.doubleClicked.connect(
            lambda idx: self.region_requested.emit(self.completeness.region_id(idx.row()))
        )
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("<b>Data completeness</b> (share of expected months)")))
        side_layout.addWidget(self.complete_table)

        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(splitter, 1)

        self.region_combo.currentIndexChanged.connect(self.refilter)
        self.indicator_combo.currentIndexChanged.connect(self.refilter)
        self.start_edit.dateChanged.connect(self.refilter)
        self.stop_edit.dateChanged.connect(self.refilter)

    def panes(self) -> list[tuple[QWidget, QWidget]]:
        """(container, widget to focus) of each pane, for Ctrl+Tab."""
        return [(self.filters, self.region_combo), (self.table, self.table), (self.complete_table, self.complete_table)]

    def set_snapshot(self, snap: ProjectSnapshot) -> None:
        self._snap = snap
        self.model.set_snapshot(snap)
        self.completeness.set_frame(snap.completeness())
        widgets = (self.region_combo, self.indicator_combo, self.start_edit, self.stop_edit)
        for w in widgets:
            w.blockSignals(True)
        self.region_combo.clear()
        self.region_combo.addItem(self.tr("All regions"), None)
        regions = snap.regions.sort_values(["level", "name"])
        for rec in regions.itertuples():
            self.region_combo.addItem(f"{rec.name} ({term(rec.level)})", int(rec.id))
        self.indicator_combo.clear()
        self.indicator_combo.addItem(self.tr("All indicators"), None)
        for rec in snap.indicators.itertuples():
            self.indicator_combo.addItem(str(rec.name), int(rec.id))
        if snap.n_observations:
            first, last = snap.first_period, snap.last_period
            for edit in (self.start_edit, self.stop_edit):
                edit.setDateRange(_qdate(first), _qdate(last))
            self.start_edit.setDate(_qdate(first))
            self.stop_edit.setDate(_qdate(last))
        for w in widgets:
            w.blockSignals(False)
        self.refilter()

    def columns_ready(self, snap: ProjectSnapshot) -> None:
        """The observations arrived from the background read: fill the table."""
        if snap is self._snap:
            self.model._snap = snap  # refilter resets the model once, with the rows it keeps
            self.refilter()

    def select_region(self, region_id: int) -> None:
        i = self.region_combo.findData(region_id)
        if i >= 0:
            self.region_combo.setCurrentIndex(i)

    def refilter(self) -> None:
        snap = self._snap
        if snap is None:
            return
        if snap.columns is None:
            self.count_label.setText(self.tr("Loading %1 observations…").replace("%1", f"{snap.n_observations:,}"))
            return
        region = self.region_combo.currentData()
        region_ids = None if region is None else _descendants(snap.regions, int(region))
        shown = self.model.apply_filter(
            region_ids=region_ids,
            indicator_id=self.indicator_combo.currentData(),
            start=np.datetime64(self.start_edit.date().toString("yyyy-MM-01"), "D"),
            stop=np.datetime64(self.stop_edit.date().toString("yyyy-MM-dd"), "D"),
        )
        self.count_label.setText(
            self.tr("%1 of %2 observations").replace("%1", f"{shown:,}").replace("%2", f"{snap.n_observations:,}")
        )

    def _open_row(self, index: QModelIndex) -> None:
        snap = self._snap
        if snap is None:
            return
        s = int(snap.columns.series_code[self.model.observation_row(index.row())])
        rec = snap.series.iloc[s]
        self.series_requested.emit(int(rec["region_id"]), int(rec["indicator_id"]), str(rec["group"]))


    def row_ids(self, row: int) -> tuple[int, int]:
        """(region_id, indicator_id) of a row of the table."""
        snap = self._snap
        rec = snap.series.iloc[int(snap.columns.series_code[self.model.observation_row(row)])]
        return int(rec["region_id"]), int(rec["indicator_id"])

    def _row_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and self._snap is not None:
            self.menu_requested.emit(*self.row_ids(index.row()), self.table.viewport().mapToGlobal(pos))


def _qdate(day: np.datetime64) -> Any:
    from PySide6.QtCore import QDate

    ts = pd.Timestamp(day)
    return QDate(ts.year, ts.month, ts.day)


def _descendants(regions: pd.DataFrame, region_id: int) -> list[int]:
    """The region and everything below it, so picking a province shows its districts."""
    parent = regions["parent_id"].to_numpy()
    ids = regions["id"].to_numpy()
    found = {region_id}
    frontier = {region_id}
    while frontier:
        children = set(ids[np.isin(parent, list(frontier))].tolist()) - found
        found |= children
        frontier = children
    return sorted(found)

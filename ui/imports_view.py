"""The import history: what came in, when, how much was rejected, and which rows and why."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ui.vocabulary import term
from workbench.store.imports import rejected_rows
from workbench.store import open_project

MAX_REJECTED_SHOWN = 5_000


def read_rejected(project_path: Path | str, import_id: int, *, progress: object = None,
                  cancel: object = None) -> pd.DataFrame:
    """The rows one import left out, as the spreadsheet numbers them (read-only; a project
    file or a team server's URL, opened by the store)."""
    with open_project(project_path, readonly=True) as project:
        frame = rejected_rows(project.conn, import_id, MAX_REJECTED_SHOWN)
    frame["raw"] = frame["raw"].map(lambda r: " | ".join(str(c) for c in json.loads(r)) if r else "")
    return frame


class ImportsView(QWidget):
    """One row per import (newest first); selecting one lists its rejected rows below."""

    HEADERS = ("File", "Sheet", "Imported at", "Rows read", "Kept", "Rejected", "New values", "Revised")
    FIELDS = ("file_name", "sheet", "imported_at", "rows_read", "rows_kept", "rows_rejected",
              "values_new", "values_revised")

    import_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels([term(h) for h in self.HEADERS])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.currentCellChanged.connect(self._row_changed)
        self.table.setAccessibleName(self.tr("Imports"))
        self.rejected_label = QLabel(self.tr("Select an import to see the rows it rejected."))
        self.rejected = QTableWidget(0, 4)
        self.rejected.setHorizontalHeaderLabels([self.tr("Sheet"), self.tr("Row"), self.tr("Reason"), self.tr("Cells")])
        self.rejected.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.rejected.verticalHeader().hide()
        self.rejected.setAccessibleName(self.tr("Rows rejected by the selected import"))
        self.rejected.setEditTriggers(QTableWidget.NoEditTriggers)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.rejected_label)
        ll.addWidget(self.rejected)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self._ids: list[int] = []

    def panes(self) -> list[tuple[QWidget, QWidget]]:
        return [(self.table, self.table), (self.rejected, self.rejected)]

    def rowCount(self) -> int:  # noqa: N802 - mirrors the table for tests and callers
        return self.table.rowCount()

    def item(self, row: int, col: int) -> QTableWidgetItem | None:
        return self.table.item(row, col)

    def set_imports(self, imports: pd.DataFrame) -> None:
        frame = imports.iloc[::-1]  # newest first
        self._ids = [int(i) for i in frame["id"]] if "id" in frame else []
        self.table.setRowCount(len(frame))
        for r, rec in enumerate(frame.to_dict("records")):
            for c, field in enumerate(self.FIELDS):
                value = rec.get(field)
                text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
                if field == "imported_at":
                    text = text.replace("T", " ")[:19]
                self.table.setItem(r, c, QTableWidgetItem(text))
        for c in range(1, len(self.FIELDS)):
            self.table.resizeColumnToContents(c)
        self.rejected.setRowCount(0)
        self.rejected_label.setText(self.tr("Select an import to see the rows it rejected."))

    def _row_changed(self, row: int, _col: int, _prev_row: int, _prev_col: int) -> None:
        if 0 <= row < len(self._ids):
            self.import_selected.emit(self._ids[row])

    def show_rejected(self, frame: pd.DataFrame) -> None:
        self.rejected_label.setText(
            self.tr("%1 rejected row(s)").replace("%1", str(len(frame)))
            + (self.tr(" (first %1 shown)").replace("%1", str(MAX_REJECTED_SHOWN)) if len(frame) >= MAX_REJECTED_SHOWN else "")
        )
        self.rejected.setRowCount(len(frame))
        for r, rec in enumerate(frame.itertuples(index=False)):
            for c, text in enumerate((str(rec.sheet or ""), str(rec.row_number), rec.reason, rec.raw)):
                self.rejected.setItem(r, c, QTableWidgetItem(text))
        self.rejected.resizeColumnToContents(1)
        self.rejected.resizeColumnToContents(2)

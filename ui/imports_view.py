"""The import history: what came in, when, and how much was rejected."""

from __future__ import annotations

import pandas as pd
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget


class ImportsView(QTableWidget):
    """A short table (one row per import), so a plain QTableWidget is enough."""

    HEADERS = ("File", "Sheet", "Imported at", "Rows read", "Kept", "Rejected", "New values", "Revised")
    FIELDS = ("file_name", "sheet", "imported_at", "rows_read", "rows_kept", "rows_rejected",
              "values_new", "values_revised")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(self.HEADERS))
        self.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.NoEditTriggers)

    def set_imports(self, imports: pd.DataFrame) -> None:
        frame = imports.iloc[::-1]  # newest first
        self.setRowCount(len(frame))
        for r, rec in enumerate(frame.to_dict("records")):
            for c, field in enumerate(self.FIELDS):
                value = rec.get(field)
                text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
                self.setItem(r, c, QTableWidgetItem(text))
        for c in range(1, len(self.FIELDS)):
            self.resizeColumnToContents(c)

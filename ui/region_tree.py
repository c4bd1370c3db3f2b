"""Country → province → district, with a risk badge and data completeness per district."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from ui.vocabulary import term
from workbench.vocabulary import SEVERITY_RANK

SEVERITY_COLOURS = {"high": "#c0392b", "medium": "#e67e22", "low": "#d4ac0d"}


class RegionTree(QTreeWidget):
    """Clicking a region asks the window to show it; the tree never opens views itself."""

    region_activated = Signal(int)
    menu_requested = Signal(int, QPoint)  # region_id, global position: rename / merge / delete

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels([self.tr("Region"), self.tr("Risk"), self.tr("Data")])
        self.setColumnCount(3)
        self.setAccessibleName(self.tr("Regions"))
        self.header().setSectionResizeMode(0, QHeaderView.Stretch)
        # Fixed widths: ResizeToContents re-measures every row on every change, which made
        # filling a 1,000-district tree take seconds. They come from the font, so at 150 %
        # scaling or in another language the badge and the share fit, and the names get
        # the rest (elided, with the whole name as a tooltip) instead of nothing.
        fm = self.fontMetrics()
        self.header().setMinimumSectionSize(fm.horizontalAdvance("99") + 8)
        self.header().setSectionResizeMode(1, QHeaderView.Fixed)
        self.header().setSectionResizeMode(2, QHeaderView.Fixed)
        self.header().resizeSection(1, max(fm.horizontalAdvance(" 99 ") + 10, fm.horizontalAdvance(self.tr("Risk")) + 12))
        self.header().resizeSection(2, max(fm.horizontalAdvance("100%") + 10, fm.horizontalAdvance(self.tr("Data")) + 12))
        self.header().setStretchLastSection(False)
        self.setIndentation(max(12, fm.horizontalAdvance("M")))
        self.setTextElideMode(Qt.ElideRight)
        self.setUniformRowHeights(True)
        # Room for a district name of about 12 letters beside its badge and share.
        self.setMinimumWidth(fm.horizontalAdvance("Navarre Plain") + 2 * self.indentation()
                             + self.header().sectionSize(1) + self.header().sectionSize(2) + 30)
        self._items: dict[int, QTreeWidgetItem] = {}
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def set_regions(self, regions: pd.DataFrame, completeness: pd.DataFrame | None = None) -> None:
        self.clear()
        self._items.clear()
        share = {}
        if completeness is not None and not completeness.empty:
            share = dict(zip(completeness["region_id"], completeness["completeness"]))
        order = {"country": 0, "province": 1, "district": 2, "other": 3}
        ranked = regions.assign(_o=regions["level"].map(order)).sort_values(["_o", "name"])
        for rec in ranked.itertuples():
            item = QTreeWidgetItem([str(rec.name), "", ""])
            item.setData(0, Qt.UserRole, int(rec.id))
            item.setToolTip(0, str(rec.name))
            value = share.get(rec.id)
            if value is not None and not pd.isna(value):
                item.setText(2, f"{int(value * 100)}%")  # rounded down, like the Data tab
                item.setToolTip(2, self.tr("share of expected monthly values present"))
                if value < 0.8:
                    item.setForeground(2, QBrush(QColor("#c0392b")))
            self._items[int(rec.id)] = item
        for rec in ranked.itertuples():
            item = self._items[int(rec.id)]
            parent = self._items.get(int(rec.parent_id)) if pd.notna(rec.parent_id) else None
            if parent is None:
                self.addTopLevelItem(item)
            else:
                parent.addChild(item)
        self.expandToDepth(1)

    def set_risk(self, risk: dict[int, tuple[str, int]]) -> None:
        """``region_id -> (worst active severity, active alert count)``; parents show the worst below.

        Regions with no active alert get no badge and no colour, so the tree shows where risk is now.
        """
        for item in self._items.values():
            item.setText(1, "")
            item.setBackground(1, QBrush())
        worst: dict[int, tuple[str, int]] = {}
        self.setUpdatesEnabled(False)
        for rid, (severity, count) in risk.items():
            node = self._items.get(rid)
            while node is not None:
                key = int(node.data(0, Qt.UserRole))
                prev = worst.get(key)
                if prev is None or SEVERITY_RANK.get(severity, 0) > SEVERITY_RANK.get(prev[0], 0):
                    worst[key] = (severity, (prev[1] if prev else 0) + count)
                else:
                    worst[key] = (prev[0], prev[1] + count)
                node = node.parent()
        for rid, (severity, count) in worst.items():
            item = self._items[rid]
            item.setText(1, f" {count} ")
            item.setBackground(1, QBrush(QColor(SEVERITY_COLOURS.get(severity, "#999999"))))
            item.setForeground(1, QBrush(QColor("white")))
            item.setToolTip(1, self.tr("%n active alert(s), worst: ", "", count) + term(severity))
        self.setUpdatesEnabled(True)

    def select_region(self, region_id: int) -> None:
        item = self._items.get(region_id)
        if item is not None:
            self.setCurrentItem(item)
            self.scrollToItem(item)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.region_activated.emit(int(item.data(0, Qt.UserRole)))

    def _menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is not None:
            self.menu_requested.emit(int(item.data(0, Qt.UserRole)), self.viewport().mapToGlobal(pos))

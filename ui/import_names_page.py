"""The import wizard's names page: a likely typo of a known name is mapped or accepted.

The same check as ``workbench import`` (``workbench/importer/names.py``), through the same
reading: the preview is read against the project, and a name in the file that resembles a
region or indicator the project already has ("Ostrava Hils") is a held decision of its
sheet's reading (``names.regions``/``names.indicators``), listed here with the nearest
existing names; the analyst keeps the name as new or picks one of them. The choices become
the mapping's ``[names]`` tables, so the import stores exactly what the command line would
with the same mapping. Each held name starts on *keep as a new name*, as the command line's
mapping does: going through the wizard without choosing never merges two places (and the
names offered are only regions that could be the same place: same level, no other parent
or code). The page is complete as soon as the preview is there, so it is never a dead end.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWizardPage

from ui.scrolling import scrolling_body

KEEP_NEW = QT_TRANSLATE_NOOP("NamesPage", "keep as a new name")


class NamesPage(QWizardPage):
    def __init__(self, wizard: Any) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Check the names"))
        self.setSubTitle(self.tr("Names that resemble a region or indicator the project already has are "
                                 "probably typos. Choose the existing name, or keep the name as new."))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Name in the file"), self.tr("Store as")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName(self.tr("Names to confirm"))
        self.table.setMinimumHeight(120)
        layout = QVBoxLayout(scrolling_body(self))
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.held: list[Any] = []  # the readings' held-name decisions shown
        self.combos: list[tuple[str, str, QComboBox]] = []

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        preview = self.wiz.preview
        before = self.choices()  # a choice made earlier survives a second visit
        self.held = [d for s in (preview.data_sheets() if preview else []) if s.reading is not None
                     for d in s.reading.held_names()]
        self.table.setRowCount(len(self.held))
        self.combos = []
        for r, held in enumerate(self.held):
            kind = held.what.split(".", 1)[1]
            self.table.setItem(r, 0, QTableWidgetItem(self.tr("region") if kind == "regions" else self.tr("indicator")))
            self.table.setItem(r, 1, QTableWidgetItem(held.subject))
            combo = QComboBox()
            combo.setAccessibleName(self.tr("Store %1 as").replace("%1", held.subject))
            # The safe choice first and current: the existing names are picked on purpose.
            combo.addItem(self.tr(str(KEEP_NEW)))
            combo.addItems([a for a in held.alternatives if a != held.subject])
            earlier = before.get(kind, {}).get(held.subject)
            if earlier and earlier != held.subject and combo.findText(earlier) > 0:
                combo.setCurrentIndex(combo.findText(earlier))
            self.table.setCellWidget(r, 2, combo)
            self.combos.append((kind, held.subject, combo))
        self.table.resizeColumnsToContents()
        lines = []
        if self.held:
            lines.append(self.tr("%n name(s) resemble names the project already has.", "", len(self.held)))
        else:
            lines.append(self.tr("No name needs confirming."))
        check = getattr(preview, "names", None)
        for kind, label in (("regions", self.tr("New regions")), ("indicators", self.tr("New indicators"))):
            names = check.new[kind] if check is not None else []
            if names:
                shown = ", ".join(names[:15]) + (f", … (+{len(names) - 15})" if len(names) > 15 else "")
                lines.append(f"{label} ({len(names)}): {shown}")
        self.summary.setText("<br>".join(lines))
        self.completeChanged.emit()

    def choices(self) -> dict[str, dict[str, str]]:
        """The ``[names]`` tables chosen on this page: name in the file -> name to store."""
        out: dict[str, dict[str, str]] = {}
        for kind, name, combo in self.combos:
            chosen = combo.currentText()
            out.setdefault(kind, {})[name] = name if combo.currentIndex() == 0 else chosen
        return out

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.wiz.preview is not None

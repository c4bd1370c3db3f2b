"""The import wizard's names page: a likely typo of a known name is mapped or accepted.

The same check as ``workbench import`` (``workbench/importer/names.py``): a name in the
file that resembles a region or indicator the project already has ("Ostrava Hils") is
listed with the nearest existing names; the analyst picks one, or keeps the name as new.
The choices become the mapping's ``[names]`` tables, so the import stores exactly what
the command line would with the same mapping. The page is complete as soon as the check
has run (each held name starts on its nearest existing name), so it is never a dead end.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWizardPage

KEEP_NEW = "keep as a new name"


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
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.check = None  # NameCheck of the last run
        self.combos: list[tuple[str, str, QComboBox]] = []

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        from workbench.importer.engine import preview_names

        preview, project = self.wiz.preview, self.wiz.project_path
        aliases = self.wiz.decided_names()
        self.check = None
        self.summary.setText(self.tr("Comparing the file's names with the project's…"))
        self.completeChanged.emit()
        if preview is None:
            return
        self.wiz.runner.submit("names", lambda progress, cancel: preview_names(preview, project, aliases),
                               title=self.tr("Checking names"), on_done=self._checked,
                               on_failed=lambda message: self.summary.setText(message))

    def _checked(self, check: Any) -> None:
        self.check = check
        self.table.setRowCount(len(check.held))
        self.combos = []
        for r, held in enumerate(check.held):
            kind = self.tr("region") if held.kind == "regions" else self.tr("indicator")
            self.table.setItem(r, 0, QTableWidgetItem(kind))
            self.table.setItem(r, 1, QTableWidgetItem(held.name))
            combo = QComboBox()
            combo.addItems(held.suggestions)
            combo.addItem(self.tr(KEEP_NEW))
            self.table.setCellWidget(r, 2, combo)
            self.combos.append((held.kind, held.name, combo))
        self.table.resizeColumnsToContents()
        lines = []
        if check.held:
            lines.append(self.tr("%n name(s) resemble names the project already has.", "", len(check.held)))
        else:
            lines.append(self.tr("No name needs confirming."))
        for kind, label in (("regions", self.tr("New regions")), ("indicators", self.tr("New indicators"))):
            names = check.new[kind]
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
            out.setdefault(kind, {})[name] = name if combo.currentIndex() == combo.count() - 1 else chosen
        return out

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.check is not None

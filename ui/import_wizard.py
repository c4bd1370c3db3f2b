"""The import wizard: file → layout and mapping → validation report → import.

Every step calls the importer's public API (``preview_file`` / ``import_file``) on the
task runner, so a large workbook never freezes the window, and what the wizard shows is
exactly what the command line would do with the same mapping. A mapping the analyst
fixed can be saved in the project and is proposed again for next month's file.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ui.import_names_page import NamesPage
from ui.scrolling import scrolling_body
from ui.tasks import TaskRunner
from ui.vocabulary import term
from workbench.importer import layouts
from workbench.importer.mapping import PERIOD_FORMATS, Mapping, MappingFile
from workbench.locations import project_location
from workbench.store import imports as store_imports
from workbench.store import open_project
from workbench.store.imports import SAVED_MAPPINGS_KEY

SAVED_KEY = SAVED_MAPPINGS_KEY
COLUMN_ROLES = ("region", "province", "country", "code", "indicator", "period", "value", "group", "unit")
NONE = "(none)"


def saved_mappings(project_path: Path | str) -> dict[str, dict[str, Any]]:
    """Mappings saved by earlier imports, by casefolded sheet name (kept by the store)."""
    with open_project(project_path, readonly=True) as project:
        return store_imports.saved_mappings(project)


def save_mappings(project_path: Path | str, mappings: list[Mapping]) -> None:
    # JSON keeps None, so a column the analyst cleared stays cleared.
    with open_project(project_path) as project:
        store_imports.save_mappings(project, {(m.sheet or ""): asdict(m) for m in mappings})


def forget_mappings(project_path: Path | str, sheets: list[str]) -> int:
    """Remove the saved mappings of these sheets; how many there were."""
    with open_project(project_path) as project:
        return store_imports.forget_mappings(project, sheets)


def _table(frame: pd.DataFrame, widget: QTableWidget, headers: list[str] | None = None) -> None:
    widget.clear()
    widget.setRowCount(len(frame))
    widget.setColumnCount(frame.shape[1])
    widget.setHorizontalHeaderLabels(headers or [str(c) for c in frame.columns])
    for r, row in enumerate(frame.itertuples(index=False)):
        for c, value in enumerate(row):
            if isinstance(value, pd.Timestamp):
                text = value.strftime("%Y-%m-%d")
            else:
                text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
            widget.setItem(r, c, QTableWidgetItem(text))
    widget.resizeColumnsToContents()


class ImportWizard(QWizard):
    """Emits ``imported(ImportResult)`` when data was written (the window reloads then)."""

    imported = Signal(object)
    previewed = Signal(object)

    def __init__(self, project_path: Path | str, runner: TaskRunner, parent: QWidget | None = None,
                 path: str | Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import a spreadsheet"))
        self.project_path = project_location(str(project_path))  # a file, or a team server's URL
        self.runner = runner
        self.preview = None  # FilePreview
        self.overrides: dict[str, dict[str, Any]] = {}
        self.result = None
        self.error = ""
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.report_page = ReportPage(self)
        self.names_page = NamesPage(self)
        self.run_page = RunPage(self)
        for page in (self.file_page, self.mapping_page, self.report_page, self.names_page, self.run_page):
            self.addPage(page)
        self.saved_failed = ""  # why the mapping saved last time did not fit this file
        self.setOption(QWizard.NoBackButtonOnLastPage, True)
        self.fit_to_screen()
        if path:
            self.file_page.path_edit.setText(str(path))
        self.finished.connect(self._closed)

    def fit_to_screen(self, preferred: tuple[int, int] = (980, 680)) -> None:
        """Never taller or wider than the screen: the pages scroll, so Next and Cancel stay
        on screen even at 150 % scaling on a 1366x768 laptop (about 910x510 to lay out)."""
        parent = self.parentWidget()
        screen = (parent.screen() if parent is not None else None) or self.screen()
        if screen is None:
            self.resize(*preferred)
            return
        avail = screen.availableGeometry()
        width = min(preferred[0], avail.width() - 24)
        height = min(preferred[1], avail.height() - 48)  # the window's title bar
        self.setMinimumSize(min(self.minimumSizeHint().width(), width), min(self.minimumSizeHint().height(), height))
        self.resize(width, height)

    # -- lifetime ----------------------------------------------------------------------------
    def _closed(self, _result: int) -> None:
        """Free a closed wizard; one whose import still runs lives until that import ends,
        because the import's callbacks (and ``imported``, which reloads the window) are here."""
        self.run_page.detach()
        if self.run_page.running:
            self.runner.finished.connect(self._import_ended)
            self.runner.failed.connect(self._import_ended)
            self.runner.cancelled.connect(self._import_ended)
        else:
            self.deleteLater()

    def _import_ended(self, kind: str, _message: str = "") -> None:
        if kind != "import":
            return
        self.runner.finished.disconnect(self._import_ended)
        self.runner.failed.disconnect(self._import_ended)
        self.runner.cancelled.disconnect(self._import_ended)
        self.deleteLater()

    # -- preview -----------------------------------------------------------------------------
    @property
    def file_path(self) -> Path:
        return Path(self.file_page.path_edit.text().strip())

    @property
    def sheet(self) -> str | None:
        return self.file_page.sheet_combo.currentData()

    def mapping_file(self, names: bool = True) -> MappingFile:
        """The overrides of every sheet and (``names``) the names page's ``[names]`` tables."""
        tables = self.names_page.choices() if names else {}
        return MappingFile(sheets={k: dict(v) for k, v in self.overrides.items()}, names=tables)

    def run_preview(self) -> None:
        """Analyse the file with the current overrides; pages refresh when it arrives.

        The preview is read without the names page's choices, so that the names it holds
        stay listed there (with the choices made) however often the file is read again.
        """
        from workbench.importer.engine import preview_file

        path, sheet, mapping, project = self.file_path, self.sheet, self.mapping_file(names=False), self.project_path
        self.error = ""
        self.file_page.status.setText(self.tr("Reading %1…").replace("%1", path.name))
        self.runner.submit(
            "preview", lambda progress, cancel: preview_file(path, sheet=sheet, mapping=mapping, project=project),
            title=self.tr("Reading the file"), on_done=self._previewed, on_failed=self._failed,
        )

    def _previewed(self, preview: Any) -> None:
        self.preview = preview
        self.file_page.show_preview(preview)
        if self.currentPage() is self.mapping_page:
            self.mapping_page.initializePage()
        if self.currentPage() is self.report_page:
            self.report_page.initializePage()
        self.previewed.emit(preview)

    def _failed(self, message: str) -> None:
        saved = [name for name in self.file_page.saved_used if name in self.overrides]
        if saved and not self.saved_failed:
            # Next month's file no longer fits the saved mapping (columns renamed, a new
            # layout): read it afresh instead of stopping on a red line with Next disabled.
            self.saved_failed = message
            for name in saved:
                self.overrides.pop(name, None)
            self.run_preview()
            return
        self.error = message
        self.preview = None
        self.file_page.status.setText(f"<span style='color:#c0392b'>{message}</span>")
        self.file_page.completeChanged.emit()

    def forget_saved(self) -> None:
        """Drop the saved mappings of this file's sheets from the project (a write: on the runner)."""
        names = [s.name for s in (self.preview.sheets if self.preview else [])]
        project = self.project_path
        self.runner.submit("forget mapping", lambda progress, cancel: forget_mappings(project, names),
                           title=self.tr("Forgetting the saved mapping"),
                           on_done=lambda _r: self.file_page.forgot(), on_failed=self._failed)

    def current_sheet(self) -> Any:
        if self.preview is None:
            return None
        data = self.preview.data_sheets() or self.preview.sheets
        return data[0] if data else None

    def apply_saved(self) -> list[str]:
        """Overrides from the project's saved mappings for the file's sheets; their names."""
        if self.saved_failed:
            return []  # tried once for this file and it did not fit
        saved = saved_mappings(self.project_path)
        used = []
        for s in self.preview.sheets if self.preview else []:
            if s.name.casefold() in saved and s.name not in self.overrides:
                self.overrides[s.name] = {k: v for k, v in saved[s.name.casefold()].items() if k != "sheet"}
                used.append(s.name)
        return used


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(self.tr("Excel (.xlsx .xlsm .xls), OpenDocument (.ods) or CSV. Nothing is written "
                                 "to the project until the last step."))
        self.path_edit = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.sheet_combo = QComboBox()
        self.sheet_combo.addItem(self.tr("All data sheets"), None)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.forget = QPushButton(self.tr("Forget the saved mapping"))
        self.forget.setToolTip(self.tr("Read this file afresh and stop proposing the mapping saved last time"))
        self.forget.setVisible(False)
        self.forget.clicked.connect(self.wiz.forget_saved)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout(scrolling_body(self))
        self.path_edit.setAccessibleName(self.tr("File"))
        self.sheet_combo.setAccessibleName(self.tr("Sheet"))
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Sheet"), self.sheet_combo)
        form.addRow(self.status)
        form.addRow(self.forget)
        self.path_edit.editingFinished.connect(self._path_changed)
        self.sheet_combo.activated.connect(lambda _i: self.wiz.run_preview())
        self._last_path = ""
        self.saved_used: list[str] = []

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        if self.path_edit.text() and self.wiz.preview is None:
            self._path_changed()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Spreadsheet to import"), "",
            self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv)"),
        )
        if path:
            self.path_edit.setText(path)
            self._path_changed()

    def _path_changed(self) -> None:
        text = self.path_edit.text().strip()
        if not text or text == self._last_path:
            return
        self._last_path = text
        self.wiz.preview = None
        self.wiz.overrides.clear()
        self.wiz.saved_failed = ""
        self.saved_used = []
        self.sheet_combo.blockSignals(True)
        while self.sheet_combo.count() > 1:
            self.sheet_combo.removeItem(1)
        self.sheet_combo.blockSignals(False)
        self.completeChanged.emit()
        self.wiz.run_preview()

    def show_preview(self, preview: Any) -> None:
        if self.sheet_combo.count() == 1:
            for s in preview.sheets:
                self.sheet_combo.addItem(s.name, s.name)
        used = self.wiz.apply_saved()
        if used:
            self.saved_used = used
            self.wiz.run_preview()
            return
        lines = [f"<b>{preview.path.name}</b> ({preview.kind})"]
        if self.wiz.saved_failed:
            lines.append("<span style='color:#b9770e'>" + self.tr(
                "The mapping saved last time no longer fits this file (%1); the file was read afresh - "
                "check the layout on the next page, or forget the saved mapping.")
                .replace("%1", self.wiz.saved_failed) + "</span>")
        elif self.saved_used:
            lines.append(self.tr("Using the mapping saved last time for sheet(s) %1; change it on the next "
                                 "page, or forget it.").replace("%1", ", ".join(self.saved_used)))
        self.forget.setVisible(bool(self.saved_used))
        for s in preview.sheets:
            lines.append(f"• {s.name}: {term(s.role)}"
                         + (", " + self.tr("%1 rows kept").replace("%1", str(s.report.rows_kept))
                            if s.role in ("data", "codebook") else ""))
        self.status.setText("<br>".join(lines))
        self.completeChanged.emit()

    def forgot(self) -> None:
        """The saved mapping is gone: read the file afresh."""
        for name in self.saved_used:
            self.wiz.overrides.pop(name, None)
        self.saved_used = []
        self.wiz.saved_failed = ""
        self.forget.setVisible(False)
        self.wiz.run_preview()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.wiz.preview is not None and bool(self.wiz.preview.data_sheets())


class MappingPage(QWizardPage):
    """The raw top of the sheet and the mapping the importer proposes, editable."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Check the layout"))
        self.setSubTitle(self.tr("The importer's guess is filled in. Change a column if it is wrong and press "
                                 "Apply; the sample below shows the rows as they will be stored."))
        self.sheet_label = QLabel()
        self.reading = QLabel()  # the importer's reading, with its confidence: the same text the CLI prints
        self.reading.setWordWrap(True)
        self.reading.setTextFormat(Qt.PlainText)
        self.reading.setStyleSheet("font-family: monospace;")
        self.raw = QTableWidget()
        self.raw.setMaximumHeight(170)
        self.sample = QTableWidget()
        self.layout_combo = QComboBox()
        self.layout_combo.addItems(list(layouts.names()))
        self.header_spin = QSpinBox()
        self.header_spin.setRange(1, 10_000)
        self.roles: dict[str, QComboBox] = {role: QComboBox() for role in COLUMN_ROLES}
        self.fixed_indicator = QLineEdit()
        self.period_format = QComboBox()
        self.period_format.addItems(list(PERIOD_FORMATS))
        self.missing = QLineEdit()
        self.event_period = QComboBox()
        self.event_period.addItems(["month", "week"])
        self.event_types = QCheckBox(self.tr("One count per event type"))
        self.aggregation = QLabel()
        self.aggregation.setWordWrap(True)
        apply = QPushButton(self.tr("Apply"))
        apply.clicked.connect(self.apply)
        grid = QGridLayout()
        cells: list[tuple[str, QWidget]] = [
            (self.tr("Layout"), self.layout_combo), (self.tr("Header row"), self.header_spin),
            *[(term(role.capitalize()), combo) for role, combo in self.roles.items()],
            (self.tr("Indicator (wide)"), self.fixed_indicator), (self.tr("Period format"), self.period_format),
        ]
        for i, (label, widget) in enumerate(cells):
            grid.addWidget(QLabel(label), i // 4, (i % 4) * 2)
            grid.addWidget(widget, i // 4, (i % 4) * 2 + 1)
        for col in (1, 3, 5, 7):
            grid.setColumnStretch(col, 1)
        for label, widget in cells:
            widget.setAccessibleName(label)
        self.missing.setAccessibleName(self.tr("Missing markers"))
        for table in (self.raw, self.sample):
            table.setTabKeyNavigation(False)
        self.raw.setAccessibleName(self.tr("Top rows of the sheet"))
        self.sample.setAccessibleName(self.tr("Sample of canonical rows"))
        self.sample.setMinimumHeight(120)
        layout = QVBoxLayout(scrolling_body(self))
        layout.addWidget(self.sheet_label)
        # The reading scrolls in a box of its own: on a small screen the form under it keeps
        # its room and the reading's first lines are never cut off.
        box = QScrollArea()
        box.setWidget(self.reading)
        box.setWidgetResizable(True)
        box.setMaximumHeight(150)
        self.reading.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        layout.addWidget(box)
        layout.addWidget(self.raw)
        layout.addLayout(grid)
        miss = QHBoxLayout()
        miss.addWidget(QLabel(self.tr("Missing markers")))
        miss.addWidget(self.missing, 1)
        miss.addWidget(apply)
        layout.addLayout(miss)
        events = QHBoxLayout()
        self.event_period.setAccessibleName(self.tr("Events counted per"))
        events.addWidget(QLabel(self.tr("Events counted per")))
        events.addWidget(self.event_period)
        events.addWidget(self.event_types)
        events.addStretch(1)
        layout.addLayout(events)
        layout.addWidget(self.aggregation)
        layout.addWidget(QLabel(self.tr("Sample of canonical rows")))
        layout.addWidget(self.sample, 1)

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        sheet = self.wiz.current_sheet()
        if sheet is None:
            return
        m = sheet.mapping
        self.sheet_label.setText(self.tr("Sheet <b>%1</b>: %2 rows kept, %3 rejected")
                                 .replace("%1", sheet.name).replace("%2", str(sheet.report.rows_kept))
                                 .replace("%3", str(sheet.report.rows_rejected)))
        self.show_reading(sheet)
        _table(sheet.raw_top, self.raw, [str(i + 1) for i in range(sheet.raw_top.shape[1])])
        self.raw.setVerticalHeaderLabels([str(i + 1) for i in range(len(sheet.raw_top))])
        header = m.header_row or 1
        labels = []
        if 0 < header <= len(sheet.raw_top):
            labels = [str(v) for v in sheet.raw_top.iloc[header - 1].tolist() if str(v).strip()]
        self.layout_combo.setCurrentText(m.layout)
        self.header_spin.setValue(header)
        for role, combo in self.roles.items():
            combo.clear()
            combo.addItem(NONE)
            combo.addItems(labels)
            current = getattr(m, role)
            if current and combo.findText(current) < 0:
                combo.addItem(current)
            combo.setCurrentText(current or NONE)
        self.fixed_indicator.setText(m.fixed_indicator or "")
        self.period_format.setCurrentText(m.period_format)
        self.missing.setText(", ".join(repr(x) if x == "" else x for x in m.missing_markers))
        self.event_period.setCurrentText(m.event_period or "month")
        self.event_types.setChecked(bool(m.event_types))
        is_events = m.layout == "events"
        for w in (self.event_period, self.event_types, self.aggregation):
            w.setEnabled(is_events)
        self.aggregation.setText("<br>".join([self.tr("Event table, aggregated:")] + sheet.report.aggregation)
                                 if is_events else "")
        hidden = [c for c in ("country", "code", "unit") if c in sheet.sample and (sheet.sample[c] == "").all()]
        hidden += [c for c in ("place",) if c in sheet.sample]  # the identity key, internal
        _table(sheet.sample.drop(columns=hidden), self.sample)

    def show_reading(self, sheet: Any) -> None:
        """The reading and, when it is not clear-cut, the question: nothing is imported on a guess."""
        r = getattr(sheet, "reading", None)
        if r is None:
            self.reading.setText("")
            return
        text = r.render()
        if not r.columns_clear_cut:
            text = self.tr("The importer is not sure of this reading. Check it, correct the columns below if "
                           "needed, and press Apply to confirm it.") + "\n" + text
            self.reading.setStyleSheet("font-family: monospace; color: #c0392b;")
        else:
            if r.held_names():
                text = self.tr("The columns are clear. %n name(s) that look like typos of the project's names "
                               "are asked on the names page.", "", len(r.held_names())) + "\n" + text
            self.reading.setStyleSheet("font-family: monospace;")
        self.reading.setText(text)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        p = self.wiz.preview
        # Names held as likely typos are asked on the names page; this page asks about columns.
        return p is None or all(s.reading is None or s.reading.columns_clear_cut for s in p.data_sheets())

    def changes(self) -> dict[str, Any]:
        """The form as mapping overrides: the whole reading, as the analyst confirms it."""
        sheet = self.wiz.current_sheet()
        out: dict[str, Any] = {}
        if sheet is not None:
            out = {k: v for k, v in asdict(sheet.mapping).items() if k != "sheet" and v not in (None, [])}
        out.update({"layout": self.layout_combo.currentText(), "header_row": self.header_spin.value(),
                    "period_format": self.period_format.currentText()})
        for role, combo in self.roles.items():
            out[role] = None if combo.currentText() == NONE else combo.currentText()
        out["fixed_indicator"] = self.fixed_indicator.text().strip() or None
        if out["layout"] == "events":
            out["event_period"] = None if self.event_period.currentText() == "month" else "week"
            out["event_types"] = self.event_types.isChecked() or None
        markers = [x.strip() for x in self.missing.text().split(",")]
        out["missing_markers"] = ["" if x in ("''", '""') else x for x in markers]
        # None is kept on purpose: "(none)" must clear a column the detection had chosen.
        return out

    def apply(self) -> None:
        sheet = self.wiz.current_sheet()
        if sheet is None:
            return
        self.wiz.overrides[sheet.name] = self.changes()
        self.wiz.run_preview()


class ReportPage(QWizardPage):
    """Kept and rejected rows by reason, with the offending rows as the spreadsheet numbers them."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Validation report"))
        self.setSubTitle(self.tr("Rejected rows are not imported; they are kept with the import so they can be "
                                 "traced. Go back to change the mapping, or continue."))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.rows = QTableWidget(0, 3)
        self.rows.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Reason"), self.tr("Cells")])
        self.rows.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.rows.setTabKeyNavigation(False)
        self.rows.setAccessibleName(self.tr("Rejected rows"))
        self.rows.setMinimumHeight(120)
        layout = QVBoxLayout(scrolling_body(self))
        layout.addWidget(self.summary)
        layout.addWidget(self.rows, 1)

    def initializePage(self) -> None:  # noqa: N802 - Qt API
        preview = self.wiz.preview
        if preview is None:
            return
        parts, issues = [], []
        for s in preview.sheets:
            r = s.report
            if s.role not in ("data", "codebook"):
                parts.append(f"<b>{s.name}</b>: " + self.tr("skipped (%1)").replace("%1", r.skipped_reason or term(s.role)))
                continue
            line = f"<b>{s.name}</b>: " + (self.tr("read %1, kept %2, rejected %3").replace("%1", str(r.rows_read))
                                            .replace("%2", str(r.rows_kept)).replace("%3", str(r.rows_rejected)))
            if r.values_missing:
                line += ", " + self.tr("missing values %1").replace("%1", str(r.values_missing))
            if r.periods:
                line += "<br>&nbsp;&nbsp;" + (self.tr("%1 regions, %2 indicators, %3").replace("%1", str(r.regions))
                                              .replace("%2", str(r.indicators)).replace("%3", str(r.periods)))
            for text in r.aggregation:
                line += "<br>&nbsp;&nbsp;" + self.tr("aggregated: %1").replace("%1", str(text))
            for reason, n in r.rejected_by_reason().items():
                line += "<br>&nbsp;&nbsp;" + self.tr("rejected: %1 (%2)").replace("%1", str(reason)).replace("%2", str(n))
            if r.suspicious:
                # The same plausibility checks as the command line: kept, but to be checked.
                line += ("<br>&nbsp;&nbsp;<span style='color:#b9770e'>"
                         + self.tr("suspicious values (kept, please check): %1").replace("%1", str(len(r.suspicious)))
                         + "</span>")
                for issue in r.suspicious[:5]:
                    line += "<br>&nbsp;&nbsp;&nbsp;&nbsp;" + self.tr("row %1: %2").replace("%1", str(issue.row)).replace(
                        "%2", str(issue.reason))
            for note in r.shown_notes():
                line += f"<br>&nbsp;&nbsp;{note}"
            parts.append(line)
            issues += ([(s.name, i) for i in r.rejected] + [(s.name, i) for i in r.duplicates]
                       + [(s.name, i) for i in r.suspicious])
        self.summary.setText("<br>".join(parts))
        self.rows.setRowCount(len(issues))
        for k, (_sheet, issue) in enumerate(issues):
            for c, text in enumerate((str(issue.row), issue.reason, " | ".join(issue.raw))):
                self.rows.setItem(k, c, QTableWidgetItem(text))
        self.rows.resizeColumnToContents(0)
        self.rows.resizeColumnToContents(1)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        p = self.wiz.preview
        return p is not None and any(s.report.rows_kept for s in p.data_sheets())


class RunPage(QWizardPage):
    """Imports on the runner with progress and cancel; the wizard can close while it runs."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(self.tr("Import"))
        self.save_box = QCheckBox(self.tr("Save this mapping for next month's file"))
        self.save_box.setChecked(True)
        self.start = QPushButton(self.tr("Import now"))
        self.start.clicked.connect(self.run)
        self.cancel = QPushButton(self.tr("Cancel import"))
        self.cancel.setEnabled(False)
        self.cancel.clicked.connect(lambda: self.wiz.runner.cancel("import"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.start)
        row.addWidget(self.cancel)
        row.addStretch(1)
        self.bar.setAccessibleName(self.tr("Import progress"))
        layout = QVBoxLayout(scrolling_body(self))
        layout.addWidget(self.save_box)
        layout.addLayout(row)
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.done = False
        self.running = False
        self._attached = True
        wizard.runner.progress.connect(self._progress)
        wizard.runner.cancelled.connect(self._cancelled)

    def detach(self) -> None:
        """Stop listening to the shared runner: a closed page must not pile up connections."""
        if self._attached:
            self._attached = False
            self.wiz.runner.progress.disconnect(self._progress)
            self.wiz.runner.cancelled.disconnect(self._cancelled)

    def run(self) -> None:
        from workbench.importer.engine import import_file

        w = self.wiz
        path, project, sheet, mapping = w.file_path, w.project_path, w.sheet, w.mapping_file()
        keep_mapping = self.save_box.isChecked()
        self.start.setEnabled(False)
        self.cancel.setEnabled(True)
        self.message.setText(self.tr("Importing…"))
        self.running = True

        def work(progress: Any, cancel: Any) -> Any:
            result = import_file(path, project, sheet=sheet, mapping=mapping, progress=progress, cancel=cancel)
            # Saving the mapping writes the project too: it belongs off the GUI thread.
            if keep_mapping and result.status == "imported" and result.mappings:
                save_mappings(project, result.mappings)
            return result

        w.runner.submit(
            "import", work, title=self.tr("Importing %1").replace("%1", path.name),
            on_done=self._done, on_failed=self._failed,
        )

    def _progress(self, kind: str, fraction: float, message: str) -> None:
        if kind == "import":
            self.bar.setValue(int(fraction * 1000))

    def _cancelled(self, kind: str) -> None:
        if kind == "import" and not self.done:
            self.running = False
            self.message.setText(self.tr("Cancelled; the project was not changed."))
            self.start.setEnabled(True)
            self.cancel.setEnabled(False)

    def _done(self, result: Any) -> None:
        if getattr(result, "needs_confirmation", False):
            self.running = False
            self.message.setText(f"<span style='color:#c0392b'>{result.message}</span>")
            self.start.setEnabled(True)
            self.cancel.setEnabled(False)
            return
        self.done = True
        self.running = False
        self.wiz.result = result
        self.bar.setValue(1000)
        self.cancel.setEnabled(False)
        self.message.setText(result.message)
        if result.status == "imported":
            self.wiz.imported.emit(result)
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self.running = False
        self.message.setText(f"<span style='color:#c0392b'>{message}</span>")
        self.start.setEnabled(True)
        self.cancel.setEnabled(False)

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        return self.done

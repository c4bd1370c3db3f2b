"""The main window: menus, region tree, tabs, status bar; it wires views to the event hub.

Views never call each other: they emit requests ("show this series", "open this region")
that the window routes, and they repaint when the hub says the project changed. Every write
is a core operation that returns what it changed (:class:`workbench.changes.OpChanges`);
:meth:`MainWindow.apply_changes` re-reads only that part: a decision on an alert re-reads
the alerts and their history (tens of milliseconds), not every observation.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QWidget,
)

from alerts.views import region_risk
from ui.alerts_inbox import AlertsInboxView
from ui.app import apply_theme, settings
from ui.brief import FILTERS, BriefRequest, request_from_dialog, write_brief
from ui.data_view import DataView
from ui.bidi import numbers_ltr
from ui.elide import ElidedLabel
from ui.overlay import models_loaded
from ui.events import ProjectEvents
from ui.heatmap import RiskHeatmap
from ui.imports_view import ImportsView
from ui.index_view import IndexView
from ui.map_view import RiskMap
from ui.name_actions import NameActions
from ui.region_tree import RegionTree
from ui.restore_offer import ask_restore, backup_to_offer
from workbench.store.backup import Backup
from ui.series_view import SeriesView
from ui.snapshot import ProjectSnapshot, load_alerts, load_columns, load_snapshot, warm_models
from ui.tasks import TaskRunner
from workbench import settings as user_settings
from workbench.changes import OpChanges
from workbench.locations import is_server_url, project_location, shown
from workbench.store.session import ProjectHandle

IMPORTABLE = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
#: Short background work for what is on screen (a chart's lines): no progress bar flickering.
QUIET_TASKS = ("overlay", "detail_overlay", "forecast")


def _try_open(handle: ProjectHandle) -> bool:
    try:
        handle.get()
    except Exception:  # noqa: BLE001 - read-only, busy or damaged: the first decision reports it
        return False
    return True


class MainWindow(QMainWindow):
    """One project at a time; everything slow runs on the task runner."""

    project_loaded = Signal(object)  # ProjectSnapshot, after every view has it
    refreshed = Signal(object)  # OpChanges of a write, once the views show them

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.theme import ensure_look

        ensure_look(QApplication.instance())
        self.runner = TaskRunner(self)
        self.events = ProjectEvents(self)
        self.snapshot: ProjectSnapshot | None = None
        self.snapshot_count = 0
        self.project_path: Path | None = None
        self.setWindowTitle(self.tr("Cohesion Early-Warning Workbench"))
        self.setAcceptDrops(True)

        self.tree = RegionTree()
        dock = QDockWidget(self.tr("Regions"), self)
        dock.setObjectName("regions")
        dock.setWidget(self.tree)
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
        self.addDockWidget(Qt.LeftDockWidgetArea, dock)
        self.resizeDocks([dock], [248], Qt.Horizontal)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.series_view = SeriesView()
        self.series_view.runner = self.runner
        self.data_view = DataView()
        self.imports_view = ImportsView()
        self.inbox = AlertsInboxView()
        self.inbox.detail.runner = self.runner
        self.tabs.addTab(self.inbox, self.tr("Alerts"))
        self.heatmap = RiskHeatmap()
        self.tabs.addTab(self.series_view, self.tr("Series"))
        self.tabs.addTab(self.heatmap, self.tr("Heatmap"))
        self.map = RiskMap()
        self.tabs.addTab(self.map, self.tr("Map"))
        self.index_view = IndexView(self.runner)
        self.tabs.addTab(self.index_view, self.tr("Index"))
        self.tabs.addTab(self.data_view, self.tr("Data"))
        self.tabs.addTab(self.imports_view, self.tr("Imports"))
        # Stable names, so a tab is found by name whatever the language shown.
        for widget, name in ((self.inbox, "alerts"), (self.series_view, "series"), (self.heatmap, "heatmap"),
                             (self.map, "map"), (self.index_view, "index"), (self.data_view, "data"),
                             (self.imports_view, "imports")):
            widget.setObjectName(name)
        self.setCentralWidget(self.tabs)
        self.empty_hint = QLabel(
            self.tr("Open a project (Ctrl+O), create one (Ctrl+N), or drop a spreadsheet here to import it.")
        )

        self._build_status_bar()
        self._build_menus()
        self._wire()
        self._build_keyboard()
        self._restore_geometry()

    def _show_project_name(self, text: str) -> None:
        """The project's name in bold, whole up to 260 pixels (it keeps that width beside the
        stretching line next to it), a longer one elided in the middle with the whole as tooltip."""
        label = self.project_label
        shown = label.fontMetrics().elidedText(text, Qt.ElideMiddle, 260)
        label.setText(shown)
        label.setToolTip(text if shown != text else "")

    # -- construction --------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        # The project's name: never squeezed by the line beside it (its minimum is its own
        # width, up to 260 pixels); a longer name elides with the whole name as tooltip.
        self.project_label = QLabel()
        self.project_label.setTextFormat(Qt.PlainText)
        bold = self.project_label.font()
        bold.setBold(True)
        self.project_label.setFont(bold)
        self.project_label.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Preferred)
        self._show_project_name(self.tr("No project"))
        # Elided, so a long status line never makes the window wider than a small screen.
        self.freshness_label = ElidedLabel(bold=False)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.task_label = QLabel()
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        self.open_folder_button.hide()
        self.open_folder_button.clicked.connect(self.open_brief_folder)
        self.brief_path: Path | None = None
        bar.addWidget(self.project_label)
        bar.addWidget(self.freshness_label, 1)
        bar.addPermanentWidget(self.open_folder_button)
        bar.addPermanentWidget(self.task_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)

    def _action(self, text: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        file_menu.addAction(self._action(self.tr("&New project…"), self.new_project_dialog, QKeySequence.New))
        file_menu.addAction(self._action(self.tr("&Open project…"), self.open_project_dialog, QKeySequence.Open))
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        file_menu.addSeparator()
        self.import_action = self._action(
            self.tr("&Import spreadsheet…"), lambda: self.start_import(None), "Ctrl+I",
            self.tr("Import a partner or survey workbook into this project"),
        )
        file_menu.addAction(self.import_action)
        file_menu.addAction(self._action(self.tr("Import district &boundaries…"), self.import_boundaries_dialog))
        file_menu.addAction(self._action(self.tr("&Export chart…"), self.series_view._export_dialog, "Ctrl+E"))
        self.run_action = self._action(
            self.tr("&Run models"), self.run_models, "Ctrl+R",
            self.tr("Run every model and rule over the data and update the alerts"),
        )
        file_menu.addAction(self.run_action)
        self.brief_action = self._action(
            self.tr("Write &brief…"), self.write_brief_dialog, "Ctrl+B",
            self.tr("Write the meeting brief (Excel workbook or printable PDF), as `workbench report` does"),
        )
        file_menu.addAction(self.brief_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), self.close, QKeySequence.Quit))

        view_menu = menu.addMenu(self.tr("&View"))
        for i in range(9):
            view_menu.addAction(self._action(
                self.tr("Tab %1").replace("%1", str(i + 1)),
                lambda _=False, i=i: self.tabs.setCurrentIndex(min(i, self.tabs.count() - 1)),
                f"Ctrl+{i + 1}",
            ))
        view_menu.addSeparator()
        themes = QActionGroup(self)
        current = user_settings.load().theme
        for key, label in (("light", self.tr("Light theme")), ("dark", self.tr("Dark theme (projector)"))):
            action = self._action(label, lambda _=False, k=key: self.set_theme(k))
            action.setCheckable(True)
            action.setChecked(key == current)
            themes.addAction(action)
            view_menu.addAction(action)
        self._build_language_menu(view_menu)
        view_menu.addAction(self._action(self.tr("Reload project"), self.reload, QKeySequence.Refresh))
        view_menu.addAction(self._action(self.tr("Your name in the alert history…"), self.ask_actor))

        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About"), self._about))
        self._refresh_recent_menu()

    def _build_language_menu(self, view_menu: Any) -> None:
        """View → Language: the system's language (the default) or one chosen; kept in the settings."""
        from ui.app import LANGUAGES, chosen_language

        self.language_menu = view_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        current = chosen_language()
        self.language_actions: dict[str, QAction] = {}
        for code, label in (("system", self.tr("System language")), *LANGUAGES.items()):
            action = self._action(label, lambda _=False, c=code: self.set_language(c))
            action.setCheckable(True)
            action.setChecked(code == current)
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

    def set_language(self, code: str) -> None:
        """Store the choice; the window is built in one language, so it applies at the next start."""
        from ui.app import chosen_language

        if code == chosen_language():
            return
        user_settings.update(language=code)
        message = self.tr("The language changes the next time the workbench starts.")
        if QApplication.platformName() == "offscreen" or getattr(self, "_headless", False):
            self.statusBar().showMessage(message, 15_000)
            return
        box = QMessageBox(QMessageBox.Information, self.tr("Language"), message, parent=self)
        restart = box.addButton(self.tr("Restart now"), QMessageBox.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.RejectRole)
        box.exec()
        if box.clickedButton() is restart:
            self.restart()

    def restart(self) -> None:
        """Start the workbench again on the same project, then close this window."""
        import sys

        from PySide6.QtCore import QProcess

        rest = list(sys.argv[1:])
        if rest[:1] == ["gui"]:
            rest = rest[1:]
        if self.project_path is not None and "--project" not in rest:
            rest += ["--project", str(self.project_path)]
        args = ["gui", *rest] if getattr(sys, "frozen", False) else ["-m", "workbench", "gui", *rest]
        if QProcess.startDetached(sys.executable, args)[0]:
            self.close()

    def _wire(self) -> None:
        self.events.project_opened.connect(self._on_snapshot)
        self.events.data_changed.connect(self._on_snapshot)
        self.tree.region_activated.connect(self.open_region)
        self.tree.region_activated.connect(self.inbox.filter_region)  # the tree narrows the inbox
        self.inbox.meeting_requested.connect(self.set_meeting)
        self.inbox.detail.correction_requested.connect(self.correct_alert)
        self.data_view.series_requested.connect(self.open_series)
        self.data_view.region_requested.connect(self.open_region)
        self.inbox.series_requested.connect(self.open_series)
        self.heatmap.alert_requested.connect(self.open_alert_series)
        self.heatmap.region_requested.connect(self.open_region)
        self.map.region_requested.connect(self.open_region)
        self.imports_view.import_selected.connect(self.show_rejected_rows)
        self.map.import_requested.connect(self.import_boundaries_dialog)
        self.inbox.detail.transition_requested.connect(self.change_alerts)
        self.inbox.detail.note_requested.connect(self.note_alerts)
        self.inbox.detail.snooze_requested.connect(self.snooze_alerts)
        self.inbox.detail.run_button.clicked.connect(self.run_models)
        self.runner.started.connect(self._task_started)
        self.runner.progress.connect(self._task_progress)
        self.runner.finished.connect(self._task_ended)
        self.runner.cancelled.connect(self._task_ended)
        # A cancelled or superseded task ends later with no signal of its own but idle.
        self.runner.idle.connect(lambda: self._task_ended(""))
        self.runner.failed.connect(self._task_failed)
        self.cancel_button.clicked.connect(self.runner.cancel_all)
        self.names = NameActions(self)  # rename / merge / delete from the tree and the data table
        self.tree.menu_requested.connect(self.names.show_region_menu)
        self.data_view.menu_requested.connect(self.names.show_row_menu)

    def _build_keyboard(self) -> None:
        """Tab walks every control in reading order and leaves tables (arrows move inside
        them); Ctrl+Tab / Ctrl+Shift+Tab (and F6 / Shift+F6) jump from pane to pane."""
        self.tabs.setAccessibleName(self.tr("Screens"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the running task"))
        self.progress.setAccessibleName(self.tr("Progress of the running task"))
        for view in self.findChildren(QAbstractItemView):
            view.setTabKeyNavigation(False)
        # A QTabWidget hands its focus to its tab bar (its focus proxy): the widget itself is
        # the stop in the chain, or Tab skips from the last control past the regions.
        chain = [self.tree, self.tabs, *self.inbox.focus_chain()]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+Shift+Tab", -1), ("F6", 1), ("Shift+F6", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.WindowShortcut)
            shortcut.activated.connect(lambda step=step: self.cycle_pane(step))

    def focus_panes(self) -> list[tuple[QWidget, QWidget]]:
        """(container, widget to focus) of each pane on screen, in reading order: the regions,
        the screen tabs, then the panes of the screen shown."""
        panes: list[tuple[QWidget, QWidget]] = [(self.tree, self.tree), (self.tabs.tabBar(), self.tabs.tabBar())]
        current = self.tabs.currentWidget()
        own = getattr(current, "panes", None)
        panes += own() if own is not None else [(current, current)]
        return [(box, widget) for box, widget in panes
                if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() != Qt.NoFocus]

    def cycle_pane(self, step: int = 1) -> QWidget | None:
        """Move the keyboard focus to the next (or previous) pane; returns the widget focused."""
        panes = self.focus_panes()
        if not panes:
            return None
        focus = QApplication.focusWidget()
        here = -1
        for i, (box, widget) in enumerate(panes):  # the last match is the innermost pane
            if focus is not None and (focus is widget or focus is box or box.isAncestorOf(focus)):
                here = i
        target = panes[(here + step) % len(panes)][1] if here >= 0 else panes[0 if step > 0 else -1][1]
        target.setFocus(Qt.TabFocusReason if step > 0 else Qt.BacktabFocusReason)
        return target

    # -- projects ------------------------------------------------------------------------
    def open_project(self, path: str | Path, *, remember: bool = True) -> None:
        """Load the project on the runner; views update when it arrives. ``path`` is a project
        file or a team server's URL (``postgresql://…``): the store opens either."""
        path = project_location(str(path))
        self._close_writer()
        self.project_path = path
        label = shown(path) if is_server_url(path) else path.name
        self._show_project_name(self.tr("Opening %1…").replace("%1", label))
        self._load(path, self.tr("Opening project"), self.events.project_opened)
        if remember:
            self._remember(path)

    def reload(self) -> None:
        """Read the whole project again (View → Reload, F5)."""
        if self.project_path is not None:
            self._load(self.project_path, self.tr("Refreshing"), self.events.data_changed)

    def apply_changes(self, changes: OpChanges, alerts: tuple[Any, Any] | None = None) -> None:
        """Show what a write changed, re-reading only that: the data (an import, a rename or
        merge, boundaries) means the whole project; alerts alone (a decision, a note, a snooze,
        a run, a merged copy) means the alerts and their history - already read with the
        write when ``alerts`` is given (:meth:`_decide`)."""
        if changes.messages:
            more = f" (+{len(changes.messages) - 1})" if len(changes.messages) > 1 else ""
            self.statusBar().showMessage(changes.messages[0] + more, 10_000)
        self.events.changed.emit(changes)
        if self.project_path is None:
            return
        if changes.data or self.snapshot is None:
            self._load(self.project_path, self.tr("Refreshing"), self.events.data_changed, changes)
        elif alerts is not None:
            self._alerts_arrived(self.snapshot, alerts, changes)
        elif changes.touches_alerts:
            self._refresh_alerts(changes)
        else:
            self.refreshed.emit(changes)

    def _refresh_alerts(self, changes: OpChanges) -> None:
        snap = self.snapshot
        # A decision names the alerts it touched: only those are read again; a run or a merged
        # copy changes the set, which is read whole.
        ids = None if changes.all_alerts else sorted(changes.alerts)
        self.runner.submit("alerts", lambda progress, cancel: load_alerts(snap, ids, rules=changes.rules,
                                                                          progress=progress, cancel=cancel),
                           title=self.tr("Refreshing alerts"), queue=True,
                           on_done=lambda got: self._alerts_arrived(snap, got, changes))

    def _alerts_arrived(self, snap: ProjectSnapshot, got: tuple[Any, Any], changes: OpChanges) -> None:
        if snap is not self.snapshot:
            return  # a newer snapshot replaced it; it has read the alerts itself
        snap.set_alerts(*got)
        self._show_alerts(snap)
        self.refreshed.emit(changes)

    def _load(self, path: Path, title: str, arrived: Any, changes: OpChanges | None = None) -> None:
        """Read the project's snapshot on the runner and hand it to ``arrived`` (a signal)."""

        def done(snap: ProjectSnapshot) -> None:
            arrived.emit(snap)
            if changes is not None:
                self.refreshed.emit(changes)

        self.runner.submit(
            "load",
            lambda progress, cancel: load_snapshot(path, progress=progress, cancel=cancel),
            title=title,
            on_done=done,
            on_failed=lambda message: self._open_failed(path, message),
        )

    def _open_failed(self, path: Path, message: str) -> None:
        """A project that cannot be read: say why, and offer the newest backup of a damaged one."""
        self.project_path = self.snapshot.path if self.snapshot is not None else None
        if self.snapshot is None:
            self._show_project_name(self.tr("No project"))
        backup = None if is_server_url(path) else backup_to_offer(path, message)
        if backup is None or getattr(self, "_headless", False):
            self.show_error(self.tr("Could not open the project"), message)
            return
        self.last_error = message
        # Asked once the runner has finished with the failed load, so the status bar is idle
        # behind the question rather than still saying "Opening project".
        QTimer.singleShot(0, self, lambda: self._offer_restore(path, message, backup))

    def _offer_restore(self, path: Path, message: str, backup: Backup) -> None:
        if ask_restore(self, path, message, backup):
            self.restore_backup(path, backup.number)

    def restore_backup(self, path: Path, number: int) -> None:
        """Put automatic backup ``number`` in place (the damaged file is kept aside), then open it."""
        from workbench.store.backup import restore_backup

        self._close_writer()  # no connection of ours stays on the file being replaced
        def done(result: tuple[Path, Path | None]) -> None:
            _used, aside = result
            self.restored_aside = aside
            self.open_project(path)
            if aside is not None:
                self.statusBar().showMessage(
                    self.tr("Backup restored; the damaged file was kept as %1").replace("%1", str(aside)), 30_000)

        self.runner.submit("write", lambda progress, cancel: restore_backup(path, number),
                           title=self.tr("Restoring the backup"), on_done=done, queue=True)

    def new_project_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New project"), "project.wbproj", self.tr("Workbench project (*.wbproj)")
        )
        if path:
            self.create_project(Path(path))

    def create_project(self, path: Path) -> None:
        from workbench.errors import WorkbenchError
        from workbench.store import open_project

        try:
            open_project(path, create=True).close()
        except WorkbenchError as err:
            self.show_error(self.tr("Could not create the project"), str(err))
            return
        self.open_project(path)

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open project"), "", self.tr("Workbench project (*.wbproj)")
        )
        if path:
            self.open_project(path)

    def _on_snapshot(self, snap: ProjectSnapshot) -> None:
        if self.snapshot is None or snap.path != self.snapshot.path:
            self.snapshot_count = 0
            self.runner.cancel("rejected")
        if self.snapshot is not None:
            self.snapshot.close()
        self.snapshot = snap
        # Start the background reads once this snapshot is on screen: they hold the GIL for
        # seconds and would otherwise slow the filling of the window itself.
        QTimer.singleShot(150, self, lambda: self._start_background_reads(snap) if snap is self.snapshot else None)
        self._show_project_name(snap.name)
        self.setWindowTitle(f"{snap.name} — " + self.tr("Cohesion Early-Warning Workbench"))
        self.freshness_label.setFullText(numbers_ltr(self._freshness_text(snap)))
        completeness = snap.completeness()
        self.tree.set_regions(snap.regions, completeness)
        self.tree.set_risk(region_risk(snap.alerts))
        self.series_view.set_snapshot(snap)
        self.inbox.set_snapshot(snap)
        self.heatmap.set_snapshot(snap)
        self.map.set_snapshot(snap)
        self.index_view.set_snapshot(snap)
        self.data_view.set_snapshot(snap)
        self.imports_view.set_imports(snap.imports)
        if self.snapshot_count == 0:
            # First view of a project: the inbox when there is something to act on, else the data.
            self.tabs.setCurrentWidget(self.inbox if not snap.alerts.empty else self.series_view)
            self._show_top_alert_series(snap)
        self.snapshot_count += 1
        self.project_loaded.emit(snap)

    def _show_alerts(self, snap: ProjectSnapshot) -> None:
        """The views that draw alerts, after the snapshot's alerts were re-read."""
        self.tree.set_risk(region_risk(snap.alerts))
        self.inbox.set_snapshot(snap)
        # The tabs not on screen redraw when they are next shown.
        self.heatmap.alerts_changed(snap)
        self.map.alerts_changed(snap)
        self.series_view.alerts_changed()  # its markers and notes

    def _show_top_alert_series(self, snap: ProjectSnapshot) -> None:
        """Start the Series tab on the inbox's first situation, not on the alphabetically first district."""
        alert_id = self.inbox.detail.alert_id
        if alert_id is None:
            return
        hit = snap.alerts.loc[snap.alerts["id"] == alert_id]
        if hit.empty or int(hit["region_id"].iat[0]) < 0 or int(hit["indicator_id"].iat[0]) < 0:
            return
        rec = hit.iloc[0]
        if self.series_view.show_series(int(rec["region_id"]), int(rec["indicator_id"]), str(rec["group"])):
            self.tree.select_region(int(rec["region_id"]))

    def _start_background_reads(self, snap: ProjectSnapshot) -> None:
        """After the window is usable: the detectors (for chart baselines), then every observation."""
        if not models_loaded():
            self.runner.submit("warm", warm_models, title=self.tr("Loading models"),
                               on_done=lambda _ok: self._models_ready())
        self.runner.submit(
            "columns", lambda progress, cancel: load_columns(snap, progress=progress, cancel=cancel),
            title=self.tr("Reading observations"), on_done=lambda cols: self._columns_ready(snap, cols),
        )
        if self.project_path is not None:
            # Open the project for the decisions now, so the first one does not wait for its
            # consistency check; a file that cannot be written says so at the first decision.
            handle = self._writer()
            self.runner.submit("write", lambda progress, cancel: _try_open(handle),
                               title=self.tr("Opening for writing"), queue=True)

    def _models_ready(self) -> None:
        """The detectors are loaded: every chart on screen gets its baseline, band and threshold
        (computed on the runner; redrawing whole panes here froze the window for 200 ms)."""
        self.series_view.refresh_overlay()
        self.inbox.detail.refresh_overlay()

    def _columns_ready(self, snap: ProjectSnapshot, columns: object) -> None:
        if snap is not self.snapshot:
            return  # a newer snapshot replaced it; its own read is on the way
        snap.columns = columns
        self.data_view.columns_ready(snap)
        # The next turn of the event loop: each step stays short, so the window never stalls.
        QTimer.singleShot(0, self, lambda: self.index_view.columns_ready(snap) if snap is self.snapshot else None)

    def _freshness_text(self, snap: ProjectSnapshot) -> str:
        latest = snap.latest_period
        parts = [
            self.tr("%1 series, %2 values")
            .replace("%1", f"{len(snap.series):,}")
            .replace("%2", f"{snap.n_observations:,}")
        ]
        if latest is not None:
            parts.append(self.tr("latest period %1").replace("%1", latest.strftime("%Y-%m")))
        last = snap.last_import
        parts.append(
            self.tr("last import %1").replace("%1", last.replace("T", " ")[:16]) if last else self.tr("no imports yet")
        )
        return "   ·   ".join(parts)

    def select_tab(self, name: str) -> bool:
        """Show the tab whose (untranslated or shown) title starts with ``name``."""
        for i in range(self.tabs.count()):
            widget = self.tabs.widget(i)
            if self.tabs.tabText(i).lower().startswith(name.lower()) or widget.objectName() == name.lower():
                self.tabs.setCurrentIndex(i)
                return True
        return False

    # -- routing requests between views ------------------------------------------------------
    def open_region(self, region_id: int) -> None:
        self.tree.select_region(region_id)
        self.series_view.show_region(region_id)

    def open_series(self, region_id: int, indicator_id: int, group: str = "") -> None:
        self.tree.select_region(region_id)
        if self.series_view.show_series(region_id, indicator_id, group):
            self.tabs.setCurrentWidget(self.series_view)

    def open_alert_series(self, alert_id: int) -> None:
        """From the heatmap: the alert's series on the chart, and the alert selected in the inbox."""
        snap = self.snapshot
        if snap is None:
            return
        hit = snap.alerts.loc[snap.alerts["id"] == alert_id]
        if hit.empty:
            return
        rec = hit.iloc[0]
        self.inbox.select_situation_of_alert(alert_id)
        self.open_series(int(rec["region_id"]), int(rec["indicator_id"]), str(rec["group"]))

    # -- alerts ------------------------------------------------------------------------------
    def run_models(self) -> None:
        """Run every model and rule on the runner; the alerts refresh when it is done."""
        if self.project_path is None:
            return
        from alerts.operations import run

        path = self.project_path
        self.runner.submit(
            "write", lambda progress, cancel: run(path, progress=progress, cancel=cancel),
            title=self.tr("Running models"), on_done=self.apply_changes, queue=True,
        )

    def change_alerts(self, alert_ids: list[int], to_status: str, options: dict) -> None:
        self._decide(alert_ids, self.tr("Saving decision"), status=to_status, **options)

    def note_alerts(self, alert_ids: list[int], note: str) -> None:
        self._decide(alert_ids, self.tr("Saving note"), note=note)

    def snooze_alerts(self, alert_ids: list[int], until: str) -> None:
        self._decide(alert_ids, self.tr("Snoozing"), snooze_until=until)

    def correct_alert(self, alert_id: int, to_status: str, options: dict) -> None:
        """A correction of the latest decision (:func:`alerts.operations.correct`), on the write queue."""
        if self.project_path is None:
            return
        from alerts.operations import correct

        handle, snap = self._writer(), self.snapshot

        def work(progress: Any, cancel: Any) -> tuple[OpChanges, Any]:
            changes = correct(handle.get(), alert_id, status=to_status, **options)
            return changes, (load_alerts(snap, changes.alerts) if snap is not None else None)

        def done(result: tuple[OpChanges, Any]) -> None:
            changes, alerts = result
            self.apply_changes(changes, alerts if snap is self.snapshot else None)

        self.runner.submit("write", work, title=self.tr("Saving correction"), on_done=done, queue=True)

    def set_meeting(self, date_text: str) -> None:
        """Write the team's meeting marker into the project; the inbox's Since view follows."""
        if self.project_path is None:
            return
        from alerts.meeting import read_marker
        from alerts.operations import set_meeting

        handle = self._writer()

        def work(progress: Any, cancel: Any) -> tuple[OpChanges, Any]:
            changes = set_meeting(handle.get(), date_text)
            return changes, read_marker(handle.get())

        def done(result: tuple[OpChanges, Any]) -> None:
            changes, marker = result
            self.statusBar().showMessage(changes.messages[0], 10_000)
            self.inbox.set_marker(marker)

        self.runner.submit("write", work, title=self.tr("Setting the meeting date"), on_done=done, queue=True)

    def _decide(self, alert_ids: list[int], title: str, **what: Any) -> None:
        """One decision (:func:`alerts.operations.decide`, as ``workbench alert`` makes it) on
        the runner's write queue; the actor is the user's own name, or the login on a server."""
        if self.project_path is None or not alert_ids:
            return
        from alerts.operations import decide

        handle, ids, snap = self._writer(), list(alert_ids), self.snapshot

        def work(progress: Any, cancel: Any) -> tuple[OpChanges, Any]:
            changes = decide(handle.get(), ids, progress=progress, cancel=cancel, **what)
            # The alerts it touched, read on the same worker right away (one trip, not two).
            return changes, (load_alerts(snap, changes.alerts) if snap is not None else None)

        def done(result: tuple[OpChanges, Any]) -> None:
            changes, alerts = result
            self.apply_changes(changes, alerts if snap is self.snapshot else None)

        self.runner.submit("write", work, title=title, on_done=done, queue=True)

    def _writer(self) -> ProjectHandle:
        """The open project the decisions write through (opened once, on the write queue)."""
        handle = getattr(self, "_handle", None)
        if handle is None or handle.location != self.project_path:
            if handle is not None:
                self._close_writer()
            handle = self._handle = ProjectHandle(self.project_path)
        return handle

    def _close_writer(self) -> None:
        """Forget the decisions' open project (another project, a restore, closing); closed on
        the write queue, behind any write still using it."""
        handle, self._handle = getattr(self, "_handle", None), None
        if handle is not None:
            self.runner.submit("write", lambda progress, cancel: handle.close(), title=self.tr("Closing"),
                               queue=True)

    def ask_actor(self) -> None:
        """Who the history records for this laptop's decisions (the login name by default);
        saved in the user's settings, so ``workbench alert`` records the same name."""
        from PySide6.QtWidgets import QInputDialog

        from workbench.store.access import default_actor

        name, ok = QInputDialog.getText(self, self.tr("Your name"),
                                        self.tr("Name recorded with your decisions and notes:"), text=default_actor())
        if ok and name.strip():
            user_settings.update(actor=name.strip())

    # -- brief -------------------------------------------------------------------------------
    def write_brief_dialog(self) -> None:
        """Ask where (and, for a PDF, on which paper), then write the brief on the runner."""
        if self.project_path is None:
            self.show_error(self.tr("Brief"), self.tr("Open or create a project first (File → Open project)."))
            return
        from datetime import date

        if is_server_url(self.project_path):  # a server project: the database's name, in the home folder
            stem = self.snapshot.name if self.snapshot is not None else "project"
            suggested = Path.home() / f"{stem}-brief-{date.today():%Y-%m-%d}.xlsx"
        else:
            suggested = self.project_path.with_name(f"{self.project_path.stem}-brief-{date.today():%Y-%m-%d}.xlsx")
        dialog, mark = self.brief_file_dialog(suggested)
        if self.exec_dialog(dialog) != QDialog.Accepted or not dialog.selectedFiles():
            return
        shown = [self.tr(f) for f in FILTERS]
        selected = dialog.selectedNameFilter()
        chosen = FILTERS[shown.index(selected)] if selected in shown else selected
        request = request_from_dialog(dialog.selectedFiles()[0], chosen)
        self.write_brief(replace(request, mark_meeting=mark.isChecked()))

    def brief_file_dialog(self, suggested: Path) -> tuple[QFileDialog, QCheckBox]:
        """The save dialog of File → Write brief, with "Mark this brief as the meeting" (checked):
        unchecked, the meeting marker stays where it is (``workbench report --keep-marker``).
        Qt's own dialog rather than the system's, which has no room for the checkbox."""
        shown = [self.tr(f) for f in FILTERS]
        dialog = QFileDialog(self, self.tr("Write brief"), str(suggested.parent), ";;".join(shown))
        dialog.setOption(QFileDialog.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptSave)
        dialog.setFileMode(QFileDialog.AnyFile)
        dialog.selectNameFilter(shown[0])
        dialog.selectFile(suggested.name)
        mark = QCheckBox(self.tr("Mark this brief as the meeting (moves the meeting marker)"))
        mark.setObjectName("brief_marks_meeting")
        mark.setChecked(True)
        mark.setToolTip(self.tr("Uncheck for a second brief of the same meeting (another language or format). "
                                "A further brief written while nothing was decided or run since the last one "
                                "covers the same meeting anyway."))
        grid = dialog.layout()
        grid.addWidget(mark, grid.rowCount(), 0, 1, grid.columnCount())
        self.brief_dialog, self.brief_mark_box = dialog, mark  # for tests
        return dialog, mark

    def exec_dialog(self, dialog: QDialog) -> int:
        """Run a modal dialog (tests replace this to answer it)."""
        return dialog.exec()

    def write_brief(self, request: BriefRequest) -> None:
        project = self.project_path
        if project is None:
            return
        self.runner.submit(
            "brief",
            lambda progress, cancel: write_brief(project, request, progress=progress, cancel=cancel),
            title=self.tr("Writing brief"),
            on_done=lambda summary: self._brief_written(request.out, summary),
            on_failed=lambda message: self.show_error(self.tr("Could not write the brief"), message),
        )

    def _brief_written(self, out: Path, summary: str) -> None:
        self.brief_path = out
        self.last_brief_summary = summary
        self._read_marker()  # the brief recorded the meeting: the Since view starts from it
        # The writer's own summary names the file and what is in it ("… 7 sheets, 5 open alerts").
        self.statusBar().showMessage(summary or self.tr("Brief written to %1").replace("%1", str(out)), 60_000)
        self.open_folder_button.setToolTip(str(out.parent))
        self.open_folder_button.show()
        QTimer.singleShot(60_000, self, self.open_folder_button.hide)

    def _read_marker(self) -> None:
        """Read the meeting marker again (on the runner) and hand it to the inbox."""
        path = self.project_path
        if path is None:
            return

        def work(progress: Any, cancel: Any) -> Any:
            from alerts.meeting import read_marker
            from workbench.store import open_project

            with open_project(path, readonly=True) as p:
                return read_marker(p)

        self.runner.submit("marker", work, on_done=lambda marker: marker is not None and self.inbox.set_marker(marker))

    def open_brief_folder(self) -> None:
        self.open_folder_button.hide()
        if self.brief_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.brief_path.parent)))

    # -- import ------------------------------------------------------------------------------
    def start_import(self, path: str | Path | None) -> None:
        """Open the import wizard (with the file when one was dropped)."""
        try:
            from ui.import_wizard import ImportWizard
        except ImportError:
            self.show_error(self.tr("Import"), self.tr("The importer is not available in this build."))
            return
        if self.project_path is None:
            self.show_error(self.tr("Import"), self.tr("Open or create a project first (File → New project)."))
            return
        wizard = ImportWizard(self.project_path, self.runner, parent=self, path=path)
        wizard.imported.connect(lambda result: self.apply_changes(result.changes))
        # The wizard frees itself once closed: forget it then, so nothing touches a deleted one.
        wizard.finished.connect(lambda _r, wizard=wizard: self._forget_wizard(wizard))
        wizard.open()
        self._wizard = wizard

    def _forget_wizard(self, wizard: Any) -> None:
        if self._wizard is wizard:
            self._wizard = None

    def show_rejected_rows(self, import_id: int) -> None:
        from ui.imports_view import read_rejected

        path = self.project_path

        def done(frame: Any) -> None:
            if path == self.project_path:  # rows of a project no longer open are dropped
                self.imports_view.show_rejected(frame)

        self.runner.submit("rejected", lambda progress, cancel: read_rejected(path, import_id),
                           title=self.tr("Reading rejected rows"), on_done=done)

    def import_boundaries_dialog(self) -> None:
        if self.project_path is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("District boundaries"), "", self.tr("GeoJSON (*.geojson *.json)")
        )
        if path:
            self.import_boundaries(Path(path))

    def import_boundaries(self, geojson: Path) -> None:
        """Store the boundaries in the project (on the runner), then redraw the map."""
        from workbench.geo import store_boundaries

        project = self.project_path
        self.runner.submit(
            "write", lambda progress, cancel: store_boundaries(project, geojson),
            title=self.tr("Importing boundaries"), queue=True,
            on_done=lambda n: self.apply_changes(OpChanges(boundaries=True, messages=(
                self.tr("%1 boundaries stored").replace("%1", str(n)),))),
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        urls = event.mimeData().urls()
        if urls and all(Path(u.toLocalFile()).suffix.lower() in IMPORTABLE for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        urls = event.mimeData().urls()
        if urls:
            event.acceptProposedAction()
            self.start_import(urls[0].toLocalFile())

    # -- tasks -------------------------------------------------------------------------------
    def _task_started(self, kind: str, title: str) -> None:
        if kind in QUIET_TASKS:
            return
        self.task_label.setText(title)
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()

    def _task_progress(self, kind: str, fraction: float, message: str) -> None:
        if kind in QUIET_TASKS:
            return
        self.progress.setValue(int(fraction * 1000))
        if message:
            self.task_label.setText(message)

    def _task_ended(self, kind: str) -> None:
        if not self.runner.is_busy():
            self.progress.hide()
            self.cancel_button.hide()
            self.task_label.setText("")

    def _task_failed(self, kind: str, message: str) -> None:
        self._task_ended(kind)
        if kind in ("preview", "import", "load", "brief"):
            return  # shown by the wizard's own page, or by the task's own on_failed
        self.show_error(self.tr("Something went wrong"), message)

    def show_error(self, title: str, message: str) -> None:
        """The message is the core's own one-liner, which already says what to do."""
        if QApplication.platformName() == "offscreen" or getattr(self, "_headless", False):
            self.statusBar().showMessage(f"{title}: {message}", 15_000)
            self.last_error = message
            return
        QMessageBox.warning(self, title, message)
        self.last_error = message

    # -- settings ----------------------------------------------------------------------------
    def set_theme(self, theme: str) -> None:
        user_settings.update(theme=theme)
        app = QApplication.instance()
        apply_theme(app, theme)
        from ui.theme import restyle_plots

        restyle_plots(self)
        for view in (self.heatmap, self.map, self.index_view):
            view.apply_theme()

    def _remember(self, path: Path | str) -> None:
        # A server URL is remembered without its password (the server asks for it again).
        path_s = shown(path) if is_server_url(path) else str(Path(path).resolve())
        user_settings.update(recent=[path_s] + [p for p in self.recent_projects() if p != path_s])
        self._refresh_recent_menu()

    def recent_projects(self) -> list[str]:
        return list(user_settings.load().recent)

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        for p in self.recent_projects():
            self.recent_menu.addAction(self._action(p, lambda _=False, p=p: self.open_project(p)))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def _restore_geometry(self) -> None:
        geometry = settings().value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        settings().setValue("geometry", self.saveGeometry())
        self.runner.cancel_all(drop_queued=True)
        self.runner.wait_for_done(5_000)
        handle, self._handle = getattr(self, "_handle", None), None
        if handle is not None:
            handle.close()
        if self.snapshot is not None:
            self.snapshot.close()  # the project it keeps open for series reads (a file, or a server's connection)
        super().closeEvent(event)

    def _about(self) -> None:
        from workbench import __version__

        QMessageBox.about(
            self,
            self.tr("About"),
            self.tr("Cohesion Early-Warning Workbench %1\nOffline early warning for social-cohesion indicators.")
            .replace("%1", __version__),
        )

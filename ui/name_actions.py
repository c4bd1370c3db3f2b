"""Rename, merge and delete a region or an indicator from the app.

The region tree and the data table offer these in their context menus; each action asks
what it needs (a new name, the name to merge into, a confirmation), then runs the core's
:mod:`workbench.store.curation` on the task runner's write queue - the same function, the
same backup, transaction and history entry as ``workbench rename|merge|delete`` - and the
window shows what it changed (``Change.changes``). A refusal (a name taken, differing values, open alerts) comes back as one
message; for differing values the analyst is asked which side to keep.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from ui.vocabulary import term

KEEP_TARGET, KEEP_SOURCE = "target", "source"


class NameActions(QObject):
    """Owns the dialogs; ``changed(message)`` after a curation was written."""

    changed = Signal(str)
    failed = Signal(str)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        # Replaced in tests; each returns the answer or None for "cancelled".
        self.ask_text: Callable[[str, str, str], str | None] = self._ask_text
        self.ask_item: Callable[[str, str, list[str]], str | None] = self._ask_item
        self.ask_yes: Callable[[str, str], bool] = self._ask_yes
        self.ask_keep: Callable[[str], str | None] = self._ask_keep

    # -- menus -----------------------------------------------------------------------------
    def region_menu(self, region_id: int, parent: QWidget | None = None) -> QMenu:
        name, level = self._region(region_id)
        menu = QMenu(parent)
        menu.addAction(self.tr("Rename region “%1”…").replace("%1", name),
                       lambda: self.rename("region", name, level=level))
        menu.addAction(self.tr("Merge region “%1” into…").replace("%1", name),
                       lambda: self.merge("region", name, level=level))
        menu.addAction(self.tr("Delete region “%1”…").replace("%1", name),
                       lambda: self.delete("region", name, level=level))
        return menu

    def indicator_menu(self, indicator_id: int, menu: QMenu) -> QMenu:
        key = self._indicator(indicator_id)
        menu.addAction(self.tr("Rename indicator “%1”…").replace("%1", key), lambda: self.rename("indicator", key))
        menu.addAction(self.tr("Merge indicator “%1” into…").replace("%1", key), lambda: self.merge("indicator", key))
        menu.addAction(self.tr("Delete indicator “%1”…").replace("%1", key), lambda: self.delete("indicator", key))
        return menu

    def show_region_menu(self, region_id: int, pos: QPoint) -> None:
        self.region_menu(region_id, self.window).exec(pos)

    def show_row_menu(self, region_id: int, indicator_id: int, pos: QPoint) -> None:
        menu = self.region_menu(region_id, self.window)
        menu.addSeparator()
        self.indicator_menu(indicator_id, menu).exec(pos)

    # -- actions ---------------------------------------------------------------------------
    def rename(self, kind: str, name: str, new: str | None = None, *, level: str | None = None) -> None:
        new = new if new is not None else self.ask_text(self.tr("Rename"), self.tr("New name for “%1”:")
                                                        .replace("%1", name), name)
        if not new or new.strip() == name:
            return
        from workbench.store.curation import rename

        self._run(lambda project: rename(project, kind, name, new.strip(), level=level))

    def merge(self, kind: str, name: str, target: str | None = None, *, level: str | None = None,
              keep: str | None = None) -> None:
        if target is None:
            choices = [n for n in self._names(kind) if n != name]
            target = self.ask_item(self.tr("Merge"), self.tr("Merge “%1” into:").replace("%1", name), choices)
        if not target:
            return
        from workbench.errors import WorkbenchError
        from workbench.store.curation import merge

        def work(project: Any) -> Any:
            return merge(project, kind, name, target, keep=keep, level=level)

        def refused(message: str) -> None:
            # Differing values: ask which side wins, then try once more with that answer.
            if keep is None and "--keep" in message:
                side = self.ask_keep(message.split(";")[0])
                if side:
                    self.merge(kind, name, target, level=level, keep=side)
                return
            self._refused(message)

        self._run(work, on_refused=refused, expected=WorkbenchError)

    def delete(self, kind: str, name: str, *, level: str | None = None, confirmed: bool | None = None) -> None:
        ok = confirmed if confirmed is not None else self.ask_yes(
            self.tr("Delete"), self.tr("Delete %1 “%2” and all its values? A backup of the project is kept.")
            .replace("%1", term(kind)).replace("%2", name))
        if not ok:
            return
        from workbench.store.curation import delete

        self._run(lambda project: delete(project, kind, name, level=level))

    # -- plumbing --------------------------------------------------------------------------
    def _run(self, fn: Callable[[Any], Any], *, on_refused: Callable[[str], None] | None = None,
             expected: type | None = None) -> None:
        from workbench.store import open_project

        path = self.window.project_path

        def work(progress: Any, cancel: Any) -> Any:
            with open_project(path) as project:
                return fn(project)

        def done(change: Any) -> None:
            self.changed.emit(change.render())
            self.window.apply_changes(change.changes)

        self.window.runner.submit("write", work, title=self.tr("Changing names"), on_done=done,
                                  on_failed=on_refused or self._refused, queue=True)

    def _refused(self, message: str) -> None:
        self.failed.emit(message)
        if not getattr(self.window, "_headless", False):
            QMessageBox.warning(self.window, self.tr("Not changed"), message)

    def _region(self, region_id: int) -> tuple[str, str]:
        regions = self.window.snapshot.regions
        rec = regions[regions["id"] == region_id].iloc[0]
        return str(rec["name"]), str(rec["level"])

    def _indicator(self, indicator_id: int) -> str:
        ind = self.window.snapshot.indicators
        return str(ind[ind["id"] == indicator_id].iloc[0]["key"])

    def _names(self, kind: str) -> list[str]:
        snap = self.window.snapshot
        if kind == "region":
            return sorted(snap.regions["name"].astype(str))
        return sorted(snap.indicators["key"].astype(str))

    def _ask_text(self, title: str, label: str, text: str) -> str | None:
        value, ok = QInputDialog.getText(self.window, title, label, text=text)
        return value if ok else None

    def _ask_item(self, title: str, label: str, items: list[str]) -> str | None:
        value, ok = QInputDialog.getItem(self.window, title, label, items, 0, False)
        return value if ok else None

    def _ask_yes(self, title: str, text: str) -> bool:
        return QMessageBox.question(self.window, title, text) == QMessageBox.Yes

    def _ask_keep(self, text: str) -> str | None:
        box = QMessageBox(QMessageBox.Question, self.tr("Values differ"), text, parent=self.window)
        target = box.addButton(self.tr("Keep the target's values"), QMessageBox.AcceptRole)
        source = box.addButton(self.tr("Keep the merged one's values"), QMessageBox.AcceptRole)
        box.addButton(QMessageBox.Cancel)
        box.exec()
        return KEEP_TARGET if box.clickedButton() is target else KEEP_SOURCE if box.clickedButton() is source else None

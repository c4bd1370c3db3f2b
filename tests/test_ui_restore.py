"""A damaged project on open: the store's message, and the newest automatic backup offered."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_factory import write_demo_project  # noqa: E402

pytestmark = pytest.mark.gui


def _damage(path: Path) -> None:
    """Overwrite pages in the middle, keeping the SQLite header: damage, not a foreign file."""
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    data[2 * page: 4 * page] = b"\xff" * (2 * page)
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(tmp_path) -> tuple[Path, int]:
    """A project with one automatic backup, then damaged; returns it and its number of values."""
    from workbench.store import open_project
    from workbench.store.backup import take_backup

    path = write_demo_project(tmp_path / "field.wbproj", n_districts=6, n_indicators=3, n_months=24)
    with open_project(path, readonly=True) as p:
        n_values = len(p.observations())
    assert take_backup(path) is not None
    _damage(path)
    return path, n_values


@pytest.fixture
def window(qtbot):
    from ui.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    return w


def _answer_box(monkeypatch, button: str) -> list:
    """Answer the restore question by clicking ``button`` ("restore" or "cancel") instead of waiting."""
    from PySide6.QtWidgets import QMessageBox

    shown: list = []

    def exec_(box):
        shown.append((box.objectName(), box.text(), box.informativeText(), box.detailedText(),
                      [b.text() for b in box.buttons()]))
        if button == "restore":
            box.findChild(object, "restore_button").click()
        else:
            box.button(QMessageBox.Cancel).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def test_restore_is_offered_and_opens_the_restored_project(qtbot, window, damaged, monkeypatch):
    from workbench.store.backup import list_backups

    path, n_values = damaged
    taken = list_backups(path)[0].describe()
    shown = _answer_box(monkeypatch, "restore")
    with qtbot.waitSignal(window.project_loaded, timeout=20_000) as loaded:
        window.open_project(path)
    name, text, info, message, buttons = shown[0]
    assert name == "restore_offer" and "damaged" in text
    # The store's one line in full, and in the box what happened and what restoring does.
    assert message.startswith("field.wbproj is damaged (") and "\n" not in message and taken in message
    assert info.startswith(message.split(";")[0]) and f"on {taken}" in info and "field.wbproj.damaged-" in info
    assert f"Restore the backup from {taken}" in buttons and any("Cancel" in b for b in buttons)
    snap = loaded.args[0]
    assert snap.path == path and snap.n_observations == n_values
    assert window.snapshot is snap and window.project_path == path
    assert window.windowTitle().startswith("field — ")
    kept = [f for f in path.parent.iterdir() if f.name.startswith("field.wbproj.damaged-")]
    assert len(kept) == 1 and kept[0] == window.restored_aside
    assert str(kept[0]) in window.statusBar().currentMessage()


def test_cancel_leaves_the_damaged_file_alone(qtbot, window, damaged, monkeypatch):
    path, _ = damaged
    before = path.read_bytes()
    shown = _answer_box(monkeypatch, "cancel")
    window._remember(path)
    recent = window.recent_menu.actions()[0]  # opening from the recent list goes the same way
    recent.trigger()
    qtbot.waitUntil(lambda: bool(shown) and not window.runner.is_busy(), timeout=20_000)
    assert path.read_bytes() == before
    assert not [f for f in path.parent.iterdir() if ".damaged-" in f.name]
    assert window.snapshot is None and window.project_path is None
    assert window.project_label.text() == "No project"


def test_without_a_backup_only_the_message_is_shown(qtbot, window, tmp_path, monkeypatch):
    path = write_demo_project(tmp_path / "lone.wbproj", n_districts=6, n_indicators=3, n_months=24)
    _damage(path)
    shown = _answer_box(monkeypatch, "restore")
    window.open_project(path)
    qtbot.waitUntil(lambda: getattr(window, "last_error", None) is not None, timeout=20_000)
    assert shown == []  # nothing to offer
    assert window.last_error.startswith("lone.wbproj is damaged (")
    assert window.last_error.endswith("no automatic backup was found")


def test_other_open_failures_are_not_offered_a_backup(qtbot, window, damaged, monkeypatch):
    path, _ = damaged
    elsewhere = path.with_name("moved.wbproj")  # a recent project that is gone, backups or not
    path.with_name(f".{path.name}.backup-1").rename(path.with_name(f".{elsewhere.name}.backup-1"))
    shown = _answer_box(monkeypatch, "restore")
    window.open_project(elsewhere)
    qtbot.waitUntil(lambda: getattr(window, "last_error", None) is not None, timeout=20_000)
    assert shown == []
    assert window.last_error == f"project {elsewhere} does not exist"

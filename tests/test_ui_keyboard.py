"""Keyboard and accessibility (issue 17, item 6): Tab leaves every table, the decision is
reachable forwards, Ctrl+Tab cycles the panes, focus is visible, every control has a name."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_factory import alerted_demo_project, open_window  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def alert_project(tmp_path_factory) -> Path:
    return alerted_demo_project(tmp_path_factory.mktemp("kb") / "alerts.wbproj")


@pytest.fixture
def window(qtbot, alert_project, tmp_path):
    w = open_window(qtbot, alert_project, tmp_path)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5_000)
    assert w.inbox.detail.alert_id is not None
    return w


def _focus():
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def _press(qtbot, key, modifier=None) -> None:
    from PySide6.QtCore import Qt

    qtbot.keyClick(_focus(), key, modifier or Qt.NoModifier)


def test_tab_walks_from_the_tree_through_the_table_to_the_decision_and_back(window, qtbot):
    from PySide6.QtCore import Qt

    w = window
    w.tree.setFocus()
    assert _focus() is w.tree
    seen = [w.tree]
    for _ in range(60):
        _press(qtbot, Qt.Key_Tab)
        seen.append(_focus())
        if _focus() is w.tree:
            break
    assert seen[-1] is w.tree, "\n".join(f"{type(x).__name__}:{x.objectName() or x.accessibleName() or getattr(x, 'text', lambda: '')()}" for x in seen)
    detail = w.inbox.detail
    order = [w.tabs.tabBar(), w.inbox.status_combo, w.inbox.search, w.inbox.table, detail.alert_list,
             detail.note_edit, detail.buttons["acknowledged"], detail.buttons["dismissed"]]
    positions = [seen.index(widget) for widget in order]
    assert positions == sorted(positions), [type(x).__name__ for x in seen]
    # The table is one stop: the next Tab leaves it.
    i = seen.index(w.inbox.table)
    assert seen[i + 1] is not w.inbox.table
    # And backwards the same way.
    w.inbox.table.setFocus()
    _press(qtbot, Qt.Key_Backtab)
    assert _focus() is w.inbox.search


def test_ctrl_tab_cycles_the_panes_and_back(window, qtbot):
    from PySide6.QtCore import Qt

    w = window
    detail = w.inbox.detail
    w.tree.setFocus()
    expected = [w.tabs.tabBar(), w.inbox.status_combo, w.inbox.table, detail.alert_list, detail.views.tabBar(),
                detail.note_edit, w.tree]
    got = []
    for _ in expected:
        _press(qtbot, Qt.Key_Tab, Qt.ControlModifier)
        got.append(_focus())
    assert got == expected
    _press(qtbot, Qt.Key_Tab, Qt.ControlModifier | Qt.ShiftModifier)
    assert _focus() is detail.note_edit
    _press(qtbot, Qt.Key_F6)
    assert _focus() is w.tree
    # On another screen the panes are that screen's.
    w.tabs.setCurrentWidget(w.data_view)
    w.tabs.tabBar().setFocus()
    _press(qtbot, Qt.Key_F6)
    assert _focus() is w.data_view.region_combo
    _press(qtbot, Qt.Key_F6)
    assert _focus() is w.data_view.table


def test_focus_ring_follows_the_focus(window, qtbot):
    from PySide6.QtWidgets import QFocusFrame

    w = window
    for widget in (w.inbox.table, w.inbox.detail.note_edit, w.tree):
        widget.setFocus()
        qtbot.waitUntil(lambda widget=widget: _focus() is widget)
        frames = [f for f in w.findChildren(QFocusFrame) if f.objectName() == "workbench_focus_ring"]
        assert frames and frames[0].widget() is widget and frames[0].isVisible()
        ring = frames[0].geometry()
        assert ring.contains(widget.geometry().center())


def test_disabled_buttons_are_drawn_greyed(window):
    from PySide6.QtGui import QPalette

    button = window.inbox.detail.open_series_button
    button.setEnabled(False)
    try:
        pal = button.palette()
        disabled = pal.color(QPalette.Disabled, QPalette.ButtonText)
        enabled = pal.color(QPalette.Active, QPalette.ButtonText)
        assert abs(disabled.lightness() - enabled.lightness()) > 60
        image = button.grab().toImage()
        enabled_image = None
        button.setEnabled(True)
        enabled_image = button.grab().toImage()
        assert image != enabled_image
    finally:
        button.setEnabled(True)


def _inside(widget, cls) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, cls):
            return True
        parent = parent.parentWidget()
    return False


def test_every_control_has_an_accessible_name(window, qtbot):
    """What a screen reader announces: a name on every control that has no text of its own."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSlider,
        QAbstractSpinBox,
        QComboBox,
        QGraphicsView,
        QLabel,
        QLineEdit,
        QTabBar,
    )

    w = window
    qtbot.waitUntil(lambda: bool(w.index_view.sliders), timeout=20_000)
    buddies = {label.buddy() for label in w.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for cls in (QComboBox, QLineEdit, QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QGraphicsView):
        for widget in w.findChildren(cls):
            if widget.focusPolicy() == 0 or _inside(widget, QComboBox):
                continue  # not reachable by keyboard, or a combo box's own list
            if type(widget).__name__ in ("QCalendarView", "QCalendarWidget") or widget.objectName().startswith("qt_"):
                continue  # parts of Qt's own pop-ups
            if not widget.accessibleName() and widget not in buddies:
                missing.append(f"{type(widget).__name__} in {type(widget.parentWidget()).__name__}")
    for button in w.findChildren(QAbstractButton):
        if button.focusPolicy() != 0 and not (button.text() or button.accessibleName() or button.toolTip()):
            if type(button.parentWidget()).__name__ in ("QTabBar", "QDockWidget", "QToolBar"):
                continue  # Qt's scroll arrows and dock buttons are named by Qt
            missing.append(f"{type(button).__name__} without text")
    assert not missing, missing
    assert all(isinstance(b, QTabBar) or b for b in [w.tabs.tabBar()])

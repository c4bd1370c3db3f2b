"""Run in a child process (scaling is fixed when Qt starts): open the app on a laptop-sized
offscreen screen and report, as JSON, every control a user could not reach.

    QT_SCALE_FACTOR=1.5 QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json \\
        python tests/layout_probe.py PROJECT SPREADSHEET

A control is reachable when it lies inside its window, or inside a scroll area that can
scroll to it. Also reported: the window and the import wizard against the screen, and how
many letters of a district name the region tree shows.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def _spin(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _unreachable(window) -> list[str]:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QComboBox, QLineEdit, QScrollArea

    bad = []
    inside = QRect(0, 0, window.width(), window.height())
    for cls in (QAbstractButton, QComboBox, QLineEdit):
        for w in window.findChildren(cls):
            if not w.isVisible() or w.window() is not window or w.width() == 0:
                continue
            if type(w.parentWidget()).__name__ in ("QTabBar", "QDockWidget", "QComboBox", "QAbstractSpinBox"):
                continue  # Qt's own scroll arrows, dock buttons and sub-controls
            top_left = w.mapTo(window, w.rect().topLeft())
            rect = QRect(top_left, w.size())
            if inside.contains(rect):
                continue
            # Outside the window: fine only inside something that scrolls to it.
            parent, scrolls = w.parentWidget(), False
            while parent is not None and parent is not window:
                if isinstance(parent, QScrollArea) and parent.widget() is not None:
                    scrolls = _scrolls_to(parent, w)
                    break
                if isinstance(parent, QAbstractScrollArea):
                    scrolls = True
                    break
                parent = parent.parentWidget()
            if not scrolls:
                label = w.text() if hasattr(w, "text") else w.accessibleName()
                bad.append(f"{type(w).__name__} {label!r} at {rect.getRect()}")
    return bad


def _scrolls_to(area, w) -> bool:
    """The scroll area can bring all of ``w`` into view: it lies inside the scrolled content,
    and within the viewport along a direction that does not scroll."""
    from PySide6.QtCore import QPoint, Qt

    pos = w.mapTo(area.widget(), QPoint(0, 0))
    content = area.widget().size()
    view = area.viewport().size()
    width = view.width() if area.horizontalScrollBarPolicy() == Qt.ScrollBarAlwaysOff else content.width()
    height = view.height() if area.verticalScrollBarPolicy() == Qt.ScrollBarAlwaysOff else content.height()
    return pos.x() >= 0 and pos.y() >= 0 and pos.x() + w.width() <= width and pos.y() + w.height() <= height


def main() -> None:
    project, spreadsheet = Path(sys.argv[1]), Path(sys.argv[2])
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QWizard

    from ui.app import make_app
    from ui.main_window import MainWindow
    from ui.screenshot import wait_until_idle

    app = make_app()
    screen = app.primaryScreen().availableGeometry()
    w = MainWindow()
    w._headless = True
    w.setGeometry(screen)
    w.show()
    w.open_project(project, remember=False)
    wait_until_idle(w)
    out: dict = {"screen": [screen.width(), screen.height()], "scale": app.primaryScreen().devicePixelRatio(),
                 "window": [w.width(), w.height()],
                 "window_min": [w.minimumSizeHint().width(), w.minimumSizeHint().height()], "tabs": {}}
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        _spin(app, 0.2)
        out["tabs"][w.tabs.tabText(i)] = _unreachable(w)
    w.tabs.setCurrentWidget(w.inbox)
    _spin(app, 0.2)
    detail = w.inbox.detail
    out["detail_width"] = detail.width()
    out["decision_buttons"] = [b.text() for b in detail.buttons.values() if b.isVisible()]
    # The region tree: letters of a district name it can show beside the badge and share.
    tree = w.tree
    fm = tree.fontMetrics()
    # Districts sit two levels down (country, province); the branch arrows take the indentation.
    name_px = tree.columnWidth(0) - 3 * tree.indentation()
    out["tree_district_letters"] = round(name_px / fm.averageCharWidth(), 1)
    # The guided tour: on screen with its buttons, on each page.
    from ui.tour import show_tour

    tour = show_tour(w)
    tour_ok = True
    for page in range(len(tour.steps)):
        tour.go(page)
        _spin(app, 0.1)
        frame = tour.frameGeometry()
        tour_ok &= frame.width() <= screen.width() and frame.height() <= screen.height()
        tour_ok &= not _unreachable(tour)
    out["tour_fits"] = tour_ok
    tour.close()
    # The import wizard on its layout page.
    w.start_import(spreadsheet)
    wizard = w._wizard
    app.processEvents()
    deadline = time.monotonic() + 60
    while wizard.preview is None and time.monotonic() < deadline:
        _spin(app, 0.05)
    wizard.next()
    _spin(app, 0.3)
    frame = wizard.frameGeometry()
    out["wizard"] = [frame.width(), frame.height()]
    out["wizard_fits"] = screen.contains(frame) or (frame.width() <= screen.width() and frame.height() <= screen.height())
    buttons = [wizard.button(b) for b in (QWizard.NextButton, QWizard.CancelButton, QWizard.BackButton)]
    out["wizard_buttons_inside"] = all(
        wizard.rect().contains(b.geometry().translated(b.parentWidget().mapTo(wizard, b.parentWidget().rect().topLeft())))
        for b in buttons if b.isVisible())
    out["wizard_unreachable"] = _unreachable(wizard)
    wizard.reject()
    _spin(app, 0.2)
    w.close()
    QApplication.processEvents()
    print("LAYOUT " + json.dumps(out), flush=True)
    del Qt


if __name__ == "__main__":
    main()

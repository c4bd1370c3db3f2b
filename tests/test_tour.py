"""First run: the sample copy opens, the guided tour shows once and points at the real screens."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot):
    from ui.main_window import MainWindow

    w = MainWindow()
    w._headless = True
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def _help_actions(window) -> list[str]:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == "Help":
            return [a.text().replace("&", "") for a in action.menu().actions()]
    return []


def test_first_run_shows_the_tour_once_and_remembers(qtbot, window):
    from ui.main_window import MainWindow
    from ui.tour import TourDialog, install_tour, tour_seen

    assert not tour_seen()
    install_tour(window)
    assert "Guided tour" in _help_actions(window)
    tour = window._tour
    assert isinstance(tour, TourDialog) and tour.isVisible() and tour.index == 0
    assert tour_seen()
    tour.close()

    again = MainWindow()
    qtbot.addWidget(again)
    install_tour(again)
    assert getattr(again, "_tour", None) is None  # the second start does not show it
    assert "Guided tour" in _help_actions(again)  # but Help still offers it


def test_tour_waits_until_the_project_has_loaded(window):
    from ui.tour import install_tour

    window.project_path = Path("sample.wbproj")  # a load is under way
    install_tour(window)
    assert getattr(window, "_tour", None) is None
    window.project_loaded.emit(object())
    assert window._tour.isVisible()
    window.project_loaded.emit(object())  # a reload does not open a second tour
    assert window._tour.index == 0
    window._tour.close()


def test_steps_switch_to_and_frame_the_screen_they_describe(qtbot, window):
    from PySide6.QtCore import QPoint, QRect

    from ui.tour import show_tour

    tour = show_tour(window)
    titles = [s.title for s in tour.steps]
    assert 4 <= len(titles) <= 6
    assert any("Import" in t for t in titles)
    assert "Import spreadsheet" in tour.steps[titles.index("Import your own file")].text

    tour.go(titles.index("Regions"))
    dock = window.tree.parentWidget()
    assert tour.spotlight.isVisible()
    assert tour.spotlight.target_rect().contains(dock.geometry().center())

    tour.go(titles.index("Alerts inbox"))
    assert window.tabs.currentWidget() is window.inbox
    rect = tour.spotlight.target_rect()
    assert rect.size() == window.inbox.size()
    # the dialog is parked where it hides the least of the framed inbox: not over its middle
    inbox_centre = window.inbox.mapToGlobal(window.inbox.rect().center())
    assert not tour.frameGeometry().contains(inbox_centre)
    overlap = tour.frameGeometry().intersected(QRect(window.inbox.mapToGlobal(QPoint(0, 0)), window.inbox.size()))
    assert overlap.isEmpty() or overlap.width() * overlap.height() < 0.1 * rect.width() * rect.height()

    tour.go(titles.index("Series chart"))
    assert window.tabs.currentWidget() is window.series_view
    # The frame is really painted: an amber pixel on the chart's left edge.
    image = window.grab().toImage()
    rect = tour.spotlight.target_rect()
    colour = image.pixelColor(rect.left() + 3, rect.center().y())
    assert (colour.red(), colour.green()) > (200, 140) and colour.blue() < 80

    tour.go(0)
    assert not tour.spotlight.isVisible()  # the welcome page points at nothing


def test_next_walks_to_the_end_and_done_closes(qtbot, window):
    from PySide6.QtCore import Qt

    from ui.tour import show_tour

    tour = show_tour(window)
    assert not tour.back_button.isEnabled()
    for i in range(1, len(tour.steps)):
        qtbot.mouseClick(tour.next_button, Qt.MouseButton.LeftButton)
        assert tour.index == i
    assert tour.next_button.text() == "Done"
    qtbot.mouseClick(tour.next_button, Qt.MouseButton.LeftButton)
    assert not tour.isVisible() and not tour.spotlight.isVisible()


def test_help_reopens_the_tour_at_the_start(window):
    from ui.tour import install_tour

    action = install_tour(window, first_run=False)
    assert getattr(window, "_tour", None) is None
    action.trigger()
    window._tour.go(3)
    first = window._tour
    action.trigger()  # already open: back to page one, not a second dialog
    assert window._tour is first and first.index == 0 and first.isVisible()
    first.close()
    action.trigger()  # closed, then asked for again: the same dialog comes back
    assert window._tour is first and first.isVisible()
    from ui.tour import Spotlight

    assert len(window.findChildren(Spotlight)) == 1
    first.close()


@pytest.mark.slow  # loads the whole 60-district sample project (~5 s)
def test_plain_gui_start_opens_a_copy_of_the_sample(tmp_path: Path, run_cli):
    """``workbench gui`` without --project: the user's copy, never the shipped file."""
    from PySide6.QtGui import QImage

    from workbench import paths

    bundled = paths.bundled_sample_project()
    if bundled is None:
        pytest.skip("sample_data/sample.wbproj has not been generated in this checkout")
    before = hashlib.sha256(bundled.read_bytes()).hexdigest()

    from ui.commands import default_project

    first = default_project()
    assert first == paths.user_data_dir() / paths.FIRST_RUN_PROJECT_NAME
    assert first.read_bytes() == bundled.read_bytes()

    out = tmp_path / "first.png"
    code, _, err = run_cli("gui", "--screenshot", out)
    assert code == 0, err
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 900)
    assert hashlib.sha256(bundled.read_bytes()).hexdigest() == before

"""Text that fits at 1366x768, in English and French (issue 17, item 5): the inbox's column
titles, its status filter and the status bar's project name are shown whole (or elided with
a tooltip), measured with the font they are drawn in."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_factory import write_demo_project  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture(params=["en", "fr"])
def window(request, qapp, qtbot, tmp_path):
    from ui.app import install_translations
    from ui.main_window import MainWindow
    from workbench import settings as user_settings

    project = write_demo_project(tmp_path / "sample-copy.wbproj", n_districts=4, n_indicators=2, n_months=18,
                                 spikes=1)
    user_settings.update(language=request.param)
    install_translations(qapp)
    w = MainWindow()
    w._headless = True
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    with qtbot.waitSignal(w.project_loaded, timeout=10_000):
        w.open_project(project, remember=False)
    qtbot.waitUntil(lambda: not w.runner.is_busy(), timeout=20_000)
    yield w
    w.close()
    user_settings.update(language="en")
    install_translations(qapp)


def test_inbox_titles_and_status_filter_fit(window, qtbot):
    from ui.elide import combo_text_room

    inbox = window.inbox
    window.tabs.setCurrentWidget(inbox)
    qtbot.wait(50)
    header = inbox.table.horizontalHeader()
    for col in range(header.count()):
        if not header.isSectionHidden(col):
            title = inbox.model.headerData(col, 1)  # Qt.Horizontal
            assert header.sectionSize(col) >= header.fontMetrics().horizontalAdvance(title) + 8, title
    assert header.sectionSize(4) >= header.sectionSizeFromContents(4).width()  # Indicators, with its sort arrow
    combo = inbox.status_combo
    assert combo.currentData() == "meeting"
    assert combo_text_room(combo) >= combo.fontMetrics().horizontalAdvance(combo.currentText())
    age = inbox.age_combo
    assert combo_text_room(age) >= age.fontMetrics().horizontalAdvance(age.currentText())
    # Narrower window: Indicators keeps its title (the table scrolls instead).
    window.resize(1000, 700)
    qtbot.wait(50)
    assert header.sectionSize(4) >= header.sectionSizeFromContents(4).width()


def test_the_project_name_is_not_squeezed_by_a_busy_status_bar(window, qtbot):
    label = window.project_label
    assert label.text() == "sample-copy"
    window.task_label.setText(window.tr("Computing the index") * 3)
    for w in (window.progress, window.cancel_button, window.open_folder_button):
        w.show()
    window.statusBar().showMessage("x" * 300, 5_000)
    qtbot.wait(50)
    assert label.text() == "sample-copy" and label.width() >= label.fontMetrics().horizontalAdvance("sample-copy")
    fresh = window.freshness_label
    assert not label.geometry().intersects(fresh.geometry()) or not fresh.isVisible()

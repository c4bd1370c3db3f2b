"""Text that fits at 1366x768, in English and French (issue 17, item 5): the inbox's column
titles, its status filter and the status bar's project name are shown whole (or elided with
a tooltip), measured with the font they are drawn in."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_factory import show_window, write_demo_project  # noqa: E402

pytestmark = pytest.mark.gui


SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "sample.wbproj"


@pytest.fixture(params=["en", "fr"])
def window(request, qapp, qtbot, tmp_path):
    project = write_demo_project(tmp_path / "sample-copy.wbproj", n_districts=4, n_indicators=2, n_months=18,
                                 spikes=1)
    yield from _window(qapp, qtbot, project, request.param)


@pytest.fixture(params=["fr", "ar"])
def sample_window(request, qapp, qtbot, tmp_path):
    project = tmp_path / "sample.wbproj"
    shutil.copy(SAMPLE, project)  # never the shipped file itself
    yield from _window(qapp, qtbot, project, request.param)


def _window(qapp, qtbot, project, language):
    from ui.app import install_translations
    from workbench import settings as user_settings

    user_settings.update(language=language)
    install_translations(qapp)
    w = show_window(qtbot, project)
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


RAW_CODES = ("escalation", "polarization", "fixed_threshold", "minmax", "zscore", "arithmetic", "geometric",
             "robust_z", "mann_kendall", "monitor")


def test_french_and_arabic_screens_name_rules_and_index_choices_in_their_language(sample_window, qtbot):
    """The rule in the chart's legend and the alert list, the flagged periods' method and the
    Index's normalisation and aggregation are shown by their translated names; the codes stay
    the data the computation gets."""
    from PySide6.QtCore import QCoreApplication

    window = sample_window
    lang = QCoreApplication.instance().property("workbench_language")
    inbox, detail = window.inbox, window.inbox.detail
    inbox.status_combo.setCurrentIndex(inbox.status_combo.findData("open"))
    assert inbox.model.rowCount() > 0
    inbox.table.selectRow(0)  # worst first: the sample's high alert, raised by the escalation rule
    qtbot.waitUntil(lambda: detail.alert_list.count() > 0, timeout=10_000)
    qtbot.waitUntil(lambda: detail.chart._overlay.rule == "escalation", timeout=10_000)
    qtbot.waitUntil(lambda: "(" in detail.chart.legend_label.text(), timeout=10_000)
    legend = detail.chart.legend_label.text()
    alert_lines = [detail.alert_list.item(i).text() for i in range(detail.alert_list.count())]
    flagged_tips = [str(t) for t in detail.chart._overlay.flagged_tips]
    method_line = detail.explanation.text().rsplit("<small>", 1)[-1]  # "méthode : …" under the explanation
    window.select_tab("index")
    qtbot.waitUntil(lambda: window.index_view.result is not None, timeout=30_000)
    index = window.index_view
    shown = [index.normalization.itemText(i) for i in range(index.normalization.count())]
    shown += [index.aggregation.itemText(i) for i in range(index.aggregation.count())]
    assert [index.normalization.itemData(i) for i in range(3)] == ["minmax", "zscore", "rank"]
    assert index.aggregation.currentData() == "arithmetic"
    texts = [legend, *alert_lines, *flagged_tips, method_line, *shown, index.status.text()]
    for code in RAW_CODES:
        assert not [t for t in texts if code in t], (code, texts)
    assert {"fr": "escalade", "ar": "تصعيد"}[lang] in legend
    assert {"fr": "moyenne arithmétique", "ar": "الوسط الحسابي"}[lang] == index.aggregation.currentText()


def test_map_and_heatmap_agree_with_the_inbox_on_rising_risk(sample_window, qtbot):
    """Six months: Álvaro Springs (high, flagged since 2025-04, still active) is high on the map;
    Nesquay's protracted alert #198 is drawn apart on the heatmap, labelled, not as medium."""
    from ui.heatmap import PROTRACTED_LEVEL
    from ui.map_view import RISK_FILL

    window = sample_window
    snap = window.snapshot
    alvaro = int(snap.regions.loc[snap.regions["name"] == "Álvaro Springs", "id"].iat[0])
    nesquay = int(snap.regions.loc[snap.regions["name"] == "Nesquay", "id"].iat[0])
    window.select_tab("map")
    qtbot.waitUntil(lambda: bool(window.map.items), timeout=10_000)
    assert window.map.months.currentData() == 6 and window.map.measure.currentData() == "raised"
    colours = window.map.colours()
    assert colours[alvaro] == RISK_FILL["high"]
    assert colours[nesquay] != RISK_FILL["medium"]
    window.select_tab("heatmap")
    heat = window.heatmap
    qtbot.waitUntil(lambda: heat.matrix is not None, timeout=10_000)
    heat.span.setCurrentIndex(heat.span.findData(6))
    m = heat.matrix
    row = list(m.region_ids).index(nesquay)
    drawn = heat.image.image[row]
    assert (drawn == PROTRACTED_LEVEL).any() and not (drawn == 2).any()  # never medium
    assert (heat.image.image[list(m.region_ids).index(alvaro)] == 3).all()  # high all six months
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QLabel

    word = {"fr": "prolongée", "ar": "مطوّلة"}[QCoreApplication.instance().property("workbench_language")]
    assert any(word in label.text() for label in heat.findChildren(QLabel))  # the legend names it

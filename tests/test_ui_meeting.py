"""The weekly meeting in the app (issue 17, items 1-3), on a copy of the sample project: the
landing view since the last meeting with why, the tree narrowing the inbox, a decision on one
alert, the whole situation only after a confirmation listing its alerts, required verification
and dismissal fields, a correction, and the brief that records the meeting."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_factory import show_window  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "sample.wbproj"

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tmp_path):

    project = tmp_path / "sample.wbproj"
    shutil.copy(SAMPLE, project)
    w = show_window(qtbot, project)
    return w


def _idle(qtbot, w) -> None:
    qtbot.waitUntil(lambda: not w.runner.is_busy(), timeout=30_000)


def _set_meeting(qtbot, w, year: int, month: int, day: int) -> None:
    """Set meeting date… → the calendar dialog → OK, as a person does."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDialog

    inbox = w.inbox

    def answer(dialog):
        inbox.meeting_date_edit.setDate(QDate(year, month, day))
        return QDialog.Accepted

    inbox.exec_dialog = answer
    inbox.meeting_button.click()
    _idle(qtbot, w)


def _status(w, alert_id: int) -> str:
    from workbench.store import open_project

    with open_project(w.project_path, readonly=True) as p:
        return p.conn.execute("SELECT status FROM alert WHERE id = ?", (alert_id,)).fetchone()[0]


def test_the_inbox_opens_on_what_moved_since_the_meeting_and_the_tree_narrows_it(window, qtbot):
    from alerts.history import history_frame
    from alerts.listing import read_alerts
    from alerts.meeting import read_marker, since_meeting
    from workbench.store import open_project

    inbox, model = window.inbox, window.inbox.model
    assert inbox.status_combo.currentData() == "meeting"  # the landing view
    assert "No meeting recorded yet" in inbox.meeting_label.fullText()
    _set_meeting(qtbot, window, 2024, 6, 1)
    with open_project(window.project_path, readonly=True) as p:
        marker = read_marker(p)
        expected = since_meeting(read_alerts(p.conn), history_frame(p.conn), marker.at)
    assert marker.day == "2024-06-01" and marker.source == "set"
    assert "2024-06-01" in inbox.meeting_label.fullText()
    assert model.rowCount() == expected["situation_id"].nunique() > 0
    whys = [model.data(model.index(r, 2)) for r in range(model.rowCount())]
    assert all(whys) and {w for text in whys for w in text.split(", ")} <= {"new", "escalated", "changed", "overdue"}
    assert model.headerData(2, __import__("PySide6.QtCore").QtCore.Qt.Horizontal) == "Why"
    assert "raised since the last meeting" in (model.data(model.index(whys.index(next(w for w in whys if "new" in w)), 2),
                                                          __import__("PySide6.QtCore").QtCore.Qt.ToolTipRole) or "")

    # Clicking a district in the tree lists only its situations; the button brings every region back.
    inbox.status_combo.setCurrentIndex(inbox.status_combo.findData("open"))
    everything = model.rowCount()
    region = model.situation(0)["region"]
    region_id = int(model.situation(0)["region_id"])
    item = window.tree._items[region_id] if hasattr(window.tree, "_items") else None
    if item is not None:
        window.tree._clicked(item)
    else:
        window.tree.region_activated.emit(region_id)
    assert inbox.region_button.isVisibleTo(inbox) and region in inbox.region_button.text()
    assert 0 < model.rowCount() < everything
    assert {model.situation(r)["region"] for r in range(model.rowCount())} == {region}
    inbox.region_button.click()
    assert model.rowCount() == everything and not inbox.region_button.isVisibleTo(inbox)


def _group(w):
    """A situation with several alerts still new, and some of them ended long ago."""
    a = w.snapshot.alerts
    new = a[a["status"] == "new"]
    counts = new.groupby("situation_id")["id"].count()
    for sid in counts[counts >= 3].index:
        rows = new[new["situation_id"] == sid]
        if (~rows["active"].astype(bool)).any():
            return rows
    raise AssertionError("the sample has no situation with three new alerts, one of them ended")


def test_a_decision_is_about_the_selected_alert_and_the_situation_only_after_confirming(window, qtbot):
    from PySide6.QtWidgets import QDialog

    inbox, detail = window.inbox, window.inbox.detail
    rows = _group(window)
    first, others = int(rows["id"].iloc[0]), [int(i) for i in rows["id"].iloc[1:]]
    assert inbox.select_situation_of_alert(first)
    assert not detail.all_alerts.isChecked()  # the whole situation is never the default
    # Verification and dismissal fields start empty, and an empty one sends nothing.
    assert [c.currentIndex() for c in (detail.likelihood, detail.consequence, detail.outcome, detail.reason_combo)] \
        == [-1, -1, -1, -1]
    detail.buttons["dismissed"].click()
    assert detail.form_error.isVisibleTo(detail) and "why" in detail.form_error.text().lower()
    _idle(qtbot, window)
    assert _status(window, first) == "new"

    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        detail.buttons["acknowledged"].click()
    assert _status(window, first) == "acknowledged"
    assert [_status(window, i) for i in others] == ["new"] * len(others)

    # The whole situation: a dialog lists exactly the alerts that change; Cancel changes nothing.
    shown: list[list[str]] = []

    def answer(result):
        def run(dialog):
            listing = dialog.findChild(__import__("PySide6.QtWidgets").QtWidgets.QListWidget, "group_alerts")
            shown.append([listing.item(i).text() for i in range(listing.count())])
            return result
        return run

    detail.select_alert(others[0])
    detail.all_alerts.setChecked(True)
    detail.exec_dialog = answer(QDialog.Rejected)
    detail.buttons["acknowledged"].click()
    _idle(qtbot, window)
    assert [_status(window, i) for i in others] == ["new"] * len(others)
    assert sorted(int(t.split()[0][1:]) for t in shown[0]) == sorted(others)  # the acknowledged one is not new
    detail.all_alerts.setChecked(True)
    detail.exec_dialog = answer(QDialog.Accepted)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        detail.buttons["acknowledged"].click()
    assert [_status(window, i) for i in others] == ["acknowledged"] * len(others)
    assert not detail.all_alerts.isChecked()  # chosen again for the next decision
    # A decision on an ended alert does not make it active.
    a = window.snapshot.alerts.set_index("id")
    ended = [i for i in others if not bool(rows.set_index("id").loc[i, "active"])]
    assert ended and not a.loc[ended, "active"].astype(bool).any()


def test_a_wrong_decision_is_corrected_and_the_history_keeps_both(window, qtbot):
    from PySide6.QtWidgets import QDialog

    inbox, detail = window.inbox, window.inbox.detail
    alert_id = int(_group(window)["id"].iloc[0])
    inbox.select_situation_of_alert(alert_id)
    assert not detail.correct_button.isVisibleTo(detail)  # nothing decided yet
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        detail.buttons["acknowledged"].click()
    assert detail.correct_button.isVisibleTo(detail)

    def answer(dialog):
        assert dialog.objectName() == "correction_dialog"
        dialog.target.setCurrentIndex(dialog.target.findData("new"))
        dialog._accept()  # no "why" given yet: refused in the dialog
        assert dialog.result() != QDialog.Accepted and "wrong" in dialog.error.text()
        dialog.note.setText("acknowledged the wrong district")
        return QDialog.Accepted

    detail.exec_dialog = answer
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        detail.correct_button.click()
    assert _status(window, alert_id) == "new"
    changes = [detail.timeline.item(r, 2).text() for r in range(detail.timeline.rowCount())]
    assert f"#{alert_id} new → acknowledged" in changes
    assert f"#{alert_id} correction: acknowledged → new" in changes


def test_the_brief_written_from_the_app_records_the_meeting(window, qtbot, tmp_path):
    from ui.brief import BriefRequest

    inbox, detail = window.inbox, window.inbox.detail
    _set_meeting(qtbot, window, 2024, 6, 1)
    alert_id = int(_group(window)["id"].iloc[0])
    inbox.select_situation_of_alert(alert_id)
    detail.note_edit.setText("district office to call the community leaders")
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        detail.buttons["acknowledged"].click()
    out = tmp_path / "meeting.xlsx"
    window.write_brief(BriefRequest(out, "a4"))
    _idle(qtbot, window)
    assert out.is_file() and "meeting marker set" in window.last_brief_summary
    ws = openpyxl.load_workbook(out)["Meeting"]
    cells = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert any(isinstance(c, str) and c.startswith("Since the last meeting, 2024-06-01") for c in cells)
    assert "district office to call the community leaders" in cells
    # The inbox now starts from the brief.
    qtbot.waitUntil(lambda: "brief written by" in inbox.meeting_label.fullText(), timeout=10_000)


def _row_of_alert(w, alert_id: int) -> int:
    sid = int(w.snapshot.alerts.set_index("id").loc[alert_id, "situation_id"])
    row = w.inbox.model.row_of(sid)
    assert row is not None
    return row


def test_the_status_column_shows_the_status_of_every_alert_of_the_situation(window, qtbot):
    """A situation groups alerts; its Status cell says the status of its alerts: one word when
    they agree, else each status with its count, the one to act on first (never "acknowledged"
    alone for a row where most alerts are still new)."""
    from PySide6.QtCore import Qt

    inbox, detail, model = window.inbox, window.inbox.detail, window.inbox.model
    inbox.status_combo.setCurrentIndex(inbox.status_combo.findData("open"))
    a = window.snapshot.alerts
    # a situation of several new alerts, one of them active: acknowledging that one makes its
    # status the one to act on
    size = a.groupby("situation_id")["id"].count()
    sid = next(s for s in size[size >= 3].index if (a.loc[a["situation_id"] == s, "status"] == "new").all()
               and a.loc[a["situation_id"] == s, "active"].astype(bool).any())
    everyone = a[a["situation_id"] == sid]
    first = int(everyone.loc[everyone["active"].astype(bool), "id"].iloc[0])
    row = _row_of_alert(window, first)
    assert model.headerData(1, Qt.Horizontal) == "Status"
    assert model.data(model.index(row, 1)) == "new"
    inbox.select_situation_of_alert(first)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        detail.buttons["acknowledged"].click()
    row = _row_of_alert(window, first)
    cell = model.data(model.index(row, 1))
    parts = cell.split(", ")
    assert sorted(parts) == ["acknowledged 1", f"new {len(everyone) - 1}"], cell
    acting = model.situation(row)["status"]  # the status to act on (it sorts the column) comes first
    assert parts[0].startswith(acting + " ")
    assert acting == ("new" if everyone["active"].astype(bool).sum() > 1 else "acknowledged")
    tip = model.data(model.index(row, 1), Qt.ToolTipRole)
    assert f"{len(everyone)} alert(s)" in tip and cell in tip
    # Every situation: the counts in the cell add up to its Alerts column.
    for r in range(model.rowCount()):
        text = model.data(model.index(r, 1))
        parts = text.split(", ")
        total = sum(int(p.rsplit(" ", 1)[1]) for p in parts) if len(parts) > 1 else model.data(model.index(r, 5))
        assert total == model.data(model.index(r, 5)), (text, model.data(model.index(r, 5)))


@pytest.fixture
def arabic(qapp):
    from ui.app import install_translations
    from workbench import settings as user_settings

    user_settings.update(language="ar")
    install_translations(qapp)
    yield
    user_settings.update(language="en")
    install_translations(qapp)


def test_lists_in_the_arabic_inbox_use_the_arabic_comma(arabic, qtbot, tmp_path):
    """Under Arabic, the Why, Status and Indicators cells and the detail's title and risk line
    join their items with the Arabic comma "، " (and semicolon "؛ "), never a Latin one."""
    from alerts import operations

    project = tmp_path / "sample.wbproj"
    shutil.copy(SAMPLE, project)
    with __import__("workbench.store", fromlist=["open_project"]).open_project(project, readonly=True) as p:
        from alerts.listing import read_alerts

        a = read_alerts(p.conn)
    # a situation of several indicators with an active alert: one alert acknowledged (the row is
    # "changed" and "overdue", its statuses mixed), another verified then dismissed (risk ؛ reason)
    multi = a.groupby("situation_id")["indicator"].nunique()
    sid = next(s for s in multi[multi > 1].index
               if a.loc[(a["situation_id"] == s) & a["active"].astype(bool) & (a["status"] == "new")].shape[0]
               and (a["situation_id"] == s).sum() >= 2)
    mine = a[a["situation_id"] == sid]
    acked = int(mine.loc[mine["active"].astype(bool) & (mine["status"] == "new"), "id"].iloc[0])
    other = int(mine.loc[mine["id"] != acked, "id"].iloc[0])
    operations.decide(project, [acked], status="acknowledged", actor="amina")
    for status, extra in (("acknowledged", {}), ("verified", {"likelihood": 4, "consequence": 3, "outcome": "respond"}),
                          ("dismissed", {"reason": "false_alarm"})):
        operations.decide(project, [other], status=status, actor="amina", **extra)

    w = show_window(qtbot, project, settle=False)
    _idle(qtbot, w)
    assert w.isRightToLeft()
    inbox, model, detail = w.inbox, w.inbox.model, w.inbox.detail
    whys = [model.data(model.index(r, 2)) for r in range(model.rowCount())]  # the landing view
    assert whys and not [t for t in whys if "," in t]
    assert [t for t in whys if "، " in t], whys  # some situation is there for two reasons
    inbox.status_combo.setCurrentIndex(inbox.status_combo.findData(None))  # All
    row = _row_of_alert(w, acked)
    status_cell, indicators_cell = model.data(model.index(row, 1)), model.data(model.index(row, 4))
    assert "، " in status_cell and "," not in status_cell, status_cell
    assert "، " in indicators_cell and "," not in indicators_cell, indicators_cell
    inbox.select_situation_of_alert(other)
    detail.select_alert(other)
    title = detail.title.fullText()
    assert "، " in title and "," not in title, title
    risk_line = detail.explanation.text().rsplit("<br>", 1)[-1]
    assert "؛ " in risk_line and ";" not in risk_line.replace("&nbsp;", ""), risk_line
    w.close()


def test_lists_in_the_english_inbox_keep_the_latin_comma(window):
    from ui.vocabulary import join_clauses, join_list

    assert join_list(["a", "b"]) == "a, b" and join_clauses(["a", "b"]) == "a; b"
    model = window.inbox.model
    window.inbox.status_combo.setCurrentIndex(window.inbox.status_combo.findData(None))
    cells = [model.data(model.index(r, 4)) for r in range(model.rowCount())]
    assert any(", " in c for c in cells) and not any("، " in c for c in cells)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_map_and_heatmap_bars_fit_a_1366_pixel_screen_in_every_language(qapp, qtbot, tmp_path, language):
    """The map's choices (colour, recent window, boundaries) and legend, and the heatmap's, must not
    make the window wider than a 1366-pixel laptop (the French labels are the longest)."""
    from ui.app import install_translations

    project = tmp_path / "sample.wbproj"
    shutil.copy(SAMPLE, project)
    install_translations(qapp, language)
    try:
        w = show_window(qtbot, project, settle=False)
        _idle(qtbot, w)
        for tab in ("map", "heatmap"):
            w.select_tab(tab)
            qapp.processEvents()
            assert w.minimumSizeHint().width() <= 1366, (tab, w.minimumSizeHint())
            assert w.width() <= 1366, (tab, w.width())
        w.close()
    finally:
        install_translations(qapp, "en")


def test_the_meeting_date_dialog_does_not_reach_beyond_today(window, qtbot):
    """A marker in the future would empty the agenda until that day: the calendar stops at today
    and the core refuses such a date too (the window shows its one-line error)."""
    from PySide6.QtCore import QDate

    _set_meeting(qtbot, window, 2099, 1, 1)  # the calendar clamps it to today
    assert window.inbox.meeting_date_edit.maximumDate() == QDate.currentDate()
    assert window.inbox.meeting_date_edit.date() == QDate.currentDate()
    assert window.inbox.marker is not None and window.inbox.marker.day <= QDate.currentDate().toString("yyyy-MM-dd")
    window.set_meeting("2099-01-01")  # as if the dialog let it through: the core says no
    _idle(qtbot, window)
    assert "future" in (getattr(window, "last_error", "") or "")
    assert window.inbox.marker.day != "2099-01-01"


def test_the_inbox_names_indicators_as_the_codebook_does_and_finds_them_by_that_name(window, qtbot):
    """The Indicators column showed keys ("trust_in_other_groups", "ny.gdp.mktp.cd") while the
    explanation beside it said the codebook's name; the search box must find what is shown."""
    inbox, model = window.inbox, window.inbox.model
    names = dict(zip(window.snapshot.indicators["key"], window.snapshot.indicators["name"]))
    assert names["trust_in_other_groups"] != "trust_in_other_groups"
    inbox.status_combo.setCurrentIndex(inbox.status_combo.findData(None))  # All
    cells = [model.data(model.index(r, 4)) for r in range(model.rowCount())]
    assert any(names["trust_in_other_groups"] in c for c in cells)
    assert not any("trust_in_other_groups" in c for c in cells)
    shown = model.rowCount()
    words = names["trust_in_other_groups"].split()[-3:]  # a piece of the name, not of the key
    inbox.search.setText(" ".join(words))
    qtbot.waitUntil(lambda: model.rowCount() < shown, timeout=5_000)
    assert model.rowCount() > 0
    assert all(" ".join(words).casefold() in model.data(model.index(r, 4)).casefold() for r in range(model.rowCount()))
    inbox.search.setText("trust_in_other")  # the key still finds them
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5_000)


def test_the_reason_for_an_alert_is_readable_without_scrolling_at_1366x768(window, qtbot):
    """The explanation sat under the title, the subtitle and the alert list, so on a laptop only
    its first line showed above the chart; it now comes right under the title, whole."""
    detail = window.inbox.detail
    window.inbox.table.selectRow(0)
    qtbot.waitUntil(lambda: bool(detail.explanation.text()), timeout=10_000)
    qtbot.wait(100)
    viewport = detail._info.viewport()
    label = detail.explanation
    bottom = label.mapTo(viewport, label.rect().bottomLeft()).y()
    assert detail._info.verticalScrollBar().value() == 0
    assert bottom <= viewport.height(), (bottom, viewport.height())
    assert len(label.text()) > 200  # a whole explanation, not an empty or one-line label

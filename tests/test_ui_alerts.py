"""The alerts inbox, heatmap and map: open an alert, decide, see the history."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from ui_factory import alerted_demo_project, open_window, write_demo_project  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def alert_project(tmp_path_factory) -> Path:
    return alerted_demo_project(tmp_path_factory.mktemp("al") / "alerts.wbproj")


@pytest.fixture
def window(qtbot, alert_project, tmp_path):
    return open_window(qtbot, alert_project, tmp_path, (1280, 720), settle=False)


def test_inbox_lists_situations_worst_first_and_filters(window):
    snap = window.snapshot
    assert not snap.alerts.empty
    inbox = window.inbox
    model = inbox.model
    assert window.tabs.currentWidget() is inbox  # alerts exist: the inbox opens first
    # The landing view is what moved since the last meeting; Active is what needs a decision now.
    assert inbox.status_combo.currentData() == "meeting"
    inbox.status_combo.setCurrentIndex(inbox.status_combo.findData("active"))
    active = snap.alerts[snap.alerts["active"]]
    assert 0 < model.rowCount() == active["situation_id"].nunique() < snap.alerts["situation_id"].nunique()
    assert {model.data(model.index(r, 7)) for r in range(model.rowCount())} == {"ongoing"}
    # Historical: still new, ended before the latest data; the Episode column says how long ago.
    inbox.status_combo.setCurrentIndex(inbox.status_combo.findData("historical"))
    historical = snap.alerts[snap.alerts["historical"]]
    assert model.rowCount() == historical["situation_id"].nunique() >= 1
    months = sorted(historical["months_since_end"].astype(int))
    shown = sorted(model.data(model.index(r, 7)) for r in range(model.rowCount()))
    assert "ongoing" not in shown
    assert any(t == f"{m} mo ago" or t == f"{m // 12} y ago" for m in months for t in shown)
    assert f"{historical['situation_id'].nunique()} historical" in inbox.count_label.toolTip()
    inbox.status_combo.setCurrentIndex(inbox.status_combo.findData("open"))
    n_situations = snap.alerts["situation_id"].nunique()
    assert model.rowCount() == n_situations
    ranks = [{"high": 3, "medium": 2, "low": 1}[model.data(model.index(r, 0))] for r in range(model.rowCount())]
    assert ranks == sorted(ranks, reverse=True)
    inbox.severity_combo.setCurrentIndex(inbox.severity_combo.findData("high"))
    assert all(model.data(model.index(r, 0)) == "high" for r in range(model.rowCount()))
    inbox.severity_combo.setCurrentIndex(0)
    inbox.search.setText("District 002")
    assert model.rowCount() >= 1
    assert {model.data(model.index(r, 3)) for r in range(model.rowCount())} == {"District 002"}
    # Sorting by region puts them in name order.
    inbox.search.clear()
    inbox.table.sortByColumn(3, __import__("PySide6.QtCore").QtCore.Qt.AscendingOrder)
    names = [model.data(model.index(r, 3)) for r in range(model.rowCount())]
    assert names == sorted(names)


def test_open_alert_acknowledge_with_note_then_see_history(window, qtbot):
    inbox, detail = window.inbox, window.inbox.detail
    inbox.select_row(0)
    alert_id = detail.alert_id
    assert alert_id is not None
    snap = window.snapshot
    rec = snap.alerts.loc[snap.alerts["id"] == alert_id].iloc[0]
    assert rec["explanation"] in detail.explanation.text()
    # The chart shows the alert's series with the alert marker on it.
    row = snap.find_series(int(rec["region_id"]), int(rec["indicator_id"]), str(rec["group"]))
    np.testing.assert_array_equal(detail.chart.values.getData()[1], snap.series_values(row)[1])
    assert detail.chart.alerts.isVisible() and len(detail.chart.alerts.data) >= 1
    # Only legal transitions are offered for a new alert.
    visible = {s for s, b in detail.buttons.items() if b.isVisibleTo(detail)}
    assert visible == {"acknowledged", "dismissed"}

    detail.all_alerts.setChecked(False)
    detail.note_edit.setText("seen in the weekly meeting; field office to call")
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        detail.buttons["acknowledged"].click()
    snap = window.snapshot
    assert snap.alerts.loc[snap.alerts["id"] == alert_id, "status"].iat[0] == "acknowledged"
    assert detail.alert_id == alert_id  # the same alert stays selected after the refresh
    notes = [detail.timeline.item(r, 3).text() for r in range(detail.timeline.rowCount())]
    changes = [detail.timeline.item(r, 2).text() for r in range(detail.timeline.rowCount())]
    assert "seen in the weekly meeting; field office to call" in notes
    assert f"#{alert_id} new → acknowledged" in changes
    visible = {s for s, b in detail.buttons.items() if b.isVisibleTo(detail)}
    assert visible == {"verified", "dismissed"}
    assert detail.verify_box.isVisibleTo(detail)

    # Verify with the risk assessment: it is recorded in the history too.
    detail.likelihood.setCurrentIndex(3)
    detail.consequence.setCurrentIndex(2)
    detail.outcome.setCurrentIndex(detail.outcome.findData("respond"))
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        detail.buttons["verified"].click()
    rec = window.snapshot.alerts.set_index("id").loc[alert_id]
    assert (rec["status"], rec["likelihood"], rec["consequence"], rec["outcome"]) == ("verified", 4, 3, "respond")
    assert "risk high" in detail.explanation.text()

    from alerts.history import history_frame
    from workbench.store import open_project

    with open_project(window.project_path, readonly=True) as p:
        hist = history_frame(p.conn, alert_id=alert_id)
    assert list(hist["to_status"].dropna()) == ["new", "acknowledged", "verified"]
    assert hist["note"].str.contains("weekly meeting").any()


def test_snooze_from_the_app_hides_the_alert_from_active_and_says_why(window, qtbot):
    """Snooze, as ``workbench alert ID --snooze-until`` does: the same core operation, the
    same event in the history; the alert leaves the Active view until that period."""
    inbox, detail = window.inbox, window.inbox.detail
    assert inbox.status_combo.currentData() == "meeting"
    inbox.status_combo.setCurrentIndex(inbox.status_combo.findData("active"))
    inbox.select_row(0)
    a = window.snapshot.alerts
    active = a[a["id"].isin(detail._situation["alert_ids"]) & a["active"].astype(bool)]
    assert len(active)
    alert_id = int(active["id"].iat[0])
    detail.select_alert(alert_id)
    assert detail.alert_id == alert_id
    choices = detail.snooze_button.menu().actions()
    assert detail.snooze_button.isVisibleTo(detail) and len(choices) == 4
    periods = [a.data() for a in choices]
    assert periods == sorted(periods) and all(len(p) == 7 for p in periods)  # 1, 2, 3, 6 months ahead
    detail.all_alerts.setChecked(False)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        choices[3].trigger()  # the button's menu: "until <period>"
    rec = window.snapshot.alerts.set_index("id").loc[alert_id]
    assert str(rec["snoozed_until"])[:7] == periods[3] and not bool(rec["active"])
    ev = window.snapshot.events
    assert ev[(ev["alert_id"] == alert_id) & (ev["kind"] == "note")]["note"].str.contains("snoozed until").any()
    situation = int(rec["situation_id"])
    shown = [inbox.model.situation(r)["situation_id"] for r in range(inbox.model.rowCount())]
    others = window.snapshot.alerts[(window.snapshot.alerts["situation_id"] == situation)
                                    & window.snapshot.alerts["active"].astype(bool)]
    assert (situation in shown) == (not others.empty)  # listed only while another of its alerts is active


def test_a_decision_redraws_the_markers_and_keeps_the_rules_lines(window, qtbot):
    """After a decision the chart is not drawn anew: the alert marker's tooltip says the new
    status, the baseline and threshold stay, the zoom stays."""
    detail = window.inbox.detail
    window.inbox.select_row(0)
    chart = detail.chart
    qtbot.waitUntil(lambda: chart.baseline.isVisible() and not chart.overlay.pending, timeout=20_000)
    alert_id = detail.alert_id
    baseline = chart.baseline.getData()[1].copy()
    chart.plot.getPlotItem().vb.setXRange(0, 1e9, padding=0)
    x_range = chart.plot.getPlotItem().vb.viewRange()[0]
    detail.all_alerts.setChecked(False)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        detail.buttons["acknowledged"].click()
    assert detail.alert_id == alert_id
    tips = [t for t in chart.overlay.alert_tips if t.startswith(f"#{alert_id} ")]
    assert tips and "acknowledged" in tips[0]
    assert chart.baseline.isVisible()
    np.testing.assert_array_equal(chart.baseline.getData()[1], baseline)
    assert chart.plot.getPlotItem().vb.viewRange()[0] == x_range


def test_district_timeline_lists_every_alert_of_the_district(window):
    detail = window.inbox.detail
    window.inbox.select_row(0)
    snap = window.snapshot
    region = int(snap.alerts.loc[snap.alerts["id"] == detail.alert_id, "region_id"].iat[0])
    detail.district_history.setChecked(True)
    ids = {int(detail.timeline.item(r, 2).text().split()[0][1:]) for r in range(detail.timeline.rowCount())}
    assert ids == set(snap.alerts.loc[snap.alerts["region_id"] == region, "id"])
    detail.district_history.setChecked(False)
    situation_ids = {int(a) for a in detail._situation["alert_ids"]}
    assert detail.timeline.rowCount() == int(snap.events["alert_id"].isin(situation_ids).sum())


def test_actor_name_from_settings_is_recorded(window, qtbot):
    from workbench import settings

    settings.update(actor="Amina (field office)")  # View → Your name…; `workbench alert` records it too
    detail = window.inbox.detail
    window.inbox.select_row(0)
    alert_id = detail.alert_id
    detail.note_edit.setText("called the district focal point")
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        detail.note_button.click()
    ev = window.snapshot.events
    mine = ev[(ev["alert_id"] == alert_id) & (ev["kind"] == "note")]
    assert list(mine["actor"]) == ["Amina (field office)"]
    assert list(mine["note"]) == ["called the district focal point"]


def test_dismiss_needs_and_records_a_reason(window, qtbot):
    detail = window.inbox.detail
    window.inbox.select_row(1)
    ids = detail._targets()
    detail.reason_combo.setCurrentIndex(detail.reason_combo.findData("data_error"))
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        detail.buttons["dismissed"].click()
    a = window.snapshot.alerts.set_index("id").loc[ids]
    assert set(a["status"]) == {"dismissed"} and set(a["dismiss_reason"]) == {"data_error"}


def test_heatmap_cells_follow_alerts_and_click_opens_series(window, qtbot):
    from ui.heatmap import risk_matrix

    snap = window.snapshot
    m = risk_matrix(snap)
    assert m.strength.shape == (6, 36)
    top = snap.alerts.sort_values("score").iloc[-1]
    r = int(np.flatnonzero(m.region_ids == top["region_id"])[0])
    c = int(m.months.get_loc(str(top["peak_period"])[:7] + "-01"))
    assert m.strength[r, c] >= {"low": 1, "medium": 2, "high": 3}[top["severity"]]
    assert m.alert[r, c] >= 0
    # No alert in a month before any episode starts.
    assert m.strength[:, 0].max() == 0
    # The heatmap opens on the last six months, labelled month by month; the whole history is
    # one choice away.
    heat = window.heatmap
    heat.set_snapshot(snap)
    assert heat.span.currentData() == 6 and len(heat.matrix.months) == 6
    assert heat.matrix.months[-1] == m.months[-1]
    labels = [t for level in heat.plot.getAxis("bottom")._tickLevels for _pos, t in level]
    assert labels == [f"{mo:%Y-%m}" for mo in m.months[-6:]]
    heat.span.setCurrentIndex(heat.span.findData(0))
    assert heat.matrix.strength.shape == (6, 36)
    window.heatmap.open_cell(c, r)
    assert window.tabs.currentWidget() is window.series_view
    opened = snap.alerts.set_index("id").loc[int(m.alert[r, c])]
    row = window.series_view.current_row
    assert snap.series["region_id"].iat[row] == opened["region_id"]
    assert snap.series["indicator_id"].iat[row] == opened["indicator_id"]


def test_map_imports_boundaries_and_colours_by_risk(window, qtbot, tmp_path):
    import json

    snap = window.snapshot
    districts = snap.regions[snap.regions["level"] == "district"]
    features = []
    for k, name in enumerate(districts["name"]):
        x = float(k)
        features.append({"type": "Feature", "properties": {"name": name},
                         "geometry": {"type": "Polygon",
                                      "coordinates": [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]]}})
    features.append({"type": "Feature", "properties": {"name": "Elsewhere"},
                     "geometry": {"type": "Polygon", "coordinates": [[[9, 9], [10, 9], [10, 10], [9, 9]]]}})
    gj = tmp_path / "b.geojson"
    gj.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    with qtbot.waitSignal(window.project_loaded, timeout=10_000):
        window.import_boundaries(gj)
    view = window.map
    assert len(view.items) == len(districts)
    assert "1 boundaries do not match" in view.hint.text()
    from alerts.views import region_risk, region_risk_recent
    from ui.map_view import RISK_FILL

    # The map opens on where risk rose in the last six months, each district named.
    assert view.measure.currentData() == "raised"
    assert sorted(label.text() for label in view.labels) == sorted(districts["name"])
    raised = region_risk_recent(window.snapshot.alerts, view.recent_since())
    assert view.colours() == {rid: RISK_FILL[raised[rid][0]] if rid in raised else RISK_FILL["none"]
                              for rid in view.items}
    view.measure.setCurrentIndex(view.measure.findData(None))  # active alert risk
    risk = region_risk(window.snapshot.alerts)
    colours = view.colours()
    for rid, colour in colours.items():
        expected = RISK_FILL[risk[rid][0]] if rid in risk else RISK_FILL["none"]
        assert colour == expected
    with qtbot.waitSignal(view.region_requested, timeout=2_000) as blocker:
        view.view.clicked.emit(int(districts["id"].iloc[2]))
    assert blocker.args == [int(districts["id"].iloc[2])]


def test_map_and_heatmap_offer_3_6_or_12_recent_months_and_keep_the_choice(window, qtbot, tmp_path):
    """The recent window: 6 months by default, 3 or 12 one choice away (and the whole history on
    the heatmap); labelled; the colours follow it; the choice is kept in the user's settings."""
    import json

    from alerts.views import region_risk_recent
    from ui.heatmap import RiskHeatmap
    from ui.map_view import RISK_FILL, RiskMap
    from workbench import settings

    snap = window.snapshot
    districts = snap.regions[snap.regions["level"] == "district"]
    gj = tmp_path / "b.geojson"
    gj.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": name}, "geometry": {"type": "Polygon", "coordinates": [
            [[k, 0], [k + 1, 0], [k + 1, 1], [k, 1], [k, 0]]]}} for k, name in enumerate(districts["name"])]}))
    with qtbot.waitSignal(window.project_loaded, timeout=10_000):
        window.import_boundaries(gj)
    view = window.map
    window.tabs.setCurrentWidget(view)
    assert [view.months.itemData(i) for i in range(view.months.count())] == [3, 6, 12]
    assert view.months.currentData() == 6 and view.months_label.text() == "Recent window"
    assert view.months.isVisibleTo(window) and view.months_label.isVisibleTo(window)
    latest = snap.latest_period.to_period("M")
    seen = {}
    for months in (3, 12, 6):
        view.months.setCurrentIndex(view.months.findData(months))
        since = view.recent_since()
        assert since == (latest - (months - 1)).to_timestamp().strftime("%Y-%m-%d")
        assert f"since {since[:7]}" in view.legend.text()
        raised = region_risk_recent(window.snapshot.alerts, since)
        assert view.colours() == {rid: RISK_FILL[raised[rid][0]] if rid in raised else RISK_FILL["none"]
                                  for rid in view.items}
        seen[months] = sum(r[1] for r in raised.values())
        assert settings.load().map_months == months
    assert seen[3] <= seen[6] <= seen[12]  # a longer window holds every alert of a shorter one
    # the window belongs to "raised recently": hidden for the other colourings
    view.measure.setCurrentIndex(view.measure.findData(None))
    assert not view.months.isVisibleTo(window)
    view.measure.setCurrentIndex(view.measure.findData("raised"))
    assert view.months.isVisibleTo(window)
    view.months.setCurrentIndex(view.months.findData(12))
    later = RiskMap(window)  # next time the app starts (owned by the window: deleted with it, on the GUI thread)
    assert later.months.currentData() == 12

    heat = window.heatmap
    heat.set_snapshot(snap)
    assert [heat.span.itemData(i) for i in range(heat.span.count())] == [3, 6, 12, 0]
    assert heat.span.currentData() == 6
    heat.span.setCurrentIndex(heat.span.findData(3))
    assert len(heat.matrix.months) == 3 and settings.load().heatmap_months == 3
    heat.span.setCurrentIndex(heat.span.findData(12))
    assert len(heat.matrix.months) == 12 and settings.load().heatmap_months == 12
    again = RiskHeatmap(window)
    again.set_snapshot(snap)
    assert again.span.currentData() == 12 and len(again.matrix.months) == 12
    assert settings.load().map_months == 12  # the two views keep their own choice


def test_bad_boundaries_file_is_refused_with_a_reason(window, qtbot, tmp_path):
    gj = tmp_path / "b.geojson"
    gj.write_text('{"type": "FeatureCollection", "features": []}')
    with qtbot.waitSignal(window.runner.failed, timeout=10_000):
        window.import_boundaries(gj)
    assert "no polygons" in window.last_error


def test_run_models_from_the_window_fills_the_inbox(qtbot, tmp_path):
    from ui.main_window import MainWindow

    project = write_demo_project(tmp_path / "fresh.wbproj", n_districts=4, n_indicators=2, n_months=36, spikes=2)
    w = MainWindow()
    w._headless = True
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.project_loaded, timeout=10_000):
        w.open_project(project)
    assert w.snapshot.alerts.empty
    assert w.inbox.detail.run_button.isVisibleTo(w.inbox.detail)  # the empty inbox offers the run
    with qtbot.waitSignal(w.refreshed, timeout=60_000):
        w.inbox.detail.run_button.click()
    assert not w.snapshot.alerts.empty
    alerts = w.snapshot.alerts
    assert w.inbox.model.rowCount() == alerts.loc[alerts["active"], "situation_id"].nunique()
    spiked = alerts[alerts["indicator"] == "indicator_1"]["region"]
    assert {"District 001", "District 002"} <= set(spiked)
    # The tree's Risk badge counts ACTIVE alerts only: a district whose alerts all ended
    # long ago has no badge and no colour.
    match = __import__("PySide6.QtCore").QtCore.Qt.MatchRecursive
    for name, rows in alerts.groupby("region"):
        item = w.tree.findItems(name, match)[0]
        n_active = int(rows["active"].sum())
        assert item.text(1).strip() == (str(n_active) if n_active else "")
        assert (item.background(1).style() == __import__("PySide6.QtCore").QtCore.Qt.NoBrush) == (n_active == 0)
    assert int(w.tree.findItems("District 001", match)[0].text(1)) >= 1
    assert (~alerts["active"]).any()  # the demo has ended episodes, so the filter is exercised


def test_an_inbox_with_nothing_active_says_so(window):
    import dataclasses

    snap = window.snapshot
    ended = snap.alerts.assign(active=False, ongoing=False, historical=True, months_since_end=30.0)
    inbox = window.inbox
    inbox.status_combo.setCurrentIndex(inbox.status_combo.findData("active"))
    inbox.set_snapshot(dataclasses.replace(snap, alerts=ended))
    n = ended["situation_id"].nunique()
    assert inbox.model.rowCount() == 0
    assert inbox.count_label.text() == f"nothing needs a decision now ({n} historical)"
    inbox.status_combo.setCurrentIndex(inbox.status_combo.findData("historical"))
    assert inbox.model.rowCount() == n
    assert {inbox.model.data(inbox.model.index(r, 7)) for r in range(n)} == {"2 y ago"}


def test_an_alert_outside_any_situation_is_numbered_as_the_cli_numbers_it(alert_project, tmp_path):
    """A withdrawn alert that was never grouped has no situation: the app and
    ``workbench alerts`` both give it its own id, never another situation's."""
    import shutil
    import sqlite3

    import pandas as pd

    from alerts.listing import alerts_frame, read_alerts
    from alerts.views import situations, situations_for_output

    project = tmp_path / "copy.wbproj"
    shutil.copy(alert_project, project)
    con = sqlite3.connect(project)
    try:
        alert_id = con.execute("SELECT max(id) FROM alert").fetchone()[0]
        con.execute("UPDATE alert SET status = 'withdrawn', situation_id = NULL WHERE id = ?", (alert_id,))
        con.commit()
        regions = pd.read_sql("SELECT id, key, level FROM region", con)
        indicators = pd.read_sql("SELECT id, key FROM indicator", con)
        ui = read_alerts(con, regions=regions, indicators=indicators)
        cli = alerts_frame(con)
    finally:
        con.close()
    situation_of = {int(i): int(row.situation_id) for row in situations_for_output(situations(cli)).itertuples()
                    for i in row.alert_ids.split()}  # what `workbench alerts --situations` lists
    ui_sid = ui.set_index("id")["situation_id"]
    assert ui_sid[alert_id] == situation_of[alert_id] == alert_id
    assert (ui_sid.drop(alert_id) != alert_id).all()
    assert ui_sid.to_dict() == situation_of


def test_inbox_filters_by_when_alerts_were_raised(window, qtbot):
    from alerts.views import situations

    inbox = window.inbox
    inbox.status_combo.setCurrentIndex(inbox.status_combo.findData(None))  # all statuses
    alerts = inbox._snap.alerts.copy()
    ids = sorted(alerts["id"])
    # Ages as a meeting sees them: one alert raised 3 days ago, one 20, the rest 45 days ago.
    alerts["age_days"] = 45.0
    alerts.loc[alerts["id"] == ids[0], "age_days"] = 3.0
    alerts.loc[alerts["id"] == ids[1], "age_days"] = 20.0
    frame = situations(alerts)
    inbox.model.set_alerts(alerts)

    def shown(index: int) -> set[int]:
        inbox.age_combo.setCurrentIndex(index)
        return {int(inbox.model.situation(r)["situation_id"]) for r in range(inbox.model.rowCount())}

    sid = dict(zip(alerts["id"], alerts["situation_id"]))
    assert shown(0) == set(frame["situation_id"])
    assert shown(1) == {sid[ids[0]]}  # new in the last 7 days
    assert shown(2) == {sid[ids[0]], sid[ids[1]]}  # new in the last 30 days
    old = shown(3)  # first alert raised over 30 days ago
    assert old == set(frame.loc[frame["age_days"] > 30, "situation_id"])
    assert sid[ids[0]] not in old or len(alerts[alerts["situation_id"] == sid[ids[0]]]) > 1
    # Asking for an alert's situation clears the age filter so it is listed.
    inbox.age_combo.setCurrentIndex(1)
    assert inbox.select_situation_of_alert(int(ids[-1]))
    assert inbox.age_combo.currentIndex() == 0

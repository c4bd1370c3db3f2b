"""One situation in detail: its alerts, explanation, chart, timeline and the decisions to take.

The buttons are exactly the transitions ``alerts.lifecycle`` allows from the selected
alert's status; the pane emits a request and the window runs the write on the task runner,
so a slow disk never freezes the meeting.
"""

from __future__ import annotations

import html
import json
from typing import Callable

import numpy as np
import pandas as pd
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alerts.explain_text import explanation_said
from alerts.lifecycle import CONSEQUENCE, LIKELIHOOD
from ui.bidi import isolate_numbers, numbers_ltr
from ui.chart import SeriesChart
from ui.derived import derived_series, indicator_label
from ui.elide import ElidedLabel
from ui.flow_layout import FlowLayout
from ui.overlay import (
    SeriesOverlay,
    build_derived_overlay,
    build_overlay,
    cached_overlay,
    markers_overlay,
    models_loaded,
)
from ui.snapshot import ProjectSnapshot
from ui.vocabulary import join_clauses, join_list, method_name, rule_name, term
from workbench.i18n import RIGHT_TO_LEFT
from workbench.vocabulary import (
    ACTIONS, ASSESSMENT, DISMISS_REASONS, OPEN, OUTCOMES, REASON, correction_targets, legal_next, needs,
)

#: One button per action a person can take (the vocabulary's table; labels translated on use).
ACTION_LABELS = ACTIONS


def _series_last(details: object) -> str | None:
    """The last period of the alert's own series with data, as the run recorded it."""
    if isinstance(details, str) and details.startswith("{"):
        value = json.loads(details).get("series_last_period")
        return str(value) if value else None
    return None


class AlertDetail(QWidget):
    """Emits ``transition_requested(alert_ids, to_status, options)``, ``note_requested`` and
    ``snooze_requested(alert_ids, period)``: the decisions ``workbench alert`` takes."""

    transition_requested = Signal(list, str, dict)
    #: (alert id, corrected status, options: note, reason, likelihood, consequence, outcome)
    correction_requested = Signal(int, str, dict)
    #: a decision was refused for an empty field: the inbox scrolls the message into view
    error_shown = Signal(QWidget)
    note_requested = Signal(list, str)
    snooze_requested = Signal(list, str)
    series_requested = Signal(int, int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._snap: ProjectSnapshot | None = None
        self.situation_id: int | None = None
        self._situation: pd.Series | None = None
        self.alert_id: int | None = None

        self.runner = None  # TaskRunner, set by the window: the chart's overlay is computed on it
        self.title = ElidedLabel()
        self.title.setObjectName("situation_title")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.alert_list = QListWidget()
        self.alert_list.setAccessibleName(self.tr("Alerts of this situation"))
        self.alert_list.setMaximumHeight(76)
        self.alert_list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.alert_list.setTextElideMode(Qt.ElideRight)
        self.alert_list.currentItemChanged.connect(self._alert_changed)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextSelectableByMouse)
        # A long unbroken name must wrap or clip, never widen the pane past the window.
        self.explanation.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.chart = SeriesChart()
        self.chart.setMinimumHeight(150)
        self.open_series_button = QPushButton(self.tr("Open in Series tab"))
        self.open_series_button.clicked.connect(self._open_series)

        self.timeline = QTableWidget(0, 4)
        self.timeline.setAccessibleName(self.tr("History of the situation"))
        self.timeline.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("Change"), self.tr("Note")])
        self.timeline.verticalHeader().hide()
        self.timeline.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.timeline.setEditTriggers(QTableWidget.NoEditTriggers)
        self.timeline.setWordWrap(True)
        self.timeline.setTabKeyNavigation(False)

        # Decision area
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Note for the history (what was decided and why)"))
        self.note_edit.setAccessibleName(self.tr("Note for the history"))
        # A decision is about the selected alert; the whole situation is an explicit choice,
        # confirmed in a dialog listing exactly which alerts change.
        self.all_alerts = QCheckBox(self.tr("Apply to the whole situation (asks first)"))
        self.all_alerts.setChecked(False)
        self.reason_combo, self.likelihood, self.consequence, self.outcome = _decision_fields(self)
        # Why a decision was not sent (a field left empty), next to the buttons.
        self.form_error = QLabel()
        self.form_error.setObjectName("decision_error")
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: #c0392b;")
        self.form_error.hide()
        self.verify_box = QGroupBox(self.tr("Verification (risk assessment)"))
        form = QFormLayout(self.verify_box)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        form.addRow(self.tr("Likelihood"), self.likelihood)
        form.addRow(self.tr("Consequence"), self.consequence)
        form.addRow(self.tr("Outcome"), self.outcome)
        self.dismiss_box = QGroupBox(self.tr("Dismissal reason"))
        QVBoxLayout(self.dismiss_box).addWidget(self.reason_combo)
        # The buttons wrap onto a second line on a narrow pane instead of leaving the window.
        self.buttons_box = QWidget()
        self.buttons_row = FlowLayout(self.buttons_box)
        self.buttons: dict[str, QPushButton] = {}
        for status, label in ACTION_LABELS.items():
            button = QPushButton(term(label))
            button.setObjectName(f"action_{status}")
            button.clicked.connect(lambda _=False, s=status: self._request(s))
            self.buttons[status] = button
            self.buttons_row.addWidget(button)
        self.note_button = QPushButton(self.tr("Add note"))
        self.note_button.clicked.connect(self._request_note)
        self.correct_button = QPushButton(self.tr("Correct…"))
        self.correct_button.setObjectName("action_correct")
        self.correct_button.setToolTip(self.tr("Correct the latest decision on this alert (the history keeps both)"))
        self.correct_button.clicked.connect(self.ask_correction)
        # Snooze: hide an open alert from the Active view until a later period of its data.
        # One button with the periods as its menu: a box beside it pushed the buttons onto a
        # second line and took the height from the chart on a laptop.
        self.snooze_menu = QMenu(self)
        self.snooze_menu.triggered.connect(lambda action: self._request_snooze(action.data()))
        self.snooze_button = QPushButton(self.tr("Snooze"))
        self.snooze_button.setObjectName("action_snooze")
        self.snooze_button.setAccessibleName(self.tr("Snooze until"))
        self.snooze_button.setToolTip(self.tr("Hide from the Active view until this period (the history still "
                                              "shows it)"))
        self.snooze_button.setMenu(self.snooze_menu)
        self.buttons_row.addWidget(self.snooze_button)
        self.buttons_row.addWidget(self.note_button)
        self.buttons_row.addWidget(self.correct_button)

        actions = QWidget()
        actions.setObjectName("decision_area")
        al = QVBoxLayout(actions)
        al.setContentsMargins(0, 0, 0, 0)
        al.addWidget(self.note_edit)
        # Side by side when there is room, one above the other on a narrow pane.
        forms = QWidget()
        fl = FlowLayout(forms)
        fl.addWidget(self.verify_box)
        fl.addWidget(self.dismiss_box)
        al.addWidget(forms)
        al.addWidget(self.all_alerts)
        al.addWidget(self.form_error)
        al.addWidget(self.buttons_box)
        self.actions = actions

        # The wrapped texts in a scroll area (which, unlike a splitter, gives a word-wrapped
        # label the height its width needs), then the chart and the history as two tabs: the
        # chart gets the whole height of the pane, which on a 1366x768 laptop is the
        # difference between a usable chart and a strip of 140 pixels.
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 4, 0)
        # The explanation right under the title: on a 1366x768 laptop this pane shows about
        # six lines before it scrolls, and why the alert is there is what the meeting reads
        # first; the alerts of the situation (the selected one highlighted) follow.
        tl.addWidget(self.title)
        tl.addWidget(self.explanation)
        tl.addWidget(self.subtitle)
        tl.addWidget(self.alert_list)
        tl.addStretch(1)
        info = QScrollArea()
        info.setWidget(top)
        info.setWidgetResizable(True)
        info.setFrameShape(QFrame.NoFrame)
        info.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        info.setMinimumHeight(120)
        self._info = info
        chart_pane = QWidget()
        cl = QVBoxLayout(chart_pane)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.chart, 1)
        row = QHBoxLayout()
        row.addWidget(self.open_series_button)
        row.addStretch(1)
        cl.addLayout(row)
        history_pane = QWidget()
        hl = QVBoxLayout(history_pane)
        hl.setContentsMargins(0, 0, 0, 0)
        self.district_history = QCheckBox(self.tr("Timeline of the whole district"))
        self.district_history.setToolTip(self.tr("Every event of every alert ever raised in this district"))
        self.district_history.toggled.connect(self._refresh_timeline)
        hl.addWidget(self.district_history)
        hl.addWidget(self.timeline, 1)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.setAccessibleName(self.tr("Chart and history of the selected alert"))
        self.views.addTab(chart_pane, self.tr("Chart"))
        self.views.addTab(history_pane, self.tr("History"))
        split = QSplitter(Qt.Vertical)
        split.addWidget(info)
        split.addWidget(self.views)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        split.setSizes([150, 400])
        # Not collapsible: the splitter then reports its panes' minimum heights, so on a small
        # screen the inbox's scroll area scrolls instead of squeezing the panes together.
        split.setChildrenCollapsible(False)
        self.timeline.setMinimumHeight(90)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split, 1)
        layout.addWidget(actions)
        self.body = [self.subtitle, self.alert_list, self.explanation, self.views, self.chart,
                     self.open_series_button, self.timeline, actions, self.district_history]
        self.run_button = QPushButton(self.tr("Run the models now"))
        self.run_button.setObjectName("run_models")
        tl.insertWidget(3, self.run_button, 0, Qt.AlignLeft)  # under the subtitle that says to run them
        self.show_situation(None)

    def focus_chain(self) -> list[QWidget]:
        """Keyboard order inside the pane: the alerts, what to look at, then the decision."""
        return [self.alert_list, self.views, self.open_series_button, self.district_history, self.timeline,
                self.note_edit, self.likelihood, self.consequence, self.outcome, self.reason_combo,
                self.all_alerts, *self.buttons.values(), self.snooze_button, self.note_button,
                self.correct_button, self.run_button]

    def panes(self) -> list[tuple[QWidget, QWidget]]:
        """(container, widget to focus) of each pane, for Ctrl+Tab."""
        return [(self._info, self.alert_list), (self.views, self.views.tabBar()), (self.actions, self.note_edit)]

    def set_snapshot(self, snap: ProjectSnapshot) -> None:
        self._snap = snap

    # -- showing ---------------------------------------------------------------------------
    def show_situation(self, situation: pd.Series | None) -> None:
        shown = (id(self._snap), getattr(self._snap, "alerts_generation", 0), None if situation is None else
                 (int(situation["situation_id"]), tuple(int(i) for i in situation["alert_ids"])))
        if situation is not None and shown == getattr(self, "_shown", None):
            return  # the same situation of the same snapshot is already on screen
        self._shown = shown
        keep_alert = self.alert_id
        if situation is None or int(situation["situation_id"]) != self.situation_id:
            self.all_alerts.setChecked(False)  # a group decision is chosen again for each situation
        self._situation = situation
        self.alert_list.blockSignals(True)
        self.alert_list.clear()
        self.alert_list.blockSignals(False)
        empty = situation is None or self._snap is None
        for widget in self.body:
            widget.setVisible(not empty)
        no_alerts = self._snap is None or self._snap.alerts.empty
        self.run_button.setVisible(empty and no_alerts)
        if empty:
            self.situation_id = None
            self.alert_id = None
            self.title.setFullText(self.tr("No alerts yet") if no_alerts else self.tr("No situation selected"))
            self.subtitle.setText(
                self.tr("Run every model and rule over the data to raise alerts (File → Run models, Ctrl+R).")
                if no_alerts else self.tr("Select a situation on the left to see its alerts, chart and history."))
            self.subtitle.show()
            self.explanation.clear()
            self.chart.clear()
            self.timeline.setRowCount(0)
            self._update_buttons(None)
            return
        self.situation_id = int(situation["situation_id"])
        names = dict(zip(self._snap.indicators["key"], self._snap.indicators["name"]))
        indicators = [indicator_label(str(i), names) for i in situation["indicator_list"]]
        self.title.setFullText(f"{situation['region']} — {join_list(indicators)}")
        self.subtitle.setText(numbers_ltr(
            self.tr("%1 alert(s), %2 to %3")
            .replace("%1", str(situation["alerts"]))
            .replace("%2", str(situation["first_period"])[:7])
            .replace("%3", str(situation["last_period"])[:7])
        ))
        alerts = self._snap.alerts.set_index("id").loc[list(situation["alert_ids"])]
        target = None
        for aid, rec in alerts.iterrows():
            item = QListWidgetItem(
                f"#{aid}  {term(rec['severity'])} · {term(rec['status'])} · {indicator_label(str(rec['indicator']), names)}"
                + (f" ({rec['group']})" if rec["group"] else "") + f" · {rule_name(rec['rule'])}"
            )
            item.setData(Qt.UserRole, int(aid))
            self.alert_list.addItem(item)
            if aid == keep_alert:
                target = item
        self.alert_list.setCurrentItem(target or self.alert_list.item(0))

    def select_alert(self, alert_id: int) -> None:
        for i in range(self.alert_list.count()):
            if self.alert_list.item(i).data(Qt.UserRole) == alert_id:
                self.alert_list.setCurrentRow(i)

    def _alert_changed(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None = None) -> None:
        snap = self._snap
        if item is None or snap is None:
            return
        self.alert_id = int(item.data(Qt.UserRole))
        rec = snap.alerts.loc[snap.alerts["id"] == self.alert_id].iloc[0]
        extra = []
        if pd.notna(rec["risk_level"]):
            extra.append(self.tr("risk %1 (likelihood %2, consequence %3), outcome %4")
                         .replace("%1", str(rec["risk_level"])).replace("%2", str(int(rec["likelihood"])))
                         .replace("%3", str(int(rec["consequence"]))).replace("%4", term(str(rec["outcome"]))))
        if pd.notna(rec["dismiss_reason"]):
            extra.append(self.tr("dismissed: %1").replace("%1", term(str(rec["dismiss_reason"]).replace("_", " "))))
        # In the language the app shows (from the parts the run stored; older alerts: English).
        shown = QCoreApplication.instance().property("workbench_language") if QCoreApplication.instance() else None
        text, said = explanation_said(str(rec["explanation"]), rec.get("details"), str(shown or "en"))
        if said in RIGHT_TO_LEFT:  # a right-to-left paragraph even when it opens on a Latin name
            text = isolate_numbers(text)
        self.explanation.setText(
            f"{html.escape(text)}<br><small>" + self.tr("method: %1").replace("%1", method_name(rec["method"]))
            + ("<br>" + join_clauses(extra) if extra else "") + "</small>"
        )
        row = snap.find_series(int(rec["region_id"]), int(rec["indicator_id"]), str(rec["group"]))
        drawn = (id(snap), row, self.alert_id)
        if row is not None:
            key = ("alert", self.alert_id, row)
            full = cached_overlay(snap, key)
            if drawn == getattr(self, "_drawn", None):
                # The same alert after a decision: its markers now (no detector runs, the view
                # keeps its zoom); the rule's lines follow from the runner if anything moved.
                if full is not None:
                    self.chart.set_overlay(full)
                else:
                    self.chart.update_markers(markers_overlay(snap, row))
            else:
                quick = full or markers_overlay(snap, row)
                periods, values = snap.series_values(row)
                self.chart.show_series(periods, values, snap.series_label(row), quick)
            rule = str(rec["rule"])
            self._request_overlay(snap, key, lambda: build_overlay(snap, row, rule))
        else:
            self._show_derived(snap, rec)
        self._drawn = drawn if row is not None else None
        # A between-group series is not in the Series tab's list: it is drawn here only.
        self.open_series_button.setEnabled(row is not None)
        self.open_series_button.setToolTip(
            "" if row is not None else self.tr("This series is derived from the group series at each run; "
                                               "it is drawn here, and its groups are in the Series tab."))
        self._refresh_timeline()
        self._update_buttons(str(rec["status"]), _series_last(rec["details"]))
        self.correct_button.setVisible(self._has_decision(self.alert_id) and bool(correction_targets(str(rec["status"]))))

    def _show_derived(self, snap: ProjectSnapshot, rec: pd.Series) -> None:
        """An alert on a gap, spread or polarization series: rebuild it from the group series;
        never leave the previous alert's chart up."""
        derived = derived_series(snap, int(rec["region_id"]), str(rec["indicator"]))
        if derived is None:
            empty = np.empty(0, "datetime64[D]")
            self.chart.show_series(empty, np.empty(0), self.tr("%1: no data to draw").replace("%1", str(rec["indicator"])))
            return
        key = ("alert", self.alert_id, None)
        quick = cached_overlay(snap, key) or SeriesOverlay(pending=not models_loaded())
        self.chart.show_series(derived.periods, derived.values, derived.label, quick)
        region_id, indicator, rule = int(rec["region_id"]), str(rec["indicator"]), str(rec["rule"])
        self._request_overlay(snap, key, lambda: build_derived_overlay(
            snap, region_id, indicator, derived.periods, derived.values, derived.freq, rule))

    def _request_overlay(self, snap: ProjectSnapshot, key: tuple, make: Callable[[], SeriesOverlay]) -> None:
        """The rule's baseline, band and threshold, computed on the runner (tens of ms)."""
        self._pending_overlay = (snap, key, make)
        if cached_overlay(snap, key) is not None or not models_loaded():
            return
        alert_id = self.alert_id

        def done(ov: SeriesOverlay) -> None:
            if self._snap is snap and self.alert_id == alert_id:
                self.chart.set_overlay(ov)

        def work(progress: object, cancel: object) -> SeriesOverlay:
            return cached_overlay(snap, key, make)

        if self.runner is None:
            done(work(None, None))
        else:
            self.runner.submit("detail_overlay", work, on_done=done)

    def refresh_overlay(self) -> None:
        """Compute the lines of the alert on screen again (the detectors just loaded)."""
        pending = getattr(self, "_pending_overlay", None)
        if pending is not None and pending[0] is self._snap:
            self._request_overlay(*pending)

    def redraw(self) -> None:
        """Draw the selected alert again (once the detectors for its baseline are loaded)."""
        item = self.alert_list.currentItem()
        if item is not None and self._snap is not None:
            self._alert_changed(item)

    def _refresh_timeline(self) -> None:
        """The situation's events, or (for the meeting's "what happened here before") the district's."""
        if self._situation is None or self._snap is None:
            return
        if self.district_history.isChecked():
            a = self._snap.alerts
            ids = a.loc[a["region_id"] == int(self._situation["region_id"]), "id"].astype(int).tolist()
        else:
            ids = [int(x) for x in self._situation["alert_ids"]]
        self._fill_timeline(ids)

    def _fill_timeline(self, alert_ids: list[int]) -> None:
        ev = self._snap.events
        ev = ev[ev["alert_id"].isin(alert_ids)].sort_values("at") if not ev.empty else ev
        self.timeline.setRowCount(len(ev))
        for r, rec in enumerate(ev.itertuples()):
            from_status = rec.from_status if isinstance(rec.from_status, str) else "–"
            change = f"#{rec.alert_id} "
            change += (f"{term(from_status)} → {term(rec.to_status)}" if isinstance(rec.to_status, str)
                       else term(rec.kind))
            details = rec.details if isinstance(rec.details, dict) else {}
            if details.get("correction"):  # a correction, not a decision of its own
                change = f"#{rec.alert_id} {term('correction')}: {term(from_status)} → {term(str(rec.to_status))}"
            note = rec.note if isinstance(rec.note, str) else ""
            if "risk_level" in details:
                note += " [" + self.tr("risk %1, %2").replace("%1", str(details["risk_level"])).replace(
                    "%2", term(str(details.get("outcome")))) + "]"
            if "reason" in details:
                note += f" [{term(str(details['reason']).replace('_', ' '))}]"
            for c, text in enumerate((str(rec.at)[:16].replace("T", " "), rec.actor, change, note)):
                self.timeline.setItem(r, c, QTableWidgetItem(text))
        self.timeline.resizeColumnsToContents()
        self.timeline.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.timeline.scrollToBottom()

    def _update_buttons(self, status: str | None, series_last: str | None = None) -> None:
        legal = set(legal_next(status)) if status else set()
        for s, button in self.buttons.items():
            button.setVisible(s in legal)
        self.note_button.setEnabled(status is not None)
        self.correct_button.setVisible(False)
        self.form_error.hide()
        snoozable = status in OPEN
        self.snooze_button.setVisible(snoozable)
        if snoozable:
            self._fill_snooze_periods(series_last)
        self.verify_box.setVisible(any(ASSESSMENT in needs(s) for s in legal))
        self.dismiss_box.setVisible(any(REASON in needs(s) for s in legal))
        self.all_alerts.setVisible(self._situation is not None and int(self._situation["alerts"]) > 1)

    # -- requests --------------------------------------------------------------------------
    def _has_decision(self, alert_id: int | None) -> bool:
        """Someone moved this alert (there is a decision a correction could correct)."""
        ev = self._snap.events if self._snap is not None else pd.DataFrame()
        if alert_id is None or ev.empty:
            return False
        mine = ev[(ev["alert_id"] == alert_id) & (ev["kind"] == "transition")]
        return bool((mine["from_status"].notna() & mine["to_status"].notna()).any())

    def _targets(self, to_status: str | None = None) -> list[int]:
        """The selected alert; with "whole situation" ticked, every alert of the situation the
        decision applies to (``to_status`` legal from its status; a note or snooze: the open ones)."""
        if self.alert_id is None:
            return []
        if not self.all_alerts.isVisible() or not self.all_alerts.isChecked():
            return [self.alert_id]
        alerts = self._snap.alerts
        ids = [int(a) for a in self._situation["alert_ids"]]
        rows = alerts[alerts["id"].isin(ids)]
        if to_status is not None:
            ok = [to_status in legal_next(st) for st in rows["status"]]
        else:
            ok = list(rows["status"].isin(OPEN))
        chosen = [int(a) for a, keep in zip(rows["id"], ok) if keep]
        return chosen if self.alert_id in chosen else [self.alert_id, *chosen]

    def _confirm_group(self, ids: list[int], what: str) -> bool:
        """Ask before a decision on several alerts, listing exactly which ones change and how."""
        if len(ids) <= 1:
            return True
        alerts = self._snap.alerts.set_index("id").loc[ids]
        dialog = QDialog(self)
        dialog.setObjectName("group_confirmation")
        dialog.setWindowTitle(self.tr("Decide for %1 alerts?").replace("%1", str(len(ids))))
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.tr("This decision will change these %1 alerts:").replace("%1", str(len(ids)))))
        listing = QListWidget()
        listing.setObjectName("group_alerts")
        for aid, rec in alerts.iterrows():
            ended = "" if bool(rec["active"]) else " · " + self.tr("not active (episode ended %1)").replace(
                "%1", str(rec["last_period"])[:7])
            listing.addItem(numbers_ltr(f"#{aid}  {rec['indicator']} · {term(str(rec['status']))} → {what}{ended}"))
        layout.addWidget(listing)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Change %1 alerts").replace("%1", str(len(ids))))
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        self.last_dialog = dialog
        return self.exec_dialog(dialog) == QDialog.Accepted

    def exec_dialog(self, dialog: QDialog) -> int:
        """Run a modal dialog (tests replace this to answer it)."""
        return dialog.exec()

    def _missing(self, to_status: str) -> str:
        """What the decision still needs (empty fields), in words; "" when complete."""
        if REASON in needs(to_status) and self.reason_combo.currentIndex() < 0:
            return self.tr("Choose why the alert is dismissed.")
        if ASSESSMENT in needs(to_status) and min(self.likelihood.currentIndex(), self.consequence.currentIndex(),
                                                  self.outcome.currentIndex()) < 0:
            return self.tr("Verifying records the risk assessment: choose the likelihood, the consequence "
                           "and the outcome.")
        return ""

    def _reset_fields(self) -> None:
        for combo in (self.reason_combo, self.likelihood, self.consequence, self.outcome):
            combo.setCurrentIndex(-1)
        self.note_edit.clear()
        self.all_alerts.setChecked(False)
        self.form_error.hide()

    def _request(self, to_status: str) -> None:
        missing = self._missing(to_status)
        if missing:
            self.form_error.setText(missing)
            self.form_error.show()
            self.error_shown.emit(self.form_error)
            return
        options: dict = {"note": self.note_edit.text().strip() or None}
        if REASON in needs(to_status):
            options["reason"] = self.reason_combo.currentData()
        if ASSESSMENT in needs(to_status):
            options.update(likelihood=int(self.likelihood.currentData()),
                           consequence=int(self.consequence.currentData()),
                           outcome=str(self.outcome.currentData()))
        ids = self._targets(to_status)
        if not self._confirm_group(ids, term(to_status)):
            return
        self.transition_requested.emit(ids, to_status, options)
        self._reset_fields()

    def _request_note(self) -> None:
        text = self.note_edit.text().strip()
        if text and self.alert_id is not None:
            ids = self._targets()
            if not self._confirm_group(ids, self.tr("note")):
                return
            self.note_requested.emit(ids, text)
            self._reset_fields()

    def ask_correction(self) -> None:
        """The correction dialog: the state the alert should be in, what it records, and why."""
        if self.alert_id is None or self._snap is None:
            return
        rec = self._snap.alerts.loc[self._snap.alerts["id"] == self.alert_id].iloc[0]
        dialog = CorrectionDialog(int(self.alert_id), str(rec["status"]), self)
        self.last_dialog = dialog
        if self.exec_dialog(dialog) == QDialog.Accepted:
            self.correction_requested.emit(int(self.alert_id), dialog.status(), dialog.options())

    def _fill_snooze_periods(self, series_last: str | None) -> None:
        """The next months after the alert's own latest data (else the project's): 1, 2, 3 and 6 ahead."""
        snap = self._snap
        latest = pd.Timestamp(series_last) if series_last else (snap.latest_period if snap is not None else None)
        base = (latest or pd.Timestamp.now()).to_period("M")
        self.snooze_menu.clear()
        for ahead in (1, 2, 3, 6):
            period = base + ahead
            # The period as the data write it (2026-03): no month name left in English under
            # another language, and kept whole in a right-to-left sentence.
            action = self.snooze_menu.addAction(numbers_ltr(self.tr("until %1").replace("%1", period.strftime("%Y-%m"))))
            action.setData(period.strftime("%Y-%m"))

    def _request_snooze(self, until: str | None) -> None:
        if until and self.alert_id is not None:
            ids = self._targets()
            if not self._confirm_group(ids, self.tr("snoozed until %1").replace("%1", str(until))):
                return
            self.snooze_requested.emit(ids, str(until))
            self.all_alerts.setChecked(False)

    def _open_series(self) -> None:
        if self.alert_id is None or self._snap is None:
            return
        rec = self._snap.alerts.loc[self._snap.alerts["id"] == self.alert_id].iloc[0]
        self.series_requested.emit(int(rec["region_id"]), int(rec["indicator_id"]), str(rec["group"]))


def _decision_fields(parent: QWidget) -> tuple[QComboBox, QComboBox, QComboBox, QComboBox]:
    """The dismissal reason and the risk assessment, each starting EMPTY: nothing is recorded
    that nobody chose."""
    reason, likelihood, consequence, outcome = (QComboBox(parent) for _ in range(4))
    reason.setAccessibleName(QCoreApplication.translate("AlertDetail", "Dismissal reason"))
    likelihood.setAccessibleName(QCoreApplication.translate("AlertDetail", "Likelihood"))
    consequence.setAccessibleName(QCoreApplication.translate("AlertDetail", "Consequence"))
    outcome.setAccessibleName(QCoreApplication.translate("AlertDetail", "Outcome"))
    for r in DISMISS_REASONS:
        reason.addItem(term(r.replace("_", " ")), r)
    for i, name in enumerate(LIKELIHOOD, 1):
        likelihood.addItem(f"{i} – {term(name)}", i)
    for i, name in enumerate(CONSEQUENCE, 1):
        consequence.addItem(f"{i} – {term(name)}", i)
    for o in OUTCOMES:
        outcome.addItem(term(o), o)
    for combo in (reason, likelihood, consequence, outcome):
        combo.setPlaceholderText(QCoreApplication.translate("AlertDetail", "choose…"))
        combo.setCurrentIndex(-1)
    return reason, likelihood, consequence, outcome


class CorrectionDialog(QDialog):
    """Correct the latest decision on one alert: the state it should be in, what that state
    records (a dismissal reason, a risk assessment), and why the decision was wrong."""

    def __init__(self, alert_id: int, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correction_dialog")
        self.setWindowTitle(self.tr("Correct the decision on alert #%1").replace("%1", str(alert_id)))
        self.target = QComboBox()
        self.target.setAccessibleName(self.tr("Corrected status"))
        for t in correction_targets(status):
            self.target.addItem(term(t), t)
        self.target.setPlaceholderText(QCoreApplication.translate("AlertDetail", "choose…"))
        self.target.setCurrentIndex(-1)
        self.reason, self.likelihood, self.consequence, self.outcome = _decision_fields(self)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Why the decision was wrong"))
        self.note.setPlaceholderText(self.tr("Why the decision was wrong (required)"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("The alert is %1 now. The history keeps the decision and this correction.")
                           .replace("%1", term(status))))
        form.addRow(self.tr("Should be"), self.target)
        form.addRow(self.tr("Dismissal reason"), self.reason)
        form.addRow(self.tr("Likelihood"), self.likelihood)
        form.addRow(self.tr("Consequence"), self.consequence)
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.tr("Why"), self.note)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.target.currentIndexChanged.connect(self._show_fields)
        self._form = form
        self._show_fields()

    def status(self) -> str:
        return str(self.target.currentData() or "")

    def _show_fields(self) -> None:
        wants = needs(self.status()) if self.status() else ()
        for combo in (self.reason,):
            self._form.setRowVisible(combo, REASON in wants)
        for combo in (self.likelihood, self.consequence, self.outcome):
            self._form.setRowVisible(combo, ASSESSMENT in wants)

    def options(self) -> dict:
        wants = needs(self.status())
        out: dict = {"note": self.note.text().strip()}
        if REASON in wants:
            out["reason"] = self.reason.currentData()
        if ASSESSMENT in wants:
            out.update(likelihood=int(self.likelihood.currentData()), consequence=int(self.consequence.currentData()),
                       outcome=str(self.outcome.currentData()))
        return out

    def _accept(self) -> None:
        wants = needs(self.status()) if self.status() else ()
        if not self.status():
            self.error.setText(self.tr("Choose the status the alert should have."))
        elif REASON in wants and self.reason.currentIndex() < 0:
            self.error.setText(self.tr("Choose why the alert is dismissed."))
        elif ASSESSMENT in wants and min(self.likelihood.currentIndex(), self.consequence.currentIndex(),
                                         self.outcome.currentIndex()) < 0:
            self.error.setText(self.tr("Verifying records the risk assessment: choose the likelihood, the "
                                       "consequence and the outcome."))
        elif not self.note.text().strip():
            self.error.setText(self.tr("Say why the decision was wrong."))
        else:
            self.accept()

"""One situation in detail: its alerts, explanation, chart, timeline and the decisions to take.

The buttons are exactly the transitions ``alerts.lifecycle`` allows from the selected
alert's status; the pane emits a request and the window runs the write on the task runner,
so a slow disk never freezes the meeting.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alerts.lifecycle import CONSEQUENCE, LIKELIHOOD
from ui.chart import SeriesChart
from ui.derived import derived_series
from ui.overlay import build_derived_overlay, build_overlay
from ui.snapshot import ProjectSnapshot
from workbench.vocabulary import ACTIONS, ASSESSMENT, DISMISS_REASONS, OPEN, OUTCOMES, REASON, legal_next, needs

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
    note_requested = Signal(list, str)
    snooze_requested = Signal(list, str)
    series_requested = Signal(int, int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._snap: ProjectSnapshot | None = None
        self.situation_id: int | None = None
        self._situation: pd.Series | None = None
        self.alert_id: int | None = None

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.alert_list = QListWidget()
        self.alert_list.setMaximumHeight(76)
        self.alert_list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.alert_list.setTextElideMode(Qt.ElideRight)
        self.alert_list.currentItemChanged.connect(self._alert_changed)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.chart = SeriesChart()
        self.chart.setMinimumHeight(150)
        self.open_series_button = QPushButton(self.tr("Open in Series tab"))
        self.open_series_button.clicked.connect(self._open_series)

        self.timeline = QTableWidget(0, 4)
        self.timeline.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("Change"), self.tr("Note")])
        self.timeline.verticalHeader().hide()
        self.timeline.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.timeline.setEditTriggers(QTableWidget.NoEditTriggers)
        self.timeline.setWordWrap(True)

        # Decision area
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Note for the history (what was decided and why)"))
        self.all_alerts = QCheckBox(self.tr("Apply to every alert of this situation"))
        self.all_alerts.setChecked(True)
        self.reason_combo = QComboBox()
        for r in DISMISS_REASONS:
            self.reason_combo.addItem(self.tr(r.replace("_", " ")), r)
        self.likelihood = QComboBox()
        self.consequence = QComboBox()
        for i, name in enumerate(LIKELIHOOD, 1):
            self.likelihood.addItem(f"{i} – {self.tr(name)}", i)
        for i, name in enumerate(CONSEQUENCE, 1):
            self.consequence.addItem(f"{i} – {self.tr(name)}", i)
        self.outcome = QComboBox()
        for o in OUTCOMES:
            self.outcome.addItem(self.tr(o), o)
        self.verify_box = QGroupBox(self.tr("Verification (risk assessment)"))
        form = QFormLayout(self.verify_box)
        form.addRow(self.tr("Likelihood"), self.likelihood)
        form.addRow(self.tr("Consequence"), self.consequence)
        form.addRow(self.tr("Outcome"), self.outcome)
        self.dismiss_box = QGroupBox(self.tr("Dismissal reason"))
        QVBoxLayout(self.dismiss_box).addWidget(self.reason_combo)
        self.buttons_row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for status, label in ACTION_LABELS.items():
            button = QPushButton(self.tr(label))
            button.setObjectName(f"action_{status}")
            button.clicked.connect(lambda _=False, s=status: self._request(s))
            self.buttons[status] = button
            self.buttons_row.addWidget(button)
        self.note_button = QPushButton(self.tr("Add note"))
        self.note_button.clicked.connect(self._request_note)
        # Snooze: hide an open alert from the Active view until a later period of its data.
        self.snooze_combo = QComboBox()
        self.snooze_combo.setToolTip(self.tr("Hide from the Active view until this period (the history still "
                                             "shows it)"))
        self.snooze_button = QPushButton(self.tr("Snooze"))
        self.snooze_button.setObjectName("action_snooze")
        self.snooze_button.clicked.connect(self._request_snooze)
        self.buttons_row.addStretch(1)
        self.buttons_row.addWidget(self.snooze_combo)
        self.buttons_row.addWidget(self.snooze_button)
        self.buttons_row.addWidget(self.note_button)

        actions = QWidget()
        al = QVBoxLayout(actions)
        al.setContentsMargins(0, 0, 0, 0)
        al.addWidget(self.note_edit)
        forms = QHBoxLayout()
        forms.addWidget(self.verify_box)
        forms.addWidget(self.dismiss_box)
        al.addLayout(forms)
        al.addWidget(self.all_alerts)
        al.addLayout(self.buttons_row)

        # Three panes: the wrapped texts (in a scroll area, which, unlike a splitter, gives a
        # word-wrapped label the height its width needs), the chart, the timeline. With the
        # texts and chart in one pane a narrow detail drew the chart over its buttons.
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 4, 0)
        tl.addWidget(self.title)
        tl.addWidget(self.alert_list)
        tl.addWidget(self.explanation)
        tl.addStretch(1)
        info = QScrollArea()
        info.setWidget(top)
        info.setWidgetResizable(True)
        info.setFrameShape(QFrame.NoFrame)
        info.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        info.setMinimumHeight(175)
        self._info = info
        chart_pane = QWidget()
        cl = QVBoxLayout(chart_pane)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.chart, 1)
        row = QHBoxLayout()
        row.addWidget(self.open_series_button)
        row.addStretch(1)
        self.district_history = QCheckBox(self.tr("Timeline of the whole district"))
        self.district_history.setToolTip(self.tr("Every event of every alert ever raised in this district"))
        self.district_history.toggled.connect(self._refresh_timeline)
        row.addWidget(self.district_history)
        cl.addLayout(row)
        split = QSplitter(Qt.Vertical)
        split.addWidget(info)
        split.addWidget(chart_pane)
        split.addWidget(self.timeline)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 1)
        split.setSizes([190, 260, 120])
        # Not collapsible: the splitter then reports its panes' minimum heights, so on a small
        # screen the inbox's scroll area scrolls instead of squeezing the panes together.
        split.setChildrenCollapsible(False)
        self.timeline.setMinimumHeight(90)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split, 1)
        layout.addWidget(actions)
        self.body = [self.alert_list, self.explanation, chart_pane, self.chart, self.open_series_button,
                     self.timeline, actions, self.district_history]
        self.run_button = QPushButton(self.tr("Run the models now"))
        self.run_button.setObjectName("run_models")
        tl.insertWidget(1, self.run_button, 0, Qt.AlignLeft)
        self.show_situation(None)

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
            self.title.setText(
                self.tr("<h3>No alerts yet</h3>Run every model and rule over the data to raise alerts "
                        "(File → Run models, Ctrl+R).") if no_alerts else
                self.tr("<i>Select a situation on the left to see its alerts, chart and history.</i>")
            )
            self.explanation.clear()
            self.timeline.setRowCount(0)
            self._update_buttons(None)
            return
        self.situation_id = int(situation["situation_id"])
        self.title.setText(
            f"<b>{situation['region']}</b> — {situation['indicators']}<br>"
            + self.tr("%1 alert(s), %2 to %3")
            .replace("%1", str(situation["alerts"]))
            .replace("%2", str(situation["first_period"])[:7])
            .replace("%3", str(situation["last_period"])[:7])
        )
        alerts = self._snap.alerts.set_index("id").loc[list(situation["alert_ids"])]
        target = None
        for aid, rec in alerts.iterrows():
            item = QListWidgetItem(
                f"#{aid}  {self.tr(rec['severity'])} · {self.tr(rec['status'])} · {rec['indicator']}"
                + (f" ({rec['group']})" if rec["group"] else "") + f" · {rec['rule']}"
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
                         .replace("%3", str(int(rec["consequence"]))).replace("%4", str(rec["outcome"])))
        if pd.notna(rec["dismiss_reason"]):
            extra.append(self.tr("dismissed: %1").replace("%1", str(rec["dismiss_reason"]).replace("_", " ")))
        self.explanation.setText(
            f"{rec['explanation']}<br><small>{self.tr('method')}: {rec['method']}"
            + ("<br>" + "; ".join(extra) if extra else "") + "</small>"
        )
        row = snap.find_series(int(rec["region_id"]), int(rec["indicator_id"]), str(rec["group"]))
        drawn = (id(snap), row)
        if row is not None and drawn == getattr(self, "_drawn", None):
            self.chart.update_markers(build_overlay(snap, row))  # the same series: its alerts changed
        elif row is not None:
            periods, values = snap.series_values(row)
            self.chart.show_series(periods, values, snap.series_label(row), build_overlay(snap, row))
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

    def _show_derived(self, snap: ProjectSnapshot, rec: pd.Series) -> None:
        """An alert on a gap, spread or polarization series: rebuild it from the group series;
        never leave the previous alert's chart up."""
        derived = derived_series(snap, int(rec["region_id"]), str(rec["indicator"]))
        if derived is None:
            empty = np.empty(0, "datetime64[D]")
            self.chart.show_series(empty, np.empty(0), self.tr("%1: no data to draw").replace("%1", str(rec["indicator"])))
            return
        overlay = build_derived_overlay(snap, int(rec["region_id"]), str(rec["indicator"]), derived.periods,
                                        derived.values, derived.freq)
        self.chart.show_series(derived.periods, derived.values, derived.label, overlay)

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
            change += f"{from_status} → {rec.to_status}" if isinstance(rec.to_status, str) else self.tr(rec.kind)
            details = rec.details if isinstance(rec.details, dict) else {}
            note = rec.note if isinstance(rec.note, str) else ""
            if "risk_level" in details:
                note += f" [{self.tr('risk')} {details['risk_level']}, {details.get('outcome')}]"
            if "reason" in details:
                note += f" [{str(details['reason']).replace('_', ' ')}]"
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
        snoozable = status in OPEN
        self.snooze_combo.setVisible(snoozable)
        self.snooze_button.setVisible(snoozable)
        if snoozable:
            self._fill_snooze_periods(series_last)
        self.verify_box.setVisible(any(ASSESSMENT in needs(s) for s in legal))
        self.dismiss_box.setVisible(any(REASON in needs(s) for s in legal))
        self.all_alerts.setVisible(self._situation is not None and int(self._situation["alerts"]) > 1)

    # -- requests --------------------------------------------------------------------------
    def _targets(self) -> list[int]:
        if self.alert_id is None:
            return []
        if not self.all_alerts.isVisible() or not self.all_alerts.isChecked():
            return [self.alert_id]
        alerts = self._snap.alerts
        status = alerts.loc[alerts["id"] == self.alert_id, "status"].iat[0]
        ids = [int(a) for a in self._situation["alert_ids"]]
        same = alerts[alerts["id"].isin(ids) & (alerts["status"] == status)]["id"]
        return [int(a) for a in same]

    def _request(self, to_status: str) -> None:
        options: dict = {"note": self.note_edit.text().strip() or None}
        if REASON in needs(to_status):
            options["reason"] = self.reason_combo.currentData()
        if ASSESSMENT in needs(to_status):
            options.update(likelihood=int(self.likelihood.currentData()),
                           consequence=int(self.consequence.currentData()),
                           outcome=str(self.outcome.currentData()))
        self.transition_requested.emit(self._targets(), to_status, options)
        self.note_edit.clear()

    def _request_note(self) -> None:
        text = self.note_edit.text().strip()
        if text and self.alert_id is not None:
            self.note_requested.emit(self._targets(), text)
            self.note_edit.clear()

    def _fill_snooze_periods(self, series_last: str | None) -> None:
        """The next months after the alert's own latest data (else the project's): 1, 2, 3 and 6 ahead."""
        snap = self._snap
        latest = pd.Timestamp(series_last) if series_last else (snap.latest_period if snap is not None else None)
        base = (latest or pd.Timestamp.now()).to_period("M")
        self.snooze_combo.clear()
        for ahead in (1, 2, 3, 6):
            period = base + ahead
            self.snooze_combo.addItem(self.tr("until %1").replace("%1", period.strftime("%b %Y")),
                                      period.strftime("%Y-%m"))

    def _request_snooze(self) -> None:
        until = self.snooze_combo.currentData()
        if until and self.alert_id is not None:
            self.snooze_requested.emit(self._targets(), str(until))

    def _open_series(self) -> None:
        if self.alert_id is None or self._snap is None:
            return
        rec = self._snap.alerts.loc[self._snap.alerts["id"] == self.alert_id].iloc[0]
        self.series_requested.emit(int(rec["region_id"]), int(rec["indicator_id"]), str(rec["group"]))

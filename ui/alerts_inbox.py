"""The alerts inbox: one row per situation, filtered and sorted with numpy, detail beside it.

The filters are :func:`alerts.listing.select_alerts` and the rows :func:`alerts.views.situations`
of what they select, exactly as ``workbench alerts [--active] --situations`` computes them.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alerts.listing import select_alerts
from alerts.meeting import MARKER_KEY, REASONS, marker_time, parse_marker, since_meeting, situation_reasons
from alerts.views import active_counts, situations
from workbench.vocabulary import SEVERITY_RANK, STATUSES, WORST_FIRST
from ui.alert_detail import AlertDetail
from ui.bidi import numbers_ltr
from ui.derived import indicator_label
from ui.elide import ElidedLabel, fit_combo
from ui.flow_layout import FlowLayout
from ui.region_tree import SEVERITY_COLOURS
from ui.snapshot import ProjectSnapshot
from ui.table_model import ColumnsTableModel
from ui.vocabulary import join_list, phrase, term

_Index = QModelIndex | QPersistentModelIndex
# Roles as plain ints: comparing Qt's enum members costs microseconds per cell.
_DISPLAY, _TOOLTIP, _BACKGROUND, _FOREGROUND = (int(r) for r in (Qt.DisplayRole, Qt.ToolTipRole, Qt.BackgroundRole,
                                                                   Qt.ForegroundRole))
_ROLES = frozenset((_DISPLAY, _TOOLTIP, _BACKGROUND, _FOREGROUND))


def age_text(days: float) -> str:
    """How long ago an alert was raised (the tooltip's "raised … ago")."""
    if days < 1:
        return term("today")
    if days < 60:
        return phrase("%1 d", int(days))
    return phrase("%1 mo", int(days // 30))


def episode_text(ongoing: bool, months: float) -> str:
    """The Ended column: "ongoing", or how long before the latest data the episode ended.

    Measured against the project's latest data, not the clock: the question in the
    meeting is whether the situation is still there in the newest figures, and a project
    whose last import is three months old should not make every episode look older.
    """
    if ongoing:
        return term("ongoing")
    if not np.isfinite(months):
        return term("ended")
    if months < 1:
        return term("this month")
    if months < 24:
        return phrase("%1 mo ago", int(months))
    return phrase("%1 y ago", int(months // 12))


def why_text(why: str) -> str:
    """The Why column: the reasons an alert is on the meeting's agenda, translated (``why`` is
    the core's comma-separated list; shown with the language's comma)."""
    return join_list(term(w) for w in why.split(", ") if w)


def status_text(counts: list[tuple[str, int]]) -> str:
    """The Status column of a situation: the status of its alerts - one word when they agree
    ("new"), else each status with how many ("verified 1, new 3"), the status to act on first
    (:func:`alerts.views.situations`, ``status_counts``). A situation groups alerts that may be
    in different states; the meeting must not read "verified" for a row where three of four
    alerts still wait for verification."""
    if len(counts) == 1:
        return term(str(counts[0][0]))
    return join_list(f"{term(str(s))} {int(n)}" for s, n in counts)


def why_tooltip(why: str) -> str:
    """What each reason means, one line each."""
    meaning = {
        "new": QCoreApplication.translate("Vocabulary", "new: raised since the last meeting, still active"),
        "escalated": QCoreApplication.translate("Vocabulary", "escalated: escalated or more severe since the meeting"),
        "changed": QCoreApplication.translate("Vocabulary", "changed: decided on, corrected, or its episode went on"),
        "overdue": QCoreApplication.translate("Vocabulary", "overdue: active and still not verified after a week"),
    }
    return "\n".join(meaning[w] for w in REASONS if w in why.split(", "))


class SituationTableModel(ColumnsTableModel):
    """Rows are positions into the situations frame; sorting and filtering reorder positions."""

    COLUMNS = ("Severity", "Status", "Why", "Region", "Indicators", "Alerts", "Since", "Ended", "Score")
    # "Ended" sorts ongoing episodes first (ascending), then by how long ago they ended.
    _SORT_KEYS = ("_sev", "_status", "why", "region", "indicators_text", "alerts", "first_period", "_ended",
                  "max_score")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._alerts = pd.DataFrame()
        self._labels: dict[str, str] = {}  # indicator key -> the name shown (one label per key)
        self._frame = self._prepared(situations(pd.DataFrame()))
        self._cells = _cells(self._frame)
        self._rows = np.empty(0, dtype=np.int64)
        self._sort = (0, Qt.DescendingOrder)
        self._filter: dict[str, Any] = {"status": None, "severity": None, "text": "", "age": None, "region_ids": None}
        self._events = pd.DataFrame()
        self._since = ""
        self._agenda: pd.DataFrame | None = None

    def set_meeting(self, events: pd.DataFrame, since: str) -> None:
        """The alerts' events and the time of the last meeting, for the "since the meeting" view
        (:func:`alerts.meeting.since_meeting`)."""
        self._events, self._since = events, since
        self._agenda = None

    def set_alerts(self, alerts: pd.DataFrame, *, refilter: bool = True,
                   indicator_names: dict[str, str] | None = None) -> None:
        """The project's alerts (:func:`alerts.listing.read_alerts`); the rows follow the filter
        (``refilter=False``: the caller applies its own filter next). ``indicator_names``: the
        codebook's name of each indicator key, shown in the Indicators column and found by
        the search box (which also still finds the keys)."""
        names = indicator_names or {}
        self._labels = ({str(k): indicator_label(str(k), names) for k in alerts["indicator"].unique()}
                        if len(alerts) else {})
        if names and self._labels:
            alerts = alerts.assign(indicator_name=alerts["indicator"].astype(str).map(self._labels))
        self._alerts = alerts
        self._agenda = None  # computed again on the next "since the meeting" view
        if refilter:
            self.apply_filter(**self._filter)

    def _prepared(self, frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.reset_index(drop=True)
        if "why" not in frame:
            frame["why"] = ""
        # The texts of the Status and Indicators cells, once per filter (not per paint), in the
        # language shown: translated statuses, the language's list separator.
        frame["status_text"] = [status_text(c) for c in frame["status_counts"]] if len(frame) else []
        frame["indicators_text"] = [join_list([self._labels.get(str(k), str(k)) for k in keys])
                                    for keys in frame["indicator_list"]] if len(frame) else []
        frame["_sev"] = frame["severity"].map(SEVERITY_RANK).fillna(0)
        frame["_status"] = frame["status"].map({s: i for i, s in enumerate(STATUSES)})
        frame["_ended"] = np.where(frame["ongoing"].to_numpy(dtype=bool), -1.0,
                                   np.nan_to_num(frame["months_since_end"].to_numpy(dtype=float), nan=1e6))
        return frame

    def apply_filter(self, *, status: str | None, severity: str | None, text: str = "",
                     age: tuple[str, int] | None = None, region_ids: frozenset[int] | None = None) -> int:
        """List the situations of the alerts the filter selects; ``status`` is a status, ``open``,
        ``active`` or ``historical``; ``age`` is ``("within", days)`` - an alert raised in the
        last ``days`` days - or ``("over", days)`` - an alert raised longer ago than that;
        ``status="meeting"``: what is new, escalated, changed or overdue since the last meeting,
        each row saying why; ``region_ids``: only those regions (the tree's choice)."""
        self._filter = {"status": status, "severity": severity, "text": text, "age": age, "region_ids": region_ids}
        frame = situations(pd.DataFrame())
        why: dict[int, str] = {}
        if len(self._alerts):
            base = self._alerts
            if status == "meeting":  # once per alerts, events and marker, not per keystroke
                if self._agenda is None:
                    self._agenda = since_meeting(base, self._events, self._since)
                base = self._agenda
            chosen = select_alerts(
                base, status=None if status in ("active", "historical", "meeting") else status,
                active=status == "active", historical=status == "historical",
                severity=severity, text=text or None, raised=age, region_ids=region_ids,
            )
            frame = situations(chosen)
            if status == "meeting":
                why = situation_reasons(chosen)
        frame["why"] = [why.get(int(s), "") for s in frame["situation_id"]] if len(frame) else []
        self.beginResetModel()
        self._frame = self._prepared(frame)
        self._cells = _cells(self._frame)
        self._rows = np.arange(len(frame), dtype=np.int64)
        self._sort_rows()
        self.endResetModel()
        return int(self._rows.size)

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._sort_rows()
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        if not self._rows.size:
            return
        key = self._frame[self._SORT_KEYS[column]].to_numpy()[self._rows]
        # Ties broken by score so the worst situations still come first within a group.
        score = self._frame["max_score"].to_numpy(dtype=float)[self._rows]
        idx = np.lexsort((-np.nan_to_num(score), key))
        if order == Qt.DescendingOrder:
            idx = np.lexsort((-np.nan_to_num(score), _negate(key)))
        self._rows = self._rows[idx]

    def situation(self, row: int) -> pd.Series:
        return self._frame.iloc[int(self._rows[row])]

    def row_of(self, situation_id: int) -> int | None:
        hit = np.flatnonzero(self._frame["situation_id"].to_numpy()[self._rows] == situation_id)
        return int(hit[0]) if hit.size else None

    def row_count(self) -> int:
        return int(self._rows.size)

    def data(self, index: _Index, role: int = Qt.DisplayRole) -> Any:
        role = int(role)
        if role not in _ROLES or not index.isValid():
            return None  # most of Qt's questions per cell (font, alignment, icon ...): nothing
        i = int(self._rows[index.row()])
        f = self._cells  # numpy columns: a pandas lookup per cell made painting the table slow
        col = index.column()
        if role == _DISPLAY:
            if col == 0:
                return term(f["severity"][i])
            if col == 1:
                return f["status_text"][i]
            if col == 2:
                return why_text(str(f["why"][i]))
            if col == 3:
                return f["region"][i]
            if col == 4:
                return f["indicators_text"][i]
            if col == 5:
                return int(f["alerts"][i])
            if col == 6:
                return str(f["first_period"][i])[:7]
            if col == 7:
                return episode_text(bool(f["ongoing"][i]), float(f["months_since_end"][i]))
            score = f["max_score"][i]
            return "" if pd.isna(score) else f"{score:.3g}"
        if role == _TOOLTIP and col in (3, 4):  # the whole name where the column elides it
            return str(f["region" if col == 3 else "indicators_text"][i])
        if role == _TOOLTIP and col == 1:
            return numbers_ltr(self.tr("The status of each of this situation's %1 alert(s), the status to act "
                                       "on first: %2").replace("%1", str(f["alerts"][i]))
                               .replace("%2", str(f["status_text"][i])))
        if role == _TOOLTIP and col == 2 and f["why"][i]:
            return why_tooltip(str(f["why"][i]))
        if role == _TOOLTIP and col == 6:
            return numbers_ltr(self.tr("flagged from %1 to %2").replace("%1", str(f["first_period"][i])[:7])
                               .replace("%2", str(f["last_period"][i])[:7]))
        if role == _TOOLTIP and col == 7:
            return numbers_ltr(self.tr("last flagged period: %1; raised %2 ago")
                               .replace("%1", str(f["last_period"][i])[:7])
                               .replace("%2", age_text(float(f["age_days"][i]))))
        if role == _BACKGROUND and col == 0:
            return QColor(SEVERITY_COLOURS.get(f["severity"][i], "#999999"))
        if role == _FOREGROUND and col == 0:
            return QColor("white")
        if role == _FOREGROUND and not f["active"][i]:
            return QColor(140, 140, 140)  # decided, or ended long ago: nothing to do now
        return None


_CELL_COLUMNS = ("severity", "status_text", "why", "region", "indicators_text", "alerts", "first_period",
                 "last_period", "ongoing", "months_since_end", "max_score", "age_days", "active")


def _cells(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """The columns ``data()`` reads, as numpy arrays (indexing one is ~100x cheaper than ``.iat``)."""
    return {c: frame[c].to_numpy() for c in _CELL_COLUMNS if c in frame}


def _negate(key: np.ndarray) -> np.ndarray:
    if key.dtype.kind in "if":
        return -key
    codes = pd.factorize(key, sort=True)[0]
    return -codes


class AlertsInboxView(QWidget):
    """Filters over the situation table on the left; the selected situation's detail on the right."""

    series_requested = Signal(int, int, str)
    #: the meeting marker to set (an ISO date), from "Set meeting date…"
    meeting_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SituationTableModel(self)
        self._shown = False  # set when a row's situation was shown (see select_row)
        self.status_combo = QComboBox()
        # The landing view: what moved since the team last met, not every alert ever raised.
        self.status_combo.addItem(self.tr("Since the last meeting"), "meeting")
        self.status_combo.setItemData(0, self.tr("New, escalated, changed or overdue since the last meeting "
                                                 "(the Why column says which)"), Qt.ToolTipRole)
        self.status_combo.addItem(self.tr("Active"), "active")
        self.status_combo.setItemData(1, self.tr("In progress (acknowledged, verified, escalated), or new with "
                                                 "an episode still ongoing in the latest data"), Qt.ToolTipRole)
        self.status_combo.addItem(self.tr("Open (all)"), "open")
        self.status_combo.addItem(self.tr("Historical (ended, never handled)"), "historical")
        self.status_combo.addItem(self.tr("All"), None)
        for s in STATUSES:
            self.status_combo.addItem(term(s), s)
        # Sized for the short choices, the list opens wide: the long labels must not push
        # the detail pane off a 1280-pixel screen.
        self.status_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.status_combo.setMinimumContentsLength(11)
        fit_combo(self.status_combo, self.status_combo.itemText(0))  # the landing view's name, whole
        # A longer choice shown in the box is cut: its tooltip gives it whole.
        self.status_combo.currentIndexChanged.connect(
            lambda *_: self.status_combo.setToolTip(self.status_combo.currentText()))
        self.status_combo.setToolTip(self.status_combo.currentText())
        self.status_combo.view().setMinimumWidth(self.status_combo.view().sizeHintForColumn(0) + 24)
        self.severity_combo = QComboBox()
        self.severity_combo.setToolTip(self.tr("Severity"))
        self.severity_combo.addItem(self.tr("Any severity"), None)
        for s in WORST_FIRST:
            self.severity_combo.addItem(term(s), s)
        self.age_combo = QComboBox()
        self.age_combo.addItem(self.tr("Any age"), None)
        self.age_combo.addItem(self.tr("New, last 7 days"), ("within", 7))
        self.age_combo.addItem(self.tr("New, last 30 days"), ("within", 30))
        self.age_combo.addItem(self.tr("Raised > 30 days ago"), ("over", 30))
        self.age_combo.setToolTip(self.tr("When the alerts were raised: situations with an alert new since "
                                          "the last meeting, or situations first raised long ago"))
        # As narrow as the status box: on a 1280-pixel screen the filter bar must not push
        # the detail pane off the window.
        self.age_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.age_combo.setMinimumContentsLength(8)
        fit_combo(self.age_combo, self.age_combo.itemText(0))
        self.age_combo.view().setMinimumWidth(self.age_combo.view().sizeHintForColumn(0) + 24)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Region or indicator…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(110)
        self.count_label = QLabel()
        # The meeting marker: when the team last met (the last brief, or a date someone set).
        self.meeting_label = ElidedLabel(bold=False)  # elided with a tooltip: it must not widen the pane
        self.meeting_label.setObjectName("meeting_marker")
        self.meeting_button = QPushButton(self.tr("Set meeting date…"))
        self.meeting_button.setObjectName("set_meeting")
        self.meeting_button.setToolTip(self.tr("The date of the last meeting, shared with everyone working on "
                                               "this project (writing a brief sets it too)"))
        self.meeting_button.clicked.connect(self.ask_meeting_date)
        # The tree's district (or province) narrowing the list; the button clears it.
        self.region_button = QPushButton()
        self.region_button.setObjectName("region_filter")
        self.region_button.setToolTip(self.tr("Show every region again"))
        self.region_button.clicked.connect(self.clear_region)
        self.region_button.hide()
        self._region_ids: frozenset[int] | None = None
        self.status_combo.setAccessibleName(self.tr("Status"))
        self.severity_combo.setAccessibleName(self.tr("Severity"))
        self.age_combo.setAccessibleName(self.tr("When raised"))
        self.search.setAccessibleName(self.tr("Search region or indicator"))
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("Region or indicator…") + 30)
        # The filters wrap onto a second line in a narrow pane (150 % scaling on a laptop)
        # rather than making the table's side so wide that the detail leaves the window.
        self.filters = QWidget()
        self.filters.setObjectName("inbox_filters")
        bar = FlowLayout(self.filters)
        status = QWidget()
        sl = QHBoxLayout(status)
        sl.setContentsMargins(0, 0, 0, 0)
        status_label = QLabel(self.tr("Status"))
        status_label.setBuddy(self.status_combo)
        sl.addWidget(status_label)
        sl.addWidget(self.status_combo)
        bar.addWidget(status)
        bar.addWidget(self.severity_combo)  # "Any severity" / "high" ...: it needs no label
        bar.addWidget(self.age_combo)
        bar.addWidget(self.search)
        bar.addWidget(self.region_button)
        bar.addWidget(self.count_label)
        self.meeting_bar = QWidget()
        mb = QHBoxLayout(self.meeting_bar)
        mb.setContentsMargins(0, 0, 0, 0)
        mb.addWidget(self.meeting_label, 1)
        mb.addWidget(self.meeting_button)

        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Situations"))
        # Tab leaves the table for the next pane (arrow keys move between rows and cells).
        self.table.setTabKeyNavigation(False)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        # Indicators takes the room left, but never less than its title needs (a stretched
        # column shrank to "ndicators" at 1366 pixels); the table scrolls instead.
        header.setMinimumSectionSize(36)
        self.table.viewport().installEventFilter(self)
        # Widths from the font, so the columns fit their usual text at any DPI or font size.
        fm = self.table.fontMetrics()

        def fit(col: int, sample: str) -> int:  # the header has room for the sort arrow
            title = term(SituationTableModel.COLUMNS[col])
            return max(fm.horizontalAdvance(sample), fm.horizontalAdvance(title)) + 14

        # Status: as wide as its longest single word; a situation of mixed statuses elides and
        # its tooltip lists them all (a wider column pushed the detail off a 1366-pixel screen).
        widths = {0: fit(0, term("medium")), 1: fit(1, term("acknowledged")), 2: fit(2, why_text("new, escalated")),
                  3: fit(3, "Navarre Plains"), 5: fit(5, "99"), 6: fit(6, "2023-01"), 7: fit(7, phrase("%1 mo ago", 14)),
                  8: fit(8, "13.5")}
        # The sorted column's title also needs room for the sort arrow (the header's own measure).
        widths[0] = max(widths[0], header.sectionSizeFromContents(0).width())
        for col, width in widths.items():
            self.table.setColumnWidth(col, width)
        self._fit_indicators()
        header.sectionResized.connect(lambda col, *_: col != 4 and self._fit_indicators())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.detail = AlertDetail()
        self.detail.series_requested.connect(self.series_requested)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.meeting_bar)
        ll.addWidget(self.filters)
        ll.addWidget(self.table)
        # On a 720-pixel-high laptop the detail (chart, timeline, decision forms) is taller
        # than the window; it scrolls instead of squeezing its parts over each other.
        detail_scroll = QScrollArea()
        detail_scroll.setWidget(self.detail)
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.NoFrame)
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        # The detail never gets narrower than its decision area needs (the splitter would
        # otherwise squeeze it to a sliver on a small screen); the table scrolls instead.
        fm = self.fontMetrics()
        detail_scroll.setMinimumWidth(fm.horizontalAdvance("M") * 24 + 20)
        left.setMinimumWidth(fm.horizontalAdvance("M") * 20)
        self.detail_scroll = detail_scroll
        # Once the message is laid out (it was hidden): scroll the decision area to it.
        self.detail.error_shown.connect(lambda w: QTimer.singleShot(0, lambda: detail_scroll.ensureWidgetVisible(w)))
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(detail_scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([680, 420])  # the detail needs room for its chart in a meeting
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.status_combo.currentIndexChanged.connect(lambda *_: self.refilter())
        self.severity_combo.currentIndexChanged.connect(lambda *_: self.refilter())
        self.age_combo.currentIndexChanged.connect(lambda *_: self.refilter())
        self.search.textChanged.connect(lambda *_: self.refilter())
        self._snap: ProjectSnapshot | None = None
        self._counts = None

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Resize and watched is self.table.viewport():
            self._fit_indicators()
        return super().eventFilter(watched, event)

    def _fit_indicators(self) -> None:
        """The Indicators column fills the table's width, at least as wide as its title with the
        sort arrow (Qt's Stretch mode would shrink it below that)."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != 4 and not header.isSectionHidden(c))
        room = self.table.viewport().width() - others
        header.resizeSection(4, max(room, header.sectionSizeFromContents(4).width()))

    def panes(self) -> list[tuple[QWidget, QWidget]]:
        """(container, widget to focus) of each pane, for Ctrl+Tab: filters, table, then the detail's."""
        return [(self.filters, self.status_combo), (self.table, self.table), *self.detail.panes()]

    def focus_chain(self) -> list[QWidget]:
        return [self.meeting_button, self.status_combo, self.severity_combo, self.age_combo, self.search,
                self.region_button, self.table, *self.detail.focus_chain()]

    def set_snapshot(self, snap: ProjectSnapshot) -> None:
        keep = self.detail.situation_id
        self._snap = snap
        self.detail.set_snapshot(snap)
        self._counts = active_counts(snap.alerts) if len(snap.alerts) else None
        self.marker = parse_marker(snap.meta.get(MARKER_KEY))
        self.model.set_meeting(snap.events, marker_time(self.marker))
        self._show_marker()
        self.model.set_alerts(snap.alerts, refilter=False,
                              indicator_names=dict(zip(snap.indicators["key"], snap.indicators["name"])))
        self.refilter(select_first=False)  # the situation on screen stays selected, drawn once
        row = self.model.row_of(keep) if keep is not None else None
        self.select_row(row if row is not None else 0)

    def refilter(self, *, select_first: bool = True) -> None:
        shown = self.model.apply_filter(
            status=self.status_combo.currentData(),
            severity=self.severity_combo.currentData(),
            text=self.search.text().strip(),
            age=self.age_combo.currentData(),
            region_ids=self._region_ids,
        )
        # The Why column says why a row is on the meeting's agenda; other views have no agenda.
        self.table.setColumnHidden(2, self.status_combo.currentData() != "meeting")
        self._fit_indicators()
        c = self._counts
        total = c.all_situations if c is not None else 0
        historical = c.historical_situations if c is not None else 0
        self.count_label.setText(self.tr("%1 of %2 situations").replace("%1", str(shown)).replace("%2", str(total)))
        self.count_label.setToolTip(
            self.tr("%1 active (in progress, or new with an ongoing episode); %2 historical (ended, never handled)")
            .replace("%1", str(c.active_situations if c is not None else 0)).replace("%2", str(historical)))
        if self.status_combo.currentData() == "meeting" and shown == 0 and total:
            self.count_label.setText(self.tr("nothing moved since the last meeting"))
        if self.status_combo.currentData() == "active" and shown == 0 and total:
            # Say why the inbox is empty, so nobody thinks the run found nothing.
            self.count_label.setText(self.tr("nothing needs a decision now (%1 historical)")
                                     .replace("%1", str(historical)))
        if select_first and shown and not self.table.selectionModel().hasSelection():
            self.select_row(0)

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self._shown = False
            self.table.selectRow(row)
            self.table.setCurrentIndex(index)
            if not self._shown:  # the row stayed current (no signal), but what it holds may be new
                self._row_changed(index)
        else:
            self.detail.show_situation(None)

    def select_situation_of_alert(self, alert_id: int) -> bool:
        if self._snap is None or self._snap.alerts.empty:
            return False
        hit = self._snap.alerts.loc[self._snap.alerts["id"] == alert_id, "situation_id"]
        if hit.empty:
            return False
        self.status_combo.setCurrentIndex(self.status_combo.findData(None))
        self.age_combo.setCurrentIndex(0)  # any age: the alert asked for must be listed
        self.clear_region()
        row = self.model.row_of(int(hit.iat[0]))
        if row is None:
            return False
        self.select_row(row)
        self.detail.select_alert(alert_id)
        return True

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        self._shown = True
        if current.isValid():
            self.detail.show_situation(self.model.situation(current.row()))

    # -- the meeting ----------------------------------------------------------------------
    def _show_marker(self) -> None:
        m = getattr(self, "marker", None)
        if m is None:
            text = self.tr("No meeting recorded yet: showing the last 7 days")
        elif m.source == "brief":
            text = self.tr("Last meeting: %1 (brief written by %2)").replace("%1", m.at[:10]).replace("%2", m.set_by)
        else:
            text = self.tr("Last meeting: %1 (set by %2)").replace("%1", m.at[:10]).replace("%2", m.set_by)
        self.meeting_label.setFullText(numbers_ltr(text))

    def set_marker(self, marker: Any) -> None:
        """A new meeting marker (just written): the Since view starts from it."""
        self.marker = marker
        if self._snap is not None:
            self._snap.meta[MARKER_KEY] = json.dumps(asdict(marker), sort_keys=True)
            self.model.set_meeting(self._snap.events, marker_time(marker))
        self._show_marker()
        self.refilter()

    def ask_meeting_date(self) -> None:
        """A small dialog with a calendar; the window writes the marker (on its runner)."""
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Date of the last meeting"))
        layout = QVBoxLayout(dialog)
        layout.addWidget(QLabel(self.tr("The inbox will show what moved since this date, for everyone "
                                        "working on this project.")))
        edit = QDateEdit(QDate.currentDate())
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMaximumDate(QDate.currentDate())
        edit.setAccessibleName(self.tr("Date of the last meeting"))
        m = getattr(self, "marker", None)
        if m is not None:
            edit.setDate(QDate.fromString(m.at[:10], "yyyy-MM-dd"))
        layout.addWidget(edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        self.meeting_dialog = dialog  # for tests
        self.meeting_date_edit = edit
        if self.exec_dialog(dialog) == QDialog.Accepted:
            self.meeting_requested.emit(edit.date().toString("yyyy-MM-dd"))

    def exec_dialog(self, dialog: QDialog) -> int:
        """Run a modal dialog (tests replace this to answer it)."""
        return dialog.exec()

    # -- the tree's region ------------------------------------------------------------------
    def filter_region(self, region_id: int) -> None:
        """List only this region's situations (a province: its districts'), as the tree chose."""
        snap = self._snap
        if snap is None or snap.regions.empty:
            return
        regions = snap.regions
        ids = {int(region_id)}
        frontier = ids
        while frontier:  # the region and everything below it
            below = set(regions.loc[regions["parent_id"].isin(list(frontier)), "id"].astype(int))
            frontier = below - ids
            ids |= below
        self._region_ids = frozenset(ids)
        name = snap.region_name(int(region_id))
        self.region_button.setText(self.tr("%1 ✕").replace("%1", name))
        self.region_button.setAccessibleName(self.tr("Showing %1 only: show every region").replace("%1", name))
        self.region_button.show()
        self.refilter()

    def clear_region(self) -> None:
        if self._region_ids is None:
            return
        self._region_ids = None
        self.region_button.hide()
        self.refilter()

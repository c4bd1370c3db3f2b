"""A short first-run tour: what each screen is for, and how to bring your own file in.

Shown once, on the first start (which opens a copy of the sample project), and remembered in
the settings file; Help → Guided tour opens it again. Each step switches to the screen it
talks about and draws a frame around it, so the words and the place on screen go together.
The tour only reads the window's public widgets; it never changes the project.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt
from PySide6.QtGui import QAction, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench import settings as user_settings


@dataclass(frozen=True)
class TourStep:
    """One page of the tour: the words, the tab to show and the widget to frame."""

    title: str
    text: str
    target: Callable[[QMainWindow], QWidget | None]
    tab: str | None = None


def _attr(name: str) -> Callable[[QMainWindow], QWidget | None]:
    return lambda window: getattr(window, name, None)


def _region_dock(window: QMainWindow) -> QWidget | None:
    tree = getattr(window, "tree", None)
    return tree.parentWidget() if tree is not None and tree.parentWidget() is not None else tree


def tour_steps() -> list[TourStep]:
    """The pages, in the order an analyst meets the screens in a weekly review."""
    # Written out as QCoreApplication.translate("Tour", ...) so that lupdate files each text
    # under the context it is looked up in.
    return [
        TourStep(
            QCoreApplication.translate("Tour", "Welcome"),
            QCoreApplication.translate("Tour", "This is your own copy of the sample project: invented monthly indicators for the 60 "
               "districts of the Republic of Meridia. Try anything here (import, run the models, work "
               "the alerts); it never touches your real data. The next pages show the four screens "
               "you will use most."),
            lambda window: None,
        ),
        TourStep(
            QCoreApplication.translate("Tour", "Regions"),
            QCoreApplication.translate("Tour", "Provinces and their districts. The badge counts the active alerts and its colour is "
               "the most severe of them (no badge: nothing needs a decision there now); the bar "
               "shows how complete each district's data is. Click a district to see its series."),
            _region_dock,
        ),
        TourStep(
            QCoreApplication.translate("Tour", "Alerts inbox"),
            QCoreApplication.translate("Tour", "Active situations, most severe first: alerts in progress and new ones whose episode "
               "is still ongoing ('Historical' in the filter lists episodes that ended long ago). "
               "Select one to read why it fired (the method, the value, the baseline and the "
               "threshold), then acknowledge, verify, escalate, dismiss "
               "with a reason or close it. Every decision is kept with who made it and when."),
            _attr("inbox"),
            tab="Alerts",
        ),
        TourStep(
            QCoreApplication.translate("Tour", "Series chart"),
            QCoreApplication.translate("Tour", "One indicator in one district over time: its baseline, thresholds, alert markers and "
               "forecast band. Drag to pan, scroll to zoom; File → Export chart saves a picture."),
            _attr("series_view"),
            tab="Series",
        ),
        TourStep(
            QCoreApplication.translate("Tour", "Import your own file"),
            QCoreApplication.translate("Tour", "Start your own project with File → New project, then File → Import spreadsheet "
               "(Ctrl+I), or drop an .xlsx, .xls, .ods or .csv file on this window. The wizard shows "
               "what it recognised and which rows it rejected and why; fix the mapping once and it "
               "is reused next month. Then File → Run models (Ctrl+R) raises the alerts."),
            lambda window: window.menuBar(),
        ),
        TourStep(
            QCoreApplication.translate("Tour", "That's it"),
            QCoreApplication.translate("Tour", "Help → Guided tour shows these pages again at any time."),
            lambda window: None,
        ),
    ]


class Spotlight(QWidget):
    """A frame drawn over the main window around the widget a tour step talks about."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.target: QWidget | None = None
        window.installEventFilter(self)
        self.hide()

    def point_at(self, target: QWidget | None) -> None:
        self.target = target
        if target is None or not target.isVisible():
            self.hide()
            return
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.update()

    def target_rect(self) -> QRect:
        """The target's rectangle in the window's coordinates (empty when there is none)."""
        if self.target is None:
            return QRect()
        top_left = self.target.mapTo(self.parentWidget(), self.target.rect().topLeft())
        return QRect(top_left, self.target.size())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        rect = self.target_rect().adjusted(2, 2, -3, -3)
        if rect.isEmpty():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#e8a317"), 4))
        painter.drawRoundedRect(rect, 6, 6)
        painter.end()


class TourDialog(QDialog):
    """Non-modal, so the user can click around the screen a step is talking about."""

    def __init__(self, window: QMainWindow, steps: list[TourStep] | None = None) -> None:
        super().__init__(window)
        self.window_ = window
        self.steps = steps if steps is not None else tour_steps()
        self.index = 0
        self.spotlight = Spotlight(window)
        self.setWindowTitle(self.tr("Guided tour"))
        self.setModal(False)
        self.setMinimumWidth(420)
        self.title_label = QLabel()
        self.title_label.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.text_label.setMinimumHeight(96)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.counter = QLabel()
        self.back_button = QPushButton(self.tr("Back"))
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close tour"))
        self.back_button.clicked.connect(lambda: self.go(self.index - 1))
        self.next_button.clicked.connect(self._next)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counter)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label, 1)
        layout.addLayout(buttons)
        self.go(0)

    def go(self, index: int) -> None:
        """Show step ``index``: switch to its tab, frame its widget, update the buttons."""
        self.index = max(0, min(index, len(self.steps) - 1))
        step = self.steps[self.index]
        if step.tab and hasattr(self.window_, "select_tab"):
            self.window_.select_tab(step.tab)
        self.title_label.setText(step.title)
        self.text_label.setText(step.text)
        self.counter.setText(self.tr("%1 of %2").replace("%1", str(self.index + 1)).replace("%2", str(len(self.steps))))
        self.back_button.setEnabled(self.index > 0)
        last = self.index == len(self.steps) - 1
        self.next_button.setText(self.tr("Done") if last else self.tr("Next"))
        self.spotlight.point_at(step.target(self.window_))
        self._move_clear_of(self.spotlight.target_rect())

    def _move_clear_of(self, target: QRect) -> None:
        """Park the dialog in the window corner that hides least of the framed widget."""
        self.adjustSize()
        frame = self.window_.geometry()  # global coordinates of the window's client area
        size = self.size()
        margin = 24
        xs = (frame.left() + margin, frame.right() - size.width() - margin)
        ys = (frame.top() + margin + 40, frame.bottom() - size.height() - margin)
        target_global = QRect(self.window_.mapToGlobal(target.topLeft()), target.size())

        def hidden(x: int, y: int) -> int:
            overlap = QRect(x, y, size.width(), size.height()).intersected(target_global)
            return overlap.width() * overlap.height() if not overlap.isEmpty() else 0

        if target.isEmpty():  # nothing framed: the middle of the window reads best
            self.move(frame.center().x() - size.width() // 2, frame.center().y() - size.height() // 2)
            return
        # prefer the bottom corners (the tabs and menus are at the top), then the least overlap
        x, y = min(((x, y) for y in reversed(ys) for x in reversed(xs)), key=lambda p: hidden(*p))
        self.move(x, y)

    def _next(self) -> None:
        if self.index == len(self.steps) - 1:
            self.close()
        else:
            self.go(self.index + 1)

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        self.spotlight.point_at(None)
        super().closeEvent(event)


def tour_seen() -> bool:
    return user_settings.load().tour_seen


def show_tour(window: QMainWindow) -> TourDialog:
    """Open the tour at its first page and remember that it was shown."""
    dialog = getattr(window, "_tour", None)
    if isinstance(dialog, TourDialog):  # reuse it: one tour (and one spotlight) per window
        dialog.go(0)
    else:
        dialog = TourDialog(window)
        window._tour = dialog  # type: ignore[attr-defined] - keep it alive while non-modal
    dialog.show()
    dialog.raise_()
    user_settings.update(tour_seen=True)
    return dialog


def _help_menu(window: QMainWindow) -> QMenu:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "").lower() == "help":
            return menu
    return window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))


def install_tour(window: QMainWindow, *, first_run: bool | None = None) -> QAction:
    """Add Help → Guided tour; on a first run, show the tour once the project has loaded."""
    action = QAction(QCoreApplication.translate("MainWindow", "Guided &tour"), window)
    action.setStatusTip(QCoreApplication.translate("MainWindow", "Show the short introduction to the screens again"))
    action.triggered.connect(lambda: show_tour(window))
    menu = _help_menu(window)
    menu.insertAction(menu.actions()[0] if menu.actions() else None, action)
    if first_run is None:
        first_run = not tour_seen()
    if first_run:
        loaded = getattr(window, "project_loaded", None)
        if loaded is None or getattr(window, "project_path", None) is None:
            show_tour(window)
        else:
            def once(_snapshot: object) -> None:
                loaded.disconnect(once)
                show_tour(window)

            loaded.connect(once)
    return action

"""Light and dark palettes, the chart colours that go with them, and a visible focus ring.

The dark palette is for projecting in a dim meeting room. Switching theme at run time must
re-style what is already on screen: Qt widgets follow the application palette by
themselves, pyqtgraph plots do not (their background, axes and texts are set when they are
built), so :func:`restyle_plots` walks the window's plots and every
:class:`ui.chart.SeriesChart` re-applies its own colours.

Disabled controls get their own, greyed colour group: a palette that sets every group to
the same colours (as ``QPalette.setColor(role, colour)`` does) makes a disabled button look
exactly like an enabled one.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFocusFrame, QWidget

THEMES = ("light", "dark")


@dataclass(frozen=True)
class ChartColours:
    background: str
    foreground: str
    value: str
    baseline: str
    band: tuple[int, int, int, int]
    threshold: str
    fixed: str
    flagged: str
    alert: str
    alert_edge: str
    forecast: str
    forecast_band: tuple[int, int, int, int]
    note: str
    grid_alpha: float = 0.2


CHART = {
    "light": ChartColours(
        background="#ffffff", foreground="#333333", value="#1f4e79", baseline="#4a7fb8",
        band=(90, 140, 200, 55), threshold="#c0392b", fixed="#7d3c98", flagged="#e67e22", alert="#d62728",
        alert_edge="#ffffff", forecast="#6f6f6f", forecast_band=(160, 160, 160, 70), note="#8a5a00",
    ),
    "dark": ChartColours(
        background="#1e1f22", foreground="#d0d0d0", value="#8cc4ff", baseline="#7fb0e6",
        band=(110, 160, 230, 60), threshold="#ff4f4f", fixed="#c39bd3", flagged="#ffd166", alert="#ff4f4f",
        alert_edge="#1e1f22", forecast="#b0b0b0", forecast_band=(170, 170, 170, 60), note="#f0c36d",
        grid_alpha=0.25,
    ),
}

_PALETTES = {
    "dark": {
        QPalette.Window: "#2b2d30", QPalette.WindowText: "#e6e6e6", QPalette.Base: "#1e1f22",
        QPalette.AlternateBase: "#2b2d30", QPalette.Text: "#e6e6e6", QPalette.Button: "#3c3f41",
        QPalette.ButtonText: "#e6e6e6", QPalette.Highlight: "#3d6fb6",
        QPalette.HighlightedText: "#ffffff", QPalette.ToolTipBase: "#3c3f41",
        QPalette.ToolTipText: "#e6e6e6", QPalette.PlaceholderText: "#9a9a9a",
        QPalette.Link: "#8ab4f8", QPalette.BrightText: "#ffffff", QPalette.Light: "#4a4d50",
        QPalette.Midlight: "#404346", QPalette.Mid: "#2f3133", QPalette.Dark: "#1a1b1d", QPalette.Shadow: "#0d0d0e",
    },
    "light": {
        QPalette.Window: "#f3f4f6", QPalette.WindowText: "#1d1f23", QPalette.Base: "#ffffff",
        QPalette.AlternateBase: "#f5f7fa", QPalette.Text: "#1d1f23", QPalette.Button: "#e9ebee",
        QPalette.ButtonText: "#1d1f23", QPalette.Highlight: "#2f6fb5",
        QPalette.HighlightedText: "#ffffff", QPalette.ToolTipBase: "#ffffe8",
        QPalette.ToolTipText: "#1d1f23", QPalette.PlaceholderText: "#808080",
        QPalette.Link: "#1f5fa8",
    },
}
#: What a disabled control shows: greyed text on a flatter button, clearly not clickable.
_DISABLED = {
    "dark": {QPalette.WindowText: "#7a7a7a", QPalette.Text: "#7a7a7a", QPalette.ButtonText: "#6e6e6e",
             QPalette.Button: "#313335", QPalette.Base: "#25262a", QPalette.Highlight: "#4a4d50",
             QPalette.HighlightedText: "#9a9a9a"},
    "light": {QPalette.WindowText: "#9a9ca0", QPalette.Text: "#9a9ca0", QPalette.ButtonText: "#a4a6aa",
              QPalette.Button: "#f1f2f4", QPalette.Base: "#f1f2f4", QPalette.Highlight: "#c8cdd3",
              QPalette.HighlightedText: "#ffffff"},
}


def current_theme() -> str:
    app = QApplication.instance()
    theme = app.property("workbench_theme") if app is not None else None
    return theme if theme in THEMES else "light"


def chart_colours(theme: str | None = None) -> ChartColours:
    return CHART[theme or current_theme()]


def palette_for(theme: str) -> QPalette:
    palette = QPalette()
    for role, colour in _PALETTES[theme].items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DISABLED[theme].items():
        palette.setColor(QPalette.Disabled, role, QColor(colour))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """Set the application palette and pyqtgraph's defaults for plots built from now on."""
    theme = theme if theme in THEMES else "light"
    colours = CHART[theme]
    pg.setConfigOptions(background=colours.background, foreground=colours.foreground)
    app.setPalette(palette_for(theme))
    app.setProperty("workbench_theme", theme)


def style_plot_item(plot: pg.PlotItem, theme: str | None = None) -> None:
    """Axes, their labels and the title of a plot in the theme's foreground colour."""
    c = chart_colours(theme)
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name) if name in plot.axes else None
        if axis is not None:
            axis.setPen(pg.mkPen(c.foreground))
            axis.setTextPen(pg.mkPen(c.foreground))
    if plot.titleLabel is not None and plot.titleLabel.text:
        plot.titleLabel.setText(plot.titleLabel.text, color=c.foreground)


def restyle_plots(root: QWidget, theme: str | None = None) -> None:
    """Re-style every plot under ``root`` for the current theme (after a switch at run time).

    A widget that styles its plots itself says so with ``restyle_with_plots = True`` and is
    asked to ``apply_theme()`` (so this module needs to import no chart)."""
    c = chart_colours(theme)
    for chart in root.findChildren(QWidget):
        if getattr(chart, "restyle_with_plots", False):
            chart.apply_theme()
    for view in root.findChildren(pg.GraphicsView):
        view.setBackground(c.background)
        scene = view.scene()
        for item in scene.items() if scene is not None else ():
            if isinstance(item, pg.PlotItem):
                style_plot_item(item, theme)


class FocusRing(QFocusFrame):
    """A focus ring that is always visible: a 2-pixel frame in the highlight colour around
    whatever has the keyboard focus (Fusion itself draws only a faint dotted rectangle, and
    none at all around item views). A ``QFocusFrame`` follows its widget and sits in the
    margin Fusion gives it (2 pixels); only this one widget paints in Python, so the style
    itself stays Qt's (a Python style is asked thousands of questions per layout)."""

    RING = 2

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing, True)
        pen = QPen(self.palette().color(QPalette.Active, QPalette.Highlight), self.RING)
        pen.setJoinStyle(Qt.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.NoBrush)
        r: QRect = self.rect().adjusted(1, 1, -1, -1)
        painter.drawRoundedRect(r, 3, 3)
        painter.end()


def ensure_look(app: QApplication) -> None:
    """Fusion and the focus ring, on whatever created the application (``make_app``, a
    test's QApplication)."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    install_focus_ring(app)


def install_focus_ring(app: QApplication) -> None:
    """One QFocusFrame that follows the keyboard focus across the application."""
    if app.property("workbench_focus_ring"):
        return
    app.setProperty("workbench_focus_ring", True)
    holder: dict[str, FocusRing | None] = {"frame": None}

    def follow(_old: QWidget | None, new: QWidget | None) -> None:
        frame = holder["frame"]
        try:
            if frame is not None:
                frame.setWidget(None)  # type: ignore[arg-type]  # Qt takes None: follow no widget
        except RuntimeError:  # it went with the window it was in
            frame = holder["frame"] = None
        if new is None or new.isWindow() or new.parentWidget() is None:
            return
        if frame is None:
            frame = holder["frame"] = FocusRing(new.parentWidget())
            frame.setObjectName("workbench_focus_ring")
        frame.setWidget(new)

    app.focusChanged.connect(follow)

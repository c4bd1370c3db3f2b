"""A one-line label that elides a long text with "…" and shows all of it as a tooltip.

Qt's item views elide by themselves; a ``QLabel`` does not, and a long district or
indicator name in one widened its pane until the chart or the buttons beside it left the
window. Hand-written because Qt has no eliding label; it is ``QFontMetrics.elidedText`` on
every resize.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QStyle, QStyleOptionComboBox, QWidget


class ElidedLabel(QLabel):
    """Plain text on one line; as wide as its pane allows, never wider."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, bold: bool = True) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.PlainText)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.setMinimumWidth(40)
        if bold:
            font = self.font()
            font.setBold(True)
            self.setFont(font)
        self.setFullText(text)

    def fullText(self) -> str:  # noqa: N802 - Qt naming
        return self._full

    def setFullText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self._full = text or ""
        self.setAccessibleName(self._full)
        self._elide()

    def isElided(self) -> bool:  # noqa: N802 - Qt naming
        return self.text() != self._full

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self.minimumWidth(), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.width() - 2, 10)
        shown = self.fontMetrics().elidedText(self._full, Qt.ElideRight, width)
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


def combo_text_room(combo: QComboBox) -> int:
    """The width a combo box has for its current text (its edit field, arrow and frame excluded)."""
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    return combo.style().subControlRect(QStyle.CC_ComboBox, opt, QStyle.SC_ComboBoxEditField, combo).width()


def fit_combo(combo: QComboBox, text: str) -> None:
    """Make ``combo`` at least wide enough to show ``text`` whole (the style's own arithmetic for
    frame, margins and arrow), in the font and language shown: a minimum contents length in
    characters cut "Since the last meeting" to "Since the last mee"."""
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    fm = combo.fontMetrics()
    need = combo.style().sizeFromContents(QStyle.CT_ComboBox, opt, QSize(fm.horizontalAdvance(text) + 4, fm.height()),
                                          combo)
    combo.setMinimumWidth(need.width())

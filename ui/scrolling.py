"""A wizard page's content in a scroll area, so that no page forces its dialog past the screen.

At 150 % scaling a 1366x768 laptop leaves 911x512 to lay out; a page taller than that made
the import wizard taller than the screen, with Next and Cancel out of reach.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


def scrolling_body(page: QWidget) -> QWidget:
    """A widget to lay the page's content out on; it scrolls when the dialog is small."""
    body = QWidget()
    scroll = QScrollArea(page)
    scroll.setWidget(body)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.NoFrame)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return body

"""Dates and numbers inside right-to-left sentences.

In an Arabic sentence the Unicode bidirectional algorithm turns the digits that follow
Arabic letters into "Arabic numbers", which a hyphen does not join: "آخر فترة 2025-12"
is shown as "12-2025", and "2026-12-04 19:36" comes out in pieces. Wrapping each run of
digits and separators in left-to-right marks (U+200E) keeps it one left-to-right run, as
it is written in the data; a right-to-left mark in front keeps the paragraph right to left.
Under a left-to-right language the text is left as it is.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

LRM = "\u200e"
RLM = "\u200f"
_RUN = re.compile(r"[+\-−]?\d[\d.,:/\-–]*\d%?|\d%?")


def right_to_left() -> bool:
    app = QApplication.instance()
    return app is not None and app.layoutDirection() == Qt.RightToLeft


def numbers_ltr(text: str) -> str:
    """``text`` with every date, time or number kept left to right under an RTL layout."""
    if not text or not right_to_left():
        return text
    return isolate_numbers(text)


def isolate_numbers(text: str) -> str:
    """``text`` with every date, time or number kept one left-to-right run in a right-to-left
    paragraph, whatever the app's layout (the PDF brief's language may differ from the app's)."""
    if not text:
        return text
    # A leading right-to-left mark: a text that now starts with a left-to-right mark must
    # still be laid out as a right-to-left paragraph.
    return RLM + _RUN.sub(lambda m: f"{LRM}{m.group(0)}{LRM}", text)

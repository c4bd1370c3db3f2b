"""Drawing helpers for the PDF brief: millimetre coordinates, wrapped text, badges, charts.

QPdfWriter paints in device pixels at its resolution; briefs are laid out in millimetres so
the same code reads well on A4 and Letter. A right-to-left brief (Arabic) is laid out by the
same code: the canvas mirrors every x (what is drawn at the left edge goes to the right edge),
sets the painter's and the text documents' direction to right to left (so "left" alignment is
the start of the line, on the right), and keeps each date and number one left-to-right run
(:func:`ui.bidi.isolate_numbers`). Charts are not mirrored: time runs left to right in every
language, as in the desktop. Text goes through QTextDocument (wrapping, bold
runs) bound to the writer, so point sizes are true points on paper. Charts are painted on an
image at print resolution. Everything here may run on a worker thread (no widgets).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor, QFont, QFontMetricsF, QImage, QPainter, QPdfWriter, QPen, QTextDocument, QTextOption,
)

from ui.bidi import isolate_numbers

FONT_FAMILY = "DejaVu Sans"
SEVERITY_COLOUR = {"high": "#c0392b", "medium": "#e67e22", "low": "#f1c40f"}
SEVERITY_TEXT = {"high": "#ffffff", "medium": "#ffffff", "low": "#333333"}
INK = "#222222"
MUTED = "#666666"
ACCENT = "#1f4e79"


class Canvas:
    """A painter on one PDF with a millimetre coordinate system inside the page margins."""

    def __init__(self, writer: QPdfWriter, rtl: bool = False) -> None:
        self.writer = writer
        self.painter = QPainter(writer)
        self.px_per_mm = writer.resolution() / 25.4
        rect = writer.pageLayout().paintRectPixels(writer.resolution())
        self.width_mm = rect.width() / self.px_per_mm
        self.height_mm = rect.height() / self.px_per_mm
        self.rtl = False
        self.set_direction(rtl)
        # Arabic has no italic (and DejaVu Sans Oblique has no Arabic letters: they would print
        # as empty boxes), so a right-to-left brief sets its asides upright.
        self.italic = not rtl

    def set_direction(self, rtl: bool) -> None:
        """Lay out what follows right to left (mirrored x, right-to-left text) or left to right."""
        self.rtl = rtl
        self.painter.setLayoutDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)

    @contextmanager
    def left_to_right(self) -> Iterator[None]:
        """A part drawn left to right whatever the brief's direction (a grid of months)."""
        was = self.rtl
        self.set_direction(False)
        try:
            yield
        finally:
            self.set_direction(was)

    def mm(self, v: float) -> float:
        return v * self.px_per_mm

    def x(self, x: float, w: float = 0.0) -> float:
        """The page's x (mm) of a box at ``x`` of width ``w`` in the brief's direction."""
        return self.width_mm - x - w if self.rtl else x

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(self.mm(self.x(x, w)), self.mm(y), self.mm(w), self.mm(h))

    def bidi(self, s: str) -> str:
        """``s`` with its dates and numbers kept whole inside right-to-left text."""
        return isolate_numbers(s) if self.rtl else s

    def font(self, size: float, bold: bool = False, italic: bool = False) -> QFont:
        f = QFont(FONT_FAMILY)
        f.setPointSizeF(size)
        f.setBold(bold)
        f.setItalic(italic and self.italic)
        return f

    def text(self, x: float, y: float, w: float, h: float, s: str, size: float = 9, *, bold: bool = False,
             italic: bool = False, colour: str = INK, align: Qt.AlignmentFlag = Qt.AlignLeft | Qt.AlignVCenter) -> None:
        """One line (or a box) of plain text, elided to the box width."""
        p = self.painter
        f = self.font(size, bold, italic)
        p.setFont(f)
        p.setPen(QColor(colour))
        elided = QFontMetricsF(f, self.writer).elidedText(self.bidi(s), Qt.ElideRight, self.mm(w))
        p.drawText(self.rect(x, y, w, h), int(align), elided)

    def html(self, x: float, y: float, w: float, body: str, size: float = 9, max_h: float | None = None,
             rtl: bool | None = None, min_size: float | None = None) -> float:
        """Rich text wrapped to ``w`` mm; returns the height used in mm (at most ``max_h``).
        ``rtl``: the paragraph's direction (default: the brief's; an English explanation inside
        an Arabic brief is laid out left to right). Callers pass text through :meth:`bidi`
        before marking it up. A text taller than ``max_h`` is first set smaller, half a point
        at a time down to ``min_size`` (a French explanation is a fifth longer than the
        English); plain text that still does not fit is shortened at a word and ends with "…"
        (:meth:`fit`); marked-up text is clipped."""
        doc = self._document(w, size, rtl)
        h = self._height(doc, body)
        while max_h is not None and min_size is not None and h > max_h and size - 0.5 >= min_size:
            size -= 0.5
            doc.setDefaultFont(self.font(size))
            h = self._height(doc, body)
        if max_h is not None and h > max_h:
            body = self.fit(body, w, size, max_h, rtl)
            h = self._height(doc, body)
        used = min(h, max_h) if max_h is not None else h
        p = self.painter
        p.save()
        p.translate(self.mm(self.x(x, w)), self.mm(y))
        doc.drawContents(p, QRectF(0, 0, self.mm(w), self.mm(used)))
        p.restore()
        return used

    def fit(self, body: str, w: float, size: float, max_h: float, rtl: bool | None = None) -> str:
        """``body`` if it fits in ``max_h`` mm at width ``w``; else, for plain text, the most
        words that fit followed by "…" - so no line is cut in half and the reader sees that
        the text goes on (the whole of it is in the app)."""
        doc = self._document(w, size, rtl)
        if self._height(doc, body) <= max_h or "<" in body:
            return body
        words = body.split(" ")
        lo, hi = 0, len(words) - 1  # lo words fit (none at all: the ellipsis alone)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._height(doc, " ".join(words[:mid]) + " …") <= max_h:
                lo = mid
            else:
                hi = mid - 1
        return " ".join(words[:lo]) + " …" if lo else "…"

    def _document(self, w: float, size: float, rtl: bool | None) -> QTextDocument:
        rtl = self.rtl if rtl is None else rtl
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.writer)
        doc.setDefaultFont(self.font(size))
        doc.setDocumentMargin(0)
        option = QTextOption()
        option.setTextDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)
        option.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        doc.setTextWidth(self.mm(w))
        doc.setProperty("direction", "rtl" if rtl else "ltr")
        return doc

    def _height(self, doc: QTextDocument, body: str) -> float:
        """Lay ``body`` out in ``doc``; its height in mm."""
        doc.setHtml(f"<div dir='{doc.property('direction')}' style='color:{INK}'>{body}</div>")
        return doc.size().height() / self.px_per_mm

    def box(self, x: float, y: float, w: float, h: float, fill: str, line: str | None = None, radius: float = 0) -> None:
        p = self.painter
        p.setBrush(QColor(fill))
        p.setPen(QPen(QColor(line), self.mm(0.2)) if line else Qt.NoPen)
        if radius:
            p.drawRoundedRect(self.rect(x, y, w, h), self.mm(radius), self.mm(radius))
        else:
            p.drawRect(self.rect(x, y, w, h))

    def line(self, x0: float, y0: float, x1: float, y1: float, colour: str = "#bbbbbb", width: float = 0.25) -> None:
        self.painter.setPen(QPen(QColor(colour), self.mm(width)))
        self.painter.drawLine(QPointF(self.mm(self.x(x0)), self.mm(y0)), QPointF(self.mm(self.x(x1)), self.mm(y1)))

    def badge(self, x: float, y: float, severity: str, w: float = 16, h: float = 5, label: str | None = None) -> None:
        """A severity's coloured badge; ``label``: the severity's word in the brief's language."""
        self.box(x, y, w, h, SEVERITY_COLOUR.get(severity, "#999999"), radius=1)
        self.text(x, y, w, h, label or severity, 7.5, bold=True, colour=SEVERITY_TEXT.get(severity, "#ffffff"),
                  align=Qt.AlignCenter)

    def image(self, x: float, y: float, w: float, h: float, img: QImage) -> None:
        self.painter.drawImage(self.rect(x, y, w, h), img)


def esc(s: object) -> str:
    return html.escape("" if s is None else str(s))


def nice_ticks(lo: float, hi: float, n: int = 4) -> np.ndarray:
    """About ``n`` round tick values covering ``lo``..``hi`` (steps of 1, 2, 2.5 or 5 x 10^k)."""
    span = hi - lo if hi > lo else (abs(hi) or 1.0)
    raw = span / max(n, 1)
    mag = 10 ** np.floor(np.log10(raw))
    step = mag * next(m for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    return np.arange(np.floor(lo / step) * step, hi + step * 0.5, step)


def series_chart(periods: pd.DatetimeIndex, values: np.ndarray, first: str, last: str, severity: str,
                 size_mm: tuple[float, float], dpi: float = 160.0, window: int = 36) -> QImage:
    """The last ``window`` periods of a series with its alert episode shaded, as an image.

    Painted with QPainter on a QImage rather than with a pyqtgraph widget: widgets may only
    exist on the GUI thread, while an image may be painted on the worker that writes the
    brief, so the app writes briefs in its own process without freezing the window. Small
    and plain on purpose: a line with its points, the episode band, round y ticks, years.
    """
    t0 = max(len(periods) - window, 0)
    x = periods[t0:]
    y = np.asarray(values[t0:], dtype=np.float64)
    w_px, h_px = int(size_mm[0] / 25.4 * dpi), int(size_mm[1] / 25.4 * dpi)
    img = QImage(max(w_px, 1), max(h_px, 1), QImage.Format_ARGB32)
    img.fill(QColor("white"))
    finite = np.isfinite(y)
    if not len(x) or not finite.any():
        return img
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    f = QFont(FONT_FAMILY)
    f.setPixelSize(max(int(dpi * 6.5 / 72), 6))  # 6.5 pt on paper
    p.setFont(f)
    fm = QFontMetricsF(f)
    lo, hi = float(np.nanmin(y)), float(np.nanmax(y))
    pad = 0.08 * ((hi - lo) or abs(hi) or 1.0)
    ticks = nice_ticks(lo - pad, hi + pad)
    y0, y1 = float(ticks[0]), float(ticks[-1]) if ticks[-1] > ticks[0] else float(ticks[0]) + 1.0
    labels = [f"{t:,.4g}" for t in ticks]
    left = max(fm.horizontalAdvance(t) for t in labels) + dpi * 0.06
    bottom = fm.height() * 2.3
    top, right = fm.height() * 0.6, dpi * 0.05
    plot = QRectF(left, top, w_px - left - right, h_px - top - bottom)

    def px(i: float) -> float:
        return plot.left() + (i + 0.5) * plot.width() / len(x)

    def py(v: float) -> float:
        return plot.bottom() - (v - y0) / (y1 - y0) * plot.height()

    grid = QPen(QColor("#e3e3e3"), 1)
    for t, text in zip(ticks, labels):
        p.setPen(grid)
        p.drawLine(QPointF(plot.left(), py(t)), QPointF(plot.right(), py(t)))
        p.setPen(QColor("#444444"))
        p.drawText(QRectF(0, py(t) - fm.height() / 2, left - dpi * 0.03, fm.height()),
                   int(Qt.AlignRight | Qt.AlignVCenter), text)
    e0, e1 = x.searchsorted(pd.Timestamp(first)), x.searchsorted(pd.Timestamp(last), side="right")
    if e1 > 0 and e0 < len(x):
        band = QColor(SEVERITY_COLOUR.get(severity, "#999999"))
        band.setAlpha(55)
        p.fillRect(QRectF(px(max(e0, 0) - 0.5), plot.top(), (min(e1, len(x)) - max(e0, 0)) * plot.width() / len(x),
                          plot.height()), band)
    p.setPen(QPen(QColor("#888888"), 1))
    p.drawLine(plot.bottomLeft(), plot.bottomRight())
    p.drawLine(plot.bottomLeft(), plot.topLeft())
    p.setPen(QColor("#444444"))
    for i, when in enumerate(x):
        if i == 0 or when.month == 1:
            p.drawLine(QPointF(px(i), plot.bottom()), QPointF(px(i), plot.bottom() + dpi * 0.03))
            p.drawText(QRectF(px(i) - 40, plot.bottom() + dpi * 0.04, 80, fm.height()), int(Qt.AlignHCenter),
                       str(when.year))
    line = QPen(QColor(ACCENT), dpi / 70)
    p.setPen(line)
    points = [QPointF(px(i), py(v)) for i, v in enumerate(y)]
    for i in range(1, len(y)):
        if finite[i] and finite[i - 1]:
            p.drawLine(points[i - 1], points[i])
    p.setPen(Qt.NoPen)
    p.setBrush(QColor(ACCENT))
    r = dpi / 60
    for k in np.flatnonzero(finite):
        p.drawEllipse(points[k], r, r)
    p.end()
    return img

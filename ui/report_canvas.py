"""Drawing helpers for the PDF brief: millimetre coordinates, wrapped text, badges, charts.

QPdfWriter paints in device pixels at its resolution; briefs are laid out in millimetres so
the same code reads well on A4 and Letter. Text goes through QTextDocument (wrapping, bold
runs) bound to the writer, so point sizes are true points on paper. Charts are pyqtgraph
plots exported to an image at print resolution.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import pyqtgraph as pg
from pyqtgraph import exporters
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPdfWriter, QPen, QTextDocument

FONT_FAMILY = "DejaVu Sans"
SEVERITY_COLOUR = {"high": "#c0392b", "medium": "#e67e22", "low": "#f1c40f"}
SEVERITY_TEXT = {"high": "#ffffff", "medium": "#ffffff", "low": "#333333"}
INK = "#222222"
MUTED = "#666666"
ACCENT = "#1f4e79"


class Canvas:
    """A painter on one PDF with a millimetre coordinate system inside the page margins."""

    def __init__(self, writer: QPdfWriter) -> None:
        self.writer = writer
        self.painter = QPainter(writer)
        self.px_per_mm = writer.resolution() / 25.4
        rect = writer.pageLayout().paintRectPixels(writer.resolution())
        self.width_mm = rect.width() / self.px_per_mm
        self.height_mm = rect.height() / self.px_per_mm

    def mm(self, v: float) -> float:
        return v * self.px_per_mm

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(self.mm(x), self.mm(y), self.mm(w), self.mm(h))

    def font(self, size: float, bold: bool = False, italic: bool = False) -> QFont:
        f = QFont(FONT_FAMILY)
        f.setPointSizeF(size)
        f.setBold(bold)
        f.setItalic(italic)
        return f

    def text(self, x: float, y: float, w: float, h: float, s: str, size: float = 9, *, bold: bool = False,
             italic: bool = False, colour: str = INK, align: Qt.AlignmentFlag = Qt.AlignLeft | Qt.AlignVCenter) -> None:
        """One line (or a box) of plain text, elided to the box width."""
        p = self.painter
        f = self.font(size, bold, italic)
        p.setFont(f)
        p.setPen(QColor(colour))
        elided = QFontMetricsF(f, self.writer).elidedText(s, Qt.ElideRight, self.mm(w))
        p.drawText(self.rect(x, y, w, h), int(align), elided)

    def html(self, x: float, y: float, w: float, body: str, size: float = 9, max_h: float | None = None) -> float:
        """Rich text wrapped to ``w`` mm; returns the height used in mm (clipped to ``max_h``)."""
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.writer)
        doc.setDefaultFont(self.font(size))
        doc.setDocumentMargin(0)
        doc.setHtml(f"<div style='color:{INK}'>{body}</div>")
        doc.setTextWidth(self.mm(w))
        h = doc.size().height() / self.px_per_mm
        used = min(h, max_h) if max_h is not None else h
        p = self.painter
        p.save()
        p.translate(self.mm(x), self.mm(y))
        doc.drawContents(p, QRectF(0, 0, self.mm(w), self.mm(used)))
        p.restore()
        return used

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
        self.painter.drawLine(QPointF(self.mm(x0), self.mm(y0)), QPointF(self.mm(x1), self.mm(y1)))

    def badge(self, x: float, y: float, severity: str, w: float = 16, h: float = 5) -> None:
        self.box(x, y, w, h, SEVERITY_COLOUR.get(severity, "#999999"), radius=1)
        self.text(x, y, w, h, severity, 7.5, bold=True, colour=SEVERITY_TEXT.get(severity, "#ffffff"),
                  align=Qt.AlignCenter)

    def image(self, x: float, y: float, w: float, h: float, img: QImage) -> None:
        self.painter.drawImage(self.rect(x, y, w, h), img)


def esc(s: object) -> str:
    return html.escape("" if s is None else str(s))


def series_chart(periods: pd.DatetimeIndex, values: np.ndarray, first: str, last: str, severity: str,
                 size_mm: tuple[float, float], dpi: float = 160.0, window: int = 36) -> QImage:
    """The last ``window`` periods of a series with its alert episode shaded, as an image."""
    t0 = max(len(periods) - window, 0)
    x = periods[t0:].to_numpy().astype("datetime64[s]").astype(np.float64)
    y = np.asarray(values[t0:], dtype=np.float64)
    # Lay the plot out at its final pixel size, so tick labels keep their size on paper.
    w_px, h_px = int(size_mm[0] / 25.4 * dpi), int(size_mm[1] / 25.4 * dpi)
    plot = pg.PlotWidget(background="w", axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
    plot.resize(w_px, h_px)
    item = plot.getPlotItem()
    item.hideButtons()
    item.setMenuEnabled(False)
    item.showGrid(x=False, y=True, alpha=0.25)
    for name in ("left", "bottom"):
        ax = item.getAxis(name)
        ax.setPen(pg.mkPen("#888888"))
        ax.setTextPen(pg.mkPen("#444444"))
        f = QFont(FONT_FAMILY)
        f.setPixelSize(int(dpi * 6.5 / 72))  # 6.5 pt on paper
        ax.setStyle(tickFont=f, tickTextOffset=4, maxTextLevel=0 if name == "left" else 1)
    lo = np.datetime64(pd.Timestamp(first).to_datetime64(), "s").astype(np.float64)
    hi = np.datetime64(pd.Timestamp(last).to_datetime64(), "s").astype(np.float64)
    if len(x) and hi >= x[0]:
        colour = QColor(SEVERITY_COLOUR.get(severity, "#999999"))
        colour.setAlpha(55)
        region = pg.LinearRegionItem((max(lo, x[0]), hi + 15 * 86400), movable=False, brush=colour, pen=pg.mkPen(None))
        item.addItem(region)
    item.plot(x, y, pen=pg.mkPen(ACCENT, width=dpi / 70), symbol="o", symbolSize=dpi / 30, symbolBrush=ACCENT, symbolPen=None,
              connect="finite")
    item.enableAutoRange()
    exporter = exporters.ImageExporter(item)
    exporter.parameters()["width"] = w_px
    img = exporter.export(toBytes=True)
    plot.deleteLater()
    return img

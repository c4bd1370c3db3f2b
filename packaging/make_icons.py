"""Draw the app icon with QPainter and write it as SVG, PNG, Windows .ico and macOS .icns.

The icon is drawn in code so it can be changed and regenerated without a graphics editor:
    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
The results are committed in packaging/icons/ and used by workbench.spec. The .ico and .icns
hold PNG images at several sizes (both formats allow that), so no extra library is needed.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath, QPen
from PySide6.QtSvg import QSvgGenerator

HERE = Path(__file__).resolve().parent
OUT = HERE / "icons"
BASE = 256.0  # drawing units: every shape is laid out on a 256 × 256 canvas
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = {b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}


def draw_icon(painter: QPainter, size: float) -> None:
    """A rising indicator line crossing a threshold, with the alert point marked."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / BASE, size / BASE)
    tile = QRectF(12, 12, 232, 232)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomRight())
    gradient.setColorAt(0.0, QColor("#2f6fb5"))
    gradient.setColorAt(1.0, QColor("#1b3f6b"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(gradient))
    painter.drawRoundedRect(tile, 44, 44)

    # the threshold: a dashed light line across the tile
    threshold = QPen(QColor(255, 255, 255, 150), 7, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(threshold)
    painter.drawLine(QPointF(44, 112), QPointF(212, 112))

    # the series: calm, then rising through the threshold
    points = [QPointF(44, 182), QPointF(80, 168), QPointF(112, 178), QPointF(146, 146), QPointF(178, 96)]
    line = QPainterPath(points[0])
    for p in points[1:]:
        line.lineTo(p)
    painter.setPen(QPen(QColor("#ffffff"), 15, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(line)

    # the alert: an amber point where the line crossed, with a halo
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(232, 163, 23, 90))
    painter.drawEllipse(QPointF(186, 84), 34, 34)
    painter.setBrush(QColor("#e8a317"))
    painter.setPen(QPen(QColor("#ffffff"), 6))
    painter.drawEllipse(QPointF(186, 84), 20, 20)


def render_png(size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    draw_icon(painter, size)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_svg(path: Path) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(int(BASE), int(BASE)))
    generator.setViewBox(QRectF(0, 0, BASE, BASE))
    generator.setTitle("Cohesion Early-Warning Workbench")
    generator.setDescription("App icon: an indicator rising through its alert threshold")
    painter = QPainter(generator)
    draw_icon(painter, BASE)
    painter.end()


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """ICONDIR + one ICONDIRENTRY per size, each image stored as PNG (Vista and later)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        blob = pngs[s]
        dim = 0 if s >= 256 else s  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[s])) + pngs[s] for kind, s in ICNS_TYPES.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(exist_ok=True)
    pngs = {s: render_png(s) for s in sorted(set(ICO_SIZES) | set(ICNS_TYPES.values()))}
    write_svg(OUT / "workbench.svg")
    (OUT / "workbench.png").write_bytes(pngs[256])
    (OUT / "workbench.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (OUT / "workbench.icns").write_bytes(icns_bytes(pngs))
    for name in ("workbench.svg", "workbench.png", "workbench.ico", "workbench.icns"):
        print(f"{OUT / name}  {(OUT / name).stat().st_size:,} bytes")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

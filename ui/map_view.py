"""The offline risk map: district polygons, named, coloured by where risk is rising now (the
alerts active or flagged in the last 3, 6 or 12 months of data, whenever they started, 6 by
default, kept in the user's settings; :func:`alerts.views.recent_alerts`; the default view),
by active-alert risk, or by an indicator's latest value."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import pandas as pd

from alerts.views import region_risk, region_risk_recent
from workbench import settings as user_settings
from workbench.geo import META_KEY, Shape, match_regions, parse_geojson
from ui.region_tree import SEVERITY_COLOURS
from ui.snapshot import ProjectSnapshot
from ui.vocabulary import term

NO_DATA = QColor("#d9dde2")
#: The map opens on where risk rose in the last months (alerts raised since then): the recent
#: windows it offers (workbench.settings.MAP_MONTHS, the choice kept in the user's settings).
RECENT_CHOICES = user_settings.MAP_MONTHS
RAISED = "raised"
RISK_FILL = {"none": QColor("#e8f0e8"), **{k: QColor(v) for k, v in SEVERITY_COLOURS.items()}}


class _MapView(QGraphicsView):
    """Wheel zooms, drag pans, a click without a drag picks the district under the mouse."""

    clicked = Signal(int)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().mouseReleaseEvent(event)
        start = getattr(self, "_press", None)
        if start is not None and (event.position() - start).manhattanLength() < 4:
            item = self.itemAt(event.position().toPoint())
            if item is not None and item.data(0) is not None and int(item.data(0)) >= 0:
                self.clicked.emit(int(item.data(0)))

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt API
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self.scale(factor, factor)


class RiskMap(QWidget):
    """Click a district to open it; hover shows its name and value."""

    region_requested = Signal(int)
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = QGraphicsScene(self)
        self.view = _MapView(self.scene)
        self.view.setRenderHint(QPainter.Antialiasing)
        self.view.setDragMode(QGraphicsView.ScrollHandDrag)
        self.view.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.view.clicked.connect(self.region_requested)
        self.view.setAccessibleName(self.tr("Map of the districts"))
        self.measure = QComboBox()
        self.measure.setAccessibleName(self.tr("Colour by"))
        self.measure.currentIndexChanged.connect(self.recolour)
        # How recent "recently" is: where risk rose in the last 3, 6 or 12 months of data.
        self.months = QComboBox()
        self.months.setObjectName("map_months")
        # One literal per choice: lupdate reads literals, and Arabic words 3, 6 and 12 months differently.
        labels = {3: self.tr("Last 3 months"), 6: self.tr("Last 6 months"), 12: self.tr("Last 12 months")}
        for n in RECENT_CHOICES:
            self.months.addItem(labels[n], n)
        self.months.setCurrentIndex(max(self.months.findData(user_settings.load().map_months), 0))
        self.months.setAccessibleName(self.tr("Recent window"))
        self.months.setToolTip(self.tr("How far back \"raised recently\" reaches, in months of data: where risk "
                                       "is rising now (kept for next time)"))
        self.months.currentIndexChanged.connect(self._months_changed)
        self.months_label = QLabel(self.tr("Recent window"))
        self.months_label.setBuddy(self.months)
        self.import_button = QPushButton(self.tr("Import district boundaries (GeoJSON)…"))
        self.import_button.clicked.connect(self.import_requested)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.legend = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Colour by")))
        bar.addWidget(self.measure)
        bar.addWidget(self.months_label)
        bar.addWidget(self.months)
        bar.addStretch(1)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        # The legend on its own line: beside the choices it made the tab wider than a
        # 1366-pixel screen in French.
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        self._snap: ProjectSnapshot | None = None
        self.items: dict[int, list[QGraphicsPathItem]] = {}
        self.labels: list[QGraphicsSimpleTextItem] = []
        self.shapes: list[Shape] = []

    def set_snapshot(self, snap: ProjectSnapshot) -> None:
        self._snap = snap
        self.scene.clear()
        self.items.clear()
        self.labels = []
        text = snap.meta.get(META_KEY)
        self.measure.blockSignals(True)
        self.measure.clear()
        self.measure.addItem(self.tr("Alerts flagged recently"), RAISED)
        self.measure.setItemData(self.measure.count() - 1, self.tr(
            "Rising risk now: the worst alert still active or flagged in the recent window, whenever it started "
            "(the heatmap's cells over the same months); protracted situations are left out, as in the inbox"),
            Qt.ToolTipRole)
        self.measure.addItem(self.tr("Active alert risk"), None)
        for rec in snap.indicators.itertuples():
            self.measure.addItem(self.tr("Latest: %1").replace("%1", str(rec.name)), int(rec.id))
        self.measure.blockSignals(False)
        if not text:
            self.shapes = []
            self.hint.setText(self.tr("No boundaries in this project yet. Import a GeoJSON file with one polygon "
                                      "per district (a 'name' or 'code' property) — it is stored in the project, "
                                      "so the map works offline."))
            self.hint.show()
            self.view.hide()
            return
        self.shapes = parse_geojson(text)
        region_ids = match_regions(self.shapes, snap.regions)
        lat = np.concatenate([r[:, 1] for s in self.shapes for r in s.rings])
        kx = float(np.cos(np.deg2rad(np.nanmean(lat))))  # keep shapes from looking stretched
        names = dict(zip(snap.regions["id"], snap.regions["name"]))
        for shape, rid in zip(self.shapes, region_ids):
            path = QPainterPath()
            for ring in shape.rings:
                path.addPolygon(QPolygonF([QPointF(x * kx * 100, -y * 100) for x, y in ring]))
                path.closeSubpath()
            item = QGraphicsPathItem(path)
            item.setPen(QPen(QColor("#ffffff"), 0))
            item.setToolTip(names.get(rid, shape.name) if rid is not None else
                            self.tr("%1 (not in this project)").replace("%1", shape.name))
            item.setData(0, -1 if rid is None else rid)
            item.setCursor(Qt.PointingHandCursor)
            self.scene.addItem(item)
            if rid is not None:
                self.items.setdefault(rid, []).append(item)
                self._label(path, names.get(rid, shape.name))
        missing = sum(r is None for r in region_ids)
        self.hint.setText(self.tr("%1 boundaries do not match a district of this project.")
                          .replace("%1", str(missing)))
        self.hint.setVisible(missing > 0)
        self.view.show()
        self.recolour()
        self.fit()

    def alerts_changed(self, snap: ProjectSnapshot) -> None:
        """The same project with its alerts re-read: only the colours change (now if on
        screen, else when next shown)."""
        self._snap = snap
        self._recolour_pending = not self.isVisible()
        if self.items and not self._recolour_pending:
            self.recolour()

    def panes(self) -> list[tuple[QWidget, QWidget]]:
        return [(self.measure, self.measure), (self.view, self.view)]

    def apply_theme(self) -> None:
        self.recolour()

    def fit(self) -> None:
        rect = self.scene.itemsBoundingRect()
        if not rect.isEmpty():
            self.view.fitInView(rect.adjusted(-5, -5, 5, 5), Qt.KeepAspectRatio)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if getattr(self, "_recolour_pending", False) and self.items:
            self._recolour_pending = False
            self.recolour()
        self.fit()

    def _label(self, path: QPainterPath, name: str) -> None:
        """The district's name at the middle of its shape, the same size at every zoom."""
        label = QGraphicsSimpleTextItem(name if len(name) <= 18 else name[:17] + "…")
        font = QFont()
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        label.setFont(font)
        label.setBrush(QBrush(QColor("#1d1f23")))
        label.setFlag(QGraphicsItem.ItemIgnoresTransformations)
        label.setAcceptedMouseButtons(Qt.NoButton)  # a click on a name still picks the district
        box = label.boundingRect()
        centre = path.boundingRect().center()
        label.setPos(centre)
        label.setTransform(label.transform().translate(-box.width() / 2, -box.height() / 2))
        label.setZValue(1)
        self.scene.addItem(label)
        self.labels.append(label)

    @property
    def recent_months(self) -> int:
        """The recent window chosen, in months."""
        return int(self.months.currentData() or 6)

    def _months_changed(self) -> None:
        user_settings.update(map_months=self.recent_months)
        if self.items:
            self.recolour()

    def recent_since(self) -> str:
        """The first month of the map's recent window (ISO), from the project's latest data."""
        latest = self._snap.latest_period if self._snap is not None else None
        end = (latest or pd.Timestamp.now()).to_period("M")
        return (end - (self.recent_months - 1)).to_timestamp().strftime("%Y-%m-%d")

    def colours(self) -> dict[int, QColor]:
        """The fill of every matched district under the current measure."""
        snap = self._snap
        if snap is None:
            return {}
        indicator = self.measure.currentData()
        self.months.setVisible(indicator == RAISED)  # the window is the "raised recently" colouring's
        self.months_label.setVisible(indicator == RAISED)
        swatches = " ".join(f"<span style='background:{c};color:white'>&nbsp;{term(k)}&nbsp;</span>"
                            for k, c in SEVERITY_COLOURS.items())
        if indicator == RAISED:
            since = self.recent_since()
            risk = region_risk_recent(snap.alerts, since) if not snap.alerts.empty else {}
            self.legend.setText(
                self.tr("worst alert active or flagged since %1: ").replace("%1", since[:7]) + swatches
                + f" <span style='background:{RISK_FILL['none'].name()};color:#333'>&nbsp;"
                + self.tr("none") + "&nbsp;</span>")
            return {rid: RISK_FILL[risk[rid][0]] if rid in risk else RISK_FILL["none"] for rid in self.items}
        if indicator is None:
            risk = region_risk(snap.alerts) if not snap.alerts.empty else {}
            self.legend.setText(
                self.tr("worst active alert: ")
                + " ".join(f"<span style='background:{c};color:white'>&nbsp;{term(k)}&nbsp;</span>"
                           for k, c in SEVERITY_COLOURS.items())
                + f" <span style='background:{RISK_FILL['none'].name()};color:#333'>&nbsp;"
                + self.tr("none now") + "&nbsp;</span>"
            )
            return {rid: RISK_FILL[risk[rid][0]] if rid in risk else RISK_FILL["none"] for rid in self.items}
        latest = _latest_values(snap, int(indicator))  # an indicator's id
        values = np.array([latest.get(rid, np.nan) for rid in self.items])
        finite = values[np.isfinite(values)]
        if not finite.size:
            return {rid: NO_DATA for rid in self.items}
        lo, hi = float(finite.min()), float(finite.max())
        ind = snap.indicators.loc[snap.indicators["id"] == int(indicator)].iloc[0]
        worse_high = ind["direction"] != "higher_is_better"
        cmap = pg.ColorMap([0, 0.5, 1], ["#fff5e6", "#f39c4a", "#a3201b"] if worse_high
                           else ["#a3201b", "#f39c4a", "#fff5e6"])
        self.legend.setText(self.tr("latest value: %1 (light) to %2 (dark red = worse)")
                            .replace("%1", f"{lo:,.3g}" if worse_high else f"{hi:,.3g}")
                            .replace("%2", f"{hi:,.3g}" if worse_high else f"{lo:,.3g}"))
        out = {}
        for rid, v in zip(self.items, values):
            out[rid] = NO_DATA if not np.isfinite(v) else cmap.map((v - lo) / (hi - lo or 1), mode="qcolor")
        return out

    def recolour(self) -> None:
        for rid, colour in self.colours().items():
            for item in self.items[rid]:
                item.setBrush(QBrush(colour))


def _latest_values(snap: ProjectSnapshot, indicator_id: int) -> dict[int, float]:
    """Each district's last non-missing whole-population value of one indicator."""
    s = snap.series
    rows = np.flatnonzero((s["indicator_id"].to_numpy() == indicator_id) & (s["group"].to_numpy() == ""))
    out: dict[int, float] = {}
    for r in rows:
        _, v = snap.series_values(int(r))
        ok = v[np.isfinite(v)]
        if ok.size:
            out[int(s["region_id"].iat[r])] = float(ok[-1])
    return out


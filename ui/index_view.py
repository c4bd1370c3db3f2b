"""The composite index: pick components and weights, watch the ranking and its uncertainty.

Moving a slider recomputes the Social Cohesion Index on the task runner (a new request
cancels the previous one, so dragging stays smooth): scores and ranks per district, the
contribution of each component, and the Monte Carlo rank interval (5–95 %) that says how
much a district's place depends on the weights and methods chosen.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSlider,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.snapshot import ProjectSnapshot
from ui.vocabulary import aggregation_name, join_list, normalization_name
from workbench.models.composite import AGGREGATIONS
from ui.tasks import TaskRunner

BAR_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
               "#bcbd22", "#17becf", "#393b79", "#ad494a")
TOP_BARS = 15
DRAWS = 300  # Monte Carlo draws while the analyst drags; the CLI report uses the full count


def observations_frame(snap: ProjectSnapshot) -> pd.DataFrame:
    """Canonical long observations from the snapshot's columns (what composite.py expects)."""
    cols = snap.columns
    s = snap.series
    code = cols.series_code
    return pd.DataFrame({
        "region": s["region"].to_numpy(dtype=object)[code],
        "indicator": s["indicator"].to_numpy(dtype=object)[code],
        "period": cols.period.astype("datetime64[ns]"),
        "group": s["group"].to_numpy(dtype=object)[code],
        "value": cols.value,
        "freq": s["freq"].to_numpy(dtype=object)[code],
    })


def compute(obs: pd.DataFrame, codebook: pd.DataFrame, weights: dict[str, float], normalization: str,
            aggregation: str, *, progress: Any = None, cancel: Any = None, leave_out: Any = ()) -> Any:
    from workbench.models.composite import Component, IndexDefinition, compute_index

    definition = IndexDefinition(
        name="desktop", components=[Component(indicator=k, weight=w) for k, w in weights.items()],
        normalization=normalization, weighting="expert", aggregation=aggregation, draws=DRAWS,
    )
    return compute_index(obs, definition, codebook, leave_out=leave_out)  # aggregates are not ranked


class IndexView(QWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._snap: ProjectSnapshot | None = None
        # The long observations frame of the current snapshot, built once by a worker (it takes
        # about half a second for a million rows, too long for the GUI thread).
        self._obs_cache: dict[str, pd.DataFrame] = {}
        self._ready = False
        self.result: Any = None
        self.sliders: dict[str, tuple[QCheckBox, QSlider]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.recompute)

        self.normalization = QComboBox()
        self.normalization.setAccessibleName(self.tr("Normalisation"))
        # Display names in the language shown; the codes of workbench.models.composite are the
        # items' data (what the computation is given).
        for code in ("minmax", "zscore", "rank"):
            self.normalization.addItem(normalization_name(code), code)
        self.aggregation = QComboBox()
        self.aggregation.setAccessibleName(self.tr("Aggregation"))
        for code in AGGREGATIONS:
            self.aggregation.addItem(aggregation_name(code), code)
        for combo in (self.normalization, self.aggregation):
            combo.currentIndexChanged.connect(self._timer.start)
        self.components_box = QWidget()
        self.grid = QGridLayout(self.components_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.components_box)
        self._scroll = scroll
        self.grid.setVerticalSpacing(2)
        left = QWidget()
        form = QFormLayout(left)
        form.addRow(self.tr("Normalisation"), self.normalization)
        form.addRow(self.tr("Aggregation"), self.aggregation)
        form.addRow(QLabel(self.tr("<b>Components and weights</b>")))
        form.addRow(scroll)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form.addRow(self.status)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("Rank"), self.tr("District"), self.tr("Score"),
                                              self.tr("Rank 5–95 %"), self.tr("In top 5")])
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName(self.tr("Ranking of the districts"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.bars = pg.PlotWidget()
        self.bars.setAccessibleName(self.tr("Contribution of each component"))
        self.bars.setMenuEnabled(False)
        self.bars.setTitle(self.tr("Contribution of each component (top %1)").replace("%1", str(TOP_BARS)))
        right = QSplitter(Qt.Vertical)
        right.addWidget(self.table)
        right.addWidget(self.bars)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def panes(self) -> list[tuple[QWidget, QWidget]]:
        return [(self.normalization.parentWidget(), self.normalization), (self.table, self.table),
                (self.bars, self.bars)]

    def apply_theme(self) -> None:
        from ui.theme import chart_colours, style_plot_item

        self.bars.setBackground(chart_colours().background)
        style_plot_item(self.bars.getPlotItem())

    def set_snapshot(self, snap: ProjectSnapshot) -> None:
        """A new project: whatever was shown or is still computing belongs to the old one."""
        self.runner.cancel("index")
        self._timer.stop()
        self._snap = snap
        self._obs_cache = {}
        self._ready = False
        self.result = None
        self.table.setRowCount(0)
        self.bars.clear()
        self._clear_components()
        self.bars.getAxis("left").setTicks([[]])
        self.status.setText(self.tr("Waiting for the observations…") if len(snap.series)
                            else self.tr("No data yet: import a spreadsheet (Ctrl+I)."))

    def _clear_components(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.sliders.clear()

    def columns_ready(self, snap: ProjectSnapshot) -> None:
        """Build the component list once every observation is in memory, then compute."""
        if snap is not self._snap or snap.columns is None:
            return
        self._ready = True
        whole = snap.series[snap.series["group"] == ""]
        n_regions = max(whole["region_id"].nunique(), 1)
        reach = whole.groupby("indicator")["region_id"].nunique()
        keys = sorted(reach[reach >= 0.5 * n_regions].index)
        names = dict(zip(snap.indicators["key"], snap.indicators["name"]))
        self._clear_components()
        if not keys:
            self.status.setText(self.tr("No data yet: import a spreadsheet (Ctrl+I)."))
            return
        for row, key in enumerate(keys):
            box = QCheckBox(str(names.get(key, key)))
            box.setChecked(True)
            slider = QSlider(Qt.Horizontal)
            slider.setAccessibleName(self.tr("Weight of %1").replace("%1", str(names.get(key, key))))
            slider.setRange(0, 100)
            slider.setValue(50)
            slider.setMinimumWidth(70)
            box.toggled.connect(self._timer.start)
            slider.valueChanged.connect(self._timer.start)
            # The swatch is the bar colour of this component: the list doubles as the legend.
            swatch = QLabel("■")
            swatch.setStyleSheet(f"color: {BAR_COLOURS[row % len(BAR_COLOURS)]}; font-size: 16px")
            # Name above its slider keeps the pane narrow enough for a 1280-pixel screen.
            self.grid.addWidget(swatch, 2 * row, 0)
            self.grid.addWidget(box, 2 * row, 1)
            self.grid.addWidget(slider, 2 * row + 1, 1)
            self.sliders[key] = (box, slider)
        # Wide enough for the component names; a very long one scrolls rather than being cut.
        self._scroll.setMinimumWidth(min(self.components_box.sizeHint().width() + 24, 380))
        # Computed when the tab is first shown: most meetings never open it, and the Monte
        # Carlo run competed with the window for the processor right after opening a project.
        if self.isVisible():
            self.recompute()
        else:
            self.status.setText(self.tr("The index is computed when you open this tab."))

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._ready and self.result is None and not self.runner.is_busy("index"):
            self.recompute()

    def weights(self) -> dict[str, float]:
        return {k: s.value() / 100 for k, (b, s) in self.sliders.items() if b.isChecked() and s.value() > 0}

    def recompute(self) -> None:
        if not self._ready or self._snap is None:
            return
        weights = self.weights()
        if not weights:
            self.status.setText(self.tr("Choose at least one component with a weight above zero."))
            return
        snap = self._snap
        cache, codebook = self._obs_cache, snap.indicators
        norm, agg = str(self.normalization.currentData()), str(self.aggregation.currentData())
        self.status.setText(self.tr("Computing…"))

        def done(result: Any) -> None:
            if snap is self._snap:  # a result for a project no longer shown is dropped
                self.show_result(result)

        def failed(message: str) -> None:
            if snap is self._snap:
                self.status.setText(message)

        def work(progress: Any, cancel: Any) -> Any:
            obs = cache.get("obs")
            if obs is None:
                obs = cache["obs"] = observations_frame(snap)
            return compute(obs, codebook, weights, norm, agg, leave_out=snap.aggregates)

        self.runner.submit(
            "index", work,
            title=self.tr("Computing the index"), on_done=done, on_failed=failed,
        )

    def show_result(self, result: Any) -> None:
        self.result = result
        t = result.table
        snap = self._snap  # the components by their names, as the checkboxes show them
        names = dict(zip(snap.indicators["key"], snap.indicators["name"])) if snap is not None else {}
        self.status.setText(self.tr("%1 districts ranked at %2; weights: %3")
                            .replace("%1", str(len(t))).replace("%2", result.period.strftime("%Y-%m"))
                            .replace("%3", join_list(f"{names.get(k, k)} {v:.0%}" for k, v in result.weights.items())))
        self.table.setRowCount(len(t))
        for r, rec in enumerate(t.itertuples(index=False)):
            cells = (f"{rec.rank:.0f}", str(rec.region), f"{rec.score:.3f}",
                     f"{rec.rank_p05:.0f}–{rec.rank_p95:.0f}", f"{rec.top_k_share:.0%}")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c != 1:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, c, item)
        self._draw_contributions(t.head(TOP_BARS))

    def _draw_contributions(self, top: pd.DataFrame) -> None:
        self.bars.clear()
        cols = [c for c in top.columns if c.startswith("contrib:")]
        # Horizontal bars: district names read left to right and the legend has room beside them.
        y = np.arange(len(top))
        base = np.zeros(len(top))
        for k, col in enumerate(cols):
            w = np.nan_to_num(top[col].to_numpy(np.float64))
            bar = pg.BarGraphItem(x0=base, width=w, y=y, height=0.7, brush=BAR_COLOURS[k % len(BAR_COLOURS)],
                                  name=col.split(":", 1)[1])
            self.bars.addItem(bar)
            base = base + w
        self.bars.getPlotItem().invertY(True)
        self.bars.getAxis("left").setTicks([[(i, str(r)) for i, r in enumerate(top["region"])]])
        self.bars.getAxis("bottom").setTicks(None)
        self.bars.setXRange(0, float(base.max() if len(base) else 1) * 1.05, padding=0)
        self.bars.setYRange(-0.6, len(top) - 0.4, padding=0)

"""Small synthetic projects for the desktop tests and benchmarks, written via the store API."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from workbench.store import open_project


def write_demo_project(
    path: Path,
    *,
    n_districts: int = 6,
    n_indicators: int = 3,
    n_months: int = 24,
    seed: int = 1,
    missing_share: float = 0.05,
    groups: tuple[str, ...] = ("",),
    spikes: int = 0,
) -> Path:
    """A country with two provinces, districts, indicators and monthly values with gaps."""
    rng = np.random.default_rng(seed)
    districts = [f"District {i + 1:03d}" for i in range(n_districts)]
    provinces = [f"Province {'AB'[i % 2]}" for i in range(n_districts)]
    indicators = [f"indicator_{j + 1}" for j in range(n_indicators)]
    months = pd.date_range("2020-01-01", periods=n_months, freq="MS").strftime("%Y-%m-%d")
    with open_project(path, create=True) as project, project.transaction():
        region_ids = project.ensure_regions(
            pd.DataFrame({"country": "Testland", "province": provinces, "region": districts})
        )
        codebook = pd.DataFrame(
            {
                "indicator": indicators,
                "name": [f"Indicator {j + 1}" for j in range(n_indicators)],
                "direction": ["higher_is_worse" if j % 2 == 0 else "higher_is_better"
                              for j in range(n_indicators)],
            }
        )
        ind_ids = project.ensure_indicators(indicators, codebook)
        import_id = project.record_import(
            file_name="demo.xlsx", sha256="0" * 64, sheet="data", mapping={}, report={},
            rows_read=0, rows_kept=0, rows_rejected=0,
        )
        r = np.repeat([region_ids[d.casefold()] for d in districts], n_indicators * len(groups) * n_months)
        i = np.tile(np.repeat([ind_ids[k] for k in indicators], len(groups) * n_months), n_districts)
        g = np.tile(np.repeat(np.array(groups, dtype=object), n_months), n_districts * n_indicators)
        p = np.tile(np.asarray(months, dtype=object), n_districts * n_indicators * len(groups))
        trend = np.tile(np.linspace(0, 5, n_months), r.size // n_months)
        v = 40 + trend + rng.normal(0, 3, r.size)
        v[rng.random(r.size) < missing_share] = np.nan
        # The first ``spikes`` series (higher-is-worse indicator 1 of the first districts) jump
        # in their last four months: a rise the alert rules must catch.
        series_len = n_months
        for k in range(spikes):
            start = (k * n_indicators * len(groups)) * series_len
            v[start + series_len - 4:start + series_len] = 40 + 5 + 25 + rng.normal(0, 1, 4)
        project.write_observations(
            pd.DataFrame({"region_id": r, "indicator_id": i, "period": p, "grp": g,
                          "freq": "M", "value": v}),
            import_id,
        )
    return path


def alerted_demo_project(path: Path) -> Path:
    """The small demo project (6 districts x 2 indicators x 36 months, 3 spikes) with the
    alerts a model run raises on it."""
    from alerts.engine import run_models

    write_demo_project(path, n_districts=6, n_indicators=2, n_months=36, spikes=3)
    run_models(path)
    return path


def show_window(qtbot, project: Path, size: tuple[int, int] = (1366, 768), *,  # noqa: ANN001
                settle: bool = True):
    """A headless main window, shown at ``size``, with ``project`` itself open (not remembered
    among the recent projects); with ``settle``, its background reads are done too."""
    from ui.main_window import MainWindow

    w = MainWindow()
    w._headless = True
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    with qtbot.waitSignal(w.project_loaded, timeout=20_000):
        w.open_project(project, remember=False)
    if settle:
        qtbot.waitUntil(lambda: not w.runner.is_busy(), timeout=30_000)
    return w


def open_window(qtbot, source: Path, folder: Path, size: tuple[int, int] = (1366, 768), *,  # noqa: ANN001
                settle: bool = True):
    """A headless main window on a copy of ``source`` (a test's decisions go into its copy),
    loaded; with ``settle``, its background reads are done too."""
    import shutil

    project = folder / "copy.wbproj"
    shutil.copy(source, project)
    return show_window(qtbot, project, size, settle=settle)

"""Alerts on between-group series (gap, spread, polarization) are drawn in the alert pane.

The run derives these series and does not store them; the pane rebuilds them from the group
series, and must show the very numbers the run judged.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "sample.wbproj"

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="the committed sample project is missing")


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("derived") / "sample.wbproj"
    shutil.copy(SAMPLE, path)
    return path


@pytest.fixture(scope="module")
def snap(sample):
    from ui.snapshot import load_snapshot

    return load_snapshot(sample)


def test_names_of_derived_series_are_split_into_base_kind_and_pair():
    from ui.derived import split_name

    assert split_name("trust:gap:host-displaced") == ("trust", "gap", "host-displaced")
    assert split_name("trust:spread") == ("trust", "spread", "")
    assert split_name("trust:polarization") == ("trust", "polarization", "")
    assert split_name("trust") is None


@pytest.mark.parametrize("kind", ["gap", "spread", "polarization"])
def test_rebuilt_series_are_the_runs_series(snap, sample, kind):
    from ui.derived import derived_series
    from workbench.models.series import long_series
    from workbench.store import open_project

    alert = snap.alerts[snap.alerts["kind"] == kind].iloc[0]
    got = derived_series(snap, int(alert["region_id"]), str(alert["indicator"]))
    assert got is not None
    with open_project(sample, readonly=True) as project:
        obs = project.observations()
    run = long_series(obs[obs["region"] == alert["region"]] if "region" in obs else obs)
    run = run[(run["indicator"] == alert["indicator"]) & (run["region"] == alert["region"])].sort_values("period")
    assert len(run) == len(got.values) > 24
    np.testing.assert_array_equal(pd.to_datetime(run["period"]).to_numpy().astype("datetime64[D]"), got.periods)
    np.testing.assert_allclose(run["value"].to_numpy(np.float64), got.values, rtol=1e-12, atol=1e-12)


def test_an_observed_series_name_is_not_derived(snap):
    from ui.derived import derived_series

    alert = snap.alerts[snap.alerts["kind"] == "observed"].iloc[0]
    assert derived_series(snap, int(alert["region_id"]), str(alert["indicator"])) is None


@pytest.mark.gui
def test_the_alert_pane_draws_a_gap_alert_and_never_keeps_the_previous_chart(qtbot, sample, snap):
    from ui.alert_detail import AlertDetail
    from alerts.views import situations

    a = snap.alerts
    gap = a[a["kind"] == "gap"].iloc[0]
    observed = a[(a["kind"] == "observed") & (a["situation_id"] == gap["situation_id"])]
    pane = AlertDetail()
    qtbot.addWidget(pane)
    pane.set_snapshot(snap)
    sit = situations(a)
    pane.show_situation(sit[sit["situation_id"] == gap["situation_id"]].iloc[0])
    if len(observed):
        pane.select_alert(int(observed["id"].iat[0]))
        assert pane.open_series_button.isEnabled()
    pane.select_alert(int(gap["id"]))
    title = pane.chart.title.fullText()
    assert "gap" in title and str(gap["region"]) in title
    x, y = pane.chart.values.getData()
    assert x is not None and len(y) > 24 and np.nanmax(y) > 0
    assert len(pane.chart.alerts.data) >= 1  # the alert's own marker
    assert not pane.open_series_button.isEnabled()

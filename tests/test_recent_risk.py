"""Rising risk now on the sample project (issue 17): the map's "flagged recently" colouring and
the heatmap's recent months follow the inbox's definitions (active, protracted) instead of
the month an alert started."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from alerts.listing import project_latest_periods, read_alerts
from alerts.views import recent_alerts, region_risk, region_risk_recent, risk_grid
from workbench.store import open_project

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "sample.wbproj"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("recent") / "sample.wbproj"
    shutil.copy(SAMPLE, path)  # never the shipped file itself
    with open_project(path, readonly=True) as p:
        alerts = read_alerts(p.conn, latest=project_latest_periods(p), regions=p.regions(), indicators=p.indicators())
        regions = p.regions()
        periods = p.observations()["period"]
    return alerts, regions, pd.Timestamp(periods.min()), pd.Timestamp(periods.max())


def _since(latest: pd.Timestamp, months: int) -> str:
    return (latest.to_period("M") - (months - 1)).to_timestamp().strftime("%Y-%m-%d")


def test_an_alert_flagged_since_before_the_window_and_still_active_is_rising_risk_now(sample):
    alerts, _, _, latest = sample
    since = _since(latest, 6)
    high = alerts[(alerts["region"] == "Álvaro Springs") & (alerts["severity"] == "high")]
    assert len(high) == 1 and bool(high["active"].iat[0]) and high["first_period"].iat[0] < since
    recent = recent_alerts(alerts, since)
    assert int(high["id"].iat[0]) in set(recent["id"])
    rid = int(high["region_id"].iat[0])
    assert region_risk_recent(alerts, since)[rid][0] == "high"
    # Every active alert is recent (the map never shows less than the tree's badges) ...
    assert set(alerts.loc[alerts["active"], "id"]) <= set(recent["id"])
    assert set(region_risk(alerts)) <= set(region_risk_recent(alerts, since))
    # ... an episode that ended before the window is not, and a protracted situation is not.
    assert (recent["active"] | (recent["last_period"] >= since)).all()
    assert not recent["protracted"].any()
    assert not recent["status"].isin(["dismissed", "withdrawn"]).any()


def test_a_protracted_situation_is_drawn_apart_on_the_heatmap_and_left_off_the_map(sample):
    alerts, regions, first, latest = sample
    nesquay = alerts[alerts["id"] == 198]
    assert bool(nesquay["protracted"].iat[0]) and not bool(nesquay["active"].iat[0])
    rid = int(nesquay["region_id"].iat[0])
    grid = risk_grid(alerts, regions, first, latest).window(6)
    row = list(grid.region_ids).index(rid)
    # 198 (medium, quarterly to 2025-Q4) covers the window's Oct-Dec: protracted there, no severity
    covered = grid.alert[row] == 198
    assert covered.any()
    assert grid.protracted[row, covered].all() and (grid.strength[row, covered] == 0).all()
    assert 198 not in set(recent_alerts(alerts, _since(latest, 6))["id"])
    # Nesquay's other alert, low, flagged in 2025-Q3 (ended since): the map says low, not medium,
    # and the heatmap paints that quarter low.
    assert region_risk_recent(alerts, _since(latest, 6)).get(rid, ("none",))[0] != "medium"
    assert rid not in region_risk(alerts)  # the inbox's badges agree: nothing to decide there
    # A protracted cell never hides a live alert: where one covers, its severity is drawn.
    assert not (grid.protracted & (grid.strength > 0)).any()
    # The window's cells and the map's recent alerts agree: a district with a coloured cell in
    # the window has a recent alert, and the other way round.
    coloured = {int(r) for r, any_ in zip(grid.region_ids, (grid.strength > 0).any(axis=1)) if any_}
    assert coloured == {r for r in region_risk_recent(alerts, _since(latest, 6)) if r in set(grid.region_ids)}
    assert np.isin(grid.strength, [0, 1, 2, 3]).all()

"""On the sample's injected episodes the default detectors warn early and rarely cry wolf.

Uses the sample simulator directly (no files), so the check takes a couple of seconds.
Primary episodes only (the ones the ground truth lists without a parent); gap episodes are
matched to the derived ``<indicator>:gap:<g1>-<g2>`` series.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from workbench.models.series import build_panels
from workbench.models.signals import compute_signals

sample = pytest.importorskip("workbench.sample.simulate")


@pytest.fixture(scope="module")
def evaluated():
    from workbench.sample.codebook import codebook_frame
    from workbench.sample.geography import build_geography
    from workbench.sample.textfiles import truth_frame

    data = sample.simulate(build_geography(60), 7)
    obs = data.observations.rename(columns={"district": "region"})
    codebook = codebook_frame().rename(columns={"indicator": "key"})
    truth = truth_frame(data)
    truth = truth[truth["parent"].fillna("") == ""]
    out = []
    background = {}
    for panel in build_panels(obs, codebook):
        res = compute_signals(panel)
        keys = panel.keys
        inside = np.zeros(panel.values.shape, bool)
        for e in truth.itertuples():
            if "-" in str(e.group):
                hit = (keys["indicator"] == f"{e.indicator}:gap:{e.group}") & (keys["region"] == e.region)
            else:
                hit = ((keys["indicator"] == e.indicator) & (keys["region"] == e.region)
                       & (keys["group"] == "") & (keys["kind"] == "observed"))
            rows = np.nonzero(hit.to_numpy())[0]
            same_place = (keys["region"] == e.region).to_numpy()
            on = panel.periods.searchsorted(pd.Timestamp(e.onset))
            end = panel.periods.searchsorted(pd.Timestamp(e.end), side="right")
            inside[np.ix_(same_place, np.arange(on, min(end + 6, panel.values.shape[1])))] = True
            if len(rows):
                first = {m: np.nonzero(r.flag[rows[0], on:end])[0] for m, r in res.items()}
                out.append({"id": e.episode_id, **{m: (f[0] if len(f) else np.inf) for m, f in first.items()}})
        calm = (keys["kind"] == "observed").to_numpy()[:, None] & ~inside & ~np.isnan(panel.values)
        per_year = {"M": 12, "Q": 4}[panel.freq]
        for m, r in res.items():
            flags, years = background.get(m, (0, 0.0))
            background[m] = (flags + r.flag[calm].sum(), years + calm.sum() / per_year)
    delays = pd.DataFrame(out).set_index("id")
    return delays, {m: f / y for m, (f, y) in background.items()}, len(truth)


def test_every_primary_episode_is_found_early(evaluated):
    delays, _, n_truth = evaluated
    assert len(delays) == n_truth  # every episode's series exists in the panels (incl. gaps)
    first = delays.min(axis=1)
    assert np.isfinite(first).all()
    assert first.median() <= 1  # periods after onset
    # The control charts alone find most episodes within a few periods.
    assert (delays[["cusum", "ewma"]].min(axis=1) <= 4).mean() >= 0.75


def test_background_flag_rates_are_low_for_the_alarm_methods(evaluated):
    _, rate, _ = evaluated
    # Flags per series-year outside any episode (and its district's other series).
    for method in ("robust_z", "ewma", "cusum", "mann_kendall", "change_point"):
        assert rate[method] < 0.5, (method, rate[method])

"""Vectorised exponential smoothing against statsmodels; intervals; threshold crossings."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.holtwinters import Holt, SimpleExpSmoothing

from workbench.errors import WorkbenchError
from workbench.models.forecast import (
    forecast_panel, forecast_series, heading_for_threshold, smooth, threshold_crossing,
)
from tests.test_models_detectors import make_panel


@pytest.mark.parametrize("alpha", [0.1, 0.35, 0.9])
def test_ses_matches_statsmodels_fitted_values(alpha):
    rng = np.random.default_rng(1)
    x = rng.normal(0, 1, (8, 50)).cumsum(axis=1) + 20
    fitted, level, _ = smooth(x, alpha)
    for i in range(len(x)):
        fit = SimpleExpSmoothing(x[i], initialization_method="known", initial_level=x[i, 0]).fit(
            smoothing_level=alpha, optimized=False)
        np.testing.assert_allclose(fitted[i], fit.fittedvalues, rtol=0, atol=1e-8)
        assert level[i] == pytest.approx(fit.forecast(1)[0], abs=1e-8)


def test_holt_matches_statsmodels_fitted_values():
    rng = np.random.default_rng(2)
    x = rng.normal(0.5, 1, (5, 40)).cumsum(axis=1)
    l0, b0 = x[:, 0], x[:, 1] - x[:, 0]
    fitted, level, trend = smooth(x, 0.4, 0.15, level0=l0, trend0=b0)
    for i in range(len(x)):
        fit = Holt(x[i], initialization_method="known", initial_level=l0[i], initial_trend=b0[i]).fit(
            smoothing_level=0.4, smoothing_trend=0.15, optimized=False)
        np.testing.assert_allclose(fitted[i], fit.fittedvalues, atol=1e-8)
        np.testing.assert_allclose(level[i] + trend[i] * np.arange(1, 4), fit.forecast(3), atol=1e-8)


def test_panel_forecast_intervals_cover_and_widen():
    rng = np.random.default_rng(3)
    n, t, h = 2000, 60, 3
    x = 50 + rng.normal(0, 2, (n, t + h))  # white noise around a level: SES is well specified
    fc = forecast_panel(make_panel(x[:, :t]), horizon=h, level=0.9)
    assert fc.mean.shape == (n, h) and list(fc.periods.strftime("%Y-%m")) == ["2020-01", "2020-02", "2020-03"]
    assert (np.diff(fc.upper - fc.lower, axis=1) >= 0).all()
    cover = ((x[:, t:] >= fc.lower) & (x[:, t:] <= fc.upper)).mean()
    assert 0.85 < cover < 0.95
    trend = forecast_panel(make_panel(np.arange(40.0)[None, :] * 2 + 1), horizon=2, trend=True)
    np.testing.assert_allclose(trend.mean[0], [81, 83], atol=0.5)


def test_gaps_and_missing_series_in_smoothing():
    x = np.array([[1.0, np.nan, 3.0, 4.0], [np.nan] * 4, [np.nan, 2.0, 2.0, 2.0]])
    fitted, level, _ = smooth(x, 0.5)
    np.testing.assert_allclose(fitted[0], [1, 1, 1, 2])
    assert np.isnan(fitted[1]).all() and np.isnan(level[1])
    np.testing.assert_allclose(fitted[2], [np.nan, 2, 2, 2])


def test_threshold_crossing_in_the_worse_direction():
    mean = np.array([[3.0, 4.0, 5.0, 6.0], [50.0, 45.0, 41.0, 39.0], [1.0, 1.0, 1.0, 1.0]])
    upper = mean + 1.5
    lower = mean - 1.5
    bound = np.where(np.array([1, -1, 1])[:, None] > 0, upper, lower)
    out = threshold_crossing(mean, bound, np.array([5.0, 40.0, 10.0]), np.array([1, -1, 1]))
    np.testing.assert_array_equal(out["expected"], [3, 4, 0])
    np.testing.assert_array_equal(out["possible"], [2, 3, 0])


def test_forecast_series_with_statsmodels_ets():
    rng = np.random.default_rng(4)
    y = 30 + np.arange(36) * 0.5 + rng.normal(0, 1, 36)
    y[10] = np.nan
    periods = pd.date_range("2021-01-01", periods=36, freq="MS")
    fc = forecast_series(y, periods, horizon=4, freq="M")
    assert list(fc["period"].dt.strftime("%Y-%m")) == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert (fc["lower"] < fc["mean"]).all() and (fc["mean"] < fc["upper"]).all()
    assert fc["mean"].iloc[0] == pytest.approx(48, abs=3)
    with pytest.raises(WorkbenchError):
        forecast_series(y[:5], periods[:5])


def test_heading_for_threshold_lists_series_about_to_cross():
    t = np.arange(36.0)
    rising = 20 + 0.5 * t  # reaches 40 at t = 40, i.e. 5 periods after the last one
    flat = np.full(36, 20.0) + np.sin(t) * 0.1
    already = np.full(36, 50.0)
    falling_trust = 60 - 0.5 * t  # higher is better; threshold 40 reached at t = 40
    panel = make_panel(np.vstack([rising, flat, already, falling_trust]), direction=[1, 1, 1, -1],
                       threshold=[40, 40, 40, 40])
    out = heading_for_threshold(panel, horizon=6)
    assert list(out["region"]) == ["r0", "r3"]
    # The line reaches 40 five periods ahead; the smoothed trend may lag it by a period.
    assert set(out["expected"]) <= {5, 6}
    assert (out["possible"] <= out["expected"]).all() and (out["possible"] >= 1).all()
    first = out["expected"].iloc[0]
    assert out["period"].iloc[0] == panel.periods[-1] + pd.DateOffset(months=int(first))
    assert out["forecast"].iloc[0] >= 40

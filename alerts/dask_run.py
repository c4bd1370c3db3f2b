"""``workbench run --engine dask``: the rule evaluation mapped over partitions of series on Dask.

Each worker runs the very function the in-process engine runs,
:func:`alerts.engine.evaluate`, on a partition of whole series laid on the whole data
set's calendars (:func:`workbench.dask_engine.global_calendars`), and sends back only the
episodes, not the panels and signal arrays behind them (those are the bulk of the
memory). Reconciliation with the stored alerts stays in :func:`alerts.engine.run_models`:
one writer, one transaction.

Reconciliation rarely needs more than the episode: only when a closed or dismissed alert
covers part of a new episode does it re-summarize the remainder. Then the partition is
evaluated again on the client, which gives the same panel rows because the function is
pure (:class:`_LazyEvaluation`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd

from alerts.engine import _Found, evaluate
from alerts.episodes import Episode, RuleEvaluation
from alerts.rules import Rule
from workbench.progress import CancelToken, ProgressCallback, no_progress, scaled

#: What a worker sends back per episode: (episode, freq, rule name, row, start, end, opened).
EpisodeRecord = tuple[Episode, str, str, int, int, int, int]


def evaluate_partition(
    source: pd.DataFrame | str | Path,
    codebook: pd.DataFrame,
    rules: list[Rule],
    config: dict | None = None,
    calendars: dict[str, pd.DatetimeIndex] | None = None,
) -> tuple[list[EpisodeRecord], int]:
    """Episodes of one partition (a frame, or a Parquet file or folder of canonical rows)."""
    obs = source if isinstance(source, pd.DataFrame) else read_partition(source)
    found, n_series = evaluate(obs, codebook, rules, config=config, calendars=calendars)
    records = [(f.episode, f.evaluation.panel.freq, f.evaluation.rule.name, f.row, f.start, f.end, f.opened)
               for f in found]
    return records, n_series


def read_partition(path: str | Path) -> pd.DataFrame:
    """Canonical observations from a Parquet partition (period as datetime64, group '' not null)."""
    import pyarrow.parquet as pq

    df = pq.read_table(path, columns=["region", "indicator", "period", "group", "value", "freq"]).to_pandas()
    df["period"] = pd.to_datetime(df["period"])
    df["group"] = df["group"].fillna("")
    return df


class _PartitionCache:
    """Client-side re-evaluation of a partition, only for the rare episodes that need it."""

    def __init__(self, parts: list[pd.DataFrame], codebook: pd.DataFrame, rules: list[Rule],
                 config: dict | None, calendars: dict[str, pd.DatetimeIndex]) -> None:
        self.parts, self.codebook, self.rules = parts, codebook, rules
        self.config, self.calendars = config, calendars
        self._done: dict[int, dict[tuple[str, str], RuleEvaluation]] = {}

    def evaluation(self, part: int, freq: str, rule: str) -> RuleEvaluation:
        if part not in self._done:
            found, _ = evaluate(self.parts[part], self.codebook, self.rules, config=self.config,
                                calendars=self.calendars)
            self._done[part] = {(f.evaluation.panel.freq, f.evaluation.rule.name): f.evaluation for f in found}
        return self._done[part][(freq, rule)]


class _LazyEvaluation:
    """Stands in for a :class:`RuleEvaluation` in reconciliation: the calendar at hand, the
    rest recomputed on first use."""

    def __init__(self, cache: _PartitionCache, part: int, freq: str, rule: str) -> None:
        self._cache, self._key = cache, (part, freq, rule)
        self.panel = SimpleNamespace(periods=cache.calendars[freq], freq=freq)

    def summarize(self, row: int, start: int, end: int, opened: int | None = None) -> Episode | None:
        return self._cache.evaluation(*self._key).summarize(row, start, end, opened)


def dask_evaluator(
    scheduler: str | None = None,
    *,
    client: Any = None,
    n_partitions: int | None = None,
) -> Callable[..., tuple[list[_Found], int]]:
    """An ``evaluator`` for :func:`alerts.engine.run_models` that computes on Dask.

    ``client`` (an open ``distributed.Client``) wins over ``scheduler``; with neither, a
    2-worker LocalCluster lives for the duration of the evaluation.
    """
    from workbench.dask_engine import dask_client, default_partitions, global_calendars, map_partitions, split_series

    def run(
        obs: pd.DataFrame,
        codebook: pd.DataFrame,
        rules: list[Rule],
        *,
        progress: ProgressCallback = no_progress,
        cancel: CancelToken | None = None,
        config: dict | None = None,
    ) -> tuple[list[_Found], int]:
        progress(0.0, "partitioning series")
        calendars = global_calendars(obs)
        parts = split_series(obs, n_partitions or default_partitions(obs))
        progress(0.05, f"starting Dask ({len(parts)} partitions)")
        with nullcontext(client) if client is not None else dask_client(scheduler) as c:
            results = map_partitions(c, evaluate_partition, parts, progress=scaled(progress, 0.1, 1.0),
                                     cancel=cancel, codebook=codebook, rules=rules, config=config,
                                     calendars=calendars)
        cache = _PartitionCache(parts, codebook, rules, config, calendars)
        found: list[_Found] = []
        n_series = 0
        for i, (records, count) in enumerate(results):
            n_series += count
            for ep, freq, rule, row, start, end, opened in records:
                found.append(_Found(ep, _LazyEvaluation(cache, i, freq, rule), row, start, end, opened))  # type: ignore[arg-type]
        return found, n_series

    return run

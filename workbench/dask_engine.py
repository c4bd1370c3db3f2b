"""Scale-out of the models over partitions of whole series, on Dask distributed.

The model code is pure (a partition of series in, results out), so scaling out needs only
three things, and this module does them and nothing else: cut the observations into
partitions that each hold whole series, fix the one calendar every partition lays its
series on, and run a function over the partitions on a Dask cluster (a 2-worker
``LocalCluster`` when no scheduler address is given). What the function computes, and
what happens to the results, is the caller's business (see :mod:`alerts.dask_run`).

Why whole series and not rows: baselines need a series' whole history, and the gap
between two groups is chosen per indicator from all its regions
(:func:`workbench.models.polarization.choose_pair`), so an indicator that is split by
groups keeps all its regions in one partition; any other series is placed by its
(region, indicator).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd

from workbench.errors import WorkbenchError
from workbench.models.series import FREQ_ORDER, calendar, long_series
from workbench.progress import CancelToken, ProgressCallback, no_progress

#: Series per partition the default partitioning aims at: big enough that task overhead
#: (tens of ms) is small, small enough that a worker holds a few hundred MB at most.
SERIES_PER_PARTITION = 20_000
LOCAL_WORKERS = 2
SCALE_EXTRA = "the Dask engine needs the [scale] extra (pip install 'cohesion-workbench[scale]')"


def series_hash(obs: pd.DataFrame) -> np.ndarray:
    """A stable 64-bit hash per row that is equal for all rows of one partitionable unit.

    The unit is the indicator for indicators reported by group (see the module docstring)
    and the (region, indicator) pair otherwise. pandas' hash is seeded with a fixed key, so
    the same series lands in the same bucket on every machine and every run.
    """
    indicator = obs["indicator"].astype(str).to_numpy()
    group = obs["group"].fillna("").astype(str).to_numpy() if "group" in obs else np.full(len(obs), "")
    split = np.isin(indicator, np.unique(indicator[group != ""]))
    region = np.where(split, "", obs["region"].astype(str).to_numpy())
    return pd.util.hash_pandas_object(pd.DataFrame({"i": indicator, "r": region}), index=False).to_numpy()


def series_buckets(obs: pd.DataFrame, n_buckets: int) -> np.ndarray:
    """Bucket number (0 .. n_buckets-1) per row, whole series together."""
    return (series_hash(obs) % np.uint64(max(n_buckets, 1))).astype(np.int32)


def default_partitions(obs: pd.DataFrame, workers: int = LOCAL_WORKERS) -> int:
    """Enough partitions to keep every worker busy and each near :data:`SERIES_PER_PARTITION`."""
    n_series = len(obs.drop_duplicates(["region", "indicator", "group"])) if len(obs) else 0
    return max(2 * workers, -(-n_series // SERIES_PER_PARTITION))


def split_series(obs: pd.DataFrame, n_partitions: int) -> list[pd.DataFrame]:
    """The non-empty partitions of ``obs``, each holding whole series, in bucket order."""
    if not len(obs):
        return []
    bucket = series_buckets(obs, n_partitions)
    order = np.argsort(bucket, kind="stable")
    cuts = np.flatnonzero(np.diff(bucket[order])) + 1
    return [obs.iloc[idx].reset_index(drop=True) for idx in np.split(order, cuts)]


def global_calendars(obs: pd.DataFrame, min_history: int = 3) -> dict[str, pd.DatetimeIndex]:
    """The calendar per frequency that :func:`~workbench.models.series.build_panels` would
    use on all of ``obs`` at once: from the first to the last period of the series it keeps.

    Passing these to every partition makes each partition's panels column-for-column the
    same as the one-process panels, so the results are identical, not merely close.
    """
    if not len(obs):
        return {}
    long = long_series(obs)
    counts = long.groupby(["region", "indicator", "group", "kind"], sort=False)["value"].transform("count")
    kept = long[counts >= min_history]
    span = kept.groupby("freq")["period"].agg(["min", "max"])
    return {f: calendar(span.at[f, "min"], span.at[f, "max"], f) for f in FREQ_ORDER if f in span.index}


def parquet_calendars(paths: Sequence[str]) -> dict[str, pd.DatetimeIndex]:
    """Calendars per frequency of observations stored as Parquet partitions, one file at a
    time (only the ``period`` and ``freq`` columns), for data too big for one process.

    Unlike :func:`global_calendars` this counts every stored row, so it matches the
    one-process calendar when every series has at least ``min_history`` values (true of
    pooled weekly data; a short series at the edge of the data would widen it).
    """
    import pyarrow.parquet as pq

    lo: dict[str, pd.Timestamp] = {}
    hi: dict[str, pd.Timestamp] = {}
    for path in paths:
        df = pq.read_table(path, columns=["period", "freq"]).to_pandas()
        for f, span in df.groupby("freq")["period"].agg(["min", "max"]).iterrows():
            lo[f] = min(lo.get(f, span["min"]), span["min"])
            hi[f] = max(hi.get(f, span["max"]), span["max"])
    return {f: calendar(pd.Timestamp(lo[f]), pd.Timestamp(hi[f]), f) for f in FREQ_ORDER if f in lo}


@contextmanager
def dask_client(scheduler: str | None = None, n_workers: int = LOCAL_WORKERS) -> Iterator[Any]:
    """A ``distributed.Client``: to ``scheduler`` if given, else to a fresh LocalCluster.

    The local cluster uses processes with one thread each: the detectors are numpy code
    that holds the GIL in places, and a process per core is what a real cluster does too.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise WorkbenchError(SCALE_EXTRA) from None
    if scheduler:
        try:
            client = Client(scheduler, timeout="15s")
        except (OSError, TimeoutError) as err:
            raise WorkbenchError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
        with client:
            yield client
        return
    # Workers never spill partitions (observations) to disk: Dask's spill folder is in the
    # system temp folder by default (docs/privacy.md); a partition is sized to fit in memory.
    import dask

    no_spill = {"distributed.worker.memory.target": False, "distributed.worker.memory.spill": False}
    # Even without a dashboard the scheduler opens a small HTTP server, by default on port
    # 8787; when another program holds that port it moves with a warning (and leaks the socket
    # it tried). The workbench never uses that server: it takes any free port of this machine.
    with dask.config.set(no_spill), LocalCluster(
            n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=logging.ERROR, scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
    ) as cluster, Client(cluster) as client:
        yield client


def map_partitions(
    client: Any,
    fn: Callable[..., Any],
    partitions: Sequence[Any],
    *,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    **kwargs: Any,
) -> list[Any]:
    """``[fn(p, **kwargs) for p in partitions]`` computed on the cluster, in partition order.

    Partitions that are DataFrames are scattered first (no shared storage needed); paths
    are sent as they are, for workers that read the Parquet themselves. ``kwargs`` (the
    codebook, the rules, the calendars: small) travel with every task. Cancelling stops
    the outstanding tasks.
    """
    from distributed import as_completed

    if not partitions:
        return []
    frames = [i for i, p in enumerate(partitions) if isinstance(p, pd.DataFrame)]
    items = list(partitions)
    if frames:
        scattered = client.scatter([partitions[i] for i in frames])
        for i, fut in zip(frames, scattered):
            items[i] = fut
    futures = client.map(fn, items, pure=False, **kwargs)
    index = {f.key: i for i, f in enumerate(futures)}
    results: list[Any] = [None] * len(futures)
    try:
        for done, fut in enumerate(as_completed(futures), start=1):
            if cancel is not None:
                cancel.raise_if_cancelled()
            results[index[fut.key]] = fut.result()
            fut.release()
            progress(done / len(futures), f"partition {done} of {len(futures)} done")
    except BaseException:
        client.cancel(futures)
        raise
    return results

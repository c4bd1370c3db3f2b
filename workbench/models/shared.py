"""Statistics that several detectors need, worked out once per run instead of once per detector.

EARS C2 and C3 use the same seven-period baseline, EWMA and CUSUM the same standardisation,
and every floored spread the series' resolution. Inside :func:`shared_statistics` (which
:func:`~workbench.models.signals.compute_signals` opens around each block of series) a
function decorated with :func:`shared` returns the result of its first call for the same
arguments; outside it, it simply computes. Array arguments are matched by identity, and the
cache holds them so an identity is never reused within a run. Cached arrays are made
read-only, so a detector that wrote into a shared statistic would fail loudly instead of
corrupting another detector's numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

import numpy as np

F = TypeVar("F", bound=Callable[..., Any])

_CACHE: ContextVar[dict[tuple[Any, ...], tuple[Any, tuple[Any, ...]]] | None] = ContextVar(
    "workbench_shared_statistics", default=None
)


@contextmanager
def shared_statistics() -> Iterator[None]:
    """Share decorated statistics between the calls made inside this block (nests harmlessly)."""
    if _CACHE.get() is not None:
        yield
        return
    token = _CACHE.set({})
    try:
        yield
    finally:
        _CACHE.reset(token)


def sharing() -> bool:
    """True inside :func:`shared_statistics` - i.e. within one block of a
    :func:`~workbench.models.signals.compute_signals` run, which already has its threads."""
    return _CACHE.get() is not None


def _key(a: Any) -> Any:
    if isinstance(a, np.ndarray):
        return ("array", id(a))
    if isinstance(a, (int, float, str, bool, type(None), tuple)):
        return a
    return ("object", id(a))


def _freeze(out: Any) -> None:
    for a in out if isinstance(out, tuple) else (out,):
        if isinstance(a, np.ndarray):
            a.flags.writeable = False


def shared(fn: F) -> F:
    """Memoise ``fn`` inside :func:`shared_statistics`; its results must not be written to."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        cache = _CACHE.get()
        if cache is None:
            return fn(*args, **kwargs)
        key = (fn.__module__, fn.__qualname__, tuple(_key(a) for a in args),
               tuple(sorted((k, _key(v)) for k, v in kwargs.items())))
        hit = cache.get(key)
        if hit is None:
            out = fn(*args, **kwargs)
            _freeze(out)
            hit = cache[key] = (out, (args, kwargs))  # keeps the arguments alive: ids stay unique
        return hit[0]

    return wrapper  # type: ignore[return-value]

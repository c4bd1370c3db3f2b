"""argparse ``type=`` functions shared by the commands: numbers a person types, checked once.

A value argparse accepts must be one the command can use: ``alert 9223372036854775808``
used to reach SQLite and fail there with an internal error, ``--budget nan`` to pass every
comparison. Each function raises :class:`argparse.ArgumentTypeError`, which the dispatcher
turns into one ``error:`` line (exit code 2). Kept free of heavy imports (fast ``--help``).
"""

from __future__ import annotations

import argparse
import math

#: SQLite stores whole numbers in 64 bits.
MAX_ROW_ID = 2**63 - 1


def row_id(text: str) -> int:
    """An alert (or other row) id: a whole number from 1 to 2**63 - 1."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not an id (a whole number like 12)") from None
    if not 1 <= value <= MAX_ROW_ID:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not an id: ids run from 1 to {MAX_ROW_ID}")
    return value


def bounded_int(lo: int, hi: int):
    """A whole number from ``lo`` to ``hi``."""
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{text[:40]!r} is outside {lo}..{hi}")
        return value
    parse.__name__ = "whole number"
    return parse


def finite_float(lo: float = -math.inf, hi: float = math.inf):
    """A finite number from ``lo`` to ``hi`` (never NaN or infinity)."""
    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number") from None
        if not math.isfinite(value) or not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number from {lo:g} to {hi:g}")
        return value
    parse.__name__ = "number"
    return parse


__all__ = ["MAX_ROW_ID", "bounded_int", "finite_float", "row_id"]

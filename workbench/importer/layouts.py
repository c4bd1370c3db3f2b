"""The table layouts the importer reads: each one's name, its reader and (for a layout
added later) its detector, listed once.

A layout is how a sheet's cells hold observations: ``long`` (a row per value), ``wide`` (a
column per period), ``indicator_columns``, ``regions_across``. Besides these table layouts
the importer knows ``events`` (an event list, counted: :mod:`events`), ``codebook`` and
``skip``, which are read differently and are not listed here.

Functions are named by where they live (``"module:function"``) and imported when first
used, as the detector registry does (:mod:`workbench.models.registry`), so that this list
imports no reader and a reader module may use the importer's helpers freely.

* A **reader** is ``read(sub, header, mapping, ids, rownum, report, quals) -> (frame,
  reasons, None)``: the block's canonical records (:data:`rows.CANONICAL` plus ``_sub``, the
  row within the block) and a rejection reason (or None) per record;
  :func:`workbench.importer.extract.melt` builds them from a set of value columns.
* A **detector** is ``detect(sheet_name, header, rows, base) -> Classified | None``: the
  layout's reading of a sheet it recognises, tried before the built-in column rules. The
  shipped layouts are detected by :mod:`roles` (their detector is ``""``).

A new layout is one module with its ``detect`` and ``read``, its row in :data:`SHIPPED`
(or a :func:`register` call), and its test.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

#: Layouts the importer reads without a reader of this list.
OTHER_LAYOUTS = ("events", "codebook", "skip")


@dataclass(frozen=True)
class LayoutSpec:
    """One table layout: its name (the mapping file's ``layout``), reader and detector."""

    name: str
    reader: str
    detector: str = ""

    def read(self) -> Callable[..., Any]:
        return _resolve(self.reader)

    def detect(self) -> Callable[..., Any] | None:
        return _resolve(self.detector) if self.detector else None


def _resolve(ref: str) -> Callable[..., Any]:
    module, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module), attr)


SHIPPED: tuple[LayoutSpec, ...] = (
    LayoutSpec("long", "workbench.importer.extract:read_long"),
    LayoutSpec("wide", "workbench.importer.extract:read_wide"),
    LayoutSpec("indicator_columns", "workbench.importer.extract:read_indicator_columns"),
    LayoutSpec("regions_across", "workbench.importer.extract:read_regions_across"),
)
_LAYOUTS: dict[str, LayoutSpec] = {s.name: s for s in SHIPPED}


def register(spec: LayoutSpec) -> LayoutSpec:
    """Add (or replace) a layout kept outside this package."""
    if spec.name in OTHER_LAYOUTS:
        raise ValueError(f"{spec.name!r} is not a table layout")
    _LAYOUTS[spec.name] = spec
    return spec


def spec(name: str) -> LayoutSpec | None:
    return _LAYOUTS.get(name)


def names() -> tuple[str, ...]:
    """Every layout a mapping may name: the table layouts, then events, codebook, skip."""
    return (*_LAYOUTS, *OTHER_LAYOUTS)


def detecting() -> tuple[LayoutSpec, ...]:
    """The layouts with a detector of their own, in the order they were listed."""
    return tuple(s for s in _LAYOUTS.values() if s.detector)

"""The canonical rows every data sheet becomes, and the cell helpers that build them.

Shared by the table reader (:mod:`extract`) and the event-table reader (:mod:`events`),
which :mod:`extract` calls for event sheets: kept here so that neither imports the other
for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from workbench.importer.coded import mapped
from workbench.importer.labels import cell_text
from workbench.importer.report import ValidationReport

#: ``level`` is empty unless a row names its own admin level (``country``, ``province``,
#: ``district``): a table mixing levels (:attr:`Mapping.admin_level`); else the sheet's level.
ID_COLUMNS = ("region", "province", "country", "code", "indicator", "group", "unit", "level")
CANONICAL = ["row", *ID_COLUMNS, "period", "freq", "value"]


@dataclass
class SheetData:
    """Validated canonical rows of one sheet, its codebook rows and its report.

    ``names`` (``indicator``, ``name``) labels the indicator keys of ``frame`` when the
    sheet has an indicator name column beside its indicator code column.
    """

    frame: pd.DataFrame
    codebook: pd.DataFrame | None
    report: ValidationReport
    rejected_raw: list[list[str]]
    names: pd.DataFrame | None = None


def texts(arr: Any) -> np.ndarray:
    """Cells as trimmed text ('' for empty), computed once per distinct cell."""
    return mapped(arr, cell_text, "")


def object_frame(columns: dict[str, Any]) -> pd.DataFrame:
    """A DataFrame whose text columns stay numpy object arrays.

    pandas 3 would turn each into its Arrow-backed string type, and the importer turns them
    straight back into objects: two copies of millions of strings for nothing.
    """
    return pd.DataFrame({k: pd.Series(v, dtype=object, copy=False) if isinstance(v, np.ndarray) and v.dtype == object
                         else v for k, v in columns.items()})

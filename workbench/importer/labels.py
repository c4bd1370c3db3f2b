"""How a header cell reads as a label, and which column role a label names.

The layout detector, the role classifier and the event-table reader all read headers the
same way; these helpers sit below all three so that none of them imports another for them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pandas as pd

from workbench.importer.vocabulary import region_level, role_of


def normalize_label(label: str) -> str:
    text = re.sub(r"[_\-./:()\[\]#]+", " ", str(label).casefold())
    return " ".join(text.split())


def cell_text(v: Any) -> str:
    """How a cell reads as a header label: integers without '.0', dates as ISO."""
    if v is None:
        return ""
    if isinstance(v, float):
        if np.isnan(v):
            return ""
        if v.is_integer():
            return str(int(v))
    if isinstance(v, (dt.datetime, pd.Timestamp)):
        return v.strftime("%Y-%m-%d") if (v.hour, v.minute, v.second) == (0, 0, 0) else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return " ".join(str(v).split())


def column_role(label: str) -> tuple[str | None, int | None]:
    """(role, region level) a header label names, in any of the importer's languages."""
    level = region_level(label)
    if level is not None:
        return "region", level
    return role_of(label), None

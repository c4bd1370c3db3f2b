"""How a sheet's cells become observations, as a small record an analyst can save and edit.

Detection (``layout.py``) proposes a :class:`Mapping`; a TOML mapping file overrides any of
its keys, so a file that was detected wrongly once can be fixed once and imported the same
way next month (``--save-mapping`` then ``--mapping``). A mapping file holds top-level keys
that apply to every sheet and optional ``[sheets."Name"]`` tables for one sheet.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import tomli_w

from workbench.errors import WorkbenchError

LAYOUTS = ("long", "wide", "indicator_columns", "codebook", "skip")
PERIOD_FORMATS = ("auto", "dmy", "mdy")
DECIMALS = ("auto", ".", ",")
REGION_LEVELS = ("district", "province", "country", "other")

#: Cell texts that mean "no value" (compared case-insensitively, after trimming).
DEFAULT_MISSING_MARKERS: tuple[str, ...] = (
    "", "..", "...", "n/a", "na", "-", "–", "—", "#n/a", "#div/0!", "#value!", "#ref!",
    "#name?", "#num!", "#null!", "x", ":",
)


@dataclass
class Mapping:
    """Where the data of one sheet sits and what each column means.

    Column fields name a header label exactly as the sheet shows it (after merged cells
    are filled). ``header_row`` is 1-based like the spreadsheet's own row numbers.
    ``period_columns`` serve the wide layout (one column per period) and
    ``indicator_columns`` the indicator-columns layout (one column per indicator).
    ``indicator_name`` names a column of display names for the keys in ``indicator`` (a
    World Bank ``Indicator Name`` next to its ``Indicator Code``); ``region_level`` says
    that the region column holds countries (or provinces) rather than districts.
    """

    layout: str = "long"
    sheet: str | None = None
    header_row: int | None = None
    region: str | None = None
    province: str | None = None
    country: str | None = None
    code: str | None = None
    indicator: str | None = None
    indicator_name: str | None = None  # display names of the indicator column's keys (codes)
    region_level: str | None = None  # what the region column holds; None means district
    period: str | None = None
    period_part: str | None = None  # a month or quarter column completing a year column
    value: str | None = None
    group: str | None = None
    unit: str | None = None
    fixed_indicator: str | None = None
    period_columns: list[str] = field(default_factory=list)
    indicator_columns: list[str] = field(default_factory=list)
    period_format: str = "auto"
    decimal: str = "auto"
    missing_markers: list[str] = field(default_factory=lambda: list(DEFAULT_MISSING_MARKERS))

    def to_dict(self) -> dict[str, Any]:
        """Plain dict without empty entries (TOML has no null), for files and the project."""
        return {k: v for k, v in asdict(self).items() if v is not None}

    def override(self, changes: dict[str, Any]) -> Mapping:
        """A copy with the given keys replaced; unknown keys or bad values are refused."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise WorkbenchError(f"mapping: unknown key(s) {', '.join(unknown)}; known keys: "
                                 f"{', '.join(sorted(known))}")
        data = asdict(self)
        data.update(changes)
        out = Mapping(**data)
        out.validate()
        return out

    def validate(self) -> None:
        if self.layout not in LAYOUTS:
            raise WorkbenchError(f"mapping: layout must be one of {', '.join(LAYOUTS)}, not {self.layout!r}")
        if self.period_format not in PERIOD_FORMATS:
            raise WorkbenchError(
                f"mapping: period_format must be one of {', '.join(PERIOD_FORMATS)}, not {self.period_format!r}"
            )
        if self.decimal not in DECIMALS:
            raise WorkbenchError(f"mapping: decimal must be one of {', '.join(DECIMALS)}, not {self.decimal!r}")
        if self.region_level is not None and self.region_level not in REGION_LEVELS:
            raise WorkbenchError(
                f"mapping: region_level must be one of {', '.join(REGION_LEVELS)}, not {self.region_level!r}"
            )
        if self.header_row is not None and (not isinstance(self.header_row, int) or self.header_row < 1):
            raise WorkbenchError("mapping: header_row must be a row number (1 or more)")
        for key in ("period_columns", "indicator_columns", "missing_markers"):
            value = getattr(self, key)
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise WorkbenchError(f"mapping: {key} must be a list of texts")


@dataclass
class MappingFile:
    """Overrides read from a TOML file: for all sheets, and per sheet by name."""

    common: dict[str, Any] = field(default_factory=dict)
    sheets: dict[str, dict[str, Any]] = field(default_factory=dict)

    def for_sheet(self, name: str) -> dict[str, Any]:
        out = dict(self.common)
        out.update(self.sheets.get(name, {}))
        return out

    @property
    def empty(self) -> bool:
        return not self.common and not self.sheets


#: A mapping file names columns and markers: a few kilobytes. Anything near this is not one.
MAX_MAPPING_BYTES = 1_000_000


def load_mapping(path: str | Path) -> MappingFile:
    """Read a mapping file; a partial file is fine (only its keys override detection)."""
    from workbench.inputs import InputProblem, read_input_text, shown

    path = Path(path)
    try:
        text = read_input_text(path, "mapping file", MAX_MAPPING_BYTES)
    except InputProblem as err:
        if err.reason == "does not exist":
            raise WorkbenchError(f"mapping file {shown(path)} does not exist") from None
        raise WorkbenchError(f"cannot read mapping file {shown(path.name)}: it {err.reason}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise WorkbenchError(f"mapping file {path.name} is not valid TOML ({err})") from None
    except RecursionError:
        raise WorkbenchError(f"mapping file {path.name} is nested too deeply to be a mapping") from None
    sheets = data.pop("sheets", {})
    if not isinstance(sheets, dict) or not all(isinstance(v, dict) for v in sheets.values()):
        raise WorkbenchError(f"mapping file {path.name}: [sheets] must hold one table per sheet name")
    out = MappingFile(common=data, sheets=sheets)
    # Fail now, not half-way through an import, on unknown keys or bad values.
    for name in [None, *sheets]:
        Mapping().override(out.for_sheet(name) if name else out.common)
    return out


def save_mapping(path: str | Path, mappings: list[Mapping], *, inputs: list[Any] | None = None) -> None:
    """Write the mappings used, one ``[sheets."Name"]`` table per imported sheet (never over
    ``inputs``, the project or a file being imported: see :mod:`workbench.outputs`)."""
    from workbench.outputs import write_text_output

    doc: dict[str, Any] = {"sheets": {}}
    for m in mappings:
        entry = m.to_dict()
        name = entry.pop("sheet", None) or "Sheet1"
        for key in ("period_columns", "indicator_columns"):
            if not entry.get(key):
                entry.pop(key, None)
        doc["sheets"][name] = entry
    write_text_output(path, "# Workbench import mapping: edit and pass with --mapping to import the same way.\n"
                      + tomli_w.dumps(doc), inputs=inputs or (), what="mapping file")

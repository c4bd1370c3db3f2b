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
from workbench.importer import layouts
from workbench.inputs import InputProblem, read_input_text, shown
from workbench.outputs import write_text_output

EVENT_PERIODS = ("month", "week")
#: Keys that only say how an event table is aggregated: they apply to event sheets and
#: do not make the other sheets of a file count as "mapped" (workbench/importer/events.py).
EVENT_OPTIONS = ("event_period", "event_types")
PERIOD_FORMATS = ("auto", "dmy", "mdy")
DECIMALS = ("auto", ".", ",")
REGION_LEVELS = ("district", "province", "country", "other")

#: Cell texts that mean "no value" (compared case-insensitively, after trimming).
DEFAULT_MISSING_MARKERS: tuple[str, ...] = (
    "", "..", "...", "n/a", "na", "-", "–", "—", "#n/a", "#div/0!", "#value!", "#ref!",
    "#name?", "#num!", "#null!", "x", ":",
    # Error cells as German, French and Spanish spreadsheets write them in text exports.
    "#nv", "#wert!", "#bezug!", "#zahl!", "#valeur!", "#nombre!", "#nul!", "#¡valor!", "#¡ref!", "#¡div/0!",
    "#¿nombre?", "#¡num!", "#¡nulo!", "#valor!",
)


@dataclass
class Mapping:
    """Where the data of one sheet sits and what each column means.

    Column fields name a header label exactly as the sheet shows it (after merged cells
    are filled). ``header_row`` is 1-based like the spreadsheet's own row numbers.
    ``period_columns`` serve the wide layout (one column per period) and
    ``indicator_columns`` the indicator-columns layout (one column per indicator) and
    ``region_columns`` the regions-across layout (one column per place, periods down).
    ``dimensions`` name columns that are part of the series (OECD ``SUBJECT``/``MEASURE``,
    an SDMX dimension): their values qualify the indicator (``HHSAV (TOT, PC_HHDI)``);
    ``group_columns`` add population-group columns to ``group`` (``Female, 15-24``).
    ``admin_level`` names a column giving each row's admin level when one table mixes them
    (HDX HAPI: ``0`` rows name only the country, ``2`` rows a district): each row is placed
    at its own level - the country column (names or ISO3 codes), the province or the region.
    ``frequency`` names a column giving each row's frequency (ONS ``freq``: ``a``, ``q``,
    ``m``) when one column stacks annual, quarterly and monthly values: each row's period
    takes that frequency and each frequency is a series of its own.
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
    admin_level: str | None = None  # a column of each row's admin level (0 country, 1 province, 2 district)
    period: str | None = None
    period_part: str | None = None  # a month or quarter column completing a year column
    frequency: str | None = None  # a column giving each row's frequency (a/q/m): part of the series
    value: str | None = None
    group: str | None = None
    unit: str | None = None
    fixed_indicator: str | None = None
    fixed_region: str | None = None  # one place for a sheet without a region column
    period_columns: list[str] = field(default_factory=list)
    indicator_columns: list[str] = field(default_factory=list)
    region_columns: list[str] = field(default_factory=list)  # regions across, periods down
    dimensions: list[str] = field(default_factory=list)  # columns qualifying the indicator
    group_columns: list[str] = field(default_factory=list)  # further population-group columns
    period_format: str = "auto"
    decimal: str = "auto"
    missing_markers: list[str] = field(default_factory=lambda: list(DEFAULT_MISSING_MARKERS))
    # Event tables (layout "events"): one row per event, counted per place and period.
    event_date: str | None = None  # the column of the events' dates
    fatalities: str | None = None  # a column of deaths per event, summed
    event_type: str | None = None  # a column of event types (one indicator each with event_types)
    event_source: str | None = None  # "ACLED", "UCDP": the indicators' prefix
    event_period: str | None = None  # "month" (None) or "week"
    event_types: bool | None = None  # also one count per event type

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
        if self.layout not in layouts.names():
            raise WorkbenchError(f"mapping: layout must be one of {', '.join(layouts.names())}, not {self.layout!r}")
        if self.period_format not in PERIOD_FORMATS:
            raise WorkbenchError(
                f"mapping: period_format must be one of {', '.join(PERIOD_FORMATS)}, not {self.period_format!r}"
            )
        if self.decimal not in DECIMALS:
            raise WorkbenchError(f"mapping: decimal must be one of {', '.join(DECIMALS)}, not {self.decimal!r}")
        if self.event_period is not None and self.event_period not in EVENT_PERIODS:
            raise WorkbenchError(
                f"mapping: event_period must be one of {', '.join(EVENT_PERIODS)}, not {self.event_period!r}")
        if self.event_types is not None and not isinstance(self.event_types, bool):
            raise WorkbenchError("mapping: event_types must be true or false")
        if self.region_level is not None and self.region_level not in REGION_LEVELS:
            raise WorkbenchError(
                f"mapping: region_level must be one of {', '.join(REGION_LEVELS)}, not {self.region_level!r}"
            )
        if self.header_row is not None and (not isinstance(self.header_row, int) or self.header_row < 1):
            raise WorkbenchError("mapping: header_row must be a row number (1 or more)")
        for key in ("period_columns", "indicator_columns", "region_columns", "dimensions", "group_columns",
                    "missing_markers"):
            value = getattr(self, key)
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise WorkbenchError(f"mapping: {key} must be a list of texts")


@dataclass
class MappingFile:
    """Overrides read from a TOML file: for all sheets, and per sheet by name."""

    common: dict[str, Any] = field(default_factory=dict)
    sheets: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: ``[names.regions]`` / ``[names.indicators]``: a name in the file -> the name to store
    #: (an existing one it is a typo of, or itself to add it as new); see importer/names.py.
    names: dict[str, dict[str, str]] = field(default_factory=dict)

    def sheet_key(self, name: str) -> str | None:
        """The key of ``sheets`` for the sheet ``name``: the same name, else the same name in
        another case (a sheet is chosen by ``--sheet`` the same way, and the app saves its
        mappings under casefolded names)."""
        if name in self.sheets:
            return name
        wanted = name.strip().casefold()
        return next((k for k in self.sheets if k.strip().casefold() == wanted), None)

    def for_sheet(self, name: str) -> dict[str, Any]:
        out = dict(self.common)
        key = self.sheet_key(name)
        if key is not None:
            out.update(self.sheets[key])
        return out

    @property
    def empty(self) -> bool:
        return not self.common and not self.sheets and not self.names


#: A mapping file names columns and markers: a few kilobytes. Anything near this is not one.
MAX_MAPPING_BYTES = 1_000_000


def load_mapping(path: str | Path) -> MappingFile:
    """Read a mapping file; a partial file is fine (only its keys override detection)."""
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
    names = data.pop("names", {})
    if (not isinstance(names, dict) or set(names) - {"regions", "indicators"}
            or not all(isinstance(t, dict) and all(isinstance(v, str) for v in t.values()) for t in names.values())):
        raise WorkbenchError(f"mapping file {path.name}: [names] holds [names.regions] and [names.indicators] "
                             'tables of "name in the file" = "name to store"')
    out = MappingFile(common=data, sheets=sheets, names=names)
    # Fail now, not half-way through an import, on unknown keys or bad values.
    for name in [None, *sheets]:
        Mapping().override(out.for_sheet(name) if name else out.common)
    return out


def save_mapping(path: str | Path, mappings: list[Mapping], names: dict[str, dict[str, str]] | None = None,
                 comment: str = "", *, inputs: list[Any] | None = None,
                 notes: dict[str, dict[str, str]] | None = None) -> None:
    """Write the mappings used, one ``[sheets."Name"]`` table per imported sheet, and any
    ``[names]`` tables (names to confirm, or confirmed) - never over ``inputs``, the project
    or a file being imported (see :mod:`workbench.outputs`).

    ``comment`` (lines already starting with ``#``) goes above the tables: the reading an
    analyst is asked to confirm. ``notes`` (kind -> name -> text) are written as a comment
    line above that name's entry in ``[names]`` (the existing names a held name resembles).
    """
    doc: dict[str, Any] = {"sheets": {}}
    for m in mappings:
        entry = m.to_dict()
        name = entry.pop("sheet", None) or "Sheet1"
        for key in ("period_columns", "indicator_columns", "region_columns", "dimensions", "group_columns"):
            if not entry.get(key):
                entry.pop(key, None)
        doc["sheets"][name] = entry
    text = tomli_w.dumps(doc)
    if names:
        # Written table by table so that each held name carries its comment (tomli_w
        # writes no comments); each entry is still dumped by tomli_w, so quoting is its.
        for kind, table in names.items():
            text += f"\n[names.{kind}]\n"
            for name, value in table.items():
                note = (notes or {}).get(kind, {}).get(name)
                if note:
                    text += "# " + " ".join(str(note).split()) + "\n"
                text += tomli_w.dumps({name: value})
    write_text_output(path, "# Workbench import mapping: edit and pass with --mapping to import the same way.\n"
                      + (comment.rstrip("\n") + "\n" if comment else "")
                      + text, inputs=inputs or (), what="mapping file")

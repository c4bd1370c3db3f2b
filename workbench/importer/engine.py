"""Preview and import spreadsheet files: the public face of the importer.

An import reads and validates the whole file before it touches the project, then writes
regions, indicators, the import record, the rejected rows and the observations in ONE
transaction, so a failure or a kill part-way leaves the project as it was. A file whose
sha256 (and mapping) the project already holds is skipped with a message, not duplicated.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from workbench.changes import OpChanges
from workbench.errors import UnusableInputError, WorkbenchError
from workbench.importer.coded import as_coded, coded, factorized, mapped
from workbench.importer.extract import SheetData, extract_sheet, match_keys, set_codebook_units
from workbench.importer.layout import SheetLayout, detect_layout, looks_like_codebook
from workbench.importer.mapping import EVENT_OPTIONS, Mapping, MappingFile
from workbench.importer.names import (
    NameCheck, alias_map, check_names, decide_held, file_places, known_places, names_notes, names_tables,
)
from workbench.importer.reading import Reading
from workbench.importer.readers import RawSheet, read_file
from workbench.importer.report import ValidationReport
from workbench.progress import CancelToken, ProgressCallback, no_progress
from workbench.store.codes import (
    empty_schema, indicator_limits, indicator_names, region_aliases, region_codes, region_names,
)
from workbench.store import project_exists
from workbench.store.dialect import is_server_url
from workbench.store.imports import imports_of_file, record_rejected_rows, set_import_counts

PREVIEW_ROWS = 30
SAMPLE_ROWS = 50


@dataclass
class SheetPreview:
    """One sheet as the import wizard shows it: raw top rows, detected mapping, result."""

    name: str
    role: str
    raw_top: pd.DataFrame
    mapping: Mapping
    sample: pd.DataFrame
    report: ValidationReport
    reading: Reading | None = None


@dataclass
class FilePreview:
    path: Path
    kind: str
    sha256: str
    sheets: list[SheetPreview]
    names: NameCheck | None = None  # with a project: the new names (held ones are in the readings)

    def data_sheets(self) -> list[SheetPreview]:
        return [s for s in self.sheets if s.role in ("data", "codebook")]


@dataclass
class ImportResult:
    """What happened to one file.

    ``status`` is ``imported``, ``already imported``, ``dry run``, ``nothing kept`` or
    ``needs confirmation`` (a reading was not clear-cut: nothing was written; ``readings``
    holds the best reading of every data sheet and ``mappings`` the mapping to confirm).
    """

    path: Path
    sha256: str
    status: str
    message: str
    reports: list[ValidationReport] = field(default_factory=list)
    mappings: list[Mapping] = field(default_factory=list)
    import_ids: list[int] = field(default_factory=list)
    values_new: int = 0
    values_revised: int = 0
    values_unchanged: int = 0
    readings: list[Reading] = field(default_factory=list)
    names: NameCheck | None = None  # new names, and names held because they resemble existing ones
    given_names: dict[str, dict[str, str]] = field(default_factory=dict)  # the mapping's [names]

    @property
    def needs_confirmation(self) -> bool:
        return self.status == "needs confirmation"

    @property
    def changes(self) -> OpChanges:
        """What the import changed in the project (nothing unless data was written)."""
        if self.status != "imported":
            return OpChanges(messages=(self.message,))
        return OpChanges(observations=True, names=True, imports=True, messages=(self.message,))

    def doubtful(self) -> list[Reading]:
        return [r for r in self.readings if not r.clear_cut]

    def names_to_confirm(self) -> dict[str, dict[str, str]]:
        """The ``[names]`` tables of the mapping to confirm: given ones and held ones."""
        return names_tables(self.readings, self.given_names)

    def names_notes(self) -> dict[str, dict[str, str]]:
        """A comment for each held name: the existing names it resembles."""
        return names_notes(self.readings)

    @property
    def rows_kept(self) -> int:
        return sum(r.rows_kept for r in self.reports)

    @property
    def rows_rejected(self) -> int:
        return sum(r.rows_rejected for r in self.reports)

    def render(self, all_notes: bool = False) -> str:
        if self.status == "already imported":
            return self.message
        if self.needs_confirmation:
            parts = [r.render() for r in self.readings]
            parts.append(self.message)
            return "\n".join(parts)
        said: set[str] = set()  # a file-wide note (places' identity) is printed once
        parts = [r.render(all_notes=all_notes, said=said) for r in self.reports]
        if self.names is not None:
            parts += [f"  {line}" for line in self.names.render()]
        parts.append(self.message)
        return "\n".join(parts)


@dataclass
class _Analysis:
    kind: str
    sha256: str
    sheets: list[tuple[RawSheet, SheetLayout, SheetData]]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def as_mapping_file(mapping: MappingFile | Mapping | dict[str, Any] | None) -> MappingFile:
    """Accept what callers naturally have: a loaded file, one Mapping, or a dict of keys."""
    if mapping is None:
        return MappingFile()
    if isinstance(mapping, MappingFile):
        return mapping
    if isinstance(mapping, Mapping):
        data = mapping.to_dict()
        name = data.pop("sheet", None)
        return MappingFile(sheets={name: data}) if name else MappingFile(common=data)
    return MappingFile(common=dict(mapping))


def _select(sheets: list[RawSheet], wanted: str | None, path: Path, kind: str) -> list[RawSheet]:
    if wanted is None or kind == "csv":
        return sheets  # a CSV file is one sheet whatever --sheet says
    for s in sheets:
        if s.name == wanted:
            return [s]
    for s in sheets:
        if s.name.strip().casefold() == wanted.strip().casefold():
            return [s]
    names = ", ".join(repr(s.name) for s in sheets)
    raise WorkbenchError(f"{path.name} has no sheet named {wanted!r}; its sheets are: {names}")


def _analyse(
    path: Path, sheet: str | None, mapping: MappingFile, progress: ProgressCallback, cancel: CancelToken | None
) -> _Analysis:
    if not path.exists():
        raise UnusableInputError(f"{path.name} does not exist")
    if path.is_dir():
        raise UnusableInputError(f"{path} is a folder, not a file")
    progress(0.02, f"reading {path.name}")
    book = read_file(path)
    sha = file_sha256(path)
    chosen = _select(book.sheets, sheet, path, book.kind)
    out = []
    for i, raw in enumerate(chosen):
        if cancel is not None:
            cancel.raise_if_cancelled()
        progress(0.3 + 0.5 * i / max(len(chosen), 1), f"checking sheet {raw.name}")
        overrides = mapping.for_sheet(raw.name)
        if mapping.sheet_key(raw.name) is None and len(mapping.sheets) == 1 and len(chosen) == 1:
            # Next month's file often names its only sheet (or, for a CSV, itself)
            # differently; a mapping saved for one sheet still applies to it.
            overrides = {**mapping.common, **next(iter(mapping.sheets.values()))}
        mapped = {k: v for k, v in overrides.items() if k not in EVENT_OPTIONS}
        if raw.hidden and sheet is None and not mapped:
            layout = SheetLayout("hidden", Mapping(sheet=raw.name, layout="skip"), reason="a hidden sheet")
        else:
            layout = detect_layout(raw, overrides)
            if layout.role == "data" and looks_like_codebook(raw.name) and not mapped:
                layout.notes.append("the sheet name suggests a codebook but it has no direction column; "
                                    "read as data")
        out.append((raw, layout, extract_sheet(raw, layout, path.name)))
    codebook = _codebook(out)
    for _, _, data in out:
        set_codebook_units(data.frame, codebook, data.report, data.names)
    return _Analysis(book.kind, sha, out)


def _codebook(sheets: list[tuple[RawSheet, SheetLayout, SheetData]]) -> pd.DataFrame | None:
    books = [d.codebook for _, _, d in sheets if d.codebook is not None and len(d.codebook)]
    return pd.concat(books, ignore_index=True) if books else None


def _usable(analysis: _Analysis, path: Path) -> None:
    """Refuse (exit 2) a file in which no sheet holds a table we can read, or whose tables
    have a header and nothing under it."""
    used = [(layout, data) for _, layout, data in analysis.sheets if layout.role in ("data", "codebook")]
    if used and all(len(layout.data_rows) == 0 for layout, _ in used):
        raise UnusableInputError(f"{path.name} has a header but no data rows")
    if used:
        return
    why = "; ".join(f"sheet {raw.name!r}: {layout.reason or layout.role}" for raw, layout, _ in analysis.sheets)
    raise UnusableInputError(f"{path.name} has no data table ({why})")


def preview_file(
    path: str | Path, sheet: str | None = None, mapping: MappingFile | Mapping | dict[str, Any] | None = None,
    project: str | Path | None = None,
) -> FilePreview:
    """Everything the import would do, without touching any project.

    With ``project`` (only read), the file's names are judged against the project's as the
    import would judge them: held names are decisions in the sheets' readings and
    ``FilePreview.names`` lists the new ones.
    """
    path = Path(path)
    files = as_mapping_file(mapping)
    analysis = _analyse(path, sheet, files, no_progress, None)
    used = [(raw, layout, data) for raw, layout, data in analysis.sheets if layout.role in ("data", "codebook")]
    names = None
    if project is not None and all(layout.reading is None or layout.reading.clear_cut for _, layout, _ in used):
        names = _check_names(project if is_server_url(project) else Path(project), used, files.names)
    sheets = []
    for raw, layout, data in analysis.sheets:
        sample = data.frame.head(SAMPLE_ROWS) if data.codebook is None else data.codebook.head(SAMPLE_ROWS)
        if layout.reading is not None:
            layout.reading.sample = data.frame.head(SAMPLE_ROWS)
        sheets.append(SheetPreview(raw.name, layout.role, raw.cells.head(PREVIEW_ROWS), layout.mapping,
                                   sample.reset_index(drop=True), data.report, layout.reading))
    return FilePreview(path, analysis.kind, analysis.sha256, sheets, names)


def _project_state(
    project_path: str | Path, sha: str, dry_run: bool
) -> tuple[dict[str, tuple[int, str]], pd.DataFrame | None]:
    """Earlier imports of the same bytes (mapping JSON -> (id, date)) and the project's units.

    A real import upgrades a project of an older schema (it is about to write anyway); a
    dry run never changes the file, so it reports the older schema instead.
    """
    if not project_exists(project_path):
        return {}, None
    from workbench.store import open_for_reading, open_project

    opener = (lambda p: open_project(p, readonly=True)) if dry_run or is_server_url(project_path) else open_for_reading
    with opener(project_path) as project:
        rows = imports_of_file(project.conn, sha)
        units = indicator_limits(project.conn)  # a codebook's declared unit and valid range
    return {stored: (iid, when) for iid, when, stored in rows}, units


def _already_imported(result: ImportResult, path: Path, import_id: int, when: str) -> ImportResult:
    result.status = "already imported"
    result.message = f"{path.name} was already imported on {when[:10]} as import #{import_id}; nothing changed"
    return result


def _not_yet_imported(used: list, stored: dict[str, tuple[int, str]]) -> tuple[list[tuple[int, str]], list]:
    """(the earlier imports of the sheets already in ``stored``, the sheets that are not).

    ``stored`` maps a mapping as the store keeps it to (import id, date) for this file's
    sha256: the same bytes read the same way add nothing.
    """
    done, fresh = [], []
    for sheet in used:
        key = _mapping_json(sheet[1].mapping)
        if key in stored:
            done.append(stored[key])
        else:
            fresh.append(sheet)
    return done, fresh


def _mapping_json(m: Mapping) -> str:
    """The mapping as the store keeps it, so a re-import can be compared with it."""
    return json.dumps(m.to_dict(), default=str, sort_keys=True)


def import_file(
    path: str | Path,
    project_path: str | Path,
    *,
    sheet: str | None = None,
    mapping: MappingFile | Mapping | dict[str, Any] | None = None,
    dry_run: bool = False,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> ImportResult:
    """Validate a whole file, then write it into the project in one transaction."""
    path = Path(path)
    project_path = project_path if is_server_url(project_path) else Path(project_path)
    analysis = _analyse(path, sheet, as_mapping_file(mapping), progress, cancel)
    _usable(analysis, path)
    used = [(raw, layout, data) for raw, layout, data in analysis.sheets if layout.role in ("data", "codebook")]
    reports = [data.report for _, _, data in analysis.sheets]
    mappings = [layout.mapping for _, layout, _ in used]
    result = ImportResult(path, analysis.sha256, "", "", reports, mappings)
    for _, layout, data in used:
        if layout.reading is not None:
            layout.reading.sample = data.frame.head(SAMPLE_ROWS)
            result.readings.append(layout.reading)
    previous, units = _project_state(project_path, analysis.sha256, dry_run)
    given = as_mapping_file(mapping).names
    result.given_names = given
    if not result.doubtful():
        # Columns are clear: next month's names are judged against the project's (a likely
        # typo is held as a decision of the reading, importer/names.py).
        result.names = _check_names(project_path, used, given)
    if result.doubtful():
        done, _fresh = _not_yet_imported(used, previous)
        if done and not _fresh:
            return _already_imported(result, path, *min(done))  # confirmed and imported before
        return _ask(result, path)
    _identify(project_path, used, dry_run)
    if units is not None and len(units):
        # Units the project's codebook already knows judge percentages and counts too;
        # the file's own codebook, if any, has the last word.
        book = _codebook(analysis.sheets)
        cols = [c for c in ("indicator", "unit", "min", "max") if book is not None and c in book]
        merged = units if book is None or len(cols) < 2 else pd.concat([units, book[cols]])
        for _, _, data in analysis.sheets:
            set_codebook_units(data.frame, merged.drop_duplicates("indicator", keep="last"), data.report,
                               data.names)
    kept = sum(d.report.rows_kept for _, _, d in used)
    if kept == 0:
        result.status = "nothing kept"
        result.message = f"{path.name}: nothing could be kept (every row was rejected); the project was not changed"
        return result
    if dry_run:
        result.status = "dry run"
        result.message = f"{path.name}: dry run, {kept} row(s) would be imported; nothing was written"
        return result
    # The same bytes read the same way add nothing; each sheet is judged on its own so that
    # a file first imported with --sheet can later bring in its other sheets.
    done, used = _not_yet_imported(used, previous)
    if not used:
        return _already_imported(result, path, *min(done))
    if cancel is not None:
        cancel.raise_if_cancelled()
    progress(0.85, "writing to the project")
    meanwhile = _write(project_path, path, analysis.sha256, used, result)
    if meanwhile is not None:  # another import of the same file committed first
        return _already_imported(result, path, *meanwhile)
    progress(1.0, "done")
    result.status = "imported"
    result.message = (f"{path.name}: imported as #{', #'.join(map(str, result.import_ids))}: "
                      f"{result.values_new} new value(s), {result.values_revised} revised, "
                      f"{result.values_unchanged} unchanged")
    return result


def _ask(result: ImportResult, path: Path) -> ImportResult:
    """Nothing is written: the reading (columns, or names that look like typos) is to confirm."""
    doubts = [(r, d) for r in result.doubtful() for d in r.doubts]
    columns = [f"sheet {r.sheet!r}: {d.label}: {d.evidence}" for r, d in doubts if not d.about_names]
    held = [d for _, d in doubts if d.about_names]
    parts = []
    if columns:
        parts.append("the reading is not clear-cut (" + "; ".join(columns) + ")")
    if held:
        parts.append(f"{len(held)} name(s) resemble names the project already has ("
                     + "; ".join(f"{d.subject!r} ~ {' or '.join(map(repr, d.alternatives))}" for d in held) + ")")
    result.status = "needs confirmation"
    result.message = f"{path.name}: {'; '.join(parts)}; nothing was written"
    return result


def _write(project_path: str | Path, path: Path, sha: str, used: list, result: ImportResult) -> tuple[int, str] | None:
    """Write the sheets in ``used``; None, or - when every one of them was imported by
    another process between the first check and this transaction's write lock - the
    (import id, date) of that import, with nothing written."""
    from workbench.store import open_project
    from workbench.store.project import normalize_key

    with open_project(project_path, create=True) as project, project.transaction(backup=True) as conn:
        # Checked again under the write lock: two imports of one file started together both
        # passed the first check (made before the file was read), and only one may write.
        stored = {m: (iid, when) for iid, when, m in imports_of_file(conn, sha)[::-1]}
        done, used = _not_yet_imported(used, stored)
        if not used:
            return min(done)
        frames = [d.frame for _, _, d in used if not d.frame.empty]
        codebook = _codebook(used)
        from workbench.importer.identity import resolve_places

        region_ids = resolve_places(conn, _places(used), write=True).ids
        names = pd.unique(pd.concat([f["indicator"] for f in frames], ignore_index=True)) if frames else []
        labels = _name_labels(project, used, codebook)
        if labels is not None:
            codebook = labels if codebook is None else pd.concat([labels, codebook], ignore_index=True)
        indicator_ids = project.ensure_indicators(list(names), codebook)
        for raw, layout, data in used:
            rep = data.report
            iid = project.record_import(
                file_name=path.name, sha256=sha, sheet=raw.name, mapping=layout.mapping.to_dict(),
                report=rep.to_dict(), rows_read=rep.rows_read, rows_kept=rep.rows_kept,
                rows_rejected=rep.rows_rejected, rows_duplicate=len(rep.duplicates),
            )
            result.import_ids.append(iid)
            record_rejected_rows(conn, iid, raw.name,
                                 [(i.row, i.reason, json.dumps(i.raw, ensure_ascii=False)) for i in rep.rejected])
            if data.frame.empty:
                continue
            f = data.frame
            placed = f["place"].isin(list(region_ids)).to_numpy()
            if not placed.all():
                f = f.loc[placed]  # a place made ambiguous meanwhile is not written
            obs = pd.DataFrame({
                "region_id": _lookup(f["place"], region_ids, lambda k: k),
                "indicator_id": _lookup(f["indicator"], indicator_ids, normalize_key),
                "period": _iso(f["period"]),
                # Groups are matched like every other name, so "Youth" in one file and
                # "youth" in the next are one group (and a revision), not two.
                "grp": match_keys(f["group"]),
                "freq": as_coded(f["freq"]),
                "value": f["value"].to_numpy(dtype="float64"),
            })
            counts = project.write_observations(obs, iid)
            set_import_counts(conn, iid, counts.new, counts.revised)
            result.values_new += counts.new
            result.values_revised += counts.revised
            result.values_unchanged += counts.unchanged
    return None


def _places(used: list) -> pd.DataFrame:
    parts = [_with_level(d.frame.drop_duplicates("place"), _level(layout))
             for _, layout, d in used if not d.frame.empty and "place" in d.frame]
    if not parts:
        return pd.DataFrame(columns=["place", "region", "province", "country", "code", "level"])
    return pd.concat(parts, ignore_index=True)


def _identify(project_path: Any, used: list, dry_run: bool) -> None:
    """Match the file's places to the project's before anything is written: rows of an
    ambiguous place are rejected (with the reason) and code/name mismatches reported."""
    from workbench.importer.identity import resolve_places
    from workbench.importer.report import RowIssue

    places = _places(used)
    if places.empty:
        return
    if project_exists(project_path):
        from workbench.store import open_project

        with open_project(project_path, readonly=True) as project:
            ident = resolve_places(project.conn, places, write=False)
    else:  # a new project: only the file's own homonyms to tell apart
        conn = empty_schema()
        ident = resolve_places(conn, places, write=False)
        conn.close()
    for _, _, data in used:
        if data.frame.empty or "place" not in data.frame:
            continue
        rep = data.report
        rep.notes += [n for n in ident.notes if n not in rep.notes]
        bad = data.frame["place"].isin(list(ident.ambiguous)).to_numpy()
        if bad.any():
            f = data.frame
            rep.rejected += [RowIssue(int(r), ident.ambiguous[p]) for r, p in zip(f["row"][bad], f["place"][bad])]
            rep.rejected.sort(key=lambda x: x.row)
            data.frame = f.loc[~bad].reset_index(drop=True)
            rep.rows_kept = len(data.frame)


def _apply_names(sheets: list, aliases: dict[str, dict[str, str]]) -> None:
    """Store each name as the mapping's ``[names]`` tables say (a typo -> the existing name)."""
    from workbench.importer.extract import place_keys
    from workbench.store.project import normalize_key

    maps = {kind: alias_map(aliases.get(kind, {})) for kind in ("regions", "indicators")}
    if not any(maps.values()):
        return
    for _, _, data in sheets:
        f = data.frame
        if f.empty:
            continue
        for kind, col in (("regions", "region"), ("indicators", "indicator")):
            if maps[kind]:
                codes, uniques = factorized(f[col])
                f[col] = coded(codes, [maps[kind].get(normalize_key(u), u) for u in uniques.tolist()])
        if maps["regions"] and "place" in f:
            f["place"] = place_keys(f)  # a renamed place is the place of its new name


def _check_names(project_path: Path | str, sheets: list, aliases: dict[str, dict[str, str]]) -> NameCheck:
    """Apply the mapping's ``[names]`` to the sheets, then judge their names against the
    project's; each held name becomes a decision in its sheet's reading."""
    from workbench.store.project import normalize_key

    _apply_names(sheets, aliases)
    known = project_names(project_path)
    codes = set(known.pop("codes"))
    where = project_regions(project_path)
    frames = [(layout, d.frame) for _, layout, d in sheets if not d.frame.empty]
    per_sheet = []
    for layout, f in frames:
        # A place whose code the project knows is identified by it, whatever its spelling.
        known_code = mapped(f["code"], lambda c: str(c).strip().upper() in codes, False, dtype=bool) if codes else None
        regions = f["region"] if known_code is None else f["region"][~known_code]
        per_sheet.append((layout, list(regions.unique()), list(f["indicator"].unique())))
    file_names = {"regions": [n for _, r, _ in per_sheet for n in r],
                  "indicators": [n for _, _, i in per_sheet for n in i]}
    # Where each place stands (level, parents, code): a name is only held for a region
    # that could be the same place (never a district for a country, importer/names.py).
    places = file_places(_places(sheets))
    check = check_names(file_names, known, aliases, places=places, known=where)
    decide_held(check, [(layout.reading, {normalize_key(n) for n in r}, {normalize_key(n) for n in i})
                        for layout, r, i in per_sheet if layout.reading is not None])
    return check


def project_names(project_path: Path | str) -> dict[str, list[str]]:
    """The names a file's names are judged against: region names and the other names the
    identity rules know them by (``region_alias``), indicator keys; and the region codes."""
    out: dict[str, list[str]] = {"regions": [], "indicators": [], "codes": []}
    if not project_exists(project_path):
        return out
    from workbench.store import open_project

    with open_project(project_path, readonly=True) as project:
        c = project.conn
        out["regions"] = region_names(c)
        out["codes"] = [" ".join(str(code).split()).upper() for code in region_codes(c)]
        out["indicators"] = [key for key, _ in indicator_names(c)]
        try:  # schema 5 and later (last: a failed statement ends a server transaction)
            out["regions"] += [key for _, key in region_aliases(c)]
        except Exception:  # noqa: BLE001 - an older project read without upgrading (dry run)
            pass
    return out


def project_regions(project_path: Path | str) -> dict[str, list[Any]]:
    """The project's regions by every key they are known by, with their level, parents and
    code (:func:`workbench.importer.names.known_places`)."""
    if not project_exists(project_path):
        return {}
    from workbench.store import open_project
    from workbench.store.codes import has_table, region_frame

    with open_project(project_path, readonly=True) as project:
        has_alias = has_table(project.conn, "region_alias")
        frame = region_frame(project.conn, with_aggregate=has_alias)
        aliases = region_aliases(project.conn) if has_alias else []
    return known_places(frame, aliases)


def _level(layout: SheetLayout) -> str:
    return layout.mapping.region_level or "district"


def _with_level(frame: pd.DataFrame, sheet_level: str) -> pd.DataFrame:
    """The places of a sheet with their level: each row's own (a table mixing admin levels),
    else the sheet's."""
    out = frame[["place", "region", "province", "country", "code"]].astype(object)
    own = frame["level"].astype(object).to_numpy() if "level" in frame else np.full(len(frame), "", dtype=object)
    return out.assign(level=np.where(own == "", sheet_level, own))


def _name_labels(project: Any, used: list, codebook: pd.DataFrame | None) -> pd.DataFrame | None:
    """Display names from indicator name columns, as codebook rows that may be applied.

    A name the project already holds that is more than its key (it came from a codebook
    sheet, or an earlier file's name column) is kept, and so is a name given by a codebook
    sheet of this file: a name column only labels indicators nobody has described yet.
    """
    parts = [d.names for _, _, d in used if d.names is not None and len(d.names)]
    if not parts:
        return None
    from workbench.store.project import normalize_key

    labels = pd.concat(parts, ignore_index=True)
    labels["_key"] = [normalize_key(k) for k in labels["indicator"]]
    labels = labels.drop_duplicates("_key", keep="last")
    named = {normalize_key(k): n for k, n in indicator_names(project.conn)}
    described = {k for k, n in named.items() if normalize_key(n) != k}
    if codebook is not None and "name" in codebook:
        has_name = codebook["name"].notna() & (codebook["name"].astype(str).str.strip() != "")
        described |= {normalize_key(k) for k in codebook.loc[has_name, "indicator"]}
    labels = labels[~labels["_key"].isin(described)]
    return labels.drop(columns="_key") if len(labels) else None


def _lookup(names: pd.Series, ids: dict[str, Any], key) -> np.ndarray:
    """The store id of each row's name, looked up once per distinct name (a Categorical may
    still list names whose rows were rejected: they have no id and no row)."""
    return mapped(names, lambda u: ids.get(key(u), -1), -1, dtype=np.int64)


def _iso(periods: pd.Series) -> pd.Categorical:
    """ISO dates of the periods, as codes over the distinct dates (what the store sorts by)."""
    codes, uniques = factorized(periods.to_numpy())
    return coded(codes, [pd.Timestamp(u).strftime("%Y-%m-%d") for u in uniques.tolist()])

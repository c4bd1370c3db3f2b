"""The gate every imported file passes before a reader opens it.

Files come from e-mail, web portals and USB sticks, and their names lie: web systems export
HTML as ``.xls``, people rename PDFs, an interrupted download leaves half an ``.xlsx``.
Readers fail on such files with messages about XML tags or zip headers — or, for zip and
entity bombs, exhaust memory. :func:`check_file` therefore decides what a file really is
from its bytes, in bounded time and memory, and refuses anything unusable with one sentence
that tells the analyst what is wrong and what to do (the CLI prefixes ``error:`` and exits
with code 2). Formulas are never evaluated and macros are never run; the helpers at the end
let the importer say so.
"""

from __future__ import annotations

import errno
from pathlib import Path

from workbench.errors import UnusableInputError
from workbench.importer import text_guard
from workbench.importer.cfb_guard import check_cfb
from workbench.importer import formula_scan
from workbench.importer.formula_scan import has_macros
from workbench.importer.limits import (
    CHUNK_BYTES,
    DEFAULT_LIMITS,
    MAX_CELL_CHARS,
    MAX_CENTRAL_DIRECTORY_BYTES,
    MAX_COLUMNS,
    MAX_CSV_BYTES,
    MAX_CSV_LINE_BYTES,
    MAX_FILE_BYTES,
    MAX_MEMBER_COUNT,
    MAX_RATIO,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    MB,
    RATIO_MIN_BYTES,
    SNIFF_BYTES,
    Limits,
)
from workbench.importer.zip_guard import check_zip

__all__ = [
    "CHUNK_BYTES", "DEFAULT_LIMITS", "KINDS", "Limits", "MAX_CELL_CHARS",
    "MAX_CENTRAL_DIRECTORY_BYTES", "MAX_COLUMNS", "MAX_CSV_BYTES", "MAX_CSV_LINE_BYTES",
    "MAX_FILE_BYTES", "MAX_MEMBER_COUNT", "MAX_RATIO", "MAX_ROWS", "MAX_UNCOMPRESSED_BYTES",
    "RATIO_MIN_BYTES", "SNIFF_BYTES", "check_file", "content_notes", "csv_encoding",
    "formula_cells_without_value",
    "has_macros", "read_csv_bytes", "read_csv_text",
]

KINDS = ("xlsx", "xlsm", "xls", "ods", "csv")

ZIP_MAGIC = b"PK\x03\x04"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: Leading bytes of file kinds people mistake for spreadsheets, and what to call them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "a SQLite database (perhaps a workbench project; open it with --project)"),
    (b"PK\x05\x06", "an empty zip archive"),
)
#: BOF records of Excel 2.x-4.x worksheets, written before the compound-file format.
_OLD_BIFF = (b"\x09\x00", b"\x09\x02", b"\x09\x04")


def check_file(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """What the file really is — 'xlsx', 'xlsm', 'xls', 'ods' or 'csv' — or UnusableInputError.

    The extension is never trusted: a text file named ``.xls`` (a common export from web
    systems) is returned as 'csv', an HTML page named ``.xls`` is refused. Archives are
    checked for bombs, damage, encryption and XML entity declarations; legacy workbooks for
    encryption; text for binary content and encoding; every kind for the number of cells a
    reader would allocate (``limits.max_cells``).
    """
    path = Path(path)
    name = path.name
    size = _size(path)
    if size == 0:
        raise UnusableInputError(f"{name} is empty (0 bytes); ask the sender for the file again")
    if size > limits.max_file_bytes:
        raise UnusableInputError(
            f"{name} is {size / MB:,.0f} MB, more than the {limits.max_file_bytes // MB:,} MB "
            "the workbench imports; split it into smaller files or remove unused sheets"
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
            if head.startswith(ZIP_MAGIC):
                report = check_zip(fh, size, name, limits)
                _remember(path, report.formula_parts)
                return report.kind
            if head.startswith(CFB_MAGIC):
                return check_cfb(fh, name, limits)
            tail = b""
            if size > 2 * SNIFF_BYTES:
                fh.seek(size - SNIFF_BYTES)
                tail = fh.read(SNIFF_BYTES)
    except OSError as err:
        raise _os_problem(name, err) from err
    _refuse_known_non_spreadsheets(head, name)
    _refuse_markup(head, name)
    encoding = text_guard.check_text(head, name)
    if tail:
        # The tail may begin inside a multi-byte character: judge it as binary or not,
        # and leave encoding errors there to the reader, which decodes the whole file.
        if b"\x00" in tail and not encoding.startswith(("utf-16", "utf-32")):
            raise text_guard.not_text(name)
    if size > limits.max_csv_cells:  # fewer bytes than fields allowed: cannot be too many
        with path.open("rb") as fh:
            lines, columns = text_guard.csv_shape(fh, head, encoding)
        if lines * columns > limits.max_csv_cells:
            raise UnusableInputError(
                f"{name} has about {lines:,} lines of {columns} fields, more than the "
                f"{limits.max_csv_cells:,} fields the workbench imports from one CSV; split it "
                "into smaller files"
            )
    return "csv"


def formula_cells_without_value(path: str | Path, kind: str) -> list[tuple[str, str]]:
    """``(sheet, cell)`` of formulas without a saved result; see :mod:`formula_scan`.

    When :func:`check_file` has just scanned this very file (same size and modification
    time), only the sheets in which it saw formula tags are scanned again.
    """
    return formula_scan.formula_cells_without_value(path, kind, _recall(Path(path)))


#: What the last few accepted archives' scans learned, keyed by file identity.
_SCANNED: dict[tuple[str, int, int], frozenset[str]] = {}


def _identity(path: Path) -> tuple[str, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return str(path.resolve()), st.st_size, st.st_mtime_ns


def _remember(path: Path, formula_parts: frozenset[str]) -> None:
    key = _identity(path)
    if key is not None:
        while len(_SCANNED) >= 8:
            _SCANNED.pop(next(iter(_SCANNED)))
        _SCANNED[key] = formula_parts


def _recall(path: Path) -> frozenset[str] | None:
    key = _identity(path)
    return _SCANNED.get(key) if key is not None else None


def csv_encoding(path: str | Path) -> str:
    """The encoding of a text file accepted by :func:`check_file` (from its first 64 KB)."""
    path = Path(path)
    with path.open("rb") as fh:
        return text_guard.check_text(fh.read(SNIFF_BYTES), path.name)


def read_csv_bytes(path: str | Path, max_bytes: int = MAX_CSV_BYTES) -> bytes:
    """The whole file, read with a hard cap so that a growing or lying file cannot exhaust memory."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as err:
        raise _os_problem(path.name, err) from err
    if len(data) > max_bytes:
        raise UnusableInputError(
            f"{path.name} is larger than the {max_bytes // MB:,} MB the workbench reads as CSV; "
            "split it into smaller files"
        )
    return data


def read_csv_text(path: str | Path, max_bytes: int = MAX_CSV_BYTES) -> tuple[str, str]:
    """``(text, encoding)`` of a CSV: size-capped, binary and gigantic lines refused.

    Encodings tried: a BOM's, UTF-16 without BOM, UTF-8, then Windows-1252.
    """
    path = Path(path)
    return text_guard.decode_text(read_csv_bytes(path, max_bytes), path.name)


def _size(path: Path) -> int:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise UnusableInputError(f"{path.name} does not exist (looked in {path.parent})") from None
    except OSError as err:
        raise _os_problem(path.name, err) from err
    if path.is_dir():
        raise UnusableInputError(f"{path.name} is a folder, not a file")
    return st.st_size


def _os_problem(name: str, err: OSError) -> UnusableInputError:
    if err.errno in (errno.EACCES, errno.EPERM):
        return UnusableInputError(f"{name} cannot be read (permission denied)")
    return UnusableInputError(f"{name} cannot be read ({err.strerror or type(err).__name__})")


def _refuse_known_non_spreadsheets(head: bytes, name: str) -> None:
    if head.startswith(b"MZ") and b"\x00" in head[:64]:  # text may start "MZ"; programs hold NULs
        raise UnusableInputError(f"{name} is a Windows program, not a spreadsheet")
    if head[:3] == b"BZh" and head[4:10] == b"1AY&SY":
        raise UnusableInputError(f"{name} is a bzip2-compressed file, not a spreadsheet")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            hint = "; export the table from its source as .xlsx or .csv" if "PDF" in what else ""
            raise UnusableInputError(f"{name} is {what}, not a spreadsheet{hint}")
    if head[:2] in _OLD_BIFF and len(head) > 4 and head[2] in (4, 6, 8) and head[3] == 0:
        raise UnusableInputError(
            f"{name} is in an old Excel format (Excel 2-4); open it in Excel or LibreOffice and "
            "save as .xlsx"
        )


def _refuse_markup(head: bytes, name: str) -> None:
    """HTML, MHTML and XML spreadsheets named .xls: readable by Excel, not by our readers."""
    encoding = text_guard.detect_encoding(head) or "latin-1"
    text = head[:8192].decode(encoding, errors="replace").lstrip("\ufeff \t\r\n").lower()
    if text.startswith(("<!doctype html", "<html", "<table", "<head", "<body", "<meta")) or (
        text.startswith("<") and ("<html" in text or "<table" in text)
    ):
        raise UnusableInputError(
            f"{name} is a web page (HTML) saved with a spreadsheet name; open it in Excel and "
            "save as .xlsx"
        )
    if text.startswith("mime-version:") and "multipart/related" in text:
        raise UnusableInputError(
            f"{name} is a web archive (MHTML) saved with a spreadsheet name; open it in Excel "
            "and save as .xlsx"
        )
    if text.startswith("<?xml") or text.startswith("<"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in text:
            raise UnusableInputError(
                f"{name} is an Excel 2003 XML spreadsheet; open it in Excel and save as .xlsx"
            )
        if "opendocument" in text and "office:document" in text:
            raise UnusableInputError(
                f"{name} is a flat OpenDocument (.fods) file; open it in LibreOffice and save "
                "as .ods or .xlsx"
            )
        if text.startswith("<?xml"):
            raise UnusableInputError(f"{name} is an XML file, not a spreadsheet or CSV table")


def content_notes(path: str | Path, kind: str, shown: int = 5) -> dict[str, list[str]]:
    """Notes for the validation report about content the workbench deliberately ignores.

    Keys are sheet names; ``"*"`` holds notes about the whole file. Formulas without a saved
    result read as empty cells (formulas are never evaluated), and macros are never run; the
    analyst should know both.
    """
    notes: dict[str, list[str]] = {}
    if kind not in ("xlsx", "xlsm", "xls", "ods"):
        return notes
    try:
        macros = has_macros(path)
        found = formula_cells_without_value(path, kind)
    except UnusableInputError:
        raise
    except Exception as err:  # noqa: BLE001 - only reached for a file check_file never saw
        raise UnusableInputError(f"{Path(path).name} cannot be read as a spreadsheet "
                                 f"({type(err).__name__})") from err
    if macros:
        notes["*"] = ["the file contains macros; they were not run (the workbench never runs "
                      "macros or evaluates formulas)"]
    by_sheet: dict[str, list[str]] = {}
    for sheet, ref in found:
        by_sheet.setdefault(sheet, []).append(ref)
    for sheet, refs in by_sheet.items():
        listed = ", ".join(refs[:shown]) + (f" and {len(refs) - shown:,} more" if len(refs) > shown else "")
        cells = "cell" if len(refs) == 1 else "cells"
        verb = "has a formula" if len(refs) == 1 else "have formulas"
        notes.setdefault(sheet, []).append(
            f"{cells} {listed} {verb} with no saved result, read as empty; open and save the "
            "file in Excel to store the results"
        )
    return notes

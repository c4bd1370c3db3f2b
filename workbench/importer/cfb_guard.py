"""Checks an OLE2 compound file (legacy .xls, or an encrypted xlsx) before a reader opens it.

Excel writes an encrypted xlsx as a compound file holding ``EncryptionInfo`` and
``EncryptedPackage`` streams, and an encrypted .xls as a normal BIFF workbook whose globals
start with a FILEPASS record. Readers fail on both with messages that do not say
"password", so they are recognised here and named for what they are.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

import olefile

from workbench.errors import UnusableInputError
from workbench.importer.limits import DEFAULT_LIMITS, MAX_BIFF_RECORDS, Limits
from workbench.importer.refusals import damaged, password_protected, too_many_cells

_BOF = {0x0809, 0x0409, 0x0209, 0x0009}
_FILEPASS = 0x002F
_EOF = 0x000A
_MAX_RECORDS = 100_000
_RECORD = struct.Struct("<HH")
_CELL_AT = struct.Struct("<HH")
_LAST_COL = struct.Struct("<H")
#: BIFF5/8 records holding cells (row and column are their first two fields); MULRK and
#: MULBLANK hold a run of cells whose last column closes the record.
_MULTI_RECORDS = {0x00BD, 0x00BE}
_CELL_RECORDS = {0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, *_MULTI_RECORDS}


def open_cfb(fh: BinaryIO, name: str) -> olefile.OleFileIO:
    fh.seek(0)
    try:
        return olefile.OleFileIO(fh)
    except Exception as err:  # noqa: BLE001 - olefile raises many types on hostile input
        raise damaged(name, "its compound-file structure is unreadable") from err


def stream_names(ole: olefile.OleFileIO) -> set[str]:
    """Every stream and storage path, lower-cased and joined with '/'."""
    names: set[str] = set()
    for entry in ole.listdir(streams=True, storages=True):
        names.add("/".join(entry).lower())
    return names


def check_cfb(fh: BinaryIO, name: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """Return 'xls' for a readable legacy workbook; raise UnusableInputError otherwise."""
    ole = open_cfb(fh, name)
    try:
        names = stream_names(ole)
        if "encryptioninfo" in names or "encryptedpackage" in names:
            raise password_protected(name)
        book = "workbook" if "workbook" in names else "book" if "book" in names else None
        if book is not None:
            data = _read_stream(ole, book, name)
            if _biff_is_encrypted(data, name):
                raise password_protected(name)
            try:
                cells = biff_cells(data, limits.max_cells)
            except TooManyRecords:
                raise UnusableInputError(
                    f"{name} holds more than {MAX_BIFF_RECORDS:,} records, more than a workbook "
                    "the workbench can read; open it in Excel and save it as .xlsx, or split it"
                ) from None
            if cells > limits.max_cells:
                raise too_many_cells(name, cells, limits.max_cells)
            return "xls"
        if "worddocument" in names:
            raise UnusableInputError(f"{name} is a Word document (.doc), not a spreadsheet")
        if "powerpoint document" in names:
            raise UnusableInputError(f"{name} is a PowerPoint presentation (.ppt), not a spreadsheet")
        if any(n.startswith("__substg1.0_") for n in names):
            raise UnusableInputError(f"{name} is an Outlook message, not a spreadsheet; save the "
                                     "attached spreadsheet and import that")
        raise UnusableInputError(f"{name} is an Office compound file that holds no spreadsheet")
    finally:
        ole.close()


def cfb_has_macros(fh: BinaryIO, name: str) -> bool:
    ole = open_cfb(fh, name)
    try:
        return any(n == "_vba_project_cur" or n.startswith("_vba_project_cur/")
                   for n in stream_names(ole))
    finally:
        ole.close()


def _read_stream(ole: olefile.OleFileIO, book: str, name: str) -> bytes:
    try:
        return ole.openstream(book).read()
    except Exception as err:  # noqa: BLE001 - a broken sector chain shows up here
        raise damaged(name, "its workbook stream is unreadable") from err


def biff_cells(data: bytes, limit: int) -> int:
    """Cells a reader allocates for all sheets: per sheet, (last row + 1) x (last column + 1).

    A 5 KB .xls with one cell in A1 and one in IV65536 makes calamine build a 16.7 M-cell
    grid (1.2 GB, 10 s). Cell records carry their row and column, so the BIFF records are
    walked once (about 0.5 µs each); the walk stops as soon as the count passes ``limit``,
    and refuses after MAX_BIFF_RECORDS records.
    """
    unpack = _RECORD.unpack_from
    cell_at = _CELL_AT.unpack_from
    end, pos, records = len(data), 0, 0
    total, max_row, max_col = 0, -1, -1
    while pos + 4 <= end:
        kind, size = unpack(data, pos)
        body = pos + 4
        if kind in _CELL_RECORDS and size >= 4:
            row, col = cell_at(data, body)
            if kind in _MULTI_RECORDS and size >= 6:
                col = _LAST_COL.unpack_from(data, body + size - 2)[0]
            max_row, max_col = max(max_row, row), max(max_col, col)
        elif kind == _EOF:
            total += (max_row + 1) * (max_col + 1)
            max_row = max_col = -1
            if total > limit:
                return total
        pos = body + size
        records += 1
        if records > MAX_BIFF_RECORDS:
            raise TooManyRecords
    return total + (max_row + 1) * (max_col + 1)


class TooManyRecords(Exception):
    """More BIFF records than any .xls within the limits holds; walking on would cost seconds."""


def _biff_is_encrypted(data: bytes, name: str) -> bool:
    """Walk the workbook globals (BOF … EOF) looking for FILEPASS, a bounded record walk."""
    if len(data) < _RECORD.size:
        raise damaged(name, "its workbook stream is empty")
    kind, size = _RECORD.unpack_from(data, 0)
    if kind not in _BOF:
        raise damaged(name, "its workbook stream does not start like an Excel workbook")
    pos = _RECORD.size + size
    for _ in range(_MAX_RECORDS):
        if pos + _RECORD.size > len(data):
            return False
        kind, size = _RECORD.unpack_from(data, pos)
        if kind == _FILEPASS:
            return True
        if kind == _EOF:
            return False
        pos += _RECORD.size + size
    return False

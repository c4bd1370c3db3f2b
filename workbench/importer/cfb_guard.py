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
from workbench.importer.zip_guard import damaged, password_protected

_BOF = {0x0809, 0x0409, 0x0209, 0x0009}
_FILEPASS = 0x002F
_EOF = 0x000A
_MAX_RECORDS = 100_000
_RECORD = struct.Struct("<HH")


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


def check_cfb(fh: BinaryIO, name: str) -> str:
    """Return 'xls' for a readable legacy workbook; raise UnusableInputError otherwise."""
    ole = open_cfb(fh, name)
    try:
        names = stream_names(ole)
        if "encryptioninfo" in names or "encryptedpackage" in names:
            raise password_protected(name)
        book = "workbook" if "workbook" in names else "book" if "book" in names else None
        if book is not None:
            if _biff_is_encrypted(ole, book, name):
                raise password_protected(name)
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


def _biff_is_encrypted(ole: olefile.OleFileIO, book: str, name: str) -> bool:
    """Walk the workbook globals (BOF … EOF) looking for FILEPASS, a bounded record walk."""
    try:
        data = ole.openstream(book).read()
    except Exception as err:  # noqa: BLE001 - a broken sector chain shows up here
        raise damaged(name, "its workbook stream is unreadable") from err
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

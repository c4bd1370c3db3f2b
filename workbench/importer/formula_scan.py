"""Finds formula cells that carry no saved result, and macro code that will never run.

The workbench never evaluates formulas: readers return the value Excel saved with each
formula. A file produced by a script (openpyxl, some web exports) may hold formulas without
any saved value, which would silently read as empty cells; this scan lets the importer say
"cell C7 has a formula with no saved result; open and save the file in Excel". Sheet XML is
streamed in chunks and only chunks that contain a formula tag are matched, so the scan costs
little on ordinary files.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

import numpy as np
from defusedxml import ElementTree as SafeET

from workbench.importer.cfb_guard import cfb_has_macros
from workbench.importer.limits import CHUNK_BYTES, MAX_METADATA_PART_BYTES

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_CELL = re.compile(rb"<" + _PREFIX + rb"c\b([^>]*?)(?:/>|>(.*?)</" + _PREFIX + rb"c>)", re.S)
_CELL_START = re.compile(rb"<" + _PREFIX + rb"c[\s>/]")
_FORMULA = re.compile(rb"<" + _PREFIX + rb"f[\s>/]")
_VALUE = re.compile(rb"<" + _PREFIX + rb"v(?:\s[^>]*)?>(.*?)</" + _PREFIX + rb"v>", re.S)
_ATTR_R = re.compile(rb"""\br\s*=\s*["']([A-Za-z]{1,3}[0-9]{1,7})["']""")
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#: A cell's XML is never longer than this (32,767 characters, escaped, plus formula).
_MAX_CARRY = 4 * 1024 * 1024
#: Enough to tell the user which cells to fix; bounds the list on a hostile file.
MAX_REPORTED = 10_000


def formula_cells_without_value(path: str | Path, kind: str,
                                only: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """``(sheet name, cell reference)`` of every formula without a saved result (xlsx/xlsm).

    Other kinds always store a result with each formula (BIFF FORMULA records and ODS
    ``office:value`` carry one), so they return an empty list. ``only`` limits the scan to
    the sheet parts the safety gate saw formula tags in. Call after
    :func:`workbench.importer.safety.check_file` accepted the file.
    """
    if kind not in ("xlsx", "xlsm"):
        return []
    found: list[tuple[str, str]] = []
    with zipfile.ZipFile(path) as zf:
        for sheet, member in sheet_parts(zf):
            if only is not None and member not in only:
                continue
            for ref in _scan_sheet(zf, member):
                found.append((sheet, ref))
                if len(found) >= MAX_REPORTED:
                    return found
    return found


def has_macros(path: str | Path) -> bool:
    """True when the workbook carries macro code (never run by the workbench, only reported)."""
    with open(path, "rb") as fh:
        head = fh.read(8)
        if head.startswith(b"PK\x03\x04"):
            fh.seek(0)
            with zipfile.ZipFile(fh) as zf:
                names = zf.namelist()
            return any(_is_macro_part(n) for n in names)
        if head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            return cfb_has_macros(fh, Path(path).name)
    return False


def _is_macro_part(member: str) -> bool:
    low = member.lower()
    if low.endswith("vbaproject.bin"):
        return True
    # LibreOffice keeps Basic modules under Basic/<library>/<module>.xml next to empty
    # library indexes (script-lc.xml, script-lb.xml) that many files carry without code.
    parts = low.split("/")
    return (parts[0] in ("basic", "scripts") and low.endswith(".xml")
            and not parts[-1].startswith(("script-lc", "script-lb", "dialog-l")))


def sheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part path) in workbook order, from workbook.xml and its relationships."""
    names = set(zf.namelist())
    workbook = _parse_small(zf, "xl/workbook.xml")
    rels = _parse_small(zf, "xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in names else None
    targets: dict[str, str] = {}
    if rels is not None:
        for rel in rels.iter():
            if rel.tag.rsplit("}", 1)[-1] == "Relationship" and rel.get("Id") and rel.get("Target"):
                targets[rel.get("Id")] = _resolve(rel.get("Target"))
    out: list[tuple[str, str]] = []
    if workbook is None:
        return out
    for i, sheet in enumerate(el for el in workbook.iter() if el.tag.rsplit("}", 1)[-1] == "sheet"):
        rid = sheet.get(f"{{{_REL_NS}}}id") or sheet.get("id")
        member = targets.get(rid or "", f"xl/worksheets/sheet{i + 1}.xml")
        if member in names:
            out.append((sheet.get("name") or f"Sheet{i + 1}", member))
    return out


def _resolve(target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join("xl", target))


def _parse_small(zf: zipfile.ZipFile, member: str):  # noqa: ANN202 - an ElementTree element
    info = zf.getinfo(member)
    if info.file_size > MAX_METADATA_PART_BYTES:
        return None
    with zf.open(info) as part:
        return SafeET.fromstring(part.read(), forbid_dtd=True, forbid_entities=True,
                                 forbid_external=True)


def _scan_sheet(zf: zipfile.ZipFile, member: str) -> list[str]:
    refs: list[str] = []
    carry = b""
    with zf.open(member) as part:
        while True:
            chunk = part.read(CHUNK_BYTES)
            buffer = carry + chunk
            if not chunk:
                cut = len(buffer)
            else:
                cut = _last_cell_start(buffer)
                if cut < 0 or len(buffer) - cut > _MAX_CARRY:
                    cut = len(buffer)  # a hostile "cell" that never ends: stop carrying it
            block, carry = buffer[:cut], buffer[cut:]
            if _may_hold_formula(block):
                refs.extend(_cells_without_value(block))
                if len(refs) >= MAX_REPORTED:
                    return refs
            if not chunk:
                return refs


_NAME_END = np.zeros(256, dtype=bool)
_NAME_END[[9, 10, 13, 32, 47, 62]] = True


def _may_hold_formula(block: bytes) -> bool:
    """Whether an <f> element (any prefix) may open in the block: a vector test per '<' and ':'.

    Much faster than a regular expression over every tag, which matters because every
    imported workbook is scanned.
    """
    arr = np.frombuffer(block + b"\x00\x00", dtype=np.uint8)
    n = len(block)
    for mark in (60, 58):  # '<' (plain element) and ':' (prefixed element)
        at = np.flatnonzero(arr[:n] == mark)
        if ((arr[at + 1] == 102) & _NAME_END[arr[at + 2]]).any():  # 'f' then end of name
            return True
    return False


def _last_cell_start(buffer: bytes) -> int:
    """Where the last cell element opens (-1 if none): everything before it is whole cells."""
    plain = max(buffer.rfind(b"<c "), buffer.rfind(b"<c>"))
    prefixed = max(buffer.rfind(b":c "), buffer.rfind(b":c>"))
    if prefixed > plain:
        opening = buffer.rfind(b"<", 0, prefixed)
        if opening >= 0 and _CELL_START.match(buffer, opening):
            return opening
    return plain


def _cells_without_value(block: bytes) -> list[str]:
    refs = []
    for match in _CELL.finditer(block):
        body = match.group(2)
        if not body or not _FORMULA.search(body):
            continue
        # <v></v> is a saved empty-string result (Excel, xlsxwriter); openpyxl writes <v/>
        # or nothing for a formula it could not compute.
        if _VALUE.search(body) is not None:
            continue
        ref = _ATTR_R.search(match.group(1))
        refs.append(ref.group(1).decode("ascii") if ref else "?")
    return refs

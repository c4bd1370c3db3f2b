"""Checks a ZIP-based workbook (xlsx, xlsm, ods) before any reader touches it.

A spreadsheet reader trusts the archive: it builds an object per entry, inflates parts to
their declared size and parses their XML. Each of those steps is an attack surface (zip
bombs, overlapping entries, entity expansion, external entities), so this module reads the
archive's end record itself, judges the declared sizes, then streams every XML part once in
fixed chunks looking for DTDs. Nothing is held in memory beyond one chunk per part, and the
work is bounded by the declared sizes, which zipfile enforces while inflating.
"""

from __future__ import annotations

import codecs
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException

from workbench.errors import UnusableInputError
from workbench.importer.formula_scan import sheet_parts
from workbench.importer.limits import CHUNK_BYTES, MAX_METADATA_PART_BYTES, MB, Limits
from workbench.importer.refusals import damaged, password_protected, too_many_cells
from workbench.importer.sheet_extent import OdsExtent, XlsxSheetExtent

_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_LOCAL_HEADER_BYTES = 30

_SPREADSHEET_MIMES = {
    b"application/vnd.oasis.opendocument.spreadsheet",
    b"application/vnd.oasis.opendocument.spreadsheet-template",
}
_ODF_WHAT = {
    b"text": "an OpenDocument text document (.odt)",
    b"presentation": "an OpenDocument presentation (.odp)",
    b"graphics": "an OpenDocument drawing (.odg)",
}
_BINARY_SUFFIXES = (".bin", ".png", ".jpg", ".jpeg", ".gif", ".emf", ".wmf", ".tif", ".tiff",
                    ".bmp", ".wdp", ".svg.gz")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_SAFE_XML_ENCODINGS = {
    "utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be", "us-ascii", "ascii",
    "iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252",
}
_XML_DECL_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_DANGEROUS_BYTES = (b"doctype", b"entity")
_DANGEROUS_STR = ("doctype", "entity")
_CARRY = 9  # longer than "<!doctype" minus one, so a split keyword is seen whole


@dataclass(frozen=True)
class ArchiveCheck:
    """What the scan of an accepted archive learned: its kind and the sheets with formulas."""

    kind: str
    formula_parts: frozenset[str]


def check_zip(fh: BinaryIO, size: int, name: str, limits: Limits) -> ArchiveCheck:
    """The kind ('xlsx', 'xlsm', 'ods') of a safe archive; raise UnusableInputError otherwise."""
    entries, cd_size = _read_end_record(fh, size, name)
    if entries > limits.max_member_count:
        raise UnusableInputError(
            f"{name} holds {entries:,} archive entries, more than the "
            f"{limits.max_member_count:,} a spreadsheet needs; refusing to open it"
        )
    if cd_size > limits.max_central_directory_bytes:
        raise UnusableInputError(
            f"{name} has an archive index of {cd_size // MB} MB, far larger than a spreadsheet's; "
            "refusing to open it"
        )
    fh.seek(0)
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, struct.error,
            OSError) as err:
        raise damaged(name, "its archive index is unreadable") from err
    with zf:
        if len(zf.infolist()) > limits.max_member_count:  # the end record understated it
            raise UnusableInputError(
                f"{name} holds {len(zf.infolist()):,} archive entries, more than the "
                f"{limits.max_member_count:,} a spreadsheet needs; refusing to open it"
            )
        infos = [i for i in zf.infolist() if not i.is_dir()]
        _check_sizes(infos, name, limits)
        _check_layout(infos, zf.start_dir, name)
        if any(i.flag_bits & 0x1 for i in infos):
            raise password_protected(name)
        kind = _archive_kind(zf, {i.filename for i in infos}, name)
        sheets = _xlsx_sheet_members(zf, name) if kind in ("xlsx", "xlsm") else set()
        cells = 0
        formula_parts = set()
        for info in infos:
            extent = _extent_counter(kind, info.filename, sheets)
            _scan_part(zf, info, name, extent, lambda n, done=cells: _check_cells(done + n, limits, name))  # type: ignore[misc]
            if extent is not None:
                cells += extent.cells()
                if getattr(extent, "may_hold_formula", False):
                    formula_parts.add(info.filename)
    return ArchiveCheck(kind, frozenset(formula_parts))


def _check_cells(cells: int, limits: Limits, name: str) -> None:
    """Called while sheets stream in, so a grid bomb is refused at its first giant reference."""
    if cells > limits.max_cells:
        raise too_many_cells(name, cells, limits.max_cells)


def _xlsx_sheet_members(zf: zipfile.ZipFile, name: str) -> set[str]:
    """Sheet parts as the reader finds them (through the workbook's relationships)."""
    try:
        return {member for _sheet, member in sheet_parts(zf)}
    except DefusedXmlException as err:
        raise UnusableInputError(
            f"{name} contains XML entity declarations (a known attack, in its workbook part); "
            "refusing to open it"
        ) from err
    except (ParseError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError) as err:
        raise damaged(name, "its workbook part is unreadable") from err


def _extent_counter(kind: str, member: str, sheets: set[str]) -> XlsxSheetExtent | OdsExtent | None:
    if kind in ("xlsx", "xlsm") and (member in sheets or (
            member.startswith("xl/worksheets/") and member.endswith(".xml"))):
        return XlsxSheetExtent()
    if kind == "ods" and member == "content.xml":
        return OdsExtent()
    return None


def _read_end_record(fh: BinaryIO, size: int, name: str) -> tuple[int, int]:
    """Entry count and directory size from the end record, before zipfile trusts them."""
    tail_len = min(size, _EOCD.size + 0xFFFF + _ZIP64_LOCATOR.size)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    pos = tail.rfind(b"PK\x05\x06")
    while pos >= 0 and pos + _EOCD.size > len(tail):
        pos = tail.rfind(b"PK\x05\x06", 0, pos)
    if pos < 0:
        raise UnusableInputError(
            f"{name} is damaged or incomplete (the archive is cut short, perhaps by an "
            "interrupted download); ask the sender for a new copy"
        )
    _sig, _disk, _cd_disk, _n_disk, entries, cd_size, cd_offset, _clen = _EOCD.unpack_from(tail, pos)
    end_at = size - tail_len + pos
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF:
        loc = pos - _ZIP64_LOCATOR.size
        if loc < 0 or tail[loc:loc + 4] != b"PK\x06\x07":
            raise damaged(name, "its large-archive index is missing")
        _s, _d, z64_offset, _t = _ZIP64_LOCATOR.unpack_from(tail, loc)
        if z64_offset + _ZIP64_EOCD.size > size:
            raise damaged(name, "its large-archive index points past the end of the file")
        fh.seek(z64_offset)
        record = fh.read(_ZIP64_EOCD.size)
        if len(record) < _ZIP64_EOCD.size or record[:4] != b"PK\x06\x06":
            raise damaged(name, "its large-archive index is unreadable")
        fields = _ZIP64_EOCD.unpack(record)
        entries, cd_size, cd_offset = fields[7], fields[8], fields[9]
        end_at = z64_offset
    if cd_size > end_at:
        raise damaged(name, "its archive index points past the end of the file")
    return entries, cd_size


def _check_sizes(infos: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    total = sum(i.file_size for i in infos)
    if total > limits.max_uncompressed_bytes:
        raise UnusableInputError(
            f"{name} would expand to {total // MB:,} MB, more than the "
            f"{limits.max_uncompressed_bytes // MB:,} MB limit; refusing to open it "
            "(possible zip bomb)"
        )
    for info in infos:
        if info.compress_type == zipfile.ZIP_STORED and info.file_size != info.compress_size:
            raise damaged(name, f"part {info.filename} has inconsistent sizes")
        if info.file_size > limits.ratio_min_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise UnusableInputError(
                    f"{name} contains a part ({info.filename}) that expands {ratio:,.0f}:1, far "
                    "beyond any real spreadsheet; refusing to open it (possible zip bomb)"
                )


def _check_layout(infos: list[zipfile.ZipInfo], start_dir: int, name: str) -> None:
    """Entries must not share or overlap their data: overlap is how small files inflate hugely."""
    ordered = sorted(infos, key=lambda i: i.header_offset)
    ends = [i.header_offset + _LOCAL_HEADER_BYTES + i.compress_size for i in ordered]
    starts = [i.header_offset for i in ordered[1:]] + [start_dir]
    for info, end, nxt in zip(ordered, ends, starts):
        if end > nxt:
            raise UnusableInputError(
                f"{name} has overlapping archive entries (a known zip-bomb trick, at "
                f"{info.filename}); refusing to open it"
            )


def _read_small(zf: zipfile.ZipFile, member: str, name: str, limit: int) -> bytes:
    info = zf.getinfo(member)
    if info.file_size > limit:
        raise UnusableInputError(f"{name} has an oversized {member} part; refusing to open it")
    try:
        with zf.open(info) as part:
            return part.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as err:
        raise damaged(name, f"part {member} cannot be read") from err


def _archive_kind(zf: zipfile.ZipFile, names: set[str], name: str) -> str:
    if "xl/workbook.xml" in names:
        types = b""
        if "[Content_Types].xml" in names:
            types = _read_small(zf, "[Content_Types].xml", name, MAX_METADATA_PART_BYTES)
        macros = any(n.lower().endswith("vbaproject.bin") for n in names)
        return "xlsm" if macros or b"macroenabled" in types.lower() else "xlsx"
    if "xl/workbook.bin" in names:
        raise UnusableInputError(
            f"{name} is an Excel binary workbook (.xlsb); open it in Excel and save as .xlsx"
        )
    if "mimetype" in names:
        mime = _read_small(zf, "mimetype", name, 256).strip()
        if mime in _SPREADSHEET_MIMES:
            if "META-INF/manifest.xml" in names:
                manifest = _read_small(zf, "META-INF/manifest.xml", name, MAX_METADATA_PART_BYTES)
                if b"encryption-data" in manifest:
                    raise password_protected(name)
            if "content.xml" not in names:
                raise damaged(name, "it has no content part")
            return "ods"
        for key, what in _ODF_WHAT.items():
            if mime.startswith(b"application/vnd.oasis.opendocument." + key):
                raise UnusableInputError(f"{name} is {what}, not a spreadsheet")
        raise UnusableInputError(f"{name} is an OpenDocument file that is not a spreadsheet")
    if "word/document.xml" in names:
        raise UnusableInputError(f"{name} is a Word document, not a spreadsheet")
    if "ppt/presentation.xml" in names:
        raise UnusableInputError(f"{name} is a PowerPoint presentation, not a spreadsheet")
    if any(n.startswith("xl/") for n in names):
        raise damaged(name, "it has no workbook part")
    raise UnusableInputError(
        f"{name} is a zip archive that is not a spreadsheet; unzip it and import the "
        "spreadsheet inside"
    )


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
               extent: XlsxSheetExtent | OdsExtent | None = None,
               check_cells: Callable[[int], None] | None = None) -> None:
    """Stream one part: CRC-check it, refuse DTDs/entities if it is XML, measure sheet extent."""
    lower = info.filename.lower()
    if lower.endswith(_BINARY_SUFFIXES) and not lower.endswith(_XML_SUFFIXES):
        return  # images and vbaProject.bin are never parsed by the readers
    try:
        with zf.open(info) as part:
            first = part.read(CHUNK_BYTES)
            decode = _xml_decoder(first, lower, name)
            if decode is None:
                return
            carry = decode(b"")
            chunk = first
            while chunk:
                text = decode(chunk)
                window = carry + text  # type: ignore[operator]  # both str or both bytes: one decoder
                if _has_dtd(window):
                    raise UnusableInputError(
                        f"{name} contains XML entity declarations (a known attack, in "
                        f"{info.filename}); refusing to open it"
                    )
                if extent is not None:
                    extent.feed(text if isinstance(text, bytes) else text.encode("utf-8", "replace"))
                    if check_cells is not None:
                        check_cells(extent.cells())
                carry = window[-_CARRY:]
                chunk = part.read(CHUNK_BYTES)
            if extent is not None:
                extent.feed(b"", final=True)
                if check_cells is not None:
                    check_cells(extent.cells())
    except UnusableInputError:
        raise
    except NotImplementedError as err:
        raise UnusableInputError(
            f"{name} uses an archive compression method the workbench cannot read; open it in "
            "Excel or LibreOffice and save it again"
        ) from err
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as err:
        raise damaged(name, f"part {info.filename} fails its checksum or cannot be inflated") from err


def _has_dtd(window: bytes | str) -> bool:
    """True when the text declares a DTD or an entity, in any letter case.

    ``<!`` opens only comments, CDATA and declarations in XML, so finding it (a memchr-speed
    scan) and looking at the next few characters is enough, without copying the chunk.
    """
    bang = "<!" if isinstance(window, str) else b"<!"
    names = _DANGEROUS_STR if isinstance(window, str) else _DANGEROUS_BYTES
    # str or bytes throughout (bang and names follow window), which mypy cannot follow.
    i = window.find(bang)  # type: ignore[arg-type]
    while i >= 0:
        if window[i + 2:i + 9].lower().startswith(names):  # type: ignore[arg-type]
            return True
        i = window.find(bang, i + 2)  # type: ignore[arg-type]
    return False


def _xml_decoder(first: bytes, lower_name: str, name: str) -> Callable[[bytes], bytes | str] | None:
    """A chunk -> text decoder for XML parts (None for non-XML), honouring UTF-16 parts.

    UTF-8 and single-byte parts are scanned as bytes: markup is ASCII in all of them.
    """
    head = first[:4]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return codecs.getincrementaldecoder("utf-16")(errors="replace").decode
    if head.startswith(b"<\x00"):
        return codecs.getincrementaldecoder("utf-16-le")(errors="replace").decode
    if head.startswith(b"\x00<"):
        return codecs.getincrementaldecoder("utf-16-be")(errors="replace").decode
    body = first[3:] if first.startswith(codecs.BOM_UTF8) else first
    looks_xml = body.lstrip()[:1] == b"<"
    if not looks_xml and not lower_name.endswith(_XML_SUFFIXES):
        return None
    match = _XML_DECL_ENCODING.match(body[:512])
    if match and match.group(1).decode("ascii").lower() not in _SAFE_XML_ENCODINGS:
        raise UnusableInputError(
            f"{name} has an XML part in an unusual text encoding "
            f"({match.group(1).decode('ascii')}); open it in Excel and save it again"
        )
    return _identity


def _identity(chunk: bytes) -> bytes:
    return chunk

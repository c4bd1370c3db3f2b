"""Builders for hostile and broken input files, made in the tests instead of committed.

Each builder writes one file and returns its path. Bombs are crafted (not compressed from
real data) so that a 500 MB expansion costs the test a few hundred milliseconds: a deflate
block of 1 MiB of zeros ending in a full flush is byte-identical every time, so the stream
is one block repeated.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from pathlib import Path

MB = 1024 * 1024

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    b'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
)
EXTERNAL_ENTITY = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    + WORKBOOK.split(b"\n", 1)[1].replace(b'name="Data"', b'name="&xxe;"')
)


# -- valid files ------------------------------------------------------------------------

def long_rows(n: int = 6) -> list[list[object]]:
    months = [f"2024-{m:02d}" for m in range(1, 13)]
    return [["district", "indicator", "month", "value"]] + [
        [f"District {i % 3}", "trust_in_others", months[i % 12], float(i)] for i in range(n)
    ]


def valid_xlsx(path: Path, rows: list[list[object]] | None = None) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Data")
    for r, row in enumerate(rows or long_rows()):
        ws.write_row(r, 0, row)
    wb.close()
    return path


def valid_xls(path: Path, rows: list[list[object]] | None = None,
              far: tuple[int, int] | None = None) -> Path:
    """A real BIFF8 workbook (xlwt); ``far`` adds one more cell there (row, column)."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("Data")
    for r, row in enumerate(rows or long_rows()):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    if far is not None:
        ws.write(far[0], far[1], 1)
    wb.save(str(path))
    return path


def valid_csv(path: Path, rows: list[list[object]] | None = None, encoding: str = "utf-8") -> Path:
    text = "\n".join(",".join(str(c) for c in row) for row in (rows or long_rows())) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


def rewrite_zip(src: Path, dst: Path, replace: dict[str, bytes | None]) -> Path:
    """Copy an archive, replacing (or with None dropping, or adding) some parts."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in replace:
                continue
            zout.writestr(info.filename, zin.read(info))
        for member, data in replace.items():
            if data is not None:
                zout.writestr(member, data)
    return dst


def xlsm_with_macros(src_xlsx: Path, dst: Path) -> Path:
    """An xlsm whose vbaProject.bin would auto-run if anything executed macros."""
    with zipfile.ZipFile(src_xlsx) as z:
        types = z.read("[Content_Types].xml")
    types = types.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml").replace(
        b"</Types>",
        b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    vba = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Attribute VB_Name = \"Auto_Open\"\x00" * 64
    return rewrite_zip(src_xlsx, dst, {"[Content_Types].xml": types, "xl/vbaProject.bin": vba})


def ods(path: Path, rows: list[list[object]] | None = None, content: bytes | None = None,
        manifest_extra: bytes = b"") -> Path:
    """A minimal OpenDocument spreadsheet, as LibreOffice lays it out (mimetype first, stored)."""
    if content is None:
        cells = []
        for row in rows or long_rows():
            tds = []
            for value in row:
                if isinstance(value, float):
                    tds.append(f'<table:table-cell office:value-type="float" office:value="{value}">'
                               f"<text:p>{value}</text:p></table:table-cell>")
                else:
                    tds.append(f'<table:table-cell office:value-type="string"><text:p>{value}'
                               "</text:p></table:table-cell>")
            cells.append("<table:table-row>" + "".join(tds) + "</table:table-row>")
        content = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            '<office:body><office:spreadsheet><table:table table:name="Data">'
            + "".join(cells)
            + "</table:table></office:spreadsheet></office:body></office:document-content>"
        ).encode()
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
        b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        b'<manifest:file-entry manifest:full-path="/" manifest:media-type='
        b'"application/vnd.oasis.opendocument.spreadsheet"/>'
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        + manifest_extra
        + b"</manifest:file-entry></manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", b"application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.replace(b"spreadsheetml.sheet", b"wordprocessingml.document"))
        z.writestr("word/document.xml", b'<?xml version="1.0"?><w:document xmlns:w="x"/>')
    return path


# -- crafted archives -------------------------------------------------------------------

def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def zeros_deflate(megabytes: int) -> tuple[bytes, int]:
    """(raw deflate stream, crc32) of ``megabytes`` MiB of zeros, without compressing them all."""
    zeros = bytes(MB)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)  # steady state: identical blocks
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(zeros, crc)
    return block * megabytes + c.flush(), crc


def raw_zip(path: Path, entries: list[tuple[str, bytes, int, int]], *,
            central_offsets: list[int] | None = None, flags: int = 0) -> Path:
    """Write an archive by hand: entries are (name, deflated payload, crc32, uncompressed size).

    ``central_offsets`` lets the central directory point entries at other entries' data
    (the overlapping-entries bomb); ``flags`` sets general-purpose bits (1 = encrypted).
    """
    out = io.BytesIO()
    offsets = []
    for name, payload, crc, usize in entries:
        offsets.append(out.tell())
        raw = name.encode()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, flags, 8, 0, 0, crc, len(payload),
                              usize, len(raw), 0))
        out.write(raw)
        out.write(payload)
    cd_start = out.tell()
    for i, (name, payload, crc, usize) in enumerate(entries):
        raw = name.encode()
        offset = (central_offsets or offsets)[i]
        out.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, flags, 8, 0, 0, crc,
                              len(payload), usize, len(raw), 0, 0, 0, 0, 0, offset))
        out.write(raw)
    cd_size = out.tell() - cd_start
    n = len(entries)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, n, n, cd_size, cd_start, 0))
    path.write_bytes(out.getvalue())
    return path


def small_entry(name: str, data: bytes) -> tuple[str, bytes, int, int]:
    return name, deflate(data), zlib.crc32(data), len(data)


def zip_bomb(path: Path, megabytes: int = 500) -> Path:
    """A workbook-shaped archive whose sheet inflates to ``megabytes`` MiB (~1000:1)."""
    stream, crc = zeros_deflate(megabytes)
    return raw_zip(path, [
        small_entry("[Content_Types].xml", CONTENT_TYPES),
        small_entry("xl/workbook.xml", WORKBOOK),
        ("xl/worksheets/sheet1.xml", stream, crc, megabytes * MB),
    ])


def overlapping_zip(path: Path, copies: int = 50) -> Path:
    """Many central-directory entries sharing one compressed sheet (Fifield's non-recursive bomb)."""
    data = b"<worksheet>" + b" " * (2 * MB) + b"</worksheet>"
    sheet = small_entry("xl/worksheets/sheet1.xml", data)
    base = [small_entry("[Content_Types].xml", CONTENT_TYPES), small_entry("xl/workbook.xml", WORKBOOK)]
    entries = base + [(f"xl/worksheets/sheet{i}.xml",) + sheet[1:] for i in range(1, copies + 1)]
    tmp = raw_zip(path, base + [sheet])
    with zipfile.ZipFile(tmp) as z:
        shared = z.getinfo("xl/worksheets/sheet1.xml").header_offset
        offsets = [z.getinfo(n).header_offset for n in ("[Content_Types].xml", "xl/workbook.xml")]
    body = tmp.read_bytes()
    # Rebuild with the central directory of all copies pointing at the one local entry.
    return _with_central_directory(path, body, entries, offsets + [shared] * copies)


def _with_central_directory(path: Path, body: bytes, entries: list[tuple[str, bytes, int, int]],
                            offsets: list[int]) -> Path:
    end = body.find(b"PK\x01\x02")
    out = io.BytesIO()
    out.write(body[:end])
    cd_start = out.tell()
    for (name, payload, crc, usize), offset in zip(entries, offsets):
        raw = name.encode()
        out.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(payload),
                              usize, len(raw), 0, 0, 0, 0, 0, offset))
        out.write(raw)
    n = len(entries)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, n, n, out.tell() - cd_start, cd_start, 0))
    path.write_bytes(out.getvalue())
    return path


def many_members_zip(path: Path, count: int = 20_000) -> Path:
    entries = [small_entry("[Content_Types].xml", CONTENT_TYPES), small_entry("xl/workbook.xml", WORKBOOK)]
    empty = deflate(b"")
    entries += [(f"xl/media/{i}.xml", empty, 0, 0) for i in range(count)]
    return raw_zip(path, entries)


# -- compound files (legacy .xls, .doc) -------------------------------------------------

_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def cfb(path: Path, streams: dict[str, bytes], storages: tuple[str, ...] = ()) -> Path:
    """A minimal OLE2 compound file (v3, 512-byte sectors) holding the given streams.

    Streams are padded to 4096 bytes so they live in regular sectors (no mini stream).
    """
    sector = 512
    items = [(n, d + b"\x00" * max(0, 4096 - len(d))) for n, d in streams.items()]
    data_sectors: list[bytes] = []
    starts = []
    fat = [_FATSECT, _END]  # sector 0: FAT, sector 1: directory
    for _name, data in items:
        n = -(-len(data) // sector)
        first = 2 + len(data_sectors)
        starts.append(first)
        fat += [first + i + 1 for i in range(n - 1)] + [_END]
        padded = data + b"\x00" * (n * sector - len(data))
        data_sectors += [padded[i * sector:(i + 1) * sector] for i in range(n)]
    assert len(fat) <= 128, "one FAT sector only"
    fat += [_FREE] * (128 - len(fat))
    entries = [("Root Entry", 5, _END, 0)]
    entries += [(name, 2, start, len(data)) for (name, data), start in zip(items, starts)]
    entries += [(name, 1, 0, 0) for name in storages]
    assert len(entries) <= 4, "one directory sector only"

    def direntry(i: int, name: str, typ: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        child = 1 if typ == 5 and len(entries) > 1 else _NOSTREAM
        right = i + 1 if typ != 5 and i + 1 < len(entries) else _NOSTREAM
        return (raw.ljust(64, b"\x00") + struct.pack("<HBB3L", len(raw), typ, 1, _NOSTREAM, right, child)
                + b"\x00" * 36 + struct.pack("<LQ", start, size))

    directory = b"".join(direntry(i, *e) for i, e in enumerate(entries))
    directory += (b"\x00" * 64 + struct.pack("<HBB3L", 0, 0, 0, _NOSTREAM, _NOSTREAM, _NOSTREAM)
                  + b"\x00" * 48) * (4 - len(entries))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
              + struct.pack("<5H6x3L", 0x3E, 3, 0xFFFE, 9, 6, 0, 1, 1)
              + struct.pack("<4L2L", 0, 4096, _END, 0, _END, 0)
              + struct.pack("<L", 0) + struct.pack("<108L", *([_FREE] * 108)))
    assert len(header) == 512
    path.write_bytes(header + struct.pack("<128L", *fat) + directory + b"".join(data_sectors))
    return path


def biff_globals(encrypted: bool) -> bytes:
    """BOF, optionally FILEPASS (XOR obfuscation, as Excel writes for a password), EOF."""
    bof = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHLL", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6)
    filepass = struct.pack("<HH", 0x002F, 6) + struct.pack("<HHH", 0, 0x1234, 0x5678)
    return bof + (filepass if encrypted else b"") + struct.pack("<HH", 0x000A, 0)


def garbage(n: int = 64 * 1024, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(n)

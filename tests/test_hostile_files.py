"""Hostile and broken input files: each is refused with one clear line, in bounded time and memory.

Every case is built in the test (see hostile_builders.py), checked against
``safety.check_file`` directly and — once the import engine exists — through the real
``workbench import`` command, which must exit with code 2, print exactly one ``error:``
line, no traceback, and leave the project file byte-identical.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import struct
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile_builders as hb
from workbench.errors import UnusableInputError
from workbench.importer import safety

ENGINE_READY = importlib.util.find_spec("workbench.importer.engine") is not None
needs_engine = pytest.mark.skipif(not ENGINE_READY, reason="the import engine has not landed yet")

Builder = Callable[[Path], Path]


# -- the hostile cases ------------------------------------------------------------------

def _write(name: str, data: bytes) -> Builder:
    def build(d: Path) -> Path:
        path = d / name
        path.write_bytes(data)
        return path
    return build


def _valid(d: Path) -> Path:
    return hb.valid_xlsx(d / "valid-source.xlsx")


def _truncated(d: Path) -> Path:
    data = _valid(d).read_bytes()
    return _write("report.xlsx", data[: len(data) // 2])(d)


def _corrupt_crc(d: Path) -> Path:
    src = _valid(d)
    with zipfile.ZipFile(src) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    data = bytearray(src.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    return _write("report.xlsx", bytes(data))(d)


def _too_large(d: Path) -> Path:
    path = d / "huge.csv"
    with path.open("wb") as fh:
        fh.truncate(safety.MAX_FILE_BYTES + 1024 * 1024)  # sparse: costs no disk or time
    return path


def _encrypted_xlsx(d: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with _valid(d).open("rb") as fh:
        OOXMLFile(fh).encrypt("secret", out)
    return _write("report.xlsx", out.getvalue())(d)


def _zip_flag_encrypted(d: Path) -> Path:
    return hb.raw_zip(d / "report.xlsx", [hb.small_entry("[Content_Types].xml", hb.CONTENT_TYPES),
                                          hb.small_entry("xl/workbook.xml", hb.WORKBOOK)], flags=1)


def _utf16_doctype(d: Path) -> Path:
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><sst/>'
    return hb.rewrite_zip(_valid(d), d / "report.xlsx",
                          {"xl/sharedStrings.xml": xml.encode("utf-16")})


def _utf7_part(d: Path) -> Path:
    xml = b'<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE x+AD4-<sst/>'
    return hb.rewrite_zip(_valid(d), d / "report.xlsx", {"xl/sharedStrings.xml": xml})


def _ods_entity(d: Path) -> Path:
    content = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "http://example.org/x">]>'
               b"<office:document-content>&e;</office:document-content>")
    return hb.ods(d / "report.ods", content=content)


def _ods_encrypted(d: Path) -> Path:
    return hb.ods(d / "report.ods", manifest_extra=b'<manifest:encryption-data manifest:checksum="x"/>')


def _odt(d: Path) -> Path:
    path = hb.ods(d / "report.ods")
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        for name, data in parts.items():
            if name != "mimetype":
                z.writestr(name, data)
    return path


def _plain_zip(d: Path) -> Path:
    path = d / "report.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("data/report.csv", "district,value\nA,1\n")
    return path


def _xlsb(d: Path) -> Path:
    path = d / "report.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", hb.CONTENT_TYPES)
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
    return path


def _encrypted_xls(d: Path) -> Path:
    return hb.cfb(d / "report.xls", {"Workbook": hb.biff_globals(encrypted=True)})


def _binary_tail_csv(d: Path) -> Path:
    head = b"district,value\n" + b"A,1\n" * 40_000
    return _write("report.csv", head + hb.garbage(200_000))(d)


def _sheet_xml(rows_xml: bytes) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.'
            b'org/spreadsheetml/2006/main"><sheetData>' + rows_xml + b"</sheetData></worksheet>")


def _corner_cells(d: Path, far: bytes = b"XFD1048576") -> Path:
    """Two cells, A1 and a far corner: 6 KB that a dense reader turns into billions of cells."""
    row = far.lstrip(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    sheet = _sheet_xml(b'<row r="1"><c r="A1" t="inlineStr"><is><t>district</t></is></c></row>'
                       b'<row r="' + row + b'"><c r="' + far + b'"><v>1</v></c></row>')
    return hb.rewrite_zip(_valid(d), d / "report.xlsx", {"xl/worksheets/sheet1.xml": sheet})


def _ods_repeat_bomb(d: Path) -> Path:
    rows = ('<table:table-row><table:table-cell office:value-type="string"><text:p>district</text:p>'
            '</table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048575">'
            '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
            'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>')
    return hb.ods(d / "report.ods", content=_ods_content(rows))


def _ods_content(rows: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            '<office:body><office:spreadsheet><table:table table:name="Data">' + rows
            + "</table:table></office:spreadsheet></office:body></office:document-content>").encode()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(17)
HTML = b"<html><head><meta charset='utf-8'></head><body><table><tr><td>district</td></tr></table></body></html>"
EXCEL_HTML = (b'\r\n<html xmlns:o="urn:schemas-microsoft-com:office:office" '
              b'xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table></table></body></html>')
MHTML = (b"MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; "
         b'boundary="----=_NextPart"\r\n\r\n')
SPREADSHEET_2003 = (b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
                    b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>')

#: id -> (builder, words the one-line message must contain)
HOSTILE: dict[str, tuple[Builder, str]] = {
    "empty": (_write("report.xlsx", b""), "report.xlsx is empty"),
    "too-large": (_too_large, "more than the 200 MB"),
    "truncated-xlsx": (_truncated, "report.xlsx is damaged or incomplete"),
    "corrupt-crc": (_corrupt_crc, "fails its checksum"),
    "zip-bomb-500MB": (lambda d: hb.zip_bomb(d / "report.xlsx", 500), "possible zip bomb"),
    "overlapping-entries": (lambda d: hb.overlapping_zip(d / "report.xlsx"), "overlapping archive entries"),
    "many-members": (lambda d: hb.many_members_zip(d / "report.xlsx"), "20,002 archive entries"),
    "sparse-corner-xlsx": (_corner_cells, "report.xlsx has sheets spanning 17,180 million cells"),
    "sparse-corner-xls": (lambda d: hb.valid_xls(d / "report.xls", far=(65535, 255)),
                          "report.xls has sheets spanning 17 million cells"),
    "ods-repeat-bomb": (_ods_repeat_bomb, "report.ods has sheets spanning 17,180 million cells"),
    "billion-laughs": (lambda d: hb.rewrite_zip(_valid(d), d / "report.xlsx",
                                                {"xl/sharedStrings.xml": hb.BILLION_LAUGHS}),
                       "report.xlsx contains XML entity declarations"),
    "external-entity": (lambda d: hb.rewrite_zip(_valid(d), d / "report.xlsx",
                                                 {"xl/workbook.xml": hb.EXTERNAL_ENTITY}),
                        "XML entity declarations"),
    "utf16-doctype": (_utf16_doctype, "XML entity declarations"),
    "utf7-xml": (_utf7_part, "unusual text encoding (UTF-7)"),
    "ods-external-entity": (_ods_entity, "report.ods contains XML entity declarations"),
    "encrypted-xlsx": (_encrypted_xlsx, "report.xlsx is password-protected; save an unprotected copy"),
    "encrypted-xls": (_encrypted_xls, "report.xls is password-protected"),
    "encrypted-ods": (_ods_encrypted, "report.ods is password-protected"),
    "zip-encrypted-entries": (_zip_flag_encrypted, "report.xlsx is password-protected"),
    "html-as-xls": (_write("report.xls", HTML), "report.xls is a web page (HTML) saved with a spreadsheet name"),
    "excel-html-as-xls": (_write("report.xls", EXCEL_HTML), "is a web page (HTML)"),
    "doctype-html-utf16": (_write("report.xls", "\ufeff<!DOCTYPE html><html></html>".encode("utf-16-le")),
                           "is a web page (HTML)"),
    "mhtml-as-xls": (_write("report.xls", MHTML), "web archive (MHTML)"),
    "spreadsheetml-2003": (_write("report.xls", SPREADSHEET_2003), "Excel 2003 XML spreadsheet"),
    "png-as-xlsx": (_write("report.xlsx", PNG), "report.xlsx is a PNG image, not a spreadsheet"),
    "jpeg-as-xlsx": (_write("report.xlsx", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64)), "a JPEG image"),
    "pdf-as-xlsx": (_write("report.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
                    "report.xlsx is a PDF document, not a spreadsheet"),
    "docx-as-xlsx": (lambda d: hb.docx(d / "report.xlsx"), "report.xlsx is a Word document"),
    "doc-as-xls": (lambda d: hb.cfb(d / "report.xls", {"WordDocument": b"\xec\xa5" + bytes(64)}),
                   "Word document (.doc)"),
    "odt-as-ods": (_odt, "OpenDocument text document"),
    "xlsb-as-xlsx": (_xlsb, "Excel binary workbook (.xlsb)"),
    "zip-not-spreadsheet": (_plain_zip, "zip archive that is not a spreadsheet"),
    "exe-as-xls": (_write("report.xls", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120)), "is a Windows program"),
    "old-biff-xls": (_write("report.xls", b"\x09\x04\x06\x00\x00\x00\x10\x00" + bytes(64)), "old Excel format"),
    # A CSV is streamed (no grid of cells), so its cap is 4x a workbook's: ~21 million fields.
    "csv-too-many-cells": (_write("report.csv", b"district,indicator,month,value,group,note\n"
                                              + b"A,t,2024-01,1,,\n" * 3_500_000),
                           "report.csv has about 3,500,001 lines of 6 fields"),
    "binary-garbage-csv": (_write("report.csv", hb.garbage()), "report.csv is not a text file"),
    "binary-tail-csv": (_binary_tail_csv, "not a text file"),
    "invalid-encoding-csv": (_write("report.csv", b"district;value\nK\x81\x8d\x90ln;1\n" * 3),
                             "report.csv is not in a text encoding the workbench reads"),
}


def _assert_one_line(message: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_check_file_refuses_with_one_line(case: str, tmp_path: Path) -> None:
    build, words = HOSTILE[case]
    path = build(tmp_path)
    with pytest.raises(UnusableInputError) as info:
        safety.check_file(path)
    assert info.value.exit_code == 2
    assert words in str(info.value)
    _assert_one_line(str(info.value))


# -- files that must pass the gate ------------------------------------------------------

def _openpyxl_xlsx(d: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    for row in hb.long_rows():
        wb.active.append(row)
    wb.save(d / "op.xlsx")
    return d / "op.xlsx"


GOOD: dict[str, tuple[Builder, str]] = {
    "xlsxwriter-xlsx": (lambda d: hb.valid_xlsx(d / "a.xlsx"), "xlsx"),
    "openpyxl-xlsx": (_openpyxl_xlsx, "xlsx"),
    "xlsm-with-macros": (lambda d: hb.xlsm_with_macros(_valid(d), d / "a.xlsm"), "xlsm"),
    "ods": (lambda d: hb.ods(d / "a.ods"), "ods"),
    "xls": (lambda d: hb.cfb(d / "a.xls", {"Workbook": hb.biff_globals(encrypted=False)}), "xls"),
    "xlwt-xls": (lambda d: hb.valid_xls(d / "a.xls"), "xls"),
    "csv-utf8": (lambda d: hb.valid_csv(d / "a.csv"), "csv"),
    "csv-utf8-bom": (lambda d: hb.valid_csv(d / "a.csv", encoding="utf-8-sig"), "csv"),
    "csv-utf16": (lambda d: hb.valid_csv(d / "a.csv", encoding="utf-16"), "csv"),
    "csv-utf16le-no-bom": (lambda d: hb.valid_csv(d / "a.csv", encoding="utf-16-le"), "csv"),
    "csv-cp1252": (_write("a.csv", "district;value\nSão Tomé;1,5\nKöln;2\n".encode("cp1252")), "csv"),
    "csv-starting-like-a-program": (_write("a.csv", b"MZUZU,1\nLILONGWE,2\n"), "csv"),
    "tsv-named-xls": (_write("export.xls", b"district\tindicator\tmonth\tvalue\nA\tt\t2024-01\t1\n"), "csv"),
}


@pytest.mark.parametrize("case", sorted(GOOD))
def test_check_file_accepts_real_files_by_content(case: str, tmp_path: Path) -> None:
    build, kind = GOOD[case]
    assert safety.check_file(build(tmp_path)) == kind


def test_a_csv_above_the_workbook_cell_cap_passes_the_gate_but_not_its_own(tmp_path: Path) -> None:
    """Six million fields: refused by the old whole-grid reader, streamed now (issue 14)."""
    path = _write("long.csv", b"district,indicator,month,value,group,note\n" + b"A,t,2024-01,1,,\n" * 1_000_000)(tmp_path)
    assert safety.check_file(path) == "csv"
    with pytest.raises(UnusableInputError, match="more than the 6,000,000 fields"):
        safety.check_file(path, safety.Limits(max_csv_cells=6_000_000))


def test_extension_is_never_trusted(tmp_path: Path) -> None:
    xlsx_named_csv = hb.valid_xlsx(tmp_path / "data.csv")
    assert safety.check_file(xlsx_named_csv) == "xlsx"
    ods_named_xlsx = hb.ods(tmp_path / "data.xlsx")
    assert safety.check_file(ods_named_xlsx) == "ods"


def test_missing_file_and_folder_are_named(tmp_path: Path) -> None:
    with pytest.raises(UnusableInputError, match="nothere.xlsx does not exist"):
        safety.check_file(tmp_path / "nothere.xlsx")
    (tmp_path / "dir.xlsx").mkdir()
    with pytest.raises(UnusableInputError, match="dir.xlsx is a folder"):
        safety.check_file(tmp_path / "dir.xlsx")


# -- limits -----------------------------------------------------------------------------

def test_total_expansion_limit_applies_even_when_each_ratio_is_allowed(tmp_path: Path) -> None:
    bomb = hb.zip_bomb(tmp_path / "b.xlsx", 40)
    loose_ratio = safety.Limits(max_ratio=10_000, max_uncompressed_bytes=32 * safety.MB)
    with pytest.raises(UnusableInputError, match=r"would expand to 40 MB, more than the 32 MB limit"):
        safety.check_file(bomb, loose_ratio)


def test_ratio_is_judged_only_on_large_parts(tmp_path: Path) -> None:
    small = hb.zip_bomb(tmp_path / "small.xlsx", 4)  # 4 MiB of zeros at 1000:1 cannot hurt
    assert safety.check_file(small) == "xlsx"
    strict = safety.Limits(ratio_min_bytes=1 * safety.MB)
    with pytest.raises(UnusableInputError, match=r"expands 1,0\d\d:1"):
        safety.check_file(small, strict)


def test_member_count_is_read_before_zipfile_builds_its_index(tmp_path: Path) -> None:
    path = hb.many_members_zip(tmp_path / "m.xlsx", 50)
    assert safety.check_file(path) == "xlsx"
    with pytest.raises(UnusableInputError, match="52 archive entries, more than the 40"):
        safety.check_file(path, safety.Limits(max_member_count=40))


def test_an_end_record_that_understates_the_entries_is_caught(tmp_path: Path) -> None:
    data = bytearray(hb.many_members_zip(tmp_path / "m.xlsx", 12_000).read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 10, 10)  # "10 entries"
    (tmp_path / "lying.xlsx").write_bytes(bytes(data))
    with pytest.raises(UnusableInputError, match="holds 12,002 archive entries"):
        safety.check_file(tmp_path / "lying.xlsx")


def test_doctype_split_across_a_chunk_boundary_is_found(tmp_path: Path) -> None:
    pad = safety.CHUNK_BYTES - 4
    xml = b" " * pad + b'<!DocType x [<!ENTITY a "b">]><sst/>'
    path = hb.rewrite_zip(_valid(tmp_path), tmp_path / "r.xlsx", {"xl/sharedStrings.xml": xml})
    with pytest.raises(UnusableInputError, match="entity declarations"):
        safety.check_file(path)


def test_comments_and_cdata_are_not_mistaken_for_declarations(tmp_path: Path) -> None:
    xml = (b'<?xml version="1.0"?><!-- generated --><sst><si><t><![CDATA[<!doc>]]></t></si>'
           b"<si><t>&lt;!DOCTYPE is text here&gt;</t></si></sst>")
    path = hb.rewrite_zip(_valid(tmp_path), tmp_path / "r.xlsx", {"xl/sharedStrings.xml": xml})
    assert safety.check_file(path) == "xlsx"


def test_crc_is_checked_on_every_xml_part(tmp_path: Path) -> None:
    src = _valid(tmp_path)
    with zipfile.ZipFile(src) as z:
        info = z.getinfo("xl/styles.xml")
    data = bytearray(src.read_bytes())
    # Change the CRC recorded in the central directory: data intact, checksum wrong.
    name_at = data.find(b"xl/styles.xml", data.find(b"PK\x01\x02"))
    struct.pack_into("<L", data, name_at - 46 + 16, info.CRC ^ 1)
    bad = tmp_path / "crc.xlsx"
    bad.write_bytes(bytes(data))
    with pytest.raises(UnusableInputError, match="part xl/styles.xml fails its checksum"):
        safety.check_file(bad)


# -- sheet extent: what a dense reader would allocate -----------------------------------

def test_extent_counts_empty_cells_up_to_the_last_used_one(tmp_path: Path) -> None:
    path = _corner_cells(tmp_path, b"U1048576")  # 21 columns x 1,048,576 rows
    with pytest.raises(UnusableInputError, match="spanning 22 million cells"):
        safety.check_file(path)
    assert safety.check_file(path, safety.Limits(max_cells=23_000_000)) == "xlsx"


def test_a_sheet_stored_outside_the_usual_folder_is_still_measured(tmp_path: Path) -> None:
    src = _corner_cells(tmp_path)
    with zipfile.ZipFile(src) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["xl/elsewhere.xml"] = parts.pop("xl/worksheets/sheet1.xml")
    rels = parts["xl/_rels/workbook.xml.rels"]
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(b"worksheets/sheet1.xml", b"elsewhere.xml")
    moved = tmp_path / "moved.xlsx"
    with zipfile.ZipFile(moved, "w") as z:
        for member, data in parts.items():
            z.writestr(member, data)
    with pytest.raises(UnusableInputError, match="17,180 million cells"):
        safety.check_file(moved)


def _col_letters(col: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


_ROWS = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(1, 3000)),  # the row's r (None: no reference)
        st.lists(st.tuples(st.integers(1, 3000), st.integers(1, 60), st.booleans()),
                 min_size=1, max_size=6),  # cells: (row, column, has reference)
    ),
    min_size=1, max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_ROWS)
def test_extent_is_never_below_what_the_reader_allocates(tmp_path: Path, rows) -> None:
    """Random rows and cells in random order, some without references: the bound holds."""
    from python_calamine import CalamineWorkbook

    from workbench.importer.sheet_extent import XlsxSheetExtent

    body = b""
    for row_ref, cells in rows:
        body += b"<row>" if row_ref is None else b'<row r="%d">' % row_ref
        for row, col, with_ref in cells:
            ref = f' r="{_col_letters(col)}{row}"'.encode() if with_ref else b""
            body += b"<c%s><v>1</v></c>" % ref
        body += b"</row>"
    sheet = _sheet_xml(body)
    extent = XlsxSheetExtent()
    extent.feed(sheet, final=True)
    path = hb.rewrite_zip(_valid(tmp_path), tmp_path / "r.xlsx", {"xl/worksheets/sheet1.xml": sheet})
    try:
        grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 - a layout the reader rejects allocates nothing
        return
    allocated = len(grid) * max((len(r) for r in grid), default=0)
    assert extent.cells() >= allocated


def test_xls_extent_comes_from_cell_records(tmp_path: Path) -> None:
    path = hb.valid_xls(tmp_path / "a.xls", far=(99, 9))  # 100 rows x 10 columns
    assert safety.check_file(path, safety.Limits(max_cells=1000)) == "xls"
    with pytest.raises(UnusableInputError, match="spanning 1,000 cells"):
        safety.check_file(path, safety.Limits(max_cells=999))


def test_xls_record_walk_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.importer import cfb_guard

    monkeypatch.setattr(cfb_guard, "MAX_BIFF_RECORDS", 1000)
    assert cfb_guard.biff_cells(b"\x01\x02\x00\x00" * 1000, 10) == 0
    with pytest.raises(cfb_guard.TooManyRecords):
        cfb_guard.biff_cells(b"\x01\x02\x00\x00" * 1001, 10)


def test_cells_and_rows_without_references_follow_the_previous_one(tmp_path: Path) -> None:
    wide = b'<row r="1">' + b"<c><v>1</v></c>" * 30 + b"</row>" + b"<row><c><v>2</v></c></row>" * 9
    path = hb.rewrite_zip(_valid(tmp_path), tmp_path / "r.xlsx", {"xl/worksheets/sheet1.xml": _sheet_xml(wide)})
    assert safety.check_file(path, safety.Limits(max_cells=300)) == "xlsx"  # 10 rows x 30 columns
    with pytest.raises(UnusableInputError, match="spanning 300 cells"):
        safety.check_file(path, safety.Limits(max_cells=299))


@pytest.mark.parametrize("ref", [b'r = "XFD1048576"', b"r='XFD1048576'", b'r="XFDA1"', b'r="A10000000000"'])
def test_unusual_reference_spellings_are_still_measured(tmp_path: Path, ref: bytes) -> None:
    sheet = _sheet_xml(b'<row r="1"><c r="A1"><v>1</v></c><c ' + ref + b"><v>2</v></c></row>")
    path = hb.rewrite_zip(_valid(tmp_path), tmp_path / "r.xlsx", {"xl/worksheets/sheet1.xml": sheet})
    with pytest.raises(UnusableInputError, match="million cells"):
        safety.check_file(path)


def test_extent_of_a_large_real_sheet_is_exact(tmp_path: Path) -> None:
    rows = [["district", "indicator", "month", "value"]] + [[f"D{i}", "x", "2024-01", float(i)] for i in range(15_000)]
    path = hb.valid_xlsx(tmp_path / "big.xlsx", rows)
    with zipfile.ZipFile(path) as z:
        assert z.getinfo("xl/worksheets/sheet1.xml").file_size > safety.CHUNK_BYTES  # several chunks
    assert safety.check_file(path, safety.Limits(max_cells=4 * 15_001)) == "xlsx"
    with pytest.raises(UnusableInputError):
        safety.check_file(path, safety.Limits(max_cells=4 * 15_001 - 1))


def test_ods_trailing_empty_repeats_are_free_but_repeated_values_count(tmp_path: Path) -> None:
    head = ('<table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1'
            '</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/>'
            "</table:table-row>")
    empty_tail = ('<table:table-row table:number-rows-repeated="1048575"><table:table-cell '
                  'table:number-columns-repeated="16384"/></table:table-row>')
    libreoffice_like = hb.ods(tmp_path / "lo.ods", content=_ods_content(head + empty_tail))
    assert safety.check_file(libreoffice_like, safety.Limits(max_cells=1)) == "ods"
    repeated = ('<table:table-row table:number-rows-repeated="1000"><table:table-cell '
                'table:number-columns-repeated="3" office:value-type="float" office:value="1">'
                "<text:p>1</text:p></table:table-cell></table:table-row>")
    path = hb.ods(tmp_path / "rep.ods", content=_ods_content(head + repeated + empty_tail))
    assert safety.check_file(path, safety.Limits(max_cells=1001 * 3)) == "ods"
    with pytest.raises(UnusableInputError, match="spanning 3,003 cells"):
        safety.check_file(path, safety.Limits(max_cells=1001 * 3 - 1))


# -- formulas and macros ----------------------------------------------------------------

def test_formula_without_saved_result_is_reported_with_sheet_and_cell(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Trust"
    for row in hb.long_rows():
        ws.append(row)
    ws["F2"] = "=SUM(D2:D3)"
    ws2 = wb.create_sheet("Incidents")
    ws2["C7"] = "=1/0"
    wb.save(tmp_path / "f.xlsx")
    kind = safety.check_file(tmp_path / "f.xlsx")
    assert safety.formula_cells_without_value(tmp_path / "f.xlsx", kind) == [
        ("Trust", "F2"), ("Incidents", "C7")]


def test_the_gate_tells_the_formula_scan_which_sheets_to_read(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["district", "value"])
    wb.create_sheet("Calc")["B2"] = "=1+1"
    wb.save(tmp_path / "two.xlsx")
    safety.check_file(tmp_path / "two.xlsx")
    assert safety._recall(tmp_path / "two.xlsx") == frozenset({"xl/worksheets/sheet2.xml"})
    assert safety.formula_cells_without_value(tmp_path / "two.xlsx", "xlsx") == [("Calc", "B2")]


def test_formulas_with_cached_values_are_not_reported(tmp_path: Path) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(tmp_path / "c.xlsx"))
    ws = wb.add_worksheet("S")
    ws.write_formula("A1", "=1+2", None, 3)
    ws.write_formula("A2", '=""', None, "")
    wb.close()
    assert safety.formula_cells_without_value(tmp_path / "c.xlsx", "xlsx") == []


def test_prefixed_and_chunk_spanning_sheet_xml_is_scanned(tmp_path: Path) -> None:
    filler = b"".join(b'<x:c r="A%d"><x:v>%d</x:v></x:c>' % (i, i) for i in range(1, 60_000))
    sheet = (b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><x:sheetData><x:row r="1">' + filler
             + b'<x:c r="B9"><x:f>A1*2</x:f></x:c><x:c r="B10" t="str"><x:f t="shared" si="0"/>'
             b"<x:v>ok</x:v></x:c></x:row></x:sheetData></x:worksheet>")
    assert len(sheet) > safety.CHUNK_BYTES
    path = hb.rewrite_zip(_valid(tmp_path), tmp_path / "p.xlsx", {"xl/worksheets/sheet1.xml": sheet})
    assert safety.formula_cells_without_value(path, safety.check_file(path)) == [("Data", "B9")]


def test_other_kinds_have_no_formula_scan(tmp_path: Path) -> None:
    assert safety.formula_cells_without_value(hb.ods(tmp_path / "a.ods"), "ods") == []


def test_macros_are_detected_never_run(tmp_path: Path) -> None:
    xlsm = hb.xlsm_with_macros(_valid(tmp_path), tmp_path / "m.xlsm")
    assert safety.has_macros(xlsm)
    assert not safety.has_macros(_valid(tmp_path))
    xls = hb.cfb(tmp_path / "m.xls", {"Workbook": hb.biff_globals(False)}, storages=("_VBA_PROJECT_CUR",))
    assert safety.check_file(xls) == "xls" and safety.has_macros(xls)
    ods_macro = hb.ods(tmp_path / "m.ods")
    with zipfile.ZipFile(ods_macro, "a") as z:
        z.writestr("Basic/script-lc.xml", "<library/>")
        z.writestr("Basic/Standard/Module1.xml", "<module>Sub Main : Shell(\"x\") : End Sub</module>")
    assert safety.check_file(ods_macro) == "ods" and safety.has_macros(ods_macro)
    plain_ods = hb.ods(tmp_path / "p.ods")
    with zipfile.ZipFile(plain_ods, "a") as z:
        z.writestr("Basic/script-lc.xml", "<library/>")
    assert not safety.has_macros(plain_ods)


# -- CSV helpers ------------------------------------------------------------------------

def test_csv_cells_are_bounded_by_lines_times_fields(tmp_path: Path) -> None:
    path = _write("a.csv", b"district;month;value\n" + b'"A; B";2024-01;1\n' * 99)(tmp_path)
    assert safety.check_file(path, safety.Limits(max_csv_cells=300)) == "csv"  # 100 lines x 3
    with pytest.raises(UnusableInputError, match="about 100 lines of 3 fields, more than the 299 fields"):
        safety.check_file(path, safety.Limits(max_csv_cells=299))
    # The workbook cell cap does not apply to a CSV, which is streamed, not held as a grid.
    assert safety.check_file(path, safety.Limits(max_cells=299)) == "csv"
    utf16 = hb.valid_csv(tmp_path / "b.csv", hb.long_rows(50), encoding="utf-16")
    with pytest.raises(UnusableInputError, match="about 51 lines of 4 fields"):
        safety.check_file(utf16, safety.Limits(max_csv_cells=100))


def test_read_csv_text_decodes_and_names_the_encoding(tmp_path: Path) -> None:
    path = _write("a.csv", "district;value\nSão Tomé;1,5\n".encode("cp1252"))(tmp_path)
    text, encoding = safety.read_csv_text(path)
    assert (text, encoding) == ("district;value\nSão Tomé;1,5\n", "cp1252")
    path16 = hb.valid_csv(tmp_path / "b.csv", encoding="utf-16")
    text16, enc16 = safety.read_csv_text(path16)
    assert enc16 == "utf-16" and text16.startswith("district,indicator")


def test_read_csv_bytes_is_capped(tmp_path: Path) -> None:
    path = hb.valid_csv(tmp_path / "a.csv")
    with pytest.raises(UnusableInputError, match="larger than the 0 MB"):
        safety.read_csv_bytes(path, max_bytes=100)
    assert safety.read_csv_bytes(path) == path.read_bytes()


def test_gigantic_line_is_not_a_table_row(tmp_path: Path) -> None:
    path = _write("a.csv", b"district,value\n" + b"x" * (safety.MAX_CSV_LINE_BYTES + 10) + b",1\n")(tmp_path)
    assert safety.check_file(path) == "csv"
    with pytest.raises(UnusableInputError, match="has a line of 4 MB"):
        safety.read_csv_text(path)
    many = _write("b.csv", b"district,value\n" + b"A,1\n" * 1_200_000)(tmp_path)
    assert safety.read_csv_text(many)[1] == "utf-8"


# -- robustness: no input makes the gate fail with anything but UnusableInputError -------

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_workbooks_never_escape_as_other_errors(tmp_path: Path, data: st.DataObject) -> None:
    template = _VALID_BYTES.get("xlsx") or _VALID_BYTES.setdefault(
        "xlsx", hb.valid_xlsx(tmp_path / "t.xlsx").read_bytes())
    blob = bytearray(template)
    for _ in range(data.draw(st.integers(1, 8))):
        blob[data.draw(st.integers(0, len(blob) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(blob)))
    path = tmp_path / "m.xlsx"
    path.write_bytes(bytes(blob[:cut]))
    try:
        kind = safety.check_file(path)
    except UnusableInputError as err:
        _assert_one_line(str(err))
    else:
        assert kind in safety.KINDS
        safety.formula_cells_without_value(path, kind)


_VALID_BYTES: dict[str, bytes] = {}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blob=st.binary(min_size=1, max_size=4096))
def test_arbitrary_bytes_never_escape_as_other_errors(tmp_path: Path, blob: bytes) -> None:
    path = tmp_path / "any.xlsx"
    path.write_bytes(blob)
    try:
        assert safety.check_file(path) in safety.KINDS
    except UnusableInputError as err:
        _assert_one_line(str(err))


# -- through the real command line ------------------------------------------------------

def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def imported_project(tmp_path: Path, project_path: Path, run_cli) -> Path:
    """A project holding one small valid import, so that 'unchanged' is a real claim."""
    good = hb.valid_csv(tmp_path / "good.csv")
    code, _out, err = run_cli("import", str(good), "--project", str(project_path))
    assert code == 0, err
    return project_path


@needs_engine
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_cli_import_refuses_hostile_file(case: str, tmp_path: Path, imported_project: Path,
                                         run_cli) -> None:
    build, words = HOSTILE[case]
    folder = tmp_path / "incoming"
    folder.mkdir()
    bad = build(folder)
    before = _sha(imported_project)
    code, _out, err = run_cli("import", str(bad), "--project", str(imported_project))
    assert code == 2
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert words in lines[0]
    assert "Traceback" not in err
    assert _sha(imported_project) == before


# -- bounded time and memory, measured in a separate process -----------------------------

_MEASURE = textwrap.dedent("""
    import contextlib, io, json, resource, sys, time
    from workbench.errors import UnusableInputError
    from workbench.importer import safety
    cases, project = json.load(sys.stdin), sys.argv[1]
    use_cli = project != "-"
    if use_cli:
        from workbench.cli import main
    out = {}
    for case, path in cases.items():
        start = time.perf_counter()
        if use_cli:
            with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
                outcome = main(["import", path, "--project", project])
        else:
            try:
                safety.check_file(path)
                outcome = 0
            except UnusableInputError as err:
                outcome = err.exit_code
        out[case] = [time.perf_counter() - start, outcome]
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"cases": out, "peak_mb": peak_kb / 1024}))
""")

MAX_SECONDS = 5.0
MAX_PEAK_MB = 1536.0


def _measure(tmp_path: Path, project: str) -> dict:
    paths = {}
    for case, (build, _words) in HOSTILE.items():
        folder = tmp_path / case
        folder.mkdir()
        paths[case] = str(build(folder))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, "-c", _MEASURE, project], input=json.dumps(paths),
                          capture_output=True, text=True, timeout=300, env=env, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_every_hostile_case_is_refused_fast_and_small(tmp_path: Path) -> None:
    result = _measure(tmp_path, "-")
    slow = {c: t for c, (t, _code) in result["cases"].items() if t >= MAX_SECONDS}
    assert not slow
    assert all(code == 2 for _t, code in result["cases"].values())
    assert result["peak_mb"] < MAX_PEAK_MB


@needs_engine
def test_every_hostile_import_is_bounded_through_the_cli(tmp_path: Path, imported_project: Path) -> None:
    result = _measure(tmp_path, str(imported_project))
    slow = {c: t for c, (t, _code) in result["cases"].items() if t >= MAX_SECONDS}
    assert not slow
    assert all(code == 2 for _t, code in result["cases"].values())
    assert result["peak_mb"] < MAX_PEAK_MB


@needs_engine
def test_cli_imports_xlsm_data_and_says_macros_were_not_run(tmp_path: Path, project_path: Path,
                                                             run_cli) -> None:
    xlsm = hb.xlsm_with_macros(_valid(tmp_path), tmp_path / "monthly.xlsm")
    code, out, err = run_cli("import", str(xlsm), "--project", str(project_path))
    assert code == 0, err
    assert "the file contains macros; they were not run" in out
    code, data, _err = run_cli("data", "--project", str(project_path), "--format", "csv")
    assert code == 0 and len(data.strip().splitlines()) == 1 + len(hb.long_rows()) - 1


@needs_engine
def test_cli_imports_a_real_xls(tmp_path: Path, project_path: Path, run_cli) -> None:
    xls = hb.valid_xls(tmp_path / "legacy.xls")
    code, _out, err = run_cli("import", str(xls), "--project", str(project_path))
    assert code == 0, err
    code, data, _err = run_cli("data", "--project", str(project_path), "--format", "csv")
    assert len(data.strip().splitlines()) == len(hb.long_rows())


@needs_engine
def test_cli_names_formula_cells_without_saved_result(tmp_path: Path, project_path: Path,
                                                      run_cli) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Trust"
    for row in hb.long_rows():
        wb.active.append(row)
    wb.active["D3"] = "=D2*2"
    wb.save(tmp_path / "scripted.xlsx")
    code, out, err = run_cli("import", str(tmp_path / "scripted.xlsx"), "--project", str(project_path))
    assert code == 0, err
    assert "cell D3 has a formula with no saved result, read as empty" in out

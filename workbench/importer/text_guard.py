"""Decides whether bytes are readable text (a CSV) and in which encoding.

Field offices send CSVs written by Excel (cp1252 or UTF-16 "Unicode text"), by web portals
(UTF-8 with or without BOM) and by statistical packages. Anything else — binary data, a
document in another encoding — would turn into mojibake or a parser crash deep in pandas, so
it is refused here, with a message that says what to do.
"""

from __future__ import annotations

import codecs
import csv
from typing import BinaryIO

import numpy as np

from workbench.errors import UnusableInputError
from workbench.importer.limits import CHUNK_BYTES, MAX_CSV_LINE_BYTES, MB

#: Bytes below 0x20 that occur in real text.
_TEXT_CONTROLS = np.array([9, 10, 11, 12, 13, 26], dtype=np.uint8)
_READABLE_ENCODINGS = "UTF-8, UTF-16 or Windows-1252"


def not_text(name: str) -> UnusableInputError:
    return UnusableInputError(
        f"{name} is not a text file (it contains binary data), so it cannot be read as CSV"
    )


def bad_encoding(name: str) -> UnusableInputError:
    return UnusableInputError(
        f"{name} is not in a text encoding the workbench reads ({_READABLE_ENCODINGS}); "
        'save it again as "CSV UTF-8"'
    )


def detect_encoding(sample: bytes) -> str | None:
    """The encoding of a text sample, or None when it is binary or in no accepted encoding.

    The sample may end in the middle of a character: it is decoded incrementally.
    """
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32" if _decodes(sample, "utf-32") else None
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig" if _decodes(sample, "utf-8-sig") else None
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16" if _decodes(sample, "utf-16") else None
    guess = _bomless_utf16(sample)
    if guess is not None:
        return guess if _decodes(sample, guess) else None
    if b"\x00" in sample:
        return None
    for encoding in ("utf-8", "cp1252"):
        if _decodes(sample, encoding):
            return encoding
    return None


def looks_binary(sample: bytes) -> bool:
    """NULs, or more than 2 % control bytes, mean the sample is not text in any 8-bit encoding."""
    if not sample:
        return False
    arr = np.frombuffer(sample, dtype=np.uint8)
    controls = (arr < 32) & ~np.isin(arr, _TEXT_CONTROLS)
    return bool(controls.sum() > 0.02 * arr.size)


def check_text(sample: bytes, name: str) -> str:
    """Return the sample's encoding, or raise with the reason it cannot be read as a CSV."""
    encoding = detect_encoding(sample)
    if encoding is None:
        if b"\x00" in sample or looks_binary(sample):
            raise not_text(name)
        raise bad_encoding(name)
    if not encoding.startswith(("utf-16", "utf-32")) and looks_binary(sample):
        raise not_text(name)
    return encoding


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode a whole CSV: ``(text, encoding)``; refuses binary data and gigantic lines."""
    encoding = check_text(data[: 64 * 1024], name)
    check_line_lengths(data, encoding, name)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        if encoding == "utf-8":
            try:
                return data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                pass
        raise bad_encoding(name) from err
    if "\x00" in text:
        raise not_text(name)
    return text, encoding


def check_line_lengths(data: bytes, encoding: str, name: str) -> None:
    """Refuse a 'line' longer than MAX_CSV_LINE_BYTES: a gigantic cell is not a table row.

    Works on the raw bytes as code units (zero-copy numpy views), so a 200 MB file costs
    only the array of line-break positions.
    """
    if len(data) <= MAX_CSV_LINE_BYTES:
        return
    width = 4 if encoding.startswith("utf-32") else 2 if encoding.startswith("utf-16") else 1
    order = ">" if data.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)) or encoding.endswith("be") else "<"
    usable = len(data) - len(data) % width
    units = np.frombuffer(data[:usable] if usable != len(data) else data,
                          dtype=np.dtype(f"{order}u{width}"))
    longest = _longest_run(units, units == 10)
    if longest * width > MAX_CSV_LINE_BYTES:  # line feeds alone leave a long line: count CRs too
        longest = _longest_run(units, (units == 10) | (units == 13))
    if longest * width > MAX_CSV_LINE_BYTES:
        raise UnusableInputError(
            f"{name} has a line of {longest * width / MB:,.0f} MB; a table row is never that "
            "long, so this is not a CSV table"
        )


def _longest_run(units: np.ndarray, is_break: np.ndarray) -> int:
    """The most code units between two breaks (or an end of the data)."""
    breaks = np.flatnonzero(is_break)
    if breaks.size == 0:
        return int(units.size)
    return int(max(breaks[0], units.size - 1 - breaks[-1], np.diff(breaks).max(initial=0) - 1))


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        codecs.getincrementaldecoder(encoding)(errors="strict").decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _bomless_utf16(sample: bytes) -> str | None:
    """UTF-16 without BOM: ASCII-heavy text has NULs in every other byte."""
    arr = np.frombuffer(sample[: 4096 - (len(sample[:4096]) % 2)], dtype=np.uint8)
    if arr.size < 4:
        return None
    even_nul = float((arr[0::2] == 0).mean())
    odd_nul = float((arr[1::2] == 0).mean())
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


_DELIMITERS = (",", ";", "\t", "|")


def csv_shape(fh: BinaryIO, head: bytes, encoding: str) -> tuple[int, int]:
    """(lines, columns) upper estimate of a CSV, streaming the file once.

    Lines are counted as line breaks; columns are the 90th percentile of the field counts
    of the first 200 lines (quotes respected) for the delimiter giving the most.
    """
    width = 4 if encoding.startswith("utf-32") else 2 if encoding.startswith("utf-16") else 1
    big_endian = encoding.endswith("be") or head.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))
    newline = "\n".encode(f"utf-{width * 8}-{'be' if big_endian else 'le'}") if width > 1 else b"\n"
    fh.seek(0)
    lines, last = 0, b""
    while chunk := fh.read(CHUNK_BYTES):
        lines += chunk.count(newline)
        last = chunk
    if lines == 0:
        cr = b"\r" if width == 1 else newline.replace(b"\n", b"\r")
        fh.seek(0)
        while chunk := fh.read(CHUNK_BYTES):
            lines += chunk.count(cr)
    if last and not last.endswith(newline):
        lines += 1
    text = head.decode(encoding, errors="replace")
    sample = text.splitlines()[:200]
    if len(sample) > 1 and len(head) >= 64 * 1024:
        sample = sample[:-1]  # the last line of a cut sample is partial
    columns = 1
    for delimiter in _DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        except csv.Error:
            continue
        if widths:
            columns = max(columns, int(np.percentile(widths, 90)))
    return lines, columns

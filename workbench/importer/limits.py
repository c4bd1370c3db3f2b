"""Size and expansion limits for files the workbench imports, with the reasoning behind them.

Files arrive from anywhere (e-mail, USB sticks, web portals), so every limit is enforced
before a reader allocates memory for the file. The numbers leave room for the largest real
workbook an analyst could send (a full 1,048,576-row Excel sheet) while keeping the whole
import under the 1.5 GB memory budget of an ordinary laptop (docs/reliability.md).
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024

#: Largest file on disk. A 200 MB xlsx already expands to 1-2 GB of XML; a 200 MB CSV is
#: ~5 million rows, five times Excel's own row limit.
MAX_FILE_BYTES = 200 * MB

#: Largest CSV we read into memory (the reader holds the bytes and the decoded text).
MAX_CSV_BYTES = MAX_FILE_BYTES

#: Sum of the declared uncompressed sizes of all parts of an xlsx/xlsm/ods. The largest
#: workbook the cell limit admits (a full-height 5-column long table) is ~190 MB of sheet
#: XML plus its shared strings; 512 MB leaves room for styles and verbose writers while
#: bounding the gate's own streaming scan to a few seconds.
MAX_UNCOMPRESSED_BYTES = 512 * MB

#: Expansion ratio of one part above which it is a zip bomb. Sheet XML of real workbooks
#: compresses 5:1 to 40:1; a sheet of one repeated number reaches ~120:1; deflate's maximum
#: is ~1030:1, which is what bombs use.
MAX_RATIO = 200

#: The ratio is only judged on parts larger than this: small parts (styles, an empty
#: sheet) compress far better than big ones and cannot hurt.
RATIO_MIN_BYTES = 8 * MB

#: Parts in one archive. A workbook has ~10 fixed parts plus ~2-4 per sheet (sheet,
#: relationships, drawings, comments); Excel caps sheets by memory, real files stay in the
#: hundreds. The count is read from the archive's end record before Python builds an
#: object per entry.
MAX_MEMBER_COUNT = 10_000

#: Size of the archive's central directory (its table of contents). The end record's entry
#: count can lie, and zipfile parses entries until the directory is exhausted; at the
#: smallest entry size (47 bytes) 16 MB still bounds Python's per-entry objects to ~150 MB.
#: A real 10,000-part workbook needs ~1 MB.
MAX_CENTRAL_DIRECTORY_BYTES = 16 * MB

#: How many bytes are read to recognise a file's kind.
SNIFF_BYTES = 64 * 1024

#: Chunk used when streaming a part or a file; bounds memory whatever the part size.
CHUNK_BYTES = 1 * MB

#: Longest line accepted in a CSV: a line longer than this is not a table row.
MAX_CSV_LINE_BYTES = 4 * MB

#: Excel's own limits, for readers that want to refuse what Excel could never have written.
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_CELL_CHARS = 32_767

#: Cells a reader may allocate for all sheets of a workbook (or all fields of a CSV)
#: together. Readers hold each sheet as a dense grid from A1 to its last used cell, and the
#: import measured ~280 bytes of peak memory per cell (1,048,576 rows x 5 columns of a long
#: table: 1.48 GB, docs/reliability.md). So the cap is a full-height canonical long table —
#: region, indicator, period, value, group — which keeps any import under ~1.5 GB.
MAX_CELLS = MAX_ROWS * 5

#: Fields a CSV may hold. A CSV above :data:`STREAM_CSV_BYTES` is not held as one grid of
#: cells: it is parsed in chunks of :data:`CSV_CHUNK_ROWS` rows by pandas' C parser and
#: only its canonical rows are kept (~250 bytes each at peak, measured on a 2.4-million-row
#: long table: benchmarks/bench_large_csv.py). Four times the workbook cap is ~5 million
#: rows of a long table (~1.3 GB), the largest an HQ export realistically is. There is no
#: decompression in a CSV, so the cap guards memory, not against a bomb.
MAX_CSV_CELLS = MAX_CELLS * 4

#: A CSV larger than this is read in chunks (above); smaller ones are read whole by the
#: csv module, which tolerates ragged rows of any width.
STREAM_CSV_BYTES = 16 * MB

#: Rows per chunk of a streamed CSV; the first chunk is also what layout detection sees.
CSV_CHUNK_ROWS = 500_000

#: Records walked in a legacy .xls. An .xls holds at most 65,536 rows; 65,536 rows of 40
#: single-cell records is 2.6 M records. Walking costs ~0.5 µs per record in Python, so
#: the cap also bounds the gate's time on a stream of tiny hostile records to ~2 s.
MAX_BIFF_RECORDS = 3_000_000

#: Largest part of a workbook parsed into a tree for metadata (workbook.xml, rels).
MAX_METADATA_PART_BYTES = 16 * MB


@dataclass(frozen=True)
class Limits:
    """The limits one check uses; tests and batch jobs may pass tighter or looser ones."""

    max_file_bytes: int = MAX_FILE_BYTES
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
    max_ratio: float = MAX_RATIO
    ratio_min_bytes: int = RATIO_MIN_BYTES
    max_member_count: int = MAX_MEMBER_COUNT
    max_central_directory_bytes: int = MAX_CENTRAL_DIRECTORY_BYTES
    max_cells: int = MAX_CELLS
    max_csv_cells: int = MAX_CSV_CELLS


DEFAULT_LIMITS = Limits()

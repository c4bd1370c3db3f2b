"""Upper bounds of the cell grid a reader will allocate for each sheet, read from the sheet XML.

Spreadsheet readers hold a sheet as a dense grid from A1 to the last used cell. A 6 KB xlsx
with one cell in A1 and one in XFD1048576 makes calamine request 17 billion cells and abort
the whole process; an ods row marked ``number-rows-repeated="1000000"`` with a repeated
value does the same in a few bytes. These counters stream the same chunks the XML scan reads
and compute, without building any tree, the largest row and column a reader will place a
cell at — following the readers' rules: cells without an ``r`` reference follow the previous
cell, rows without one follow the previous row, and ods drops trailing empty rows and cells.

xlsx parts are scanned with numpy over the raw bytes (a few ms per MB); ods content with a
regular expression over table tags.
"""

from __future__ import annotations

import re

import numpy as np

#: A block never ends inside a row; a row longer than this is cut anyway (and its cells
#: counted conservatively), so memory stays bounded.
MAX_CARRY = 8 * 1024 * 1024
_HUGE = 1 << 40
_SLOW_REF = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]*)([0-9]*)""")


class RowBlocks:
    """Cuts a stream of chunks into blocks that end where a row opens, so no row is split.

    Chunks are kept in a list and joined once, so a stretch without any row start (a giant
    cell, padding) costs linear time; past MAX_CARRY bytes it is cut anyway.
    """

    def __init__(self, row_starts: tuple[bytes, ...]) -> None:
        self._starts = row_starts
        self._pending: list[bytes] = []
        self._size = 0

    def feed(self, chunk: bytes, final: bool) -> bytes:
        probe_head = self._pending[-1][-16:] if self._pending else b""
        self._pending.append(chunk)
        self._size += len(chunk)
        probe = probe_head + chunk
        pos = max(probe.rfind(start) for start in self._starts)
        if pos < 0 and self._size <= MAX_CARRY and not final:
            return b""
        window = b"".join(self._pending)
        cut = len(window) if final or pos < 0 else len(window) - (len(probe) - pos)
        rest = window[cut:]
        self._pending = [rest] if rest else []
        self._size = len(rest)
        return window[:cut]


class XlsxSheetExtent:
    """Streaming bound of (rows, columns) for one worksheet part."""

    def __init__(self) -> None:
        self.max_row = 0
        self.max_col = 0
        self.rows_without_ref = 0
        self.max_cells_without_ref = 0
        #: Whether the part may hold a formula element (<f>, or any prefixed element, which
        #: this cheap test cannot rule out); lets the formula scan skip formula-free sheets.
        self.may_hold_formula = False
        self._blocks = RowBlocks((b"<row ", b"<row>"))

    def feed(self, chunk: bytes, final: bool = False) -> None:
        block = self._blocks.feed(chunk, final)
        if block:
            self._block(block)

    def cells(self) -> int:
        rows = self.max_row + self.rows_without_ref
        cols = self.max_col + self.max_cells_without_ref
        return rows * cols

    def _block(self, block: bytes) -> None:
        if not block:
            return
        arr = np.frombuffer(block + b"\x00" * 16, dtype=np.uint8)
        n = len(block)
        refs_at, rows, cols = _references(arr, n, block)
        is_cell_ref = cols > 0
        cell_refs = int(np.count_nonzero(is_cell_ref))
        lt = np.flatnonzero(arr[:n] == 60)  # '<'
        c1, c2 = arr[lt + 1], arr[lt + 2]
        if not self.may_hold_formula:
            prefixed = (c2 == 58) | (arr[lt + 3] == 58) | (arr[lt + 4] == 58)  # 'x:', 'ss:', 'xyz:'
            self.may_hold_formula = bool(((c1 == 102) & _ENDS_NAME[c2]).any() or prefixed.any())
        cell_starts = lt[(c1 == 99) & _ENDS_NAME[c2]]
        counted = self._used_refs(arr, n, refs_at, is_cell_ref, cell_starts)
        if counted.any():
            self.max_row = max(self.max_row, int(rows[counted].max()))
            self.max_col = max(self.max_col, int(cols[counted].max()))
        is_row = (c1 == 114) & (c2 == 111)
        row_starts = lt[is_row][(arr[lt[is_row] + 3] == 119) & _ENDS_NAME[arr[lt[is_row] + 4]]]
        self.rows_without_ref += max(0, row_starts.size - (rows.size - cell_refs))
        if cell_starts.size > cell_refs:
            self._cells_without_ref(cell_starts, row_starts, refs_at[is_cell_ref])

    @staticmethod
    def _used_refs(arr: np.ndarray, n: int, refs_at: np.ndarray, is_cell_ref: np.ndarray,
                   cell_starts: np.ndarray) -> np.ndarray:
        """Which references bound what a reader allocates: cells that hold something.

        A formatted but empty cell (``<c r="AM1000000" s="1"/>``, what a formatted row at the
        bottom of an 18 KB sheet is made of) holds nothing and readers skip it, so it does
        not count: the sheet's real used range does. When a block has cells without a
        reference (placed after the previous cell), every row and cell reference counts, as
        before, because those cells sit wherever the references put them.
        """
        if cell_starts.size > int(np.count_nonzero(is_cell_ref)):
            return np.ones(refs_at.size, dtype=bool)
        gt = np.flatnonzero(arr[:n] == 62)  # '>'
        if not cell_starts.size or not gt.size:
            return is_cell_ref & False
        tag_end = gt[np.minimum(np.searchsorted(gt, cell_starts), gt.size - 1)]
        self_closed = arr[np.maximum(tag_end - 1, 0)] == 47  # '/>': no value, no content
        owner = np.searchsorted(cell_starts, refs_at, side="right") - 1
        return is_cell_ref & (owner >= 0) & ~self_closed[np.clip(owner, 0, None)]

    def _cells_without_ref(self, cell_starts: np.ndarray, row_starts: np.ndarray,
                           cell_refs: np.ndarray) -> None:
        """Cells without a reference follow the previous one: bound them per row."""
        # A reference belongs to the cell whose '<' precedes it (attributes come first).
        owner = np.searchsorted(cell_starts, cell_refs, side="right") - 1
        has_ref = np.zeros(cell_starts.size, dtype=bool)
        has_ref[owner[owner >= 0]] = True
        without = cell_starts[~has_ref]
        if without.size:
            row_of = np.searchsorted(row_starts, without, side="right")
            self.max_cells_without_ref = max(self.max_cells_without_ref,
                                             int(np.bincount(row_of).max()))


def _lut(pairs: dict[int, int], default: int, dtype: type) -> np.ndarray:
    table: np.ndarray = np.full(256, default, dtype=dtype)
    for byte, value in pairs.items():
        table[byte] = value
    return table


_IS_WS = _lut({9: 1, 10: 1, 13: 1, 32: 1}, 0, bool)
_ENDS_NAME = _lut({9: 1, 10: 1, 13: 1, 32: 1, 47: 1, 62: 1}, 0, bool)
_IS_QUOTE = _lut({34: 1, 39: 1}, 0, bool)
_LETTER = _lut({**{65 + i: i + 1 for i in range(26)}, **{97 + i: i + 1 for i in range(26)}}, 0, np.int64)
_DIGIT = _lut({48 + i: i for i in range(10)}, -1, np.int64)


def _references(arr: np.ndarray, n: int, block: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(position, row, column) of every ``r="A1"``-style attribute; column 0 for <row r="5">.

    Byte lookup tables keep this to a handful of vector gathers per reference.
    """
    eq = np.flatnonzero(arr[:n] == 61)  # '='
    eq = eq[eq >= 2]
    before, after = arr[eq - 1], arr[eq + 1]
    if (_IS_WS[before] | _IS_WS[after]).any():
        return _references_slow(block)
    named_r = eq[before == 114]
    at = named_r[_IS_WS[arr[named_r - 2]] & _IS_QUOTE[arr[named_r + 1]]]
    v = at + 2
    l0, l1, l2, l3 = (_LETTER[arr[v + k]] for k in range(4))
    has1, has2, has3 = l0 > 0, (l0 > 0) & (l1 > 0), (l0 > 0) & (l1 > 0) & (l2 > 0)
    col = np.where(has3, l0 * 676 + l1 * 26 + l2, np.where(has2, l0 * 26 + l1, l0))
    col = np.where(has3 & (l3 > 0), _HUGE, col)  # a fourth letter: beyond column XFD
    d = v + has1 + has2 + has3
    row = np.zeros(at.size, dtype=np.int64)
    run = np.ones(at.size, dtype=bool)
    for k in range(9):
        digit = _DIGIT[arr[d + k]]
        run &= digit >= 0
        row = np.where(run, row * 10 + digit, row)
    row = np.where(run, _HUGE, row)  # nine digits: beyond any sheet
    return at, row, col


def _references_slow(block: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same with whitespace around '=' (legal XML no writer produces), via a regex."""
    at, rows, cols = [], [], []
    for m in _SLOW_REF.finditer(block):
        letters, digits = m.group(1).upper(), m.group(2)
        col = 0
        for ch in letters[:4]:
            col = col * 26 + ch - 64
        at.append(m.start() + 1)
        cols.append(_HUGE if len(letters) > 3 else col)
        rows.append(_HUGE if len(digits) > 9 else int(digits or 0))
    return np.array(at, dtype=np.int64), np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)


_ODS_TAG = re.compile(
    rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>"
)
_ROWS_REPEATED = re.compile(rb"""number-rows-repeated\s*=\s*["']([0-9]+)["']""")
_COLS_REPEATED = re.compile(rb"""number-columns-repeated\s*=\s*["']([0-9]+)["']""")


class OdsExtent:
    """Streaming bound of the cells a reader materialises for all tables of an ods content part.

    Per table: rows up to the last non-empty row (repeats included) times the widest row up
    to its last non-empty cell. A cell is non-empty when it has a value type or any content.
    """

    def __init__(self) -> None:
        self.total = 0
        self._blocks = RowBlocks((b"<table:table-row",))
        self._rows_done = 0          # rows up to and including the last non-empty one
        self._rows_pending = 0       # empty rows after it
        self._width = 0
        self._row_repeat = 1
        self._row_cols = 0           # columns so far in the current row
        self._row_width = 0          # up to the last non-empty cell
        self._cell_repeat = 1
        self._cell_nonempty = False

    def feed(self, chunk: bytes, final: bool = False) -> None:
        block = self._blocks.feed(chunk, final)
        for m in _ODS_TAG.finditer(block):
            self._tag(m.group(1) == b"/", m.group(2), m.group(3), m.group(4) == b"/")
        if final:
            self._end_table()

    def cells(self) -> int:
        return self.total + self._rows_done * self._width

    def _tag(self, closing: bool, name: bytes, attrs: bytes, empty: bool) -> None:
        if name == b"table":
            if closing:
                self._end_table()
            return
        if name == b"table-row":
            if closing:
                self._end_row()
            else:
                self._row_repeat = _repeat(_ROWS_REPEATED, attrs)
                self._row_cols = self._row_width = 0
                if empty:
                    self._end_row()
            return
        # a cell (covered cells take a position like any other)
        if closing:
            self._end_cell()
            return
        self._cell_repeat = _repeat(_COLS_REPEATED, attrs)
        # Writers emit empty cells self-closed; any content or value type makes a cell count.
        self._cell_nonempty = b"value-type" in attrs or not empty
        if empty:
            self._end_cell()

    def _end_cell(self) -> None:
        self._row_cols += self._cell_repeat
        if self._cell_nonempty:
            self._row_width = self._row_cols
        self._cell_repeat, self._cell_nonempty = 1, False

    def _end_row(self) -> None:
        if self._row_width:
            self._rows_done += self._rows_pending + self._row_repeat
            self._rows_pending = 0
            self._width = max(self._width, self._row_width)
        else:
            self._rows_pending += self._row_repeat
        self._row_repeat, self._row_cols, self._row_width = 1, 0, 0

    def _end_table(self) -> None:
        self.total += self._rows_done * self._width
        self._rows_done = self._rows_pending = self._width = 0


def _repeat(pattern: re.Pattern[bytes], attrs: bytes) -> int:
    m = pattern.search(attrs)
    return min(int(m.group(1)), _HUGE) if m else 1

"""Shrink screenshots for the docs: 256-colour palette PNGs, only where it pays.

A desktop screenshot has a few thousand colours, almost all of them anti-aliasing shades;
the 256 most frequent cover about 96 % of the pixels, so mapping the rest to their nearest
palette colour is invisible at 100 % zoom and roughly halves the file. Files already under
the limit are left alone.

    .venv/bin/python scripts/compact_png.py docs/screenshots/*.png [--max-kb 400]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np


def palette_image(path: Path) -> QImage:  # noqa: F821 - PySide6 is imported lazily
    """The image as 8-bit indexed colour with a popularity palette (nearest colour for the rest)."""
    from PySide6.QtGui import QImage

    img = QImage(str(path)).convertToFormat(QImage.Format_RGB32)
    w, h = img.width(), img.height()
    stride = img.bytesPerLine() // 4
    px = np.frombuffer(img.constBits(), dtype=np.uint32, count=stride * h).reshape(h, stride)[:, :w].ravel()
    colours, inverse, counts = np.unique(px, return_inverse=True, return_counts=True)
    palette = colours[np.argsort(counts)[::-1][:256]]
    rgb = lambda c: np.stack([(c >> 16) & 255, (c >> 8) & 255, c & 255], axis=1).astype(np.int32)  # noqa: E731
    pal_rgb, col_rgb = rgb(palette), rgb(colours)
    nearest = np.empty(len(colours), dtype=np.uint8)
    for start in range(0, len(colours), 4096):  # chunks keep the distance matrix small
        d = ((col_rgb[start:start + 4096, None, :] - pal_rgb[None, :, :]) ** 2).sum(axis=2)
        nearest[start:start + 4096] = d.argmin(axis=1)
    index = np.ascontiguousarray(nearest[inverse].reshape(h, w))
    out = QImage(index.data, w, h, w, QImage.Format_Indexed8).copy()
    out.setColorTable([int(c) | 0xFF000000 for c in palette])
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--max-kb", type=int, default=400, help="only files larger than this (default 400)")
    args = p.parse_args(argv)
    for path in args.files:
        before = path.stat().st_size
        if before <= args.max_kb * 1024:
            continue
        if not palette_image(path).save(str(path), "PNG", 0):
            print(f"error: could not write {path}", file=sys.stderr)
            return 1
        print(f"{path}: {before // 1024} KB -> {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The PDF brief: a real PDF with the expected pages and text, on A4 and Letter, not blank."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from briefs_factory import build_project  # noqa: E402

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm, pdfinfo) not installed"),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(tmp_path_factory.mktemp("pdf") / "brief.wbproj")


def write(project: Path, out: Path, *extra: str) -> None:
    from workbench.cli import main

    assert main(["report", "--project", str(project), "--out", str(out), *extra]) == 0


@pytest.fixture(scope="module")
def a4(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf-out") / "brief.pdf"
    write(project, out)
    return out


def info(pdf: Path) -> dict[str, str]:
    text = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in text.splitlines() if ":" in line)


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_is_a_pdf_with_pages_on_a4(a4: Path) -> None:
    assert a4.read_bytes().startswith(b"%PDF")
    meta = info(a4)
    # four headline alerts on page 1, the other two on page 2, then the meeting, the heatmap and the index
    assert int(meta["Pages"]) == 5
    assert "595 x 842" in meta["Page size"]
    assert "brief" in meta["Title"]


def test_page_one_has_the_headline_alerts_and_page_numbers(a4: Path, project: Path) -> None:
    from alerts.listing import alerts_frame
    from alerts.views import situations
    from workbench.store import open_project

    with open_project(project, readonly=True) as p:  # the inbox's active situations
        counts = situations(alerts_frame(p.conn, active=True))["severity"].value_counts()
    text = page_text(a4, 1)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    at = next(i for i, ln in enumerate(lines) if re.search(r"\bhigh · \d+ alert", ln))
    assert "medium ·" in lines[at] and "low ·" in lines[at]
    numbers = next(ln for ln in reversed(lines[:at]) if "situation" in ln)
    shown = [int(n) for n in re.findall(r"\b(\d+)\s+active situations?\b", numbers)]
    assert shown == [int(counts.get(s, 0)) for s in ("high", "medium", "low")]
    assert "Cohesion early-warning brief" in text
    assert "data up to December 2024" in text
    assert "Headline alerts" in text
    assert "1 closed" in text  # what changed since the previous run
    assert "page 1 of 5" in text
    assert 'rose to' in text and '=HYPERLINK("http://evil.example","click")' in text  # shown as plain text
    assert "Kibali" not in text.split("Headline alerts", 1)[1]  # closed alerts are not headlines


def test_heatmap_and_index_pages(a4: Path) -> None:
    more = page_text(a4, 2)
    assert "Headline alerts (continued)" in more and "page 2 of 5" in more
    meeting = page_text(a4, 3)
    assert "The meeting" in meeting and "Since the last meeting" in meeting and "page 3 of 5" in meeting
    heat = page_text(a4, 4)
    assert "Risk heatmap" in heat and "North" in heat and "South" in heat and "Lomé" in heat
    assert "page 4 of 5" in heat
    index = page_text(a4, 5)
    assert "Composite index ranking" in index and "rank range" in index and "top-5 share" in index


def test_letter_paper(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    write(project, out, "--paper", "letter")
    assert "612 x 792" in info(out)["Page size"]


def test_page_one_renders_to_a_non_blank_image(a4: Path, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(a4), str(tmp_path / "p")], check=True)
    png = next(tmp_path.glob("p*.png"))
    img = QImage(str(png)).convertToFormat(QImage.Format_Grayscale8)
    assert img.width() > 400 and img.height() > 600
    buf = np.frombuffer(img.constBits(), np.uint8, img.sizeInBytes()).reshape(img.height(), img.bytesPerLine())
    pixels = buf[:, : img.width()].astype(float)
    assert pixels.std() > 20  # text, colour boxes and charts, not an empty page
    assert (pixels < 128).mean() > 0.03  # a real amount of ink


def test_unknown_paper_is_rejected(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from workbench.cli import main

    code = main(["report", "--project", str(project), "--out", str(tmp_path / "b.pdf"), "--paper", "a3"])
    err = capsys.readouterr().err
    assert code == 2 and "invalid choice: 'a3'" in err and err.count("\n") == 1 and err.startswith("error: ")
    assert not (tmp_path / "b.pdf").exists()

"""Any laptop (issue 17, item 5): at 1366x768, at 100 % and at 150 % scaling, every control
of every screen and of the import wizard is on screen or in something that scrolls to it,
the wizard fits the screen and the region tree keeps its names.

Scaling is fixed when Qt starts, so each case runs ``tests/layout_probe.py`` in a child
process on an offscreen screen of 1366x768 device pixels (at 150 % that leaves 911x512 to
lay out, the case where the wizard's buttons, the decision buttons and the tree's names
were lost before).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent
SCREEN = {"synchronousWindowSystemEvents": False, "windowFrameMargins": False,
          "screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96,
                       "logicalBaseDpi": 96, "dpr": 1}]}


def probe(tmp_path: Path, scale: str, language: str = "en") -> dict:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN))
    project = tmp_path / "sample.wbproj"
    if not project.exists():
        shutil.copy(ROOT / "sample_data" / "sample.wbproj", project)  # never the shipped file itself
    settings = tmp_path / f"config-{scale}-{language}"
    settings.mkdir()
    (settings / "gui.ini").write_text(f"[General]\nlanguage={language}\n[tour]\nseen=true\n")
    env = dict(os.environ, QT_SCALE_FACTOR=scale, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               WORKBENCH_CONFIG_DIR=str(settings))
    out = subprocess.run([sys.executable, str(ROOT / "tests" / "layout_probe.py"), str(project),
                          str(ROOT / "sample_data" / "partner_survey_wide.xlsx")],
                         env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("LAYOUT ")), None)
    assert line is not None, out.stdout + out.stderr
    return json.loads(line[7:])


@pytest.mark.parametrize("scale, logical", [("1", (1366, 768)), ("1.5", (911, 512))])
def test_every_control_is_reachable_at_1366x768(tmp_path, scale, logical):
    result = probe(tmp_path, scale)
    assert tuple(result["screen"]) == logical
    assert result["window_min"][0] <= logical[0] and result["window_min"][1] <= logical[1]
    assert {tab: bad for tab, bad in result["tabs"].items() if bad} == {}
    # The decision on the selected alert can be taken (it is on screen or scrolls into view).
    assert result["decision_buttons"] and result["detail_width"] >= 240
    # The region tree shows a district name of a dozen letters beside its badge and share.
    assert result["tree_district_letters"] >= 10
    # The import wizard fits the screen with its buttons, and its page scrolls.
    assert result["wizard_fits"] and result["wizard_buttons_inside"]
    assert result["wizard_unreachable"] == []
    assert result["tour_fits"]


def test_arabic_at_150_percent_is_laid_out_too(tmp_path):
    """Right to left and longer words: the same checks hold."""
    result = probe(tmp_path, "1.5", "ar")
    assert {tab: bad for tab, bad in result["tabs"].items() if bad} == {}
    assert result["wizard_fits"] and result["wizard_buttons_inside"]
    assert result["tree_district_letters"] >= 10

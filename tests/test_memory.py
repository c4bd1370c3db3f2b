"""numpy's huge-page advice is switched off only where the kernel would stall on it."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from workbench import memory

_core = getattr(np, "_core", None) or np.core
get_advice = _core.multiarray._get_madvise_hugepage
set_advice = _core.multiarray._set_madvise_hugepage


@pytest.fixture
def advice(monkeypatch):
    """numpy's advice switched on and the variable unset; both restored afterwards."""
    before = get_advice()
    monkeypatch.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
    set_advice(True)
    yield
    set_advice(before)


def defrag(tmp_path, text: str):
    path = tmp_path / "defrag"
    path.write_text(text)
    return path


@pytest.mark.parametrize(("text", "mode"), [
    ("always defer defer+madvise [madvise] never\n", "madvise"),
    ("[always] defer defer+madvise madvise never\n", "always"),
    ("always defer [defer+madvise] madvise never\n", "defer+madvise"),
    ("always [defer] defer+madvise madvise never\n", "defer"),
    ("garbage\n", None),
])
def test_defrag_mode_reads_the_selected_setting(tmp_path, text, mode):
    assert memory.defrag_mode(defrag(tmp_path, text)) == mode


def test_no_such_file_means_no_change(tmp_path, advice):
    assert memory.defrag_mode(tmp_path / "absent") is None
    assert memory.avoid_stalling_huge_pages(tmp_path / "absent") is False
    assert get_advice() is True
    assert "NUMPY_MADVISE_HUGEPAGE" not in os.environ


@pytest.mark.parametrize("mode", ["madvise", "always", "defer+madvise"])
def test_advice_is_switched_off_where_faults_would_compact(tmp_path, advice, mode):
    path = defrag(tmp_path, f"[{mode}]\n")
    assert memory.avoid_stalling_huge_pages(path) is True
    assert os.environ["NUMPY_MADVISE_HUGEPAGE"] == "0"
    assert get_advice() is False  # numpy was imported already: its switch was used


@pytest.mark.parametrize("mode", ["defer", "never"])
def test_advice_is_kept_where_it_costs_nothing(tmp_path, advice, mode):
    assert memory.avoid_stalling_huge_pages(defrag(tmp_path, f"always [{mode}]\n")) is False
    assert get_advice() is True


def test_a_users_own_setting_wins(tmp_path, advice, monkeypatch):
    monkeypatch.setenv("NUMPY_MADVISE_HUGEPAGE", "1")
    assert memory.avoid_stalling_huge_pages(defrag(tmp_path, "[madvise]\n")) is False
    assert get_advice() is True


@pytest.mark.skipif(memory.defrag_mode() not in memory.STALLING, reason="this kernel never stalls on the advice")
def test_importing_the_workbench_first_sets_it_before_numpy_reads_it():
    code = ("import workbench, numpy, sys; from numpy._core.multiarray import _get_madvise_hugepage as g; "
            "sys.exit(0 if g() is False else 3)")
    env = {k: v for k, v in os.environ.items() if k != "NUMPY_MADVISE_HUGEPAGE"}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0

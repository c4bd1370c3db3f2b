"""An alert's explanation in French and Arabic, from the parts the model run stores.

The run keeps writing the English sentence (``alert.explanation``) and also stores it as parts
(``details["explain"]``); :func:`alerts.explain_text.render` writes the parts in any language.
Its English must be the stored sentence exactly, for every alert the models raise (that is how
we know the parts hold everything the sentence says): on the sample project, with the shipped
rules and with rules that use every other method, and on a synthetic project of counts, levels,
groups and their derived gap/spread/polarization series, stored and read back.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from alerts.engine import evaluate, run_models
from alerts.explain_text import explanation_in, explanation_said, parts_of, render
from alerts.rules import Rule, default_rules
from workbench.i18n import LOCALE_DIR, language
from workbench.store import open_project

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import run_project  # noqa: E402

SAMPLE = ROOT / "sample_data" / "sample.wbproj"
#: Rules that use every method of the other rules (not the monitor), on observed and derived series.
EVERY_METHOD = [
    Rule("t_robust", ("robust_z", "percentile"), kinds=("observed", "gap", "spread", "polarization")),
    Rule("t_ears", ("ears_c1", "ears_c2", "ears_c3")),
    Rule("t_control", ("ewma", "cusum"), kinds=("observed", "gap")),
    Rule("t_trend", ("mann_kendall", "change_point"), kinds=("observed", "polarization")),
    Rule("t_fixed", ("fixed", "robust_z"), min_methods=2),
]


def _episodes(path: Path, rules: list[Rule]) -> list:
    with open_project(path) as p:
        found, _ = evaluate(p.observations(), p.indicators(), rules)
    return [f.episode for f in found]


def _assert_parts_say_it(explanations: list[tuple[str, object]]) -> None:
    bad = []
    for text, details in explanations:
        parts = parts_of(details)
        assert parts is not None, text
        parts = json.loads(json.dumps(parts))  # as stored
        if render(parts, "en") != text:
            bad.append((text, render(parts, "en")))
    assert bad == []


@pytest.fixture(scope="module")
def sample_episodes() -> list:
    eps = _episodes(SAMPLE, default_rules()) + _episodes(SAMPLE, EVERY_METHOD)
    assert len(eps) > 500
    return eps


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """A synthetic project (levels, counts, one indicator by group, escalations), its models run."""
    path = tmp_path_factory.mktemp("explain") / "synthetic.wbproj"
    run_project.build(path, 200, 96, seed=5)
    run_models(path)
    return path


def test_the_english_of_the_parts_is_the_explanation_on_the_sample(sample_episodes: list) -> None:
    _assert_parts_say_it([(ep.explanation, ep.details) for ep in sample_episodes])
    phrases = {ph[0] for ep in sample_episodes for ph in ep.details["explain"]["phrases"]}
    # every phrase of both writers occurs (a phrase the sample never writes is not proven)
    assert phrases >= {"head", "normally", "rare", "peak", "fixed", "excess", "monitor", "methods",
                       "usual_spread", "flagged"}
    kinds = {ep.kind for ep in sample_episodes}
    assert kinds >= {"observed", "gap", "spread", "polarization"}
    assert {ep.freq for ep in sample_episodes} >= {"M", "Q"}
    methods = {m[0] for ep in sample_episodes for ph in ep.details["explain"]["phrases"] if ph[0] == "methods"
               for m in ph[1]}
    assert methods >= {"mann_kendall", "cusum", "ewma", "method"}


def test_the_english_of_the_parts_is_the_explanation_on_a_synthetic_project(synthetic: Path) -> None:
    with sqlite3.connect(synthetic) as conn:
        rows = conn.execute("SELECT explanation, details, kind FROM alert").fetchall()
    assert len(rows) > 100
    assert {r[2] for r in rows} >= {"observed", "gap"}
    _assert_parts_say_it([(r[0], r[1]) for r in rows])
    counted = [r for r in rows if json.loads(r[1])["explain"]["count"]]
    assert counted and any(": " in r[0].split(";")[0] for r in counted)  # "Fatalities in X: 13 in …"
    _assert_parts_say_it([(ep.explanation, ep.details) for ep in _episodes(synthetic, EVERY_METHOD)])


def test_a_rerun_adds_parts_to_older_alerts_without_updating_them(synthetic: Path, tmp_path: Path) -> None:
    """An alert stored before runs kept parts gets them from the next run, silently."""
    path = tmp_path / "old.wbproj"
    shutil.copyfile(synthetic, path)
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT id, details, updated_run FROM alert WHERE status = 'new'").fetchall()
        for alert_id, details, _ in rows:
            d = json.loads(details)
            d.pop("explain")
            conn.execute("UPDATE alert SET details = ? WHERE id = ?", (json.dumps(d, sort_keys=True), alert_id))
    summary = run_models(path)
    assert summary.updated == summary.created == summary.withdrawn == 0
    with sqlite3.connect(path) as conn:
        after = dict(conn.execute("SELECT id, updated_run FROM alert WHERE status = 'new'").fetchall())
        details = dict(conn.execute("SELECT id, details FROM alert WHERE status = 'new'").fetchall())
    assert after == {i: u for i, _, u in rows}
    assert all("explain" in json.loads(d) for d in details.values())


# -- French and Arabic -------------------------------------------------------------------------

def _template_words(code: str) -> set[str]:
    """The English words of the explanation's templates (the catalogue's msgids) that its
    ``code`` translations do not use themselves ("EWMA", "points", French "normal")."""
    with (LOCALE_DIR / code / "LC_MESSAGES" / "workbench.po").open("rb") as f:
        catalogue = read_po(f, locale=code)
    source = (ROOT / "alerts" / "explain_text.py").read_text(encoding="utf-8")
    words, own = set(), set()
    for m in catalogue:
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        if not ids[0] or f'"{ids[0]}"' not in source:
            continue
        for text in ids:
            words |= set(re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[a-z_]+\}", " ", text)))
        for text in (m.string if isinstance(m.string, tuple) else (m.string,)):
            own |= set(re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[a-z_]+\}", " ", text)))
    return words - own


def _numbers(text: str) -> list[float]:
    """The numbers of a sentence whatever the language writes between digits (2,080 / 2 080 /
    2.5 / 2,5), with the years of its periods."""
    found = re.findall(r"\d+(?:[,.\u202f\u00a0 ]\d+)*", text)
    out = []
    for n in found:
        if re.fullmatch(r"\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+", n):
            out.append(float(re.sub(r"\D", "", n)))  # grouped thousands
        elif re.fullmatch(r"\d+[,.]\d+", n):
            out.append(float(n.replace(",", ".")))
        else:
            out.extend(float(x) for x in re.split(r"[,.\u202f\u00a0 ]", n))
    return sorted(out)


def _all_rendered(episodes: list) -> list[tuple[str, str, str, str]]:
    out = []
    for ep in episodes:
        parts = ep.details["explain"]
        out.append((ep.explanation, render(parts, "fr"), render(parts, "ar"), ep.freq))
    return out


def test_french_and_arabic_keep_no_english_template_word(sample_episodes: list, synthetic: Path) -> None:
    words = {"fr": _template_words("fr"), "ar": _template_words("ar")}
    assert {"normally", "rarer", "flagged", "highest", "Monitor", "Methods", "widened"} <= words["fr"]
    assert words["fr"] < words["ar"]  # French writes "EWMA", "normal", "points" ...; Arabic only "EWMA", "CUSUM"
    # names from the data (districts, indicators, groups, units) are English in these projects
    data_words = set()
    for ep in sample_episodes + _episodes(synthetic, default_rules()):
        for ph in ep.details["explain"]["phrases"]:
            if ph[0] == "head":
                data_words |= set(re.findall(r"[A-Za-z]{3,}", " ".join(str(x) for x in ph[2] + [ph[3]])))
        data_words |= set(re.findall(r"[A-Za-z]{3,}", ep.details["explain"]["unit"] or ""))
    leaks = []
    for _en, fr, ar, _freq in _all_rendered(sample_episodes + _episodes(synthetic, default_rules())):
        for code, text in (("fr", fr), ("ar", ar)):
            left = set(re.findall(r"[A-Za-z]{3,}", text)) & words[code] - data_words
            if left:
                leaks.append((code, sorted(left), text))
    assert leaks == []


def test_numbers_are_the_same_in_every_language(sample_episodes: list) -> None:
    for en, fr, ar, freq in _all_rendered(sample_episodes):
        if freq == "Q":  # "2024-Q3" / "T3 2024" / "الربع 3 2024": the same numbers, the quarter's as a word
            en = re.sub(r"(\d{4})-Q(\d)", r"\2 \1", en)
        assert _numbers(fr) == _numbers(en), (en, fr)
        assert _numbers(ar) == _numbers(en), (en, ar)


def test_french_and_arabic_read_as_their_language() -> None:
    parts = {"v": 1, "freq": "M", "unit": None, "count": True, "phrases": [
        ["head", "count", ["observed", "Fatalities", ""], "Khartoum", 2080.0, "2025-12-01"],
        ["normally", 5.2, None], ["rare", ["record", True, 192]],
        ["monitor", [["ewma", 7.14, 60]]],
        ["flagged", 3, "2025-10-01", "2025-12-01"]]}
    en = render(parts, "en")
    assert en == ("Fatalities in Khartoum: 2,080 in Dec 2025; normally about 5 a month; the highest in 16 years. "
                  "Monitor: recent months averaged up to 7.1 spreads above the 5-year baseline (EWMA); "
                  "flagged in 3 months (Oct 2025 to Dec 2025)")
    fr = render(parts, "fr")
    assert fr == ("Fatalities à Khartoum : 2\u202f080 en déc. 2025; habituellement environ 5 par mois; le plus haut "
                  "niveau en 16 ans. Surveillance : moyenne des derniers mois jusqu'à 7,1 écarts au-dessus de la "
                  "référence sur 5 ans (EWMA); signalé sur 3 mois (oct. 2025 – déc. 2025)")
    ar = render(parts, "ar")
    assert ar.startswith("Fatalities في Khartoum: 2,080 في ديسمبر 2025؛ عادةً نحو 5 في الشهر؛ الأعلى خلال 16 سنةً.")
    assert "؛" in ar and ";" not in ar  # the Arabic semicolon
    assert "رُصد في 3 أشهر (أكتوبر 2025 – ديسمبر 2025)" in ar  # plural form for 3-10, Latin digits
    assert language("ar").rtl


def test_an_alert_without_parts_keeps_its_english_text() -> None:
    text = "Fatalities in Khartoum rose to 13 in Feb 2024. Methods: fixed threshold; flagged in 1 month (Feb 2024)"
    assert explanation_in(text, '{"flagged_periods": 1}', "fr") == text
    assert explanation_in(text, None, "ar") == text
    assert explanation_said(text, "not json", "ar") == (text, "en")
    # parts this version does not write (another office's newer version, or damage): the record stands
    future = json.dumps({"explain": {"v": 2, "freq": "M", "phrases": [["head"]]}})
    assert explanation_said(text, future, "fr") == (text, "en")
    broken = json.dumps({"explain": {"v": 1, "freq": "M", "phrases": [["head", "rose", ["observed"]]]}})
    assert explanation_said(text, broken, "fr") == (text, "en")
    huge = json.dumps({"explain": {"v": 1, "freq": "M", "phrases": [["rare", ["rarity", 1e300]]]}})
    assert explanation_said(text, huge, "ar") == (text, "en")
    unknown = json.dumps({"explain": {"v": 1, "freq": "M", "phrases": [["gossip", 1]]}})
    assert explanation_in(text, unknown, "fr") == text
    # English is always the stored text, parts or not
    assert explanation_in(text, future, "en") == text


def test_a_series_worse_when_it_falls_is_said_below_its_baseline_with_a_low_point(tmp_path: Path) -> None:
    """Trust, participation: worse when they fall. The sentence said "the peak, 42.5 %, was the
    lowest in 8 years" and "spreads above the baseline" for a fall; a falling series has a low
    point and sits below its baseline, in every language, and a rising one reads as before."""
    sys.path.insert(0, str(Path(__file__).parent))
    from alerts_factory import noise_series, with_step, write_series

    trust = with_step(noise_series(72, 4, 60, 1.5), 64, -12.0, length=6)  # fell, then recovered
    trust[-2:] = 59.5
    path = write_series(tmp_path / "fall.wbproj", {("Kibali", "trust"): trust,
                                                   ("Kibali", "discrimination"): with_step(noise_series(72, 5), 66, 9.0)},
                        directions={"trust": "higher_is_better"})
    run_models(path)
    with open_project(path, readonly=True) as p:
        rows = p.conn.execute("SELECT explanation, details, indicator FROM alert WHERE kind = 'observed'").fetchall()
    fell = [(text, json.loads(d)) for text, d, key in rows if key == "trust"]
    rose = [text for text, _d, key in rows if key == "discrimination"]
    assert fell and rose
    for text, details in fell:
        assert "spreads above" not in text and "the peak" not in text and "further rise" not in text, text
        assert "spreads below" in text or "alone was" in text, text
        assert render(details["explain"], "en") == text
        fr = render(details["explain"], "fr")
        assert "au-dessus" not in fr and " pic" not in fr, fr
    assert any("the low point" in text for text, _d in fell), [t for t, _ in fell]
    assert all("spreads below" not in t and "low point" not in t for t in rose)

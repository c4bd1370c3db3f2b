"""Rules are checked against one schema on import, in the project and in the app.

Before, ``persistence = 1.5`` and ``severity_bands = [1.0]`` were stored and then broke every
model run, ``name = 5`` was stored with an internal error, 20,000 rules imported (and ``run``
ran out of memory) and ``score_scale = 1e-320`` raised 18,681 alerts.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from alerts_factory import noise_series, with_step, write_series

from alerts.rule_schema import MAX_RULES, fields_table, validate_rule
from alerts.rules import Rule, load_rules_toml, stored_rules
from workbench.errors import WorkbenchError
from workbench.store import open_project

GOOD = 'name = "r"\nmethods = ["robust_z"]\n'

#: (rule body, words the one error line must contain)
BAD_RULES = [
    ("persistence = 1.5", "persistence must be a whole number from 1 to 24, not 1.5"),
    ("persistence = 0", "persistence must be a whole number"),
    ("persistence = true", "persistence must be a whole number"),
    ("persistence = 100000", "persistence must be a whole number from 1 to 24"),
    ("hysteresis = -1", "hysteresis must be a whole number from 0"),
    ("max_gap = 'two'", "max_gap must be a whole number"),
    ("severity_bands = [1.0]", "severity_bands must be a list of exactly 2 numbers"),
    ("severity_bands = [6.0, 4.0]", "severity_bands must be a list of increasing numbers"),
    ("severity_bands = [4.0, nan]", "severity_bands must be a list of numbers"),
    ("severity_bands = [4.0, inf]", "severity_bands must be a list of numbers"),
    ("severity_bands = 'high'", "severity_bands must be a list"),
    ("score_scale = 1e-320", "score_scale must be a number from 0.25 to 20"),
    ("score_scale = 0", "score_scale must be a number"),
    ("score_scale = nan", "score_scale must be a number"),
    ("score_scale = '1.1'", "score_scale must be a number"),
    ("min_methods = 3", "min_methods must be from 1 to 1"),
    ("min_severity = 'extreme'", "min_severity must be one of: low, medium, high"),
    ("kinds = ['observed', 'nonsense']", "kinds must be a list of: observed"),
    ("freqs = ['M', 'M']", "freqs must be a list without repeated items"),
    ("enabled = 1", "enabled must be true or false"),
    ("long_episode = 1e9", "long_episode must be a whole number"),
    ("description = 5", "description must be text"),
    ("indicators = [1, 2]", "indicators must be a list of text items"),
    ("colour = 'red'", "unknown field(s) colour"),
]


@pytest.mark.parametrize(("body", "words"), BAD_RULES)
def test_bad_values_are_refused_with_one_clear_line(body: str, words: str) -> None:
    with pytest.raises(WorkbenchError) as info:
        load_rules_toml(f"[[rule]]\n{GOOD}{body}\n")
    assert words in str(info.value) and "\n" not in str(info.value)
    assert str(info.value).startswith("rule 'r': ")


@pytest.mark.parametrize(("text", "words"), [
    ('[[rule]]\nname = 5\nmethods = ["robust_z"]\n', "rule #1: name must be text"),
    ('[[rule]]\nname = ""\nmethods = ["robust_z"]\n', "name must not be empty"),
    ('[[rule]]\nname = "a\\u001b[2Jb"\nmethods = ["robust_z"]\n', "name must be text without control"),
    ('[[rule]]\nname = "x"\n', "methods is missing"),
    ('[[rule]]\nname = "x"\nmethods = []\n', "methods must be a list of at least 1"),
    ('[[rule]]\nname = "x"\nmethods = ["robust_z", "robust_z"]\n', "without repeated items"),
    ('[[rule]]\nname = "x"\nmethods = ["crystal_ball"]\n', "methods must be a list of: fixed"),
    ('rule = 5\n', "the rule file's rules must be [[rule]] tables"),
    ('[rules]\nname = "x"\n', "unknown top-level key(s) 'rules'"),
    ('rule = [1, 2]\n', "rule #1 is not a table"),
    ("a = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
])
def test_bad_rule_files_are_refused(text: str, words: str) -> None:
    with pytest.raises(WorkbenchError, match=None) as info:
        load_rules_toml(text)
    assert words in str(info.value), str(info.value)


def test_too_many_rules_are_refused() -> None:
    text = "".join(f'[[rule]]\nname = "r{i}"\nmethods = ["robust_z"]\n' for i in range(20_000))
    with pytest.raises(WorkbenchError, match=f"20,000 rules, more than the {MAX_RULES}"):
        load_rules_toml(text)


def test_the_shipped_rules_and_a_full_rule_pass() -> None:
    from alerts.rules import default_rules

    assert len(default_rules()) >= 3
    r = load_rules_toml(f"[[rule]]\n{GOOD}persistence = 2\nscore_scale = 1\nseverity_bands = [3, 5.5]\n"
                        "regions = ['Kibali']\nenabled = false\n")[0]
    assert r.score_scale == 1.0 and isinstance(r.score_scale, float) and r.severity_bands == (3.0, 5.5)


def test_a_new_rule_field_is_type_checked_without_a_table_entry() -> None:
    """What the lead adds to Rule tomorrow is checked by its default's type today."""
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Tomorrow(Rule):
        cooldown: int = 0
        label: str = ""

    assert "cooldown" not in fields_table()
    assert validate_rule({"name": "r", "methods": ["robust_z"], "cooldown": 3}, Tomorrow)["cooldown"] == 3
    with pytest.raises(WorkbenchError, match="cooldown must be a whole number"):
        validate_rule({"name": "r", "methods": ["robust_z"], "cooldown": 1.5}, Tomorrow)
    with pytest.raises(WorkbenchError, match="label must be text"):
        validate_rule({"name": "r", "methods": ["robust_z"], "label": 5}, Tomorrow)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.wbproj"
    write_series(path, {("Kibali", "trust"): with_step(noise_series(48, 1), 36, 8)})
    return path


@pytest.mark.parametrize(("body", "words"), BAD_RULES[:6] + [("score_scale = 1e-320", "score_scale")])
def test_rules_import_refuses_and_leaves_the_project_unchanged(project: Path, tmp_path: Path, run_cli,
                                                                body: str, words: str) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(f"[[rule]]\n{GOOD}{body}\n", encoding="utf-8")
    before = project.read_bytes()
    code, out, err = run_cli("rules", "--project", project, "--import", f)
    assert code == 1 and err.startswith("error: rule 'r': ") and err.count("\n") == 1 and words in err
    assert project.read_bytes() == before


def test_rules_import_of_a_pipe_or_a_huge_file_is_refused(project: Path, tmp_path: Path, run_cli) -> None:
    fifo = tmp_path / "rules.toml"
    os.mkfifo(fifo)
    code, _, err = run_cli("rules", "--project", project, "--import", fifo)
    assert code == 2 and "is a named pipe, not a file" in err and err.count("\n") == 1
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * 2_000_000)
    code, _, err = run_cli("rules", "--project", project, "--import", big)
    assert code == 2 and "more than the 1,000,000" in err


def test_a_rule_stored_by_an_older_version_is_one_clear_error_and_can_be_replaced(
        project: Path, tmp_path: Path, run_cli) -> None:
    """``persistence = 1.5`` stored before this check: every run says which rule and what to do."""
    bad = {"name": "old", "methods": ["robust_z"], "persistence": 1.5}
    with open_project(project) as p, p.transaction() as c:
        c.execute("INSERT INTO rule(name, definition, enabled, updated_at) VALUES ('old', ?, 1, 'x')",
                  (json.dumps(bad),))
    code, _, err = run_cli("run", "--project", project)
    assert code == 1 and "rule 'old': persistence must be a whole number" in err and err.count("\n") == 1
    fixed = tmp_path / "fixed.toml"
    fixed.write_text('[[rule]]\nname = "old"\nmethods = ["robust_z"]\npersistence = 2\n', encoding="utf-8")
    assert run_cli("rules", "--project", project, "--import", fixed)[0] == 0
    with open_project(project, readonly=True) as p:
        assert next(r for r in stored_rules(p.conn) if r.name == "old").persistence == 2

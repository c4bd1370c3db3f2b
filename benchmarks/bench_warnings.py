"""Warning quality: the workbench's alerts next to the simple methods a team would use instead.

    python benchmarks/bench_warnings.py                      # held-out data only (what is reported)
    python benchmarks/bench_warnings.py --split tuning       # the data the parameters were chosen on
    python benchmarks/bench_warnings.py --part synthetic|conflict|nile|sample

Data (see benchmarks/warning_quality/):

* synthetic - the protocol of issue 13 (300 monthly series over 10 years, level + season +
  AR(1) noise, 50 steps and 50 ramps injected from year 6), seeds 1-3 tuning, 101-105 held out;
* conflict - real admin1 x month political-violence events and fatalities from public ACLED
  and UCDP exports for seven countries, with a truth table of documented onsets and quiet
  ranges written before any alert was looked at; split by country (tuning: COD, BFA, NER,
  MOZ; held out: NGA, ETH, MLI);
* nile - the Nile at Aswan, 1871-1970 (statsmodels' copy of Cobb 1978), level shift in 1898;
* sample - the bundled sample country (seed 7 tuning; seeds 11 and 3 held out): active
  situations at the end of the data and how many are injected escalations still under way.

Every method runs on the same data in the same process; the workbench is the full run
(`alerts.engine.evaluate`, the project's shipped rules). Prints markdown tables.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.warning_quality import conflict, runner, score, synthetic  # noqa: E402
from benchmarks.warning_quality.oracle import oracle_alerts  # noqa: E402


PREVIOUS = Path(__file__).resolve().parent / "warning_quality" / "previous_rules.toml"


def _alerts_all(obs: pd.DataFrame, codebook: pd.DataFrame) -> dict[str, pd.DataFrame]:
    from alerts.rules import load_rules_toml

    t0 = time.perf_counter()
    wb = runner.workbench_alerts(obs, codebook)
    wb_s = time.perf_counter() - t0
    watched = wb[wb["rule"] != "fixed_threshold"]  # no codebook thresholds in these data sets
    before = runner.workbench_alerts(obs, codebook, load_rules_toml(PREVIOUS.read_text(encoding="utf-8")))
    out = {"workbench": watched, "workbench before (rules of 2026-11-25)": before[before["rule"] != "fixed_threshold"]}
    out.update(runner.reference_alerts(obs, codebook))
    out["_seconds"] = wb_s  # type: ignore[assignment]
    return out


def part_synthetic(split: str) -> str:
    seeds = synthetic.HELD_OUT_SEEDS if split == "held_out" else synthetic.TUNING_SEEDS
    totals: dict[str, score.Scores] = {}
    severities = []
    by_kind: dict[str, list[int]] = {}
    for seed in seeds:
        d = synthetic.generate(seed)
        res = _alerts_all(d.observations, d.codebook)
        res.pop("_seconds")
        severities.append(res["workbench"]["severity"])
        for limit in (2.8, 3.2):  # the bound: the same alert logic fed with the true level and sd
            res[f"oracle EWMA, limit {limit} (knows the truth)"] = oracle_alerts(d, limit)
        for name, al in res.items():
            s = score.score_synthetic(name, al, d)
            totals[name] = totals[name].merged(s) if name in totals else s
        wb = res["workbench"]
        for kind in ("step", "ramp"):
            tr = d.truth[d.truth["kind"] == kind]
            one = score.score_synthetic(kind, wb, synthetic.SyntheticSet(d.observations, d.codebook, tr, d.periods,
                                                                            d.n_months))
            got = by_kind.setdefault(kind, [0, 0])
            got[0] += one.detected
            got[1] += one.truth
    sev = pd.concat(severities).value_counts(normalize=True)
    lines = [f"### Synthetic protocol, {split} seeds {', '.join(map(str, seeds))}", "",
             score.table(list(totals.values())), "",
             "Workbench detection by kind: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in by_kind.items())
             + "; severity of its alerts: " + ", ".join(f"{k} {100 * v:.0f} %" for k, v in sev.items())]
    return "\n".join(lines)


def part_conflict(split: str) -> str:
    cs = conflict.load(split)
    res = _alerts_all(cs.observations, cs.codebook)
    seconds = res.pop("_seconds")
    scores = [score.score_real(name, al, cs.truth, cs.last_period) for name, al in res.items()]
    sev = res["workbench"]["severity"].value_counts(normalize=True)
    countries = ", ".join(sorted(cs.truth["country"].unique()))
    n_regions = cs.observations["region"].nunique()
    return "\n".join([
        f"### Real conflict counts, {split} ({countries}: {n_regions} admin1 regions x events, fatalities)", "",
        score.table(scores, real=True), "",
        "Workbench severity: " + ", ".join(f"{k} {100 * v:.0f} %" for k, v in sev.items())
        + f"; workbench run {seconds:.1f} s",
    ])


def part_nile() -> str:
    import statsmodels.api as sm

    nile = sm.datasets.nile.load_pandas().data
    obs = pd.DataFrame({"region": "Aswan", "indicator": "nile_flow", "group": "",
                        "period": pd.to_datetime(nile["year"].astype(int).astype(str) + "-01-01"),
                        "value": nile["volume"].astype(float), "freq": "Y"})
    codebook = pd.DataFrame({"id": [1], "key": ["nile_flow"], "name": ["Nile flow at Aswan"], "domain": "",
                             "unit": "10^8 m3", "direction": "higher_is_better", "threshold": np.nan,
                             "description": ""})
    res = _alerts_all(obs, codebook)
    res.pop("_seconds")
    rows = []
    for name, al in res.items():
        years = sorted(al["opened"].dt.year.tolist())
        after = [y for y in years if y >= 1898]
        rows.append(f"| {name} | {', '.join(map(str, years)) or '-'} | "
                    f"{(after[0] - 1898) if after else 'never'} |")
    return "\n".join(["### Nile at Aswan, 1871-1970 (documented drop in 1898)", "",
                      "| method | alerts opened (years) | years from 1898 to the first alert after it |",
                      "|---|---|---|", *rows])


def part_sample(split: str) -> str:
    seeds = (11, 3) if split == "held_out" else (7,)
    exe = Path(sys.executable).with_name("workbench")
    rows = []
    for seed in seeds:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["bash", "scripts/build_sample_project.sh", tmp, "--seed", str(seed)], check=True,
                           capture_output=True, cwd=Path(__file__).resolve().parents[1],
                           env={**__import__("os").environ, "WORKBENCH": str(exe)})
            proj = str(Path(tmp) / "sample.wbproj")
            out = subprocess.run([str(exe), "alerts", "--project", proj, "--active", "--format", "json"],
                                 check=True, capture_output=True, text=True).stdout
            active = pd.read_json(__import__("io").StringIO(out)) if out.strip() != "[]" else pd.DataFrame(
                columns=["situation_id", "region", "severity"])
            truth = pd.read_csv(Path(tmp) / "ground_truth.csv")
            current = truth[pd.to_datetime(truth["end"]) >= pd.Timestamp("2025-12-01")]
            sit = active.groupby("situation_id").agg(region=("region", "first"), severity=("severity", "first"))
            injected = sit["region"].isin(set(current["region"]))
            caught = set(current["region"]) & set(sit["region"])
            rows.append(f"| {seed} | {len(sit)} | {int(injected.sum())} ({100 * injected.mean() if len(sit) else 0:.0f} %) "
                        f"| {len(caught)}/{current['region'].nunique()} | {len(active)} |")
    return "\n".join([f"### Sample country, {split} seed(s) {', '.join(map(str, seeds))}", "",
                      "| seed | active situations | of which injected | escalations under way caught | active alerts |",
                      "|---|---|---|---|---|", *rows])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=["held_out", "tuning"], default="held_out")
    ap.add_argument("--part", choices=["synthetic", "conflict", "nile", "sample", "all"], default="all")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    parts = {"synthetic": lambda: part_synthetic(args.split), "conflict": lambda: part_conflict(args.split),
             "nile": part_nile, "sample": lambda: part_sample(args.split)}
    for name, fn in parts.items():
        if args.part in (name, "all"):
            t0 = time.perf_counter()
            print(fn())
            print(f"\n({name}: {time.perf_counter() - t0:.0f} s)\n", flush=True)


if __name__ == "__main__":
    main()

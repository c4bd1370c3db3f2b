"""Injected escalation episodes: where they go, their shape, and how big they really are.

An episode deteriorates one series (or the gap between two groups) in its worse
direction: it starts at ``onset``, ramps linearly to full size at ``peak`` (``peak ==
onset`` for a level shift), holds until ``end`` and fades over the two months after.
``magnitude_sd`` is measured, not just intended: :func:`realised_shift` compares the mean
over ``peak..end`` with the mean of the 24 months before ``onset``, and the simulator tops
an episode up until that difference reaches the stated number of noise SDs. The test
suite recomputes the same figure from the written files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from workbench.sample.codebook import BY_KEY, PAIRS

#: Months of history before the earliest allowed onset (models need a baseline).
MIN_ONSET = 36
BASELINE_MONTHS = 24
RECOVERY_MONTHS = 2
MAGNITUDES = (2.0, 2.0, 2.5, 3.0, 3.0, 3.5, 4.0)

#: Multi-indicator situations: indicators hit together in one district.
SITUATIONS: dict[str, tuple[str, ...]] = {
    "inter-group tension": ("perceived_discrimination", "trust_in_other_groups", "intercommunal_incidents"),
    "land conflict": ("land_disputes", "intercommunal_incidents", "idp_arrivals"),
    "youth unrest": ("youth_unemployment", "protests", "intergenerational_tension"),
}
SITUATION_PLAN = ("inter-group tension", "land conflict", "inter-group tension", "youth unrest", "land conflict")
GAP_PLAN = (
    ("trust_in_other_groups", "host-displaced"),
    ("perceived_discrimination", "host-displaced"),
    ("trust_in_other_groups", "host-displaced"),
    ("perceived_discrimination", "host-displaced"),
    ("civic_participation", "youth-elders"),
)
#: Escalations still under way when the sample ends, as in a real week: each its own district,
#: started 3-6 months before the last month and not over yet (the data stop mid-episode).
CURRENT_INDICATORS = (
    "intercommunal_incidents", "perceived_discrimination", "protests", "youth_unemployment",
    "hate_speech_reports",
)
CURRENT_ONSET_MONTHS = (3, 6)
SINGLE_INDICATORS = (
    "intercommunal_incidents", "protests", "hate_speech_reports", "perceived_discrimination",
    "youth_unemployment", "access_to_justice", "idp_arrivals", "land_disputes",
    "confidence_in_local_institutions", "intergenerational_tension", "trust_in_other_groups",
    "civic_participation", "hate_speech_reports", "intercommunal_incidents",
)


@dataclass
class Episode:
    """One injected deterioration; ``group`` is '' (whole population) or a pair such as
    ``host-displaced`` for a gap widening."""

    episode_id: str
    district: int
    indicator: str
    group: str
    kind: str  # level_shift | ramp | gap_widening
    onset: int
    peak: int
    end: int
    magnitude_sd: float
    situation: str = ""
    note: str = ""
    parent: str = ""
    noise_sd: float = float("nan")
    extra: float = 0.0  # top-up (in indicator units) added by the simulator
    children: list[Episode] = field(default_factory=list)

    @property
    def months(self) -> range:
        return range(self.onset, self.end + RECOVERY_MONTHS + 1)

    def shape(self, n_months: int) -> np.ndarray:
        """0..1 profile over the calendar: ramp, plateau, linear recovery."""
        t = np.arange(n_months, dtype=float)
        ramp = (t - self.onset + 1) / (self.peak - self.onset + 1)
        fade = 1.0 - (t - self.end) / (RECOVERY_MONTHS + 1)
        prof = np.where(t < self.peak, ramp, np.where(t <= self.end, 1.0, fade))
        return np.clip(prof, 0.0, 1.0) * (t >= self.onset)


def _timing(rng: np.random.Generator, freq: str, kind: str, n_months: int, onset: int | None = None) -> tuple[int, int, int]:
    """Onset, peak and end: 4-12 months from onset to end, quarter-aligned for surveys."""
    if freq == "Q":
        ramp = 1 if kind == "level_shift" else 4
        plateau_points = int(rng.integers(2, 5 if kind == "level_shift" else 4))
        span = ramp - 1 + 3 * (plateau_points - 1)
    else:
        ramp = 1 if kind == "level_shift" else int(rng.integers(2, 5))
        span = int(rng.integers(max(4, ramp + 3), 13)) - 1
    if onset is None:
        latest = n_months - span - RECOVERY_MONTHS - 1
        onset = int(rng.integers(MIN_ONSET, latest + 1))
        if freq == "Q":
            onset -= onset % 3
    return onset, onset + ramp - 1, onset + span


def plan_episodes(rng: np.random.Generator, n_districts: int, n_months: int, blocked: dict[int, set[int]]) -> list[Episode]:
    """Place the primary episodes: five situations, five gap widenings and single ones.

    At most one episode per (district, indicator); none in a district's missing year
    (``blocked`` maps district -> blocked months); none before month 36. The number of
    single-series episodes scales with the district count (14 for the full sample).
    """
    taken: set[tuple[int, str]] = set()
    episodes: list[Episode] = []
    order = rng.permutation(n_districts)
    cursor = 0

    def next_district(indicators: tuple[str, ...], months: range) -> int:
        nonlocal cursor
        for _ in range(4 * n_districts):
            d = int(order[cursor % n_districts])
            cursor += 1
            if all((d, k) not in taken for k in indicators) and not (blocked.get(d, set()) & set(
                range(months.start - BASELINE_MONTHS, months.stop)
            )):
                return d
        raise ValueError("not enough districts to place the sample's episodes")

    def add(d: int, key: str, group: str, kind: str, timing: tuple[int, int, int], situation: str = "", note: str = "") -> None:
        onset, peak, end = timing
        taken.add((d, key))
        episodes.append(Episode(
            f"E{len(episodes) + 1:02d}", d, key, group, kind, onset, peak, end,
            float(rng.choice(MAGNITUDES)), situation, note,
        ))

    scale = n_districts / 60
    n_sit = max(1, round(len(SITUATION_PLAN) * scale))
    for s_index, name in enumerate(SITUATION_PLAN[:n_sit]):
        keys = SITUATIONS[name]
        kind = "ramp" if s_index % 2 == 0 else "level_shift"
        # Leave room for the longest member (12 months) and its recovery; surveys are
        # quarterly, so the shared onset is a quarter start.
        onset = int(rng.integers(MIN_ONSET, n_months - 12 - RECOVERY_MONTHS))
        onset -= onset % 3
        timings = [_timing(rng, BY_KEY[k].freq, kind, n_months, onset) for k in keys]
        d = next_district(keys, range(onset, max(t[2] for t in timings) + RECOVERY_MONTHS + 1))
        sid = f"S{s_index + 1:02d}"
        for key, timing in zip(keys, timings):
            add(d, key, "", kind, timing, sid, f"situation {sid} ({name})")
    for key, pair in GAP_PLAN[: max(1, round(len(GAP_PLAN) * scale))]:
        timing = _timing(rng, BY_KEY[key].freq, "ramp", n_months)
        d = next_district((key,), range(timing[0], timing[2] + RECOVERY_MONTHS + 1))
        worse, other = PAIRS[pair]
        add(d, key, pair, "gap_widening", timing,
            note=f"{worse} drift away from {other}; whole-population value unchanged")
    for i, key in enumerate(SINGLE_INDICATORS[: max(2, round(len(SINGLE_INDICATORS) * scale))]):
        kind = "level_shift" if i % 2 else "ramp"
        timing = _timing(rng, BY_KEY[key].freq, kind, n_months)
        d = next_district((key,), range(timing[0], timing[2] + RECOVERY_MONTHS + 1))
        add(d, key, "", kind, timing, note="isolated deterioration")
    used = {e.district for e in episodes if e.end >= n_months - 12}
    for i, key in enumerate(CURRENT_INDICATORS[: max(1, round(len(CURRENT_INDICATORS) * scale))]):
        kind = "level_shift" if i % 2 else "ramp"
        onset = n_months - int(rng.integers(CURRENT_ONSET_MONTHS[0], CURRENT_ONSET_MONTHS[1] + 1))
        peak = onset if kind == "level_shift" else onset + 1
        end = n_months + 6  # still under way when the data stop
        months = range(onset, n_months)
        for _ in range(4 * n_districts):
            d = next_district((key,), months)
            if d not in used:
                break
        used.add(d)
        add(d, key, "", kind, (onset, peak, end), note="still under way at the end of the data")
    return episodes


def realised_shift(worse: np.ndarray, onset: int, peak: int, end: int) -> float:
    """Mean over ``peak..end`` minus mean of the 24 months before onset, worse-oriented.

    ``worse`` is the series times its direction sign (NaN where not observed); NaN if
    either window has fewer than two observations.
    """
    base = worse[max(0, onset - BASELINE_MONTHS):onset]
    window = worse[peak:end + 1]
    if np.count_nonzero(~np.isnan(base)) < 2 or np.count_nonzero(~np.isnan(window)) < 2:
        return float("nan")
    return float(np.nanmean(window) - np.nanmean(base))

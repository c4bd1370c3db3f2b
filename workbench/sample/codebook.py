"""The sample's twelve indicators and how each one behaves.

The themes follow the UN DESA aide-memoire on measuring social integration (trust and
social capital, inclusion and discrimination, participation, inter-group and urban
violence, marginalised groups, intergenerational tension, displacement). Besides the
codebook fields a spec carries the simulation parameters, so that one table says both
what an indicator means and how its invented history was drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: The pair of groups whose gap is watched; the first is the group that is worse off.
PAIRS: dict[str, tuple[str, str]] = {
    "host-displaced": ("displaced", "host"),
    "youth-elders": ("youth", "elders"),
}


@dataclass(frozen=True)
class IndicatorSpec:
    """Codebook entry plus simulation parameters.

    ``model`` is ``gauss`` (survey shares and indices: baseline + trend + season + Gaussian
    noise of ``noise`` points, clipped to the valid range) or ``count`` (negative binomial
    with mean ``baseline`` x seasonal factor and dispersion ``dispersion``). ``season`` is
    the dry-season amplitude (points for ``gauss``, log-rate for ``count``) and
    ``election`` the extra pressure in the three months before a national election.
    ``pair`` names the groups the indicator is split by (see :data:`PAIRS`); ``gap``
    is how far the worse-off group sits from the other, in the worse direction.
    ``source`` says which sample file carries it.
    """

    key: str
    name: str
    domain: str
    unit: str
    direction: str
    freq: str
    model: str
    baseline: tuple[float, float]
    noise: float = 0.0
    dispersion: float = 6.0
    season: float = 0.0
    election: float = 0.0
    trend_sd: float = 0.0  # per year, points (gauss) - drawn per district
    threshold: float | None = None
    pair: str | None = None
    gap: tuple[float, float] = (0.0, 0.0)
    upper: float = 100.0
    source: str = "long"
    decimals: int = 1

    @property
    def sign(self) -> int:
        """+1 where a higher value is worse, -1 where it is better."""
        return 1 if self.direction == "higher_is_worse" else -1

    @property
    def groups(self) -> tuple[str, ...]:
        """'' (whole population) first, then the split groups, worse-off group first."""
        return ("",) + (PAIRS[self.pair] if self.pair else ())


INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        "trust_in_other_groups", "Trust in people from other groups", "trust & social capital", "%",
        "higher_is_better", "Q", "gauss", (45, 70), noise=2.5, election=-1.0, trend_sd=0.4,
        pair="host-displaced", gap=(6, 16),
    ),
    IndicatorSpec(
        "confidence_in_local_institutions", "Confidence in local institutions", "trust & social capital",
        "%", "higher_is_better", "Q", "gauss", (30, 65), noise=2.5, trend_sd=0.5, source="survey",
    ),
    IndicatorSpec(
        "perceived_discrimination", "Perceived discrimination", "inclusion/discrimination", "%",
        "higher_is_worse", "M", "gauss", (10, 25), noise=2.0, election=1.0, trend_sd=0.3,
        threshold=45.0, pair="host-displaced", gap=(8, 20),
    ),
    IndicatorSpec(
        "access_to_justice", "Access to justice", "inclusion/discrimination", "%", "higher_is_better",
        "M", "gauss", (35, 70), noise=2.0, trend_sd=0.4,
    ),
    IndicatorSpec(
        "civic_participation", "Civic participation", "participation", "%", "higher_is_better", "Q",
        "gauss", (30, 55), noise=2.5, trend_sd=0.4, pair="youth-elders", gap=(8, 18),
    ),
    IndicatorSpec(
        "protests", "Protests and demonstrations", "participation", "count", "higher_is_worse", "M",
        "count", (0.6, 3.0), dispersion=5.0, season=0.25, election=0.3, decimals=0,
    ),
    IndicatorSpec(
        "intercommunal_incidents", "Inter-communal violent incidents", "inter-group & urban violence",
        "count", "higher_is_worse", "M", "count", (0.8, 3.5), dispersion=6.0, season=0.35,
        election=0.2, threshold=8.0, decimals=0,
    ),
    IndicatorSpec(
        "hate_speech_reports", "Hate speech reports", "inter-group & urban violence", "count",
        "higher_is_worse", "M", "count", (2.0, 10.0), dispersion=8.0, season=0.1, election=0.25,
        decimals=0,
    ),
    IndicatorSpec(
        "youth_unemployment", "Youth unemployment", "marginalized groups", "%", "higher_is_worse", "M",
        "gauss", (15, 40), noise=1.2, season=1.0, trend_sd=0.5,
    ),
    IndicatorSpec(
        "intergenerational_tension", "Intergenerational tension", "intergenerational tension",
        "index 0-100", "higher_is_worse", "M", "gauss", (25, 50), noise=2.5, trend_sd=0.3,
        pair="youth-elders", gap=(5, 15),
    ),
    IndicatorSpec(
        "idp_arrivals", "IDP arrivals", "displacement", "per 10k", "higher_is_worse", "M", "gauss",
        (1.5, 12.0), noise=0.9, season=0.6, upper=float("inf"),
    ),
    IndicatorSpec(
        "land_disputes", "Land disputes registered", "displacement", "count", "higher_is_worse", "M",
        "count", (1.0, 5.0), dispersion=6.0, season=0.4, decimals=0, source="ministry",
    ),
)

BY_KEY: dict[str, IndicatorSpec] = {spec.key: spec for spec in INDICATORS}


def codebook_frame() -> pd.DataFrame:
    """The codebook as the sample's ``indicators`` sheet lays it out."""
    return pd.DataFrame(
        {
            "indicator": [s.key for s in INDICATORS],
            "name": [s.name for s in INDICATORS],
            "domain": [s.domain for s in INDICATORS],
            "unit": [s.unit for s in INDICATORS],
            "direction": [s.direction for s in INDICATORS],
            "threshold": [s.threshold for s in INDICATORS],
            "frequency": [{"M": "monthly", "Q": "quarterly"}[s.freq] for s in INDICATORS],
        }
    )

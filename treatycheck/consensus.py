"""Consensus over disputed properties: an iterative truth-discovery scheme.

Where sources disagree about a property and no reference source states it,
the candidate values are ranked by the trust of the sources behind them, and
each source's trust is learnt from how its values fare elsewhere in the
dataset. The scheme belongs to the family of Sums (Hubs and Authorities,
Pasternack and Roth 2010) and TruthFinder (Yin, Han and Yu 2007), with two
choices that keep its answers explainable:

* trust is a smoothed mean, ``(K * prior + sum of scores) / (K + n)``, so a
  stated ``reliability`` weighs as much as ``K`` judged properties;
* leave-one-out: the trust used to judge a dispute leaves that dispute out,
  so a majority cannot raise its own trust to win it.

``docs/sources.md`` gives the formulas and a worked example. This module only
computes; :mod:`treatycheck.claims` prepares the disputes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

__all__ = [
    "MAX_ROUNDS",
    "PRIOR_TRUST",
    "PRIOR_WEIGHT",
    "Candidate",
    "Consensus",
    "Dispute",
    "solve",
]

PRIOR_TRUST: Final = 0.5
"""Initial trust of a source that gives no ``reliability``."""
PRIOR_WEIGHT: Final = 3.0
"""K: how many judged properties a source's prior is worth."""
MAX_ROUNDS: Final = 50
"""The iteration stops after this many rounds even if it has not settled."""
TOLERANCE: Final = 1e-9
"""The iteration stops when no score moves by more than this."""
_TIE: Final = 1e-9


@dataclass(frozen=True, slots=True)
class Candidate:
    """One value of a disputed property and the support behind it."""

    shown: str
    confidence: float
    """Share of the dispute's trust held by the sources that support this value (0..1)."""
    sources: tuple[str, ...]
    contested: bool
    """Whether it conflicts with another candidate (a containing date may not)."""


@dataclass(frozen=True, slots=True)
class Consensus:
    """The candidates of a disputed property, most supported first."""

    subject: str
    property: str
    candidates: tuple[Candidate, ...]

    def most_supported(self) -> Candidate | None:
        """The best contested candidate, or None when the best two tie."""
        contested = [c for c in self.candidates if c.contested]
        if not contested:
            return None
        if len(contested) > 1 and contested[0].confidence - contested[1].confidence < _TIE:
            return None
        return contested[0]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used by ``treatycheck sources --consensus --format json``."""
        best = self.most_supported()
        return {
            "subject": self.subject,
            "property": self.property,
            "most_supported": best.shown if best else None,
            "candidates": [
                {
                    "value": c.shown,
                    "confidence": round(c.confidence, 4),
                    "sources": list(c.sources),
                    "contested": c.contested,
                }
                for c in self.candidates
            ],
        }


@dataclass(slots=True, eq=False)
class Dispute:
    """A property on which sources disagree, as indexes for the iteration."""

    subject: str
    property: str
    sources: list[str]
    """The sources stating the property, sorted."""
    shown: list[str]
    """Per candidate value: how it is shown."""
    spans: list[int]
    """Per candidate: days it covers (0 for non-dates); among equals the finer ranks first."""
    support: list[list[int]]
    """Per candidate: the sources (indexes) whose values entail it."""
    own: list[list[int]]
    """Per source: the candidates it states."""
    rivals: list[list[list[int]]]
    """Per source, per own candidate: the conflicting candidates another source supports."""
    contested: list[bool]
    """Per candidate: whether it conflicts with any other candidate."""
    scores: list[float] = field(default_factory=list)
    """Per source: how well its values hold up here (0..1); starts at the priors."""


def _trust_for(
    dispute: Dispute,
    priors: Mapping[str, float],
    totals: Mapping[str, float],
    counts: Mapping[str, float],
) -> list[float]:
    """Each source's trust for judging this dispute: its prior and its record elsewhere."""
    return [
        (PRIOR_WEIGHT * priors[s] + totals[s] - dispute.scores[i])
        / (PRIOR_WEIGHT + counts[s] - 1.0)
        for i, s in enumerate(dispute.sources)
    ]


def _confidences(dispute: Dispute, trust: Sequence[float]) -> list[float]:
    """Per candidate: the summed trust of the sources that support it."""
    return [sum(trust[i] for i in supporters) for supporters in dispute.support]


def _scores(dispute: Dispute, confidence: Sequence[float]) -> list[float]:
    """Per source: mean of confidence(own value) / confidence(strongest rival or itself)."""
    out = []
    for own, rivals in zip(dispute.own, dispute.rivals, strict=True):
        ratios = []
        for value, against in zip(own, rivals, strict=True):
            mine = confidence[value]
            strongest = max([mine, *(confidence[c] for c in against)])
            ratios.append(mine / strongest if strongest > 0 else 1.0)
        out.append(sum(ratios) / len(ratios) if ratios else 1.0)
    return out


def _shape(dispute: Dispute) -> tuple[Any, ...]:
    """Everything the iteration reads from a dispute; disputes of one shape score alike."""
    return (
        tuple(dispute.sources),
        tuple(map(tuple, dispute.support)),
        tuple(map(tuple, dispute.own)),
        tuple(tuple(map(tuple, per_source)) for per_source in dispute.rivals),
    )


def solve(
    disputes: Sequence[Dispute],
    evidence: Mapping[str, tuple[float, float]],
    priors: Mapping[str, float],
) -> tuple[dict[str, float], dict[tuple[str, str], Consensus]]:
    """Iterate trust and confidence to a fixed point.

    ``evidence`` gives, per source, the summed score and number of the
    properties judged outside the disputes (1 for each agreement, 0 for each
    contradiction of the reference). ``priors`` gives every source's prior.
    Returns each source's final trust and the ranked candidates per
    (subject, property).

    Disputes with the same sources, support and rivals (the same *shape*)
    always have the same scores, so each round works once per shape and
    counts it as often as it occurs: large datasets have many disputes but
    few shapes.
    """
    names = sorted(set(evidence) | {s for d in disputes for s in d.sources})
    counts = {s: evidence[s][1] if s in evidence else 0.0 for s in names}
    shapes: dict[tuple[Any, ...], Dispute] = {}
    weight: dict[int, int] = {}
    firsts = []  # per dispute: the first dispute of its shape
    for dispute in disputes:
        dispute.scores = [priors[s] for s in dispute.sources]
        for s in dispute.sources:
            counts[s] += 1.0
        first = shapes.setdefault(_shape(dispute), dispute)
        weight[id(first)] = weight.get(id(first), 0) + 1
        firsts.append(first)
    distinct = list(shapes.values())

    def totals() -> dict[str, float]:
        sums = {s: evidence[s][0] if s in evidence else 0.0 for s in names}
        for dispute in distinct:
            times = weight[id(dispute)]
            for s, score in zip(dispute.sources, dispute.scores, strict=True):
                sums[s] += times * score
        return sums

    for _ in range(MAX_ROUNDS):
        current = totals()
        fresh = [
            _scores(d, _confidences(d, _trust_for(d, priors, current, counts))) for d in distinct
        ]
        change = 0.0
        for dispute, new in zip(distinct, fresh, strict=True):
            for old, value in zip(dispute.scores, new, strict=True):
                change = max(change, abs(old - value))
            dispute.scores = new
        if change < TOLERANCE:
            break
    final = totals()
    trust = {s: (PRIOR_WEIGHT * priors[s] + final[s]) / (PRIOR_WEIGHT + counts[s]) for s in names}
    ranked = {}
    trust_by_shape = {id(first): _trust_for(first, priors, final, counts) for first in distinct}
    for dispute, first in zip(disputes, firsts, strict=True):
        dispute.scores = first.scores
        ranked[(dispute.subject, dispute.property)] = _rank(dispute, trust_by_shape[id(first)])
    return trust, ranked


def _rank(dispute: Dispute, trust: Sequence[float]) -> Consensus:
    """The candidates by confidence, then finer first, then by how they are shown."""
    confidence = _confidences(dispute, trust)
    whole = sum(trust) or 1.0
    order = sorted(
        range(len(dispute.shown)),
        key=lambda c: (-round(confidence[c], 12), dispute.spans[c], dispute.shown[c]),
    )
    return Consensus(
        dispute.subject,
        dispute.property,
        tuple(
            Candidate(
                shown=dispute.shown[c],
                confidence=confidence[c] / whole,
                sources=tuple(dispute.sources[i] for i in dispute.support[c]),
                contested=dispute.contested[c],
            )
            for c in order
        ),
    )

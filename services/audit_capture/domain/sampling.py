"""Case selection: a random or stratified sample, reproducible from a seed, that skips cases
audited in the last 12 months unless overridden with a reason (pure).

The same case list, seed and exclusions always give the same sample, whatever order the
list was imported in: cases are sorted by reference before the seeded generator draws.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from .months import add_months

Method = Literal["random", "stratified"]
EXCLUSION_MONTHS = 12


@dataclass(frozen=True)
class Case:
    case_ref: str
    team_id: str
    category: str
    social_worker_id: str | None = None


@dataclass(frozen=True)
class Chosen:
    case: Case
    reason: str | None = None  # a manual addition's reason, or why a recent audit was overridden


@dataclass(frozen=True)
class Sample:
    chosen: list[Chosen]
    skipped_recently_audited: list[str]


def exclusion_window(month: str) -> tuple[str, str]:
    """First and last month whose audits exclude a case from `month`'s selection."""
    return add_months(month, -(EXCLUSION_MONTHS - 1)), month


def draw_sample(
    cases: Iterable[Case], *, size: int, seed: int, method: Method,
    recently_audited: set[str], overrides: Mapping[str, str] | None = None,
    additions: Iterable[tuple[Case, str]] = (), strata: str = "category",
) -> Sample:
    overrides = overrides or {}
    added = list(additions)
    added_refs = {case.case_ref for case, _ in added}
    pool = sorted({c.case_ref: c for c in cases}.values(), key=lambda c: c.case_ref)
    skipped = [c.case_ref for c in pool
               if c.case_ref in recently_audited and c.case_ref not in overrides]
    eligible = [c for c in pool if c.case_ref not in added_refs
                and (c.case_ref not in recently_audited or c.case_ref in overrides)]
    rng = random.Random(seed)
    if method == "random":
        drawn = rng.sample(eligible, min(size, len(eligible)))
    else:
        drawn = _stratified(eligible, size=size, rng=rng, key=strata)
    chosen = [Chosen(case, reason) for case, reason in added]
    chosen += [Chosen(c, overrides.get(c.case_ref)) for c in sorted(drawn, key=lambda c: c.case_ref)]
    return Sample(chosen=chosen, skipped_recently_audited=skipped)


def _stratified(eligible: list[Case], *, size: int, rng: random.Random, key: str) -> list[Case]:
    """Proportional to each stratum's share (largest remainder), at random within each."""
    groups: dict[str, list[Case]] = defaultdict(list)
    for case in eligible:
        groups[getattr(case, key)].append(case)
    size = min(size, len(eligible))
    if not size:
        return []
    exact = {name: size * len(members) / len(eligible) for name, members in groups.items()}
    quotas = {name: int(share) for name, share in exact.items()}
    by_remainder = sorted(groups, key=lambda n: (-(exact[n] - quotas[n]), n))
    for name in by_remainder[: size - sum(quotas.values())]:
        quotas[name] += 1
    drawn: list[Case] = []
    for name in sorted(groups):
        drawn += rng.sample(groups[name], quotas[name])
    return drawn

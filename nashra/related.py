"""Related briefings: those sharing entities (weighted by rarity) and events."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict

from nashra.model import LinkedBriefing

RELATED_MAX = 5


def related_briefings(linked: dict[str, LinkedBriefing], dates: dict[str, dt.date]
                      ) -> dict[str, tuple[str, ...]]:
    """Briefings sharing entities (weighted by rarity) and events (weighted more)."""
    n = max(len(linked), 1)
    df: Counter[str] = Counter()
    by_tag: defaultdict[str, set[str]] = defaultdict(set)
    for slug, lb in linked.items():
        tags = {*lb.entities, *(f"~{a}" for a in lb.adjectives), *(f"@{e}" for e in lb.events)}
        for tag in tags:
            df[tag] += 1
            by_tag[tag].add(slug)
    weights = {tag: math.log(1 + n / count) * (2.0 if tag.startswith("@") else
                                               0.5 if tag.startswith("~") else 1.0)
               for tag, count in df.items()}
    related: dict[str, tuple[str, ...]] = {}
    for slug, lb in linked.items():
        scores: Counter[str] = Counter()
        tags = {*lb.entities, *(f"~{a}" for a in lb.adjectives), *(f"@{e}" for e in lb.events)}
        for tag in tags:
            for other in by_tag[tag]:
                if other != slug:
                    scores[other] += weights[tag]
        ranked = sorted(scores.items(), key=lambda kv: (-round(kv[1], 9), -dates[kv[0]].toordinal(),
                                                         kv[0]))
        related[slug] = tuple(s for s, _ in ranked[:RELATED_MAX])
    return related

"""Related briefings: those sharing entities (weighted by rarity) and events."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping

import numpy as np

from nashra.model import LinkedBriefing

RELATED_MAX = 5


def _tags(lb: LinkedBriefing) -> list[str]:
    """Entities, adjectives (~) and events (@) of a briefing, in a fixed order."""
    return sorted({*lb.entities, *(f"~{a}" for a in lb.adjectives),
                   *(f"@{e}" for e in lb.events)})


def related_briefings(linked: Mapping[str, LinkedBriefing], dates: Mapping[str, dt.date]
                      ) -> dict[str, tuple[str, ...]]:
    """Briefings sharing entities (weighted by rarity) and events (weighted more).

    A briefing's score against another is the sum of the weights of the tags they share;
    the best RELATED_MAX win, ties going to the newer briefing, then the slug. Scores are
    added up with numpy over each tag's list of briefings: at 10,000 briefings a tag like
    Russia is shared by most of them, and a Python loop over those pairs takes minutes.
    """
    slugs = list(linked)
    n = len(slugs)
    tags = [_tags(linked[s]) for s in slugs]
    df: Counter[str] = Counter(t for ts in tags for t in ts)
    postings: dict[str, list[int]] = {}
    for i, ts in enumerate(tags):
        for t in ts:
            postings.setdefault(t, []).append(i)
    arrays = {t: np.array(p, dtype=np.int64) for t, p in postings.items()}
    weights = {tag: math.log(1 + max(n, 1) / count) * (2.0 if tag.startswith("@") else
                                                        0.5 if tag.startswith("~") else 1.0)
               for tag, count in df.items()}
    newest = -np.array([dates[s].toordinal() for s in slugs], dtype=np.int64)
    by_name = np.empty(n, dtype=np.int64)
    by_name[np.argsort(np.array(slugs, dtype=object), kind="stable")] = np.arange(n)
    scores = np.zeros(n)
    related: dict[str, tuple[str, ...]] = {}
    for i, slug in enumerate(slugs):
        for t in tags[i]:
            scores[arrays[t]] += weights[t]  # a tag lists each briefing once: no lost adds
        scores[i] = 0.0
        found = np.flatnonzero(scores)
        rounded = np.round(scores[found], 9)
        scores[found] = 0.0  # ready for the next briefing without clearing every entry
        if len(found) > RELATED_MAX:  # keep the best scores, ties at the cut included
            cut = np.partition(rounded, len(found) - RELATED_MAX)[len(found) - RELATED_MAX]
            keep = rounded >= cut
            found, rounded = found[keep], rounded[keep]
        best = found[np.lexsort((by_name[found], newest[found], -rounded))][:RELATED_MAX]
        related[slug] = tuple(slugs[j] for j in best)
    return related

"""Seeds nobody has ingested yet: cleaned in memory at build time and published as briefings."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from nashra.model import Briefing, Problem, Source

# Every seed published without dated evidence has a warning starting with this (counted by the
# build summary and `nashra check`).
APPROXIMATE_DATE = "no dated evidence in this seed"
SEED_FIELD = re.compile(r"^seed:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", re.M)


def seeds_with_briefings(files: list) -> set[str]:
    """Seed file names that an .ar.md already names in its `seed:` field."""
    return {m.group(1).strip() for f in files if f.path.endswith(".ar.md")
            for m in SEED_FIELD.finditer(f.text.split("\n---", 2)[0] + "\n")}


def pending_briefings(project: Path, claimed: set[str]) -> tuple[list[Briefing], list[Problem]]:
    """Seeds nobody has ingested yet, cleaned in memory and published as Arabic-only briefings."""
    seeds_dir = project / "seeds"
    waiting = [s for s in sorted(seeds_dir.glob("*.txt")) if s.name not in claimed]
    if not waiting:
        return [], []
    from nashra import ingest  # imported here: only needed when a raw seed is waiting
    from nashra.text.frontmatter import parse

    briefings: list[Briefing] = []
    problems: list[Problem] = []
    for seed in waiting:
        raw = seed.read_bytes()
        rel = seed.relative_to(project).as_posix()
        problem = ingest.seed_problem(raw)
        article = None if problem else ingest.clean(raw.decode("utf-8"))
        if article is not None and not any(not b.heading for b in article.blocks):
            problem = ingest.BOILERPLATE_ONLY
        if problem or article is None:
            message, hint = problem or ingest.BOILERPLATE_ONLY
            problems.append(Problem(rel, 1, f"{message}; it is not published", hint))
            continue
        date, approximate = article.date, article.date is None
        added = None if date else ingest.added_on(seed)
        if added is not None:
            date = added[0]
            problems.append(Problem(rel, 1, f"{APPROXIMATE_DATE}; published with the "
                                    f"day it entered the repository ({date.isoformat()}), shown "
                                    "to readers as approximate", f"run 'nashra ingest {rel}' and "
                                    "set 'date:' in the briefing it writes", "warning"))
        draft = parse(ingest.draft_markdown(article, seed_name=seed.name,
                                            seed_sha256=hashlib.sha256(raw).hexdigest(),
                                            added=added))
        outlet = article.outlet
        first_words = " ".join(draft.body.split()[:12])
        briefings.append(Briefing(
            slug=ingest.default_slug(seed.name), path=rel,
            title=article.title or article.proposed_title or first_words, date=date,
            date_approximate=approximate,
            source=Source(name=outlet.name if outlet else "",
                          name_en=outlet.name_en or None if outlet else None,
                          url=outlet.url if outlet else None, author=article.author),
            body=draft.body, body_line=1, dateline=article.dateline, seed=seed.name,
            seed_sha256=hashlib.sha256(raw).hexdigest(), pending=True))
    return briefings, problems

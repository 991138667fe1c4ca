"""Seeds nobody has ingested yet: cleaned in memory at build time and published as briefings."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from nashra.model import Briefing, Problem, Source

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
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(rel, 1, f"seed is not UTF-8 text ({exc.reason})",
                                    "save the file as UTF-8"))
            continue
        article = ingest.clean(text)
        date = article.date_candidates[0] if article.date_candidates else None
        if date is None:
            problems.append(Problem(rel, 1, "no publication date found in this seed; "
                                    "it is not published", f"run 'nashra ingest {rel}' and set "
                                    "'date:' in the briefing it writes", "warning"))
            continue
        draft = parse(ingest.draft_markdown(article, seed_name=seed.name,
                                            seed_sha256=hashlib.sha256(raw).hexdigest()))
        outlet = article.outlet
        first_words = " ".join(draft.body.split()[:12])
        briefings.append(Briefing(
            slug=ingest.default_slug(seed.name), path=rel,
            title=article.title or first_words, date=date,
            source=Source(name=outlet.name if outlet else "",
                          name_en=outlet.name_en if outlet else None,
                          url=outlet.url if outlet else None, author=article.author),
            body=draft.body, body_line=1, dateline=article.dateline, seed=seed.name,
            seed_sha256=hashlib.sha256(raw).hexdigest(), pending=True))
    return briefings, problems

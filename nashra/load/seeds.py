"""Seeds nobody has ingested yet: cleaned in memory at build time and published as briefings."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

from nashra.model import Briefing, Problem, Source
from nashra.text.bidi import balance_bidi
from nashra.text.files import MAX_FILE_BYTES, read_text

# Every seed published without dated evidence has a warning starting with this (counted by the
# build summary and `nashra check`).
APPROXIMATE_DATE = "no dated evidence in this seed"
# A page needs an article: fewer words with letters in them (a date, a headline) is no page.
WORD = re.compile(r"[^\W\d_]{2,}")
MIN_WORDS = 8
SEED_FIELD = re.compile(r"^seed:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", re.M)


def seeds_with_briefings(files: list) -> set[str]:
    """Seed file names that an .ar.md already names in its `seed:` field."""
    return {m.group(1).strip() for f in files if f.path.endswith(".ar.md")
            for m in SEED_FIELD.finditer(f.text.split("\n---", 2)[0] + "\n")}


def _same_text_key(text: str) -> str:
    """Two seeds with this key hold the same article (white space aside)."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def pending_briefings(project: Path, claimed: set[str], limit: int = MAX_FILE_BYTES
                      ) -> tuple[list[Briefing], list[Problem]]:
    """Seeds nobody has ingested yet, cleaned in memory and published as Arabic-only briefings."""
    seeds_dir = project / "seeds"
    all_seeds = sorted(seeds_dir.glob("*.txt"))
    waiting = [s for s in all_seeds if s.name not in claimed]
    if not waiting:
        return [], []
    from nashra import ingest  # imported here: only needed when a raw seed is waiting
    from nashra.text.frontmatter import parse

    briefings: list[Briefing] = []
    problems: list[Problem] = []
    # The same article saved twice under two names is published once.
    seen = {_same_text_key(t): s.name for s in all_seeds if s.name in claimed
            and isinstance(t := read_text(s, f"seeds/{s.name}", project, limit=limit), str)}
    for seed in waiting:
        rel = seed.relative_to(project).as_posix()
        text = read_text(seed, rel, project, limit=limit)
        if isinstance(text, Problem):
            problems.append(dataclasses.replace(text, message=f"{text.message}; it is not "
                                                "published"))
            continue
        raw = text.encode("utf-8")
        key = _same_text_key(text)
        if key in seen:
            problems.append(Problem(rel, 1, f"same text as seeds/{seen[key]}; not published twice",
                                    "delete one of the two copies", "warning"))
            continue
        seen[key] = seed.name
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
        if len(WORD.findall(draft.body)) < MIN_WORDS:
            problems.append(Problem(rel, 1, "seed holds no article text (a date or a few "
                                    "words only); it is not published",
                                    "paste the whole article into the seed"))
            continue
        outlet = article.outlet
        first_words = " ".join(draft.body.split()[:12])
        briefings.append(Briefing(
            slug=ingest.default_slug(seed.name), path=rel,
            title=balance_bidi(article.title or article.proposed_title or first_words), date=date,
            date_approximate=approximate,
            source=Source(name=outlet.name if outlet else "",
                          name_en=outlet.name_en or None if outlet else None,
                          url=outlet.url if outlet else None, author=article.author),
            body=draft.body, body_line=1, dateline=article.dateline, seed=seed.name,
            seed_sha256=hashlib.sha256(raw).hexdigest(), pending=True))
    return briefings, problems

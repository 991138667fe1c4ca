"""Ingest: a cleaned article as a Markdown briefing draft with front matter, and the files."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from nashra.ingest.clean import clean
from nashra.ingest.lines import CleanArticle, IngestOutcome
from nashra.model import APPROXIMATE_KIND

# ---------------------------------------------------------------- Markdown draft



def added_on(seed: Path) -> tuple[dt.date, str]:
    """(day, how) a seed entered the repository: the commit that added it, else its file time."""
    try:
        out = subprocess.run(["git", "log", "--diff-filter=A", "--format=%cI", "--", seed.name],
                             cwd=seed.parent, capture_output=True, text=True, timeout=30,
                             check=False)
    except (OSError, subprocess.SubprocessError):
        out = None
    stamps = out.stdout.split() if out is not None and out.returncode == 0 else []
    if stamps:  # newest first: the last line is the commit that first added it
        return dt.datetime.fromisoformat(stamps[-1]).date(), "the commit that added the seed"
    stamp = dt.datetime.fromtimestamp(seed.stat().st_mtime, tz=dt.UTC).date()
    return stamp, "the seed file's modification time"


_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?=\s|$)|[-+](?=\s|$)|>|(?P<num>\d{1,9})[.)](?=\s|$))")


def escape_markdown(text: str, *, heading: bool = False) -> str:
    """Text that Markdown renders as written: inline marks escaped, block starters neutralised."""
    text = re.sub(r"\\(?=[!-/:-@\[-`{-~])", r"\\\\", text)
    text = re.sub(r"([*`\[])", r"\\\1", text)
    m = _BLOCK_START.match(text)
    if m and m.group("num"):
        text = m.group("num") + "\\" + text[m.end("num"):]
    elif m:
        text = "\\" + text
    if heading and text.endswith("#"):
        text = text[:-1] + "\\#"
    return text


def _yaml(value: Any) -> str:
    """One YAML value on one line (flow style), quoted where YAML needs it."""
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, sort_keys=False,
                          width=2**31 - 1).rstrip("\n").removesuffix("\n...").rstrip("\n")


def _scalar(value: str | None) -> str:
    """A YAML scalar on one line."""
    return _yaml([value])[1:-1]


_DRAFT_SHA = re.compile(r"^draft_sha256:[ \t]*(?P<hex>[0-9a-f]{64})?[ \t]*$", re.M)


def _front_matter_end(text: str) -> int:
    """Offset just past the closing '---' line of the front matter (0 if there is none)."""
    if not text.startswith("---\n"):
        return 0
    end = text.find("\n---\n", 3)
    return end + 5 if end >= 0 else 0


def _blank_sha(text: str) -> tuple[str, str | None]:
    """(text with the draft_sha256 value blanked, the value it had)."""
    m = _DRAFT_SHA.search(text, 0, _front_matter_end(text))
    if not m:
        return text, None
    if m.group("hex") is None:
        return text, ""
    return text[: m.start("hex")] + text[m.end("hex"):], m.group("hex")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def draft_is_unchanged(md_text: str) -> bool:
    """True if the file is still exactly what ingest wrote (its draft_sha256 still matches)."""
    blanked, recorded = _blank_sha(md_text)
    return bool(recorded) and _sha256(blanked) == recorded


def _front_matter(article: CleanArticle, seed_name: str, seed_sha256: str,
                  added: tuple[dt.date, str] | None) -> list[str]:
    """The draft's YAML lines, keys in the loader's order, with notes for the editor."""
    title = _scalar(article.title)
    if article.title is None:
        title += "  # no headline found in the seed: write one"
    if article.title is None and article.proposed_title:
        title += f"; proposed from the first sentence: {article.proposed_title}"
    dates = ", ".join(d.isoformat() for d in article.date_candidates)
    best = article.date.isoformat() if article.date else "null"
    ev = article.date_evidence
    if ev:
        note = f"  # from the {ev.kind} on line {ev.line}; verify against the source"
    elif dates:
        note = f"  # no publication date stated; dates in the body (events): {dates}"
    else:
        note = "  # no date in the text: set the publication date"
    evidence = _yaml({"kind": ev.kind, "text": ev.text, "line": ev.line}) if ev else "null"
    if ev is None and added is not None:  # published as "added on ..." until an editor dates it
        best = added[0].isoformat()
        note = "  # APPROXIMATE: no dated evidence, the day the seed entered the repository" + (
            f"; dates in the body (events): {dates}" if dates else "") + "; set the real date"
        evidence = _yaml({"kind": APPROXIMATE_KIND, "text": added[1], "line": 0})
    outlet, original = article.outlet, article.original_outlet
    source = _yaml({"name": outlet.name if outlet else None,
                    "name_en": outlet.name_en or None if outlet else None,
                    "url": None, "author": article.author})
    lines = [f"title: {title}", f"date: {best}{note}", f"date_evidence: {evidence}",
             "summary: null"]
    if article.summary_points:
        lines.append("# the outlet's own summary (not in the body):")
        lines.extend(f"#   - {point}" for point in article.summary_points)
    lines.append(f"source: {source}")
    if original:
        lines.append(f"# republished from {original.name} ({original.name_en or '?'})")
    lines.extend(f"# outlet evidence: {e}" for e in article.evidence)
    lines += [f"dateline: {_scalar(article.dateline)}", f"seed: {_scalar(seed_name)}",
              f"seed_sha256: {seed_sha256}", "events: []", "entities: []", "status: published",
              "draft_sha256: "]
    return lines


def draft_markdown(article: CleanArticle, *, seed_name: str, seed_sha256: str,
                   added: tuple[dt.date, str] | None = None) -> str:
    """The .ar.md text for `article`: front matter, then the blocks; same input, same bytes."""
    body = "\n\n".join(("## " if b.heading else "") + escape_markdown(b.text, heading=b.heading)
                       for b in article.blocks)
    text = "---\n" + "\n".join(_front_matter(article, seed_name, seed_sha256, added)) + "\n---\n\n"
    text += body + "\n"
    blanked, _ = _blank_sha(text)
    return blanked.replace("draft_sha256: \n", f"draft_sha256: {_sha256(blanked)}\n", 1)


# ---------------------------------------------------------------- files


def default_slug(seed_name: str) -> str:
    """An ASCII slug ([a-z0-9-]) from the seed's file name; non-Latin names get a short hash."""
    stem = seed_name.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    ascii_part = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_part.lower()).strip("-")
    lost = any(ch.isalpha() and not unicodedata.normalize("NFKD", ch).encode("ascii", "ignore")
               for ch in stem)  # letters with no Latin spelling: keep distinct names distinct
    if not slug or lost:
        digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:10]
        slug = f"{slug}-{digest}" if slug else f"seed-{digest}"
    return slug


def _seed_of(text: str) -> str | None:
    """The `seed:` field of a briefing's front matter."""
    end = _front_matter_end(text)
    if not end:
        return None
    try:
        meta = yaml.safe_load(text[4: end - 5])
    except yaml.YAMLError:
        m = re.search(r"^seed:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", text[:end], re.M)
        return m.group(1) if m else None
    seed = meta.get("seed") if isinstance(meta, dict) else None
    return str(seed) if seed is not None else None


def _briefings_by_seed(briefings_dir: Path) -> dict[str, Path]:
    """Existing briefings keyed by the seed they came from (an editor may have renamed them)."""
    found: dict[str, Path] = {}
    for path in sorted(briefings_dir.glob("*.ar.md")):
        seed = _seed_of(path.read_text(encoding="utf-8"))
        if seed is not None:
            found.setdefault(seed, path)
    return found


def _write(path: Path, text: str) -> None:
    """Write atomically: a reader never sees half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(path)


def _decide(seed: str, target: Path, draft: str, current: str | None, owned: bool,
            force: bool) -> IngestOutcome:
    """What to do with a fresh draft given the file already at `target` (if any)."""
    if current is None:
        return IngestOutcome(seed, target, "written", "new draft")
    if current == draft:
        return IngestOutcome(seed, target, "unchanged", "already up to date")
    if not owned:
        return IngestOutcome(seed, target, "skipped-edited",
                             f"{target.name} exists and names another seed: left alone")
    if draft_is_unchanged(current):
        return IngestOutcome(seed, target, "written", "regenerated (the old draft was not edited)")
    if force:
        return IngestOutcome(seed, target, "overwritten", "edited briefing replaced (force)")
    return IngestOutcome(seed, target, "skipped-edited",
                         "edited since ingest: kept (use force to overwrite)")


def seed_problem(raw: bytes) -> tuple[str, str] | None:
    """(message, hint) when a seed's bytes are no article text (binary, not UTF-8, empty)."""
    if b"\x00" in raw:
        return ("seed is a binary file, not article text",
                "remove it or replace it with the article's text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"seed is not UTF-8 text ({exc.reason})", "save the file as UTF-8"
    if not text.strip():
        return "seed is empty", "paste the article's text into the file"
    return None


BOILERPLATE_ONLY = ("seed holds only boilerplate (menus, links, credits), no article paragraph",
                    "paste the article's text into the file")


def ingest(seeds: Sequence[Path], briefings_dir: Path, *, force: bool = False,
           ) -> tuple[IngestOutcome, ...]:
    """Write a draft briefing per seed, never overwriting an editor's changes unless forced."""
    briefings_dir.mkdir(parents=True, exist_ok=True)
    existing = _briefings_by_seed(briefings_dir)
    outcomes = []
    for seed in seeds:
        raw = seed.read_bytes()
        target = existing.get(seed.name, briefings_dir / f"{default_slug(seed.name)}.ar.md")
        problem = seed_problem(raw)
        article = None if problem else clean(raw.decode("utf-8"))
        if article is not None and not any(not b.heading for b in article.blocks):
            problem = BOILERPLATE_ONLY
        if problem or article is None:
            message, hint = problem or BOILERPLATE_ONLY
            outcomes.append(IngestOutcome(seed.name, target, "rejected",
                                          f"{seed}: {message}; nothing written (hint: {hint})"))
            continue
        draft = draft_markdown(article, seed_name=seed.name,
                               seed_sha256=hashlib.sha256(raw).hexdigest(),
                               added=None if article.date else added_on(seed))
        current = target.read_text(encoding="utf-8") if target.exists() else None
        owned = seed.name in existing or current is None
        outcome = _decide(seed.name, target, draft, current, owned, force)
        if outcome.action in ("written", "overwritten"):
            _write(target, draft)
        outcomes.append(outcome)
    return tuple(outcomes)

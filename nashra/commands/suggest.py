"""`nashra suggest`, `nashra new entity ID --from-suggestion N` and `nashra status`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from nashra.link.gazetteer import Gazetteer
from nashra.link.suggest import Suggestion, suggest, unknown_by_briefing
from nashra.load.content import SLUG_HINT, SLUG_RE
from nashra.model import Archive

# A rough romanisation for the starter's English name: the editor corrects it (the file
# says so); it only has to be readable and ASCII.
_ROMAN = dict(zip("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأإآؤئ",
                  ["a", "b", "t", "th", "j", "h", "kh", "d", "dh", "r", "z", "s", "sh", "s", "d",
                   "t", "z", "", "g", "f", "q", "k", "l", "m", "n", "h", "w", "y", "a", "a", "",
                   "a", "i", "a", "u", "i"], strict=True))


def suggestions(archive: Archive) -> list[Suggestion]:
    """The archive's suggestions, ranked (the numbering `--from-suggestion` uses)."""
    return suggest(archive, Gazetteer.build(archive.entities))


def format_suggestions(found: Sequence[Suggestion], top: int) -> str:
    """The numbered list: name, kind, briefings, spellings and two contexts each."""
    lines = []
    for n, s in enumerate(found[:top] if top else found, 1):
        lines.append(f"{n:3}. {s.name}  ({s.kind}; {len(s.briefings)} briefing"
                     f"{'s' if len(s.briefings) != 1 else ''}, {s.mentions} mention"
                     f"{'s' if s.mentions != 1 else ''})")
        lines.append(f"     spellings: {'، '.join(s.spellings)}")
        for c in s.contexts:
            lines.append(f"     {c.slug}: …{c.before}[{c.match}]{c.after}…")
    shown = min(len(found), top) if top else len(found)
    lines.append(f"{shown} of {len(found)} suggestion(s). Add one with: nashra new entity "
                 "ID --from-suggestion N")
    return "\n".join(lines)


def romanise(arabic: str) -> str:
    """A readable ASCII guess at an Arabic name's English spelling."""
    words = []
    for word in arabic.split():
        latin = "".join(_ROMAN.get(ch, "") for ch in word)
        words.append(latin[:1].upper() + latin[1:])
    return " ".join(w for w in words if w) or "Name"


def entity_starter(s: Suggestion) -> str:
    """An entity file for a suggestion: its spellings as Arabic aliases."""
    kind = s.kind if s.kind in ("person", "place", "organisation") else "person"
    flow = lambda v: yaml.safe_dump(v, allow_unicode=True, default_flow_style=True,  # noqa: E731
                                    width=2**31 - 1).strip()
    contexts = "\n".join(f"#   {c.slug}: …{c.before}[{c.match}]{c.after}…" for c in s.contexts)
    return (f"---\ntype: {kind}   # person | country | place | organisation: check it\n"
            f"name: {flow({'ar': s.name, 'en': romanise(s.name)})}   "
            "# the English name is a rough guess: correct it\n"
            f"aliases:\n  ar: {flow(list(s.spellings))}\n  en: []\n"
            "adjectives: {ar: []}\n"
            f"# suggested by nashra suggest: {len(s.briefings)} briefing(s), {s.mentions} "
            f"mention(s)\n{contexts}\n---\n<!-- ar -->\n\n<!-- en -->\n")


def create_from_suggestion(project: Path, ident: str, archive: Archive, number: int) -> Path:
    """Write content/entities/<ident>.md from suggestion `number` (1-based)."""
    if not SLUG_RE.match(ident):
        raise ValueError(f"'{ident}' is not a safe slug: {SLUG_HINT}")
    found = suggestions(archive)
    if not 1 <= number <= len(found):
        raise ValueError(f"there is no suggestion {number}: nashra suggest lists "
                         f"{len(found)}")
    path = project / "content" / "entities" / f"{ident}.md"
    if path.exists():
        raise FileExistsError(f"{path} already exists; nothing was changed")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(entity_starter(found[number - 1]), encoding="utf-8")
    return path


# ------------------------------------------------------------------ nashra status


@dataclass(frozen=True)
class StatusLine:
    """One briefing's state for the editor."""

    slug: str
    english: str  # editorial | machine | digest | Arabic only
    date: str  # ISO, with "~" when approximate (no dated evidence: the day the seed came)
    unknown: tuple[str, ...]
    seed: bool = False  # published from seeds/ with no .ar.md yet


def english_state(archive: Archive, gazetteer: Gazetteer) -> dict[str, str]:
    """Slug -> editorial | machine | digest | Arabic only."""
    written = {t.slug: t for t in archive.translations}
    states = {}
    for b in archive.briefings:
        tr = written.get(b.slug)
        if tr is not None and tr.body.strip() and tr.translation in ("editorial", "machine"):
            states[b.slug] = tr.translation
        elif tr is not None or b.events or gazetteer.names_in(f"{b.title}\n\n{b.body}", "ar"):
            states[b.slug] = "digest"
        else:
            states[b.slug] = "Arabic only"  # the digest has no name or event to tell
    return states


def status_lines(archive: Archive) -> list[StatusLine]:
    """One line per briefing, newest first."""
    gazetteer = Gazetteer.build(archive.entities)
    unknown = unknown_by_briefing(suggest(archive, gazetteer))
    states = english_state(archive, gazetteer)
    return [StatusLine(b.slug, states[b.slug],
                       b.date.isoformat() + (" ~" if b.date_approximate else ""),
                       tuple(unknown.get(b.slug, ())), b.pending) for b in archive.briefings]


def format_status(lines: Sequence[StatusLine]) -> str:
    """The table and its totals."""
    width = max((len(x.slug) for x in lines), default=4)
    out = [f"{'briefing':<{width + 2}}  {'english':<11}  {'date':<12}  unknown names"]
    for x in lines:
        names = ", ".join(x.unknown[:3]) + (f" (+{len(x.unknown) - 3})"
                                             if len(x.unknown) > 3 else "")
        slug = x.slug + (" *" if x.seed else "")
        out.append(f"{slug:<{width + 2}}  {x.english:<11}  {x.date:<12}  {names or '-'}")
    counts = {k: sum(x.english == k for x in lines)
              for k in ("editorial", "machine", "digest", "Arabic only")}
    approx = sum(x.date.endswith("~") for x in lines)
    names = {n for x in lines for n in x.unknown}
    out.append(f"{len(lines)} briefings: " + ", ".join(f"{n} {k}" for k, n in counts.items())
               + f"; {sum(x.seed for x in lines)} straight from seeds/ (*: no .ar.md yet, "
               "nashra ingest writes one)"
               + f"; {approx} with an approximate date (~: no date in the text); "
               f"{sum(bool(x.unknown) for x in lines)} mention {len(names)} unknown name(s) "
               "(nashra suggest).")
    return "\n".join(out)


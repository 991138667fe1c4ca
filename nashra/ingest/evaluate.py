"""Measuring ingest against a gold corpus: `nashra ingest --report DIR`.

A corpus folder holds `NAME.txt` (a raw article) and `NAME.gold.json` (what a careful editor
would take from it: headline, date, outlet, byline, dateline, which lines are boilerplate and
which are body). The gold files are written from annotated sources (`source/*.ann`, one tag per
line) by `write_corpus`, so line numbers are never counted by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from nashra.ingest.clean import clean
from nashra.ingest.lines import _fold

# Tags of an annotated source line: T headline, B body, S standfirst (body), X boilerplate,
# Y byline line (boilerplate whose name is the byline).
_BODY_TAGS = frozenset("BS")
_BOILER_TAGS = frozenset("XY")


@dataclass(frozen=True)
class Gold:
    """What ingest should find in one article."""

    name: str
    headline: str | None
    date: str | None
    outlet: str | None  # the outlet's English name in the outlet table
    byline: str | None
    dateline: str | None
    boilerplate: tuple[int, ...]
    body: tuple[int, ...]


def _null(value: str) -> str | None:
    """'null' in an annotation header means no value."""
    value = value.strip()
    return None if value in ("", "null") else value


def read_annotated(text: str) -> list[tuple[str, str, Gold]]:
    """(name, raw article text, gold) for every '=== name' article of an .ann file."""
    out = []
    for chunk in re.split(r"^=== ", text, flags=re.M)[1:]:
        head, _, rest = chunk.partition("\n---\n")
        name, *fields = head.splitlines()
        meta = dict(f.split(": ", 1) for f in fields if ": " in f)
        raw: list[str] = []
        tags: dict[int, str] = {}
        for line in rest.rstrip("\n").split("\n"):
            if "|" in line[:2]:
                tag, content = line.split("|", 1)
                raw.append(content)
                tags[len(raw)] = tag
            else:
                raw.append(line)
        gold = Gold(name.strip(), _null(meta.get("headline", "")), _null(meta.get("date", "")),
                    _null(meta.get("outlet", "")), _null(meta.get("byline", "")),
                    _null(meta.get("dateline", "")),
                    tuple(n for n, t in tags.items() if t in _BOILER_TAGS),
                    tuple(n for n, t in tags.items() if t in _BODY_TAGS))
        out.append((gold.name, "\n".join(raw) + "\n", gold))
    return out


def write_corpus(folder: Path) -> list[Path]:
    """Write NAME.txt and NAME.gold.json for every article of folder/source/*.ann."""
    written = []
    for ann in sorted((folder / "source").glob("*.ann")):
        for name, raw, gold in read_annotated(ann.read_text(encoding="utf-8")):
            (folder / f"{name}.txt").write_text(raw, encoding="utf-8", newline="\n")
            data = {k: getattr(gold, k) for k in ("headline", "date", "outlet", "byline",
                                                   "dateline")}
            data |= {"boilerplate": list(gold.boilerplate), "body": list(gold.body)}
            path = folder / f"{name}.gold.json"
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                            encoding="utf-8", newline="\n")
            written.append(path)
    return written


def load_gold(path: Path) -> Gold:
    """One NAME.gold.json file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return Gold(path.name.removesuffix(".gold.json"), data.get("headline"), data.get("date"),
                data.get("outlet"), data.get("byline"), data.get("dateline"),
                tuple(data.get("boilerplate", ())), tuple(data.get("body", ())))


def _same(a: str | None, b: str | None) -> bool:
    """Equal ignoring marks, punctuation, spacing and spelling folds (None only equals None)."""
    if a is None or b is None:
        return a is b
    def key(s: str) -> list[str]:
        return re.sub(r"[^\w\s]", " ", _fold(s)).split()
    return key(a) == key(b)


@dataclass
class Scores:
    """Counts over a corpus; `misses` says which article got which field wrong and how."""

    articles: int = 0
    headline: int = 0
    date: int = 0
    date_history: int = 0  # a date earlier than the true one: an event quoted from the body
    outlet_named: int = 0
    outlet: int = 0
    outlet_invented: int = 0  # an outlet where the text names none
    byline_named: int = 0
    byline: int = 0
    dateline_named: int = 0
    dateline: int = 0
    boilerplate_lines: int = 0
    boilerplate_kept: int = 0
    body_lines: int = 0
    body_lost: int = 0
    misses: list[str] = field(default_factory=list)

    def rate(self, hits: int, total: int) -> float:
        """Percentage, 100 when there is nothing to get right."""
        return 100.0 * hits / total if total else 100.0


def score_article(text: str, gold: Gold, scores: Scores) -> None:
    """Add one article's results to `scores`."""
    article = clean(text)
    kept = {b.line for b in article.blocks}
    scores.articles += 1
    miss = scores.misses.append
    if _same(article.title, gold.headline):
        scores.headline += 1
    else:
        miss(f"{gold.name}: headline {article.title!r} (want {gold.headline!r})")
    got = article.date.isoformat() if article.date else None
    if got == gold.date:
        scores.date += 1
    else:
        why = f" from {article.date_evidence.kind} line {article.date_evidence.line}" if (
            article.date_evidence) else ""
        miss(f"{gold.name}: date {got}{why} (want {gold.date})")
        if got and gold.date and dt.date.fromisoformat(got) < dt.date.fromisoformat(
                gold.date) - dt.timedelta(days=31):
            scores.date_history += 1
    # The table's English name, or the name the text gives an outlet the table does not know.
    outlet = (article.outlet.name_en or article.outlet.name) if article.outlet else None
    if gold.outlet:
        scores.outlet_named += 1
        if _same(outlet, gold.outlet):
            scores.outlet += 1
        else:
            miss(f"{gold.name}: outlet {outlet} (want {gold.outlet})")
    elif outlet:
        scores.outlet_invented += 1
        miss(f"{gold.name}: outlet {outlet} (the text names none)")
    if gold.byline:
        scores.byline_named += 1
        scores.byline += _same(article.author, gold.byline)
        if not _same(article.author, gold.byline):
            miss(f"{gold.name}: byline {article.author!r} (want {gold.byline!r})")
    if gold.dateline:
        scores.dateline_named += 1
        scores.dateline += _same(article.dateline, gold.dateline)
        if not _same(article.dateline, gold.dateline):
            miss(f"{gold.name}: dateline {article.dateline!r} (want {gold.dateline!r})")
    lines = text.splitlines()
    scores.boilerplate_lines += len(gold.boilerplate)
    for no in gold.boilerplate:
        if no in kept:
            scores.boilerplate_kept += 1
            miss(f"{gold.name}: boilerplate kept, line {no}: {lines[no - 1][:60]}")
    scores.body_lines += len(gold.body)
    for no in gold.body:
        if no not in kept:
            scores.body_lost += 1
            miss(f"{gold.name}: body lost, line {no}: {lines[no - 1][:60]}")


def evaluate(folder: Path) -> Scores:
    """Scores of ingest over every NAME.txt with a NAME.gold.json in `folder`."""
    scores = Scores()
    for gold_path in sorted(folder.glob("*.gold.json")):
        text_path = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")
        score_article(text_path.read_text(encoding="utf-8"), load_gold(gold_path), scores)
    return scores


def report_lines(scores: Scores) -> list[str]:
    """The per-field table `nashra ingest --report` prints."""
    s = scores
    rows = [
        ("headline", s.headline, s.articles),
        ("date exact", s.date, s.articles),
        ("outlet (where named)", s.outlet, s.outlet_named),
        ("byline (where named)", s.byline, s.byline_named),
        ("dateline (where named)", s.dateline, s.dateline_named),
    ]
    out = [f"{s.articles} articles"]
    out += [f"{name:<26}{s.rate(hit, total):6.1f} %  ({hit}/{total})" for name, hit, total in rows]
    out.append(f"{'date from body history':<26}{s.date_history:6d}")
    out.append(f"{'outlet where none named':<26}{s.outlet_invented:6d}")
    out.append(f"{'boilerplate lines kept':<26}"
               f"{100 - s.rate(s.boilerplate_lines - s.boilerplate_kept, s.boilerplate_lines):6.1f}"
               f" %  ({s.boilerplate_kept}/{s.boilerplate_lines})")
    out.append(f"{'body paragraphs lost':<26}{s.body_lost:6d}  (of {s.body_lines})")
    return out

"""`nashra translate`: machine translations through any engine that speaks JSON lines.

The engine is a command line (`[translate] command` in nashra.toml, or --command), split
as a shell would. Nashra writes one JSON object per line to its stdin — {"id": …, "text": …}
for each Arabic headline, summary and paragraph to translate — closes stdin, and expects
exactly one line {"id": …, "text": …} per input on stdout (in any order), then exit 0.

What Nashra does around the engine:
- known entity names are replaced by placeholders ([[E1]]) before sending and put back as
  the gazetteer's English names, so names are right and the linker links them;
- the English file has exactly as many paragraphs as the Arabic; the Arabic paragraphs'
  hashes are kept in its front matter (`source_hashes`), and only paragraphs whose hash
  changed are sent again: a second run with nothing changed writes nothing;
- a seed without a `.ar.md` is translated from the briefing the build makes of it in
  memory (the same slug, so the `.en.md` pairs with it; ingesting it later keeps the slug
  and the text, so the translation stays paired);
- `translation: editorial` is never overwritten; a machine file edited by hand (its
  `machine_sha256` no longer matches) and a `translation: none` file need --force;
- an engine that fails, hangs past the timeout, prints bad JSON, wrong ids or the wrong
  number of lines stops the run with a clear error, and nothing is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import signal
import subprocess
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from nashra.link.gazetteer import Gazetteer
from nashra.model import Archive, Briefing, Entity
from nashra.text.arabic import CONJUNCTIONS, PREPOSITIONS
from nashra.text.blocks import split_blocks
from nashra.text.frontmatter import FrontMatterError, parse

DEFAULT_TIMEOUT = 600.0  # seconds for one engine run (all requests of the run)
SUMMARY_CHARS = 280  # a summary made from the lead paragraph is cut at a word near this
LEAD_WORDS = 8  # a paragraph this long can stand for the article as its summary
_PLACEHOLDER = re.compile(r"\[\[\s*E\s*(\d+)\s*\]\]")
_BLOCK_PREFIX = re.compile(r"^(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")
_MACHINE_SHA = re.compile(r"^machine_sha256:[ \t]*(?P<hex>[0-9a-f]{64})?[ \t]*$", re.M)
_CLITICS = sorted({*CONJUNCTIONS, *PREPOSITIONS,
                   *(c + p for c in CONJUNCTIONS for p in PREPOSITIONS)}, key=len, reverse=True)


class TranslateError(Exception):
    """The engine failed or answered wrongly; nothing was written."""


@dataclass(frozen=True)
class Engine:
    """How to run the engine, and the name the English page shows."""

    argv: tuple[str, ...]
    name: str
    timeout: float = DEFAULT_TIMEOUT


def engine_from(project: Path, command: str | None, name: str | None = None,
                timeout: float | None = None) -> Engine:
    """The engine from --command or nashra.toml's [translate] table."""
    table: dict = {}
    config = project / "nashra.toml"
    if config.is_file():
        try:
            table = tomllib.loads(config.read_text("utf-8")).get("translate", {}) or {}
        except tomllib.TOMLDecodeError as exc:
            raise TranslateError(f"nashra.toml: invalid TOML: {exc}") from exc
    command = command or table.get("command")
    if not command or not isinstance(command, str):
        raise TranslateError("no translation engine: give --command 'CMD …' or set "
                             "[translate] command = \"…\" in nashra.toml")
    try:
        argv = tuple(shlex.split(command))
    except ValueError as exc:
        raise TranslateError(f"cannot split the engine command {command!r}: {exc}") from exc
    if not argv:
        raise TranslateError("the engine command is empty")
    label = name or table.get("name") or _program_name(argv)
    return Engine(argv, str(label), float(timeout or table.get("timeout") or DEFAULT_TIMEOUT))


def _program_name(argv: Sequence[str]) -> str:
    """The engine's name from its command: the script a Python or shell runs, else the program."""
    first = os.path.basename(argv[0])
    if re.fullmatch(r"(python[\d.]*|sh|bash|node|uv|pipx)", first) and len(argv) > 1:
        first = os.path.basename(next((a for a in argv[1:] if not a.startswith("-")), first))
    return first


# ------------------------------------------------------------------ the engine protocol


def run_engine(engine: Engine, requests: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Send (id, text) pairs to the engine; its answers by id, or TranslateError."""
    if not requests:
        return {}
    payload = "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                      for i, t in requests).encode("utf-8")
    try:
        proc = subprocess.Popen(engine.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
    except OSError as exc:
        raise TranslateError(f"cannot start the engine {engine.argv[0]!r}: {exc.strerror or exc}"
                             f" (hint: check [translate] command or --command)") from exc
    try:
        out, err = proc.communicate(payload, timeout=engine.timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise TranslateError(f"the engine {engine.name} did not finish within "
                             f"{engine.timeout:g} s and was stopped (hint: raise [translate] "
                             f"timeout or --timeout)") from None
    if proc.returncode != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise TranslateError(f"the engine {engine.name} exited with status {proc.returncode}"
                             + (": " + " | ".join(tail) if tail else ""))
    return parse_answers(out.decode("utf-8", "replace"), [i for i, _ in requests], engine.name)


def _kill(proc: subprocess.Popen) -> None:
    """Stop the engine and anything it started (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()


def parse_answers(out: str, ids: Sequence[str], name: str) -> dict[str, str]:
    """The engine's stdout checked against the ids sent: one valid line per id."""
    lines = [x for x in out.splitlines() if x.strip()]
    answers: dict[str, str] = {}
    for n, line in enumerate(lines, 1):
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TranslateError(f"the engine {name} wrote invalid JSON on output line {n}: "
                                 f"{exc.msg} in {line[:80]!r}") from None
        if not (isinstance(item, dict) and isinstance(item.get("id"), str)
                and isinstance(item.get("text"), str)):
            raise TranslateError(f"the engine {name}: output line {n} is not "
                                 f'{{"id": "…", "text": "…"}}: {line[:80]!r}')
        if item["id"] in answers:
            raise TranslateError(f"the engine {name} answered id {item['id']!r} twice")
        answers[item["id"]] = item["text"]
    unknown = sorted(set(answers) - set(ids))
    if unknown:
        raise TranslateError(f"the engine {name} answered ids it was not sent: "
                             f"{', '.join(unknown[:5])}")
    if len(lines) != len(ids):
        missing = [i for i in ids if i not in answers]
        raise TranslateError(f"the engine {name} wrote {len(lines)} lines for {len(ids)} "
                             f"inputs; missing: {', '.join(missing[:5])}")
    return answers


# ------------------------------------------------------------------ names as placeholders


@dataclass(frozen=True)
class Protected:
    """A text with entity names replaced by [[E1]] …, and the English name of each."""

    text: str
    names: tuple[str, ...]


def _clitic_split(surface: str, ident: str, gazetteer: Gazetteer) -> tuple[str, str]:
    """(proclitic, name) of a mention: وبوتين -> (و, بوتين); للكرملين -> (ل, الكرملين)."""
    for prefix in _CLITICS:
        if not surface.startswith(prefix) or len(surface) <= len(prefix) + 1:
            continue
        rest = surface[len(prefix):]
        if prefix.endswith("ل") and rest.startswith("ل"):
            rest = "ا" + rest  # ل + الكرملين is written للكرملين
        found = gazetteer.find(rest, "ar")
        if len(found) == 1 and found[0].entity == ident and found[0].start == 0 \
                and found[0].end == len(rest) and found[0].surface == rest:
            return prefix, rest
    return "", surface


def protect(text: str, gazetteer: Gazetteer, entities: Mapping[str, Entity],
            named: frozenset[str] = frozenset()) -> Protected:
    """Replace every known name (not adjectives) in an Arabic text by a placeholder;
    `named`: entities the whole article names in full (their short names count too)."""
    out, names, last = [], [], 0
    for x in gazetteer.find(text, "ar", named=named):
        if x.kind != "name" or x.entity not in entities:
            continue
        clitic, _ = _clitic_split(x.surface, x.entity, gazetteer)
        names.append(entities[x.entity].name.en)
        out.append(text[last:x.start])
        out.append((clitic + " " if clitic else "") + f"[[E{len(names)}]]")
        last = x.end
    out.append(text[last:])
    return Protected("".join(out), tuple(names))


def restore(text: str, names: Sequence[str]) -> str:
    """Put the English names back where the engine left the placeholders."""
    def name(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return names[n - 1] if 1 <= n <= len(names) else m.group(0)
    return _PLACEHOLDER.sub(name, text)


# ------------------------------------------------------------------ one briefing's plan


def text_hash(text: str) -> str:
    """A short hash of an Arabic text, as kept in `source_hashes`."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


@dataclass
class Job:
    """One briefing to translate: what to send, what to keep, and where to write."""

    briefing: Briefing
    path: Path
    parts: dict[str, tuple[str, str]]  # part id -> (Markdown prefix, Arabic source)
    hashes: dict[str, str]  # part id -> hash of its Arabic source
    kept: dict[str, str]  # part id -> English reused from the existing file
    protected: dict[str, Protected] = field(default_factory=dict)

    def requests(self) -> list[tuple[str, str]]:
        """(engine id, protected text) of the parts not reused."""
        slug = self.briefing.slug
        return [(f"{slug}/{part}", self.protected[part].text)
                for part in self.parts if part not in self.kept]


@dataclass(frozen=True)
class Outcome:
    """What happened to one briefing."""

    slug: str
    action: str  # translated | updated | unchanged | skipped
    message: str = ""
    sent: int = 0


def _parts(b: Briefing) -> dict[str, tuple[str, str]]:
    """The texts of a briefing to translate: title, summary, each paragraph (prefix kept)."""
    parts = {"title": ("", b.title)}
    if b.summary:
        parts["summary"] = ("", b.summary)
    for i, block in enumerate(split_blocks(b.body)):
        m = _BLOCK_PREFIX.match(block.source)
        prefix = m.group(0) if m else ""
        parts[f"p{i}"] = (prefix, block.source[len(prefix):])
    return parts


def _blank_sha(text: str) -> tuple[str, str | None]:
    """(file text with the machine_sha256 value blanked, the value it had)."""
    end = text.find("\n---", 4)
    m = _MACHINE_SHA.search(text, 0, end if end > 0 else len(text))
    if not m or m.group("hex") is None:
        return text, None
    return text[:m.start("hex")] + text[m.end("hex"):], m.group("hex")


def is_unedited(text: str) -> bool:
    """True if a machine file is still what `nashra translate` wrote."""
    blanked, recorded = _blank_sha(text)
    return recorded is not None and hashlib.sha256(blanked.encode()).hexdigest() == recorded


def plan_job(b: Briefing, path: Path, *, force: bool) -> Job | Outcome:
    """What to send for one briefing, reusing the unchanged parts of its machine file."""
    parts = _parts(b)
    hashes = {part: text_hash(src) for part, (_, src) in parts.items()}
    kept: dict[str, str] = {}
    if path.exists():
        text = path.read_text("utf-8")
        try:
            doc = parse(text)
        except FrontMatterError as exc:
            if not force:
                return Outcome(b.slug, "skipped", f"{path.name}:{exc.line}: {exc} "
                               "(hint: fix it, or --force to replace it)")
            doc = None
        kind = (doc.meta.get("translation") or ("editorial" if doc.body.strip() else "none")
                ) if doc else "machine"
        if kind == "editorial":
            return Outcome(b.slug, "skipped", "translation: editorial is never overwritten")
        if kind == "none" and not force:
            return Outcome(b.slug, "skipped", "translation: none (an editor's file); "
                           "--force replaces it with a machine translation")
        if kind == "machine" and doc is not None and not force:
            if not is_unedited(text):
                return Outcome(b.slug, "skipped", "machine translation edited by hand; "
                               "--force translates it again")
            kept = _reusable(doc.meta, doc.body, hashes)
    return Job(b, path, parts, hashes, kept)


def _reusable(meta: dict, body: str, hashes: Mapping[str, str]) -> dict[str, str]:
    """English of the parts whose Arabic hash is unchanged since the last run."""
    old = meta.get("source_hashes") or {}
    if not isinstance(old, dict):
        return {}
    english = {"title": str(meta.get("title") or "")}
    if "summary" in old:
        english["summary"] = str(meta.get("summary") or "")
    old_paragraphs = old.get("paragraphs") or []
    blocks = [_BLOCK_PREFIX.sub("", blk.source, count=1) for blk in split_blocks(body)]
    by_hash: dict[str, str] = {}
    if isinstance(old_paragraphs, list) and len(old_paragraphs) == len(blocks):
        by_hash = {str(h): src for h, src in zip(old_paragraphs, blocks, strict=True)}
    kept: dict[str, str] = {}
    for part, h in hashes.items():
        if part.startswith("p"):
            if h in by_hash:
                kept[part] = by_hash[h]
        elif old.get(part) == h and english.get(part):
            kept[part] = english[part]
    return kept


def one_block(text: str, ident: str, name: str) -> str:
    """An answer as one paragraph: blank lines inside would split it and misalign the file."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        raise TranslateError(f"the engine {name} returned an empty text for {ident}")
    return "\n".join(lines)


def first_sentences(paragraph: str) -> str:
    """A summary from the first English paragraph: whole sentences up to SUMMARY_CHARS."""
    text = re.sub(r"\s+", " ", paragraph).strip()
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text.rfind(". ", 0, SUMMARY_CHARS)
    if cut > SUMMARY_CHARS // 3:
        return text[:cut + 1]
    return text[:text.rfind(" ", 0, SUMMARY_CHARS)] + " …"


def _yaml_line(key: str, value: object) -> str:
    return f"{key}: " + yaml.safe_dump(value, allow_unicode=True, default_flow_style=True,
                                       width=2**31 - 1).strip().removesuffix("...").strip()


def render_file(job: Job, english: Mapping[str, str], engine: str) -> str:
    """The .en.md text: front matter with hashes and engine, paragraphs as in the Arabic."""
    paragraphs = [p for p in job.parts if p.startswith("p")]
    body = "\n\n".join(job.parts[p][0] + english[p].strip() for p in paragraphs)
    # The summary: the Arabic summary's translation, else the lead: the first plain
    # paragraph of some length (not a heading or a dateline debris line like "17/06/2025").
    lead = next((p for p in paragraphs if not job.parts[p][0]
                 and len(english[p].split()) >= LEAD_WORDS), paragraphs[0] if paragraphs else "")
    summary = english.get("summary") or (first_sentences(english[lead]) if lead else "")
    source = {"title": job.hashes["title"]}
    if "summary" in job.parts:
        source["summary"] = job.hashes["summary"]
    source["paragraphs"] = [job.hashes[p] for p in paragraphs]  # type: ignore[assignment]
    lines = ["---", _yaml_line("title", " ".join(english["title"].split())),
             _yaml_line("summary", " ".join(summary.split())), "translation: machine",
             _yaml_line("engine", engine), _yaml_line("source_hashes", source),
             "machine_sha256: ", "---", "", body, ""]
    text = "\n".join(lines)
    return text.replace("machine_sha256: \n", "machine_sha256: "
                        + hashlib.sha256(text.encode()).hexdigest() + "\n", 1)


# ------------------------------------------------------------------ the whole run


def select(archive: Archive, project: Path, slugs: Sequence[str], *, missing: bool
           ) -> tuple[list[Briefing], list[str]]:
    """The briefings to translate, and the slugs asked for that do not exist."""
    by_slug = {b.slug: b for b in archive.briefings}
    unknown = [s for s in slugs if s not in by_slug]
    chosen = [by_slug[s] for s in slugs if s in by_slug] if slugs else list(archive.briefings)
    if missing:
        chosen = [b for b in chosen if not _english_path(project, b).exists()]
    return sorted(chosen, key=lambda b: b.slug), unknown


def _english_path(project: Path, b: Briefing) -> Path:
    """Where a briefing's English file goes: beside its .ar.md, or by slug for a seed."""
    return project / "content" / "briefings" / f"{b.slug}.en.md"


def translate(project: Path, archive: Archive, gazetteer: Gazetteer, briefings: Sequence[Briefing],
              engine: Engine, *, force: bool = False) -> list[Outcome]:
    """Translate `briefings` in one engine run; write files only if every answer is good."""
    entities = {e.id: e for e in archive.entities}
    outcomes: list[Outcome] = []
    jobs: list[Job] = []
    for b in briefings:
        planned = plan_job(b, _english_path(project, b), force=force)
        if isinstance(planned, Outcome):
            outcomes.append(planned)
            continue
        named = gazetteer.names_in(f"{b.title}\n\n{b.summary or ''}\n\n{b.body}", "ar")
        for part, (_, src) in planned.parts.items():
            if part not in planned.kept:
                planned.protected[part] = protect(src, gazetteer, entities, named)
        jobs.append(planned)
    requests = [r for job in jobs for r in job.requests()]
    answers = run_engine(engine, requests)  # raises before anything is written
    writes: list[tuple[Path, str, Outcome]] = []
    for job in jobs:
        english = dict(job.kept)
        for part, prot in job.protected.items():
            ident = f"{job.briefing.slug}/{part}"
            english[part] = one_block(restore(answers[ident], prot.names), ident, engine.name)
        text = render_file(job, english, engine.name)
        existed = job.path.exists()
        if existed and job.path.read_text("utf-8") == text:
            outcomes.append(Outcome(job.briefing.slug, "unchanged"))
            continue
        sent = len(job.protected)
        writes.append((job.path, text, Outcome(job.briefing.slug,
                                               "updated" if existed else "translated",
                                               f"{sent} of {len(job.parts)} parts sent", sent)))
    for path, text, outcome in writes:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        outcomes.append(outcome)
    return sorted(outcomes, key=lambda o: o.slug)


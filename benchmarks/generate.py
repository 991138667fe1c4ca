"""Generate a synthetic Nashra project of N briefings for benchmarks.

Arabic bodies are recombined from the default archive's paragraphs, each English body from
the translations of the same paragraphs (so the parallel view stays aligned); the real
entities come along, plus a few hundred synthetic people and events whose names are
written into the text, with dates spread over 25 years. Deterministic for a given seed.

    python benchmarks/generate.py 1000 /tmp/nashra-1k
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nashra.text.blocks import split_blocks  # noqa: E402
from nashra.text.frontmatter import dump, parse  # noqa: E402

FIRST_AR = ["أحمد", "سامي", "ليلى", "نادية", "يوسف", "كريم", "هالة", "رامي", "منى", "طارق",
            "سلمى", "وليد", "عمر", "دينا", "باسل", "ريم", "زياد", "نور", "حسام", "لينا"]
FIRST_EN = ["Ahmed", "Sami", "Layla", "Nadia", "Youssef", "Karim", "Hala", "Rami", "Mona",
            "Tarek", "Salma", "Walid", "Omar", "Dina", "Basel", "Reem", "Ziad", "Nour", "Hossam",
            "Lina"]
LAST_AR = ["الخطيب", "المصري", "الحلبي", "العلي", "الشامي", "النجار", "الحداد", "السعدي",
           "القاسم", "الزين", "الحسيني", "البزاز", "الراوي", "الصباغ", "العطار"]
LAST_EN = ["Al-Khatib", "Al-Masri", "Al-Halabi", "Al-Ali", "Al-Shami", "Al-Najjar",
           "Al-Haddad", "Al-Saadi", "Al-Qasem", "Al-Zein", "Al-Husseini", "Al-Bazzaz",
           "Al-Rawi", "Al-Sabbagh", "Al-Attar"]
SOURCES = [("الجزيرة نت", "Al Jazeera Net"), ("العربي الجديد", "Al-Araby Al-Jadeed"),
           ("الأخبار", "Al-Akhbar"), ("خبرين", "Khabrayn"), ("الشرق الأوسط", "Asharq Al-Awsat")]


def paragraph_pairs(project: Path) -> list[tuple[str, str]]:
    """(Arabic, English) paragraph pairs of the default archive's aligned briefings."""
    pairs = []
    for ar_file in sorted((project / "content" / "briefings").glob("*.ar.md")):
        en_file = ar_file.with_name(ar_file.name.replace(".ar.md", ".en.md"))
        if not en_file.exists():
            continue
        ar = split_blocks(parse(ar_file.read_text("utf-8")).body)
        en = split_blocks(parse(en_file.read_text("utf-8")).body)
        if len(ar) == len(en):
            pairs += [(a.source, e.source) for a, e in zip(ar, en, strict=True)
                      if a.kind == "paragraph"]
    return pairs


def synthetic_people(n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(id, Arabic name, English name) of n distinct made-up people."""
    people = []
    for i in range(n):
        f, last = i % len(FIRST_AR), (i // len(FIRST_AR)) % len(LAST_AR)
        suffix = i // (len(FIRST_AR) * len(LAST_AR))
        ar, en = f"{FIRST_AR[f]} {LAST_AR[last]}", f"{FIRST_EN[f]} {LAST_EN[last]}"
        if suffix:
            ar += " الثاني" if suffix == 1 else " الثالث"
            en += " II" if suffix == 1 else " III"
        people.append((f"synthetic-{i:04d}", ar, en))
    rng.shuffle(people)
    return people


def write_entity(folder: Path, ident: str, ar: str, en: str) -> None:
    """One synthetic person file."""
    meta = {"type": "person", "name": {"ar": ar, "en": en}, "aliases": {"ar": [ar], "en": [en]}}
    body = f"<!-- ar -->\nشخصية مولدة للاختبار: {ar}.\n\n<!-- en -->\nA generated person: {en}.\n"
    (folder / f"{ident}.md").write_text(dump(meta, body), "utf-8")


def write_event(folder: Path, ident: str, date: dt.date, person: tuple[str, str, str]) -> None:
    """One synthetic event whose trigger phrase is unique to it."""
    _, ar, en = person
    meta = {"date": date.isoformat(), "precision": "day",
            "title": {"ar": f"مؤتمر {ar} رقم {ident[-4:]}", "en": f"{en} conference {ident[-4:]}"},
            "participants": [person[0]],
            "triggers": {"ar": [f"مؤتمر {ar} رقم {ident[-4:]}"], "en": []}}
    body = "<!-- ar -->\nحدث مولد للاختبار.\n\n<!-- en -->\nA generated event.\n"
    (folder / f"{ident}.md").write_text(dump(meta, body), "utf-8")


def generate(n: int, out: Path, *, seed: int = 7, people: int = 300, events: int = 200) -> Path:
    """Write a project with `n` briefings into `out` (replacing it)."""
    rng = random.Random(seed)
    pairs = paragraph_pairs(ROOT)
    if out.exists():
        shutil.rmtree(out)
    (out / "content" / "briefings").mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "entities", out / "content" / "entities")
    shutil.copytree(ROOT / "content" / "events", out / "content" / "events")
    shutil.copy(ROOT / "nashra.toml", out / "nashra.toml")
    cast = synthetic_people(people, rng)
    for ident, ar, en in cast:
        write_entity(out / "content" / "entities", ident, ar, en)
    first_day = dt.date(2000, 1, 1).toordinal()
    span = 25 * 365
    happenings = []
    for i in range(events):
        date = dt.date.fromordinal(first_day + rng.randrange(span))
        ident = f"{date:%Y-%m}-synthetic-{i:04d}"
        person = cast[i % len(cast)]
        write_event(out / "content" / "events", ident, date, person)
        happenings.append((date, ident, person))
    for i in range(n):
        date = dt.date.fromordinal(first_day + rng.randrange(span))
        chosen = rng.sample(pairs, k=min(len(pairs), rng.randint(6, 14)))
        person = cast[rng.randrange(len(cast))]
        ar_blocks = [a for a, _ in chosen]
        en_blocks = [e for _, e in chosen]
        ar_blocks.insert(1, f"وقال {person[1]} إن الزيارة مهمة.")
        en_blocks.insert(1, f"{person[2]} said the visit was important.")
        if rng.random() < 0.3:
            ev_date, ev_id, ev_person = happenings[rng.randrange(len(happenings))]
            date = ev_date + dt.timedelta(days=rng.randrange(0, 20))
            ar_blocks.append(f"وجاء ذلك بعد مؤتمر {ev_person[1]} رقم {ev_id[-4:]}.")
            en_blocks.append(f"This followed {ev_person[2]} conference {ev_id[-4:]}.")
        slug = f"{date:%Y-%m}-synthetic-briefing-{i:05d}"
        name, name_en = SOURCES[i % len(SOURCES)]
        ar_meta = {"title": f"نشرة مولدة رقم {i}: {person[1]}", "date": date.isoformat(),
                   "summary": f"ملخص النشرة المولدة رقم {i}.",
                   "source": {"name": name, "name_en": name_en, "url": None, "author": None},
                   "events": [], "entities": [], "status": "published"}
        en_meta = {"title": f"Generated briefing {i}: {person[2]}",
                   "summary": f"Summary of generated briefing {i}.",
                   "key_points": ["First point.", "Second point.", "Third point."],
                   "translation": "editorial"}
        folder = out / "content" / "briefings"
        (folder / f"{slug}.ar.md").write_text(dump(ar_meta, "\n\n".join(ar_blocks)), "utf-8")
        (folder / f"{slug}.en.md").write_text(dump(en_meta, "\n\n".join(en_blocks)), "utf-8")
    return out


def main() -> None:
    """Command line: generate.py N OUT [--seed S]."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("n", type=int, help="number of briefings")
    args.add_argument("out", type=Path, help="project folder to write (replaced)")
    args.add_argument("--seed", type=int, default=7)
    ns = args.parse_args()
    generate(ns.n, ns.out, seed=ns.seed)
    print(f"wrote {ns.n} briefings into {ns.out}")


if __name__ == "__main__":
    main()

"""`nashra new`: starter files for a briefing, an entity or an event."""

from __future__ import annotations

from pathlib import Path

from nashra.load.content import SLUG_HINT, SLUG_RE

MAX_ID = 100

TEMPLATES: dict[str, tuple[str, str]] = {
    "briefing": ("content/briefings/{id}.ar.md", """---
title: العنوان
date: YYYY-MM-DD
summary: null
source: {{name: null, name_en: null, url: null, author: null}}
dateline: null
events: []
entities: []
status: draft
---

نص المقال هنا، فقرة بعد فقرة.
"""),
    "entity": ("content/entities/{id}.md", """---
type: person   # person | country | place | organisation
name: {{ar: الاسم, en: Name}}
aliases:
  ar: []
  en: []
adjectives: {{ar: []}}
---
<!-- ar -->
وصف قصير.

<!-- en -->
A short description.
"""),
    "event": ("content/events/{id}.md", """---
date: YYYY-MM-DD
precision: day
title: {{ar: العنوان, en: Title}}
place: null
participants: []
triggers:
  ar: []
  en: []
---
<!-- ar -->
وصف قصير.

<!-- en -->
A short description.
"""),
}


def create(project: Path, kind: str, ident: str) -> Path:
    """Write a starter file for `kind`; refuses to overwrite an existing file."""
    if len(ident) > MAX_ID:
        # file systems refuse names over 255 bytes; URLs that long help nobody either
        raise ValueError(f"the id is {len(ident)} characters long; keep it to {MAX_ID} or fewer")
    if not SLUG_RE.match(ident):
        raise ValueError(f"'{ident}' is not a safe slug: {SLUG_HINT}")
    pattern, text = TEMPLATES[kind]
    path = project / pattern.format(id=ident)
    if path.exists():
        raise FileExistsError(f"{path} already exists; nothing was changed")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.format(), encoding="utf-8")
    return path

"""Bidirectional controls kept balanced, so a title cannot reverse the text around it."""

from __future__ import annotations

ISOLATES = "\u2066\u2067\u2068"  # LRI, RLI, FSI … closed by PDI
PDI = "\u2069"
EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE, RLE, LRO, RLO … closed by PDF
PDF = "\u202c"
CONTROLS = ISOLATES + PDI + EMBEDDINGS + PDF


def balance_bidi(text: str) -> str:
    """`text` with closers that match no opener dropped and every open control closed.

    A title goes into a heading, a <title>, lists, feeds and search results; an RLO or RLI
    left open there would flip whatever the page prints after it.
    """
    if not any(c in CONTROLS for c in text):
        return text
    out: list[str] = []
    stack: list[str] = []
    for c in text:
        if c in ISOLATES or c in EMBEDDINGS:
            stack.append(c)
        elif c == PDI:
            if not any(o in ISOLATES for o in stack):
                continue
            while stack.pop() not in ISOLATES:  # a PDI also closes embeddings inside it
                out.append(PDF)
        elif c == PDF:
            if not stack or stack[-1] not in EMBEDDINGS:
                continue
            stack.pop()
        out.append(c)
    out.extend(PDI if o in ISOLATES else PDF for o in reversed(stack))
    return "".join(out)

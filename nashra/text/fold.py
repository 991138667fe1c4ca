"""The one Arabic letter-fold table: spelling variants of a letter folded to one letter.

Every matcher of Arabic text folds letters with this table (text.arabic for linking and
search, text.date_rules for dates, ingest.outlets and ingest.lines for outlet names and
boilerplate), each taking the part it needs: `letter_map(CORE)` is the part every matcher
shares, `letter_map()` the whole table. The letters are named with pyarabic's character
tables, so the table reads as what it folds.
"""

from __future__ import annotations

from pyarabic import araby

# Alef with hamza above/below, madda and wasla; alef maqsura; teh marbuta: the folds every
# Arabic matcher applies ("أوكرانيا" = "اوكرانيا", "إلى" = "الي", "القمة" = "القمه").
CORE = (araby.ALEF_HAMZA_ABOVE + araby.ALEF_HAMZA_BELOW + araby.ALEF_MADDA + araby.ALEF_WASLA
        + araby.ALEF_MAKSURA + araby.TEH_MARBUTA)

# Target letter -> the letters folded to it. Hamza seats fold the `tasheel` way (ؤ → و,
# ئ → ي), never pyarabic's default `uniform` way that turns them into ء. Persian, Urdu,
# Kurdish and Maghrebi forms fold to the Arabic letter of the same skeleton: foreign names
# are spelled both ways (ڤلاديمير / فلاديمير).
LETTER_FOLDS: dict[str, str] = {
    araby.ALEF: araby.ALEF_HAMZA_ABOVE + araby.ALEF_HAMZA_BELOW + araby.ALEF_MADDA
    + araby.ALEF_WASLA + "ٲٳٵ",
    araby.YEH: araby.ALEF_MAKSURA + araby.YEH_HAMZA + "یېےۓٸ",
    araby.HEH: araby.TEH_MARBUTA + "ۀەہۂۃھ",
    araby.WAW: araby.WAW_HAMZA + "ٶٷ",
    araby.KAF: "کڪگڭ",
    araby.BEH: "پ",
    araby.FEH: "ڤڥ",
    araby.JEEM: "چ",
    araby.ZAIN: "ژ",
    araby.QAF: "ڧڨ",
    ".": "٫",  # Arabic decimal separator
    ",": "٬",  # Arabic thousands separator
    "%": "٪",
}


def letter_map(sources: str | None = None) -> dict[str, str]:
    """Source letter -> its folded letter, for every letter of the table or only `sources`."""
    table = {ch: target for target, chars in LETTER_FOLDS.items() for ch in chars}
    if sources is None:
        return table
    missing = set(sources) - table.keys()
    if missing:
        raise ValueError(f"not in the fold table: {''.join(sorted(missing))}")
    return {ch: table[ch] for ch in sources}

"""The JS port (templates/assets/js/arabic.js) must fold text exactly as nashra.text.arabic does."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nashra.text.arabic import clitic_variants, normalize, search_terms

ROOT = Path(__file__).parent.parent
SCRIPT = ROOT / "nashra" / "theme" / "assets" / "js" / "arabic.js"
CASES = json.loads((ROOT / "tests" / "fixtures" / "arabic_cases.json").read_text("utf-8"))
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not on PATH")

# Reads {"texts": [...], "words": [...]} on stdin, loads arabic.js the way each runtime does,
# and prints what every function gives.
DRIVER = r"""
const fs = require("fs");
const vm = require("vm");
const path = process.argv[1];
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const viaRequire = require(path);
const sandbox = { window: {} };
vm.runInNewContext(fs.readFileSync(path, "utf8"), sandbox);  // a classic <script>: no module
const viaWindow = sandbox.window.NashraArabic;
process.stdout.write(JSON.stringify({
  normalize: input.texts.map((t) => viaRequire.normalize(t)),
  searchTerms: input.texts.map((t) => viaRequire.searchTerms(t)),
  windowNormalize: input.texts.map((t) => viaWindow.normalize(t)),
  windowSearchTerms: input.texts.map((t) => viaWindow.searchTerms(t)),
  cliticVariants: input.words.map((w) => viaRequire.cliticVariants(w)),
}));
"""


def run_js(texts: list[str], words: list[str] | None = None) -> dict[str, list]:
    """Run arabic.js under node over `texts` (and `words` for cliticVariants)."""
    payload = json.dumps({"texts": texts, "words": words or []})
    done = subprocess.run(
        ["node", "-e", DRIVER, str(SCRIPT)],
        input=payload,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def assert_same(texts: list[str]) -> None:
    """JS and Python agree on normalize and search terms, via require() and via window."""
    got = run_js(texts)
    for i, text in enumerate(texts):
        expected_norm, expected_terms = normalize(text), search_terms(text)
        assert got["normalize"][i] == expected_norm, text
        assert got["windowNormalize"][i] == expected_norm, text
        assert got["searchTerms"][i] == expected_terms, text
        assert got["windowSearchTerms"][i] == expected_terms, text


def test_case_table() -> None:
    texts = [case["input"] for case in CASES]
    got = run_js(texts)
    assert got["normalize"] == [case["normalized"] for case in CASES]
    assert got["searchTerms"] == [search_terms(t) for t in texts]
    assert got["windowNormalize"] == got["normalize"]


def test_seed_articles() -> None:
    assert_same([seed.read_text(encoding="utf-8") for seed in SEEDS])


@pytest.mark.slow
def test_every_bmp_character_alone_and_between_letters() -> None:
    chars = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF]
    contexts = [("", ""), ("ب", "ب"), ("1 ", " 2"), ("ي", "ء")]
    texts = [before + ch + after for before, after in contexts for ch in chars]
    got = run_js(texts)
    mismatches = [
        (hex(ord(t[len(t) // 2])), t, js)
        for t, js in zip(texts, got["normalize"], strict=True)
        if js != normalize(t)
    ]
    assert mismatches == []


@pytest.mark.parametrize(
    "word",
    ["وبوتين", "للرئيس", "وللرئيس", "بالعاصمة", "فبالتالي", "وشي", "بي", "Putin", "٢٠٢٤", " ", ""],
)
def test_clitic_variants(word: str) -> None:
    assert run_js([], [word])["cliticVariants"] == [list(clitic_variants(word))]


ALPHABET = list(
    "ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآٱىةؤئیکۀەپڤچژگ"
    "\u064b\u064e\u0650\u0651\u0652\u0670\u0610\u06d6\u06dd\u0654\u0640\u0640"
    " \n\t\u00a0\u200b\u200c\u200d\u200f\u061c\u202b\u2067\ufeff\u00ad"
    "٠١٢۴٫٪0189aZkÉİßΣЖ'’-.،؟()ﻻﻷﷲﺑﻮﹰﹱ🙂"
)


@settings(max_examples=10, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from(ALPHABET), max_size=40), min_size=300, max_size=300),
    st.lists(st.text(max_size=30), min_size=100, max_size=100),
)
def test_random_text(tricky: list[str], anything: list[str]) -> None:
    assert_same(tricky + anything)

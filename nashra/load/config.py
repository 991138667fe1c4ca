"""`nashra.toml` -> SiteConfig, with every problem reported at once."""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from pathlib import Path
from typing import Any

from nashra.model import LANGS, LangText, Problem, SiteConfig

CONFIG_NAME = "nashra.toml"

DEFAULTS = SiteConfig(
    title=LangText("نشرة", "Nashra"),
    description=LangText("أرشيف نشرات ثنائي اللغة", "A bilingual briefing archive"),
    base_url="https://example.org/",
)

KNOWN: dict[str, set[str]] = {
    "site": {"title", "description", "base_url", "languages", "default_language"},
    "linking": {"link_adjectives"},
    "translate": {"command", "name", "timeout"},  # read by `nashra translate` only
}


def key_line(text: str, key: str, section: str | None = None) -> int:
    """1-based line where `key` is assigned (inside `section` if given); 1 if not found."""
    start = 0
    if section:
        m = re.search(rf"^\[{re.escape(section)}\]\s*$", text, re.M)
        start = m.end() if m else 0
    m = re.compile(rf"^\s*{re.escape(key)}\s*=", re.M).search(text, start)
    pos = m.start() if m else start
    return text.count("\n", 0, pos) + 1


def _lang_text(value: Any, default: LangText) -> LangText | str:
    """A {ar, en} table as LangText, or an error message."""
    if isinstance(value, str):
        return LangText(value, value)
    if isinstance(value, dict) and all(isinstance(value.get(k), str) for k in LANGS):
        return LangText(value["ar"], value["en"])
    return "must be a string or a table with string keys ar and en"


def parse_config(text: str, path: str, *, strict: bool = False) -> tuple[SiteConfig, list[Problem]]:
    """Parse and validate the text of nashra.toml."""
    problems: list[Problem] = []
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else 1
        return DEFAULTS, [Problem(path, line, f"invalid TOML: {exc}", "check quotes and brackets")]

    def err(msg: str, key: str, section: str | None, hint: str = "") -> None:
        problems.append(Problem(path, key_line(text, key, section), msg, hint))

    for section, body in data.items():
        if section not in KNOWN:
            sev = "error" if strict else "warning"
            problems.append(Problem(path, key_line(text, section), f"unknown section [{section}]",
                                    f"known sections: {', '.join(sorted(KNOWN))}", sev))
            continue
        for key in body if isinstance(body, dict) else ():
            if key not in KNOWN[section]:
                problems.append(Problem(path, key_line(text, key, section),
                                        f"unknown key {section}.{key}",
                                        f"known keys: {', '.join(sorted(KNOWN[section]))}",
                                        "error" if strict else "warning"))
    site = data.get("site", {})
    linking = data.get("linking", {})

    title = _lang_text(site.get("title", DEFAULTS.title), DEFAULTS.title)
    if isinstance(title, str):
        err(f"site.title {title}", "title", "site", 'title = {ar = "…", en = "…"}')
        title = DEFAULTS.title
    description = _lang_text(site.get("description", DEFAULTS.description), DEFAULTS.description)
    if isinstance(description, str):
        err(f"site.description {description}", "description", "site")
        description = DEFAULTS.description

    base_url = site.get("base_url", DEFAULTS.base_url)
    if not isinstance(base_url, str) or not re.match(r"^https?://[^\s/]+(/\S*)?$", base_url):
        err("site.base_url must be an absolute http(s) URL", "base_url", "site",
            'base_url = "https://example.org/archive/"')
        base_url = DEFAULTS.base_url
    if not base_url.endswith("/"):
        base_url += "/"

    languages = site.get("languages", list(LANGS))
    if not isinstance(languages, list) or sorted(languages) != sorted(LANGS):
        err('site.languages must list both "ar" and "en"', "languages", "site",
            'languages = ["ar", "en"]')
        languages = list(LANGS)
    default_language = site.get("default_language", "ar")
    if default_language not in LANGS:
        err('site.default_language must be "ar" or "en"', "default_language", "site")
        default_language = "ar"

    link_adjectives = linking.get("link_adjectives", False)
    if not isinstance(link_adjectives, bool):
        err("linking.link_adjectives must be true or false", "link_adjectives", "linking")
        link_adjectives = False

    config = SiteConfig(title=title, description=description, base_url=base_url,
                        languages=tuple(languages), default_language=default_language,
                        link_adjectives=link_adjectives, strict=strict)
    return config, problems


def load_config(project: Path, *, strict: bool = False, base_url: tuple[str, str] | None = None
                ) -> tuple[SiteConfig, list[Problem]]:
    """Read nashra.toml from `project`; defaults when the file is absent. `base_url` is
    (url, where it was given): it replaces site.base_url (a deploy to a fork's own Pages URL)."""
    path = project / CONFIG_NAME
    if not path.exists():
        config, problems = SiteConfig(**{**DEFAULTS.__dict__, "strict": strict}), []
    else:
        config, problems = parse_config(path.read_text(encoding="utf-8"), CONFIG_NAME,
                                        strict=strict)
    if base_url is not None:
        url, source = base_url
        # Checked by the same rules as nashra.toml's, and reported as coming from `source`
        # (title and description are there only so that nothing but the URL is judged).
        given, more = parse_config(f'site = {{title = "-", description = "-", '
                                   f"base_url = {json.dumps(url)}}}\n", source)
        problems += more
        config = dataclasses.replace(config, base_url=given.base_url)
    return config, problems

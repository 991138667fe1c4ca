"""`nashra.toml` -> SiteConfig, with every problem reported at once."""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from nashra.model import LANGS, LangText, Problem, SiteConfig
from nashra.text.bidi import balance_bidi
from nashra.text.files import read_text, shown

CONFIG_NAME = "nashra.toml"

DEFAULTS = SiteConfig(
    title=LangText("نشرة", "Nashra"),
    description=LangText("أرشيف نشرات ثنائي اللغة", "A bilingual briefing archive"),
    base_url="https://example.org/",
)

KNOWN: dict[str, set[str]] = {
    "site": {"title", "description", "base_url", "languages", "default_language"},
    "linking": {"link_adjectives"},
    "limits": {"max_file_bytes"},
    "translate": {"command", "name", "timeout"},  # read by `nashra translate` only
}
BASE_URL_HINT = 'base_url = "https://example.org/archive/"'


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
    """A {ar, en} table as LangText (a missing key keeps the default), or an error message."""
    if value is None:
        return default
    if isinstance(value, str):
        value = {"ar": value, "en": value}
    if isinstance(value, dict) and all(isinstance(value.get(k), str) for k in LANGS):
        if not all(balance_bidi(value[k]).strip() for k in LANGS):
            return "must not be empty"
        return LangText(balance_bidi(value["ar"]).strip(), balance_bidi(value["en"]).strip())
    return "must be a string or a table with string keys ar and en"


def check_base_url(value: Any) -> str | None:
    """Why `value` is not a clean absolute http(s) URL, or None if it is one."""
    if not isinstance(value, str):
        return f"must be a text, not {shown(value)}"
    if re.search(r"[\s<>\"'`\\{}|^\x00-\x1f\x7f]", value):
        return f"holds a character a URL cannot (space, quote, < or >): {shown(value)}"
    try:
        parts = urlsplit(value)
        port = parts.port  # raises ValueError when out of range
    except ValueError:
        return f"has an invalid host or port: {shown(value)}"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"must start with http:// or https:// and a host name, not {shown(value)}"
    if parts.query or parts.fragment or "?" in value or "#" in value:
        return f"must not have a ?query or #fragment: {shown(value)}"
    if parts.username is not None or parts.password is not None:
        return f"must not hold a user name or password: {shown(value)}"
    if port == 0:
        return f"has an invalid port: {shown(value)}"
    return None


def parse_config(text: str, path: str, *, strict: bool = False) -> tuple[SiteConfig, list[Problem]]:
    """Parse and validate the text of nashra.toml."""
    problems: list[Problem] = []
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else 1
        return DEFAULTS, [Problem(path, line, f"invalid TOML: {exc}", "check quotes and brackets")]
    except RecursionError:  # tomllib recurses once per nested array or table
        return DEFAULTS, [Problem(path, 1, "nested too deeply to read",
                                  "nashra.toml needs no nesting beyond {ar = …, en = …}")]

    def err(msg: str, key: str, section: str | None, hint: str = "") -> None:
        problems.append(Problem(path, key_line(text, key, section), msg, hint))

    for section, body in list(data.items()):
        if section in KNOWN and not isinstance(body, dict):
            err(f"'{section}' must be a table: a line [{section}] and its keys below it",
                section, None, f"[{section}]" + ("\ntitle = …" if section == "site" else ""))
            data[section] = {}
            continue
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

    title = _lang_text(site.get("title"), DEFAULTS.title)
    if isinstance(title, str):
        err(f"site.title {title}", "title", "site", 'title = {ar = "…", en = "…"}')
        title = DEFAULTS.title
    description = _lang_text(site.get("description"), DEFAULTS.description)
    if isinstance(description, str):
        err(f"site.description {description}", "description", "site")
        description = DEFAULTS.description

    base_url = site.get("base_url", DEFAULTS.base_url)
    if (why := check_base_url(base_url)) is not None:
        err(f"site.base_url {why}", "base_url", "site", BASE_URL_HINT)
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

    limit = data.get("limits", {}).get("max_file_bytes", DEFAULTS.max_file_bytes)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1000:
        err("limits.max_file_bytes must be a whole number of bytes, at least 1000",
            "max_file_bytes", "limits", "max_file_bytes = 2_000_000")
        limit = DEFAULTS.max_file_bytes

    config = SiteConfig(title=title, description=description, base_url=base_url,
                        languages=tuple(languages), default_language=default_language,
                        link_adjectives=link_adjectives, strict=strict, max_file_bytes=limit)
    return config, problems


def load_config(project: Path, *, strict: bool = False, base_url: tuple[str, str] | None = None
                ) -> tuple[SiteConfig, list[Problem]]:
    """Read nashra.toml from `project`; defaults when the file is absent. `base_url` is
    (url, where it was given): it replaces site.base_url (a deploy to a fork's own Pages URL)."""
    path = project / CONFIG_NAME
    if not path.exists() and not path.is_symlink():
        config, problems = SiteConfig(**{**DEFAULTS.__dict__, "strict": strict}), []
    elif isinstance(text := read_text(path, CONFIG_NAME, project), Problem):
        config, problems = SiteConfig(**{**DEFAULTS.__dict__, "strict": strict}), [text]
    else:
        config, problems = parse_config(text, CONFIG_NAME, strict=strict)
    if base_url is not None:
        url, source = base_url
        # Checked by the same rules as nashra.toml's, and reported as coming from `source`
        # (title and description are there only so that nothing but the URL is judged).
        given, more = parse_config(f'site = {{title = "-", description = "-", '
                                   f"base_url = {json.dumps(url)}}}\n", source)
        problems += more
        config = dataclasses.replace(config, base_url=given.base_url)
    return config, problems

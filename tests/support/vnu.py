"""The Nu HTML checker (npm vnu-jar) run once over many files."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .paths import INSTALL_HINT, VNU_JAR

# Linux allows ~2 MB of arguments; stay far below it so a huge site needs only a few JVMs.
_MAX_ARG_CHARS = 200_000
# A short-lived checker gains nothing from the optimising JIT or a parallel GC: these halve
# its CPU time here. The client JIT's deeper frames need a bigger stack than the default.
_JVM = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m")


def vnu_check(
    paths: Iterable[Path | str], *, css: bool = False, svg: bool = False
) -> list[dict]:
    """Nu checker errors for `paths` (files or folders), each message with a `file` key added."""
    targets = [str(Path(p)) for p in paths]
    if not targets:
        raise ValueError("vnu_check needs at least one file or folder")
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        raise FileNotFoundError(f"the Nu checker needs java and {VNU_JAR}; {INSTALL_HINT}")
    # --no-langdetect: its findings are warnings, which --errors-only drops anyway, and it
    # doubles the run time.
    options = ["--format", "json", "--errors-only", "--stdout", "--skip-non-html",
               "--no-langdetect"]
    options += ["--also-check-css"] if css else []
    options += ["--also-check-svg"] if svg else []
    messages: list[dict] = []
    for chunk in _chunks(targets):
        messages += _run([java, *_JVM, "-jar", str(VNU_JAR), *options, *chunk])
    return [{**message, "file": _file_of(message.get("url", ""))} for message in messages]


def _chunks(targets: list[str]) -> Iterator[list[str]]:
    """Split the argument list so no command line gets too long (one chunk for most sites)."""
    chunk: list[str] = []
    size = 0
    for target in targets:
        if chunk and size + len(target) > _MAX_ARG_CHARS:
            yield chunk
            chunk, size = [], 0
        chunk.append(target)
        size += len(target) + 1
    yield chunk


def _run(command: list[str]) -> list[dict]:
    """Run one checker process and return its messages; raise if it did not report."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    # Exit 1 only means "errors found"; anything else, or no JSON, means the checker broke.
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(
            f"vnu exited {done.returncode} without a JSON report:\n{done.stdout}\n{done.stderr}"
        ) from error
    if done.returncode not in (0, 1):
        raise RuntimeError(f"vnu exited {done.returncode}:\n{done.stderr}")
    return list(report.get("messages", []))


def _file_of(url: str) -> str:
    """Local path of a checker URL such as 'file:/tmp/site/index.html'."""
    parts = urlsplit(url)
    return unquote(parts.path) if parts.scheme == "file" else url


def format_messages(messages: Iterable[dict], root: Path | None = None) -> str:
    """Messages grouped by file, one `line:column: message` per line, for a failure report."""
    by_file: dict[str, list[dict]] = {}
    for message in messages:
        by_file.setdefault(message.get("file", "?"), []).append(message)
    lines = []
    for name in sorted(by_file):
        shown = name
        if root is not None and Path(name).is_relative_to(root):
            shown = str(Path(name).relative_to(root))
        lines.append(f"{shown}:")
        for message in by_file[name]:
            where = f"{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}"
            lines.append(f"  {where}: {message.get('type')}: {message.get('message')}")
            if message.get("extract"):
                lines.append(f"      {message['extract']!r}")
    return "\n".join(lines)

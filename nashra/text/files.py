"""Every input file is read here: text back, or one Problem saying what is wrong with it.

Content files, nashra.toml and seeds (at build time and by `nashra ingest`) all come
through `read_text`, so that a binary, UTF-16, oversized, NUL-holding or undecodable file,
a folder where a file was expected, and a symlink that leaves the project or loops are
each a `path:line: message (hint: …)` and never a traceback.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from nashra.model import Problem, SiteConfig

# Far above any article (a long one is ~50 kB) and small enough that a stray video or
# database dropped into content/ is refused before it is read into memory.
MAX_FILE_BYTES: int = SiteConfig.max_file_bytes
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b",
                 b"SQLite format", b"\x7fELF")
# Control characters a page can never show (HTML forbids them): dropped on read. NUL is
# refused instead, because it usually means the file is not text at all.
_INVISIBLE = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def shown(value: object) -> str:
    """A value for a message: its repr cut short (a field may hold megabytes)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _line_of(data: bytes | str, index: int) -> int:
    return data[:index].count(b"\n" if isinstance(data, bytes) else "\n") + 1


def _outside(path: Path, root: Path) -> Problem | None:
    """A Problem if `path` (under root) resolves outside `root` or loops; None if fine."""
    try:
        target = path.resolve(strict=True)
    except (RuntimeError, OSError) as exc:  # Python < 3.13 raises RuntimeError on a loop
        if isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP:
            return Problem("", 1, "symlink loop",
                           "the link points (through other links) back at itself; remove it")
        if path.is_symlink():
            return Problem("", 1, "broken symlink: its target does not exist",
                           "remove the link or restore its target")
        raise
    if not target.is_relative_to(root.resolve()):
        return Problem("", 1, "symlink points outside the project",
                       f"copy the file into the project instead of linking to {target}")
    return None


def decode_text(raw: bytes, rel: str, *, limit: int = MAX_FILE_BYTES) -> str | Problem:
    """Bytes of an input file as text, or the Problem that says why they are not text."""
    if len(raw) > limit:
        return Problem(rel, 1, f"file is {len(raw):,} bytes, over the limit of {limit:,}",
                       "split it, or raise [limits] max_file_bytes in nashra.toml")
    if raw.startswith(_UTF16_BOMS) or (len(raw) > 3 and raw[1::2].count(0) > len(raw) // 4):
        return Problem(rel, 1, "file is UTF-16 text, not UTF-8",
                       "save it as UTF-8 (in most editors: Save As… → Encoding: UTF-8)")
    if raw.startswith(_BINARY_MAGIC) or raw[:8192].count(0) > 8:
        return Problem(rel, 1, "binary file, not text (an image, PDF or archive?)",
                       "content/ and seeds/ take UTF-8 text files only; move it elsewhere")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(rel, _line_of(raw, exc.start),
                       f"not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded)",
                       "save the file as UTF-8")
    if (nul := text.find("\0")) != -1:
        return Problem(rel, _line_of(text, nul), "NUL character in the text",
                       "remove it: a NUL byte usually means a damaged or non-text file")
    return _INVISIBLE.sub("", text.removeprefix("\ufeff"))


def read_text(path: Path, rel: str, root: Path, *, limit: int = MAX_FILE_BYTES) -> str | Problem:
    """The text of the file at `path` (shown as `rel`, must stay inside `root`), or a Problem."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:  # os gives undecodable name bytes back as lone surrogates
        shown_name = os.fsencode(rel).decode("utf-8", "replace")
        return Problem(shown_name, 1, "the file name is not valid UTF-8",
                       "rename the file (letters, digits and hyphens are safest)")
    try:
        escaped = _outside(path, root)
        if escaped is not None:
            return Problem(rel, 1, escaped.message, escaped.hint)
        if path.is_dir():
            return Problem(rel, 1, "is a folder, not a file",
                           "rename the folder, or move its files up one level")
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO or device: reading it could block forever
            return Problem(rel, 1, "not a regular file (a pipe, socket or device)",
                           "replace it with an ordinary text file")
        size = st.st_size
        if size > limit:
            return Problem(rel, 1, f"file is {size:,} bytes, over the limit of {limit:,}",
                           "split it, or raise [limits] max_file_bytes in nashra.toml")
        raw = path.read_bytes()
    except FileNotFoundError:
        return Problem(rel, 1, "file not found", "check the name")
    except OSError as exc:
        return Problem(rel, 1, f"cannot read the file ({os.strerror(exc.errno or 0)})"
                       if exc.errno else f"cannot read the file ({exc})",
                       "check its permissions")
    return decode_text(raw, rel, limit=limit)

"""What says a file changed without reading it (stamps), and short digests of values."""

from __future__ import annotations

import hashlib
import os
from typing import NamedTuple

# What says a file changed without reading it: size, mtime, ctime and inode. An input's
# ctime cannot be set back by tools that restore an mtime (cp -p, rsync -t), so an edit
# always shows. An output's ctime is left out: the search indexer hard-links pages, which
# changes their ctime but not their bytes.
Stamp = tuple[int, ...]


def stamp(st: os.stat_result) -> Stamp:
    """An input file's stamp from its stat."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def output_stamp(st: os.stat_result) -> Stamp:
    """An output file's stamp from its stat."""
    return (st.st_size, st.st_mtime_ns, 0, st.st_ino)


def digest(*parts: object) -> str:
    """A short stable digest of values with a deterministic repr."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=12).hexdigest()


class OutputEntry(NamedTuple):
    """An output file as last written: the fingerprint of its inputs, its hash and stamp.

    A named tuple: a big site has tens of thousands, read back in one piece each build."""

    fp: str
    sha: str
    stamp: Stamp

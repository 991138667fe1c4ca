"""Ingest: raw scraped article text -> a cleaned Markdown briefing draft with front matter.

The stage's API; its parts: `lines` (records and helpers), `debris` (boilerplate rules),
`header` (title, byline, dateline, outlet, dates), `clean` (one article), `draft` (the
Markdown draft and the files), `outlets` (the outlet table).
"""

from nashra.ingest.clean import clean
from nashra.ingest.draft import (
    BOILERPLATE_ONLY,
    added_on,
    default_slug,
    draft_is_unchanged,
    draft_markdown,
    escape_markdown,
    ingest,
    seed_problem,
)
from nashra.ingest.header import day_dates, repeats_article, split_dateline
from nashra.ingest.lines import Block, CleanArticle, IngestOutcome

__all__ = ["BOILERPLATE_ONLY", "Block", "CleanArticle", "IngestOutcome", "added_on", "clean",
           "day_dates", "default_slug", "draft_is_unchanged", "draft_markdown", "escape_markdown",
           "ingest", "repeats_article", "seed_problem", "split_dateline"]

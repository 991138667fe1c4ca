"""Text tools every stage shares: Arabic normalisation, dates, Markdown blocks, front matter."""

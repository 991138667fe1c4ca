"""Link: mentions, dates and events found in each briefing, then the archive's indexes, once."""

"""Nashra: a bilingual (Arabic / English) news-briefing archive generator."""

__version__ = "0.1.0"

"""Keyword extraction (filled in by the keyword step)."""

"""Scoring: indicators (value + 0–1 score + evidence) and weighted dimension scores."""

"""Measuring answers and study mode: golden sets, metrics, evaluation, reports, library health."""

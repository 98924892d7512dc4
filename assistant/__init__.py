"""Juror Assistant: cited answers for film-festival jurors from the festival's own rules.

Nothing heavy happens on import: models, stores and files are opened on first use.
"""

__version__ = "0.1.0"

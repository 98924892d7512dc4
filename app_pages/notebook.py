"""Notebook page: a juror's private notes, the check before deliberation (body in assistant/ui/notebook.py)."""

from assistant.ui import notebook
from assistant.ui.shell import run_page

run_page(notebook.render)

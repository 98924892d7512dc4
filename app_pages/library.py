"""Library page (body in assistant/ui/library.py)."""

from assistant.ui import library
from assistant.ui.shell import run_page

run_page(library.render)

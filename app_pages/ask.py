"""Ask page (body in assistant/ui/ask.py)."""

from assistant.ui import ask
from assistant.ui.shell import run_page

run_page(ask.render)

"""Study page (body in assistant/ui/study.py)."""

from assistant.ui import study
from assistant.ui.shell import run_page

run_page(study.render)

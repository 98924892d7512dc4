"""Quality page, organisers only (body in assistant/ui/quality.py)."""

from assistant.ui.shell import quality_for_organisers, run_page

run_page(quality_for_organisers)

"""scripts/rule_inventory.py: the count of hand-made rules that docs/evaluation.md reports."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from rule_inventory import count_source, modules  # noqa: E402


def test_word_lists_regex_alternatives_and_hand_set_numbers_are_counted() -> None:
    source = (
        "import re\n"
        "MODALS = frozenset({'must', 'shall', 'may'})\n"
        "WEEKDAYS = 'monday tuesday friday'.split()\n"
        "_ASK = re.compile(r'^(who|whom|whose)\\b|\\bwho decides\\b', re.I)\n"
        "LIMIT = 0.6\n"
        "ZERO = 0\n"
        "class Retriever:\n"
        "    k: int = 6\n"
        "    def search(self):\n"
        "        depth = 40\n"  # inside a function: a local, not a setting of the module
        "        return re.sub(rf'(a|b)', '', 'x')\n"
    )
    found = count_source(source)
    assert found["word-list entries"] == 6
    assert found["regex alternatives"] == 4 + 2
    assert found["hand-set numbers"] == 2  # LIMIT and k; 0 and 1 are no settings


def test_the_edges_and_the_settings_are_not_counted() -> None:
    counted = modules(None)
    assert "assistant/answers/needs.py" in counted
    assert not any(p.startswith(("assistant/ui/", "assistant/cli/")) for p in counted)
    assert "assistant/config.py" not in counted

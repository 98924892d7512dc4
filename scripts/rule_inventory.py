#!/usr/bin/env python3
"""How many hand-made rules the code holds: word-list entries, regular-expression alternatives and hand-set numbers.

    .venv/bin/python scripts/rule_inventory.py                 # this checkout, by folder
    .venv/bin/python scripts/rule_inventory.py --commit 5810646   # the same count at another commit (git show)
    .venv/bin/python scripts/rule_inventory.py --by-module        # one row a module

Issue 20 asked for fewer hand-made rules, each one earned; this counts them the same way at any commit, so that the
figure can be compared. Counted in every module of `assistant/` except the edges (`cli`, `ui`, `notebook`, `quality`)
and `errors`, `config`, `schema`, `weights`, whose literals are messages and settings, not rules:

- word-list entries: the strings of a set, list or tuple literal of two or more strings, or of `"a b c".split()`;
- regular-expression alternatives: for each pattern given to `re.compile` (or `re.search`, `re.sub`, ...) as a
  literal or an f-string, its `|` separators plus one;
- hand-set numbers: numbers other than 0, 1 and -1 assigned to a module-level or class-level name (a threshold, a
  weight, a limit); the fitted ones live in `assistant/data/*.json` and are not counted.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EDGES = ("assistant/cli/", "assistant/ui/", "assistant/notebook/", "assistant/quality/")
NOT_RULES = {"errors.py", "config.py", "schema.py", "weights.py", "__init__.py"}
RE_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"}


def _pattern_text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _pattern_text(node.left), _pattern_text(node.right)
        return None if left is None and right is None else (left or "") + (right or "")
    return None


def _strings(node: ast.expr) -> list[str] | None:
    """The strings of a literal word list, or None when the node is not one."""
    if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
        items = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        return items if len(items) >= 2 and len(items) == len(node.elts) else None
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "split"
        and not node.args
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return node.func.value.value.split()
    return None


def count_source(source: str) -> Counter[str]:
    """Word-list entries, regex alternatives and hand-set numbers in one module's source."""
    tree = ast.parse(source)
    found: Counter[str] = Counter()
    patterns: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in RE_CALLS
            and node.args
        ):
            text = _pattern_text(node.args[0])
            if text is not None:
                found["regex alternatives"] += text.count("|") + 1
                patterns.add(id(node.args[0]))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple, ast.Call)):
            words = _strings(node)
            if words is not None and not any(id(e) in patterns for e in getattr(node, "elts", [])):
                found["word-list entries"] += len(words)
    scopes: list[list[ast.stmt]] = [tree.body, *[n.body for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]]
    for body in scopes:
        for stmt in body:
            value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
            if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub):
                value = value.operand
            if (
                isinstance(value, ast.Constant)
                and isinstance(value.value, (int, float))
                and not isinstance(value.value, bool)
                and value.value not in (0, 1)
            ):
                found["hand-set numbers"] += 1
    return found


def modules(commit: str | None) -> dict[str, str]:
    """{path: source} of the counted modules, in the working tree or at a commit."""
    if commit is None:
        paths = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "assistant").rglob("*.py"))
        read = {p: (ROOT / p).read_text(encoding="utf-8") for p in paths}
    else:
        listing = subprocess.run(
            ["git", "ls-tree", "-r", "--name-only", commit, "assistant/"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        read = {
            p: subprocess.run(
                ["git", "show", f"{commit}:{p}"], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout
            for p in listing
            if p.endswith(".py")
        }
    return {p: s for p, s in read.items() if not p.startswith(EDGES) and Path(p).name not in NOT_RULES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commit", help="count at this commit instead of the working tree")
    parser.add_argument("--by-module", action="store_true", help="one row a module instead of one a folder")
    args = parser.parse_args()
    by_folder: dict[str, Counter[str]] = {}
    for path, source in modules(args.commit).items():
        folder = path if args.by_module else str(Path(path).parent)
        by_folder.setdefault(folder, Counter()).update(count_source(source))
    kinds = ("word-list entries", "regex alternatives", "hand-set numbers")
    print(f"| {'module' if args.by_module else 'folder'} | " + " | ".join(kinds) + " |")
    print("|---|" + "---:|" * len(kinds))
    total: Counter[str] = Counter()
    for folder, found in sorted(by_folder.items()):
        total.update(found)
        print(f"| {folder} | " + " | ".join(str(found[k]) for k in kinds) + " |")
    print("| **all** | " + " | ".join(f"**{total[k]}**" for k in kinds) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

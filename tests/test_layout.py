"""The package's folders are its data flow: kernel <- library <- answers <- study <- quality <- cli/ui, with organiser
beside library and notebook beside quality (neither imports the other). A module never imports from a folder above its
own, and modules import each other without cycles (lazy imports inside functions count; imports for type checking only
do not make a cycle)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "assistant"
# Each folder's level; a module may import from its own folder and from folders of a lower level.
LEVELS = {
    "": 0,
    "library": 1,
    "organiser": 1,
    "answers": 2,
    "study": 3,
    "quality": 4,
    "notebook": 4,
    "cli": 5,
    "ui": 5,
}
MAX_LINES = 500
LONGER = {}  # module -> why it may be longer than MAX_LINES (docs/architecture.md says the same)


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def folder_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and (PACKAGE / parts[1]).is_dir()) else ""


def imports_of(path: Path) -> list[tuple[str, bool]]:
    """(imported assistant module, for type checking only) for every import statement of a file."""
    tree = ast.parse(path.read_text())
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only |= {id(n) for child in node.body for n in ast.walk(child)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "assistant":
                continue
            for alias in node.names:  # `from assistant.x import y` may import the module assistant.x.y
                full = f"{node.module}.{alias.name}"
                target = full if _is_module(full) else node.module
                found.append((target, id(node) in type_only))
        elif isinstance(node, ast.Import):
            found += [(a.name, id(node) in type_only) for a in node.names if a.name.split(".")[0] == "assistant"]
    return found


def _is_module(dotted: str) -> bool:
    path = PACKAGE.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def package_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_folder_has_a_level():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders <= set(LEVELS), f"folders without a level in LEVELS: {sorted(folders - set(LEVELS))}"


def upward_imports(modules: dict[str, Path]) -> list[str]:
    wrong = []
    for name, path in modules.items():
        here = folder_of(name)
        for target, _ in imports_of(path):
            there = folder_of(target)
            if there == here:
                continue
            if LEVELS[there] > LEVELS[here] or (LEVELS[there] == LEVELS[here] and there != here):
                wrong.append(f"{name} imports {target} ({there or 'kernel'} is not below {here or 'kernel'})")
    return wrong


def cycles(modules: dict[str, Path]) -> list[list[str]]:
    graph = {
        name: sorted({t for t, type_only in imports_of(path) if not type_only and t in modules} - {name})
        for name, path in modules.items()
    }
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in graph:
        if name not in state:
            visit(name)
    # a package's __init__ importing its own modules is not a cycle worth reporting
    return [c for c in found if not all(c[0].startswith(m) or m.startswith(c[0]) for m in c)]


def test_no_module_imports_from_a_folder_above_its_own():
    assert upward_imports(package_modules()) == []


def test_modules_import_each_other_without_cycles():
    assert cycles(package_modules()) == []


def test_no_module_is_longer_than_the_limit_unless_the_architecture_says_why():
    long = {
        name: n for name, path in package_modules().items() if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert set(long) <= set(LONGER), f"modules over {MAX_LINES} lines: {long}"


# The checks themselves must be able to fail.
def test_the_layout_check_catches_an_upward_import_and_a_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    fake = tmp_path / "assistant"
    for folder in ("library", "answers"):
        (fake / folder).mkdir(parents=True)
        (fake / folder / "__init__.py").write_text("")
    (fake / "__init__.py").write_text("")
    (fake / "library" / "store.py").write_text("from assistant.answers.retrieval import search\n")
    (fake / "answers" / "retrieval.py").write_text("def search():\n    from assistant.answers import scope\n")
    (fake / "answers" / "scope.py").write_text("from assistant.answers.retrieval import search\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    modules = package_modules()
    assert upward_imports(modules) == [
        "assistant.library.store imports assistant.answers.retrieval (answers is not below library)"
    ]
    assert ["assistant.answers.retrieval", "assistant.answers.scope", "assistant.answers.retrieval"] in cycles(modules)

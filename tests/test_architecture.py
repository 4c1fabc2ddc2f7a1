"""The layering the README's architecture map promises, checked on the source itself.

* no import loops between archiver's modules (module-level and lazy imports alike);
* the core (everything but ``crawl/``, ``cli/`` and ``spiders/``) never imports Scrapy or Twisted,
  nor the layers above it; ``ops/`` never imports the Scrapy layer;
* importing the core in a fresh interpreter loads no Scrapy or Twisted module;
* every module is named in the README's architecture section.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRAPY = ("scrapy", "twisted")
UPPER = ("archiver.crawl", "archiver.cli", "spiders")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    files = [*sorted((ROOT / "archiver").rglob("*.py")), *sorted((ROOT / "spiders").rglob("*.py"))]
    return {_module_name(p): p for p in files if p.name != "__main__.py"}


MODULES = _modules()


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node, except those under ``if TYPE_CHECKING:`` (annotations only: never imported at run time)."""
    out: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        out.append(node)
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
    return out


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports at run time (at module level or inside functions), as dotted names."""
    found: set[str] = set()
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            for alias in node.names:  # a submodule is imported from its package: the edge is to the submodule
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return found


GRAPH = {name: {i for i in _imports(path) if i in MODULES and i != name} for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return out


def test_no_import_loops() -> None:
    assert _cycles(GRAPH) == []


def _core(name: str) -> bool:
    return not name.startswith(UPPER)


@pytest.mark.parametrize("name", [n for n in MODULES if _core(n)])
def test_the_core_imports_neither_scrapy_nor_the_layers_above(name: str) -> None:
    imported = _imports(MODULES[name])
    assert not [i for i in imported if i.split(".")[0] in SCRAPY]
    assert not [i for i in imported if i.startswith(UPPER)]
    if name.startswith("archiver.ops"):
        assert not [i for i in imported if i.startswith("archiver.crawl")]


def test_importing_the_core_loads_no_scrapy_or_twisted() -> None:
    core = [n for n in MODULES if _core(n) and not n.startswith("archiver.demo")]
    code = ("import importlib, sys\n"
            f"for name in {core!r}: importlib.import_module(name)\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'scrapy', 'twisted'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_readme_names_every_module() -> None:
    """The map lists each module by its path (the demo site and packages' ``__init__`` as one entry each)."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Architecture", 1)[1]
    missing = []
    for name, path in MODULES.items():
        if name.startswith("archiver.demo") or path.name == "__init__.py":
            continue
        if path.relative_to(ROOT).as_posix() not in section:
            missing.append(path.relative_to(ROOT).as_posix())
    assert "archiver/demo/" in section
    assert missing == []

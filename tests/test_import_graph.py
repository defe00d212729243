"""The import graph of thidua's modules has no circle, and the core never imports the layers above it.

Every import counts, at the top of a module or inside a function (only the
imports under ``if TYPE_CHECKING:`` do not: they never run). The modules are
grouped into components: each subpackage (``thidua.engine``), and each module
directly under ``thidua`` (``thidua.errors``, ``thidua.tables``). The root
module ``thidua`` re-exports and provides what the core shows
(``thidua._present``); it sits above every component and is left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import thidua

PACKAGE = Path(thidua.__file__).parent
#: the core: it knows nothing of languages, files, tables, notebooks, reports, servers
CORE = {
    "thidua._codes",
    "thidua._gc",
    "thidua._present",
    "thidua._problems",
    "thidua._renamed",
    "thidua.engine",
    "thidua.errors",
    "thidua.formula",
    "thidua.model",
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ["thidua", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _component(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _type_checking_only(tree: ast.Module) -> set[int]:
    """The ids of the import nodes under ``if TYPE_CHECKING:``."""
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return skip


def _imported(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The thidua modules *module* imports (the root's lazy names resolved to their modules)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_only(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                full = f"{node.module}.{a.name}"
                if full in modules:
                    found.add(full)
                elif node.module == "thidua" and a.name in thidua._LAZY:
                    found.add(thidua._LAZY[a.name])
                else:
                    found.add(node.module)
    return {m for m in found if m.startswith("thidua.") and m in modules and _component(m) != _component(module)}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        if module == "thidua":
            continue
        graph.setdefault(_component(module), set()).update(_component(m) for m in _imported(module, path, modules))
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A circle in *graph*, if there is one."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_import_graph_has_no_circle():
    assert _cycle(_graph()) is None


def test_the_core_imports_only_the_core():
    graph = _graph()
    outside = {c: sorted(graph[c] - CORE) for c in CORE if graph.get(c, set()) - CORE}
    assert outside == {}


def test_the_model_does_not_import_the_engine():
    assert "thidua.engine" not in _graph()["thidua.model"]


def test_the_check_sees_imports_inside_functions():
    # the graph is not blind to lazy imports: the command line imports the report inside a function
    assert "thidua.report" in _graph()["thidua.cli"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]

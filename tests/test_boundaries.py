"""The code's rooms: core beneath both sides, etl writes, analytics reads, pages only render; no import circles."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "etl", "analytics")


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every project module a file imports, at the top or inside a function ("from etl import x" counts as
    etl.x when x is a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            is_module = (ROOT / Path(*name.split("."))).with_suffix(".py").exists()
            if name in PACKAGES or (name.split(".")[0] in PACKAGES and is_module):
                found.add(name)
    return found


def _files(*globs: str) -> list[Path]:
    return sorted(p for g in globs for p in ROOT.glob(g))


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in _files("core/*.py", "etl/*.py", "analytics/*.py")}


def test_core_stands_on_its_own() -> None:
    for path in _files("core/*.py"):
        text = path.read_text(encoding="utf-8")
        assert not {m for m in _imports(path) if not m.startswith("core")}, path.name
        assert "import streamlit" not in text and "from streamlit" not in text, path.name


def test_the_read_side_does_not_import_the_write_side() -> None:
    for path in _files("analytics/*.py"):
        reached = {m for m in _imports(path) if m.startswith("etl")}
        # The one exception: a fresh clone's first start builds the missing warehouse.
        allowed = {"etl.build"} if path.name == "db.py" else set()
        assert reached <= allowed, f"{path.name} imports {sorted(reached - allowed)}"


def test_the_write_side_does_not_import_the_read_side() -> None:
    for path in _files("etl/*.py"):
        assert not {m for m in _imports(path) if m.startswith("analytics")}, path.name
        assert "import streamlit" not in path.read_text(encoding="utf-8"), path.name


def test_pages_render_and_only_the_import_page_writes() -> None:
    for path in _files("dashboard.py", "pages/*.py"):
        reached = {m for m in _imports(path) if m.startswith("etl")}
        if path.name.endswith("nhap_du_lieu.py"):
            assert reached, "the import page loads through etl"
        else:
            assert not reached, f"{path.name} imports {sorted(reached)}"
        assert "import duckdb" not in path.read_text(encoding="utf-8"), path.name


def test_no_import_circles() -> None:
    graph = _graph()
    done: set[str] = set()

    def visit(module: str, trail: tuple[str, ...]) -> None:
        if module in trail:
            raise AssertionError(" → ".join((*trail[trail.index(module) :], module)))
        if module in done:
            return
        for target in graph.get(module, ()):
            if target != module and target in graph:
                visit(target, (*trail, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())


def test_the_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    # The rules above must be able to fail: the old readers ↔ longform circle hid its imports in functions.
    sample = tmp_path / "x.py"
    sample.write_text("def f():\n    from etl import build\n    from analytics.db import query\n", encoding="utf-8")
    assert _imports(sample) == {"etl", "etl.build", "analytics.db"}

"""The import rules of docs/ARCHITECTURE.md, checked by reading every module's imports.

Static (``ast``), so a rule broken inside a function that no test calls is caught too, and
the whole package is read in well under a second.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "debate"

LAYERS: dict[str, int] = {
    # foundations
    "debate": 0,
    "debate.errors": 0,
    "debate.files": 0,
    "debate.display": 0,
    "debate.paths": 0,
    "debate.perf": 0,
    "debate.locate": 0,
    "debate.locate_fast": 0,
    "debate.toml_pieces": 0,
    "debate.toml_pieces_helper": 0,
    "debate.textpatch": 0,
    "debate.tomlwriter": 0,
    "debate.editor": 0,
    "debate.rules": 0,
    # model
    "debate.model": 1,
    "debate.schema": 1,
    "debate.slugs": 1,
    # store and scoring, side by side
    "debate.store": 2,
    "debate.scoring": 2,
    # formats
    "debate.formats": 3,
    "debate.terminal_tree": 3,
    "debate.render": 3,
    "debate.plain_layout": 3,
    "debate.map_layout": 3,
    "debate.map_placement": 3,
    # services
    "debate.opener": 4,
    "debate.session": 4,
    "debate.journal": 4,
    "debate.edits": 4,
    "debate.history": 4,
    "debate.queries": 4,
    "debate.diff": 4,
    "debate.merge": 4,
    "debate.lint": 4,
    "debate.trial": 4,
    # front ends
    "debate.tui": 5,
    "debate.serve": 5,
    "debate.commands": 6,
    "debate.cli": 6,
    "debate.__main__": 6,
}
"""Each module's layer, by its longest listed prefix (``debate.formats.kialo`` -> formats)."""

SIDE_BY_SIDE = {("debate.store", "debate.scoring"), ("debate.scoring", "debate.store")}
LIGHT_HELPERS = ("debate", "debate.paths", "debate.commands")


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    at_top: bool
    """At module level, outside ``if TYPE_CHECKING:`` (what importing the module runs)."""

    def __str__(self) -> str:
        return f"{self.importer}:{self.line} imports {self.imported}"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _skipped_on_import(node: ast.AST) -> bool:
    """A function body (runs when called) or an ``if TYPE_CHECKING:`` block (never runs)."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        return True
    return isinstance(node, ast.If) and _is_type_checking(node)


def _imported(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:  # relative: resolve against the importing package
        base = importer.split(".")
        base = base if is_package else base[:-1]
        base = base[: len(base) - (node.level - 1)]
        module = ".".join([*base, node.module] if node.module else base)
    else:
        module = node.module or ""
    # ``from debate.tui import filters`` imports the module debate.tui.filters
    return [module] + [f"{module}.{alias.name}" for alias in node.names if alias.name != "*"]


def imports_of(path: Path) -> list[Import]:
    importer = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[Import] = []

    def visit(node: ast.AST, at_top: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                names = _imported(child, importer, path.name == "__init__.py")
                if isinstance(child, ast.ImportFrom):
                    # the module itself, plus names that are submodules we know of
                    names = [names[0]] + [n for n in names[1:] if n in ALL_MODULES]
                found.extend(Import(importer, name, child.lineno, at_top) for name in names)
            else:
                visit(child, at_top and not _skipped_on_import(child))

    visit(tree, at_top=True)
    return found


ALL_MODULES = {module_name(path) for path in PACKAGE.rglob("*.py")}
IMPORTS = [item for path in sorted(PACKAGE.rglob("*.py")) for item in imports_of(path)]


def layer_of(module: str) -> tuple[str, int] | None:
    """The longest prefix of ``module`` listed in :data:`LAYERS`, and its layer."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in LAYERS:
            return prefix, LAYERS[prefix]
    return None


def internal(item: Import) -> bool:
    return item.imported == "debate" or item.imported.startswith("debate.")


def within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_every_module_has_a_layer() -> None:
    missing = sorted(m for m in ALL_MODULES if layer_of(m) in (None, ("debate", 0)))
    missing = [m for m in missing if m != "debate"]
    assert not missing, (
        f"{missing}: give each a layer in LAYERS here and a place in docs/ARCHITECTURE.md"
    )


def test_imports_point_down_the_layers() -> None:
    wrong = []
    for item in filter(internal, IMPORTS):
        source, target = layer_of(item.importer), layer_of(item.imported)
        assert source is not None and target is not None, item
        if target[1] > source[1] or (source[0], target[0]) in SIDE_BY_SIDE:
            wrong.append(str(item))
        elif target[1] == source[1] == 5 and source[0] != target[0]:
            wrong.append(str(item))  # the app and a browser front end stay apart
    assert not wrong, "imports up the layers (docs/ARCHITECTURE.md):\n" + "\n".join(wrong)


def test_only_the_app_imports_textual() -> None:
    wrong = [
        str(item)
        for item in IMPORTS
        if within(item.imported, "textual")
        and not within(item.importer, "debate.tui")
        and not within(item.importer, "debate.serve")
    ]
    assert not wrong, "\n".join(wrong)


def test_only_the_open_command_reaches_into_the_app_and_only_when_it_runs() -> None:
    outside = [
        item
        for item in IMPORTS
        if within(item.imported, "debate.tui") and not within(item.importer, "debate.tui")
    ]
    wrong = [str(i) for i in outside if i.importer != "debate.commands.open" or i.at_top]
    assert not wrong, "\n".join(wrong)


def test_only_the_command_line_imports_the_commands() -> None:
    wrong = [
        str(item)
        for item in IMPORTS
        if within(item.imported, "debate.commands")
        and not within(item.importer, "debate.commands")
        and item.importer not in ("debate.cli", "debate.__main__")
    ]
    assert not wrong, "\n".join(wrong)


def command_modules() -> list[str]:
    from debate.cli import COMMANDS

    return ["debate.cli", "debate.commands", *(module for _, module, _ in COMMANDS)]


@pytest.mark.parametrize("module", command_modules())
def test_command_module_tops_stay_light(module: str) -> None:
    light = set(command_modules())
    wrong = []
    for item in IMPORTS:
        if item.importer != module or not item.at_top:
            continue
        top = item.imported.split(".")[0]
        if top == "__future__" or top in sys.stdlib_module_names:
            continue
        if item.imported in LIGHT_HELPERS or item.imported in light:
            continue
        wrong.append(str(item))
    assert not wrong, "import these inside run() instead:\n" + "\n".join(wrong)


def test_the_rules_see_what_they_check() -> None:
    """The reader finds imports at the top, in functions and under TYPE_CHECKING, resolves
    ``from package import module``, and the layer table covers the whole package."""
    by_importer = {(i.importer, i.imported, i.at_top) for i in IMPORTS}
    assert ("debate.commands.open", "debate.tui.app", False) in by_importer  # in run()
    assert ("debate.tui.screens.main", "debate.tui.filters", True) in by_importer
    assert ("debate.tui.search", "debate.tui.screens.main", False) in by_importer  # typing only
    assert ("debate.session", "debate.store", True) in by_importer
    assert len(ALL_MODULES) > 50 and all(layer_of(m) is not None for m in ALL_MODULES)


def _function_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                if in_function:
                    found.append(child)
            elif not (isinstance(child, ast.If) and _is_type_checking(child)):
                function = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
                visit(child, in_function or function)

    visit(tree, False)
    return found


def test_an_import_inside_a_function_says_why() -> None:
    """Imports go at the top; one kept in a function (a measured start-up cost, a command
    module's light top, a cycle) has a comment saying why, above its block or on its line."""
    silent = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").split("\n")
        tree = ast.parse("\n".join(lines), str(path))
        nodes = _function_imports(tree)
        import_lines = {n for node in nodes for n in range(node.lineno, node.end_lineno + 1)}
        for node in nodes:
            own = lines[node.lineno - 1 : node.end_lineno]
            above = node.lineno - 1
            while above in import_lines or (  # an earlier import of the same block
                not lines[above - 1].strip() and above - 1 in import_lines
            ):
                above -= 1
            if not any("#" in line for line in own) and not lines[above - 1].strip().startswith(
                "#"
            ):
                silent.append(f"{module_name(path)}:{node.lineno}")
    assert not silent, "move to the top, or say why not on the line above:\n" + "\n".join(silent)

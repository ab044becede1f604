"""No module uses another module's ``_private`` names (arsumm/ and benchmarks/).

A name that starts with one underscore belongs to the module (or package) that
defines it: ``arsumm.summarizer._Document`` may be used inside
``arsumm/summarizer.py`` only, ``arsumm._tfidf`` inside the ``arsumm`` package
only. The walk reads every module of ``arsumm/`` and ``benchmarks/`` with
:mod:`ast` (nothing is imported) and reports

- ``from x import _y`` and ``import x._y`` (or ``from x._y import z``) from
  outside ``x``;
- ``x._y`` where ``x`` is a first-party module bound by an import;
- ``obj._y`` on anything but ``self`` / ``cls``, where ``_y`` is a private
  attribute or method that only *other* modules' classes define (the way
  ``arsumm/batch.py`` calls ``summarizer._spans``).

Third-party private names (sumy's ``_get_best_sentences``, summa's
``_set_graph_edge_weights``, which the peer adapters need) are out of scope:
the rule is about our own boundaries.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("arsumm", "benchmarks")

#: Known uses of private names, as (using module, private name), e.g.
#: ``("arsumm.batch", "arsumm.summarizer:Summarizer._spans")``: to be removed by the
#: pipeline refactor, which emptied it (issue 12). An entry that is no longer needed
#: fails the test below.
ALLOWED: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Use:
    """One use of a private name: where, and whose name it is."""

    module: str
    line: int
    name: str  # "pkg.mod._x" (a module-level name or module) or "pkg.mod:Class._x"

    def __str__(self) -> str:
        return f"{self.module}:{self.line} uses {self.name}"


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _inside(module: str, owner: str) -> bool:
    """Whether ``module`` is ``owner`` or lies inside the package ``owner``."""
    return module == owner or module.startswith(owner + ".")


def _private_module_owner(dotted: str) -> tuple[str, str] | None:
    """For ``a.b._c.d`` return ``("a.b", "a.b._c")``: the first private part's container."""
    parts = dotted.split(".")
    for i, part in enumerate(parts):
        if _is_private(part):
            return ".".join(parts[:i]), ".".join(parts[: i + 1])
    return None


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


@dataclass
class Source:
    module: str
    path: Path
    tree: ast.Module
    is_package: bool


def _private_attributes(tree: ast.Module) -> dict[str, str]:
    """Private attributes and methods defined by the module's classes: ``{name: class}``."""
    found: dict[str, str] = {}
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        for node in ast.walk(cls):
            names: list[str] = []
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node in cls.body:
                names.append(node.name)
            elif isinstance(node, ast.AnnAssign | ast.Assign) and node in cls.body:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names += [t.id for t in targets if isinstance(t, ast.Name)]
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                if isinstance(node.value, ast.Name) and node.value.id == "self":
                    names.append(node.attr)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "__setattr__"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                names.append(node.args[1].value)  # object.__setattr__(self, "_x", ...)
            for name in names:
                if _is_private(name):
                    found.setdefault(name, cls.name)
    return found


def load_sources(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> list[Source]:
    """Parse every module of ``packages`` under ``root``."""
    sources = []
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            sources.append(Source(_module_name(path, root), path, tree, path.name == "__init__.py"))
    return sources


def private_uses(sources: list[Source], packages: tuple[str, ...] = PACKAGES) -> Iterator[Use]:
    """Every use of another module's private name in ``sources`` (first party: ``packages``)."""
    attributes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for source in sources:
        for name, cls in _private_attributes(source.tree).items():
            attributes[name].append((source.module, cls))
    for source in sources:
        yield from _uses_in(source, attributes, packages)


def _dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a chain of names and attributes, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return None if head is None else f"{head}.{node.attr}"
    return None


def _uses_in(
    source: Source, attributes: dict[str, list[tuple[str, str]]], packages: tuple[str, ...]
) -> Iterator[Use]:
    bound: dict[str, str] = {}  # local name -> first-party module it is bound to
    yield from _import_uses(source, packages, bound)
    yield from _attribute_uses(source, attributes, bound)


def _import_uses(source: Source, packages: tuple[str, ...], bound: dict[str, str]) -> Iterator[Use]:
    """Private modules and names imported from another module; fills ``bound``."""
    module = source.module

    def first_party(dotted: str) -> bool:
        return dotted.split(".")[0] in packages

    for node in ast.walk(source.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                owner = _private_module_owner(alias.name)
                if first_party(alias.name) and owner and not _inside(module, owner[0]):
                    yield Use(module, node.lineno, owner[1])
                if first_party(alias.name):
                    bound[alias.asname or alias.name.split(".")[0]] = (
                        alias.name if alias.asname else alias.name.split(".")[0]
                    )
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, source.is_package, node)
            if not first_party(target):
                continue
            owner = _private_module_owner(target)
            if owner and not _inside(module, owner[0]):
                yield Use(module, node.lineno, owner[1])
            for alias in node.names:
                if _is_private(alias.name) and not _inside(module, target):
                    yield Use(module, node.lineno, f"{target}.{alias.name}")
                bound[alias.asname or alias.name] = f"{target}.{alias.name}"


def _attribute_uses(
    source: Source, attributes: dict[str, list[tuple[str, str]]], bound: dict[str, str]
) -> Iterator[Use]:
    """Private attributes of another module's names or of objects of its classes."""
    module = source.module
    for node in ast.walk(source.tree):
        if not (isinstance(node, ast.Attribute) and _is_private(node.attr)):
            continue
        value = node.value
        dotted = _dotted(value)
        if dotted is not None and dotted.split(".")[0] in bound:
            root, _, rest = dotted.partition(".")
            target = ".".join(filter(None, (bound[root], rest)))
            if not _inside(module, target):
                yield Use(module, node.lineno, f"{target}.{node.attr}")
            continue
        if isinstance(value, ast.Name) and value.id in ("self", "cls"):
            continue
        is_call = isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
        if is_call and value.func.id == "super":  # type: ignore[attr-defined]
            continue
        owners = attributes.get(node.attr, [])
        if owners and all(owner != module for owner, _ in owners):
            # the object's class is not known statically: name every class that has it
            names = sorted(f"{owner}:{cls}.{node.attr}" for owner, cls in owners)
            yield Use(module, node.lineno, " or ".join(names))


def test_no_module_uses_another_modules_private_names() -> None:
    uses = list(private_uses(load_sources()))
    offending = [str(u) for u in uses if (u.module, u.name) not in ALLOWED]
    assert not offending, "private names used across modules:\n" + "\n".join(offending)


def test_allow_list_has_no_stale_entry() -> None:
    seen = {(u.module, u.name) for u in private_uses(load_sources())}
    stale = sorted(ALLOWED - seen)
    assert not stale, f"these uses are gone, remove them from ALLOWED: {stale}"


# -- the checker catches each pattern, on modules written here --------------------------

_LIBRARY = {
    "pkg/__init__.py": "",
    "pkg/_hidden.py": "def helper():\n    return 1\n",
    "pkg/core.py": (
        "from pkg._hidden import helper\n"  # inside the package: fine
        "_TABLE = {}\n"
        "class Engine:\n"
        "    def _step(self):\n"
        "        return self._state\n"
        "    def __init__(self):\n"
        "        self._state = 0\n"
        "        object.__setattr__(self, '_cache', {})\n"
        "    def run(self, other):\n"
        "        return other._step()\n"  # same module: fine
    ),
}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        pytest.param("from pkg.core import _TABLE\n", "pkg.core._TABLE", id="from-import"),
        pytest.param("from .core import _TABLE\n", "pkg.core._TABLE", id="relative-import"),
        pytest.param("import pkg.core\npkg.core._TABLE\n", "pkg.core._TABLE", id="attribute"),
        pytest.param("from pkg import core\ncore._TABLE\n", "pkg.core._TABLE", id="module-attr"),
        pytest.param("def f(engine):\n    engine._step()\n", "pkg.core:Engine._step", id="method"),
        pytest.param("def f(e):\n    return e._cache\n", "pkg.core:Engine._cache", id="setattr"),
        pytest.param("def f(e):\n    return e._state\n", "pkg.core:Engine._state", id="self-attr"),
        pytest.param("from other._hidden import x\n", "other._hidden", id="private-module"),
        pytest.param("import other._hidden\n", "other._hidden", id="import-private-module"),
    ],
)
def test_checker_reports(tmp_path: Path, code: str, expected: str) -> None:
    for name, text in {**_LIBRARY, "other/__init__.py": "", "other/_hidden.py": "x = 1\n"}.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    # the user sits in the other package, except where the code names that package
    user = "pkg/user.py" if "other._hidden" in code or "from ." in code else "other/user.py"
    (tmp_path / user).write_text(code, encoding="utf-8")
    packages = ("pkg", "other")
    uses = [u.name for u in private_uses(load_sources(tmp_path, packages), packages)]
    assert uses == [expected]


def test_checker_accepts_public_and_own_names(tmp_path: Path) -> None:
    for name, text in _LIBRARY.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "pkg" / "user.py").write_text(
        "from pkg.core import Engine\nimport json\njson._default_decoder\n"
        "class Mine(Engine):\n    def go(self):\n        return super()._step()\n",
        encoding="utf-8",
    )
    assert list(private_uses(load_sources(tmp_path, ("pkg",)), ("pkg",))) == []


# -- no import cycles ---------------------------------------------------------------------


def import_graph(
    sources: list[Source], packages: tuple[str, ...] = PACKAGES
) -> dict[str, set[str]]:
    """First-party module -> the first-party modules it imports, anywhere in its code.

    Imports inside functions count too (a lazy import only hides a cycle). ``from
    pkg import name`` is an edge to ``pkg.name`` when that is a module, else to ``pkg``.
    """
    modules = {s.module for s in sources}
    graph: dict[str, set[str]] = {s.module: set() for s in sources}
    for source in sources:
        for node in ast.walk(source.tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(source.module, source.is_package, node)
                for alias in node.names:
                    name = f"{base}.{alias.name}"
                    targets.append(name if name in modules else base)
            for target in targets:
                if target.split(".")[0] in packages and target in modules:
                    graph[source.module].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle() -> None:
    # before issue 12: benchmarks.methods <-> peers and speed <-> _speed_child
    graph = import_graph(load_sources())
    assert graph["benchmarks.methods"] >= {"benchmarks.interface", "benchmarks.peers"}
    assert cycles(graph) == []


def test_cycle_finder_finds_a_lazy_cycle(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "pkg" / "a.py").write_text("from pkg.b import x\n", encoding="utf-8")
    (tmp_path / "pkg" / "b.py").write_text("def x():\n    from pkg import a\n", encoding="utf-8")
    (tmp_path / "pkg" / "c.py").write_text("import pkg.a\n", encoding="utf-8")
    graph = import_graph(load_sources(tmp_path, ("pkg",)), ("pkg",))
    assert cycles(graph) == [["pkg.a", "pkg.b"]]

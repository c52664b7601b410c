#!/usr/bin/env python3
"""Check that the house's layout shows its architecture.

1. No import circle between the files of any Rust crate of the workspace, nor
   between the modules of the Python package: a file may use another only if that
   one does not, directly or through others, use it back. Rust edges are the
   `mod` declarations and every `crate::`, `super::` and `self::` path (and a
   module's own children named bare); test modules (`#[cfg(test)]`) are left out.
   Python edges are the package-relative imports, wherever they stand, except
   those under `if TYPE_CHECKING:`.
2. The bindings keep their rooms small: every file of measures-ffi/src under 400
   lines, and measures-cli/src/main.rs under 150 (it only parses and dispatches).

Run from anywhere: python3 scripts/check_layout.py. It prints each circle it finds
(and each room too large) and exits 1 if there is one.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRATES = ["measures-core", "measures-render", "measures-cli", "measures-ffi", "measures-py", "measures-alloc"]
PYTHON_PACKAGE = ROOT / "python" / "measures"
LIMITS = [("measures-ffi/src/**/*.rs", 400), ("measures-cli/src/main.rs", 150)]


def strip_rust(text: str) -> str:
    """Rust source without comments, string literals and `#[cfg(test)]` items."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r'r#*"(?:.|\n)*?"#*', '""', text)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    text = re.sub(r"'(?:\\.|[^'\\])'", "' '", text)
    # Drop a `#[cfg(test)]` item (usually `mod tests { ... }`) by brace matching.
    out, i = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]", text):
        if m.start() < i:
            continue
        out.append(text[i : m.start()])
        j = text.find("{", m.end())
        semi = text.find(";", m.end())
        if j == -1 or (semi != -1 and semi < j):
            i = semi + 1
            continue
        depth = 0
        for k in range(j, len(text)):
            depth += {"{": 1, "}": -1}.get(text[k], 0)
            if depth == 0:
                i = k + 1
                break
    out.append(text[i:])
    return "".join(out)


def rust_modules(crate: Path) -> dict[tuple[str, ...], Path]:
    """Module path -> file, following `mod name;` from lib.rs or main.rs."""
    src = crate / "src"
    roots = [p for p in (src / "lib.rs", src / "main.rs") if p.exists()]
    modules: dict[tuple[str, ...], Path] = {}
    stack = [((), root) for root in roots]
    while stack:
        path, file = stack.pop()
        if path in modules:
            continue
        modules[path] = file
        base = file.parent if file.name in ("lib.rs", "main.rs", "mod.rs") else file.with_suffix("")
        for m in re.finditer(r"(?m)^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;", strip_rust(file.read_text())):
            name = m.group(1)
            for child in (base / f"{name}.rs", base / name / "mod.rs"):
                if child.exists():
                    stack.append((path + (name,), child))
                    break
    return modules


def rust_edges(crate: Path) -> dict[Path, set[Path]]:
    modules = rust_modules(crate)
    by_file = {file: path for path, file in modules.items()}
    edges: dict[Path, set[Path]] = {file: set() for file in by_file}

    def resolve(parts: list[str]) -> Path | None:
        for k in range(len(parts), -1, -1):
            if tuple(parts[:k]) in modules:
                return modules[tuple(parts[:k])]
        return None

    for file, path in by_file.items():
        text = strip_rust(file.read_text())
        children = {p[-1] for p in modules if len(p) == len(path) + 1 and p[: len(path)] == path}
        for child in children:
            edges[file].add(modules[path + (child,)])
        for m in re.finditer(r"\b(crate|super|self)((?:::\w+)+)", text):
            head, rest = m.group(1), m.group(2).split("::")[1:]
            if head == "crate":
                base = []
            elif head == "self":
                base = list(path)
            else:
                base = list(path[:-1])
                while rest and rest[0] == "super":
                    base, rest = base[:-1], rest[1:]
            target = resolve(base + rest)
            if target is not None and target != file:
                edges[file].add(target)
        # `use child::...` and `pub use child::...` inside a module name its children bare.
        for m in re.finditer(r"\buse\s+(\w+)::", text):
            if m.group(1) in children:
                edges[file].add(modules[path + (m.group(1),)])
        # Grouped uses: `use super::{a, B}` name sibling modules, or items of the
        # module itself (which is then the one used).
        for m in re.finditer(r"\b(super|crate|self)::\{([^}]*)\}", text):
            head = m.group(1)
            base = [] if head == "crate" else list(path) if head == "self" else list(path[:-1])
            for item in re.findall(r"(?:^|,|\{)\s*(\w+)", m.group(2)):
                target = modules.get(tuple(base + [item])) or resolve(base)
                if target is not None and target != file:
                    edges[file].add(target)
    return edges


def python_edges(package: Path) -> dict[Path, set[Path]]:
    files = {p.stem if p.name != "__init__.py" else "__init__": p for p in package.glob("*.py")}
    edges: dict[Path, set[Path]] = {p: set() for p in files.values()}

    def type_checking_lines(tree: ast.AST) -> set[int]:
        lines: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                for child in node.body:
                    lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
        return lines

    for name, file in files.items():
        tree = ast.parse(file.read_text())
        skip = type_checking_lines(tree)
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level == 1 or module.startswith(package.name):
                    module = module.removeprefix(package.name).lstrip(".")
                    if module:
                        targets.append(module.split(".")[0])
                    else:
                        targets += [a.name if a.name in files else "__init__" for a in node.names]
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith(package.name + "."):
                        targets.append(alias.name.split(".")[1])
            for target in targets:
                if target in files and files[target] != file:
                    edges[file].add(files[target])
    return edges


def circles(edges: dict[Path, set[Path]]) -> list[list[Path]]:
    """Strongly connected components of more than one file (Tarjan)."""
    index: dict[Path, int] = {}
    low: dict[Path, int] = {}
    stack: list[Path] = []
    on_stack: set[Path] = set()
    found: list[list[Path]] = []
    counter = [0]

    def visit(v: Path) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
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

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def main() -> int:
    problems = 0
    graphs = [(crate, rust_edges(ROOT / crate)) for crate in CRATES]
    graphs.append(("python/measures", python_edges(PYTHON_PACKAGE)))
    for name, edges in graphs:
        for component in circles(edges):
            problems += 1
            rel = [str(p.relative_to(ROOT)) for p in component]
            print(f"import circle in {name}: " + " <-> ".join(rel))
            for a in component:
                for b in sorted(edges[a] & set(component)):
                    print(f"    {a.relative_to(ROOT)} uses {b.relative_to(ROOT)}")
    for pattern, limit in LIMITS:
        for file in sorted(ROOT.glob(pattern)):
            lines = len(file.read_text().splitlines())
            if lines > limit:
                problems += 1
                print(f"{file.relative_to(ROOT)}: {lines} lines, over the {limit} its room allows")
    files = sum(len(edges) for _, edges in graphs)
    if problems:
        print(f"{problems} layout problem(s)")
        return 1
    print(f"layout: no import circle among {files} files in {len(graphs)} packages; rooms within their sizes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

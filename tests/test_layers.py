"""Imports point one way: document < readers < ocr < extract < rules < pipeline < store < review/export < app.

Every ``desktop`` import of every module counts, the ones inside functions too (the core imports
lazily to start fast), so a lazy import cannot hide a dependency that runs the wrong way.
"""

from __future__ import annotations

import ast

from conftest import ROOT

# Lowest first. Modules in the same layer may import each other; a module may import only its
# own layer and those below. The base layer is what every reader may use: the document model,
# layouts and values, the findings and report types.
LAYERS = [
    ("document", ["desktop", "document", "errors", "findings", "catalogue", "layouts", "resources", "report", "values",
                  "labels", "files", "provenance", "geometry", "grid", "pdfium_lock", "limits"]),
    ("readers", ["readers"]),
    ("ocr", ["ocr"]),
    ("extract", ["extract", "mapping", "structure", "metadata", "cell_sheet", "readings"]),
    ("rules", ["rules"]),
    ("pipeline", ["pipeline", "batch"]),
    ("store", ["store"]),
    ("review/export", ["review", "export"]),
    ("app", ["gui", "cli", "selfcheck"]),
]


def layer_of(module: str) -> int:
    """The layer of a dotted module name (desktop.core.readers.pdf → readers)."""
    parts = module.split(".") + ["", ""]
    name = (parts[2] if parts[1] == "core" else parts[1]) or "desktop"
    for index, (_, members) in enumerate(LAYERS):
        if name in members:
            return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def module_name(path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("desktop"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("desktop"))
    return found


def wrong_way() -> list[str]:
    out = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        module = module_name(path)
        for imported in sorted(imports_of(path)):
            if layer_of(imported) > layer_of(module):
                out.append(f"{module} ({LAYERS[layer_of(module)][0]}) imports {imported} "
                           f"({LAYERS[layer_of(imported)][0]})")
    return out


def test_imports_point_one_way():
    assert wrong_way() == []


def test_every_module_has_a_layer():
    for path in (ROOT / "desktop").rglob("*.py"):
        layer_of(module_name(path))


def test_the_contract_catches_a_reader_importing_ocr():
    assert layer_of("desktop.core.ocr") > layer_of("desktop.core.readers.pdf")
    assert layer_of("desktop.gui.qt") > layer_of("desktop.core.export.tables") > layer_of("desktop.core.store.store")
    assert layer_of("desktop.core.readers.pdf_words") < layer_of("desktop.core.ocr.layout")


def test_the_database_neither_reads_files_nor_runs_rules():
    """The store package's database modules use only the base layer; reading files and running
    the rules belong to its operation modules (importing, edits, checking)."""
    for name in ("store", "schema", "serialise", "paths"):
        path = ROOT / "desktop" / "core" / "store" / f"{name}.py"
        above = [m for m in imports_of(path) if layer_of(m) > 0 and not m.startswith("desktop.core.store")]
        assert above == [], f"desktop.core.store.{name} imports {above}"

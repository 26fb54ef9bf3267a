"""The layout of ARCHITECTURE.md, checked on the import graph so it cannot silently decay.

Every import of our own packages is read from the source (``ast``, nothing is imported), at
module level and inside functions alike: a deferred import is still a dependency.
"""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("accounts", "ingest", "models_ml", "pipeline", "scoring", "express", "lending", "dashboards")
OURS = (*APPS, "credsly")

# ARCHITECTURE.md, "Never": (importing app, imported apps).
NEVER = {app: {"dashboards"} for app in APPS if app != "dashboards"}
NEVER["ingest"] |= {"models_ml", "scoring", "pipeline"}
NEVER["models_ml"] |= set(OURS) - {"models_ml"}
NEVER["scoring"] |= {"pipeline", "express", "lending"}


def _modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """Our modules ``name`` imports (``from a.b import c`` counts as ``a.b`` and ``a.b.c``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets.add(base)
            targets |= {f"{base}.{alias.name}" for alias in node.names}
    return {t for t in targets if t.split(".")[0] in OURS}


MODULES = _modules()
GRAPH = {name: _imports(name, path) & set(MODULES) | {t for t in _imports(name, path) if t.split(".")[0] not in APPS}
         for name, path in MODULES.items()}


def test_no_app_imports_what_the_architecture_forbids():
    broken = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if target.split(".")[0] in NEVER.get(module.split(".")[0], set())
    )
    assert broken == []


def test_no_two_modules_import_each_other_except_services_and_tasks():
    pairs = {
        tuple(sorted((a, b)))
        for a, targets in GRAPH.items()
        for b in targets
        if b in GRAPH and a in GRAPH[b] and a != b
    }
    allowed = {p for p in pairs if {m.rpartition(".")[2] for m in p} == {"services", "tasks"}}
    assert sorted(pairs - allowed) == []


def test_the_checker_reads_relative_deferred_and_from_imports(tmp_path):
    module = tmp_path / "service.py"
    module.write_text(
        "import pipeline.models\n"
        "from ..models import Thing\n"
        "def later():\n"
        "    from dashboards import views\n"
    )
    found = _imports("scoring.fuzzy.service", module)
    assert {"pipeline.models", "scoring.models", "scoring.models.Thing", "dashboards", "dashboards.views"} <= found
    assert {t.split(".")[0] for t in found} & NEVER["scoring"] == {"pipeline", "dashboards"}

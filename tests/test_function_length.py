"""No function of the apps' code runs over 60 lines (STYLE.md: short functions, named for
what they decide). Read from the source with ``ast``; migrations are generated, not written.
"""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 60
APPS = ("accounts", "ingest", "models_ml", "pipeline", "scoring", "express", "lending", "dashboards", "credsly")


def long_functions(folder: Path, root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_LINES:
                    found.append(f"{path.relative_to(root)}:{node.lineno} {node.name} ({lines} lines)")
    return found


def test_no_function_runs_over_60_lines():
    offenders = [line for app in APPS for line in long_functions(ROOT / app)]
    assert not offenders, "functions over 60 lines:\n" + "\n".join(offenders)


def test_the_rule_catches_a_long_function(tmp_path):
    body = "\n".join(f"    x{k} = {k}" for k in range(MAX_LINES))
    (tmp_path / "module.py").write_text(f"def short():\n    return 1\n\n\ndef long():\n{body}\n")
    assert long_functions(tmp_path, root=tmp_path) == ["module.py:5 long (61 lines)"]

"""Meta-tests: the layout keeps its promises."""

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGES = sorted((ROOT / "pages").glob("*.py"))
GUARDS = {"require_role", "require_admin", "allow_public"}


def python_files(*folders: str) -> list[Path]:
    return [path for folder in folders for path in (ROOT / folder).rglob("*.py")]


WIRE_CLIENT = ROOT / "bench" / "wire.py"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    return imported | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}


@pytest.mark.parametrize(
    "path", [p for p in python_files("netral", "db") if p != WIRE_CLIENT], ids=lambda p: str(p.relative_to(ROOT))
)
def test_domain_and_persistence_never_import_streamlit(path):
    assert "streamlit" not in {name.split(".")[0] for name in imported_modules(path)}


def test_the_load_generator_takes_only_streamlits_protocol_messages():
    from_streamlit = {name for name in imported_modules(WIRE_CLIENT) if name.split(".")[0] == "streamlit"}
    assert from_streamlit and all(name.startswith("streamlit.proto.") for name in from_streamlit)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_page_starts_with_its_own_role_guard(path):
    body = [node for node in ast.parse(path.read_text()).body if not isinstance(node, ast.Import | ast.ImportFrom)]
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    first = body[0]
    call = first.value if isinstance(first, ast.Expr | ast.Assign) else None
    assert isinstance(call, ast.Call) and getattr(call.func, "id", None) in GUARDS, f"{path.name} must call a guard first"


def test_pages_never_build_sql_statements():
    for path in PAGES:
        source = path.read_text()
        assert "select(" not in source and "from sqlalchemy" not in source, path.name


def test_every_page_file_is_registered_in_app_navigation():
    app = (ROOT / "app.py").read_text()
    for path in PAGES:
        assert f'"pages/{path.name}"' in app, path.name

"""Meta-tests: the layout keeps its promises (docs/architecture.md describes what they hold)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGES = sorted((ROOT / "pages").glob("*.py"))
UI_MODULES = sorted((ROOT / "pages" / "ui").glob("*.py"))
GUARDS = {"require_role", "require_admin", "allow_public"}
CONTEXTS = ("core", "identity", "people", "content", "quizzes", "cycles", "certificates", "learning", "sosialisasi", "hr")
# Who may import whom, inside netral/. A context's own modules always may. The composition roots
# (cli/, startup, demo, __main__) wire everything together and may import any context.
ALLOWED = {
    "core": set(),
    "identity": {"core"},
    "people": {"core", "identity"},
    "content": {"core", "identity", "people"},
    "quizzes": {"core", "identity", "people", "content"},
    "cycles": {"core", "identity", "people"},
    "certificates": {"core", "identity", "people", "cycles"},
    "learning": {"core", "identity", "people", "content", "quizzes", "cycles", "certificates"},
    # The event's papers print with the certificates' fonts; questions written for an event cite the bank's sources.
    "sosialisasi": {"core", "identity", "people", "content", "cycles", "certificates"},
    "hr": {"core", "identity", "people", "content", "quizzes", "cycles", "certificates", "learning", "sosialisasi"},
}
ROOTS = {"cli", "startup", "demo", "__main__", "__init__"}
PAGE_LINES, MODULE_LINES = 60, 250
# Modules allowed past the size limit, each with its reason (none today; add one only with a reason).
LARGE_MODULES: dict[str, str] = {
    "netral/core/enums.py": "the one list of every domain value in the strings the database stores, with their "
    "Indonesian labels: a list of short enums, one place to look a stored value up, nothing to split but the list",
    "netral/people/roster/reading.py": "the one boundary where a hostile roster file is read: every limit beside the "
    "code it guards, top to bottom (docs/security.md points here)",
}
# Exception classes in netral/ that are not domain refusals, and why.
NOT_REFUSALS = {
    "Refusal": "the one base class itself",
    "NotWired": "a wiring mistake of the programmer (an event nobody subscribed to), never shown to a user",
    "_Unsupported": "control flow inside the GIFT reader; becomes an ImportProblem naming line and reason",
    "_Unreadable": "control flow inside the roster reader; becomes a RosterProblem naming row and reason",
    "IsolationFailed": "a parser's own bug surfacing from the worker process; the page's error boundary logs it with an id",
}


def python_files(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
            imported |= {f"{node.module}.{alias.name}" for alias in node.names}
    return imported


def context_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "netral" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in CONTEXTS else "root"


def label(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", python_files("netral"), ids=label)
def test_contexts_import_only_in_the_allowed_direction(path):
    parts = path.relative_to(ROOT / "netral").with_suffix("").parts
    own = parts[0] if parts[0] in CONTEXTS else "root"
    if own == "root":
        assert parts[0] in ROOTS, f"{label(path)}: a module outside the contexts must be a composition root"
        return
    wrong = {
        module
        for module in imported_modules(path)
        if (other := context_of(module)) not in (None, own) and other not in ALLOWED[own]
    }
    assert not wrong, f"{label(path)} ({own}) imports against the allowed direction: {sorted(wrong)}"


@pytest.mark.parametrize("path", python_files("netral", "db"), ids=label)
def test_domain_and_persistence_never_import_streamlit_or_the_benchmarks(path):
    roots = {name.split(".")[0] for name in imported_modules(path)}
    assert "streamlit" not in roots
    assert "bench" not in roots or label(path) == "netral/cli/bench.py", "only the bench command reaches bench/"


@pytest.mark.parametrize("path", python_files("db"), ids=label)
def test_persistence_takes_only_the_domain_values_from_netral(path):
    from_netral = {m for m in imported_modules(path) if m.startswith("netral")}
    assert from_netral <= {"netral.core.enums", "netral.core.enums.QuizKind", "netral.core.enums.Role"} | {
        f"netral.core.enums.{name}" for name in ("CertificateStatus",)
    } | {"netral.core.cycle_enums", "netral.core.cycle_enums.OutboxStatus"}, sorted(from_netral)


def test_importing_all_of_netral_loads_no_streamlit():
    code = (
        "import importlib, pkgutil, sys, netral\n"
        "for m in pkgutil.walk_packages(netral.__path__, 'netral.'):\n"
        "    if m.name != 'netral.__main__': importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] == 'streamlit'))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_the_load_generator_takes_only_streamlits_protocol_messages():
    for path in python_files("bench"):
        from_streamlit = {name for name in imported_modules(path) if name.split(".")[0] == "streamlit"}
        assert all(name.startswith("streamlit.proto.") for name in from_streamlit), label(path)


@pytest.mark.parametrize("path", python_files("netral"), ids=label)
def test_services_refuse_with_the_one_refusal_type_and_never_assert(path):
    tree = ast.parse(path.read_text())
    assert not [node for node in ast.walk(tree) if isinstance(node, ast.Assert)], f"{label(path)} uses assert"
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name not in NOT_REFUSALS:
            bases = {getattr(base, "id", getattr(base, "attr", "")) for base in node.bases}
            assert not bases & {"Exception", "ValueError", "PermissionError", "RuntimeError"}, (
                f"{label(path)}: {node.name} must subclass netral.core.errors.Refusal"
            )


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_page_starts_with_its_own_role_guard(path):
    body = [node for node in ast.parse(path.read_text()).body if not isinstance(node, ast.Import | ast.ImportFrom)]
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    first = body[0]
    call = first.value if isinstance(first, ast.Expr | ast.Assign) else None
    assert isinstance(call, ast.Call) and getattr(call.func, "id", None) in GUARDS, f"{path.name} must call a guard first"


@pytest.mark.parametrize("path", [*PAGES, *UI_MODULES, ROOT / "app.py"], ids=label)
def test_pages_reach_the_database_only_through_services(path):
    imported = imported_modules(path)
    typing_only = {"sqlalchemy", "sqlalchemy.Engine", "sqlalchemy.Connection", "sqlalchemy.orm", "sqlalchemy.orm.Session"}
    reaching = {m for m in imported if m.startswith(("db.queries", "db.models", "sqlalchemy"))} - typing_only
    assert not reaching, f"{label(path)} reads the database itself: {sorted(reaching)}"
    assert label(path) == "pages/ui/service.py" or not {"db.reading", "db.transaction"} & imported, (
        f"{label(path)}: transactions are opened by pages/ui/service.py only"
    )


@pytest.mark.parametrize("path", [*PAGES, *UI_MODULES, ROOT / "app.py"], ids=label)
def test_session_state_is_touched_only_by_the_state_module(path):
    if label(path) == "pages/ui/state.py":
        return
    assert "session_state" not in path.read_text(), f"{label(path)}: use pages/ui/state.py"


@pytest.mark.parametrize("path", [*PAGES, *UI_MODULES], ids=label)
def test_pages_always_act_as_the_logged_in_user(path):
    assert "actor=None" not in path.read_text(), f"{label(path)}: actor=None is the command-line operator, not a page"


# Pages whose menu entry the coordinator adds at merge (pages/ui/menu.py is being re-laid out by issue 19 at the same time).
def test_every_page_file_is_in_the_menu():
    menu = (ROOT / "pages" / "ui" / "menu.py").read_text()
    for path in PAGES:
        assert f'_page("{path.stem}",' in menu, path.name


def test_pages_and_modules_stay_small():
    too_long = [
        f"{label(path)}: {lines} lines (limit {limit})"
        for path, limit in [(p, PAGE_LINES) for p in PAGES]
        + [(p, MODULE_LINES) for p in python_files("netral", "db", "bench") + UI_MODULES if "migrations" not in p.parts]
        if (lines := len(path.read_text().splitlines())) > limit and label(path) not in LARGE_MODULES
    ]
    assert not too_long, "split these (or name them in LARGE_MODULES with a reason):\n" + "\n".join(too_long)

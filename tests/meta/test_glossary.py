"""The glossary holds: every text the interface shows uses the agreed term, never a discouraged variant."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.meta.glossary import GLOSSARY, discouraged_variants

UI_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py"))]
# Arguments that hold identifiers, paths, icons or code rather than words a person reads.
TECHNICAL_KEYWORDS = {
    "key", "icon", "url_path", "mime", "type", "file_name", "format", "width", "height", "color",
    "on_click", "icon_position", "label_visibility", "selection_mode", "data", "js", "css",
}  # fmt: skip
CODE_CONSTANT = re.compile(r"(^|_)(JS|CSS|HTML)$")
IDENTIFIER = re.compile(r"^[\w./:-]*[./:_][\w./:-]*$")  # "pages/kuis.py", ":material/quiz:", "netral_user"


def shown_strings(source: str) -> list[tuple[int, str]]:
    """Every string a person may read in a UI module, with its line (docstrings, keys, paths and code left out)."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(part.value if isinstance(part, ast.Constant) else " {} " for part in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and not isinstance(parents.get(node), ast.JoinedStr):
            text = node.value
        else:
            continue
        if id(node) in docstrings or IDENTIFIER.match(text) or _is_technical(node, parents):
            continue
        found.append((node.lineno, str(text)))
    return found


def _is_technical(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    parent = parents.get(node)
    if isinstance(parent, ast.keyword):
        return parent.arg in TECHNICAL_KEYWORDS
    if isinstance(parent, ast.Dict):
        return any(key is node for key in parent.keys)
    if isinstance(parent, ast.Subscript):
        return parent.slice is node
    if isinstance(parent, ast.Assign):
        return any(isinstance(target, ast.Name) and CODE_CONSTANT.search(target.id) for target in parent.targets)
    return False


def glossary_breaches(path: Path) -> list[str]:
    """One line per discouraged variant in the file's visible texts: file, line, variant and the term to use."""
    name = path.relative_to(ROOT)
    return [
        f"{name}:{line}: «{variant}» → gunakan «{term}» ({text.strip()[:70]!r})"
        for line, text in shown_strings(path.read_text())
        for variant, term in discouraged_variants(text)
    ]


def test_every_visible_text_in_the_app_and_pages_uses_the_glossary_terms():
    breaches = [breach for path in UI_FILES for breach in glossary_breaches(path)]
    assert not breaches, "Istilah yang tidak sesuai glosarium (tests/meta/glossary.py):\n" + "\n".join(breaches)


def test_the_scan_reads_labels_and_messages_and_skips_keys_icons_paths_and_docstrings():
    source = '''"""A quiz page (docstring: not shown)."""
import streamlit as st
_CSS = "[data-testid=x] { font-size: 1rem }"
st.title("Mulai Quiz")
st.page_link("pages/kuis.py", label="Buka kuis", icon=":material/quiz:")
st.session_state["quiz"] = 1
choices = {"quiz": "Kuis modul"}
st.info(f"Hubungi {name} di OPD Anda.")
st.caption("Kolom `OPD` dan `SKPD` juga dikenali.")
'''
    texts = dict(shown_strings(source))
    assert texts[4] == "Mulai Quiz" and texts[5] == "Buka kuis" and texts[7] == "Kuis modul"
    assert "OPD Anda" in texts[8] and 1 not in texts and 3 not in texts and 6 not in texts
    assert [variant for line, text in shown_strings(source) for variant, _ in discouraged_variants(text)] == ["Quiz", "OPD"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tanda tangani Fakta Integritas sekarang", [("Fakta Integritas", "pakta integritas")]),
        ("Mulai Quiz", [("Quiz", "kuis")]),
        ("Ikuti post-test setelah modul", [("post-test", "ujian sertifikasi")]),
        ("Rekap per OPD dan satker", [("OPD", "perangkat daerah"), ("satker", "unit kerja")]),
        ("Unduh e-sertifikat Anda", [("e-sertifikat", "sertifikat")]),
        ("Masukkan password Anda", [("password", "kata sandi")]),
    ],
)
def test_a_discouraged_variant_is_named_with_the_term_to_use(text, expected):
    assert discouraged_variants(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ujian sertifikasi terbuka setelah Anda lulus semua kuis modul.",
        "Tanda tangani pakta",
        "Perangkat daerah / unit kerja",
        "Pegawai aktif yang belum memegang sertifikat sah",
        "Kembali ke materi",
        "JP (jam pelajaran) ujian",
        "Contoh kepala kolom: `NIP;Nama;Jabatan;Unit Kerja;OPD`.",
        "Cari nama, NIP, atau nomor",
        "Misalnya tambahan waktu karena tugas dinas.",
    ],
)
def test_words_that_are_right_in_context_pass(text):
    assert discouraged_variants(text) == []


def test_no_term_is_discouraged_by_another_and_every_term_is_explained():
    assert [term.term for term in GLOSSARY] == sorted({term.term for term in GLOSSARY}, key=[t.term for t in GLOSSARY].index)
    for term in GLOSSARY:
        assert term.meaning.endswith(".") and term.avoid, term.term
        assert discouraged_variants(term.term) == [] and discouraged_variants(term.meaning) == [], term.term


def test_a_variant_inside_a_longer_one_is_named_once():
    assert discouraged_variants("Jadwal tes akhir dan post test") == [
        ("tes akhir", "ujian sertifikasi"),
        ("post test", "ujian sertifikasi"),
    ]
    assert discouraged_variants("Data satuan kerja perangkat daerah") == [("satuan kerja perangkat daerah", "perangkat daerah")]

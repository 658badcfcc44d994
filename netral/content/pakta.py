"""The text of the Pakta Integritas Netralitas ASN, kept as content beside the question bank."""

from __future__ import annotations

from pathlib import Path

PAKTA_FILE = "pakta-integritas.md"


def pakta_text(questions_dir: Path) -> str:
    """Read the pakta the agency asks peserta to sign."""
    return (questions_dir / PAKTA_FILE).read_text(encoding="utf-8-sig")

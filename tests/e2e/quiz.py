"""Helpers for answering the fixture bank's quizzes in the browser and reading a certificate's QR code."""

from __future__ import annotations

import subprocess
from pathlib import Path

from playwright.sync_api import Page

from tests.e2e.conftest import main_text, settle, shown

# The fixture bank's keys, by question text (tests/fixtures/bank/modules).
RIGHT = {
    "Soal pilihan tunggal?": ["Jawaban benar"],
    "Soal pilih semua yang benar?": ["Benar pertama", "Benar kedua"],
    "Pernyataan ini salah.": ["Salah"],
    "Soal keempat?": ["Benar B"],
    "Soal kelima?": ["Benar C"],
    "Soal lanjut satu?": ["Benar"],
    "Pernyataan lanjut ini benar.": ["Benar"],
    # The exam pool (issue 14): only the exam shows these.
    "Soal ujian dasar satu?": ["Sahih ujian satu"],
    "Soal ujian dasar dua, pilih semua yang benar?": ["Sahih dua A", "Sahih dua B"],
    "Pernyataan ujian dasar tiga benar.": ["Benar"],
    "Soal ujian dasar empat?": ["Sahih ujian empat"],
    "Soal ujian lanjut satu?": ["Sahih ujian lanjut"],
    "Pernyataan ujian lanjut dua keliru.": ["Salah"],
    "Soal ujian lanjut tiga?": ["Sahih lanjut tiga"],
}


def read_module_in_browser(page: Page) -> None:
    """Tap Berikutnya through a module's sections until the last one (where "Mulai kuis" first appears)."""
    settle(page)
    forward = page.get_by_role("button", name="Berikutnya")
    while forward.count() and forward.first.is_enabled():
        forward.first.click()
        settle(page)


def current_question(page: Page) -> str:
    text = main_text(page)
    return next(question for question in RIGHT if question in text)


def option(page: Page, label: str):
    multiple = page.get_by_text("Pilih semua jawaban yang benar.").count() > 0
    return page.get_by_role("checkbox" if multiple else "radio", name=label, exact=True)


def choose(page: Page, labels: list[str]) -> None:
    for label in labels:
        option(page, label).check(force=True)
        settle(page)


def answered(page: Page, count: int, total: int = 5) -> None:
    shown(page, f"{count} dari {total} soal terjawab")


def next_question(page: Page, number: int, total: int = 5) -> None:
    page.get_by_role("button", name="Berikutnya").click()
    shown(page, f"Soal {number} dari {total}")


def take_quiz_in_browser(page: Page, total: int, *, refresh_at: int | None = None) -> None:
    """Answer every question of the quiz on screen with the key, then submit."""
    for index in range(total):
        choose(page, RIGHT[current_question(page)])
        answered(page, index + 1, total)
        if index == refresh_at:  # a refresh mid-quiz keeps the login, the question and the answers
            page.reload()
            settle(page)
            answered(page, index + 1, total)
            shown(page, f"Soal {index + 1} dari {total}")
        if index < total - 1:
            next_question(page, index + 2, total)
    page.get_by_role("button", name="Selesai, kirim jawaban").click()
    page.get_by_role("button", name="Ya, kirim sekarang").click()
    shown(page, "Selamat, Anda lulus")


def qr_link(pdf: Path) -> str:
    """Decode the QR code printed on the certificate, as a phone camera would."""
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(pdf.with_suffix(""))], check=True)
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(pdf.with_suffix("")) + "-1.png"], check=True, capture_output=True, text=True
    )
    return decoded.stdout.strip()

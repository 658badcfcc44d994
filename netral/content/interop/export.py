"""Write exported questions in the format asked for."""

from __future__ import annotations

from netral.content.interop.aiken import write_aiken
from netral.content.interop.gift_writer import write_gift
from netral.content.interop.model import BankQuestion
from netral.content.interop.xlsx import write_question_xlsx


def export_questions(
    questions: list[BankQuestion], file_format: str, *, modules: list[str], categories: list[str]
) -> tuple[bytes, list[str]]:
    """Return the file's bytes and the keys of questions the format cannot hold."""
    if file_format == "gift":
        return write_gift(questions).encode("utf-8"), []
    if file_format == "aiken":
        text, skipped = write_aiken(questions)
        return text.encode("utf-8"), skipped
    if file_format == "xlsx":
        return write_question_xlsx(questions, modules=modules, categories=categories), []
    raise ValueError(f"format tidak dikenal: {file_format}")
